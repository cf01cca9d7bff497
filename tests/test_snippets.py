"""Every snippet file is shown on some page: an example nobody includes is dead weight that can rot."""

from __future__ import annotations

from pathlib import Path

from docs_harness.markdown import PAGE_SUFFIXES, parse_page

ROOT = Path(__file__).resolve().parent.parent


def orphan_snippets(pages: list[Path], snippets: Path) -> list[Path]:
    included = set()
    for page in pages:
        fences, _ = parse_page(page, [snippets])
        for fence in fences:
            included.update(p.resolve() for p in fence.includes)
    return sorted(p for p in snippets.rglob("*.py") if p.resolve() not in included)


def test_every_snippet_is_included_by_a_page():
    orphans = orphan_snippets(sorted(p for p in (ROOT / "docs").rglob("*") if p.suffix in PAGE_SUFFIXES), ROOT / "snippets")
    assert not orphans, "snippet files that no page includes (include them with --8<-- or delete them):\n" + "\n".join(
        str(p.relative_to(ROOT)) for p in orphans
    )


def test_an_orphan_snippet_is_named():
    bad = ROOT / "tests" / "bad_pages"
    orphans = orphan_snippets(sorted(bad.glob("*.md")), bad / "snippets")
    assert [p.name for p in orphans] == ["orphan_never_included.py"]
