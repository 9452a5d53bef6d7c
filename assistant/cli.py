"""`ndv`: ask, chat, eval, index, fetch, cited, doc, feedback, ui.
Exit codes: 0 answered/done, 1 the documents do not answer, 2 error (one line on stderr)."""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.cli_corpus import (
    EXIT_ERROR,
    EXIT_NOT_FOUND,
    EXIT_OK,
    announce_build,
    cmd_cited,
    cmd_doc,
    cmd_fetch,
    cmd_index_add,
    cmd_index_build,
    cmd_index_list,
    open_index,
    progress_bar,
)
from assistant.cli_feedback import add_feedback_parser
from assistant.config import Settings
from assistant.labels import display_citation
from assistant.terminal import echo
from index.errors import InputError, NDVError

if TYPE_CHECKING:
    from assistant.chain import Assistant
    from assistant.citations import Answer


@cache
def _import_pipeline() -> None:
    """Import what answering needs (the chain, LangChain, Chroma) with Python's cyclic garbage collector paused,
    then freeze the objects imported out of every later collection: left to the collector, the hundred thousand
    long-lived objects these imports make are traversed again and again, while importing and while answering,
    for a tenth of a second of every cold answer. Once per process: a later freeze would also keep whatever a
    long-lived process (`ndv chat`) had let go of by then."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        import assistant.chain  # noqa: F401
        from index.chroma_client import import_chromadb

        import_chromadb()
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def _open_assistant(settings: Settings) -> Assistant:
    _import_pipeline()
    from assistant.chain import Assistant

    return Assistant.from_settings(
        settings,
        progress=progress_bar("Building the index"),
        on_build=lambda reason: announce_build(settings, reason),
    )


def _read_history(path: str | None) -> list[dict[str, Any]]:
    """The turns of a history file, typed: anything but a JSON list of {role, content, citations} turns is one
    InputError, whatever its shape (wrong types, nesting too deep, bytes that are not UTF-8)."""
    if not path:
        return []
    from index.schemas import HISTORY, parse_json

    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(f"History file not found: {path}.") from None
    except OSError as exc:
        raise InputError(f"The history file {path} cannot be read ({exc.strerror}).") from None
    turns = parse_json(HISTORY, raw, InputError, f"The history file {path}")
    return [turn.model_dump() for turn in turns]


def _question(text: str) -> str:
    """The question as text: bytes that are not UTF-8 reach argv as surrogate escapes, which nothing downstream
    can encode."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError("The question is not valid UTF-8 text; check the terminal's encoding.") from None
    return text


def format_answer(answer: Answer) -> str:
    lines = [answer.text]
    if answer.citations:
        lines.append("")
        lines.append("引用：" if answer.lang == "zh" else "Citations:")
        cited = dict.fromkeys(c.id for c in answer.citations)  # two quotes of one paragraph: one line
        lines += [f"  [{cid}] {display_citation(cid, answer.lang)}" for cid in cited]
    lines += [f"! {w}" for w in answer.warnings]
    return "\n".join(lines)


# -- commands --------------------------------------------------------------------------------------------------
def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    question = _question(args.question)
    history = _read_history(args.history)
    assistant = _open_assistant(settings)
    try:
        if args.json or not settings.llm:
            answer = assistant.ask(question, history, doc=args.doc)
        else:  # the model's draft streams to stderr; stdout gets only the verified answer
            for item in assistant.ask_stream(question, history, doc=args.doc):
                if isinstance(item, str):
                    echo(item, end="", err=True)
                else:
                    answer = item
            echo(err=True)
    finally:
        assistant.close()
    echo(json.dumps(answer.to_dict(), ensure_ascii=False, indent=1) if args.json else format_answer(answer))
    return EXIT_OK if answer.found else EXIT_NOT_FOUND


def cmd_chat(args: argparse.Namespace, settings: Settings) -> int:
    assistant = _open_assistant(settings)
    history: list[dict[str, Any]] = []
    print("NDV Assistant — ask about A/RES/71/67. Empty line or 'exit' to leave, '/clear' to start over.")
    try:
        while True:
            try:
                question = input("> ").strip()
            except EOFError:
                break
            except UnicodeDecodeError:
                echo("That line is not valid UTF-8 text; check the terminal's encoding.")
                continue
            if question in ("", "exit", "quit"):
                break
            if question == "/clear":
                history.clear()
                continue
            try:
                answer = assistant.ask(_question(question), history)
            except InputError as exc:
                echo(str(exc))
                continue
            echo(format_answer(answer) + "\n")
            history += [
                {"role": "user", "content": question},
                {"role": "assistant", "content": answer.text, "citations": [c.id for c in answer.citations]},
            ]
    finally:
        assistant.close()
    return EXIT_OK


def cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.evaluation import evaluate

    assistant = _open_assistant(settings)
    try:
        summary = evaluate(assistant, Path(args.questions), Path(args.out), progress_bar("Evaluating"))
    finally:
        assistant.close()
    echo(f"Results written to {args.out}")
    for key, value in summary.items():
        echo(f"  {key:<24} {'n/a' if value is None else value}")
    return EXIT_OK


