"""Staff feedback on answers, kept as JSON lines in the data dir, and exported as an `ndv eval` question file, so
that what staff report becomes regression questions.

A record is one 👍/👎 on an answer (or its withdrawal) or one "wrong citation" on a chip, with what was asked and
answered: the question, the history it was asked after, the answer, its citations, the index build and the time.

Appending is safe across sessions and processes: under an exclusive `flock` the whole line goes out in one write
(continued only if the OS writes part of it); a write that fails is truncated away, and a line left cut by a crash
is closed with a newline before the next one, so every line is whole. Reading skips a line that does not parse and
counts it.
"""

from __future__ import annotations

import fcntl
import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from index.errors import InputError, StorageError

FEEDBACK_FILE = "feedback.jsonl"
KINDS = ("up", "down", "cleared", "wrong_citation")
_RATINGS = ("up", "down", "cleared")
# line breaks `str.splitlines()` splits on that `json.dumps(ensure_ascii=False)` leaves raw
_RAW_BREAKS = {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def feedback_path(data_dir: Path) -> Path:
    return data_dir / "feedback" / FEEDBACK_FILE


def json_line(data: dict[str, Any]) -> str:
    """One JSON object on one line, readable as Chinese, that no line splitter breaks."""
    text = json.dumps(data, ensure_ascii=False)
    for raw, escaped in _RAW_BREAKS.items():
        text = text.replace(raw, escaped)
    return text + "\n"


@dataclass(frozen=True)
class Feedback:
    kind: str  # one of KINDS
    answer_id: str  # the answer it is about (several records may be about one answer)
    question: str
    history: list[dict[str, Any]]
    answer: dict[str, Any]  # text, found, reason, lang, backend
    citations: list[dict[str, str]]  # id and quote of each citation the answer gave
    build: str  # the index build that answered
    time: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))
    citation: str = ""  # the citation id reported as wrong

    @classmethod
    def about(
        cls,
        kind: str,
        answer_id: str,
        question: str,
        history: list[dict[str, Any]],
        answer: dict[str, Any],
        build: str,
        citation: str = "",
    ) -> Feedback:
        """A record from an `Answer.to_dict()`: the parts a reviewer needs, not the whole answer object."""
        if kind not in KINDS:
            raise InputError(f"Unknown kind of feedback {kind!r} (one of {', '.join(KINDS)}).")
        kept = {k: answer.get(k) for k in ("text", "found", "reason", "lang", "backend")}
        cites = [{"id": c["id"], "quote": c.get("quote", "")} for c in answer.get("citations", [])]
        return cls(kind, answer_id, question, list(history), kept, cites, build, citation=citation)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Feedback:
        if data.get("kind") not in KINDS or not isinstance(data.get("question"), str):
            raise ValueError("not a feedback record")
        return cls(
            kind=data["kind"],
            answer_id=str(data.get("answer_id", "")),
            question=data["question"],
            history=list(data.get("history") or []),
            answer=dict(data.get("answer") or {}),
            citations=list(data.get("citations") or []),
            build=str(data.get("build", "")),
            time=str(data.get("time", "")),
            citation=str(data.get("citation", "")),
        )


