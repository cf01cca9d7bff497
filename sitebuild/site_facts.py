"""The numbers the colophon quotes, read from the repository instead of typed by hand.

Plain functions, no MkDocs: the page's snippets print them (the harness checks the ``#>``
lines), and ``unprinted_numbers`` finds a number in a page's prose that no ``#>`` line shows,
which ``tests/test_site_facts.py`` runs on the colophon in both languages.
"""

from __future__ import annotations

import json
import re
from importlib import metadata
from pathlib import Path

from sitebuild.math_delimiters import page_has_math

__all__ = ["ROOT", "nav_pages", "pages_with_math", "material_notice", "measured", "unprinted_numbers"]

ROOT = Path(__file__).resolve().parent.parent


def nav_pages(config: Path = ROOT / "mkdocs.yml") -> list[str]:
    """The docs/ files the nav of mkdocs.yml lists, in nav order."""
    import yaml

    text = config.read_text(encoding="utf-8")
    nav = yaml.safe_load("nav:\n" + text.split("\nnav:\n", 1)[1])["nav"]  # the nav holds no !ENV tags

    def walk(entries) -> list[str]:
        found = []
        for entry in entries:
            value = next(iter(entry.values())) if isinstance(entry, dict) else entry
            found += walk(value) if isinstance(value, list) else [value] if not str(value).startswith("http") else []
        return found

    return walk(nav)


def pages_with_math(pages: list[str], docs: Path = ROOT / "docs") -> list[str]:
    """The pages whose source writes a formula (sitebuild.math_delimiters.page_has_math)."""
    return [page for page in pages if page_has_math(docs / page)]


def material_notice() -> str:
    """The end-of-life line the installed Material for MkDocs prints on every build, with its version."""
    import material.templates

    source = Path(material.templates.__file__).read_text(encoding="utf-8")
    line = re.search(r"Material for MkDocs reaches end of life on [^.{]+\.", source)[0]
    return f"mkdocs-material {metadata.version('mkdocs-material')}: {line}"


def measured(name: str) -> dict:
    """A committed measurement, bench/results/<name>.json."""
    return json.loads((ROOT / "bench" / "results" / f"{name}.json").read_text(encoding="utf-8"))


# ---------------------------------------------------------------- numbers in prose

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_FENCE = re.compile(r"^(\s*)(`{3,}|~{3,}).*?^\1\2\s*$", re.S | re.M)
_INCLUDE = re.compile(r'^\s*--8<-- "([^":]+)(?::[^"]*)?"\s*$', re.M)
_OUTPUT = re.compile(r"^\s*#> ?(.*)$", re.M)
_CODE_SPAN = re.compile(r"(`+).+?\1")
_HIDDEN = re.compile(r"<!--.*?-->|\]\([^)]*\)|\{#[^}]*\}|<[^>]+>", re.S)
_NUMBER = re.compile(r"(?<![A-Za-z0-9_.])\d+(?:[.,:-]\d+)*")  # also right after a CJK character


def _printed(text: str, snippets: Path) -> set[str]:
    """Every number shown in a #> line of the page or of a snippet file it includes."""
    outputs = _OUTPUT.findall(text)
    for include in _INCLUDE.findall(text):
        outputs += _OUTPUT.findall((snippets / include).read_text(encoding="utf-8"))
    return {n for line in outputs for n in _NUMBER.findall(line)}


def unprinted_numbers(path: Path, snippets: Path = ROOT / "snippets") -> list[str]:
    """Numbers in the prose of a page that no #> line on the page shows, as 'file:line: ...; fix' messages."""
    text = path.read_text(encoding="utf-8")
    printed = _printed(text, snippets)
    # Blank out what is not prose, keeping the line count so line numbers stay right.
    blank = lambda m: re.sub(r"[^\n]", " ", m[0])  # noqa: E731
    prose = _CODE_SPAN.sub(blank, _HIDDEN.sub(blank, _FENCE.sub(blank, _FRONT_MATTER.sub(blank, text))))
    shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    problems = []
    for lineno, line in enumerate(prose.splitlines(), 1):
        for number in _NUMBER.findall(line):
            if number not in printed:
                problems.append(
                    f"{shown}:{lineno}: the number {number} is not printed by any code on this page; "
                    "print it from a snippet (a count from the repository or a committed file under "
                    "bench/results/) or leave it out"
                )
    return problems
