"""Highlighted code with fewer elements: the spans that change nothing are unwrapped.

Pygments wraps every name in ``<span class="n">`` and most whitespace between tokens in
``<span class="w">``. In this theme neither changes how the code looks: ``.n`` takes
``--md-code-hl-name-color``, which Material sets to the code's own colour, and whitespace shows no
colour at all. On a page of code they are about a fifth of the page's elements (522 and 78 of
3,117 on Other frameworks), and a phone pays style and layout for every element.

Only code blocks the site highlights (``<div class="highlight"><pre>``) are touched; the notebook's
cells (``highlight-ipynb``) are coloured by their own sheet. tests/test_code_spans.py checks in the
browser, in both schemes, that both classes still look exactly like the code around them, so a theme
or style sheet that starts styling them fails there rather than losing its colours silently.
"""

from __future__ import annotations

import re

__all__ = ["PLAIN_CLASSES", "unwrap_plain_spans"]

PLAIN_CLASSES = ("n", "w")  # Pygments' Name and Whitespace tokens

_BLOCK = re.compile(r'<div class="highlight"><pre\b.*?</pre>', re.S)
_PLAIN_SPAN = re.compile(r'<span class="(?:{})">([^<]*)</span>'.format("|".join(PLAIN_CLASSES)))


def unwrap_plain_spans(html: str) -> str:
    """``html`` with the text of every plain span in a highlighted code block left in its place, unwrapped."""
    return _BLOCK.sub(lambda block: _PLAIN_SPAN.sub(r"\1", block.group(0)), html)
