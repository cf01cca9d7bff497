"""Read a docs page the way a reader sees it: fences at any depth, included snippets, code spans.

Plain functions with no pytest and no MkDocs in them, so the rules can move with the site.
"""

from __future__ import annotations

import json
import re
import shlex
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

# Fence languages the harness runs, compared case-insensitively (Pygments reads ``Python`` and ``PY``
# as Python too). Every other language Pygments knows is shown, not run; an unknown one is an error.
RUN_LANGS = {"python", "py", "python3", "py3"}
SESSION_LANGS = {"pycon", "python-console"}
PYTHON_LANGS = RUN_LANGS | SESSION_LANGS
# Extensions MkDocs reads as Markdown pages (mkdocs.utils.markdown_extensions).
PAGE_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")

_FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>[^`]*)$")
_INCLUDE = re.compile(r"""^(?P<indent>[ \t]*)-{2,}8<-{2,}[ \t]+(?P<q>["'])(?P<spec>[^"']+)(?P=q)[ \t]*$""")
_SECTION_MARK = re.compile(r"-{1,}8<-{1,}\s*\[(?P<kind>start|end):(?P<name>[^\]]+)\]")
_CODE_SPAN = re.compile(r"(?<!`)(?P<ticks>`+)(?!`)(?P<text>.+?)(?<!`)(?P=ticks)(?!`)")
_EXEMPT = re.compile(r"^\s*<!--\s*unchecked-shape:\s*(?P<reason>.*?)\s*-->")
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)


class PageError(Exception):
    """A page or snippet that cannot be read as written; the message names file and line."""


@dataclass(frozen=True, order=True)
class CellLine:
    """Where a line of a notebook is: its cell and its line in that cell, both 1-based as Jupyter counts."""

    cell: int
    line: int

    def __add__(self, lines: int) -> CellLine:
        return CellLine(self.cell, self.line + lines)

    def __str__(self) -> str:
        return f"cell {self.cell}, line {self.line}"


def located(path: Path | str, lineno: int | CellLine) -> str:
    """How a message names a place: ``page.md:12``, or ``notebook.ipynb: cell 3, line 2``."""
    return f"{path}: {lineno}" if isinstance(lineno, CellLine) else f"{path}:{lineno}"


@dataclass
class Line:
    """One line of code as the reader sees it, and where it lives on disk."""

    text: str
    path: Path
    lineno: int | CellLine  # 1-based line of ``path``; in a notebook, the cell and its line


@dataclass
class Fence:
    path: Path  # the page
    lineno: int  # 1-based line of the opening fence
    lang: str | None
    options: dict[str, str | bool]
    lines: list[Line] = field(default_factory=list)
    includes: list[Path] = field(default_factory=list)
    problem: str = ""  # what is wrong with how the block is written, "" if nothing
    indented: bool = False  # an indented code block, not a fence
    shown: bool = True  # the built page shows it as a code block (not an unreadable fence, not a comment)

    @property
    def source(self) -> str:
        return "".join(line.text + "\n" for line in self.lines)

    @property
    def kind(self) -> str:
        """python | session | python2 | display (another language) | unknown | none (no language)."""
        return language_kind(self.lang)

    @property
    def runs(self) -> bool:
        return self.kind in ("python", "session") and "notest" not in self.options


def where(line: Line, root: Path) -> str:
    """``located`` for a line, its path relative to ``root`` when it lies under it."""
    try:
        rel = line.path.resolve().relative_to(root)
    except ValueError:
        rel = line.path
    return located(rel, line.lineno)


def language_kind(lang: str | None) -> str:
    if not lang:
        return "none"
    name = lang.casefold()
    if name in RUN_LANGS:
        return "python"
    if name in SESSION_LANGS:
        return "session"
    if name in ("python2", "py2"):
        return "python2"
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    try:
        get_lexer_by_name(name)
    except ClassNotFound:
        return "unknown"
    return "display"


@dataclass
class CodeSpan:
    path: Path
    lineno: int | CellLine
    text: str
    exemption: str | None
    column: int = 0
    wrapped: int = 0  # how many later lines of its paragraph it runs onto (Markdown joins them with a space)
    end: int = -1  # when wrapped: the column just past its closer on its last line


# Options superfences itself reads from an unbraced info string (```python title="x"); any other
# word makes it give up on the fence and show its lines as paragraph text.
UNBRACED_OPTIONS = {"hl_lines", "linenums", "title"}


def parse_info(info: str, where: str) -> tuple[str | None, dict[str, str | bool]]:
    """Split a fence's info string: ``python`` or superfences' ``{.python raises="RuntimeError"}``."""
    lang, options, _ = read_info(info, where)
    return lang, options


