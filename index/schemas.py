"""Typed shapes of the JSON a user or an older data directory hands us (history files, the list of added
documents, an index manifest's document list), checked with pydantic so that any malformed file is one sentence
(CLI exit 2), never a TypeError deep inside. pydantic is already installed as a dependency of chromadb."""

from __future__ import annotations

from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from index.errors import NDVError

T = TypeVar("T")


class HistoryTurn(BaseModel):
    """One earlier turn of a conversation: {"role", "content", optional "citations": [citation ids]}."""

    model_config = ConfigDict(extra="ignore")
    role: Literal["user", "assistant"]
    content: str
    citations: list[str] = Field(default_factory=list)


class SourceEntry(BaseModel):
    """One added document in `<data dir>/sources/manifest.json`; `file` is a bare name inside that directory."""

    model_config = ConfigDict(extra="ignore")
    file: str = Field(pattern=r"^[A-Za-z0-9%][A-Za-z0-9._%\-]*$")
    symbol: str
    lang: Literal["zh", "en"]
    kind: str
    source: str = ""


class SourceManifest(BaseModel):
    documents: list[SourceEntry]


class IndexedDocument(BaseModel):
    """One document as an index manifest lists it."""

    model_config = ConfigDict(extra="ignore")
    symbol: str
    lang: str
    title: str
    paragraphs: int
    languages: list[str] = Field(default_factory=list)  # the primary one first, then its translations'


HISTORY = TypeAdapter(list[HistoryTurn])
SOURCE_MANIFEST = TypeAdapter(SourceManifest)
INDEXED_DOCUMENTS = TypeAdapter(list[IndexedDocument])


def parse_json(adapter: TypeAdapter[T], raw: bytes | str, error: type[NDVError], what: str) -> T:
    """`raw` as the adapter's type; anything else (not JSON, not UTF-8, nested too deep, wrong types) raises
    `error` with one sentence naming `what` and the first problem."""
    try:
        return adapter.validate_json(raw)
    except ValidationError as exc:
        raise error(f"{what} is not valid ({first_problem(exc)}).") from None


def validate(adapter: TypeAdapter[T], data: object, error: type[NDVError], what: str) -> T:
    """Already-parsed `data` as the adapter's type, or `error` with one sentence."""
    try:
        return adapter.validate_python(data)
    except ValidationError as exc:
        raise error(f"{what} is not valid ({first_problem(exc)}).") from None


def first_problem(exc: ValidationError) -> str:
    problem = exc.errors()[0]
    where = ".".join(str(part) for part in problem["loc"])
    return f"{where}: {problem['msg']}" if where else str(problem["msg"])
