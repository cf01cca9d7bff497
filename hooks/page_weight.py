"""Each page loads only the assets it uses.

The lightbox (mkdocs-glightbox: 56 KB of script in the head, plus its styles) is
skipped on pages without images, and the shape explorer's script and styles, which
mkdocs.yml declares for the whole site, stay only on pages that hold an explorer.
On a page without either, that is about 80 KB less to fetch before first paint.
"""

from __future__ import annotations

import re

_IMAGE = re.compile(r"!\[|<img\b", re.I)
_EXPLORER_ASSETS = re.compile(
    r'<link rel="stylesheet" href="[^"]*assets/stylesheets/shape-explorer\.css">'
    r'|<script src="[^"]*assets/javascripts/shape-explorer\.js"></script>'
)


def needs_lightbox(markdown: str) -> bool:
    return _IMAGE.search(markdown) is not None


def drop_unused_explorer(html: str) -> str:
    if "data-shape-explorer" in html:
        return html
    return _EXPLORER_ASSETS.sub("", html)


def on_page_markdown(markdown: str, page, config, files, **kwargs) -> str:
    if not needs_lightbox(markdown):
        page.meta.setdefault("glightbox", False)  # read by mkdocs-glightbox when it renders the page
    return markdown


def on_post_page(output: str, page, config, **kwargs) -> str:
    return drop_unused_explorer(output)
