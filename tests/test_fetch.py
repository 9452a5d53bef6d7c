"""`ndv fetch` against a local HTTP server on 127.0.0.1 that serves the document system's paths."""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from assistant.cli import EXIT_ERROR, EXIT_OK, main
from index.errors import FetchError
from index.fetch import Fetcher, ods_symbol


def _pdf_bytes(symbol: str, lines: list[str]) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in [symbol, *lines]:
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


REPORT = [
    "Report of the Panel of Government Experts on verification in all its aspects",
    "1. The Panel met in New York and Geneva.",
    "2. The Panel recommends that verification be developed in a multilateral setting with 16 experts.",
]
REPORT_ZH = [
    "核查的一切方面政府专家小组的报告",
    "1. 专家小组在纽约和日内瓦举行了会议。",
    "2. 专家小组建议在多边框架内由16名专家发展核查。",
]
CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")  # Debian's fonts-noto-cjk


def _chinese_pdf_bytes(symbol: str, lines: list[str]) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("noto", fname=str(CJK_FONT))
    pdf.set_font("noto", size=11)
    for line in [symbol, *lines]:
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


class _Handler(BaseHTTPRequestHandler):
    requests: Counter[str] = Counter()
    documents: dict[tuple[str, str], bytes] = {}

    def log_message(self, *args: object) -> None:  # keep test output clean
        pass

    def _send(self, status: int, body: bytes = b"", content_type: str = "application/pdf", **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        url = urlparse(self.path)
        if url.path.startswith("/files/"):
            symbol = url.path.removeprefix("/files/").replace("_", "/")
            return self._send(200, self.documents[(symbol, "en")])
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        symbol, lang = query.get("s", ""), query.get("l", "")
        self.requests[symbol] += 1
        if url.path != "/api/symbol/access" or query.get("t") != "pdf":
            return self._send(400)
        if symbol == "A/99/SLOW":
            time.sleep(3)
            return self._send(200, b"%PDF-late")
        if symbol == "A/99/THROTTLED":
            return self._send(429, Retry_After="0")
        if symbol == "A/99/HTML":
            return self._send(200, b"<html><body>Document not found</body></html>", "text/html")
        if symbol == "A/99/REDIRECT":
            return self._send(302, Location="/files/A_99_456")
        if (symbol, lang) in self.documents:
            return self._send(200, self.documents[(symbol, lang)])
        if any(s == symbol for s, _ in self.documents):
            return self._send(200, b"")  # published, but not in this language: 200 with an empty body
        return self._send(404, b"not found", "text/plain")


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that gave up (the timeout test) leaves a broken pipe behind: not worth a trace


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    _Handler.documents = {
        ("A/99/456", "en"): _pdf_bytes("A/99/456", REPORT),
        ("A/61/1028", "en"): _pdf_bytes("A/61/1028", REPORT),
        ("A/99/789", "en"): _pdf_bytes("A/99/789", REPORT),
    }
    if CJK_FONT.exists():
        _Handler.documents[("A/99/789", "zh")] = _chinese_pdf_bytes("A/99/789", REPORT_ZH)
    httpd = _Server(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def env(server: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[str]:
    monkeypatch.setenv("NDV_FETCH_BASE_URL", server)
    monkeypatch.setenv("NDV_FETCH_TIMEOUT", "1")
    return ["--data-dir", str(tmp_path / "data")]


def _snapshot(data_dir: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(data_dir)): p.read_bytes()
        for p in sorted(data_dir.rglob("*"))
        if p.is_file() and p.name != ".lock" and "cache" not in p.parts
    }


def test_fetch_caches_indexes_and_answers(env, tmp_path: Path, capsys):
    assert main([*env, "fetch", "A/99/456"]) == EXIT_OK  # zh answers 200 with an empty body, en has the PDF
    err = capsys.readouterr().err
    assert "A/99/456 (en): 3 paragraphs" in err
    cached = tmp_path / "data" / "fetched" / "A%2F99%2F456_en.pdf"
    meta = json.loads(cached.with_suffix(".json").read_text(encoding="utf-8"))
    assert meta["url"].endswith("/api/symbol/access?s=A%2F99%2F456&l=en&t=pdf")
    import hashlib

    assert meta["sha256"] == hashlib.sha256(cached.read_bytes()).hexdigest()
    assert main([*env, "ask", "How many experts does the Panel recommend?", "--doc", "A/99/456", "--json"]) == EXIT_OK
    answer = json.loads(capsys.readouterr().out)
    assert answer["citations"][0]["id"] == "A/99/456:P2"


@pytest.mark.skipif(not CJK_FONT.exists(), reason="a Chinese PDF needs Debian's fonts-noto-cjk")
def test_fetch_adds_every_language_found_as_one_document(env, capsys):
    assert main([*env, "fetch", "A/99/789", "--lang", "zh,en"]) == EXIT_OK
    err = capsys.readouterr().err
    assert "A/99/789 (zh): 3 paragraphs" in err and "A/99/789 (en): 3 paragraphs" in err
    assert "A/99/789 is indexed in zh, en, aligned by label." in err
    assert main([*env, "index", "list"]) == EXIT_OK
    (line,) = [ln for ln in capsys.readouterr().out.splitlines() if "A/99/789" in ln]
    assert line.split()[1] == "zh,en"
    question = "How many experts does the Panel recommend?"
    assert main([*env, "ask", question, "--doc", "A/99/789", "--json"]) == EXIT_OK
    (citation,) = json.loads(capsys.readouterr().out)["citations"]
    assert (citation["id"], citation["quote_lang"]) == ("A/99/789:P2", "en") and "16 experts" in citation["quote"]
    assert main([*env, "ask", "专家小组建议由多少名专家发展核查？", "--doc", "A/99/789", "--json"]) == EXIT_OK
    (citation,) = json.loads(capsys.readouterr().out)["citations"]
    assert (citation["id"], citation["quote_lang"]) == ("A/99/789:P2", "zh") and "16名专家" in citation["quote"]


def test_redirects_are_followed(server: str, tmp_path: Path):
    fetched = Fetcher(tmp_path, server, timeout_s=2).fetch("A/99/REDIRECT", "en")
    assert fetched.path.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("symbol", "message"),
    [
        ("A/99/404", "no such document"),
        ("A/99/HTML", "returned no PDF"),
        ("A/99/SLOW", "no answer from"),
        ("A/99/THROTTLED", "throttling requests"),
    ],
)
def test_failures_are_clear_and_change_nothing(env, tmp_path: Path, capsys, symbol: str, message: str):
    assert main([*env, "index", "build"]) == EXIT_OK
    before = _snapshot(tmp_path / "data")
    capsys.readouterr()
    assert main([*env, "fetch", symbol, "--lang", "en"]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert _snapshot(tmp_path / "data") == before


def test_throttling_backs_off_a_bounded_number_of_times(server: str, tmp_path: Path):
    _Handler.requests.clear()
    with pytest.raises(FetchError, match="throttling"):
        Fetcher(tmp_path, server, timeout_s=2).fetch("A/99/THROTTLED", "en")
    assert _Handler.requests["A/99/THROTTLED"] == 4  # the first try and three retries


def test_offline_fails_fast_per_document(tmp_path: Path, capsys, monkeypatch):
    monkeypatch.setenv("NDV_FETCH_BASE_URL", "http://127.0.0.1:9")  # discard port: nothing listens
    start = time.monotonic()
    assert main(["--data-dir", str(tmp_path), "fetch", "A/1/1", "A/1/2", "--lang", "en"]) == EXIT_ERROR
    assert time.monotonic() - start < 10
    err = capsys.readouterr().err
    assert err.count("cannot reach") == 2
    assert not (tmp_path / "index").exists() and not (tmp_path / "sources").exists()


def test_fetch_cited_documents(env, tmp_path: Path, capsys):
    assert main([*env, "index", "build"]) == EXIT_OK
    capsys.readouterr()
    # only A/61/1028 is "published" by the test server: the others fail one by one, that one is indexed
    assert main([*env, "fetch", "--cited", "--lang", "en"]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert "A/61/1028 (en): 3 paragraphs" in err and "A/45/372 (en): no such document" in err
    assert "UNTS" not in err
    assert main([*env, "cited", "--json"]) == EXIT_OK
    registry = {e["symbol"]: e for e in json.loads(capsys.readouterr().out)}
    assert registry["A/61/1028"]["in_index"] and not registry["A/45/372"]["in_index"]


def test_symbols_and_languages():
    assert ods_symbol("NPT/CONF.2010/50 (Vol. I)") == "NPT/CONF.2010/50"
    fetcher = Fetcher(Path("/nonexistent"), "https://example.test")
    assert fetcher.url("A/RES/S-10/2", "zh") == "https://example.test/api/symbol/access?s=A%2FRES%2FS-10%2F2&l=zh&t=pdf"
    from index.errors import InputError
    from index.fetch import language

    assert language("ch") == "zh" and language("EN") == "en"
    with pytest.raises(InputError, match="Unknown language"):
        language("fr")


def test_an_answer_from_a_cited_document_shows_the_resolution_paragraph_citing_it(env, capsys):
    assert main([*env, "fetch", "A/61/1028", "--lang", "en"]) == EXIT_OK
    capsys.readouterr()
    question = "How many experts does the Panel recommend?"
    assert main([*env, "ask", question, "--doc", "A/61/1028", "--json"]) == EXIT_OK
    ids = [c["id"] for c in json.loads(capsys.readouterr().out)["citations"]]
    assert ids == ["A/61/1028:P2", "A/RES/71/67:FN6", "A/RES/71/67:PP10"]
