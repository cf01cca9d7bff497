"""One H1 per page: find the headings of rendered page content that make a second title, with their source lines.

Python-Markdown reads ``- #15314 (2018) asked`` as a list item holding an H1 heading, so a number
written with its ``#`` at the start of a list item becomes a second page title (and a search hit).
Plain functions, no MkDocs: hooks/reading.py calls ``extra_titles`` and fails the build on any.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from sitebuild.markdown_lines import text_lines

__all__ = ["ExtraTitle", "extra_titles"]

_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)
_TAG = re.compile(r"<[^>]+>")
_ATX_H1 = re.compile(r"^(?:[ \t]*(?:[-*+]|\d+[.)])[ \t]+)*#(?!#)[ \t]*(?P<text>\S.*)$")


@dataclass(frozen=True)
class ExtraTitle:
    """An H1 after the page's first: its text and the 1-based line of the Markdown that made it (0 if not found)."""

    text: str
    line: int


def _plain(fragment: str) -> str:
    text = html.unescape(_TAG.sub("", fragment)).replace("¶", "")
    return re.sub(r"\s+", " ", text).strip()


def _h1_lines(markdown: str) -> list[tuple[int, str]]:
    """(line, text) of each line outside code fences and comments that Markdown reads as an H1, in a list item or not."""
    found = []
    for number, line in text_lines(markdown):
        m = _ATX_H1.match(line)
        if m:
            found.append((number, _plain(m.group("text")).rstrip("#").strip()))
    return found


def extra_titles(content: str, markdown: str) -> list[ExtraTitle]:
    """Every H1 of the rendered `content` after the first, located in its `markdown` source."""
    titles = [_plain(m.group(1)) for m in _H1.finditer(content)]
    if len(titles) <= 1:
        return []
    sources = _h1_lines(markdown)
    extra = []
    for text in titles[1:]:
        line = next((n for n, src in sources if _plain(src)[:20] and text.startswith(_plain(src)[:20].rstrip())), 0)
        extra.append(ExtraTitle(text, line))
    return extra
