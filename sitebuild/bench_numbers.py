"""Benchmark numbers in prose, filled from a committed result file instead of typed by hand.

A page writes ``{{bench:transpose.512x4096x4096.ratio}}``: the first part names
``bench/results/transpose.json`` (written by ``scripts/bench_transpose.py --json``), the rest
is a path in it. A part such as ``512x4096x4096`` picks the row of ``sizes`` with that batch,
in_features and out_features. Values are formatted by their key: ``ratio`` with two decimals,
``ms_*`` in milliseconds, ``copy_mib`` as the copied weight in MiB; anything else as written.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

PLACEHOLDER = re.compile(r"\{\{bench:(?P<key>[^{}\s]*)\}\}")
OPENING = "{{bench:"


@dataclass(frozen=True)
class Problem:
    line: int
    message: str


class BenchNumberError(ValueError):
    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


def _format(key: str, value) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise KeyError(key)
    if key == "ratio":
        return f"{value:.2f}"
    if key.startswith("ms_"):
        return f"{value:.1f}" if value >= 1 else f"{value:.2f}"
    return str(value)


def _label(row: dict) -> str:
    return f"{row['batch']}x{row['in_features']}x{row['out_features']}"


def lookup(results: dict, path: list[str]) -> str:
    """The formatted value at `path` in one result file; KeyError if it names nothing.

    A first part such as 512x4096x4096 picks that row of the file's "sizes" list.
    """
    if not path:
        raise KeyError("")
    node = results
    for i, part in enumerate(path):
        last = i == len(path) - 1
        if isinstance(node, dict) and part == "copy_mib" and last and "copy_bytes" in node:
            return f"{node['copy_bytes'] / 2**20:g}"
        if i == 0 and isinstance(node, dict) and part not in node and isinstance(node.get("sizes"), list):
            (node,) = [row for row in node["sizes"] if _label(row) == part] or [None]
            if node is None:
                raise KeyError(part)
        elif isinstance(node, dict) and part in node and part != "sizes":
            node = node[part]
        else:
            raise KeyError(part)
    if isinstance(node, dict | list) or node is results:
        raise KeyError(path[-1])
    return _format(path[-1], node)


def known_keys(results: dict, name: str) -> str:
    """What a placeholder of this file may name, for the error message."""

    def leaves(node, prefix: str) -> list[str]:
        if isinstance(node, dict):
            return [k for key, value in node.items() if key != "sizes" for k in leaves(value, f"{prefix}.{key}")]
        return [prefix]

    top = leaves(results, name)
    rows = results.get("sizes") if isinstance(results, dict) else None
    if isinstance(rows, list) and rows:
        fields = [key for key in rows[0] if key not in {"batch", "in_features", "out_features"}]
        if "copy_bytes" in rows[0]:
            fields.append("copy_mib")
        top.append(f"{name}.<size>.{{{', '.join(fields)}}} with <size> one of {', '.join(_label(r) for r in rows)}")
    return ", ".join(top)


def fill(markdown: str, results_dir: Path, where: str, first_line: int = 1) -> str:
    """`markdown` with every placeholder replaced; BenchNumberError listing each bad one by line.

    first_line is the line of the file on which `markdown` starts (after any front matter).
    """
    if OPENING not in markdown:
        return markdown
    loaded: dict[str, dict] = {}
    problems: list[Problem] = []

    def add(line: int, message: str) -> None:
        problems.append(Problem(line, f"{where}:{line}: {message}"))

    lines = markdown.split("\n")
    for number, text in enumerate(lines, start=first_line):
        for m in PLACEHOLDER.finditer(text):
            name, _, rest = m.group("key").partition(".")
            source = results_dir / f"{name}.json"
            shown = f"{results_dir.parent.name}/{results_dir.name}/{source.name}"
            if name not in loaded:
                try:
                    loaded[name] = json.loads(source.read_text(encoding="utf-8"))
                except (OSError, ValueError) as err:
                    add(
                        number,
                        f"{m.group(0)} reads {shown}, which cannot be loaded ({err.__class__.__name__}); "
                        f"write it with scripts/bench_{name}.py --json {shown}",
                    )
                    continue
            try:
                lookup(loaded[name], rest.split(".") if rest else [])
            except KeyError:
                known = known_keys(loaded[name], name)
                add(number, f"{m.group(0)} names no value in {shown}; use one of: {known}")
        leftover = PLACEHOLDER.sub("", text)
        if OPENING in leftover:
            add(number, "an unclosed or malformed {{bench:...}} placeholder; write {{bench:<file>.<key>}} with no spaces")
    if problems:
        raise BenchNumberError(problems)

    def replace(m: re.Match) -> str:
        name, _, rest = m.group("key").partition(".")
        return lookup(loaded[name], rest.split("."))

    return "\n".join(PLACEHOLDER.sub(replace, text) for text in lines)
