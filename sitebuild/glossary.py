"""The Chinese edition's terminology (i18n/glossary.yml): the table on the glossary pages, and the
rejected variants no Chinese page may use.

``python -m sitebuild.glossary`` rewrites the table between the markers in docs/about/glossary.md
and docs/about/glossary.zh.md from the data; tests/test_glossary.py checks the pages hold exactly
that table and that no ``.zh.md`` page uses a rejected variant (code and the table itself aside).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from sitebuild.markdown_lines import text_lines

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "i18n" / "glossary.yml"
PAGES = {"en": ROOT / "docs" / "about" / "glossary.md", "zh": ROOT / "docs" / "about" / "glossary.zh.md"}
BEGIN = "<!-- glossary table: python -m sitebuild.glossary writes it from i18n/glossary.yml -->"
END = "<!-- end of glossary table -->"
_HEADERS = {
    "en": "| English | Chinese | not used | note |",
    "zh": "| 英文 | 中文 | 不用 | 说明 |",
}


@dataclass(frozen=True)
class Term:
    en: str
    zh: str
    rejected: tuple[str, ...] = ()
    note: str = ""


def load(path: Path = DATA) -> list[Term]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Term(t["en"], t["zh"], tuple(t.get("rejected") or ()), t.get("note", "")) for t in data["terms"]]


def table(lang: str, terms: list[Term] | None = None) -> str:
    terms = load() if terms is None else terms
    rows = [_HEADERS[lang], "| --- | --- | --- | --- |"]
    rows += [f"| {t.en} | {t.zh} | {'、'.join(t.rejected) or '—'} | {t.note or '—'} |" for t in terms]
    return "\n".join(rows)


def with_table(text: str, lang: str, terms: list[Term] | None = None) -> str:
    """text with the table between the markers replaced by the one from the data."""
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    return text[:start] + "\n\n" + table(lang, terms) + "\n\n" + text[end:]


_CODE_SPAN = re.compile(r"(`+).+?\1")


def rejected_uses(page: Path, terms: list[Term] | None = None) -> list[str]:
    """'file:line: rejected term X; use Y (english)' for each use in the text Markdown shows.

    Code fences and comments aside (sitebuild.markdown_lines.text_lines), code spans and the
    glossary table between its markers too.
    """
    terms = load() if terms is None else terms
    text = page.read_text(encoding="utf-8")
    lines = text.splitlines()
    begin = next((n for n, line in enumerate(lines, 1) if BEGIN in line), 0)
    end = next((n for n, line in enumerate(lines, 1) if END in line and n >= begin), 0) if begin else 0
    found = []
    for number, line in text_lines(text):
        if begin and begin <= number <= (end or len(lines)):
            continue
        prose = _CODE_SPAN.sub("", line)
        for term in terms:
            for bad in term.rejected:
                if bad in prose:
                    found.append(f"{_rel(page)}:{number}: rejected term {bad}; use {term.zh} ({term.en}), i18n/glossary.yml")
    return found


def _rel(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def main() -> int:
    for lang, page in PAGES.items():
        page.write_text(with_table(page.read_text(encoding="utf-8"), lang), encoding="utf-8")
        print(f"{_rel(page)}: glossary table written from {_rel(DATA)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
