"""`ndv feedback export --out FILE`: the feedback staff gave in the page, as an `ndv eval` question file."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from assistant.cli_corpus import EXIT_OK
from assistant.config import Settings
from assistant.feedback import FeedbackStore, export_questions
from assistant.terminal import echo


def cmd_feedback_export(args: argparse.Namespace, settings: Settings) -> int:
    store = FeedbackStore.in_data_dir(settings.data_dir)
    out = Path(args.out).expanduser()
    written, review, skipped = export_questions(store, out)
    echo(f"Wrote {written} questions to {out} ({review} to review: their expect_any is empty; see each 'note').")
    if skipped:
        echo(f"Skipped {skipped} unreadable lines in {store.path}.", err=True)
    return EXIT_OK


def add_feedback_parser(sub: Any) -> None:
    feedback = sub.add_parser("feedback", help="the feedback given in the page (👍/👎, wrong citations)")
    actions = feedback.add_subparsers(dest="action", required=True)
    export = actions.add_parser("export", help="write the feedback as an `ndv eval` question file")
    export.add_argument("--out", required=True, help="the JSONL question file to write")
    export.set_defaults(func=cmd_feedback_export)
