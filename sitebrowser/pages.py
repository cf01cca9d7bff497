"""The pages of a built site and the sources they were built from, and whether a source writes math."""

from __future__ import annotations

import json
import re
from pathlib import Path

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


_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,}).*?^(?P=indent)(?P=fence)[ \t]*$", re.M | re.S)
_INLINE_CODE = re.compile(r"(`+).+?\1", re.S)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_SOURCE_MATH = re.compile(r"\\\(|\\\[|\$\$|(?<![\\$\w])\$(?=\S)[^$\n]+?(?<=\S)\$(?![\w$])")


def markdown_has_math(text: str) -> bool:
    """True when the Markdown (outside code) writes math: \\( \\), \\[ \\], $$ $$ or $...$."""
    text = _HTML_COMMENT.sub("", _FENCE.sub("", text))
    return bool(_SOURCE_MATH.search(_INLINE_CODE.sub("", text)))


def source_has_math(path: Path | None) -> bool:
    if path is None:
        return False
    if path.suffix == ".ipynb":
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
        text = "\n\n".join("".join(cell.get("source", "")) for cell in cells if cell.get("cell_type") == "markdown")
        return markdown_has_math(text)
    return markdown_has_math(path.read_text(encoding="utf-8"))


