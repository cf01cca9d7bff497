"""``#>`` output lines (Pydantic's convention): where they sit, what they claim, how to rewrite them."""

from __future__ import annotations

import ast
import difflib
import re
from dataclasses import dataclass

_OUTPUT = re.compile(r"^(?P<indent>[ \t]*)#>(?: (?P<text>.*))?$")


@dataclass
class Statement:
    first: int  # 1-based lines in the block's source
    last: int
    indent: str
    expected: list[str] | None = None  # the #> lines under it, without the marker
    expected_at: tuple[int, int] | None = None  # [start, end) lines of those #> lines
    expression: bool = False  # a bare expression: a block, unlike a >>> session, does not echo its value


class OutputLayoutError(Exception):
    """#> lines that belong to no statement: ``line`` is the 1-based line of the block, ``reason`` what is wrong."""

    def __init__(self, line: int, reason: str):
        super().__init__(line, reason)  # args stay the data, so the error pickles and compares as it was raised
        self.line, self.reason = line, reason

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


def strip_outputs(source: str) -> str:
    """The source with its #> lines blanked (line numbers kept)."""
    return "".join("\n" if _OUTPUT.match(line) else line + "\n" for line in source.splitlines())


def statements(source: str) -> list[Statement]:
    """Top-level statements of ``source``, each with the #> group written directly under it."""
    tree = ast.parse(source)
    lines = source.splitlines()
    found = [
        Statement(
            node.lineno,
            node.end_lineno or node.lineno,
            re.match(r"[ \t]*", lines[node.lineno - 1])[0],
            expression=isinstance(node, ast.Expr),
        )
        for node in tree.body
    ]
    n = 0
    while n < len(lines):
        match = _OUTPUT.match(lines[n])
        if not match:
            n += 1
            continue
        start = n
        group = []
        while n < len(lines) and (m := _OUTPUT.match(lines[n])):
            group.append(m["text"] or "")
            n += 1
        owner = max((s for s in found if s.last <= start), key=lambda s: s.last, default=None)
        between = lines[owner.last : start] if owner else lines[:start]
        if owner is None or any(line.strip() and not line.strip().startswith("#") for line in between):
            raise OutputLayoutError(start + 1, "#> lines must sit directly under the statement that prints them")
        if owner.expected is not None:
            raise OutputLayoutError(start + 1, f"a second #> group under the statement at line {owner.first}")
        owner.expected = group
        owner.expected_at = (start + 1, n + 1)
    return found


def owner_of(stmts: list[Statement], lineno: int) -> Statement | None:
    return next((s for s in stmts if s.first <= lineno <= s.last), None)


def normalise(text: str) -> list[str]:
    lines = [line.rstrip() for line in text.split("\n")]
    while lines and lines[-1] == "":
        lines.pop()
    return lines


MESSAGE_LINES = 40  # lines of printed output or diff a failure message quotes; the rest is counted


def clip(lines: list[str], limit: int = MESSAGE_LINES) -> list[str]:
    """At most ``limit`` lines, then one line saying how many were left out."""
    if len(lines) <= limit:
        return lines
    return lines[:limit] + [f"... {len(lines) - limit} more lines not shown (pytest --update-outputs=diff prints them all)"]


def diff(expected: list[str], actual: list[str], label: str) -> str:
    return "\n".join(
        clip(
            list(
                difflib.unified_diff(
                    expected, actual, fromfile=f"{label} (shown on the page)", tofile=f"{label} (printed by the code)", lineterm=""
                )
            )
        )
    )


def as_output_lines(actual: list[str], indent: str) -> list[str]:
    return [f"{indent}#> {line}" if line else f"{indent}#>" for line in actual]
