"""Render every formula with KaTeX while the site is built: pages ship HTML and CSS, no math JavaScript.

Markdown pages: pymdownx.arithmatex (generic mode) leaves ``<span class="arithmatex">\\(...\\)</span>``
and ``<div class="arithmatex">\\[...\\]</div>``. Notebook pages (mkdocs-jupyter): nbconvert leaves
``$...$`` and ``$$...$$`` as escaped text inside the markdown cells, plus a MathJax loader that is
removed here. Each formula goes to one long-lived Node process (hooks/katex_render.mjs) that answers
with KaTeX's HTML+MathML. A formula KaTeX rejects is logged as an error naming the page and the TeX,
which fails the build.

The hidden MathML copy is marked ``data-search-exclude`` so the search index holds each formula once.
While the search plugin indexes a page, each formula is a short placeholder holding only the text
search would index from it (parsing KaTeX's HTML was the slowest part of a rebuild); the formula is
put back before the page is rendered into the theme.
At the end of the build, KaTeX's CSS is written into the site with only the font faces the site's
formulas use, each subset to the glyphs drawn with it (woff2 only). Pages with math link the CSS and
preload the faces they use.

The output is a switch, ``extra: math_output:`` in mkdocs.yml: ``html`` (KaTeX's HTML, its CSS and
subset fonts, as above) or ``mathml`` (MathML alone, which browsers draw natively with MathML Core:
no KaTeX CSS or fonts, a few elements per formula instead of dozens; its TeX annotation is kept out
of the search index).

The plain functions, importable without MkDocs, are in sitebuild/katex.py (rendering),
sitebuild/katex_search.py (search stand-ins) and sitebuild/katex_fonts.py (font subsetting); this
file is the thin MkDocs glue around them.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

import _checkout  # noqa: F401  # puts the checkout on sys.path, for sitebuild/
from mkdocs.plugins import event_priority
from stand_ins import PUT_BACK_FORMULAS, PUT_IN_FORMULAS, StandInError, restore, restore_page  # noqa: F401  (StandInError: what the restore functions raise)

from sitebuild.katex import (  # noqa: F401  (the names tests and scripts reach through this hook)
    ASSET_DIR,
    CSS_NAME,
    KATEX_DIST,
    OUTPUTS,
    RE_ARITHMATEX,
    RE_DOLLARS,
    RENDERER,
    ROOT,
    Formula,
    KatexError,
    KatexRenderer,
    PageMath,
    _wrap,
    render_arithmatex,
    render_dollars,
)
from sitebuild.katex_fonts import (  # noqa: F401
    FontFace,
    KatexCss,
    glyphs_by_face,
    head_links,
    site_css,
    subset_font,
    write_assets,
)
from sitebuild.katex_search import RE_STAND_IN, search_runs, stand_in  # noqa: F401
from sitebuild.math_delimiters import formula_problems, leftover_delimiters
from sitebuild.pages import page_where

log = logging.getLogger("mkdocs.hooks.katex")


def restore_formulas(content: str, stash: list[str]) -> str:
    """Put each stashed formula back in place of its placeholder; every placeholder exactly once."""
    return restore(content, stash, RE_STAND_IN, "data-katex-stand-in", "formula placeholder")


# ----------------------------------------------------------------------------- MkDocs glue


class _Build:
    def __init__(self):
        self.renderer = KatexRenderer()
        self.css: KatexCss | None = None
        self.cache: dict[tuple[str, bool], str] = {}  # these four survive `mkdocs serve` rebuilds
        self.fonts: dict[tuple[str, str], bytes] = {}
        self.glyphs: dict[str, dict[str, set[str]]] = {}  # rendered formula -> characters per font face
        self.runs: dict[str, list[str]] = {}  # wrapped formula -> the text search indexes from it
        self.output = "html"  # OUTPUTS, from mkdocs.yml extra.math_output
        self.reset()

    def reset(self):
        self.pages: dict[str, PageMath] = {}
        self.stashed: dict[str, list[str]] = {}  # page -> its formulas' HTML while placeholders stand in
        self.errors = 0
        self.seconds = 0.0  # time spent in this hook, reported at the end of the build

    def render(self, tex: str, display: bool) -> str:
        key = (tex, display, self.output)
        if key not in self.cache:
            self.cache[key] = self.renderer.render(tex, display, self.output)
        return self.cache[key]

    def runs_of(self, formula_html: str) -> list[str]:
        if formula_html not in self.runs:
            self.runs[formula_html] = search_runs(formula_html)
        return self.runs[formula_html]

    def glyphs_of(self, katex_html: str) -> dict[str, set[str]]:
        if self.output == "mathml":
            return {}  # the browser draws MathML with its own math font: no KaTeX face is needed
        if katex_html not in self.glyphs:
            self.glyphs[katex_html] = glyphs_by_face(katex_html, self.css)
        return self.glyphs[katex_html]


_build = _Build()


def on_config(config, **kwargs):
    output = (config.extra or {}).get("math_output", "html")
    if output not in OUTPUTS:
        from mkdocs.exceptions import PluginError

        raise PluginError(f"mkdocs.yml: extra.math_output is {output!r}; write one of {', '.join(OUTPUTS)}")
    _build.output = output
    return config


def on_pre_build(config, **kwargs):
    start = time.perf_counter()
    _build.reset()
    _build.css = KatexCss((KATEX_DIST / CSS_NAME).read_text(encoding="utf-8"))
    # Node starts on the first formula not in the cache: a `mkdocs serve` rebuild often needs none.
    _build.seconds += time.perf_counter() - start


def on_page_markdown(markdown, page, config, files, **kwargs):
    # A formula arithmatex cannot find (never closed, or split by a table's |) reaches no one: the
    # page shows "(x" as text. sitebuild/math_delimiters.py reads the source as arithmatex does.
    if page.file.src_uri.endswith(".ipynb"):
        return markdown
    problems = formula_problems(page.file.content_string)
    if problems:
        from mkdocs.exceptions import PluginError

        raise PluginError("\n".join(f"{page_where(page)}:{line}: {message}" for line, message in problems))
    return markdown


@event_priority(PUT_IN_FORMULAS)  # the order of every stand-in step: hooks/stand_ins.py
def on_page_content(html_content, page, config, files, **kwargs):
    start = time.perf_counter()
    src = page.file.src_uri
    stash = _build.stashed[src] = []  # the formulas, put back by on_page_context once search has indexed
    content, results = render_arithmatex(html_content, _build.render, stash, _build.runs_of)
    if src.endswith(".ipynb"):
        content, more = render_dollars(content, _build.render, stash, _build.runs_of)
        results += more
    for text in leftover_delimiters(content):
        _build.errors += 1
        log.error(f"a formula delimiter is left as text on page '{src}': {text!r}; write the formula as \\(…\\), or the characters in a code span")
    math = PageMath()
    for formula, out, error in results:
        if error is not None:
            _build.errors += 1
            delim = ("\\[", "\\]") if formula.display else ("\\(", "\\)")
            log.error(f"KaTeX cannot render a formula on page '{src}': {delim[0]}{formula.tex}{delim[1]}\n  {error}")
            continue
        math.count += 1
        for face, chars in _build.glyphs_of(out).items():
            math.glyphs.setdefault(face, set()).update(chars)
    if math.count:
        _build.pages[src] = math
    _build.seconds += time.perf_counter() - start
    return content


@event_priority(PUT_BACK_FORMULAS)
def on_page_context(context, page, config, nav, **kwargs):
    restore_page(page, _build.stashed.pop(page.file.src_uri, None), restore_formulas, "KaTeX hook")
    return context


def on_post_page(output, page, config, **kwargs):
    math = _build.pages.get(page.file.src_uri)
    if not math or _build.output == "mathml":
        return output
    from mkdocs.utils import get_relative_url

    base = f"{ASSET_DIR}/"
    links = head_links(
        get_relative_url(base + CSS_NAME, page.url),
        [get_relative_url(f"{base}fonts/{face}", page.url) for face in sorted(math.glyphs)],
    )
    return output.replace("</head>", links + "</head>", 1)


def on_post_build(config, **kwargs):
    start = time.perf_counter()
    _build.renderer.stop()
    if _build.errors:
        from mkdocs.exceptions import PluginError

        raise PluginError(f"{_build.errors} formula(s) could not be rendered or were left as text; see the errors above")
    glyphs: dict[str, set[str]] = {}
    for math in _build.pages.values():
        for face, chars in math.glyphs.items():
            glyphs.setdefault(face, set()).update(chars)
    sizes = write_assets(Path(config.site_dir), glyphs, cache=_build.fonts) if _build.output == "html" else {}
    _build.seconds += time.perf_counter() - start
    before = sum(a for a, _ in sizes.values())
    after = sum(b for _, b in sizes.values())
    log.info(
        f"KaTeX ({_build.output}): {sum(m.count for m in _build.pages.values())} formulas on {len(_build.pages)} pages; "
        f"{len(sizes)} font faces subset from {before / 1024:.1f} KiB to {after / 1024:.1f} KiB; "
        f"{_build.seconds:.2f} s in this hook"
    )


def on_build_error(error, **kwargs):
    _build.renderer.stop()


def on_shutdown(**kwargs):
    _build.renderer.stop()
