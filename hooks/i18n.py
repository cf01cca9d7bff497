"""The Chinese edition (mkdocs-static-i18n builds it into zh/ after the English site).

A page without a ``.zh.md`` translation is served in the Chinese edition in English, with a notice
under its title saying so ("尚未翻译 / not yet translated"), rather than failing the build: the
edition is translated page by page, and a reader following a link from a Chinese page lands on
the content rather than a 404. ``tests/test_i18n.py`` lists the pages served this way. Such a
page stays out of the Chinese search index, which holds Chinese text only.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from mkdocs.plugins import event_priority

NOTICE_CLASS = "untranslated"
NOTICE = (
    '!!! warning "尚未翻译 / not yet translated"\n'
    "    本页尚未翻译成中文，下面是英文原文；页眉的语言切换可回到英文版。\n"
    "    This page has not been translated into Chinese yet: the English text follows.\n"
    "    {: ." + NOTICE_CLASS + " }\n"
)
_H1 = re.compile(r"^# .*$", re.M)


@event_priority(-100)  # after every plugin's on_config (mkdocs-static-i18n's runs at 0)
def on_config(config, **kwargs):
    """Search switched off (``make serve`` sets DOCS_SEARCH=false): take the plugin out of the site.

    mkdocs-static-i18n's on_post_build reads the search plugin's index, which a disabled plugin never
    made (AttributeError: 'SearchPlugin' object has no attribute 'search_index'), and Material's
    header would show a search box with no index behind it.
    """
    for name in ("material/search", "search"):
        plugin = config.plugins.get(name)
        if plugin is not None and not plugin.config.get("enabled", True):
            del config.plugins[name]
    return config


def is_fallback(page, config) -> bool:
    """True for an English page built into a non-English edition."""
    language = config.theme["language"]
    locale = getattr(page.file, "locale", None)
    return locale is not None and language != "en" and locale != language


def add_notice(markdown: str) -> str:
    """The notice right under the page's H1 (or first, for a page without one)."""
    m = _H1.search(markdown)
    if not m:
        return NOTICE + "\n" + markdown
    return markdown[: m.end()] + "\n\n" + NOTICE + markdown[m.end():]


@event_priority(-105)  # after mkdocs-static-i18n's on_files (-100), before hooks/diagrams.py (-110)
def on_files(files, config):
    """Notebooks stay notebook pages in both editions.

    mkdocs-jupyter wraps each .ipynb in a NotebookFile (a page) in its on_files; the i18n plugin's
    on_files, which runs after it, replaces every file with a plain File, and the notebook would be
    copied as JSON to <name>.ipynb. Wrap the notebooks again, under the edition's folder.
    """
    jupyter = config.plugins.get("mkdocs-jupyter")
    if jupyter is None:
        return files
    from mkdocs_jupyter.plugin import NotebookFile

    plugin = config.plugins.get("i18n")
    languages = plugin.build_languages if plugin is not None else []
    current = plugin.current_language if plugin is not None else None
    default = plugin.default_language if plugin is not None else None
    for file in list(files):
        if isinstance(file, NotebookFile) or not jupyter.should_include(file):
            continue
        notebook = NotebookFile(file, use_directory_urls=config.use_directory_urls, site_dir=config.site_dir)
        # A translation <name>.zh.ipynb is the page <name>/ of its edition, like <name>.zh.md
        stem = Path(file.src_uri).stem
        for lang in languages:
            if stem.endswith(f".{lang}"):
                notebook.dest_path = notebook.dest_path.replace(stem, stem.removesuffix(f".{lang}"), 1)
                notebook.url = notebook.url.replace(stem, stem.removesuffix(f".{lang}"), 1)
                notebook.abs_dest_path = os.path.normpath(os.path.join(config.site_dir, notebook.dest_path))
        english_url = notebook.url
        if current and current != default:
            notebook.dest_path = f"{current}/{notebook.dest_path}"
            notebook.abs_dest_path = os.path.normpath(os.path.join(config.site_dir, notebook.dest_path))
            notebook.url = notebook._get_url(config.use_directory_urls)
        # The header's language switch (Material's extra.alternate, set per page from these)
        notebook.file.alternates = {
            lang: (notebook if lang == current else _Url(english_url if lang == default else f"{lang}/{english_url}"))
            for lang in languages
        }
        files.remove(file)
        files.append(notebook)
    return files


class _Url:
    """The one attribute of another edition's page that the language switch reads."""

    def __init__(self, url: str):
        self.url = url


def _default(config) -> str:
    plugin = config.plugins.get("i18n")
    return plugin.default_language if plugin is not None else "en"


def on_page_markdown(markdown: str, page, config, files, **kwargs) -> str:
    if not is_fallback(page, config):
        return markdown
    page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    return add_notice(markdown)


