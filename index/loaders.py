"""Reading a user's file into text, defensively: the format comes from the bytes (not the file name), sizes and
pages are limited, PDFs are opened in a child process with time and memory limits, a DOCX is decompressed as a
bounded stream (its declared sizes are never trusted), text that is not text is refused, and control characters
(ESC and the like) never leave this module."""

from __future__ import annotations

import html.parser
import json
import re
import subprocess
import sys
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from xml.etree import ElementTree

from index.errors import InputError
from index.text import strip_controls

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HTML_START = re.compile(rb"^\s*(?:<!doctype html|<html|<head|<body|<p[ >])", re.IGNORECASE)
_DOCX_COMPRESSION = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)  # what Word writes; others inflate unbounded
_CHUNK = 64 * 1024
_BLOCK_TAGS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "section", "article", "td"}


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 50 * 1024 * 1024
    max_pages: int = 500
    max_unpacked_bytes: int = 100 * 1024 * 1024  # the most a DOCX's text may unpack to, counted as it unpacks
    max_ratio: int = 200  # ... and at most this many times the file's size on disk
    pdf_seconds: int = 60
    pdf_memory_bytes: int = 1024 * 1024 * 1024


@dataclass(frozen=True)
class LoadedText:
    text: str
    format: str  # "pdf" | "docx" | "html" | "txt"


def load_text(path: Path, limits: Limits | None = None) -> LoadedText:
    """The file's text, with paragraph starts indented the way the parsers expect and control characters
    removed; InputError otherwise."""
    loaded = _load_raw_text(path, limits or Limits())
    return LoadedText(strip_controls(loaded.text), loaded.format)


def _load_raw_text(path: Path, limits: Limits) -> LoadedText:
    if not path.is_file():
        raise InputError(f"File not found: {path}.")
    size = path.stat().st_size
    if size == 0:
        raise InputError(f"{path.name} is empty.")
    if size > limits.max_bytes:
        limit_mb = limits.max_bytes / 1048576
        raise InputError(f"{path.name} is {size / 1048576:.0f} MB; the limit is {limit_mb:.0f} MB (NDV_MAX_FILE_MB).")
    head = path.read_bytes()[:2048]
    if head.startswith(b"%PDF"):
        return LoadedText(_pdf_text(path, limits), "pdf")
    if head.startswith(b"PK\x03\x04"):
        return LoadedText(_docx_text(path, limits), "docx")
    raw = path.read_bytes()
    text = decode_text(raw, path.name)
    if _HTML_START.match(raw[:512].lstrip(b"\xef\xbb\xbf")):
        return LoadedText(_html_text(text), "html")
    return LoadedText(text, "txt")


def decode_text(raw: bytes, name: str) -> str:
    """UTF-8 (with or without BOM), else GB18030 (which covers GBK and GB2312); binary data is refused."""
    if b"\x00" in raw:
        raise InputError(f"{name} is not a text document (it contains binary data).")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise InputError(f"{name} is neither UTF-8 nor GB18030/GBK text.")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > len(text) * 0.01:
        raise InputError(f"{name} is not a text document (too many control characters).")
    return text


def _pdf_text(path: Path, limits: Limits) -> str:
    """pypdf can hang or blow up on damaged files: it runs in a child with a time and an address-space limit."""
    command = [sys.executable, "-m", "index.pdf_text", str(path), str(limits.max_pages), str(limits.pdf_memory_bytes)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=limits.pdf_seconds)
    except subprocess.TimeoutExpired:
        raise InputError(
            f"Reading {path.name} took longer than {limits.pdf_seconds} s; the PDF may be damaged."
        ) from None
    try:
        result = json.loads(done.stdout)
    except ValueError:
        raise InputError(f"{path.name} could not be read as a PDF (it may be damaged or too large).") from None
    if "error" in result:
        raise InputError(f"{path.name}: {result['error']}")
    if not result["text"].strip():
        raise InputError(f"{path.name} has no text layer (a scanned PDF?); only PDFs with text can be indexed.")
    return str(result["text"])


def _docx_text(path: Path, limits: Limits) -> str:
    """The text of `word/document.xml`, decompressed chunk by chunk into an incremental XML parser; past the
    byte cap it stops, whatever the archive's headers declare."""
    cap = min(limits.max_unpacked_bytes, limits.max_ratio * path.stat().st_size)
    try:
        with zipfile.ZipFile(path) as archive:
            try:
                member = archive.getinfo("word/document.xml")
            except KeyError:
                raise InputError(f"{path.name} is a zip archive but not a Word (DOCX) document.") from None
            if member.compress_type not in _DOCX_COMPRESSION:
                raise InputError(f"{path.name} is compressed in a way Word never uses; it was not opened.")
            with archive.open(member) as stream:
                return _docx_paragraphs(stream, cap, path.name)
    except (zipfile.BadZipFile, zlib.error, EOFError):
        raise InputError(f"{path.name} is a damaged DOCX/zip file.") from None
    except ElementTree.ParseError:
        raise InputError(f"{path.name} is a damaged DOCX file (its text cannot be read).") from None


def _docx_paragraphs(stream: IO[bytes], cap: int, name: str) -> str:
    parser: ElementTree.XMLPullParser[ElementTree.Element] = ElementTree.XMLPullParser(events=("end",))
    lines: list[str] = []
    unpacked = 0
    while chunk := stream.read(_CHUNK):
        unpacked += len(chunk)
        if unpacked > cap:
            raise InputError(f"{name} unpacks to far more than it holds (a zip bomb?); it was not read.")
        parser.feed(chunk)
        lines += _paragraph_lines(parser)
    parser.close()
    return "\n".join(lines + _paragraph_lines(parser))


def _paragraph_lines(parser: ElementTree.XMLPullParser[ElementTree.Element]) -> list[str]:
    """The Word paragraphs completed so far, each as one line marked as a paragraph start; their elements are
    emptied once read, so memory stays flat however long the document is."""
    lines = []
    for event in parser.read_events():
        element = event[-1]  # ("end", element)
        if isinstance(element, ElementTree.Element) and element.tag == f"{_W}p":
            text = "".join(node.text or "" for node in element.iter(f"{_W}t"))
            if text.strip():
                lines.append(" " + text.strip())
            element.clear()
    return lines


class _TextExtractor(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "head"):
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head"):
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data.replace("\n", " "))


def _html_text(text: str) -> str:
    extractor = _TextExtractor()
    extractor.feed(text)
    extractor.close()
    lines = [line.rstrip() for line in "".join(extractor.parts).splitlines()]
    return "\n".join(line for line in lines if line.strip())
