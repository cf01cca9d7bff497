"""What the theme does on every page load that costs a phone a full restyle, and its removal.

Material's palette script sets ``data-md-color-switching`` on ``<body>`` while it applies the colour
scheme, on every page load, and removes it a moment later. Its palette style sheet holds one rule for
that attribute, ``[data-md-color-switching] *`` (no transitions while the scheme changes), and because
that selector matches every element, setting and removing the attribute restyles the whole page
twice: two 90-120 ms tasks on a long page under Lighthouse's 4x CPU slowdown. Without the rule the
attribute matches nothing and costs nothing; a reader who switches the scheme now sees Material's
125-250 ms colour transitions play, as they would on any other change of colour.

The rule also hid transitions that played on every load, and those are removed at their cause:
- a first visit on a dark screen painted the page light until the bundle switched it (about 200
  fades on a long page): overrides/partials/palette-first-paint.js applies the screen's scheme
  before the first paint;
- the bundle's ``<meta name="color-scheme">`` changed the page's scheme and restarted about 50
  transitions on code and nav labels: overrides/partials/root-before-first-style.js adds that meta
  in the head, before the page has any style, and the bundle is edited to use it (below).

The same head script also sets the ``js`` classes on ``<html>`` that the bundle would set later:
changed after the page has style, the class change invalidated every element of the page in a
Chromium trace (3,083 on the notation translator).
Once the page has loaded, the bundle moves each Markdown table (``table:not([class])``) into its
scroll wrapper. Taken out of the page and put back, every element of the table is restyled, and the
theme's sibling rules (``.md-typeset table:not([class])+*``) can invalidate the whole article around
it: 2,802 elements restyled on the notation translator. ``host_tables`` writes the theme's wrapper at
build time (with the keyboard focus, role and name scroll-regions.js would add), and the bundle is
edited to skip a table that already has one (``BUNDLE_TABLE_EDITS``): on load no table moves.

The bundle itself is loaded with ``defer``. As the theme writes it, a plain script at the end of the
body, it runs as soon as the parser reaches it, and its first statements read the viewport
(``scrollX``, ``innerWidth``) and ask ``document.queryCommandSupported("copy")``: each of those needs
the page's style and layout, so when the parser got there before the browser had drawn a frame, the
first style and layout of the whole page ran inside the script's task (about 130 ms of the 150 ms it
took on Other frameworks, unthrottled). Lighthouse counts that task as blocking after the first
paint: the same page scored 0.90 or 0.99 from run to run, as the race went. Deferred, the bundle
runs after the page is parsed and, in every trace, after the frame that styles it; it still runs
before DOMContentLoaded, where the theme starts, so nothing else changes. The site's own scripts
that use the theme's ``document$`` (mkdocs.yml, ``extra_javascript``) are deferred too, so that they
still run after it, in order. ``defer_bundle`` makes the change on each page and fails, naming the
page, if the page does not hold the theme's bundle exactly once.

tests/test_start_up.py counts the transitions on load, zero in both schemes, checks that the bundle
finds ``<html>`` as it would leave it, and shows that each fix is needed.

``drop_switching_rule`` removes that one rule and nothing else, and fails with a message naming the
file when the rule is not there exactly once (a Material release that changed it must be looked at,
not patched blindly). Plain functions, no MkDocs: hooks/page_weight.py calls it after the build.
"""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser
from pathlib import Path

__all__ = [
    "BUNDLE_EDITS",
    "BUNDLE_LOAD_EDITS",
    "BUNDLE_META_EDITS",
    "BUNDLE_TABLE_EDITS",
    "REMOVED",
    "SWITCHING_RULE",
    "StartUpError",
    "bundles",
    "defer_bundle",
    "drop_switching_rule",
    "edit_bundle",
    "host_tables",
    "palette_sheets",
]

# Left in the sheet in the rule's place, so that a rebuild into the same folder (make serve), which may
# leave the theme's files as they are, sees it has been done.
REMOVED = "/* the [data-md-color-switching] rule was removed: sitebuild/start_up.py */"

