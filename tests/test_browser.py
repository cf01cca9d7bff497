"""The built site in a real browser: offline, error-free, math rendered, both colour schemes, search, links, axe.

Every page is opened once per colour scheme (one Chromium, one context per scheme) and every
per-page check runs during that one visit; the tests below each report one kind of problem
over all pages. The tests at the end feed the same checks a bad site kept under
tests/bad_sites/browser/ and assert that each problem is reported.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import report

from sitebrowser import (
    PHONE,
    SCHEMES,
    VIEWPORT,
    axe_problems,
    block_foreign_hosts,
    broken_links,
    page_source,
    raw_math,
    scheme_image_problems,
    serve,
    site_pages,
    source_has_math,
    tour,
    wait_for_search_ready,
)

BAD_SITE = Path(__file__).parent / "bad_sites" / "browser"


@pytest.fixture(scope="module")
def problems(browser, site_server: str, pages: list[str]) -> dict[str, list[str]]:
    """Every page, light then dark, with every per-page check."""
    return tour(browser, site_server, pages, lambda path: source_has_math(page_source(path)))


def test_no_page_scrolls_sideways_and_code_fits_at_1280(problems):
    assert not problems["layout"], report(problems["layout"])


def test_print_shows_light_diagrams_and_no_explorer(browser, site_server: str, tmp_path: Path):
    """Printed from the dark scheme, the page shows the light diagrams, no explorer, and link targets."""
    context = browser.new_context(viewport=VIEWPORT, color_scheme="dark")
    block_foreign_hosts(context, site_server)
    page = context.new_page()
    try:
        page.goto(site_server, wait_until="load")
        assert page.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == SCHEMES["dark"]
        page.emulate_media(media="print")
        problems = scheme_image_problems(page, "/ [dark, print]", SCHEMES["light"])
        assert not problems, report(problems)
        assert not page.locator("[data-shape-explorer]").is_visible()
        background = page.evaluate("() => getComputedStyle(document.body).getPropertyValue('--md-default-bg-color').trim()")
        assert background == "#fff", background
        link = ".md-content p a[href$='.md'], .md-content p a[href$='/']:not(.glightbox)"
        after = page.evaluate("selector => getComputedStyle(document.querySelector(selector), '::after').content", link)
        assert after.startswith('" (') and after.endswith(')"'), after
        shot = tmp_path / "print-dark-home.png"  # the print-media screenshot, kept for a look when this fails
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 0
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [VIEWPORT, PHONE], ids=["1280", "412"])
def test_the_404_page_offers_search_and_the_way_home(browser, built_site: Path, tmp_path: Path, viewport):
    """The 404 page links absolutely to site_url's path, so it is served there, as on the host."""


    prefix = urlsplit(load_site_url()).path.strip("/")
    (tmp_path / prefix).symlink_to(built_site)
    with serve(tmp_path) as base_url:
        context = browser.new_context(viewport=viewport, color_scheme="dark")
        block_foreign_hosts(context, base_url)
        page = context.new_page()
        try:
            page.goto(f"{base_url}{prefix}/404.html", wait_until="load")
            assert page.locator("h1").count() == 1 and page.locator("h1").inner_text() == "This page is not here"
            home = page.locator(".not-found__actions a").evaluate("a => a.href")  # resolved, as a click follows it
            assert home == f"{base_url}{prefix}/", home
            found = axe_problems(page, f"/404.html [{viewport['width']} px]")
            assert not found, report(found)
            page.locator(".not-found__actions label[for=__search]").click()
            page.wait_for_function("() => document.getElementById('__search').checked")
            wait_for_search_ready(page, timeout=15_000)
            box = page.locator("input.md-search__input")
            box.fill("addmm")
            box.press("End")
            page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
        finally:
            context.close()


def load_site_url() -> str:
    from sitebuild import config

    return config.load()["site_url"]


def test_no_request_leaves_the_site(problems):
    assert not problems["foreign"], report(problems["foreign"])


def test_no_failed_requests(problems):
    assert not problems["failed"], report(problems["failed"])


def test_no_console_errors(problems):
    assert not problems["console"], report(problems["console"])


def test_pages_follow_the_system_colour_scheme(problems):
    assert not problems["scheme"], report(problems["scheme"])


def test_math_is_rendered(problems):
    assert not problems["math"], report(problems["math"])


