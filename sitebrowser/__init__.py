"""Look at the built site as a reader does: serve it on 127.0.0.1 and check its pages in Chromium.

Every check is a plain function that returns a list of problems (strings naming the page and
what is wrong), so the browser tests, the tests that prove each check on a bad site, and the
scripts (scripts/bench_math.py, scripts/measure_reload.py) share one implementation.

    chromium  which Chromium runs, and how it is launched
    serve     the built site on a free local port
    pages     the pages of a built site, their sources, whether a source writes math
    static    checks without a browser: TeX left as text, broken links and anchors
    checks    checks of one open page: requests, console, math, schemes, layout, axe, search
    tour      every page once per colour scheme with every per-page check
    diagrams  diagram label sizes as drawn
    queries   the search queries the site must answer, and the page each must find
"""

from sitebrowser.checks import (
    AXE_SCHEME_RULES,
    PHONE,
    SCHEMES,
    VIEWPORT,
    WIDE_LAYOUT,
    Recorder,
    axe_problems,
    block_foreign_hosts,
    finish_axe,
    layout_problems,
    math_problems,
    scheme_image_problems,
    search_results,
    settled_screenshot,
    start_axe,
    visible_text,
    wait_for_search_ready,
)
from sitebrowser.chromium import CHROMIUM_ARGS, BrowserUnavailable, chromium_path, launch_chromium
from sitebrowser.diagrams import MIN_LABEL_PX, diagram_label_problems, diagram_labels
from sitebrowser.pages import DOCS, ROOT, page_source, site_pages, source_has_math
from sitebrowser.serve import serve
from sitebrowser.static import broken_links, raw_math
from sitebrowser.tour import CATEGORIES, tour

__all__ = [
    "AXE_SCHEME_RULES",
    "CATEGORIES",
    "CHROMIUM_ARGS",
    "DOCS",
    "MIN_LABEL_PX",
    "PHONE",
    "ROOT",
    "SCHEMES",
    "VIEWPORT",
    "WIDE_LAYOUT",
    "BrowserUnavailable",
    "Recorder",
    "axe_problems",
    "block_foreign_hosts",
    "broken_links",
    "chromium_path",
    "diagram_label_problems",
    "diagram_labels",
    "finish_axe",
    "launch_chromium",
    "layout_problems",
    "math_problems",
    "page_source",
    "raw_math",
    "scheme_image_problems",
    "search_results",
    "settled_screenshot",
    "serve",
    "site_pages",
    "source_has_math",
    "start_axe",
    "tour",
    "visible_text",
    "wait_for_search_ready",
]
