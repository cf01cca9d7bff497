"""Start a page: the page from docs-templates/page.md, its first snippet, and its nav entry.

    make page SECTION=math TITLE="Broadcasting"
    python scripts/new_page.py --section math --title "Broadcasting" [--root DIR]

creates docs/math/broadcasting.md, snippets/math/broadcasting/01_first_example.py,
and adds "- Broadcasting: math/broadcasting.md" to mkdocs.yml's nav, after the last
page of the same folder (or in a new nav section at the end). The new page passes
the docs harness and the --strict build as it is; then replace its text.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
TEMPLATES = REPO / "docs-templates"
SNIPPET_NAME = "01_first_example.py"
NAV_ENTRY = re.compile(r"^(?P<indent>\s*)- (?P<title>.+?):\s+(?P<path>\S+\.(?:md|ipynb))\s*(?:#.*)?$")


class ScaffoldError(Exception):
    """A problem the contributor can fix; printed without a traceback."""


def slugify(title: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    if not slug:
        raise ScaffoldError(f"the title {title!r} has no letters or digits to make a file name from")
    return slug


def yaml_text(value: str) -> str:
    """A YAML scalar for a nav title: plain when safe, double-quoted otherwise."""
    if re.fullmatch(r"[A-Za-z0-9][^:#{}\[\],&*!|>'\"%@`]*", value) and value == value.strip():
        return value
    return json.dumps(value, ensure_ascii=False)


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without constructing !!python/name: or !ENV objects."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_AnyTagLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def nav_block(lines: list[str]) -> tuple[int, int]:
    """[start, end) of the nav: block's item lines (end stops before trailing blanks and comments)."""
    try:
        start = next(i for i, line in enumerate(lines) if re.match(r"^nav:\s*(#.*)?$", line))
    except StopIteration:
        raise ScaffoldError("mkdocs.yml has no top-level nav: block") from None
    end = start + 1
    last_item = start
    while end < len(lines):
        line = lines[end]
        if line.strip() and not line.startswith((" ", "#")):
            break
        if line.strip() and not line.lstrip().startswith("#"):
            last_item = end
        end += 1
    return start + 1, last_item + 1


def add_to_nav(text: str, section: str, title: str, rel: str) -> str:
    """mkdocs.yml with the page added to nav; every other line (comments, banners) kept as it was."""
    lines = text.splitlines()
    start, end = nav_block(lines)
    entries = [(i, NAV_ENTRY.match(lines[i])) for i in range(start, end)]
    entries = [(i, m) for i, m in entries if m]
    if any(m["path"] == rel for _, m in entries):
        raise ScaffoldError(f"mkdocs.yml already lists {rel} in nav")
    same_folder = [(i, m) for i, m in entries if m["path"].startswith(section + "/")]
    if same_folder:
        i, m = same_folder[-1]
        new = [f"{m['indent']}- {yaml_text(title)}: {rel}"]
        at = i + 1
        # a nested entry's own children (deeper indentation) stay with it
        while at < end and lines[at].strip() and len(lines[at]) - len(lines[at].lstrip()) > len(m["indent"]):
            at += 1
    else:
        top = min((len(lines[i]) - len(lines[i].lstrip()) for i in range(start, end) if lines[i].strip()), default=2)
        pad = " " * top
        heading = section.replace("-", " ").capitalize()
        new = [f"{pad}- {yaml_text(heading)}:", f"{pad}    - {yaml_text(title)}: {rel}"]
        at = end
    lines[at:at] = new
    result = "\n".join(lines) + "\n"
    nav = yaml.load(result, Loader=_AnyTagLoader).get("nav")
    if rel not in json.dumps(nav):
        raise ScaffoldError("could not add the page to nav: edit mkdocs.yml by hand")
    return result


def scaffold(root: Path, section: str, title: str, description: str | None = None) -> list[Path]:
    title = " ".join(title.split())
    if not title:
        raise ScaffoldError('give the page a title: make page SECTION=math TITLE="Broadcasting"')
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", section or ""):
        raise ScaffoldError(f"SECTION must be a folder name under docs/ in kebab-case (e.g. math, reference), not {section!r}")
    slug = slugify(title)
    snake = slug.replace("-", "_")
    rel = f"{section}/{slug}.md"
    page = root / "docs" / rel
    snippet_dir = root / "snippets" / section / snake
    snippet = snippet_dir / SNIPPET_NAME
    for path in (page, snippet):
        if path.exists():
            raise ScaffoldError(f"{path.relative_to(root)} already exists: choose another title, or edit that page")
    config = root / "mkdocs.yml"
    if not config.is_file():
        raise ScaffoldError(f"no mkdocs.yml in {root}: run this from the repository root or give --root")
    new_config = add_to_nav(config.read_text(encoding="utf-8"), section, title, rel)

    description = description or f"{title}: what nn.Linear's [out, in] weight means here, with every shape printed by code."
    text = (TEMPLATES / "page.md").read_text(encoding="utf-8")
    text = text.replace("{{title}}", title)
    text = text.replace("{{description}}", yaml_text(description))
    text = text.replace("{{snippet}}", f"{section}/{snake}/{SNIPPET_NAME}")
    page.parent.mkdir(parents=True, exist_ok=True)
    snippet_dir.mkdir(parents=True, exist_ok=True)
    page.write_text(text, encoding="utf-8")
    snippet.write_text((TEMPLATES / SNIPPET_NAME).read_text(encoding="utf-8"), encoding="utf-8")
    config.write_text(new_config, encoding="utf-8")
    return [page, snippet, config]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--section", required=True, help="folder under docs/, e.g. math")
    parser.add_argument("--title", required=True, help='page title, e.g. "Broadcasting"')
    parser.add_argument("--description", help="front-matter description (default: a sentence from the title)")
    parser.add_argument("--root", type=Path, default=REPO, help="repository root (default: this checkout)")
    args = parser.parse_args(argv)
    try:
        written = scaffold(args.root.resolve(), args.section, args.title, args.description)
    except ScaffoldError as exc:
        print(f"new_page: {exc}", file=sys.stderr)
        return 2
    root = args.root.resolve()
    for path in written:
        print(f"{'updated' if path.name == 'mkdocs.yml' else 'created'} {path.relative_to(root)}")
    page = written[0].relative_to(root)
    print(f"next: edit {page} and its snippet, then .venv/bin/python -m pytest {page} --update-outputs -q; preview with make serve")
    return 0


if __name__ == "__main__":
    sys.exit(main())
