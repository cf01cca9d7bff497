"""Shape claims: integer shapes written in code spans, checked against what a page's code printed."""

from __future__ import annotations

import re

# [30, 20], [30], (30, 20), (30,), torch.Size([30, 20]); not indexing such as w[0] or calls such as randn(128, 20).
_LIST = re.compile(r"(?<![\w\])])\[\s*(\d+(?:\s*,\s*\d+)*)\s*,?\s*\]")
_TUPLE = re.compile(r"(?<![\w\])])\(\s*(\d+\s*,(?:\s*\d+\s*,?)*)\s*\)")
_ANY = re.compile(r"[\[(]\s*(\d+(?:\s*,\s*\d+)*)\s*,?\s*[\])]")


def _ints(group: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", group))


def claims(span: str) -> list[tuple[int, ...]]:
    """Integer shapes a code span asserts, e.g. ``torch.Size([30, 20])`` -> [(30, 20)]."""
    found = [_ints(m[1]) for m in _LIST.finditer(span)]
    found += [_ints(m[1]) for m in _TUPLE.finditer(span)]
    return found


def printed(text: str) -> set[tuple[int, ...]]:
    """Every bracketed run of integers in some printed output: the shapes a page has shown."""
    return {_ints(m[1]) for m in _ANY.finditer(text)}
