"""Each page loads only the assets it uses.

The lightbox (mkdocs-glightbox: 56 KB of script in the head, plus its styles) is
skipped on pages without images and deferred on the others, and the shape explorer's
script and styles, which mkdocs.yml declares for the whole site, stay only on pages
that hold an explorer.
On a page without either, that is about 80 KB less to fetch before first paint.

Highlighted code loses the spans that change nothing, names and whitespace, about a fifth of a
code-heavy page's elements (sitebuild/code_spans.py).

Each Markdown table gets the theme's scroll wrapper at build time, so that the theme no longer
moves it into one on load, which restyled the table and the article around it (sitebuild/start_up.py).

The theme's bundle is loaded with defer, so that its first statements no longer force the first
style and layout of the whole page inside its own task (sitebuild/start_up.py).

After the build, the theme's palette style sheet loses the one rule that restyles every element
twice on each page load, and its bundle stops writing a colour-scheme meta of its own on load,
reading layout while it is evaluated, and wrapping tables again (sitebuild/start_up.py says why).
"""

from __future__ import annotations

import re
from pathlib import Path

import _checkout  # noqa: F401  # puts the checkout on sys.path, for sitebuild/
from mkdocs.exceptions import PluginError

from sitebuild.code_spans import unwrap_plain_spans
from sitebuild.start_up import (
    StartUpError,
    bundles,
    defer_bundle,
    drop_switching_rule,
    edit_bundle,
    host_tables,
    palette_sheets,
)

_IMAGE = re.compile(r"!\[|<img\b", re.I)
_EXPLORER_ASSETS = re.compile(
    r'<link rel="stylesheet" href="[^"]*assets/stylesheets/shape-explorer\.css">'
    r'|<script src="[^"]*assets/javascripts/shape-explorer\.js" defer(?:="")?></script>'
)


def needs_lightbox(markdown: str) -> bool:
    return _IMAGE.search(markdown) is not None


def drop_unused_explorer(html: str) -> str:
    if "data-shape-explorer" in html:
        return html
    return _EXPLORER_ASSETS.sub("", html)


_LIGHTBOX_SCRIPT = re.compile(r'<script src="([^"]*assets/javascripts/glightbox\.min\.js)"></script>')
_LIGHTBOX_INIT = '<script id="init-glightbox">'


class LightboxError(Exception):
    """A page's lightbox scripts are not as mkdocs-glightbox 0.5.3 writes them."""


def defer_lightbox(html: str, where: str) -> str:
    """The lightbox's script deferred, so it no longer holds up the page's first paint.

    mkdocs-glightbox puts its 56 KB script in the head, where the parser waits for it, and starts it
    from an inline script at the end of the body. Deferred, the script runs once the page is parsed;
    the start-up script becomes a module script, which runs after it, in document order, and still
    before DOMContentLoaded (where the theme's document$ subscription expects it).
    """
    scripts, inits = len(_LIGHTBOX_SCRIPT.findall(html)), html.count(_LIGHTBOX_INIT)
    if (scripts, inits) == (0, 0):
        return html
    if (scripts, inits) != (1, 1):
        raise LightboxError(
            f"{where}: expected mkdocs-glightbox's script and its start-up script once each, found {scripts} and {inits}; "
            "the plugin changed: see defer_lightbox in hooks/page_weight.py"
        )
    html = _LIGHTBOX_SCRIPT.sub(r'<script defer src="\1"></script>', html)
    return html.replace(_LIGHTBOX_INIT, '<script id="init-glightbox" type="module">')


def on_page_markdown(markdown: str, page, config, files, **kwargs) -> str:
    if not needs_lightbox(markdown):
        page.meta.setdefault("glightbox", False)  # read by mkdocs-glightbox when it renders the page
    return markdown


def on_post_page(output: str, page, config, **kwargs) -> str:
    try:
        output = defer_bundle(defer_lightbox(output, page.file.src_uri), page.file.src_uri)
    except (LightboxError, StartUpError) as error:
        raise PluginError(str(error)) from None
    return host_tables(unwrap_plain_spans(drop_unused_explorer(output)))


def on_post_template(output: str, template_name: str, config, **kwargs) -> str:
    """The 404 page, a theme template and not a page, gets its bundle deferred like every page."""
    if template_name != "404.html":
        return output
    try:
        return defer_bundle(drop_unused_explorer(output), template_name)
    except StartUpError as error:
        raise PluginError(str(error)) from None


def on_post_build(config, **kwargs) -> None:
    site_dir = Path(config["site_dir"])
    for found, edit, what in (
        (palette_sheets(site_dir), drop_switching_rule, "assets/stylesheets: no palette.*.min.css"),
        (bundles(site_dir), edit_bundle, "assets/javascripts: no bundle.*.min.js"),
    ):
        if not found:
            raise PluginError(f"{site_dir}/{what}; the theme changed, see sitebuild/start_up.py")
        for file in found:
            try:
                file.write_text(edit(file.read_text(encoding="utf-8"), str(file)), encoding="utf-8")
            except StartUpError as error:
                raise PluginError(str(error)) from None
