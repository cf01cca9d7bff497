"""Formulas that Markdown would show as text: an unclosed ``\\(``, a ``|`` inside a formula in a table.

pymdownx.arithmatex finds ``\\(…\\)``, ``\\[…\\]`` and ``$$…$$`` in the Markdown; what it does not
find, Python-Markdown unescapes, so a lone ``\\(`` becomes a plain ``(`` and no formula reaches KaTeX.
In a table, a ``|`` splits the cell before arithmatex runs, leaving ``(x`` and ``y)`` in two cells.
``has_math`` is the one rule for whether a page writes a formula (the colophon's count, the KaTeX and
browser checks). ``formula_problems`` reads the page source as arithmatex would (not inside fences, code spans or
comments) and names the line of each such formula; ``leftover_delimiters`` finds delimiters left as
text in a rendered page (notebooks, escapes). Plain functions: hooks/katex.py fails the build with them.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

from sitebuild.markdown_lines import text_lines

__all__ = ["formula_problems", "has_math", "leftover_delimiters", "page_has_math"]

_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$")
_TOKEN = re.compile(r"\\\\|\\\(|\\\)|\\\[|\\\]|\$\$")
_CLOSE = {"\\(": "\\)", "\\[": "\\]", "$$": "$$"}
# A formula's opening: \( \[ $$, or $...$ on one line (not a price such as $5, nor $ in a word).
_MATH = re.compile(r"\\\(|\\\[|\$\$|(?<![\\$\w])\$(?=\S)[^$\n]+?(?<=\S)\$(?![\w$])")


def _mask(text: str, pattern: re.Pattern) -> str:
    """The text with each match replaced by spaces (newlines kept), so columns and lines stay put."""
    return pattern.sub(lambda m: re.sub(r"[^\n]", " ", m[0]), text)


def _blocks(source: str) -> list[list[tuple[int, str]]]:
    """Paragraphs of (line number, text) outside fences, with code spans and comments blanked.

    The lines are those Markdown reads as text (sitebuild.markdown_lines.text_lines); a fence or
    a comment between two of them, or a blank line, ends a paragraph. Each row of a table is a
    block of its own, as the table splits it into cells.
    """
    runs: list[list[tuple[int, str]]] = []
    previous = -1
    for n, line in text_lines(source):
        if n != previous + 1:
            runs.append([])
        runs[-1].append((n, line))
        previous = n
    blocks: list[list[tuple[int, str]]] = [[]]
    for run in runs:
        blocks.append([])
        masked = _mask("\n".join(text for _, text in run), _COMMENT).split("\n")  # a comment within the text
        for (n, _), line in zip(run, masked, strict=True):
            if not line.strip():
                blocks.append([])
                continue
            blocks[-1].append((n, _mask(line, _CODE_SPAN)))
    out = []
    for block in blocks:
        if any(_TABLE_RULE.match(text) for _, text in block):
            out += [[row] for row in block if not _TABLE_RULE.match(row[1])]
        elif block:
            out.append(block)
    return out


def has_math(markdown: str) -> bool:
    """True when the Markdown writes a formula outside fences, code spans and comments."""
    return any(_MATH.search(text) for block in _blocks(markdown) for _, text in block)


def page_has_math(path: Path) -> bool:
    """True when a page's source writes a formula: a Markdown page, or a notebook's markdown cells."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".ipynb":
        cells = json.loads(text).get("cells", [])
        text = "\n\n".join("".join(cell.get("source", "")) for cell in cells if cell.get("cell_type") == "markdown")
    return has_math(text)


def _formula_text(lines: list[tuple[int, str]], start: tuple[int, int], end: tuple[int, int] | None) -> str:
    """The text of a formula from (line index, column) to end (or the end of the block), one line."""
    (li, col) = start
    if end is None:
        end = (len(lines) - 1, len(lines[-1][1]))
    parts = []
    for k in range(li, end[0] + 1):
        text = lines[k][1]
        a = col if k == li else 0
        b = end[1] if k == end[0] else len(text)
        parts.append(text[a:b].strip())
    return " ".join(p for p in parts if p)


def formula_problems(source: str) -> list[tuple[int, str]]:
    """(line, what is wrong; how to fix it) for each formula arithmatex would not find or would split."""
    problems = []
    for block in _blocks(source):
        table_row = len(block) == 1 and "|" in block[0][1]
        opened: tuple[str, int, int] | None = None  # delimiter, line index, column after it
        for li, (_, text) in enumerate(block):
            for token in _TOKEN.finditer(text):
                delim = token[0]
                if delim == "\\\\":
                    continue
                if opened is None:
                    if delim in _CLOSE:
                        opened = (delim, li, token.end())
                    continue
                if delim != _CLOSE[opened[0]]:
                    continue
                inside = _formula_text(block, (opened[1], opened[2]), (li, token.start()))
                if table_row and re.search(r"(?<!\\)\|", inside):
                    problems.append(
                        (
                            block[opened[1]][0],
                            f"a | inside the formula {opened[0]}{inside[:40]}{delim} ends the table cell, so the "
                            "page shows the formula as text: write \\vert (or \\lvert … \\rvert) for |",
                        )
                    )
                opened = None
        if opened is not None:
            delim, li, col = opened
            rest = _formula_text(block, (li, col), None)
            problems.append(
                (
                    block[li][0],
                    f"the formula {delim}{rest[:40]} is never closed, so the page shows its text: "
                    f"close it with {_CLOSE[delim]} in the same paragraph",
                )
            )
    return sorted(problems)


class _Text(HTMLParser):
    SKIP = {"code", "pre", "script", "style", "textarea", "kbd", "samp"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skip = 0
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            for m in re.finditer(r"\\[(\[]", data):
                self.found.append(data[m.start() : m.start() + 40].strip())


def leftover_delimiters(html: str) -> list[str]:
    """Text around each ``\\(`` or ``\\[`` left in a rendered page outside code: a formula nobody rendered."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return parser.found
