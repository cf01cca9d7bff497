"""Every page, style sheet and script of the site loads from the site itself.

``remote_loads`` finds what a built page would fetch from another host while it loads: scripts,
style sheets, fonts, preloads, images, frames, audio and video, CSS ``@import`` and ``url()``,
and what a script fetches (``fetch``, workers, event streams, sockets, beacons).
``page_loads`` finds the same loads with the line of the page's source that writes each,
``asset_loads`` does the same for a CSS or JS file of ``docs/``, with line numbers, and
``missing_extras`` names ``extra_css`` / ``extra_javascript`` entries that are remote or missing.
Links a reader clicks (``<a href>``) do not count. Plain functions, no MkDocs: hooks/offline.py
fails the build with them.
"""

from __future__ import annotations

import re
from html import unescape

from sitebuild.markdown_lines import text_lines

__all__ = ["asset_loads", "missing_extras", "page_loads", "remote_loads", "strip_notebook_loaders"]

_NOTEBOOK_MERMAID = re.compile(
    r'<script type="module">\s*document\.addEventListener\("DOMContentLoaded", async \(\) => \{\s*'
    r'const diagrams = document\.querySelectorAll\("\.jp-Mermaid.*?</script>',
    re.S,
)
_REMOTE = r"(?:https?:)?//"
# <script src=...>, <link href=...> for styles/fonts/preloads, media elements, import("..."),
# @import / url(...) in inline CSS
_REMOTE_LOADS = [
    re.compile(rf"<script\b[^>]*\bsrc=[\"'](?P<url>{_REMOTE}[^\"']+)", re.I),
    re.compile(
        r"<link\b(?=[^>]*\brel=[\"'](?:stylesheet|preload|modulepreload|preconnect|dns-prefetch|icon|manifest)[\"'])"
        rf"[^>]*\bhref=[\"'](?P<url>{_REMOTE}[^\"']+)",
        re.I,
    ),
    re.compile(rf"\bimport\(\s*[\"'](?P<url>{_REMOTE}[^\"']+)", re.I),
    re.compile(rf"\bfrom\s+[\"'](?P<url>{_REMOTE}[^\"']+)", re.I),
    re.compile(rf"url\(\s*[\"']?(?P<url>{_REMOTE}[^\"')]+)", re.I),
    # images, frames and media: src, poster, data (object) and srcset (any of its candidates)
    re.compile(
        r"<(?:img|iframe|frame|video|audio|source|track|embed|object|input|image)\b[^>]*?"
        rf"\b(?:src|poster|data|href)\s*=\s*[\"']?(?P<url>{_REMOTE}[^\"'\s>]+)",
        re.I,
    ),
    re.compile(rf"<(?:img|source)\b[^>]*?\bsrcset\s*=\s*[\"'][^\"']*?(?P<url>{_REMOTE}[^\"'\s,]+)", re.I),
    re.compile(rf"@import\s+[\"'](?P<url>{_REMOTE}[^\"']+)", re.I),
    # scripts that fetch: fetch(), workers, event streams, sockets, beacons
    re.compile(
        r"\b(?:fetch|Worker|SharedWorker|EventSource|WebSocket|sendBeacon)\(\s*[\"'`]"
        r"(?P<url>(?:(?:https?|wss?):)?//[^\"'`]+)",
        re.I,
    ),
]


def strip_notebook_loaders(html: str) -> str:
    return _NOTEBOOK_MERMAID.sub("", html)


# Scanning a whole page with a case-insensitive pattern is slow (about 0.1 s a build for the last three
# above). Each pattern's match implies its cue in the lower-cased page, so a page without the cue is
# not scanned. re.IGNORECASE also matches these non-ASCII letters to ASCII ones, which lower() does not
# map the same way; a page holding any of them is scanned with every pattern.
_CUES = [
    re.compile(cue)
    for cue in (
        r"<script",
        r"<link",
        r"import\(\s*[\"'](?:https?:)?//",
        r"from\s+[\"'](?:https?:)?//",
        r"url\(\s*[\"']?(?:https?:)?//",
        r"<(?:img|iframe|frame|video|audio|source|track|embed|object|input|image)",
        r"srcset",
        r"@import",
        r"(?:fetch|worker|eventsource|websocket|sendbeacon)\(",
    )
]
_CASE_FOLDS_TO_ASCII = "\u0130\u0131\u212a\u017f"  # İ ı (i), Kelvin sign (k), long s (s)


def remote_loads(html: str) -> list[str]:
    """Addresses on other hosts that this HTML would fetch while loading (links a reader clicks do not count)."""
    lower = html.lower()
    every = any(c in html for c in _CASE_FOLDS_TO_ASCII)
    found = []
    for cue, pattern in zip(_CUES, _REMOTE_LOADS, strict=True):
        if every or cue.search(lower):
            found += [m["url"] for m in pattern.finditer(html)]
    return found


def asset_loads(text: str) -> list[tuple[int, str]]:
    """(line, address) of each load from another host in a CSS or JS file, in order."""
    found = []
    for pattern in _REMOTE_LOADS:
        found += [(text.count("\n", 0, m.start("url")) + 1, m["url"]) for m in pattern.finditer(text)]
    return sorted(found)


_MARKDOWN_IMAGE = re.compile(rf"!\[[^\]]*\]\(\s*<?(?P<url>{_REMOTE}[^\s)>]+)")


def page_loads(html: str, source: str) -> list[tuple[int | None, str]]:
    """(line, address) of each load from another host of a built page, by the source line that writes it.

    Raw HTML, inline CSS and Markdown images are found where they are written (code fences and comments,
    which load nothing, skipped); any other address at the first line holding it, such as a reference
    image's ``[id]: https://...``; line None when no line of the source holds it (a snippet, the theme
    or a hook wrote it). Entity-escaped addresses (``&amp;``) are compared and named unescaped.
    """
    loads = {unescape(url) for url in remote_loads(html)}
    if not loads:
        return []
    lines = [""] * (source.count("\n") + 1)
    for number, line in text_lines(source):
        lines[number - 1] = line
    text = "\n".join(lines)
    written = asset_loads(text) + [(text.count("\n", 0, m.start()) + 1, m["url"]) for m in _MARKDOWN_IMAGE.finditer(text)]
    found = {(line, unescape(url)) for line, url in written if unescape(url) in loads}
    for url in loads - {url for _, url in found}:
        at = text.find(url)
        found.add((text.count("\n", 0, at) + 1 if at >= 0 else None, url))
    return sorted(found, key=lambda load: (load[0] or 0, load[1]))


def _is_remote(path: str) -> bool:
    return re.match(r"^(?:[a-z][a-z0-9+.-]*:)?//", path, re.I) is not None


def missing_extras(key: str, entries: list[str], exists) -> list[str]:
    """What is wrong with each ``extra_css`` / ``extra_javascript`` entry: remote, or no such file in docs/."""
    problems = []
    for entry in entries:
        if _is_remote(entry):
            problems.append(
                f"{key} lists {entry!r}, which the site would load from another host: "
                "put the file under docs/assets/ and list its relative path"
            )
        elif not exists(entry):
            problems.append(f"{key} lists {entry!r}, but docs/{entry} does not exist: add the file or remove the entry")
    return problems
