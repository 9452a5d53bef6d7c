"""Faults that got through before, reproduced for real: concurrent writers, a forged DOCX, escape sequences in a
document, symbols that shared a file, markup in titles and exports, malformed history and manifests, a full disk.
Each test fails on the code before the fix (checked by hand)."""

from __future__ import annotations

import errno
import fcntl
import json
import re
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from assistant.cli import EXIT_ERROR, EXIT_OK, main
from index.corpus import shipped_documents
from index.documents import Document, Paragraph
from index.store import IndexStore
from tests.conftest import FIXTURES
from ui.render import Exchange, briefing_markdown, escape_markdown

ROOT = Path(__file__).resolve().parents[1]
ESCAPES = ("\x1b", "\x07", "\x9b")  # ESC, BEL (ends an OSC title), the one-byte CSI


def _ndv(*args: str | bytes) -> list[str | bytes]:
    return [sys.executable, "-m", "assistant", *args]


def _one_line_error(err: str) -> None:
    """The error is one `ndv:` line, the last one (progress lines may come before it), and no traceback."""
    lines = err.strip().splitlines()
    assert "Traceback" not in err and [line for line in lines if line.startswith("ndv:")] == lines[-1:], err


def _sources(data_dir: Path) -> dict[str, bytes]:
    root = data_dir / "sources"
    return {p.name: p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file() and p.name != ".lock"}


def _listed(data_dir: Path) -> list[str]:
    manifest = json.loads((data_dir / "sources" / "manifest.json").read_text(encoding="utf-8"))
    return [entry["symbol"] for entry in manifest["documents"]]


# -- 3. two concurrent `ndv index add` ----------------------------------------------------------------------------
def test_two_concurrent_adds_never_lose_a_document(tmp_path: Path):
    """Two real processes add different documents at once: each either succeeds and its document is listed,
    stored and indexed, or fails with one line and leaves no trace; nothing else is possible."""
    data_dir = tmp_path / "data"
    adds = {
        "A/99/123": _ndv("--data-dir", str(data_dir), "index", "add", str(FIXTURES / "numbered_zh.txt")),
        "TREATY/99/1": _ndv(
            "--data-dir", str(data_dir), "index", "add", str(FIXTURES / "treaty_en.txt"), "--symbol", "TREATY/99/1"
        ),
    }
    running = {
        symbol: subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for symbol, command in adds.items()
    }
    succeeded = []
    for symbol, process in running.items():
        _, err = process.communicate(timeout=600)
        if process.returncode == EXIT_OK:
            succeeded.append(symbol)
        else:
            assert process.returncode == EXIT_ERROR, err
            assert "wait for it to finish and try again" in err.splitlines()[-1] and "Traceback" not in err
    assert succeeded
    assert sorted(_listed(data_dir)) == sorted(succeeded)
    manifest = json.loads((data_dir / "sources" / "manifest.json").read_text(encoding="utf-8"))
    assert set(_sources(data_dir)) == {"manifest.json"} | {e["file"] for e in manifest["documents"]}
    index = IndexStore(data_dir).open()
    try:
        assert set(succeeded) <= set(index.documents)
    finally:
        index.close()


# -- 4. a DOCX whose headers understate its size ------------------------------------------------------------------
_WORD = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _forged_docx(path: Path, unpacked: int, declared: int) -> Path:
    """A DOCX whose one member inflates to `unpacked` bytes of well-formed Word XML while its local and central
    headers declare `declared`: 1 MB of 'a' deflates to ~1 KB, and after a full flush that block can be repeated."""
    head = b"<w:document " + _WORD + b"><w:body><w:p><w:r><w:t>"
    block = b"a" * (1 << 20)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = compressor.compress(head) + compressor.flush(zlib.Z_FULL_FLUSH)
    repeated = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    count = unpacked // len(block)
    body = start + repeated * count + compressor.flush()
    crc = zlib.crc32(head)
    for _ in range(count):
        crc = zlib.crc32(block, crc)
    name = b"word/document.xml"
    local = struct.pack("<4s5H3I2H", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(body), declared, len(name), 0)
    central = struct.pack(
        "<4s6H3I5H2I", b"PK\x01\x02", 20, 20, 0, 8, 0, 0, crc, len(body), declared, len(name), 0, 0, 0, 0, 0, 0
    )
    end = struct.pack("<4s4H2IH", b"PK\x05\x06", 0, 0, 1, 1, len(central + name), len(local + name + body), 0)
    path.write_bytes(local + name + body + central + name + end)
    return path


