"""Front matter that does not parse: MkDocs then keeps it as page text, silently.

A page that opens with ``---`` and whose YAML block fails to load (``description: a: b``, a quoted
scalar followed by more text) loses its metadata, and its first ``---`` line turns the keys into a
setext heading that search indexes as a section. Plain functions, no MkDocs: hooks/reading.py calls
``front_matter_problem`` and fails the build with the page and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

__all__ = ["FrontMatterProblem", "front_matter_problem"]

# MkDocs' own rule (mkdocs.utils.meta.YAML_RE): the block opens on line 1 and closes with --- or ...
_BLOCK = re.compile(r"\A-{3}[ \t]*\n(?P<body>.*?\n)?(?:\.{3}|-{3})[ \t]*(?:\n|\Z)", re.S)


@dataclass(frozen=True)
class FrontMatterProblem:
    """What is wrong with a page's front matter, at a 1-based line of the page."""

    line: int
    message: str


def front_matter_problem(source: str) -> FrontMatterProblem | None:
    """None when the page has no front matter or it loads as a mapping; else where and why it fails."""
    source = source.lstrip("\ufeff").replace("\r\n", "\n")
    if not source.startswith("---"):
        return None
    block = _BLOCK.match(source)
    if block is None:
        if re.match(r"\A-{3}[ \t]*\n", source):
            return FrontMatterProblem(1, "front matter opened with --- is never closed by a --- line")
        return None
    body = block["body"] or ""
    try:
        data = yaml.safe_load(body)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = 2 + mark.line if mark is not None else 1
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        hint = " (a value holding ': ' or a quote followed by more text needs the whole value in quotes)"
        return FrontMatterProblem(line, f"front matter is not valid YAML: {problem}{hint}")
    if data is not None and not isinstance(data, dict):
        return FrontMatterProblem(2, f"front matter is a {type(data).__name__}, not key: value lines")
    return None
