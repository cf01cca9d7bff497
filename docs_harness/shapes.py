"""Shape claims: integer shapes written in code spans or math, checked against what a page's code printed.

``30x20`` and ``30 × 20`` in a code span, and ``30 \\times 20`` or ``\\mathbb{R}^{30 \\times 20}`` in math,
claim the shape (30, 20): the page must print ``[30, 20]``, ``(30, 20)``, ``torch.Size([30, 20])`` or ``30x20``.
"""

from __future__ import annotations

import re

# [30, 20], [30], (30, 20), (30,), torch.Size([30, 20]); not indexing such as w[0] or calls such as randn(128, 20).
_LIST = re.compile(r"(?<![\w\])])\[\s*(\d+(?:\s*,\s*\d+)*)\s*,?\s*\]")
_TUPLE = re.compile(r"(?<![\w\])])\(\s*(\d+\s*,(?:\s*\d+\s*,?)*)\s*\)")
_ANY = re.compile(r"[\[(]\s*(\d+(?:\s*,\s*\d+)*)\s*,?\s*[\])]")


def _dims(value) -> tuple[int, ...] | None:
    """The dimensions of a rectangular nested list of numbers ([[4, 6], [4, 6]] -> (2, 2)), else None."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return ()
    if not isinstance(value, list) or not value:
        return None
    inner = {_dims(v) for v in value}
    if len(inner) != 1 or None in inner:
        return None
    return (len(value), *inner.pop())


def values(text: str) -> list[tuple[int, int, list]]:
    """(start, end, value) of each value in text: a nested list of numbers with the same length in every row,
    ``[[4, 6], [4, 6], [4, 6]]``, as ``.tolist()`` prints a tensor. Its rows are numbers, not shapes; a ragged
    list of shapes (``[[30], [128, 20], []]``, the profiler's input shapes) is not one."""
    import ast

    found, k = [], 0
    while (k := text.find("[[", k)) >= 0:
        depth, end = 0, None
        for n in range(k, len(text)):
            depth += text[n] == "["
            depth -= text[n] == "]"
            if depth == 0:
                end = n + 1
                break
        if end is None:
            break
        try:
            value = ast.literal_eval(text[k:end])
        except (ValueError, SyntaxError):
            value = None
        dims = _dims(value)
        if dims is not None and len(dims) >= 2:
            found.append((k, end, value))
            k = end
        else:
            k += 1
    return found


def value_dims(value: list) -> tuple[int, ...]:
    return _dims(value) or ()


def _masked(text: str) -> str:
    """``text`` with its values blanked out (same length), so their rows are not read as shapes."""
    for start, end, _ in values(text):
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def value(span: str) -> list | None:
    """The value a code span is, if it is one whole (``[[1, 2, 13], [3, 4, 17]]``), else None."""
    found = values(span.strip())
    return found[0][2] if len(found) == 1 and found[0][:2] == (0, len(span.strip())) else None


def ints(group: str) -> tuple[int, ...]:
    return _ints(group)


def _ints(group: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", group))


# 30x20, 30 × 20, 4x7x20; not hex such as 0x20 nor names such as conv2x2.
_TIMES = re.compile(r"(?<![\w.])(?!0[xX])(\d+(?:[ \t]*[x×][ \t]*\d+)+)(?![\w.])")
# In math: 30 \times 20 (also 30\times20 and ×), and \mathbb{R}^{30} for a vector.
# A product followed by = (16 \times 30 \times 30 = 14400) is arithmetic, not a shape.
_MATH_TIMES = re.compile(r"(?<![\w.])(\d+(?:\s*(?:\\times(?![a-zA-Z])|×)\s*\d+)+)(?![\w.])")
_MATH_SPACE = re.compile(r"\\mathbb\s*\{?\s*R\s*\}?\s*\^\s*\{\s*(\d+)\s*\}|\\mathbb\s*\{?\s*R\s*\}?\s*\^\s*(\d)")


def claims(span: str) -> list[tuple[int, ...]]:
    """Integer shapes a code span or math asserts, e.g. ``torch.Size([30, 20])`` or ``\\(30 \\times 20\\)`` -> [(30, 20)]."""
    if span.startswith(("\\(", "\\[")):
        found = [_ints(m[1]) for m in _MATH_TIMES.finditer(span) if not re.match(r"\s*=", span[m.end() :])]
        found += [(int(m[1] or m[2]),) for m in _MATH_SPACE.finditer(span)]
        return found
    span = _masked(span)
    found = [_ints(m[1]) for m in _LIST.finditer(span)]
    found += [_ints(m[1]) for m in _TUPLE.finditer(span)]
    found += [_ints(m[1]) for m in _TIMES.finditer(span)]
    return found


def printed(text: str) -> set[tuple[int, ...]]:
    """Every bracketed run of integers in some printed output, and every 30x20: the shapes a page has shown
    (not the rows of a value such as ``[[4, 6], [4, 6]]``)."""
    text = _masked(text)
    return {_ints(m[1]) for m in _ANY.finditer(text)} | {_ints(m[1]) for m in _TIMES.finditer(text)}


def shown(text: str) -> list[tuple[int, ...]]:
    """The shapes in one line of printed output, in the order they appear."""
    text = _masked(text)
    found = [(m.start(), _ints(m[1])) for m in _ANY.finditer(text)]
    found += [(m.start(), _ints(m[1])) for m in _TIMES.finditer(text)]
    found += [(m.start(), ()) for m in re.finditer(r"torch\.Size\(\[\]\)", text)]  # a scalar's shape
    return [shape for _, shape in sorted(found)]


def claim_matches(text: str) -> list[re.Match]:
    """The matches ``claims`` reads in plain text (a comment, a docstring): group 1 holds the integers."""
    text = _masked(text)
    return [*_LIST.finditer(text), *_TUPLE.finditer(text), *_TIMES.finditer(text)]
