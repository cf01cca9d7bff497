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

PYTHON_LANGS = {"python", "py", "python3", "pycon"}

_FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>[^`]*)$")
_INCLUDE = re.compile(r"""^(?P<indent>[ \t]*)-{2,}8<-{2,}[ \t]+(?P<q>["'])(?P<spec>[^"']+)(?P=q)[ \t]*$""")
_SECTION_MARK = re.compile(r"-{1,}8<-{1,}\s*\[(?P<kind>start|end):(?P<name>[^\]]+)\]")
_CODE_SPAN = re.compile(r"(?<!`)(?P<ticks>`+)(?!`)(?P<text>.+?)(?<!`)(?P=ticks)(?!`)")
_EXEMPT = re.compile(r"^\s*<!--\s*unchecked-shape:\s*(?P<reason>.*?)\s*-->")
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)


class PageError(Exception):
    """A page or snippet that cannot be read as written; the message names file and line."""


@dataclass
class Line:
    """One line of code as the reader sees it, and where it lives on disk."""

    text: str
    path: Path
    lineno: int  # 1-based, in ``path``


@dataclass
class Fence:
    path: Path  # the page
    lineno: int  # 1-based line of the opening fence
    lang: str | None
    options: dict[str, str | bool]
    lines: list[Line] = field(default_factory=list)
    includes: list[Path] = field(default_factory=list)

    @property
    def source(self) -> str:
        return "".join(line.text + "\n" for line in self.lines)

    @property
    def runs(self) -> bool:
        return self.lang in PYTHON_LANGS and "notest" not in self.options


@dataclass
class CodeSpan:
    path: Path
    lineno: int
    text: str
    exemption: str | None


def parse_info(info: str, where: str) -> tuple[str | None, dict[str, str | bool]]:
    """Split a fence's info string: ``python`` or superfences' ``{.python raises="RuntimeError"}``."""
    info = info.strip()
    if not info:
        return None, {}
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
    return lang, options


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


def parse_page(path: Path, bases: list[Path]) -> tuple[list[Fence], list[CodeSpan]]:
    """All fences of a markdown page, at any depth, and the code spans outside them."""
    text = path.read_text(encoding="utf-8")
    front = _FRONT_MATTER.match(text)
    skip = front.group(0).count("\n") if front else 0
    lines = text.splitlines()
    fences: list[Fence] = []
    spans: list[CodeSpan] = []
    i = skip
    in_comment = False
    while i < len(lines):
        raw = lines[i]
        opening = _FENCE_OPEN.match(raw)
        if opening and not in_comment:
            indent, marker = opening["indent"], opening["fence"]
            where = f"{path}:{i + 1}"
            lang, options = parse_info(opening["info"], where)
            fence = Fence(path, i + 1, lang, options)
            close = re.compile(rf"^[ \t]*{re.escape(marker[0])}{{{len(marker)},}}[ \t]*$")
            i += 1
            while i < len(lines) and not close.match(lines[i]):
                body = _dedent(lines[i], indent)
                include = _INCLUDE.match(body)
                if include and lang is not None:
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
            i += 1
            continue
        if "<!--" in raw and "-->" not in raw.split("<!--", 1)[1]:
            in_comment = True
        elif in_comment and "-->" in raw:
            in_comment = False
        elif not in_comment:
            spans.extend(_spans(raw, path, i + 1))
        i += 1
    return fences, spans


def _spans(raw: str, path: Path, lineno: int) -> list[CodeSpan]:
    found = []
    for match in _CODE_SPAN.finditer(raw):
        exempt = _EXEMPT.match(raw[match.end() :])
        found.append(CodeSpan(path, lineno, match["text"].strip(), exempt["reason"] if exempt else None))
    return found


@dataclass
class Cell:
    index: int  # 1-based, as Jupyter counts
    kind: str
    source: str


def read_notebook(path: Path) -> list[Cell]:
    """Cells of an .ipynb file; outputs stored in the file are ignored (the build re-runs it)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    cells = []
    for n, cell in enumerate(data.get("cells", []), start=1):
        source = cell.get("source", "")
        cells.append(Cell(n, cell.get("cell_type", ""), "".join(source) if isinstance(source, list) else source))
    return cells


def notebook_spans(path: Path, cells: list[Cell]) -> list[CodeSpan]:
    spans = []
    for cell in cells:
        if cell.kind == "markdown":
            for k, raw in enumerate(cell.source.splitlines(), start=1):
                for span in _spans(raw, path, k):
                    span.lineno = cell.index * 1000 + k  # decoded by notebook_where()
                    spans.append(span)
    return spans


def notebook_where(path: Path, lineno: int) -> str:
    """``path: cell N, line K`` for a line number made by notebook_spans or cell_lines."""
    return f"{path}: cell {lineno // 1000}, line {lineno % 1000}"


def cell_lines(path: Path, cell: Cell) -> list[Line]:
    return [Line(text, path, cell.index * 1000 + k) for k, text in enumerate(cell.source.splitlines(), start=1)]