def read_info(info: str, where: str) -> tuple[str | None, dict[str, str | bool], str]:
    """``parse_info`` plus what is wrong with the info string as superfences reads it ("" if nothing)."""
    info = info.strip()
    if not info:
        return None, {}, ""
    braced = info.startswith("{") and info.endswith("}")
    try:
        words = shlex.split(info[1:-1] if braced else info)
    except ValueError as exc:
        raise PageError(f"{where}: cannot read the fence options {info!r}: {exc}") from None
    lang = None
    options: dict[str, str | bool] = {}
    for i, word in enumerate(words):
        if braced and word.startswith(".") and lang is None:
            lang = word[1:]
        elif not braced and i == 0:
            lang = word
        elif "=" in word:
            key, value = word.split("=", 1)
            options[key] = value
        elif not word.startswith(("#", ".")):
            options[word] = True
    problem = ""
    unread = [key for key in options if key not in UNBRACED_OPTIONS]
    if not braced and unread:
        rest = info.split(None, 1)[1] if " " in info else ""
        problem = (
            f"the fence options {rest!r} need braces, or the fence is shown as plain text and its "
            f"#> lines as headings: write ```{{.{lang} {rest}}}"
        )
    return lang, options, problem


def read_snippet(spec: str, bases: list[Path], where: str) -> list[Line]:
    """Lines that ``--8<-- "spec"`` puts on the page, as pymdownx.snippets does.

    ``spec`` is ``file``, ``file:section`` or ``file:start:end`` (1-based lines).
    Section markers are dropped from what the reader sees.
    """
    name, _, rest = spec.partition(":")
    path = next((b / name for b in bases if (b / name).is_file()), None)
    if path is None:
        searched = ", ".join(str(b) for b in bases)
        raise PageError(f"{where}: snippet {name!r} not found (searched {searched})")
    raw = path.read_text(encoding="utf-8").splitlines()
    numbered = list(enumerate(raw, start=1))
    if rest:
        parts = rest.split(":")
        if all(p.isdigit() or p == "" for p in parts):
            start = int(parts[0] or 1)
            end = int(parts[1]) if len(parts) > 1 and parts[1] else len(raw)
            numbered = numbered[start - 1 : end]
        else:
            section = rest
            inside, picked, found = False, [], False
            for n, text in numbered:
                mark = _SECTION_MARK.search(text)
                if mark and mark["name"] == section:
                    found = True
                    inside = mark["kind"] == "start"
                    continue
                if inside:
                    picked.append((n, text))
            if not found:
                raise PageError(f"{where}: snippet {name!r} has no section [start:{section}]")
            numbered = picked
    numbered = [(n, t) for n, t in numbered if not _SECTION_MARK.search(t)]
    dedented = textwrap.dedent("".join(t + "\n" for _, t in numbered)).splitlines()
    return [Line(text, path, n) for (n, _), text in zip(numbered, dedented)]


def _dedent(text: str, indent: str) -> str:
    if text.startswith(indent):
        return text[len(indent) :]
    return text.lstrip(" \t")


_QUOTE = re.compile(r"^(?P<lead>[ \t]*)>[ ]?")  # also a quote inside an admonition or list item
# Lines that open a block whose body is indented by 4: list items, admonitions, details, tabs, footnotes.
_CONTAINER = re.compile(r"^(?:[-*+][ \t]+\S|\d+[.)][ \t]+\S|(?:!!!|\?\?\?\+?|===)[ \t]|\[\^[^\]]+\]:)")
_MARKER_START = re.compile(r"^\s*unchecked-shape\b")


def _unquote(raw: str, depth: int | None = None) -> tuple[int, str]:
    """Strip blockquote markers (``> ``): all of them, or at most ``depth``; return how many and the rest."""
    n = 0
    while (depth is None or n < depth) and (m := _QUOTE.match(raw)):
        raw, n = m["lead"] + raw[m.end() :], n + 1
    return n, raw


def _indent(text: str) -> int:
    text = text.expandtabs(4)
    return len(text) - len(text.lstrip())


def _code_span_ranges(raw: str) -> list[tuple[int, int]]:
    return [m.span() for m in _CODE_SPAN.finditer(raw)]


def _find_comment_open(raw: str, start: int) -> int:
    """Index of the first ``<!--`` at or after ``start`` that is not inside a code span, or -1."""
    ranges = _code_span_ranges(raw)
    at = raw.find("<!--", start)
    while at >= 0 and any(a <= at < b for a, b in ranges):
        at = raw.find("<!--", at + 1)
    return at


