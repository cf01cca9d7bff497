"""The theme's palette style sheet loses the one rule that restyles every element on each page load.

sitebuild/start_up.py says why; the build (hooks/page_weight.py) applies it and refuses a sheet whose
rule changed. What the rule used to hide, colour transitions playing while a page loads, must not
happen at all: the browser tests at the end count them, in both schemes, on a first visit and with a
stored choice, and show that each of the two things that prevent them is needed.
"""

from __future__ import annotations

import shutil
import time
from contextlib import contextmanager
from pathlib import Path

import material
import pytest
from conftest import load_hook, report
from mkdocs.exceptions import PluginError

from sitebrowser import PHONE, SCHEMES, block_foreign_hosts, serve
from sitebuild.start_up import (
    BUNDLE_EDITS,
    BUNDLE_LOAD_EDITS,
    BUNDLE_TABLE_EDITS,
    REMOVED,
    SWITCHING_RULE,
    StartUpError,
    bundles,
    drop_switching_rule,
    edit_bundle,
    host_tables,
    palette_sheets,
)

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


GRADIENTS = "math/gradients/index.html"


@contextmanager
def edited_site(built_site: Path, tmp_path: Path, edits: dict):
    """A copy of the site with `edits` (file -> function of its text) applied, served: a fix taken out, to show a check sees its absence."""
    copy = tmp_path / "site"
    shutil.copytree(built_site, copy)
    for name, edit in edits.items():
        (copy / name).write_text(edit((copy / name).read_text(encoding="utf-8")), encoding="utf-8")
    with serve(copy) as base_url:
        yield base_url


LATE = 0.6  # s the theme's bundle is held back by, in the tests of a page drawn before it runs


def open_context(browser, site_server: str, screen: str, late_bundle: bool = False):
    """A phone in the given scheme that records transitions; with late_bundle, the theme's script arrives
    LATE seconds after it is asked for, as on a slow network, so that the page is drawn before it runs."""
    context = browser.new_context(viewport=PHONE, color_scheme=screen)
    block_foreign_hosts(context, site_server)
    context.add_init_script(WATCH_TRANSITIONS)
    if late_bundle:

        def hold_back(route):
            time.sleep(LATE)  # the page goes on parsing and is drawn meanwhile
            route.continue_()

        context.route("**/assets/javascripts/bundle.*.min.js", hold_back)
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
    start = html.index("<script>/* A first visit gets the scheme")
    return html[:start] + html[html.index("</script>", start) + len("</script>") :]


ROOT_SCRIPT_END = "})(document.documentElement, __md_palettes);"


def without_root_script(html: str) -> str:
    """The head script's work undone (its palettes are left defined, so the page still runs)."""
    end = html.index(ROOT_SCRIPT_END) + len(ROOT_SCRIPT_END)
    return html[: html.rindex("(function (root, palettes) {", 0, end)] + html[end:]


def without_head_meta(html: str) -> str:
    assert html.count("document.head.appendChild(meta);") == 1
    return html.replace("document.head.appendChild(meta);", "")


def drawn_before_the_bundle(browser, base_url: str) -> list[str]:
    """The transitions of a dark screen's first visit to the long page, the theme's bundle arriving late, as on a slow network."""
    context = open_context(browser, base_url, "dark", late_bundle=True)
    page = context.new_page()
    try:
        return transitions_while_loading(page, base_url + "math/gradients/")
    finally:
        context.close()


def test_no_colour_transition_plays_when_the_page_is_drawn_before_the_bundle_runs(browser, site_server: str):
    played = drawn_before_the_bundle(browser, site_server)
    assert not played, report(played[:10])


@pytest.mark.parametrize(
    ("broken", "edits"),
    [
        ("the first-paint script", {GRADIENTS: without_first_paint_script}),
        ("the head's colour-scheme meta", {GRADIENTS: without_head_meta}),
    ],
    ids=["no-first-paint-script", "no-head-meta"],
)
def test_the_transition_count_fails_without_each_fix(browser, built_site: Path, tmp_path: Path, broken: str, edits: dict):
    """The same visit with a fix taken out of the site. The bundle arrives late so that the page is drawn
    before it runs: when the bundle comes before the first style, a missing fix has nothing to fade from."""
    with edited_site(built_site, tmp_path, edits) as base_url:
        played = drawn_before_the_bundle(browser, base_url)
    assert len(played) > 20, f"without {broken}: {played}"
    assert all("code" in p or "label" in p or "a." in p or "form" in p for p in played[:5]), played[:5]


