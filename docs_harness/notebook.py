"""Notebooks: the outputs stored in the file are the outputs the harness ran and checked.

The site publishes a notebook as it is stored (mkdocs-jupyter with ``execute: false``), so
what a reader sees under a cell is whatever the file holds. The harness runs each code cell
as plain Python in the page sandbox and fails a cell whose stored outputs differ from what
it printed: one stdout stream holding exactly the printed text, or no output if it prints
nothing, and the cell's number in order as its execution count. ``--update-outputs``
stores that. IPython syntax (``%magic``, ``%%cell magic``, ``!shell``) has no plain-Python
meaning, so such a cell is refused before it runs.

Plain functions with no pytest in them.
"""

from __future__ import annotations

import ast
import difflib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from .execute import Edit, Result, where
from .markdown import Cell, CellLine, Line, located, read_notebook
from .outputs import clip

_IPYTHON_ONLY = re.compile(r"^[ \t]*[%!]")


def cell_problem(rel: Path, cell: Cell, lines: list[Line]) -> str:
    """Why a code cell cannot be run and checked as it is ("" if it can)."""
    if not runs(cell):
        if cell.outputs:
            return (
                f"{located(rel, CellLine(cell.index, 1))}: an empty code cell stores outputs that no code printed, "
                "and the site would show them: clear its outputs, or delete the cell"
            )
        return ""
    return ipython_problem(rel, lines)


def ipython_problem(rel: Path, lines: list[Line]) -> str:
    """Why a code cell cannot run as plain Python because it uses IPython syntax ("" if it does not).

    A line starting with ``%`` or ``!`` is IPython syntax only when the cell is not valid Python:
    inside brackets it can be the rest of an expression (``(a\\n % b)``).
    """
    suspects = [line for line in lines if _IPYTHON_ONLY.match(line.text)]
    if not suspects:
        return ""
    try:
        ast.parse("".join(line.text + "\n" for line in lines))
        return ""
    except SyntaxError:
        pass
    return "\n".join(
        f"{located(rel, line.lineno)}: IPython magics and ! shell commands do not run in the harness; "
        f"write plain Python ({line.text.strip()!r})"
        for line in suspects
    )


@dataclass
class OutputsEdit:
    """Store ``text`` as the only output of code cell ``cell`` of the notebook at ``path``, run as ``count``."""

    path: Path
    cell: int
    count: int
    text: str


def stored_text(cell: Cell) -> str:
    """The cell's stored outputs as text: stdout as printed, every other output on a tagged line."""
    out = []
    for output in cell.outputs:
        kind = output.get("output_type", "?")
        if kind == "stream":
            text = _joined(output.get("text", ""))
            if output.get("name") == "stdout":
                out.append(text)
            else:
                out.append("".join(f"[{output.get('name')}] {line}\n" for line in text.splitlines()))
        elif kind == "error":
            out.append(f"[error] {output.get('ename', '')}: {output.get('evalue', '')}\n")
        else:
            data = output.get("data", {})
            plain = _joined(data.get("text/plain", "")).splitlines() or [""]
            kinds = ", ".join(sorted(data)) or "no data"
            out.append(f"[{kind} {kinds}] {plain[0]}\n" + "".join(f"    {line}\n" for line in plain[1:]))
    return "".join(out)


def _joined(text) -> str:
    return "".join(text) if isinstance(text, list) else str(text)


def _printed_at(result: Result, lines: list[Line], line_index: int) -> Line:
    """The block line that printed output line ``line_index`` (0-based); the cell's last line past the end."""
    seen = 0
    for lineno, newlines in result.printed_by:
        seen += newlines
        if seen > line_index and 0 < lineno <= len(lines):
            return lines[lineno - 1]
    return lines[-1]


