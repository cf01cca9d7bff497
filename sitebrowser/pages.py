"""The pages of a built site and the sources they were built from, and whether a source writes math."""

from __future__ import annotations

from pathlib import Path

from sitebuild.math_delimiters import page_has_math

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"



def site_pages(site: Path) -> list[str]:
    """Every page of a built site as a URL path relative to its root ('' is the home page); 404.html left out."""
    pages = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        if rel == "404.html" or rel.startswith(("assets/", "search/")):
            continue
        pages.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return pages


def page_source(url_path: str, docs: Path = DOCS) -> Path | None:
    """The docs/ file a page was built from (use_directory_urls), or None when there is none."""
    stem = url_path.rstrip("/")
    if stem.endswith(".html"):
        stem = stem[: -len(".html")]
    candidates = [docs / "index.md"] if stem == "" else [docs / f"{stem}.md", docs / stem / "index.md", docs / f"{stem}.ipynb"]
    return next((path for path in candidates if path.is_file()), None)


def source_has_math(path: Path | None) -> bool:
    """True when the page's source writes a formula (the site's one rule: sitebuild.math_delimiters)."""
    return path is not None and page_has_math(path)