SWITCHING_RULE = re.compile(
    r"\[data-md-color-switching\] \*,\[data-md-color-switching\] :after,"
    r"\[data-md-color-switching\] :before\{transition-duration:0s!important\}"
)


class StartUpError(Exception):
    """The theme's palette style sheet is not what drop_switching_rule expects."""


def palette_sheets(site_dir: Path) -> list[Path]:
    """Material's palette style sheets in a built site (one, with a content hash in its name)."""
    return sorted((site_dir / "assets" / "stylesheets").glob("palette.*.min.css"))


def drop_switching_rule(css: str, where: str) -> str:
    """The palette style sheet without its ``[data-md-color-switching]`` rule (unchanged if it was removed before)."""
    if REMOVED in css and not SWITCHING_RULE.search(css):
        return css
    found = len(SWITCHING_RULE.findall(css))
    if found != 1:
        raise StartUpError(
            f"{where}: expected Material's rule '[data-md-color-switching] *, … {{transition-duration:0s!important}}' "
            f"once, found it {found} times; "
            "the theme changed: see sitebuild/start_up.py for why the rule is removed, and update SWITCHING_RULE"
        )
    return SWITCHING_RULE.sub(lambda _: REMOVED, css)


_MARKDOWN_TABLE = re.compile(r"<table>.*?</table>", re.S)
_HEAD_CELL = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S)


class _Text(HTMLParser):
    """The text a screen reader reads: without the parts hidden from it (aria-hidden="true", KaTeX's
    HTML copy of a formula) and without a formula's TeX annotation, so that $W$ reads as W, not WWW."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.hidden: list[str] = []  # the open elements whose text is not read

    def handle_starttag(self, tag, attrs):
        if tag in ("br", "img", "wbr", "hr", "input"):  # no end tag follows
            return
        if self.hidden or dict(attrs).get("aria-hidden") == "true" or tag == "annotation":
            self.hidden.append(tag)

    def handle_endtag(self, tag):
        if self.hidden and self.hidden[-1] == tag:
            self.hidden.pop()

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def _read(cell: str) -> str:
    parser = _Text()
    parser.feed(cell)
    return " ".join("".join(parser.parts).split())


def _scroll_wrapper(table: str) -> str:
    """A table as the theme wraps it on load, plus what scroll-regions.js would add: keyboard focus,
    a region role and a name from the header row."""
    names = [name for name in map(_read, _HEAD_CELL.findall(table.split("</thead>")[0] if "</thead>" in table else "")) if name]
    label = "Table: " + ", ".join(names) if names else "Table"
    return (
        f'<div class="md-typeset__scrollwrap" tabindex="0" role="region" aria-label="{escape(label)}">'
        f'<div class="md-typeset__table">{table}</div></div>'
    )


def host_tables(html: str) -> str:
    """``html`` with every Markdown table (``<table>`` with no attributes) in the theme's scroll wrapper."""
    return _MARKDOWN_TABLE.sub(lambda table: _scroll_wrapper(table.group(0)), html)


# The bundle's palette code, as Material 9.8 minifies it, and what it becomes. It adds a
# <meta name="color-scheme"> of its own and writes the header's scheme into it after every palette
# change, load included; each of the two is a full-page restyle ("PlatformColorChange" in a
# Chromium trace), even when the scheme is the one the page already has. Edited, it takes the meta
# the head script added (overrides/partials/root-before-first-style.js), or adds one as before if
# there is none, and writes it only when the scheme changes: on load, never.
BUNDLE_META_EDITS = (
    (
        'let o=x("meta",{name:"color-scheme"});document.head.appendChild(o);',
        'let o=document.querySelector("meta[name=color-scheme]")||document.head.appendChild(x("meta",{name:"color-scheme"}));',
    ),
    ("return o.content=a.colorScheme,", "return o.content!==a.colorScheme&&(o.content=a.colorScheme),"),
)