def check_stored_outputs(path: Path, root: Path, blocks: list, results: dict[int, Result]) -> None:
    """Fail each code cell of the notebook whose stored outputs are not what it printed; give each its edit.

    ``blocks`` are the page's blocks (a cell's block has ``kind``, ``index`` and ``lines``); a cell
    that failed, or printed differently when run again, is left alone: its own problem is reported.
    """
    cells = {cell.index: cell for cell in read_notebook(path)}
    order = {cell.index: n for n, cell in enumerate((c for c in cells.values() if runs(c)), start=1)}
    for block in blocks:
        if block.kind != "python" or block.index not in results:
            continue
        result, lines = results[block.index], list(block.lines)
        if result.problems:
            continue
        cell = cells[lines[0].lineno.cell]
        count = order[cell.index]
        stored, printed = stored_text(cell), result.printed
        if stored != printed:
            old, new = stored.splitlines(), printed.splitlines()
            first = next((k for k, (a, b) in enumerate(zip(old, new, strict=False)) if a != b), min(len(old), len(new)))
            label = where(_printed_at(result, lines, first), root)
            shown = difflib.unified_diff(old, new, f"{label} (stored in the notebook)", f"{label} (printed by the code)", lineterm="")
            result.output_problems.append(
                f"{label}: the output stored in the notebook does not match what the cell prints\n"
                + "\n".join(clip(list(shown)))
                + "\nthe site shows the stored output: store what the cell prints (pytest --update-outputs)"
            )
        elif cell.execution_count != count:
            result.output_problems.append(
                f"{where(lines[0], root)}: the notebook stores execution count {cell.execution_count} for this cell, "
                f"but it runs as code cell {count}: run the cells in order (pytest --update-outputs stores the count)"
            )
        else:
            continue
        result.edits.append(OutputsEdit(lines[0].path, cell.index, count, printed))


def runs(cell: Cell) -> bool:
    """The harness runs a code cell that is not empty; it is numbered in that order."""
    return cell.kind == "code" and bool(cell.source.strip())


def apply_notebook_edits(path: Path, edits: list, *, write: bool) -> list[str]:
    """Apply (or only show) edits on one notebook: Edits rewrite a cell's source, OutputsEdits its outputs."""
    data = json.loads(path.read_text(encoding="utf-8"))
    by_cell: dict[int, list] = {}
    for edit in edits:
        by_cell.setdefault(edit.cell if isinstance(edit, OutputsEdit) else edit.start.cell, []).append(edit)
    report = []
    for number, cell_edits in sorted(by_cell.items()):
        cell = data["cells"][number - 1]
        label = f"{path}: cell {number}"
        source = cell["source"]
        text = _joined(source)
        old = text.splitlines()
        new = list(old)
        seen = set()
        source_edits = [e for e in cell_edits if isinstance(e, Edit)]
        for edit in sorted(source_edits, key=lambda e: (e.start, e.end), reverse=True):
            if (edit.start, edit.end) in seen:
                continue
            seen.add((edit.start, edit.end))
            new[edit.start.line - 1 : edit.end.line - 1] = edit.lines
        report.extend(difflib.unified_diff(old, new, label, label, lineterm=""))
        joined = "\n".join(new) + ("\n" if text.endswith("\n") else "")
        cell["source"] = joined.splitlines(keepends=True) if isinstance(source, list) else joined
        for edit in (e for e in cell_edits if isinstance(e, OutputsEdit)):
            before = stored_text(Cell(number, "code", "", cell.get("outputs", []))).splitlines()
            where_ = f"{label} (stored output)"
            report.extend(difflib.unified_diff(before, edit.text.splitlines(), where_, where_, lineterm=""))
            if cell.get("execution_count") != edit.count:
                report.append(f"{label}: execution count {cell.get('execution_count')} -> {edit.count}")
            cell["execution_count"] = edit.count
            cell["outputs"] = (
                [{"name": "stdout", "output_type": "stream", "text": edit.text.splitlines(keepends=True)}] if edit.text else []
            )
            break
    if write:
        path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        report.append(f"updated {path}")
    return report
