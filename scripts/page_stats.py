"""Count the words of prose on each page: front matter, code fences, math, HTML and link targets stripped."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
FENCE = re.compile(r"^(\s*)(`{3,}|~{3,}).*?^\1\2\s*$", re.S | re.M)
DISPLAY_MATH = re.compile(r"\$\$.*?\$\$", re.S)
INLINE_MATH = re.compile(r"\\\(.*?\\\)", re.S)
HTML_TAG = re.compile(r"<[^>]+>")
LINK_TARGET = re.compile(r"\]\([^)]*\)")
IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
WORD = re.compile(r"[A-Za-z0-9\u00C0-\uFFFF][\w'’.-]*")


def prose_words(text: str) -> int:
    """The number of words a reader reads on a page, outside code and math."""
    text = FRONT_MATTER.sub("", text)
    text = FENCE.sub("", text)
    text = DISPLAY_MATH.sub("", text)
    text = INLINE_MATH.sub(" formula ", text)
    text = IMAGE.sub("", text)
    text = HTML_TAG.sub("", text)
    text = LINK_TARGET.sub("]", text)
    return len(WORD.findall(text))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("pages", nargs="*", type=Path, help="pages to count (default: every docs/**/*.md)")
    args = parser.parse_args(argv)
    pages = args.pages or sorted(Path("docs").rglob("*.md"))
    for page in pages:
        print(f"{prose_words(page.read_text(encoding='utf-8')):6d}  {page}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
