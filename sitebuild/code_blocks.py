"""Every code block a built page shows is one the docs harness runs or knowingly shows.

The harness reads Markdown line by line (docs_harness/markdown.py) and notebook cells from the JSON;
Python-Markdown and mkdocs-jupyter render them. Where the two disagree, a block can be shown to readers
that the harness never ran. ``unseen_blocks`` compares the ``<pre>`` blocks of a built page (but empty
ones, such as the one the shape explorer fills) with the blocks the harness collected from its source,
in order, by their first line, and names the source line of each block only one side has;
``unseen_cells`` does the same for a notebook page (its output areas left out), naming cell and line.
Plain functions, no MkDocs: tests/test_site_build.py runs them over the whole built site.
"""

from __future__ import annotations

import difflib
from html.parser import HTMLParser

__all__ = ["built_blocks", "unseen_blocks", "unseen_cells"]


class _Pre(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.depth = 0
        self.outputs = 0  # depth in a notebook cell's output area (its divs), 0 outside one

    def handle_starttag(self, tag, attrs):
        if tag == "div" and (self.outputs or "jp-OutputArea" in (dict(attrs).get("class") or "").split()):
            self.outputs += 1
        if tag == "pre" and not self.outputs:
            if self.depth == 0:
                self.blocks.append("")
            self.depth += 1

    def handle_endtag(self, tag):
        if tag == "div" and self.outputs:
            self.outputs -= 1
        if tag == "pre" and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.blocks[-1] += data


def built_blocks(html: str) -> list[str]:
    """The text of each ``<pre>`` block of a built page, in order (a notebook's outputs are not code it shows)."""
    parser = _Pre()
    parser.feed(html)
    parser.close()
    return parser.blocks


def first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def _mismatches(collected: list, html: str, start):
    """("shown", position of the collected block before it (``start`` if none), first line) of each block only
    the page shows, ("collected", position, text) of each block only the harness has, in page order."""
    shown = [first_line(b) for b in built_blocks(html) if b.strip()]  # an empty <pre> is filled by a script
    seen = [first_line(text) for _, text in collected]
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, seen, shown, autojunk=False).get_opcodes():
        if op != "equal":
            after = collected[i1 - 1][0] if i1 else start
            yield from (("shown", after, key) for key in shown[j1:j2])
            yield from (("collected", n, text) for n, text in collected[i1:i2])


def _message(kind: str, where: str, text: str, fix: str) -> str:
    if kind == "shown":
        return f"{where}: the built page shows a code block the harness never collected ({text[:60]!r}): {fix}"
    return f"{where}: the harness collected a block the built page does not show ({first_line(text)[:60]!r}): {fix}"


def unseen_blocks(where: str, source: str, collected: list[tuple[int, str]], html: str) -> list[str]:
    """``where:line: …`` for each block the built page shows and the harness did not collect, and the reverse.

    ``collected`` holds (source line, text) of every block the harness found, in page order;
    ``source`` is the page's Markdown, to find the line of a block the harness missed.
    """
    lines = source.splitlines()
    problems = []
    for kind, n, text in _mismatches(collected, html, 0):
        if kind == "shown":
            line = next((k for k, row in enumerate(lines, 1) if k > n and text and text in row), n or 1)
            fix = "write code as a fence with a language (```python runs it, ```text shows it)"
            problems.append(_message(kind, f"{where}:{line}", text, fix))
        else:
            fix = "Markdown reads the page differently from docs_harness/markdown.py; fix the page's Markdown"
            problems.append(_message(kind, f"{where}:{n}", text, fix))
    return problems


def unseen_cells(where: str, cells: list[tuple[int, str]], collected: list[tuple[tuple[int, int], str]], html: str) -> list[str]:
    """``where: cell n, line k: …`` for each code block a built notebook page shows that the harness does not
    run or knowingly show, and the reverse.

    ``cells`` holds (number, source) of every cell of the notebook; ``collected`` ((cell, line), text) of
    each code cell the harness runs (line 1) and each fence it shows in a markdown cell, in order.
    """
    rows = [((c, k), row) for c, source in cells for k, row in enumerate(source.splitlines(), 1)]
    problems = []
    for kind, at, text in _mismatches(collected, html, (0, 0)):
        if kind == "shown":
            cell, line = next((place for place, row in rows if place > at and text and text in row), max(at, (1, 1)))
            fix = "make it a code cell of plain Python, which the harness runs, or a ```text fence in a markdown cell"
        else:
            (cell, line), fix = at, "mkdocs-jupyter shows the notebook differently from docs_harness/markdown.py; report the cell"
        problems.append(_message(kind, f"{where}: cell {cell}, line {line}", text, fix))
    return problems