# The body's scheme and the colour-scheme metas in order (the page's own scheme is the first one's: canvas, scrollbars, form controls).
ROOT_SCHEME = """() => [document.body.getAttribute('data-md-color-scheme'),
  [...document.querySelectorAll('meta[name=color-scheme]')].map(m => m.content)]"""


def root_scheme_after_toggle(browser, site_server: str) -> list:
    """The body's scheme and the colour-scheme metas after a reader on a dark screen picks the light scheme."""
    context = browser.new_context(viewport=PHONE, color_scheme="dark")
    block_foreign_hosts(context, site_server)
    page = context.new_page()
    try:
        page.goto(site_server, wait_until="load")
        page.locator("form[data-md-component=palette] label:not([hidden])").click()
        page.wait_for_function(f"() => ({SCHEME})() === '{SCHEMES['light']}'", timeout=5000)
        return page.evaluate(ROOT_SCHEME)
    finally:
        context.close()


def test_the_root_follows_the_readers_choice(browser, site_server: str):
    """The head's meta says dark for a dark screen; once the reader picks light, the bundle writes light into that one meta."""
    assert root_scheme_after_toggle(browser, site_server) == [SCHEMES["light"], ["light"]]


def theme_bundle(_: str) -> str:
    """Material's own bundle, as it ships, in place of the edited one."""
    (shipped,) = Path(material.__file__).parent.glob("templates/assets/javascripts/bundle.*.min.js")
    return shipped.read_text(encoding="utf-8")


def test_with_the_theme_bundle_as_shipped_the_root_keeps_the_screens_scheme(browser, built_site: Path, tmp_path: Path):
    (bundle,) = bundles(built_site)
    with edited_site(built_site, tmp_path, {str(bundle.relative_to(built_site)): theme_bundle}) as base_url:
        assert root_scheme_after_toggle(browser, base_url) == [SCHEMES["light"], ["dark", "light"]]


def test_the_bundle_edit_fails_naming_the_file_when_the_theme_changed():
    bundle = BAD_THEME / "bundle.changed-palette.min.js"
    with pytest.raises(StartUpError, match=r"bundle\.changed-palette\.min\.js: expected the theme's code .* found it 0 times") as raised:
        edit_bundle(bundle.read_text(encoding="utf-8"), str(bundle))
    message = str(raised.value)  # the end CONTRIBUTING.md quotes
    assert message.index("expected") < message.index("once, found it 0 times; the theme changed: see sitebuild/start_up.py")


def test_the_bundle_edit_is_made_once(built_site: Path):
    (bundle,) = bundles(built_site)
    js = bundle.read_text(encoding="utf-8")
    assert all(new in js and old not in js for old, new in BUNDLE_EDITS)
    assert edit_bundle(js, "bundle.js") == js
    shipped = theme_bundle("")
    assert edit_bundle(shipped, "bundle.js") != shipped


# Every change of value to an attribute of <html> made once <body> exists, and the page's
# colour-scheme metas, in order, when each was added.
WATCH_ROOT = """
window.__root = {changes: [], metas: []};
new MutationObserver(records => {
  for (const r of records) {
    const scheme_meta = r.target.nodeName === 'META' && r.target.getAttribute('name') === 'color-scheme';
    if (r.type === 'attributes' && (r.target === document.documentElement || scheme_meta) && document.body
        && r.oldValue !== r.target.getAttribute(r.attributeName))
      window.__root.changes.push(`${r.target.nodeName.toLowerCase()} ${r.attributeName}: ${r.oldValue} -> ${r.target.getAttribute(r.attributeName)}`);
    for (const n of r.addedNodes || [])
      if (n.nodeName === 'META' && n.getAttribute('name') === 'color-scheme')
        window.__root.metas.push(document.body ? 'after <body>' : 'in <head>');
  }
}).observe(document, {subtree: true, childList: true, attributes: true, attributeOldValue: true});
"""
ROOT_STATE = """() => ({changes: window.__root.changes, metas: window.__root.metas,
  first: document.querySelector('meta[name=color-scheme]').content,
  header: getComputedStyle(document.querySelector('.md-header')).colorScheme,
  classes: document.documentElement.className})"""


def root_after_load(browser, site_server: str, screen: str) -> dict:
    context = browser.new_context(viewport=PHONE, color_scheme=screen)
    block_foreign_hosts(context, site_server)
    context.add_init_script(WATCH_ROOT)
    page = context.new_page()
    try:
        page.goto(site_server + "math/gradients/", wait_until="load")
        page.wait_for_timeout(LOADED)
        return page.evaluate(ROOT_STATE)
    finally:
        context.close()