def parse_page(path: Path, bases: list[Path]) -> tuple[list[Fence], list[CodeSpan]]:
    """All code blocks of a markdown page, at any depth, and the code spans outside them.

    Code blocks are fences (also inside admonitions, tabs and ``>`` quotes) and indented code
    blocks. HTML comments hide what they hold, as in Markdown; a comment that is never closed
    hides nothing (Markdown shows it as text) and is reported as a block with a ``problem``, as
    is a fence whose options superfences cannot read.
    """
    text = path.read_text(encoding="utf-8")
    front = _FRONT_MATTER.match(text)
    skip = front.group(0).count("\n") if front else 0
    lines = text.splitlines()
    fences: list[Fence] = []
    spans: list[CodeSpan] = []

    def problem(lineno: int, message: str) -> None:
        fences.append(Fence(path, lineno, None, {}, [Line(lines[lineno - 1], path, lineno)], problem=message, shown=False))

    i = skip
    in_comment = False
    containers = [0]  # content indent of each open list item / admonition / tab
    blank_before = True
    carry: _Open | None = None  # a code span or math still open at the end of the last prose line
    while i < len(lines):
        raw = lines[i]
        start = 0
        if in_comment:
            end = raw.find("-->")
            if end < 0:
                i += 1
                continue
            in_comment, start = False, end + 3
        depth, body = _unquote(raw)
        opening = _FENCE_OPEN.match(body) if start == 0 else None
        if opening:
            indent, marker = opening["indent"], opening["fence"]
            where = f"{path}:{i + 1}"
            lang, options, wrong = read_info(opening["info"], where)
            fence = Fence(path, i + 1, lang, options, problem=wrong, shown=not wrong)
            close = re.compile(rf"^[ \t]*{re.escape(marker[0])}{{{len(marker)},}}[ \t]*$")
            i += 1
            while i < len(lines) and not close.match(_unquote(lines[i], depth)[1]):
                body = _dedent(_unquote(lines[i], depth)[1], indent)
                include = _INCLUDE.match(body)
                if include:
                    found = read_snippet(include["spec"], bases, f"{path}:{i + 1}")
                    fence.includes.append(found[0].path if found else Path(include["spec"]))
                    fence.lines.extend(
                        Line(include["indent"] + ln.text, ln.path, ln.lineno) for ln in found
                    )
                else:
                    fence.lines.append(Line(body, path, i + 1))
                i += 1
            if i >= len(lines):
                raise PageError(f"{where}: fence {marker} is never closed")
            fences.append(fence)
            blank_before, carry = False, None
            i += 1
            continue
        if start == 0 and body.strip():
            level = _indent(body)
            if blank_before:
                while len(containers) > 1 and containers[-1] > level:
                    containers.pop()
            if blank_before and level >= containers[-1] + 4:
                code = Fence(path, i + 1, None, {}, indented=True)
                threshold = containers[-1] + 4
                while i < len(lines):
                    part = _unquote(lines[i], depth)[1]
                    if part.strip() and _indent(part) < threshold:
                        break
                    code.lines.append(Line(part.expandtabs(4)[threshold:], path, i + 1))
                    i += 1
                while code.lines and not code.lines[-1].text.strip():
                    code.lines.pop()
                fences.append(code)
                blank_before, carry = True, None
                continue
            if _CONTAINER.match(body.lstrip()):
                containers.append(level + 4)
        blank_before = not body.strip()
        # comments: a <!-- outside code spans hides everything up to the next -->
        visible = [(start, len(raw))]
        at = _find_comment_open(raw, start)
        while at >= 0:
            end = raw.find("-->", at + 4)
            if end >= 0:
                visible[-1] = (visible[-1][0], at)
                visible.append((end + 3, len(raw)))
                at = _find_comment_open(raw, end + 3)
                continue
            if _MARKER_START.match(raw[at + 4 :]):
                problem(i + 1, "an unchecked-shape marker must end with --> on its line: <!-- unchecked-shape: reason -->")
                break
            later = next((k for k in range(i + 1, len(lines)) if "-->" in lines[k]), None)
            if later is None:
                problem(
                    i + 1,
                    "this <!-- comment is never closed, so Markdown shows it as text: "
                    "close it with --> or write &lt;!-- for the characters themselves",
                )
                break
            visible[-1] = (visible[-1][0], at)
            in_comment = True
            break
        line_spans, carry = _spans(raw, path, i + 1, carry)
        for span in line_spans:
            if any(a <= (span.end - 1 if span.wrapped else span.column) < b for a, b in visible):
                spans.append(span)
        i += 1
    return fences, spans


# What opens a code span, inline/display math (arithmatex: \( \) and \[ \]) or raw HTML <code>; each may run
# onto later lines of its paragraph.
_OPENER = re.compile(r"(?<!`)(?P<ticks>`+)(?!`)|(?<!\\)\\(?P<math>[(\[])|(?P<html><code(?:\s[^>]*)?>)", re.I)
_CLOSER = {"(": "\\)", "[": "\\]"}


