"""How wide code may be: the characters a code block of the 1280 px layout shows, and the page fences that exceed them.

At 1280 px Material's content column holds a code block whose text area, clear of the copy button
(reading.css pads every block's right side for it), fits 78 characters of the monospace font.
Snippet files are held to it by ruff (snippets/ruff.toml, E501); code written straight in a page's
fences is held to it by ``long_fence_lines``, which tests/test_code_width.py runs over docs/.
The same test measures the width in Chromium, so a theme or font change that narrows it fails there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["CODE_COLUMNS", "LongLine", "long_fence_lines"]

CODE_COLUMNS = 78
_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})")


@dataclass(frozen=True)
class LongLine:
    """A line of a page's code fence wider than the code block: its 1-based line and its width in characters."""

    line: int
    width: int


def long_fence_lines(markdown: str, limit: int = CODE_COLUMNS) -> list[LongLine]:
    """Lines inside the code fences of a Markdown page longer than `limit` once the fence's indent is removed.

    A ``--8<--`` include line is left out: it is replaced by the snippet file, which ruff checks.
    """
    found: list[LongLine] = []
    fence: tuple[str, str] | None = None  # (indent, fence) of the open fence
    for number, line in enumerate(markdown.splitlines(), 1):
        opened = _FENCE.match(line)
        if fence is None:
            if opened:
                fence = (opened["indent"], opened["fence"])
            continue
        if opened and opened["fence"][0] == fence[1][0] and len(opened["fence"]) >= len(fence[1]) and not line[opened.end() :].strip():
            fence = None
            continue
        text = line[len(fence[0]) :] if line.startswith(fence[0]) else line.lstrip()
        if "--8<--" in text:
            continue
        if len(text) > limit:
            found.append(LongLine(number, len(text)))
    return found