def test_diagrams_follow_the_colour_scheme(problems):
    assert not problems["images"], report(problems["images"])


def test_accessibility(problems):
    """axe-core: no serious or critical WCAG 2.1 A/AA violation on any page, light or dark."""
    assert not problems["axe"], report(problems["axe"])


def test_internal_links_and_anchors_resolve(built_site: Path):
    assert not (found := broken_links(built_site)), report(found)


def test_colour_scheme_toggle(browser, site_server: str):
    context = browser.new_context(viewport=VIEWPORT, color_scheme="light")
    block_foreign_hosts(context, site_server)
    page = context.new_page()
    try:
        page.goto(site_server, wait_until="load")
        scheme = "() => document.body.getAttribute('data-md-color-scheme')"
        stored = """() => Object.keys(localStorage).filter(k => k.endsWith('__palette'))
                                 .map(k => JSON.parse(localStorage.getItem(k)).color.scheme)"""
        toggle = page.locator("form[data-md-component=palette] label:not([hidden])")
        assert page.evaluate(scheme) == SCHEMES["light"]
        toggle.click()
        page.wait_for_function(f"() => ({scheme})() === '{SCHEMES['dark']}'", timeout=5000)
        assert page.evaluate(stored) == [SCHEMES["dark"]], "the chosen scheme is not stored"
        page.reload(wait_until="load")
        assert page.evaluate(scheme) == SCHEMES["dark"], "the chosen scheme does not survive a reload"
        toggle.click()
        page.wait_for_function(f"() => ({scheme})() === '{SCHEMES['light']}'", timeout=5000)
        assert page.evaluate(stored) == [SCHEMES["light"]]
    finally:
        context.close()


@pytest.fixture(scope="module")
def bad_problems(browser) -> dict[str, list[str]]:
    with serve(BAD_SITE) as base_url:
        return tour(browser, base_url, site_pages(BAD_SITE), lambda path: True)


def find(problems: list[str], *needles: str) -> list[str]:
    return [p for p in problems if all(needle in p for needle in needles)]


def test_bad_site_external_request_is_reported(bad_problems):
    assert find(bad_problems["foreign"], "/ [light]", "request to another host: https://example.invalid/x.png")


def test_bad_site_missing_file_is_reported(bad_problems):
    assert find(bad_problems["failed"], "/ [light]", "HTTP 404", "missing.png")


def test_bad_site_console_error_is_reported(bad_problems):
    assert find(bad_problems["console"], "/ [light]", "console error: the page logged an error")
    assert find(bad_problems["console"], "/ [light]", "uncaught exception", "thrown on purpose")


def test_bad_site_raw_math_is_reported(bad_problems):
    assert find(bad_problems["math"], "/ [light]", "raw TeX in the visible text: " + repr("\\(x A^\\top")[:-1])
    assert find(bad_problems["math"], "/ [light]", "no .katex element")
    assert raw_math("costs $5 and $6") == [] and raw_math("$$ y = x $$") != []


def test_bad_site_wrong_scheme_and_diagram_are_reported(bad_problems):
    assert find(bad_problems["scheme"], "/ [dark]", "body data-md-color-scheme is 'default', expected 'slate'")
    assert find(bad_problems["images"], "/ [light]", "diagram.svg#only-dark is visible under the default scheme")
    assert find(bad_problems["images"], "/ [light]", "diagram.svg#only-light is hidden under the default scheme")
    assert not find(bad_problems["images"], "[dark]"), "the dark scheme shows the right diagram and was reported"


def test_bad_site_accessibility_violation_is_reported(bad_problems):
    assert find(bad_problems["axe"], "/ [light]", "image-alt (critical)", 'targets: img[src$="unlabelled.svg"]')


def test_bad_site_sideways_scroll_is_reported(bad_problems):
    assert find(bad_problems["layout"], "/ [light]", "the page scrolls sideways by")
    assert find(bad_problems["layout"], "/ [light]", "a code block scrolls sideways at 1280 px: 'a_line_much_wider")


def test_bad_site_broken_link_and_anchor_are_reported():
    found = broken_links(BAD_SITE)
    assert find(found, "index.html: a href='other.html#nowhere': no element with id or name 'nowhere' in other.html")
    assert find(found, "index.html: a href='no-such-page.html': no file no-such-page.html")
    assert not find(found, "other.html#here"), "a good anchor was reported"