@pytest.mark.parametrize("screen", ["light", "dark"])
def test_the_bundle_changes_nothing_on_the_root(browser, site_server: str, screen: str):
    """The head sets what the bundle would: nothing on <html> or in the colour-scheme meta changes once there is a body."""
    root = root_after_load(browser, site_server, screen)
    assert root["changes"] == [], f"<html> changed after <body> was parsed ({screen}): {root['changes']}"
    assert root["metas"] == ["in <head>"], root["metas"]
    assert root["first"] == root["header"] == ("dark" if screen == "dark" else "light"), root
    assert set(root["classes"].split()) == {"js", "js-focus-visible"}, root["classes"]


def test_without_the_head_script_the_bundle_changes_the_root(browser, built_site: Path, tmp_path: Path):
    with edited_site(built_site, tmp_path, {GRADIENTS: without_root_script}) as base_url:
        root = root_after_load(browser, base_url, "dark")
    assert any(change.startswith("html class: no-js ->") for change in root["changes"]), root
    assert root["metas"] == ["after <body>"], root


def test_each_markdown_table_gets_the_theme_scroll_wrapper_at_build_time():
    formula = (
        '<span class="katex"><span class="katex-mathml"><math><semantics><mi>W</mi>'
        '<annotation encoding="application/x-tex">W</annotation></semantics></math></span>'
        '<span class="katex-html" aria-hidden="true"><span class="mord">W</span></span></span>'
    )
    table = f"<table>\n<thead>\n<tr><th>name<br></th><th>layout of {formula}</th></tr>\n</thead>\n</table>"
    html = f'<p>a</p>\n{table}\n<table class="dataframe"><tr><td>2</td></tr></table>'
    assert host_tables(html) == (
        '<p>a</p>\n<div class="md-typeset__scrollwrap" tabindex="0" role="region" aria-label="Table: name, layout of W">'
        f'<div class="md-typeset__table">{table}</div></div>\n'
        '<table class="dataframe"><tr><td>2</td></tr></table>'
    )


# Each table's wrappers after load, and the tables the page took out of the document while loading.
WATCH_TABLES = """window.__moved = [];
new MutationObserver(records => {
  for (const r of records) for (const n of r.removedNodes) if (n.nodeName === 'TABLE') window.__moved.push(n.textContent.slice(0, 40));
}).observe(document, {subtree: true, childList: true});"""
TABLE_WRAPPERS = """() => [...document.querySelectorAll('.md-typeset table:not([class])')].map(t => {
  let wraps = 0; for (let e = t.parentElement; e; e = e.parentElement) if (e.classList.contains('md-typeset__scrollwrap')) wraps++;
  return wraps; })"""


TABLE_PAGES = ["math/notation-translator/", "reference/shapes/"]  # a table each


def tables_after_load(browser, base_url: str) -> tuple[list[int], list[str]]:
    context = browser.new_context(viewport=PHONE)
    block_foreign_hosts(context, base_url)
    context.add_init_script(WATCH_TABLES)
    page = context.new_page()
    wrappers, moved = [], []
    try:
        for path in TABLE_PAGES:
            page.goto(base_url + path, wait_until="load")
            wrappers += page.evaluate(TABLE_WRAPPERS)
            moved += page.evaluate("window.__moved")
        return wrappers, moved
    finally:
        context.close()


def test_no_table_moves_on_load_and_each_has_one_wrapper(browser, site_server: str):
    wrappers, moved = tables_after_load(browser, site_server)
    assert wrappers and set(wrappers) == {1} and moved == [], (wrappers, moved)


def without_edits(edits):
    """A built bundle with `edits` undone: the theme's code as shipped, in those places."""
    def undo(js: str) -> str:
        for old, new in edits:
            assert js.count(new) == 1
            js = js.replace(new, old)
        return js
    return undo


def test_without_the_table_edit_the_theme_moves_and_wraps_each_table_again(browser, built_site: Path, tmp_path: Path):
    (bundle,) = bundles(built_site)
    with edited_site(built_site, tmp_path, {bundle.relative_to(built_site).as_posix(): without_edits(BUNDLE_TABLE_EDITS)}) as base_url:
        wrappers, moved = tables_after_load(browser, base_url)
    tables = [text for text in moved if text]  # the theme also takes out the empty table it holds the place with
    assert set(wrappers) == {2} and len(tables) == len(TABLE_PAGES), (wrappers, moved)


