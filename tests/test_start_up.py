"""The theme's palette style sheet loses the one rule that restyles every element on each page load.

sitebuild/start_up.py says why; the build (hooks/page_weight.py) applies it and refuses a sheet whose
rule changed. What the rule used to hide, colour transitions playing while a page loads, must not
happen at all: the browser tests at the end count them, in both schemes, on a first visit and with a
stored choice, and show that each of the two things that prevent them is needed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import load_hook, report
from mkdocs.exceptions import PluginError

from sitebrowser import PHONE, SCHEMES, block_foreign_hosts

from sitebuild.start_up import REMOVED, SWITCHING_RULE, StartUpError, drop_switching_rule, palette_sheets

BAD_THEME = Path(__file__).parent / "bad_theme"


def test_the_built_palette_sheet_has_no_switching_rule(built_site: Path):
    sheets = palette_sheets(built_site)
    assert len(sheets) == 1, sheets
    css = sheets[0].read_text(encoding="utf-8")
    assert not SWITCHING_RULE.search(css) and REMOVED in css
    assert "[data-md-color-scheme=slate]" in css, "the rest of the sheet is gone too"


def test_removing_the_rule_twice_changes_nothing(built_site: Path):
    css = palette_sheets(built_site)[0].read_text(encoding="utf-8")
    assert drop_switching_rule(css, "palette.css") == css


def test_a_changed_switching_rule_fails_naming_the_sheet():
    sheet = BAD_THEME / "palette.changed-switching-rule.min.css"
    with pytest.raises(StartUpError, match=r"palette\.changed-switching-rule\.min\.css: expected Material's rule .* found it 0 times"):
        drop_switching_rule(sheet.read_text(encoding="utf-8"), str(sheet))


def test_the_build_fails_on_a_changed_switching_rule(tmp_path: Path):
    stylesheets = tmp_path / "assets" / "stylesheets"
    stylesheets.mkdir(parents=True)
    bad = (BAD_THEME / "palette.changed-switching-rule.min.css").read_bytes()
    (stylesheets / "palette.0123abcd.min.css").write_bytes(bad)
    hook = load_hook("page_weight.py", "page_weight_hook")
    with pytest.raises(PluginError, match=r"palette\.0123abcd\.min\.css: expected Material's rule"):
        hook.on_post_build({"site_dir": str(tmp_path)})
    with pytest.raises(PluginError, match=r"no palette\.\*\.min\.css"):
        hook.on_post_build({"site_dir": str(tmp_path / "empty")})


# Every colour transition that starts while a page loads and settles, as "page: element property".
WATCH_TRANSITIONS = """
window.__transitions = [];
document.addEventListener('transitionrun', event => {
  const target = event.target;
  window.__transitions.push(`${location.pathname}: ${target.tagName.toLowerCase()}.${target.getAttribute('class') || ''} ${event.propertyName}`);
}, true);
"""
LOADED = 1000  # ms after "load": the bundle applies the scheme and its transitions start within ~0.2 s
SCHEME = "() => document.body.getAttribute('data-md-color-scheme')"
PAGES = ["", "math/gradients/", "notebooks/01-shape-by-shape/"]  # short, long with math and code, the notebook


def transitions_while_loading(page, url: str) -> list[str]:
    page.goto(url, wait_until="load")
    page.wait_for_timeout(LOADED)
    return page.evaluate("() => window.__transitions")


def open_context(browser, site_server: str, screen: str):
    context = browser.new_context(viewport=PHONE, color_scheme=screen)
    block_foreign_hosts(context, site_server)
    context.add_init_script(WATCH_TRANSITIONS)
    return context


@pytest.mark.parametrize("screen", ["light", "dark"])
def test_no_colour_transition_plays_while_a_page_loads(browser, site_server: str, screen: str):
    """First visits in the screen's scheme, then, after the reader picks the other one, visits with that stored choice."""
    other = "light" if screen == "dark" else "dark"
    context = open_context(browser, site_server, screen)
    page = context.new_page()
    played = []
    try:
        for path in PAGES:
            played += transitions_while_loading(page, site_server + path)
            assert page.evaluate(SCHEME) == SCHEMES[screen], f"{path}: not in the screen's scheme"
        page.locator("form[data-md-component=palette] label:not([hidden])").click()
        page.wait_for_function(f"() => ({SCHEME})() === '{SCHEMES[other]}'", timeout=5000)
        for path in PAGES:
            played += transitions_while_loading(page, site_server + path)
            assert page.evaluate(SCHEME) == SCHEMES[other], f"{path}: the stored choice was not kept"
    finally:
        context.close()
    assert not played, f"{len(played)} colour transitions played while pages loaded ({screen} screen):\n" + report(played[:10])


def without_first_paint_script(html: str) -> str:
    start = html.index("<script>var __md_palettes=")
    return html[:start] + html[html.index("</script>", start) + len("</script>"):]


def without_root_scheme(css: str) -> str:
    start = css.index(":root {\n  color-scheme: light;")
    return css[:start]


@pytest.mark.parametrize(
    ("broken", "pattern", "edit"),
    [("the first-paint script", "**/gradients/", without_first_paint_script),
     ("the root's colour-scheme rule", "**/reading.css", without_root_scheme)],
    ids=["no-first-paint-script", "no-root-scheme"],
)
def test_the_transition_count_fails_without_each_fix(browser, site_server: str, broken: str, pattern: str, edit):
    """A dark screen's first visit to the long page, with one of the two fixes taken out of what is served."""
    context = open_context(browser, site_server, "dark")

    def serve_without(route):
        response = route.fetch()
        route.fulfill(response=response, body=edit(response.text()))

    context.route(pattern, serve_without)
    page = context.new_page()
    try:
        played = transitions_while_loading(page, site_server + "math/gradients/")
    finally:
        context.close()
    assert len(played) > 20, f"without {broken}: {played}"