class FeedbackStore:
    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def in_data_dir(cls, data_dir: Path) -> FeedbackStore:
        return cls(feedback_path(data_dir))

    def append(self, feedback: Feedback) -> None:
        line = json_line(asdict(feedback)).encode("utf-8")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
        except OSError as exc:
            raise StorageError(f"Feedback cannot be saved in {self.path} ({exc.strerror}).") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            size = os.fstat(fd).st_size
            if size and os.pread(fd, 1, size - 1) != b"\n":  # an earlier writer died mid-line: close it
                line = b"\n" + line
            try:
                view = memoryview(line)
                while view:
                    view = view[os.write(fd, view) :]
                os.fsync(fd)
            except OSError:
                os.ftruncate(fd, size)  # no half line left behind
                raise
        except OSError as exc:
            raise StorageError(f"Feedback cannot be saved in {self.path} ({exc.strerror}).") from None
        finally:
            os.close(fd)  # releases the lock

    def read(self) -> tuple[list[Feedback], int]:
        """The records in the order they were written, and how many lines were skipped as unreadable."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            raise InputError(
                f"No feedback has been recorded yet ({self.path} does not exist): rate answers in `ndv ui` first."
            ) from None
        except OSError as exc:
            raise InputError(f"The feedback file {self.path} cannot be read ({exc.strerror}).") from None
        records, skipped = [], 0
        for line in raw.split(b"\n"):
            if not line.strip():
                continue
            try:
                records.append(Feedback.from_dict(json.loads(line.decode("utf-8"))))
            except (ValueError, TypeError, AttributeError):
                skipped += 1
        return records, skipped


# -- export as an `ndv eval` question file -------------------------------------------------------------------------
@dataclass
class _Reported:
    first: Feedback
    rating: str = ""  # the latest 👍/👎 ("" when none or withdrawn)
    wrong: list[str] = field(default_factory=list)
    last_time: str = ""


def to_questions(records: list[Feedback]) -> list[dict[str, Any]]:
    """One question per answer that has feedback, in the order answers were first reported. The latest rating
    counts (a 👍 changed to 👎 is a 👎). A 👍 alone keeps the answer's cited ids as `expect_any`; a 👎 or a wrong
    citation leaves `expect_any` empty for a reviewer to fill in, and `note` says so."""
    answers: dict[str, _Reported] = {}
    for record in records:
        reported = answers.setdefault(record.answer_id or record.time, _Reported(record))
        reported.last_time = record.time
        if record.kind in _RATINGS:
            reported.rating = "" if record.kind == "cleared" else record.kind
        elif record.citation and record.citation not in reported.wrong:
            reported.wrong.append(record.citation)
    questions = []
    for answer_id, reported in answers.items():
        if not reported.rating and not reported.wrong:
            continue  # a rating given and withdrawn
        questions.append(_question(answer_id, reported))
    return questions


def _question(answer_id: str, reported: _Reported) -> dict[str, Any]:
    record = reported.first
    cited = [c["id"] for c in record.citations]
    found = bool(record.answer.get("found"))
    citing = ", ".join(cited) or "nothing"
    given = f"the answer given (build {record.build}, found={str(found).lower()}, citing {citing})"
    if reported.rating == "up" and not reported.wrong:
        expect_any = cited if found else []
        note = (
            f"Staff feedback {reported.last_time}: 👍 on {given}; expect_any keeps the ids it cited."
            if found
            else f"Staff feedback {reported.last_time}: 👍 on {given}: the documents do not answer it."
        )
        answerable = found
    else:
        what = []
        if reported.rating == "down":
            what.append("👎")
        if reported.wrong:
            what.append(f"wrong citation {', '.join(reported.wrong)}")
        expect_any = []
        answerable = True
        note = (
            f"Staff feedback {reported.last_time}: {' and '.join(what)} on {given}. To review: expect_any is left "
            "empty on purpose; fill in the ids a correct answer cites"
            + (f" (not {', '.join(reported.wrong)})" if reported.wrong else "")
            + ", or set answerable to false if the documents do not answer it."
        )
    return {
        "id": f"fb-{answer_id}",
        "question": record.question,
        "history": record.history,
        "answerable": answerable,
        "expect_any": expect_any,
        "answer_contains": [],
        "note": note,
    }


def export_questions(store: FeedbackStore, out: Path) -> tuple[int, int, int]:
    """Write the eval question file; (questions written, of which to review, lines skipped as unreadable)."""
    records, skipped = store.read()
    questions = to_questions(records)
    text = "".join(json_line(q) for q in questions)
    try:
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 (closed below; renamed into place, or removed)
            "w", encoding="utf-8", dir=out.parent, prefix=f".{out.name}.", delete=False
        )
    except OSError as exc:
        raise InputError(f"Cannot write the question file {out} ({exc.strerror or type(exc).__name__}).") from None
    try:
        with handle:
            handle.write(text)
        os.chmod(handle.name, 0o644)
        os.replace(handle.name, out)
    except OSError as exc:
        Path(handle.name).unlink(missing_ok=True)
        raise InputError(f"Cannot write the question file {out} ({exc.strerror or type(exc).__name__}).") from None
    review = sum(1 for q in questions if not q["expect_any"] and q["answerable"])
    return len(questions), review, skipped
