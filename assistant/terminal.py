"""The one way the CLI prints text that may hold a document's or a user's words: control characters (ESC
sequences that clear the screen, retitle the window or hide text) are dropped and undecodable command-line bytes
shown as U+FFFD, so printing can neither drive the terminal nor fail."""

from __future__ import annotations

import sys

from index.text import terminal_text


def echo(text: str = "", *, err: bool = False, end: str = "\n") -> None:
    stream = sys.stderr if err else sys.stdout
    print(terminal_text(text), end=end, file=stream, flush=err)
