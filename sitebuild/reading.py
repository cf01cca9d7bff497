"""Small changes to a built page's HTML that help a reader: reachable formulas, math that keeps its punctuation, a description.

Plain functions on HTML strings, no MkDocs: hooks/reading.py calls them while the site is built.

- A display formula wider than the column scrolls (Material gives div.arithmatex ``overflow: auto``);
  ``focusable_display_math`` makes each one a named, keyboard-focusable group so it can be scrolled
  without a mouse (axe: scrollable-region-focusable).
- ``keep_punctuation_with_math`` wraps an inline formula and the punctuation right after it in one
  no-wrap span, so a line never starts with the comma or full stop that ends a formula.
- ``first_paragraph`` gives the text of a page's first paragraph, the page's description when its
  front matter has none (meta description, Open Graph and Twitter cards).
"""

from __future__ import annotations

import html
import re

__all__ = ["first_paragraph", "focusable_display_math", "keep_punctuation_with_math", "NOWRAP_CLASS"]

NOWRAP_CLASS = "math-nowrap"
_DISPLAY_OPEN = re.compile(r'<div class="arithmatex">')
_INLINE_OPEN = re.compile(r'<span class="arithmatex">')
_SPAN_TAG = re.compile(r"<span\b|</span>")
_PUNCTUATION = re.compile(r"[.,;:!?)\]’”'\"]+")
_TAG = re.compile(r"<[^>]+>")
_FIRST_P = re.compile(r"<p>(.*?)</p>", re.S)


def focusable_display_math(content: str) -> str:
    """Every display formula's wrapper can take keyboard focus and has a name: 'Formula'."""
    return _DISPLAY_OPEN.sub('<div class="arithmatex" tabindex="0" role="group" aria-label="Formula">', content)


def _span_end(content: str, start: int) -> int:
    """The index just after the </span> closing the <span ...> that opens at `start`."""
    depth = 0
    for tag in _SPAN_TAG.finditer(content, start):
        depth += 1 if tag.group(0) == "<span" else -1
        if depth == 0:
            return tag.end()
    return -1


def keep_punctuation_with_math(content: str) -> str:
    """Wrap each inline formula that is directly followed by punctuation, with it, in a no-wrap span."""
    out: list[str] = []
    pos = 0
    for match in _INLINE_OPEN.finditer(content):
        if match.start() < pos:
            continue  # inside a formula already copied
        end = _span_end(content, match.start())
        if end < 0:
            break
        punct = _PUNCTUATION.match(content, end)
        if punct is None:
            continue
        out += [content[pos : match.start()], f'<span class="{NOWRAP_CLASS}">', content[match.start() : punct.end()], "</span>"]
        pos = punct.end()
    out.append(content[pos:])
    return "".join(out)


def first_paragraph(content: str, limit: int = 200) -> str:
    """The plain text of the first paragraph of a page's content, cut at a word before `limit` characters."""
    match = _FIRST_P.search(content)
    if match is None:
        return ""
    text = re.sub(r"\s+", " ", html.unescape(_TAG.sub("", match.group(1)))).strip()
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
