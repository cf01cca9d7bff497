"""Stand-ins: parts of a page swapped for short placeholders while the search plugin reads the page.

hooks/katex.py (formulas) and hooks/rebuild.py (highlighted code) put a placeholder holding only
the text search would index in place of each part, keep the parts in a list (the stash), and call
``restore`` once search has read the page. Not a hook itself: MkDocs puts the hooks' folder on the
import path while it loads them, so they import this module by name.
"""

from __future__ import annotations

import re


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
