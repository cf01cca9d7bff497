"""List items Markdown read as paragraph text: find them in rendered page content, with their source lines.

Python-Markdown starts a list only after a blank line. A marker line (``2. ``, ``- ``, ``* ``, ``+ ``)
directly under a paragraph line is lazy continuation of that paragraph, so in

    1. **First reason.** Some text.

        More text of item 1.
    2. **Second reason.** ...

items 2 and on are one paragraph of item 1, shown as ``2. Second reason. ...`` inline (the same holds
for a paragraph outside a list, and for a nested list). The rendered content is the judge: a line of a
``<p>`` (outside code and formulas) that starts with a marker was a marker line Markdown did not read as
an item. The source is the witness: the line is reported only where the page's Markdown has that marker
line unescaped (``2\\.`` and ``\\-`` render the same text on purpose), outside code fences and comments.
Plain functions, no MkDocs: hooks/reading.py calls ``swallowed_items`` and fails the build on any.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from sitebuild.markdown_lines import text_lines

__all__ = ["SwallowedItem", "swallowed_items"]

# Python-Markdown's list markers: "1." (any number, no "1)") and "-", "*", "+", each followed by a space.
_MARKER = re.compile(r"^[ \t]*(?P<marker>\d+\.|[-*+])[ \t]+(?P<text>.*)$")
_SOURCE_MARKER = re.compile(r"^(?:[ \t]*>)*[ \t]*(?P<marker>\d+\.|[-*+])[ \t]+(?P<text>.*)$")
_LINK_TARGET = re.compile(r"\]\([^)]*\)|\]\[[^\]]*\]")
_WORD = re.compile(r"\w+")
_SKIPPED = {"code", "pre", "script", "style", "kbd", "samp"}
_KEY = 16  # word characters of an item's text that locate its source line


@dataclass(frozen=True)
class SwallowedItem:
    """A marker line shown as paragraph text: the text from its marker on, and its 1-based source line."""

    text: str
    line: int


class _Paragraphs(HTMLParser):
    """The text of every <p>; inside code and formulas a line break is a space (their lines are no markers)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._open: list[str] | None = None
        self._skip: list[str] = []  # tags opened inside the paragraph whose text is not prose

    def handle_starttag(self, tag, attrs):
        if tag == "p":
            self._open, self._skip = [], []
        elif self._open is not None and (tag in _SKIPPED or self._skip or "arithmatex" in (dict(attrs).get("class") or "")):
            self._skip.append(tag)

    def handle_endtag(self, tag):
        if self._skip:
            if tag in self._skip:
                del self._skip[len(self._skip) - 1 - self._skip[::-1].index(tag) :]
            return
        if tag == "p" and self._open is not None:
            self.paragraphs.append("".join(self._open))
            self._open = None

    def handle_data(self, data):
        if self._open is not None:
            self._open.append(data.replace("\n", " ") if self._skip else data)


def _key(text: str) -> str:
    return "".join(_WORD.findall(_LINK_TARGET.sub("", text)))[:_KEY]


def _marker_lines(markdown: str) -> list[tuple[int, str, str]]:
    """(line, marker, key) of each unescaped marker line outside code fences and HTML comments."""
    found = []
    for number, line in text_lines(markdown):
        m = _SOURCE_MARKER.match(line)
        if m:
            found.append((number, m.group("marker"), _key(m.group("text"))))
    return found


def swallowed_items(content: str, markdown: str) -> list[SwallowedItem]:
    """Each line of a paragraph of the rendered `content` that starts with a list marker the `markdown` source wrote."""
    parser = _Paragraphs()
    parser.feed(content)
    parser.close()
    sources, found, used = _marker_lines(markdown), [], set()
    for paragraph in parser.paragraphs:
        for shown in paragraph.split("\n")[1:]:  # the first line of a paragraph follows no paragraph line
            m = _MARKER.match(shown)
            if not m:
                continue
            key = _key(m.group("text"))
            line = next((n for n, marker, src in sources if n not in used and marker == m.group("marker") and src.startswith(key)), None)
            if line is None:
                continue  # no unescaped marker line wrote it: an escaped "2\." or "\-" shows as text on purpose
            used.add(line)
            found.append(SwallowedItem(re.sub(r"\s+", " ", shown).strip(), line))
            break  # the blank line goes before the first; the items under it follow it into the list
    return found
