"""Check the site Zensical built (make check-successor): each failure names its file.

Asserts: as many pages as docs/ has sources (known losses counted apart), no raw TeX left outside
code (sitebrowser.raw_math), every <img>/<source> file present (sitebrowser.broken_links, the check
the MkDocs build gets), no load from another host (sitebuild/offline.py).
Known losses are listed, not failed: notebooks (no mkdocs-jupyter), git dates and other plugins
Zensical skips, and the i18n plugin (Chinese pages land at page.zh/, not zh/page/).
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sitebrowser import broken_links, raw_math  # noqa: E402
from sitebuild import config as site_config  # noqa: E402
from sitebuild.offline import remote_loads  # noqa: E402

KNOWN = [
    "notebooks: mkdocs-jupyter is a MkDocs plugin, Zensical skips it (.ipynb pages are not built)",
    "git dates: git-revision-date-localized is a MkDocs plugin, Zensical skips it",
    "i18n: the i18n plugin is skipped, Chinese pages are built at page.zh/ instead of zh/page/",
]
RE_CODE = re.compile(r"<(pre|code|script|style)\b.*?</\1>", re.S)
RE_TAG = re.compile(r"<[^>]+>")
IMAGES = ("img src", "img srcset", "source src", "source srcset")


def expected_pages(docs: Path) -> int:
    """Markdown sources that should become a page (notebooks are a known loss)."""
    return sum(1 for _ in docs.rglob("*.md"))


def check(site: Path, expected: int, site_url: str = "") -> list[str]:
    problems = []
    pages = sorted(site.rglob("*.html"))
    built = [p for p in pages if p.name == "index.html"]
    if len(built) != expected:
        problems.append(f"{site}: {len(built)} pages built, the sources have {expected}; see which page is missing")
    for page in pages:
        rel = page.relative_to(site)
        text = page.read_text(encoding="utf-8")
        for snippet in raw_math(html.unescape(RE_TAG.sub("", RE_CODE.sub("", text)))):
            problems.append(f"{rel}: raw TeX {snippet!r} left as text; the formula was not rendered")
        for url in remote_loads(text):
            problems.append(f"{rel}: loads {url} from another host; serve it from the site")
    images = [p for p in broken_links(site, site_url) if p.split(": ", 2)[1].split("=")[0] in IMAGES]
    return problems + [f"{p}; build or copy the file" for p in images]


def main(argv: list[str]) -> int:
    site = Path(argv[0]) if argv else ROOT / ".successor" / "site"
    docs = Path(argv[1]) if len(argv) > 1 else ROOT / ".successor" / "docs"
    problems = check(site, expected_pages(docs), site_config.load().get("site_url") or "")
    for known in KNOWN:
        print(f"known: {known}")
    print("\n".join(problems) or f"{site}: every check passed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