# Each read of the viewport, or of queryCommandSupported, made while the theme's bundle is evaluated:
# each needs the page's style and layout, which then run inside the bundle's task.
WATCH_READS = """window.__reads = [];
const during = name => { const s = document.currentScript; if (s && /bundle\\.[0-9a-f]+\\.min\\.js$/.test(s.src)) window.__reads.push(name); };
for (const name of ['scrollX', 'scrollY', 'innerWidth', 'innerHeight']) {
  const d = Object.getOwnPropertyDescriptor(window, name);
  Object.defineProperty(window, name, {configurable: true, get() { during(name); return d.get.call(window); }});
}
const ask = Document.prototype.queryCommandSupported;
Document.prototype.queryCommandSupported = function (c) { during('queryCommandSupported'); return ask.call(this, c); };"""


def reads_while_the_bundle_runs(browser, base_url: str) -> list[str]:
    context = browser.new_context(viewport=PHONE)
    block_foreign_hosts(context, base_url)
    context.add_init_script(WATCH_READS)
    page = context.new_page()
    try:
        page.goto(base_url + "frameworks/other-frameworks/", wait_until="load")
        assert page.evaluate("typeof window.document$.subscribe") == "function"  # the bundle ran
        return page.evaluate("window.__reads")
    finally:
        context.close()


def test_the_bundle_reads_no_layout_while_it_is_evaluated(browser, site_server: str):
    assert reads_while_the_bundle_runs(browser, site_server) == []


def test_without_the_load_edits_the_bundle_reads_layout_while_it_is_evaluated(browser, built_site: Path, tmp_path: Path):
    (bundle,) = bundles(built_site)
    with edited_site(built_site, tmp_path, {bundle.relative_to(built_site).as_posix(): without_edits(BUNDLE_LOAD_EDITS)}) as base_url:
        reads = reads_while_the_bundle_runs(browser, base_url)
    assert {"scrollX", "innerWidth", "queryCommandSupported"} <= set(reads), reads


# content.lazy: the theme mounts a code block (its copy button, its tabindex) when it scrolls into view.
# What each code block has right after load, and after the last one is scrolled into view.
CODE_BLOCKS = """() => [...document.querySelectorAll('.md-typeset pre > code')].map(code => ({
  copy: !!code.parentElement.querySelector('.md-code__button'),
  scrolls: code.scrollWidth > code.clientWidth,
  focus: code.getAttribute('tabindex') === '0'}))"""

CODE_PAGE = "frameworks/other-frameworks/"  # 12 code blocks, most of them below the fold


def code_blocks_after_load(browser, base_url: str) -> tuple[list[dict], list[dict]]:
    context = browser.new_context(viewport=PHONE)
    block_foreign_hosts(context, base_url)
    page = context.new_page()
    try:
        page.goto(base_url + CODE_PAGE, wait_until="load")
        at_load = page.evaluate(CODE_BLOCKS)
        page.locator(".md-typeset pre > code").last.scroll_into_view_if_needed()
        page.locator(".md-typeset pre").last.locator(".md-code__button").wait_for(state="attached", timeout=5000)
        return at_load, page.evaluate(CODE_BLOCKS)
    finally:
        context.close()


def test_a_code_block_gets_its_copy_button_when_it_scrolls_into_view(browser, site_server: str):
    at_load, seen = code_blocks_after_load(browser, site_server)
    assert not at_load[-1]["copy"] and sum(block["copy"] for block in at_load) < len(at_load), at_load
    assert seen[-1]["copy"], seen


def test_every_code_block_that_scrolls_takes_keyboard_focus_at_load(browser, site_server: str):
    """axe's scrollable-region-focusable holds before the theme has mounted the blocks below the fold."""
    at_load, _ = code_blocks_after_load(browser, site_server)
    scrolling = [i for i, block in enumerate(at_load) if block["scrolls"]]
    assert scrolling and all(at_load[i]["focus"] for i in scrolling), at_load


def without_code_focus(script: str) -> str:
    """scroll-regions.js without its code-block step."""
    step = 'code.forEach(function (el) { el.setAttribute("tabindex", "0"); });'
    assert script.count(step) == 1
    return script.replace(step, "")


def test_without_the_script_a_code_block_below_the_fold_has_no_keyboard_focus(browser, built_site: Path, tmp_path: Path):
    with edited_site(built_site, tmp_path, {"assets/javascripts/scroll-regions.js": without_code_focus}) as base_url:
        at_load, _ = code_blocks_after_load(browser, base_url)
    assert any(block["scrolls"] and not block["focus"] for block in at_load), at_load
