"""The Chinese edition in the browser: every page's checks, the language switch, Chinese search, a CJK font."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import report, zh_source

from sitebrowser import (
    VIEWPORT,
    block_foreign_hosts,
    search_results,
    source_has_math,
    tour,
    wait_for_search_ready,
)
from sitebrowser.queries import ZH_HOME_FIRST, ZH_SEARCHES

BAD_SITE = Path(__file__).parent / "bad_sites" / "browser"


@pytest.fixture(scope="module")
def zh_problems(browser, site_server: str, zh_pages: list[str]) -> dict[str, list[str]]:
    """Every page of the Chinese edition once, light scheme at 1280 px, with every per-page check
    (the colour schemes and the phone width are the English tour's: the page frame is the same)."""
    return tour(browser, site_server, zh_pages, lambda path: source_has_math(zh_source(path)), schemes=("light",))


@pytest.mark.parametrize("category", ["foreign", "failed", "console", "math", "images", "axe", "layout"])
def test_the_chinese_edition_passes_every_page_check(zh_problems, category: str):
    assert not zh_problems[category], report(zh_problems[category])


def switch_samples(pages: list[str]) -> list[str]:
    """The home page, the most deeply nested page and the notebook: one of each kind of page the switch serves.

    Every page's switch links are checked in the built HTML (tests/test_i18n.py); the clicks here
    prove that the header menu a reader opens follows them.
    """
    deepest = max(pages, key=lambda path: (path.count("/"), path))
    notebook = next(path for path in pages if path.startswith("notebooks/"))
    return list(dict.fromkeys(["", deepest, notebook]))


def test_the_language_switch_leads_to_the_same_page(browser, site_server: str, pages: list[str]):
    """Clicking the other language in the header opens the same page, on each kind of page of both editions."""
    context = browser.new_context(viewport=VIEWPORT, color_scheme="light")
    block_foreign_hosts(context, site_server)
    page = context.new_page()
    wrong = []
    try:
        for path in switch_samples(pages):
            for start, lang, target in ((path, "zh", "zh/" + path), ("zh/" + path, "en", path)):
                page.goto(site_server + start, wait_until="domcontentloaded")
                link = page.locator(f'.md-select__link[hreflang="{lang}"]')
                if link.count() != 1:
                    wrong.append(f"/{start}: {link.count()} links to the {lang} edition")
                    continue
                page.locator(".md-header__option .md-select").hover()
                link.click()
                page.wait_for_load_state("domcontentloaded")
                landed = urlsplit(page.url).path
                if landed != urlsplit(site_server + target).path:
                    wrong.append(f"/{start}: the {lang} link opened {landed}, expected /{target}")
    finally:
        context.close()
    assert not wrong, report(wrong)


@pytest.fixture(scope="module")
def zh_search_page(browser, site_server: str):
    context = browser.new_context(viewport=VIEWPORT, color_scheme="light")
    block_foreign_hosts(context, site_server)
    page = context.new_page()
    page.goto(site_server + "zh/", wait_until="load")
    page.locator("input.md-search__input").focus()
    wait_for_search_ready(page)
    yield page
    context.close()


def zh_target_exists(target: str) -> bool:
    source = zh_source(target)
    return source is not None and ".zh." in source.name


@pytest.mark.parametrize(("query", "expected"), ZH_SEARCHES, ids=[query for query, _ in ZH_SEARCHES])
def test_chinese_search_finds_the_chinese_page(zh_search_page, query: str, expected: str):
    assert zh_target_exists(expected), f"{expected} is not translated: a Chinese search row targets a translated page"
    results = search_results(zh_search_page, query)
    top = [path.lstrip("/") for path in results[:3]]
    assert expected in top, f"search {query!r}: expected /{expected} among the first three, got {results[:5]}"
    assert all(path.startswith("/zh/") for path in results), f"search {query!r} in Chinese lists English pages: {results}"


@pytest.mark.parametrize("query", ZH_HOME_FIRST)
def test_chinese_search_ranks_the_short_answer_first(zh_search_page, query: str):
    results = search_results(zh_search_page, query)
    assert results[0] == "/zh/", f"search {query!r}: expected the Chinese home page first, got {results[:5]}"


def test_chinese_text_renders_with_a_cjk_font(browser, site_server: str):
    """The glyphs of a Chinese heading come from a CJK font (Debian's fonts-noto-cjk), not a fallback box."""
    context = browser.new_context(viewport=VIEWPORT, color_scheme="light")
    block_foreign_hosts(context, site_server)
    page = context.new_page()
    try:
        page.goto(site_server + "zh/faq/", wait_until="load")
        cdp = context.new_cdp_session(page)
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument")["root"]["nodeId"]
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": ".md-content h1"})["nodeId"]
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    finally:
        context.close()
    families = [f["familyName"] for f in fonts]
    assert any("CJK" in name for name in families), (
        f"the Chinese title is drawn with {families}: install Debian's fonts-noto-cjk (scripts/ensure-browser does, as root)"
    )
