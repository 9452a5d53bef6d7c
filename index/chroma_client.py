"""Chroma clients: the embedded store in a directory, or a Chroma server whose every request is bounded in time."""

from __future__ import annotations

import sys
import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from index.errors import IndexUnavailableError


@dataclass(frozen=True)
class ChromaServer:
    host: str
    port: int
    timeout_s: float = 10.0  # per request: a server that stops answering must not hang a user's question

    def __str__(self) -> str:
        return f"chroma://{self.host}:{self.port}"

    def unavailable(self, reason: str) -> IndexUnavailableError:
        return IndexUnavailableError(
            f"The Chroma server at {self.host}:{self.port} does not answer ({reason}); start it "
            f"(`chroma run --path DIR --host {self.host} --port {self.port}`) or unset NDV_CHROMA_HOST."
        )


def chroma_client(directory: Path, server: ChromaServer | None) -> Any:
    """An embedded client on `directory`, or a client of `server`."""
    chromadb = import_chromadb()
    from chromadb.config import Settings

    settings = Settings(anonymized_telemetry=False)
    if server is None:
        return chromadb.PersistentClient(path=str(directory), settings=settings)
    return _bounded_http_client(server, lambda: chromadb.HttpClient(server.host, server.port, settings=settings))


def import_chromadb() -> Any:
    """The chromadb module, imported as every answer imports it (see `_lighten_chromadb_import`)."""
    _lighten_chromadb_import()
    import chromadb

    return chromadb


@cache
def _lighten_chromadb_import() -> None:
    """Skip import work chromadb causes that no answer uses, once per process, before chromadb is first imported;
    together a seventh of a second of every cold start:
    - the `overrides` package's checks: chromadb decorates about a hundred methods with `@override`, each checked
      when its class is defined (the class body's bytecode disassembled, the two signatures compared type by
      type), which checks only chromadb's own classes, unchanged once installed. The mark itself stays
      (chromadb's `EnforceOverrides` classes require it);
    - httpx's command-line client (rich, pygments, click), which httpx imports when it can and does without."""
    # (a module set to None cannot be imported: httpx's `from ._main import main` fails and it goes on without)
    sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]
    try:
        import overrides
        import overrides.overrides as checked
    except ImportError:  # a chromadb that no longer uses the package
        return

    def mark(method: Any = None, **_options: Any) -> Any:
        if method is None:  # used as @override(check_signature=...)
            return mark
        method.__override__ = True
        return method

    overrides.override = overrides.overrides = checked.override = checked.overrides = mark


def _bounded_http_client(server: ChromaServer, construct: Any) -> Any:
    """chromadb's HttpClient asks the server who we are while constructing itself, on an httpx session without
    any timeout (settable only afterwards): a frozen server would hang the caller forever. So the constructor
    runs in a daemon thread that the caller waits for at most the request timeout; a thread stuck on a frozen
    server is abandoned (it holds one socket and ends with the process)."""
    import httpx

    result: list[Any] = []

    def run() -> None:
        try:
            result.append(construct())
        except Exception as exc:  # connection refused, DNS, HTTP errors: all mean the server cannot be used
            result.append(exc)

    worker = threading.Thread(target=run, name="chroma-connect", daemon=True)
    worker.start()
    worker.join(server.timeout_s)
    if not result:
        raise server.unavailable(f"no reply within {server.timeout_s:g} s")
    if isinstance(result[0], Exception):
        raise server.unavailable(type(result[0]).__name__) from result[0]
    client = result[0]
    for session in http_sessions(client):
        session.timeout = httpx.Timeout(server.timeout_s)
    return client


def close_client(client: Any) -> None:
    """Close a Chroma client. The synchronous HTTP client's `close()` leaves its httpx connection pools open
    (chroma-core/chroma#2702, fix pending in #7533), so those are closed here too."""
    client.close()
    for session in http_sessions(client):
        session.close()


def http_sessions(client: Any) -> list[Any]:
    """The httpx sessions of a chromadb HTTP client and of its internal admin client (none when embedded)."""
    owners = (client, getattr(client, "_admin_client", None))
    sessions = [getattr(getattr(owner, "_server", None), "_session", None) for owner in owners]
    return [session for session in sessions if session is not None]
