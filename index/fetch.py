"""Fetching a UN document's official PDF by symbol from the Official Document System, into a cache in the data dir.

The path is the one the UN library's own tools use: `/api/symbol/access?s=<symbol>&l=<lang>&t=pdf` (it redirects
to the file). Known behaviour handled here: a 200 with an empty or non-PDF body for symbols not published in that
language (the `%PDF` magic is checked, not only the status), 429/202 while throttling (bounded back-off, then a
clear message), and 2016-era links that say `ch` for Chinese.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import httpx

from index.errors import FetchError, InputError
from index.symbols import symbol_file_stem

DEFAULT_BASE_URL = "https://documents.un.org"
_LANGS = {"zh": "zh", "ch": "zh", "en": "en"}
_RETRIES = 3


def _seconds(header: str | None, default: float) -> float:
    try:
        return float(header) if header else default
    except ValueError:  # an HTTP date: wait the default
        return default


@dataclass(frozen=True)
class Fetched:
    symbol: str
    lang: str
    path: Path
    url: str
    sha256: str


def ods_symbol(symbol: str) -> str:
    """The symbol as ODS knows it: qualifiers such as ' (Part I)' are not part of it."""
    return symbol.split(" (")[0].strip()


def language(code: str) -> str:
    try:
        return _LANGS[code.strip().lower()]
    except KeyError:
        raise InputError(f"Unknown language {code!r}: use zh (or ch) or en.") from None


def _cache_name(symbol: str, lang: str) -> str:
    """One file per symbol and language: A/71/1 and A/71-1 never share one (see `symbol_file_stem`)."""
    return f"{symbol_file_stem(symbol)}_{lang}.pdf"


class Fetcher:
    def __init__(
        self,
        cache_dir: Path,
        base_url: str = DEFAULT_BASE_URL,
        timeout_s: float = 60.0,
        max_bytes: int = 50 * 1024 * 1024,
    ) -> None:
        self.cache_dir = cache_dir
        self.base_url = base_url.rstrip("/")
        self.timeout_s = timeout_s
        self.max_bytes = max_bytes

    def url(self, symbol: str, lang: str) -> str:
        return f"{self.base_url}/api/symbol/access?s={quote(ods_symbol(symbol), safe='')}&l={lang}&t=pdf"

    def fetch(self, symbol: str, lang: str) -> Fetched:
        """Download one PDF (or fail with a FetchError); the cache keeps it with its URL and checksum."""
        lang = language(lang)
        url = self.url(symbol, lang)
        body = self._download(url, symbol, lang)
        if not body.startswith(b"%PDF"):
            raise FetchError(
                f"{symbol} ({lang}): the document system returned no PDF; it may not be published in that language."
            )
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        path = self.cache_dir / _cache_name(symbol, lang)
        tmp = path.with_name(path.name + ".part")
        tmp.write_bytes(body)
        tmp.replace(path)
        digest = hashlib.sha256(body).hexdigest()
        meta = {
            "symbol": symbol,
            "lang": lang,
            "url": url,
            "sha256": digest,
            "fetched_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        }
        path.with_suffix(".json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
        return Fetched(symbol, lang, path, url, digest)

    def _download(self, url: str, symbol: str, lang: str) -> bytes:
        attempt, delay = 0, 1.0
        while True:
            try:
                with (
                    httpx.Client(follow_redirects=True, timeout=self.timeout_s) as client,
                    client.stream("GET", url) as response,
                ):
                    if response.status_code in (202, 429):  # throttled: back off a bounded number of times
                        if attempt >= _RETRIES:
                            raise FetchError(
                                f"{symbol} ({lang}): the document system is throttling requests; "
                                "try again in a few minutes."
                            )
                        time.sleep(min(_seconds(response.headers.get("Retry-After"), delay), 30.0))
                        attempt, delay = attempt + 1, delay * 2
                        continue
                    if response.status_code == 404:
                        raise FetchError(f"{symbol} ({lang}): no such document in the document system.")
                    if response.status_code != 200:
                        raise FetchError(
                            f"{symbol} ({lang}): the document system answered HTTP {response.status_code}."
                        )
                    return self._read_limited(response, symbol, lang)
            except httpx.TimeoutException:
                raise FetchError(
                    f"{symbol} ({lang}): no answer from {self.base_url} within {self.timeout_s:g} s."
                ) from None
            except httpx.HTTPError as exc:
                raise FetchError(
                    f"{symbol} ({lang}): cannot reach {self.base_url} ({type(exc).__name__}); "
                    "check the network connection."
                ) from None

    def _read_limited(self, response: httpx.Response, symbol: str, lang: str) -> bytes:
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                raise FetchError(f"{symbol} ({lang}): the file is larger than {self.max_bytes // 1048576} MB.")
            chunks.append(chunk)
        return b"".join(chunks)
