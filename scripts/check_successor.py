"""Check the site Zensical built (make check-successor): each failure names its file.

Asserts: as many pages as docs/ has sources (known losses counted apart), no raw TeX left outside
code, every <img>/<source> file present, no load from another host (sitebuild/offline.py).
Known losses are listed, not failed: notebooks (no mkdocs-jupyter), git dates and other plugins
Zensical skips, and the i18n plugin (Chinese pages land at page.zh/, not zh/page/).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sitebuild.offline import remote_loads  # noqa: E402

KNOWN = [
    "notebooks: mkdocs-jupyter is a MkDocs plugin, Zensical skips it (.ipynb pages are not built)",
    "git dates: git-revision-date-localized is a MkDocs plugin, Zensical skips it",
    "i18n: the i18n plugin is skipped, Chinese pages are built at page.zh/ instead of zh/page/",
]
RE_CODE = re.compile(r"<(pre|code|script|style)\b.*?</\1>", re.S)
RE_RAW_TEX = re.compile(r"\\\(|\\\[|\$\$")
RE_SRC = re.compile(r"<(?:img|source)\b[^>]*?\s(?:src|srcset)=\"([^\"]+)\"")


def expected_pages(docs: Path) -> int:
    """Markdown sources that should become a page (notebooks are a known loss)."""
    return sum(1 for _ in docs.rglob("*.md"))


def check(site: Path, expected: int) -> list[str]:
    problems = []
    pages = sorted(site.rglob("*.html"))
    built = [p for p in pages if p.name == "index.html"]
    if len(built) != expected:
        problems.append(f"{site}: {len(built)} pages built, the sources have {expected}; see which page is missing")
    for page in pages:
        rel = page.relative_to(site)
        text = page.read_text(encoding="utf-8")
        bare = RE_CODE.sub("", text)
        raw = RE_RAW_TEX.search(bare)
        if raw:
            problems.append(f"{rel}: raw TeX {raw.group(0)!r} left as text; the formula was not rendered")
        for src in RE_SRC.findall(text):
            for url in (s.strip().split(" ")[0] for s in src.split(",")):
                if url.startswith(("http:", "https:", "//", "data:")):
                    continue
                path = url.split("#")[0].split("?")[0]
                if path.startswith("/"):  # absolute (404.html): under the site's base path, or at its root
                    parts = path.lstrip("/").split("/")
                    targets = [site.joinpath(*parts), site.joinpath(*parts[1:])]
                else:
                    targets = [page.parent / path]
                if not any(t.resolve().is_file() for t in targets):
                    problems.append(f"{rel}: {url} is not in the site; build or copy the file")
        for url in remote_loads(text):
            problems.append(f"{rel}: loads {url} from another host; serve it from the site")
    return problems


def main(argv: list[str]) -> int:
    site = Path(argv[0]) if argv else ROOT / ".successor" / "site"
    docs = Path(argv[1]) if len(argv) > 1 else ROOT / ".successor" / "docs"
    problems = check(site, expected_pages(docs))
    for known in KNOWN:
        print(f"known: {known}")
    print("\n".join(problems) or f"{site}: every check passed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