@dataclass
class _Open:
    """A code span or math opened on an earlier line and not yet closed."""

    lineno: int | CellLine
    column: int
    closer: re.Pattern
    text: str
    math: str = ""  # "(" or "[" for math, "" for a code span
    lines: int = 0  # how many later lines it has run onto so far


def _closer(match: re.Match) -> tuple[re.Pattern, str]:
    if match["ticks"]:
        ticks = re.escape(match["ticks"])
        return re.compile(rf"(?<!`){ticks}(?!`)"), ""
    if match["html"]:
        return re.compile(r"</code>", re.I), ""
    return re.compile(re.escape(_CLOSER[match["math"]])), match["math"]


def _span(path: Path, lineno: int | CellLine, column: int, text: str, math: str, after: str, wrapped: int = 0, end: int = -1) -> CodeSpan:
    exempt = _EXEMPT.match(after)
    if math:
        text = f"\\{math}{text.strip()}{_CLOSER[math]}"  # shapes.claims reads math by its delimiters
    return CodeSpan(path, lineno, text.strip(), exempt["reason"] if exempt else None, column, wrapped, end)


def _spans(raw: str, path: Path, lineno: int | CellLine, carry: _Open | None = None) -> tuple[list[CodeSpan], _Open | None]:
    """Code spans, math and raw HTML ``<code>`` on one prose line, and what is still open at its end."""
    return _md_spans(raw, path, lineno, carry)


def _md_spans(raw: str, path: Path, lineno: int | CellLine, carry: _Open | None = None) -> tuple[list[CodeSpan], _Open | None]:
    """Code spans and math on one prose line, and what is still open at its end.

    As in Markdown, a code span (or math) opened on one line may close on a later line of the same
    paragraph; a blank line ends the paragraph, and an opener never closed is plain text.
    """
    found, at = [], 0
    if carry is not None:
        if not raw.strip():
            return [], None
        carry.lines += 1
        close = carry.closer.search(raw)
        if close is None:
            carry.text += " " + raw.strip()
            return [], carry
        text = carry.text + " " + raw[: close.start()].strip()
        found.append(_span(path, carry.lineno, carry.column, text, carry.math, raw[close.end() :], carry.lines, close.end()))
        at = close.end()
    while (opening := _OPENER.search(raw, at)) is not None:
        closer, math = _closer(opening)
        close = closer.search(raw, opening.end())
        if close is None:
            rest = raw[opening.end() :].strip()
            return found, _Open(lineno, opening.start(), closer, rest, math)
        found.append(_span(path, lineno, opening.start(), raw[opening.end() : close.start()], math, raw[close.end() :]))
        at = close.end()
    return found, None


@dataclass
class Cell:
    index: int  # 1-based, as Jupyter counts
    kind: str
    source: str
    outputs: list = field(default_factory=list)  # as stored in the file (nbformat output dicts)
    execution_count: int | None = None


def read_notebook(path: Path) -> list[Cell]:
    """Cells of an .ipynb file, with the outputs stored in it (the harness compares them with what runs)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    cells = []
    for n, cell in enumerate(data.get("cells", []), start=1):
        source = cell.get("source", "")
        text = "".join(source) if isinstance(source, list) else source
        cells.append(Cell(n, cell.get("cell_type", ""), text, list(cell.get("outputs", [])), cell.get("execution_count")))
    return cells


def notebook_spans(path: Path, cells: list[Cell]) -> list[CodeSpan]:
    spans = []
    for cell in cells:
        if cell.kind == "markdown":
            carry, fence = None, None
            for k, raw in enumerate(cell.source.splitlines(), start=1):
                opening = _FENCE_OPEN.match(_unquote(raw)[1])
                if fence is None and opening:
                    fence, carry = opening["fence"], None
                    continue
                if fence is not None:  # a fence's lines are code, not prose (cell_fences reports the fence)
                    if raw.strip().startswith(fence) and not raw.strip().strip(fence[0]):
                        fence = None
                    continue
                line_spans, carry = _spans(raw, path, CellLine(cell.index, k), carry)
                spans.extend(line_spans)
    return spans


def cell_lines(path: Path, cell: Cell) -> list[Line]:
    return [Line(text, path, CellLine(cell.index, k)) for k, text in enumerate(cell.source.splitlines(), start=1)]


def cell_fences(cell: Cell) -> list[tuple[CellLine, str | None]]:
    """(where, language) of each fence in a markdown cell."""
    found, fence = [], None
    for k, raw in enumerate(cell.source.splitlines(), start=1):
        opening = _FENCE_OPEN.match(_unquote(raw)[1])
        if fence is None and opening:
            fence = opening["fence"]
            lang, _ = parse_info(opening["info"], f"cell {cell.index}, line {k}")
            found.append((CellLine(cell.index, k), lang))
        elif fence is not None and raw.strip().startswith(fence[0] * len(fence)) and not raw.strip().strip(fence[0]):
            fence = None
    return found