_LOAD_UNDER_CAP = """
import json, resource, sys
from pathlib import Path
from index.errors import InputError
from index.loaders import load_text
cap = int(sys.argv[2])
resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
try:
    load_text(Path(sys.argv[1]))
    outcome = "read"
except InputError as exc:
    outcome = str(exc)
status = dict(line.split(":", 1) for line in open("/proc/self/status").read().splitlines())
print(json.dumps({"outcome": outcome, "peak_kb": int(status["VmHWM"].split()[0])}))  # this process's own peak
"""


@pytest.mark.parametrize(
    ("declared", "message"),
    [(1 << 20, "damaged DOCX"), (1 << 30, "zip bomb")],
    ids=["headers-understate", "headers-honest"],
)
def test_forged_docx_is_refused_under_a_memory_cap(tmp_path: Path, declared: int, message: str):
    """1 GB of XML in a ~1 MB file, read by a child limited to 512 MB of address space: it is refused with one
    sentence and stays far below the cap (before: one read inflated it all, 2.1 GB RSS or a MemoryError)."""
    forged = _forged_docx(tmp_path / "forged.docx", unpacked=1 << 30, declared=declared)
    assert forged.stat().st_size < 2 * 1024 * 1024
    done = subprocess.run(
        [sys.executable, "-c", _LOAD_UNDER_CAP, str(forged), str(512 * 1024 * 1024)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout)
    assert message in result["outcome"]
    assert result["peak_kb"] < 300 * 1024


# -- 9. escape sequences in a document ----------------------------------------------------------------------------
def test_escape_sequences_in_a_document_never_reach_the_terminal(tmp_path: Path, capsys):
    """A document with a few ESC sequences (well under the 1 % control-character limit): they are stripped when it
    is read, and `ndv doc` / `ndv ask` / error lines print none, whatever the question holds."""
    text = (FIXTURES / "treaty_en.txt").read_text(encoding="utf-8")
    text = text.replace("Treaty on Test Verification", "Treaty on \x1b]0;owned\x07Test Verification\x1b[8m")
    text = text.replace("to pursue negotiations", "to pursue \x1b[2J\x9b31mnegotiations")
    text += "\nArticle VIII\n" + "The Parties shall cooperate in good faith on verification. " * 10
    hostile = tmp_path / "hostile.txt"
    hostile.write_text(text, encoding="utf-8")
    data = ["--data-dir", str(tmp_path / "data")]
    assert main([*data, "index", "add", str(hostile), "--symbol", "TREATY/99/1"]) == EXIT_OK
    capsys.readouterr()
    assert main([*data, "doc", "TREATY/99/1"]) == EXIT_OK
    shown = capsys.readouterr()
    assert "Treaty on Test Verification" in shown.out and "to pursue negotiations" in shown.out
    assert main([*data, "ask", "\x1b[2JWhat does article VI of TREATY/99/1 say?"]) == EXIT_OK
    answered = capsys.readouterr()
    assert "to pursue negotiations" in answered.out
    assert main([*data, "doc", "A/99/9\x1b]0;owned\x07"]) == EXIT_ERROR
    failed = capsys.readouterr()
    for output in (shown.out, shown.err, answered.out, answered.err, failed.out, failed.err):
        assert not any(code in output for code in ESCAPES), output
    assert main([*data, "doc", "TREATY/99/1", "--json"]) == EXIT_OK
    stored = json.loads(capsys.readouterr().out)
    assert not any(code in json.dumps(stored, ensure_ascii=False) for code in ESCAPES)


# -- 7. symbols that shared a file --------------------------------------------------------------------------------
def test_symbols_that_used_to_share_a_file_stay_apart(tmp_path: Path, capsys):
    """`A/71/1` and `A/71-1` were both stored as `A_71_1_en.txt`: after a rebuild one answered for the other."""
    text = (FIXTURES / "treaty_en.txt").read_text(encoding="utf-8")
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text(text, encoding="utf-8")
    second.write_text(text.replace("report annually", "report every ten years"), encoding="utf-8")
    data = ["--data-dir", str(tmp_path / "data")]
    assert main([*data, "index", "add", str(first), "--symbol", "A/71/1"]) == EXIT_OK
    assert main([*data, "index", "add", str(second), "--symbol", "A/71-1"]) == EXIT_OK
    assert main([*data, "index", "build"]) == EXIT_OK  # rebuilt from the stored files
    capsys.readouterr()
    texts = {}
    for symbol in ("A/71/1", "A/71-1"):
        assert main([*data, "doc", symbol, "--json"]) == EXIT_OK
        doc = json.loads(capsys.readouterr().out)
        texts[symbol] = next(p["text"] for p in doc["paragraphs"] if p["label"] == "ART2")
    assert "report annually" in texts["A/71/1"] and "every ten years" in texts["A/71-1"]
    assert len(_sources(tmp_path / "data")) == 3  # two documents and the manifest


@pytest.mark.parametrize("symbol", ["A/71/1", "A/71-1", "S-10/2", "NPT/CONF.2010/50 (Vol. I)", "S/RES/1540 (2004)"])
def test_stored_names_are_unique_and_give_the_symbol_back(symbol: str):
    from index.symbols import check_symbol, symbol_file_stem, symbol_from_file_stem

    stem = symbol_file_stem(check_symbol(symbol))
    assert re.fullmatch(r"[A-Za-z0-9.%\-]+", stem) and symbol_from_file_stem(stem) == symbol


@pytest.mark.parametrize("symbol", ["A-71-1", "A/1 (**x**)", "a/1", "A//1", "A/1/", "[x](javascript:alert(1))/1"])
def test_symbols_outside_the_un_grammar_are_refused(tmp_path: Path, capsys, symbol: str):
    args = ["--data-dir", str(tmp_path), "index", "add", str(FIXTURES / "treaty_en.txt"), "--symbol", symbol]
    assert main(args) == EXIT_ERROR
    err = capsys.readouterr().err
    assert "not a UN document symbol" in err
    _one_line_error(err)
    assert not (tmp_path / "sources").exists()


# -- 5. markup in the page ----------------------------------------------------------------------------------------
# The patterns Streamlit's page turns into links, e-mail links and emoji/icons *after* Markdown is parsed, i.e. on
# the text with its backslash escapes removed (copied from its bundled remark plugins).
_TEXT_NODE_PATTERNS = [
    re.compile(r"(https?://|www(?=\.))([-.\w]+)", re.IGNORECASE),
    re.compile(r"([-.\w+]+)@([-\w]+(?:\.[-\w]+)+)"),
    re.compile(r":[\w+\-/]+:"),
]
_SPECIALS = set("\\`*_{}[]()#+-.!|<>~$:=^&")
HOSTILE = (
    "**bold** [x](javascript:alert(1)) ![pixel](http://t.example/p.png) :red[red] <b>b</b> "
    "https://evil.example/x www.evil.example mail@evil.example :smile: :material/home:"
)


def _inert(markdown: str, allowed_prefix: str = "") -> bool:
    """True when every Markdown character of `markdown` (after an allowed prefix such as '###### ') is escaped and
    nothing in its text would become a link, an e-mail link or an icon."""
    body = markdown.removeprefix(allowed_prefix)
    i = 0
    while i < len(body):
        if body[i] == "\\":
            i += 2
            continue
        if body[i] in _SPECIALS:
            return False
        i += 1
    text = re.sub(r"\\(.)", r"\1", body)
    return not any(pattern.search(text) for pattern in _TEXT_NODE_PATTERNS)


_ANCHOR = re.compile(r"\[[^\]]*\]\(#[A-Za-z0-9-]+\)|<div id='[A-Za-z0-9-]+'></div>")
_HIGHLIGHT = re.compile(r":orange-background\[((?:\\.|[^\\\]])*)\]")


def _without_own_markup(markdown: str) -> str:
    """The page's own markup around escaped text removed: a card title's '**…**', the quote's highlight."""
    if markdown.startswith("**") and markdown.endswith("**"):
        markdown = markdown[2:-2]
    return _HIGHLIGHT.sub(r"\1", markdown)


def test_escaping_leaves_nothing_to_render():
    assert _inert(escape_markdown(HOSTILE)) and not _inert(HOSTILE)
    for url in ("https://evil.example/x", "www.evil.example", "mail@evil.example", ":smile:"):
        assert not _inert(re.sub(r"([^\w\s])", r"\\\1", url))  # backslashes alone leave it a link or an icon


def test_a_streamed_draft_is_escaped_as_a_whole():
    """A model's draft reaches the page in pieces that the page joins: 'www' and '.evil.example' arriving apart
    must still not become a link."""
    from ui.render import StreamEscaper

    escaper = StreamEscaper()
    streamed = "".join(escaper.feed(char) for char in HOSTILE)
    assert streamed == escape_markdown(HOSTILE) and _inert(streamed)


@pytest.fixture
def hostile_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The shipped resolution and a document whose symbol qualifier, title, heading and text are markup (as a
    header could give them): the page must show them as text."""
    symbol = "A/99/7 (Part **I** :red[x])"
    paragraphs = [
        Paragraph(symbol, "en", "P1", "numbered", 1, f"The experts met. {HOSTILE}", heading=f"I. {HOSTILE}"),
    ]
    hostile = Document(symbol=symbol, lang="en", title=f"Report {HOSTILE}", kind="document", paragraphs=paragraphs)
    IndexStore(tmp_path).build([*shipped_documents(), hostile])
    monkeypatch.setenv("NDV_DATA_DIR", str(tmp_path))
    st.cache_resource.clear()
    yield tmp_path
    st.cache_resource.clear()


def test_markup_in_titles_symbols_and_chips_is_shown_as_text(hostile_index: Path):
    at = AppTest.from_file(str(ROOT / "ui" / "app.py"), default_timeout=60)
    at.run()
    at.sidebar.selectbox[0].set_value("A/99/7 (Part **I** :red[x])").run()
    assert not at.exception
    (title,) = [s.value for s in at.subheader]
    assert "Report" in title and _inert(title)
    headings = [m.value for m in at.markdown if m.value.startswith("######")]
    assert headings and all(_inert(h, "###### ") for h in headings)
    at.chat_input[0].set_value("What does paragraph 1 say?").run()
    assert not at.exception
    labels = [p.proto.popover.label for p in at.get("popover")]
    assert labels and all(_inert(label) for label in labels)
    shown = [m.value for m in at.markdown] + [c.value for c in at.caption] + [i.value for i in at.info]
    anchors = [text for text in shown if _ANCHOR.fullmatch(text)]  # the page's own links: ids of [A-Za-z0-9-] only
    hostile = [_without_own_markup(text) for text in shown if "Part" in text or "evil" in text]
    assert anchors and len(hostile) - len(anchors) >= 3
    assert all(_inert(text) for text in hostile if not _ANCHOR.fullmatch(text))


# -- 14. the briefing note ----------------------------------------------------------------------------------------
def test_briefing_note_renders_no_link_image_or_html_it_did_not_write():
    from markdown_it import MarkdownIt

    answer = {
        "text": f"Answer line one.\n{HOSTILE}",
        "citations": [{"id": "A/99/7:P1", "label": "P1", "display": "paragraph 1", "quote": HOSTILE}],
        "found": True,
        "retrieved": ["A/99/7:P1"],
        "backend": "extractive",
        "lang": "en",
        "warnings": [],
    }
    documents = {d.symbol: d for d in shipped_documents()}
    resolution = next(iter(documents.values()))
    resolution.title = f"Title {HOSTILE}"
    note = briefing_markdown([Exchange(f"Question {HOSTILE}", answer)], documents, "en")
    html = MarkdownIt("commonmark").enable("table").render(note)
    assert "<table>" in html and "<h2>" in html and "<blockquote>" in html
    # the note's own links (issue 13): a UN symbol, percent-encoded, to undocs.org; no other link
    own_links = re.compile(r'<a href="https://undocs\.org/[A-Za-z0-9/%.\-]+">([^<]*)</a>')
    assert own_links.search(html)
    html = own_links.sub(r"\1", html)
    for tag in ("<a ", "<img", "<b>", "<strong>", "<em>"):
        assert tag not in html, tag
    text = re.sub(r"<[^>]+>", "", html).replace("&amp;", "&")
    assert not any(pattern.search(text) for pattern in _TEXT_NODE_PATTERNS)
    assert "javascript" in text and "pixel" in text  # shown as text, not dropped


# -- 11. malformed input: one line, exit 2 ------------------------------------------------------------------------
HISTORIES = {
    "citations-not-a-list": json.dumps([{"role": "assistant", "content": "x", "citations": 5}]).encode(),
    "deeply-nested": b"[" * 100_000 + b"]" * 100_000,
    "not-a-list": b'{"role": "user"}',
    "unknown-role": json.dumps([{"role": "system", "content": "x"}]).encode(),
    "content-not-text": json.dumps([{"role": "user", "content": {"a": 1}}]).encode(),
    "not-utf8": b'[{"role": "user", "content": "\xff"}]',
}


@pytest.mark.parametrize("raw", HISTORIES.values(), ids=HISTORIES.keys())
def test_malformed_history_is_one_line_exit_2(tmp_path: Path, capsys, raw: bytes):
    history = tmp_path / "history.json"
    history.write_bytes(raw)
    assert main(["--data-dir", str(tmp_path), "ask", "它在哪里？", "--history", str(history)]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert f"The history file {history} is not valid" in err
    _one_line_error(err)


def test_question_that_is_not_utf8_is_one_line_exit_2(tmp_path: Path):
    """Bytes that are not UTF-8 on the command line (a real process: argv decoding is the point)."""
    done = subprocess.run(
        _ndv("--data-dir", str(tmp_path), "ask", b"\xff\xfe what?"), cwd=ROOT, capture_output=True, timeout=120
    )
    assert done.returncode == EXIT_ERROR
    err = done.stderr.decode("utf-8")
    assert "not valid UTF-8" in err
    _one_line_error(err)


SETTINGS = {
    "NDV_TOP_K": ("many", "must be a whole number"),
    "NDV_CHROMA_PORT": ("0", "between 1 and 65535"),
    "NDV_MAX_FILE_MB": ("-1", "between 1 and 2048"),
    "NDV_DATA_DIR": ("{file}", "Not a directory"),
}


@pytest.mark.parametrize(("name", "value", "message"), [(k, *v) for k, v in SETTINGS.items()], ids=SETTINGS.keys())
def test_malformed_settings_are_one_line_exit_2(tmp_path: Path, capsys, monkeypatch, name, value, message):
    a_file = tmp_path / "a-file"
    a_file.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv(name, value.format(file=a_file))
    assert main(["index", "build"]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert message in err
    _one_line_error(err)


def test_malformed_manifests_are_one_line_exit_2(tmp_path: Path, capsys):
    data = ["--data-dir", str(tmp_path)]
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "manifest.json").write_text('{"documents": 5}', encoding="utf-8")
    assert main([*data, "index", "build"]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert "The list of added documents" in err and "documents" in err
    _one_line_error(err)
    (sources / "manifest.json").write_text('{"documents": [{"file": "../../etc/passwd"}]}', encoding="utf-8")
    assert main([*data, "index", "build"]) == EXIT_ERROR
    _one_line_error(capsys.readouterr().err)


def test_index_manifest_with_wrong_types_is_one_line_exit_2(tmp_path: Path, capsys):
    data = ["--data-dir", str(tmp_path)]
    IndexStore(tmp_path).build(shipped_documents()[:1])
    build = (tmp_path / "index" / "CURRENT").read_text(encoding="utf-8").strip()
    path = tmp_path / "index" / build / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest["documents"] = 5
    path.write_text(json.dumps(manifest), encoding="utf-8")
    assert main([*data, "index", "list"]) == EXIT_ERROR
    _one_line_error(capsys.readouterr().err)


# -- 13. a failed add changes nothing -----------------------------------------------------------------------------
@pytest.fixture
def data_with_one_document(tmp_path: Path) -> Path:
    data_dir = tmp_path / "data"
    assert main(["--data-dir", str(data_dir), "index", "add", str(FIXTURES / "numbered_zh.txt")]) == EXIT_OK
    return data_dir


def _state(data_dir: Path) -> tuple[dict[str, bytes], str]:
    return _sources(data_dir), (data_dir / "index" / "CURRENT").read_text(encoding="utf-8")


def _add_treaty(data_dir: Path) -> int:
    return main(["--data-dir", str(data_dir), "index", "add", str(FIXTURES / "treaty_en.txt"), "--symbol", "T/9/1"])


def _disk_full(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_disk_full_while_storing_the_file_changes_nothing(data_with_one_document: Path, capsys, monkeypatch):
    before = _state(data_with_one_document)
    capsys.readouterr()
    monkeypatch.setattr("shutil.copyfile", _disk_full)
    assert _add_treaty(data_with_one_document) == EXIT_ERROR
    err = capsys.readouterr().err
    assert "full" in err
    _one_line_error(err)
    assert _state(data_with_one_document) == before


def test_disk_full_while_committing_changes_nothing(data_with_one_document: Path, capsys, monkeypatch):
    """The build succeeded, then the new list of documents cannot be written: the staged file does not stay."""
    import os

    before = _sources(data_with_one_document)
    real_replace = os.replace

    def replace(src: object, dst: object) -> None:
        if str(dst).endswith("sources/manifest.json"):
            _disk_full()
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr("index.sources.os.replace", replace)
    assert _add_treaty(data_with_one_document) == EXIT_ERROR
    _one_line_error(capsys.readouterr().err)
    assert _sources(data_with_one_document) == before


def test_add_while_another_build_runs_changes_nothing(data_with_one_document: Path, capsys):
    before = _state(data_with_one_document)
    capsys.readouterr()
    with open(data_with_one_document / "index" / ".lock", "w") as held:  # the index store's build lock
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        assert _add_treaty(data_with_one_document) == EXIT_ERROR
    err = capsys.readouterr().err
    assert "try again" in err
    _one_line_error(err)
    assert _state(data_with_one_document) == before