@event_priority(-110)  # after mkdocs-static-i18n's on_post_build (-100), which writes one index for both
def on_post_build(config, **kwargs):
    """Each edition its own search index: zh/search/search_index.json holds the Chinese pages.

    The i18n plugin writes the entries of every edition into search/search_index.json; English
    search would then list Chinese pages. The Chinese pages fetch zh/search/search_index.json
    (overrides/partials/search-on-demand.js), whose locations keep their zh/ prefix because
    Material resolves them against the site root.
    """
    plugin = config.plugins.get("i18n")
    if plugin is None or plugin.building:
        return  # a single-language site, or the inner build of another edition
    split_search_index(Path(config.site_dir), [lang for lang in plugin.build_languages if lang != plugin.default_language])


def split_search_index(site: Path, editions: list[str]) -> dict[str, int]:
    """Move each edition's entries from site/search/search_index.json to site/<edition>/search/; entry counts."""
    path = site / "search" / "search_index.json"
    if not path.is_file():
        return {}
    index = json.loads(path.read_text(encoding="utf-8"))
    counts = {}
    rest = index["docs"]
    for edition in editions:
        mine = [doc for doc in rest if doc["location"].startswith(f"{edition}/")]
        rest = [doc for doc in rest if not doc["location"].startswith(f"{edition}/")]
        out = site / edition / "search" / "search_index.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps({**index, "docs": mine}, separators=(",", ":")), encoding="utf-8")
        counts[edition] = len(mine)
    path.write_text(json.dumps({**index, "docs": rest}, separators=(",", ":")), encoding="utf-8")
    counts[""] = len(rest)
    return counts


@event_priority(40)  # after mkdocs-static-i18n's on_page_context (50), which leaves home pages alone
def on_page_context(context, page, config, nav, **kwargs):
    """The home pages' language switch: each edition's home page, relative (the site lives under a path)."""
    plugin = config.plugins.get("i18n")
    alternates = getattr(config.extra, "alternate", None) if plugin is not None else None
    if not alternates or page.url not in (".", "", f"{plugin.current_language}/"):
        return context
    for alternate in alternates:
        lang = alternate["lang"]
        alternate["link"] = "./" if lang == plugin.default_language else f"{lang}/"
    return context


_HEAD_ALTERNATE = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')


def drop_head_alternates(html: str) -> str:
    """Remove the <head>'s hreflang links (the header's switch and sitemap.xml's alternates stay).

    Material fetches sitemap.xml under each of them, expecting an edition's root; the i18n plugin
    makes them the same page in the other language, so every page load asked for
    <page>/sitemap.xml and got a 404. The sitemap lists each page's alternates for search engines.
    """
    head, sep, body = html.partition("</head>")
    return _HEAD_ALTERNATE.sub("", head) + sep + body


_NOTICE_HTML = (
    '<div class="admonition warning untranslated"><p class="admonition-title">尚未翻译 / not yet translated</p>'
    "<p>本页尚未翻译成中文，下面是英文原文；页眉的语言切换可回到英文版。"
    "This page has not been translated into Chinese yet: the English text follows.</p></div>"
)


def add_notice_html(html: str) -> str:
    """The notice after the first </h1> of a rendered page (notebooks, whose Markdown no hook sees)."""
    head, sep, rest = html.partition("</h1>")
    return head + sep + _NOTICE_HTML + rest if sep else html


def on_post_page(output: str, page, config, **kwargs) -> str:
    if is_fallback(page, config) and "尚未翻译 / not yet translated" not in output:
        output = add_notice_html(output)
    return drop_head_alternates(output)


_SWITCH_LINK = re.compile(r'<a href="[^"]*" hreflang="(?P<lang>[^"]*)" class="md-select__link">')


_ENGLISH_404: dict[str, str] = {}


def on_post_template(output: str, template_name: str, config, **kwargs):
    """404.html, the host's one error page for the whole site, stays the English edition's (each edition's
    build renders it to the same file, the last one in Chinese); its language links lead to each home."""
    if template_name != "404.html":
        return output
    plugin = config.plugins.get("i18n")
    if plugin is not None and plugin.current_language != plugin.default_language and "en" in _ENGLISH_404:
        return _ENGLISH_404["en"]
    _ENGLISH_404["en"] = _error_page_links(output, config)
    return _ENGLISH_404["en"]


def _error_page_links(output: str, config) -> str:
    from urllib.parse import urlsplit

    plugin = config.plugins.get("i18n")
    root = urlsplit(config.site_url or "/").path or "/"
    default = plugin.default_language if plugin is not None else "en"

    def home(m: re.Match) -> str:
        lang = m["lang"]
        href = root if lang == default else f"{root}{lang}/"
        return f'<a href="{href}" hreflang="{lang}" class="md-select__link">'

    return _SWITCH_LINK.sub(home, drop_head_alternates(output))
