"""Search stand-ins for rendered formulas, with no MkDocs.

Material's search plugin indexes page.content with an HTML parser. KaTeX's HTML is dozens of
nested spans per formula plus the hidden MathML copy, and parsing it was the largest cost of a
rebuild. So while the search plugin indexes the page, each formula is a stand-in holding only the
text nodes that parser would have indexed from it; the formula itself is put back right after
(hooks/katex.py, through hooks/stand_ins.py).
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser


class _SearchRuns(HTMLParser):
    """The text nodes of one formula that Material's search parser indexes: not under data-search-exclude."""

    SKIP_TAGS = {"script", "style", "object"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)  # as the search parser: one data call per text node
        self.stack: list[bool] = []  # skipped?
        self.nodes: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        skipped = (self.stack[-1] if self.stack else False) or tag in self.SKIP_TAGS
        skipped = skipped or any(name == "data-search-exclude" for name, _ in attrs)
        self.stack.append(skipped)

    def handle_startendtag(self, tag, attrs):
        pass  # no text inside

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if data and not (self.stack and self.stack[-1]):
            self.nodes.append(data)


def search_runs(formula_html: str) -> list[str]:
    """The text nodes search indexes from a formula, adjacent non-blank ones joined.

    The search parser appends each text node on its own, dropping a blank one that follows
    another blank one; joining two non-blank neighbours therefore indexes the same text.
    """
    parser = _SearchRuns()
    parser.feed(formula_html)
    parser.close()
    runs: list[str] = []
    for node in parser.nodes:
        if runs and not node.isspace() and not runs[-1].isspace():
            runs[-1] += node
        else:
            runs.append(node)
    return runs


RE_STAND_IN = re.compile(r'<(span|div) class="arithmatex" data-katex-stand-in="(?P<index>\d+)">(?:<span>[^<]*</span>)*</\1>')


def stand_in(index: int, runs: list[str], display: bool) -> str:
    """A placeholder for stashed formula number index: its searchable text, one span per run."""
    tag = "div" if display else "span"
    inner = "".join(f"<span>{html.escape(run, quote=False)}</span>" for run in runs)
    return f'<{tag} class="arithmatex" data-katex-stand-in="{index}">{inner}</{tag}>'
