"""The lines of a Markdown source that Markdown reads as text: outside fenced code and HTML comments.

A fence opens with three or more backticks or tildes, also in a list item or a ``>`` quote, and closes
with at least as many of the same character and nothing after them but spaces, as in
pymdownx.superfences: inside a fence of three backticks, a line of three backticks and ``python``
is code (a fence the block shows), not its close. A comment runs from a line starting ``<!--`` to
the line holding ``-->``. Inside a fence, ``<!--`` is code. sitebuild.headings, sitebuild.list_items,
sitebuild.offline, sitebuild.glossary and sitebuild.math_delimiters read the source through
``text_lines``, the one fence parser of the build.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["text_lines"]

_FENCE = re.compile(r"^(?:[ \t]*>)*[ \t]*(`{3,}|~{3,})(.*)$")


def text_lines(markdown: str) -> Iterator[tuple[int, str]]:
    """(1-based line number, line) of each line outside code fences and HTML comments."""
    fence, comment = None, False
    for number, line in enumerate(markdown.splitlines(), 1):
        if comment:
            comment = "-->" not in line
            continue
        opened = _FENCE.match(line)
        if fence:
            mark, rest = opened.groups() if opened else ("", "")
            if mark[:1] == fence[0] and len(mark) >= len(fence) and not rest.strip():
                fence = None
            continue
        if opened:
            fence = opened.group(1)
            continue
        if line.lstrip().startswith("<!--"):
            comment = "-->" not in line
            continue
        yield number, line
