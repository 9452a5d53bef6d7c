"""Chroma clients: the embedded store in a directory, or a Chroma server whose every request is bounded in time."""

from __future__ import annotations

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
    _skip_override_checks()
    import chromadb
    from chromadb.config import Settings

    settings = Settings(anonymized_telemetry=False)
    if server is None:
        return chromadb.PersistentClient(path=str(directory), settings=settings)
    return _bounded_http_client(server, lambda: chromadb.HttpClient(server.host, server.port, settings=settings))


@cache
def _skip_override_checks() -> None:
    """Mark chromadb's methods as overrides without checking them. chromadb decorates about a hundred methods with
    the `overrides` package's `@override`, whose check of each (the class body's bytecode disassembled, the two
    signatures compared type by type) costs a tenth of a second of every cold start while checking only chromadb's
    own classes, which do not change once it is installed. The mark itself stays (chromadb's `EnforceOverrides`
    classes require it). Done before chromadb is first imported, once per process."""
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
