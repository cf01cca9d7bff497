"""Every page loads its code and styles from the site itself.

nbconvert puts a Mermaid loader on every notebook page that imports Mermaid from
a CDN when the notebook holds a diagram; ours hold none, so the loader is dropped.
Anything else that would fetch a script, style sheet or font from another host
stops the build, naming the page and the address.
"""

from __future__ import annotations

import re

from mkdocs.exceptions import PluginError

_NOTEBOOK_MERMAID = re.compile(
    r'<script type="module">\s*document\.addEventListener\("DOMContentLoaded", async \(\) => \{\s*'
    r'const diagrams = document\.querySelectorAll\("\.jp-Mermaid.*?</script>',
    re.S,
)
# <script src=...>, <link href=...> for styles/fonts/preloads, import("..."), @import / url(...) in inline CSS
_REMOTE_LOADS = [
    re.compile(r"<script\b[^>]*\bsrc=[\"'](?P<url>(?:https?:)?//[^\"']+)", re.I),
    re.compile(
        r"<link\b(?=[^>]*\brel=[\"'](?:stylesheet|preload|modulepreload|preconnect|dns-prefetch)[\"'])"
        r"[^>]*\bhref=[\"'](?P<url>(?:https?:)?//[^\"']+)",
        re.I,
    ),
    re.compile(r"\bimport\(\s*[\"'](?P<url>(?:https?:)?//[^\"']+)", re.I),
    re.compile(r"\bfrom\s+[\"'](?P<url>(?:https?:)?//[^\"']+)", re.I),
    re.compile(r"url\(\s*[\"']?(?P<url>(?:https?:)?//[^\"')]+)", re.I),
]


def strip_notebook_loaders(html: str) -> str:
    return _NOTEBOOK_MERMAID.sub("", html)


# Scanning a whole page with a case-insensitive pattern is slow (about 0.1 s a build for the last three
# above). Each pattern's match implies its cue in the lower-cased page, so a page without the cue is
# not scanned. re.IGNORECASE also matches these non-ASCII letters to ASCII ones, which lower() does not
# map the same way; a page holding any of them is scanned with every pattern.
_CUES = [
    re.compile(cue)
    for cue in (r"<script", r"<link", r"import\(\s*[\"'](?:https?:)?//", r"from\s+[\"'](?:https?:)?//", r"url\(\s*[\"']?(?:https?:)?//")
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


def on_post_page(output: str, page, config, **kwargs) -> str:
    output = strip_notebook_loaders(output)
    remote = remote_loads(output)
    if remote:
        raise PluginError(f"{page.file.src_uri}: the page would load from another host: {', '.join(sorted(set(remote)))}")
    return output