# What the bundle's first statements read that needs the page's style and layout, and what it
# becomes: the viewport's offset and size are read when something first subscribes to them (the
# theme's components, mounted on DOMContentLoaded) instead of when the bundle is evaluated
# (``H`` is RxJS's ``defer``); the clipboard set-up, which asks
# ``document.queryCommandSupported("copy")``, and the search's scroll lock, which subscribes to the
# viewport at once (``withLatestFrom``), run on DOMContentLoaded. Read at evaluation, before
# the browser had drawn a frame, each forced the first style and layout of the whole page into the
# bundle's task.
BUNDLE_LOAD_EDITS = (
    (
        'function Tn(){return L(h(window,"scroll",{passive:!0}),h(window,"resize",{passive:!0})).pipe(m(wn),Q(wn()))}',
        'function Tn(){return H(()=>L(h(window,"scroll",{passive:!0}),h(window,"resize",{passive:!0})).pipe(m(wn),Q(wn())))}',
    ),
    (
        'function On(){return h(window,"resize",{passive:!0}).pipe(m(Sn),Q(Sn()))}',
        'function On(){return H(()=>h(window,"resize",{passive:!0}).pipe(m(Sn),Q(Sn())))}',
    ),
    ("di({alert$:fo});", 'document.addEventListener("DOMContentLoaded",()=>di({alert$:fo}),{once:!0});'),
    ("Wi({viewport$:ke,tablet$:Lr});", 'document.addEventListener("DOMContentLoaded",()=>Wi({viewport$:ke,tablet$:Lr}),{once:!0});'),
)

# The bundle wraps every ``table:not([class])`` in its scroll wrapper on load, taking the table out
# of the page and putting it back: every element of the table restyled, 739 on the notation
# translator, inside the DOMContentLoaded task. ``host_tables`` writes the same wrapper at build time,
# and the bundle skips a table that already has one.
BUNDLE_TABLE_EDITS = (
    ('M("table:not([class])",e).map(i=>ti(i))', 'M(":not(.md-typeset__table)>table:not([class])",e).map(i=>ti(i))'),
)

BUNDLE_EDITS = BUNDLE_META_EDITS + BUNDLE_LOAD_EDITS + BUNDLE_TABLE_EDITS


_BUNDLE_SCRIPT = re.compile(r'<script src="([^"]*assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js)"></script>')
_DEFERRED_BUNDLE = re.compile(r'<script defer src="[^"]*assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js"></script>')


def defer_bundle(html: str, where: str) -> str:
    """The page with the theme's bundle loaded with ``defer`` (unchanged if it is already)."""
    found, deferred = len(_BUNDLE_SCRIPT.findall(html)), len(_DEFERRED_BUNDLE.findall(html))
    if (found, deferred) == (0, 1):
        return html
    if (found, deferred) != (1, 0):
        raise StartUpError(
            f"{where}: expected the theme's bundle script (<script src=\"…/bundle.*.min.js\">) once, found it "
            f"{found + deferred} times; the theme changed: see sitebuild/start_up.py (defer_bundle)"
        )
    return _BUNDLE_SCRIPT.sub(r'<script defer src="\1"></script>', html)


def bundles(site_dir: Path) -> list[Path]:
    """Material's JavaScript bundles in a built site (one, with a content hash in its name)."""
    return sorted((site_dir / "assets" / "javascripts").glob("bundle.*.min.js"))


def edit_bundle(js: str, where: str) -> str:
    """The bundle with BUNDLE_EDITS made (unchanged if they were made before)."""
    if all(new in js and old not in js for old, new in BUNDLE_EDITS):
        return js
    for old, _ in BUNDLE_EDITS:
        if (found := js.count(old)) != 1:
            raise StartUpError(
                f"{where}: expected the theme's code {old!r} once, found it {found} times; "
                "the theme changed: see sitebuild/start_up.py for why it is edited, and update BUNDLE_EDITS"
            )
    for old, new in BUNDLE_EDITS:
        js = js.replace(old, new)
    return js
