"""Every code block a built page shows is one the docs harness collected.

The harness reads Markdown line by line (docs_harness/markdown.py); Python-Markdown renders it. Where
the two disagree, a block can be shown to readers that the harness never ran. ``unseen_blocks``
compares the ``<pre>`` blocks of a built page (but empty ones, such as the one the shape explorer fills) with the blocks the harness found in its source, in
order, by their first line, and names the source line of each block only the built page has.
Plain functions, no MkDocs: tests/test_site_build.py runs them over the whole built site.
"""

from __future__ import annotations

import difflib
from html.parser import HTMLParser

__all__ = ["built_blocks", "unseen_blocks"]


class _Pre(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.depth = 0

    def handle_starttag(self, tag, attrs):
        if tag == "pre":
            if self.depth == 0:
                self.blocks.append("")
            self.depth += 1

    def handle_endtag(self, tag):
        if tag == "pre" and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.blocks[-1] += data


def built_blocks(html: str) -> list[str]:
    """The text of each ``<pre>`` block of a built page, in order."""
    parser = _Pre()
    parser.feed(html)
    parser.close()
    return parser.blocks


def first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def unseen_blocks(where: str, source: str, collected: list[tuple[int, str]], html: str) -> list[str]:
    """``where:line: …`` for each block the built page shows and the harness did not collect.

    ``collected`` holds (source line, text) of every block the harness found, in page order;
    ``source`` is the page's Markdown, to find the line of a block the harness missed.
    """
    shown = [first_line(b) for b in built_blocks(html) if b.strip()]  # an empty <pre> is filled by a script
    seen = [first_line(text) for _, text in collected]
    lines = source.splitlines()
    problems = []
    matcher = difflib.SequenceMatcher(None, seen, shown, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        after = collected[i1 - 1][0] if i1 else 0
        for key in shown[j1:j2]:
            line = next((n for n, text in enumerate(lines, 1) if n > after and key and key in text), after or 1)
            problems.append(
                f"{where}:{line}: the built page shows a code block the harness never collected ({key[:60]!r}): "
                "write code as a fence with a language (```python runs it, ```text shows it)"
            )
        for n, text in collected[i1:i2]:
            problems.append(
                f"{where}:{n}: the harness collected a block the built page does not show ({first_line(text)[:60]!r}): "
                "Markdown reads the page differently from docs_harness/markdown.py; fix the page's Markdown"
            )
    return problems
