"""Stand-ins: parts of a page swapped for short placeholders while the search plugin reads the page.

hooks/katex.py (formulas) and hooks/rebuild.py (highlighted code) put a placeholder holding only
the text search would index in place of each part, keep the parts in a list (the stash), and call
``restore`` once search has read the page. Material's search plugin parses each page's HTML, and a
span per highlighted token or KaTeX glyph is most of what it meets: with the code stand-ins a build
of the site takes about 0.9 s less (6.9 s against 7.8 s) and writes the same search index byte for
byte. ``make serve`` turns search off (DOCS_SEARCH=false), so there they only cost their swap.
Not a hook itself: MkDocs puts the hooks' folder on the
import path while it loads them, so they import this module by name.
"""

from __future__ import annotations

import re

# When each step runs: MkDocs calls an event's handlers from the highest priority down, and
# plugins with no priority of their own, the search plugin among them, run at 0.
PUT_IN_FORMULAS = 0  # hooks/katex.py on_page_content: each rendered formula becomes a stand-in
PUT_IN_CODE = -50  # hooks/rebuild.py on_page_content: after the formulas' stand-ins are in
SEARCH_READS = 0  # the search plugin's on_page_context indexes the page with its stand-ins
PUT_BACK_CODE = -90  # hooks/rebuild.py on_page_context
PUT_BACK_FORMULAS = -100  # hooks/katex.py on_page_context: after every plugin has read page.content
assert PUT_IN_FORMULAS > PUT_IN_CODE and SEARCH_READS > PUT_BACK_CODE > PUT_BACK_FORMULAS


class StandInError(RuntimeError):
    """A placeholder was lost, changed, duplicated or left in the page."""


def restore(content: str, stash: list[str], pattern: re.Pattern, marker: str, what: str) -> str:
    """Put each stashed part back in place of its placeholder, every placeholder exactly once.

    pattern matches a whole placeholder, with the stash index in its group "index"; marker is the
    attribute that only placeholders carry (to count them); what names them in errors.
    """
    seen: list[int] = []

    def replace(m: re.Match) -> str:
        index = int(m.group("index"))
        if index >= len(stash):
            raise StandInError(f"{what} {index} but only {len(stash)} were stashed")
        seen.append(index)
        return stash[index]

    marks = content.count(f' {marker}="')
    content = pattern.sub(replace, content)
    if len(seen) != marks:
        raise StandInError(f"{marks - len(seen)} {what}(s) were changed and left in the page")
    if sorted(seen) != list(range(len(stash))):
        raise StandInError(f"{what}s found {sorted(seen)}, expected 0..{len(stash) - 1}")
    return content


def restore_page(page, stash: list[str] | None, restore_parts, hook: str) -> None:
    """Set page.content to its content with the stash put back; a StandInError fails the build naming the page."""
    if not stash:
        return
    try:
        page.content = restore_parts(page.content, stash)
    except StandInError as err:
        from mkdocs.exceptions import PluginError

        raise PluginError(f"{hook}, page '{page.file.src_uri}': {err}") from err
