"""NDV Assistant: answers about A/RES/71/67 and the documents it cites, every answer citing its paragraphs.

from assistant import Assistant
answer = Assistant.from_settings().ask("政府专家小组最多由多少人组成？")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assistant.chain import Assistant
    from assistant.citations import Answer, Citation

__all__ = ["Answer", "Assistant", "Citation"]


def __getattr__(name: str) -> Any:
    # Imported on first use: the CLI starts without loading Chroma and LangChain for `--help` or errors.
    if name == "Assistant":
        from assistant.chain import Assistant

        return Assistant
    if name in ("Answer", "Citation"):
        from assistant import citations

        return getattr(citations, name)
    raise AttributeError(name)