def cmd_ui(args: argparse.Namespace, settings: Settings) -> int:
    """Build the index first if there is none or it is outdated (the page never builds), then become the
    Streamlit server."""
    open_index(settings).close()
    app = Path(__file__).resolve().parent.parent / "ui" / "app.py"
    os.environ["NDV_DATA_DIR"] = str(settings.data_dir)
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(app),
        "--server.port",
        str(args.port),
        "--server.address",
        args.address,
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--client.toolbarMode",
        "minimal",
    ]
    echo(f"NDV Assistant at http://{args.address}:{args.port}", err=True)
    sys.stdout.flush()
    os.execv(sys.executable, command)  # the server replaces this process: stopping it stops the page


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ndv", description="Questions and answers on A/RES/71/67 with citations.")
    parser.add_argument("--data-dir", help="where the index lives (default: $NDV_DATA_DIR or the user data dir)")
    sub = parser.add_subparsers(dest="command", required=True)

    index = sub.add_parser("index", help="build, extend or list the index")
    actions = index.add_subparsers(dest="action", required=True)
    build = actions.add_parser("build", help="(re)build from the shipped corpus and the documents you added")
    build.add_argument("--corpus", help="build from this corpus directory (manifest.json + files) instead")
    build.set_defaults(func=cmd_index_build)
    add = actions.add_parser("add", help="add (or replace) a UN document: PDF, DOCX, HTML or text")
    add.add_argument("file")
    add.add_argument("--symbol", help="its UN symbol, when the header does not give it")
    add.add_argument("--lang", choices=["zh", "en"], help="its language (default: detected)")
    add.set_defaults(func=cmd_index_add)
    listing = actions.add_parser("list", help="what the index holds")
    listing.set_defaults(func=cmd_index_list)

    fetch = sub.add_parser("fetch", help="download documents by UN symbol and index them")
    fetch.add_argument("symbols", nargs="*", help="e.g. A/61/1028 S-10/2")
    fetch.add_argument("--lang", default="zh,en", help="languages to fetch, all that are published (default: zh,en)")
    fetch.add_argument("--cited", action="store_true", help="every document the indexed documents cite")
    fetch.set_defaults(func=cmd_fetch)

    doc = sub.add_parser("doc", help="print a parsed document")
    doc.add_argument("symbol", help="document symbol, e.g. A/RES/71/67")
    doc.add_argument("--json", action="store_true", help="machine-readable output")
    doc.add_argument("--lang", choices=["zh", "en"], help="the text in this language (default: its primary one)")
    doc.set_defaults(func=cmd_doc)

    cited = sub.add_parser("cited", help="the documents the indexed documents cite, and where")
    cited.add_argument("--json", action="store_true", help="machine-readable output")
    cited.add_argument("--lang", choices=["zh", "en"], default="zh", help="language of titles and labels")
    cited.set_defaults(func=cmd_cited)

    ask = sub.add_parser("ask", help="answer one question with citations")
    ask.add_argument("question")
    ask.add_argument("--json", action="store_true", help="machine-readable output")
    ask.add_argument("--history", help="JSON file with earlier turns [{role, content}, ...]")
    ask.add_argument("--doc", help="answer from this document only (its symbol)")
    ask.add_argument("--llm", metavar="SPEC", help="answer with a language model: openai:MODEL or ollama:MODEL")
    ask.set_defaults(func=cmd_ask)

    chat = sub.add_parser("chat", help="interactive conversation with follow-up questions")
    chat.add_argument("--llm", metavar="SPEC", help="answer with a language model: openai:MODEL or ollama:MODEL")
    chat.set_defaults(func=cmd_chat)

    ev = sub.add_parser("eval", help="run a JSONL question set and print the metrics")
    ev.add_argument("questions")
    ev.add_argument("--out", required=True, help="where to write the JSONL results")
    ev.add_argument("--llm", metavar="SPEC", help="answer with a language model: openai:MODEL or ollama:MODEL")
    ev.set_defaults(func=cmd_eval)

    add_feedback_parser(sub)

    ui = sub.add_parser("ui", help="start the web chat (Streamlit)")
    ui.add_argument("--port", type=int, default=8501)
    ui.add_argument("--address", default="127.0.0.1", help="interface to listen on (default: this machine only)")
    ui.set_defaults(func=cmd_ui)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = Settings.from_env(
            data_dir=Path(args.data_dir).expanduser() if args.data_dir else None, llm=getattr(args, "llm", None)
        )
        return int(args.func(args, settings))
    except NDVError as exc:
        echo(f"ndv: {exc}", err=True)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("ndv: interrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into `head` and the like: not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as exc:  # a data dir that is a file, a full or read-only disk: say which path, no traceback
        echo(f"ndv: {exc.strerror or type(exc).__name__}: {exc.filename or ''}.", err=True)
        return EXIT_ERROR


def run() -> None:
    sys.exit(main())
