"""The built site in a real browser: offline, error-free, math rendered, both colour schemes, search, links, axe.

Every page is opened once per colour scheme (one Chromium, one context per scheme) and every
per-page check runs during that one visit; the tests below each report one kind of problem
over all pages. The tests at the end feed the same checks a bad site kept under
tests/bad_sites/browser/ and assert that each problem is reported.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browser_support import (
    DOCS,
    PHONE,
    SCHEMES,
    VIEWPORT,
    block_foreign_hosts,
    broken_links,
    diagram_label_problems,
    diagram_labels,
    page_source,
    raw_math,
    scheme_image_problems,
    search_results,
    serve,
    site_pages,
    source_has_math,
    tour,
    wait_for_search_ready,
)

BAD_SITE = Path(__file__).parent / "bad_sites" / "browser"

# Real questions a reader types, and the page that must be among the first three results.
# Checked against the pages' text; when a page is rewritten, adjust its row here.
SEARCHES = [
    ("empty batch", "reference/shapes/"),
    ("leading dimensions", "reference/shapes/"),
    ("addmm", "internals/how-pytorch-computes-it/"),
    ("fan_in", "background/initialisation/"),
    ("mat1 and mat2 shapes cannot be multiplied", "errors/reading-error-messages/"),
    ("kaiming", "background/initialisation/"),
    ("Keras 3 Dense", "frameworks/other-frameworks/"),
    ("ONNX Gemm", "frameworks/other-frameworks/"),
    ("tie embeddings", "frameworks/weight-tying/"),
    ("FLOPs", "reference/parameters-and-flops/"),
    ("Torch7", "background/history/"),
    ("column vectors", "errors/myths/"),
    ("transpose slow", "internals/is-the-transpose-slow/"),
    ("einsum", "math/equivalent-forms/"),
    # Questions as a reader types them.
    ("is the transpose slow", "internals/is-the-transpose-slow/"),
    # the transposes page answers it first: every transpose of the weight is a view, no copy
    ("does the transpose copy memory", "reference/transposes/"),
    ("how do I port Keras weights", "frameworks/porting-weights/"),
    ("what is fan_in", "background/initialisation/"),
    ("why kaiming uniform sqrt 5", "background/initialisation/"),
    ("how many parameters does a linear layer have", "reference/parameters-and-flops/"),
    ("what shape is weight.grad", "faq/"),
    ("why do textbooks write Wx", "math/rows-vs-columns/"),
    ("what does addmm do", "internals/how-pytorch-computes-it/"),
    ("what does mat1 and mat2 shapes cannot be multiplied mean", "faq/"),
    ("how does a 3-D input work", "faq/"),
    ("where does the layout come from", "background/history/"),
]

# Plain-language questions whose best answer is the home page's short answer: it must come first.
HOME_FIRST = [
    "why is the weight transposed",
    "why [out, in]",
    "why is the weight [out, in]",
    "row vector",
    "bias shape",
    "why does nn.Linear transpose the weight",
    "why is weight shape 30 20",
    "what is the shape of the bias",
    "is x a row or a column",
]


# The Chinese edition (zh/): its own index, Chinese cut into words by jieba at build time.
# Each query with the Chinese page that must be among the first three results.
ZH_SEARCHES = [
    ("权重 形状", "zh/"),
    ("为什么 转置", "zh/"),
    ("偏置", "zh/faq/"),
    ("批量 输入", "zh/"),
    ("mat1 and mat2 报错", "zh/faq/"),
    ("行向量", "zh/"),
    ("列向量", "zh/errors/myths/"),
    ("矩阵乘法 形状", "zh/"),
    ("权重 转置", "zh/"),
    ("nn.Linear 为什么", "zh/"),
    ("梯度 形状", "zh/math/gradients/"),
    ("扇入", "zh/background/initialisation/"),
    ("嵌入 共享", "zh/faq/"),
    ("参数 FLOPs", "zh/faq/"),
    ("Keras 权重", "zh/faq/"),
    ("1×1 卷积", "zh/faq/"),
    ("教材 记号", "zh/faq/"),
    ("三维 输入", "zh/faq/"),
    ("视图 复制", "zh/"),
    ("样本 特征", "zh/"),
    ("LazyLinear", "zh/faq/"),
    ("fan_in 初始化", "zh/faq/"),
    ("行优先 内存布局", "zh/math/rows-vs-columns/"),
    ("转置 慢", "zh/internals/is-the-transpose-slow/"),
    ("报错信息 mat1", "zh/errors/reading-error-messages/"),
    ("误区 列向量", "zh/errors/myths/"),
    ("权重共享 嵌入", "zh/frameworks/weight-tying/"),
    ("移植 权重 Keras", "zh/frameworks/porting-weights/"),
    ("前导维度 形状", "zh/reference/shapes/"),
    ("参数量 FLOPs", "zh/reference/parameters-and-flops/"),
    ("梯度 公式", "zh/math/gradients/"),
    ("Torch7 历史", "zh/background/history/"),
    ("einsum 等价", "zh/math/equivalent-forms/"),
    # typed without spaces, as readers usually type Chinese: Material splits Han text by the index's words
    ("为什么转置", "zh/"),
    ("权重转置", "zh/"),
    ("偏置形状", "zh/faq/"),
]
# Questions whose best answer is the Chinese home page's short answer: it must come first.
ZH_HOME_FIRST = ["权重 为什么 是 out in", "行向量", "为什么 转置"]


def report(problems: list[str]) -> str:
    return f"{len(problems)} problem(s):\n" + "\n".join(problems)


@pytest.fixture(scope="module")
def pages(built_site: Path) -> list[str]:
    """The English edition's pages (the Chinese edition's have their own tour, zh_problems)."""
    found = [path for path in site_pages(built_site) if not path.startswith("zh/")]
    sources = [p for p in DOCS.rglob("*") if p.suffix in (".md", ".ipynb") and ".zh." not in p.name]
    assert len(found) >= len(sources), f"{len(found)} built pages for {len(sources)} sources: {found}"
    return found


@pytest.fixture(scope="module")
def zh_pages(built_site: Path, pages: list[str]) -> list[str]:
    found = [path for path in site_pages(built_site) if path.startswith("zh/")]
    assert sorted(found) == sorted("zh/" + path for path in pages), "the editions do not have the same pages"
    return found


def zh_source(path: str) -> Path | None:
    """The Chinese source of zh/<path>, else the English page it falls back to."""
    english = page_source(path.removeprefix("zh/"))
    if english is None:
        return None
    chinese = english.with_name(f"{english.stem}.zh{english.suffix}")
    return chinese if chinese.is_file() else english


@pytest.fixture(scope="module")
def zh_problems(browser, site_server: str, zh_pages: list[str]) -> dict[str, list[str]]:
    """Every page of the Chinese edition once, light scheme at 1280 px, with every per-page check
    (the colour schemes and the phone width are the English tour's: the page frame is the same)."""
    return tour(browser, site_server, zh_pages, lambda path: source_has_math(zh_source(path)), schemes=("light",))


@pytest.mark.parametrize("category", ["foreign", "failed", "console", "math", "images", "axe", "layout"])
def test_the_chinese_edition_passes_every_page_check(zh_problems, category: str):
    assert not zh_problems[category], report(zh_problems[category])


def test_the_language_switch_leads_to_the_same_page(browser, site_server: str, pages: list[str]):
    """Clicking the other language in the header, on every page of both editions, opens the same page."""
    context = browser.new_context(viewport=VIEWPORT, color_scheme="light")
    block_foreign_hosts(context, site_server)
    page = context.new_page()
    wrong = []
    try:
        for path in pages:
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
def problems(browser, site_server: str, pages: list[str]) -> dict[str, list[str]]:
    """Every page, light then dark, with every per-page check."""
    return tour(browser, site_server, pages, lambda path: source_has_math(page_source(path)))


@pytest.fixture(scope="module")
def phone_problems(browser, site_server: str, pages: list[str]) -> dict[str, list[str]]:
    """Every page at 412 px, light then dark: layout and axe (the other checks do not depend on the width)."""
    return tour(browser, site_server, pages, lambda path: source_has_math(page_source(path)), viewport=PHONE)


def test_no_page_scrolls_sideways_and_code_fits_at_1280(problems):
    assert not problems["layout"], report(problems["layout"])


def test_no_page_scrolls_sideways_on_a_phone(phone_problems):
    assert not phone_problems["layout"], report(phone_problems["layout"])


def test_accessibility_on_a_phone(phone_problems):
    """axe-core at 412 px: formulas and tables that scroll take keyboard focus (scrollable-region-focusable)."""
    assert not phone_problems["axe"], report(phone_problems["axe"])


def test_a_wide_table_keeps_its_key_column_in_view_on_a_phone(browser, site_server: str):
    """The frameworks table scrolls inside its wrapper, with its first column (the library) held at the left."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(site_server + "frameworks/other-frameworks/", wait_until="load")
        wrap = page.locator(".md-typeset__scrollwrap").first
        assert wrap.get_attribute("tabindex") == "0" and wrap.get_attribute("aria-label").startswith("Table: Library")
        assert wrap.evaluate("el => el.scrollWidth > el.clientWidth"), "the table fits: the check proves nothing"
        wrap.evaluate("el => { el.scrollLeft = el.scrollWidth; }")
        key = wrap.locator("tbody tr td:first-child").first.bounding_box()
        left = wrap.bounding_box()["x"]
        assert abs(key["x"] - left) < 2, f"the key column scrolled away: its left edge is at {key['x']}, the table's at {left}"
    finally:
        context.close()


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
    from urllib.parse import urlsplit

    from browser_support import axe_problems

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
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)  # !ENV and friends
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)["site_url"]


def diagram_pages(built_site: Path) -> list[str]:
    return [path for path in site_pages(built_site) if "assets/diagrams/" in (built_site / path / "index.html").read_text()]


@pytest.mark.parametrize("width", [360, 412, 1280])
def test_diagram_labels_are_at_least_11_px(browser, site_server: str, built_site: Path, width: int):
    """Every label of every diagram on every page, light and dark, as drawn: SVG font-size times the image's scale.
    On phones (the narrow drawings) and at 1280 px, where a drawing wider than the column is shrunk to it."""
    found, seen = [], 0
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme)
        page = context.new_page()
        try:
            for path in diagram_pages(built_site):
                page.goto(site_server + path, wait_until="load")
                seen += len(diagram_labels(page))
                found += diagram_label_problems(page, f"/{path} [{scheme}]", width)
        finally:
            context.close()
    assert seen >= 2 * 6, f"only {seen} diagrams were measured: the check proves nothing"
    assert not found, report(found)


@pytest.mark.parametrize("viewport", [PHONE, VIEWPORT], ids=["phone", "desktop"])
def test_the_lightbox_zooms_a_diagram(browser, site_server: str, viewport):
    """Opened, a diagram is wider than on the page: at its intrinsic 2x on a phone (a finger scrolls it),
    and on a desktop first fitted to the window, then at 2x after a click (glightbox's zoom)."""
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    try:
        page.goto(site_server + "math/gradients/", wait_until="load")
        link = page.locator("a.glightbox:visible").first
        inline = link.locator("img").bounding_box()["width"]
        link.click()
        img = page.locator(".gslide.current .gslide-image img")
        img.wait_for(state="visible")
        page.wait_for_function("() => document.querySelector('.gslide.current .gslide-image img').complete")
        page.wait_for_timeout(600)  # glightbox's opening effect
        natural = img.evaluate("i => i.naturalWidth")
        if viewport["width"] < 600:
            assert "-narrow-" in img.get_attribute("src"), "a phone's lightbox should open the narrow drawing"
            assert img.bounding_box()["width"] >= 2 * inline - 1, f"lightbox {img.bounding_box()['width']} px vs inline {inline} px"
            moved = img.evaluate("i => { const box = i.parentElement; box.scrollTop = box.scrollLeft = 100; return [box.scrollLeft, box.scrollTop]; }")
            assert moved == [100, 100], f"the zoomed drawing does not scroll: {moved}"
        else:
            assert img.bounding_box()["width"] > inline, f"lightbox {img.bounding_box()['width']} px vs inline {inline} px"
            img.click()
            page.wait_for_timeout(600)
            assert natural >= 2 * inline - 1 and abs(img.bounding_box()["width"] - natural) < 1, "a click did not zoom to 2x"
    finally:
        context.close()


def test_bad_site_small_diagram_labels_are_reported(browser):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        with serve(BAD_SITE) as base_url:
            page.goto(base_url + "tiny-labels.html", wait_until="load")
            found = diagram_label_problems(page, "/tiny-labels.html [light]", PHONE["width"])
    finally:
        context.close()
    assert found == [
        "/tiny-labels.html [light]: tiny-labels.svg is shown 300 px wide at a 412 px viewport, so 1 label(s) are "
        "under 11 px (squeezed '[128, 20]' 4.3 px); give it a narrow drawing (hooks/diagrams.py DIAGRAMS) or larger text"
    ]


NOTEBOOK_PAGE = "notebooks/01-shape-by-shape/"

# Where each visual line of every code and output <pre> starts: a line that starts inside a word
# (its first character and the one before it both non-blank) was broken mid-word.
_MID_WORD_BREAKS_JS = """() => {
  const found = [];
  for (const pre of document.querySelectorAll('.jupyter-wrapper pre')) {
    const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
    const chars = [];
    while (walker.nextNode()) {
      const node = walker.currentNode;
      for (let i = 0; i < node.length; i++) chars.push([node, i]);
    }
    let lastTop = null;
    for (let k = 0; k < chars.length; k++) {
      const [node, i] = chars[k];
      const ch = node.data[i];
      if (ch === '\\n') { lastTop = null; continue; }
      const range = document.createRange();
      range.setStart(node, i); range.setEnd(node, i + 1);
      const rect = range.getClientRects()[0];
      if (!rect) continue;
      if (lastTop !== null && rect.top > lastTop + 2 && k > 0) {
        const prev = chars[k - 1][0].data[chars[k - 1][1]];
        if (!/\\s/.test(prev) && !/\\s/.test(ch)) {
          const line = pre.textContent.split('\\n').find(l => l.includes(prev + ch)) || '';
          found.push(`${JSON.stringify(line.trim().slice(0, 60))} breaks between ${JSON.stringify(prev)} and ${JSON.stringify(ch)}`);
        }
      }
      lastTop = rect.top;
    }
  }
  return found;
}"""


@pytest.fixture(scope="module")
def notebook_on_a_phone(browser, site_server: str):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(site_server + NOTEBOOK_PAGE, wait_until="load")
    yield page
    context.close()


def test_notebook_code_uses_the_full_column_on_a_phone(notebook_on_a_phone):
    widths = notebook_on_a_phone.evaluate(
        """() => ({column: document.querySelector('.md-content__inner').getBoundingClientRect().width,
                   code: [...document.querySelectorAll('.jp-CodeCell .highlight-ipynb pre')].map(p => p.getBoundingClientRect().width)})"""
    )
    assert len(widths["code"]) >= 5, widths
    narrow = [w for w in widths["code"] if w < widths["column"] - 1]
    assert not narrow, f"code cells {narrow} px wide in a {widths['column']} px column at 412 px"


def test_notebook_code_wraps_at_spaces_on_a_phone(notebook_on_a_phone):
    assert not (found := notebook_on_a_phone.evaluate(_MID_WORD_BREAKS_JS)), report(found)


def test_notebook_shows_each_result_once(notebook_on_a_phone):
    """Each #> line is on the page once, in its cell's code; no output area repeats it."""
    seen = notebook_on_a_phone.evaluate(
        """() => ({echoes: [...document.querySelectorAll('.jp-CodeCell .highlight-ipynb pre')]
                       .flatMap(p => p.textContent.split('\\n')).filter(l => l.trim().startsWith('#>')).length,
                   outputs: [...document.querySelectorAll('.jp-OutputArea-output')].filter(o => o.checkVisibility())
                       .map(o => o.textContent.trim())})"""
    )
    assert seen["echoes"] >= 10, seen
    assert seen["outputs"] == [], f"outputs shown beside their #> lines: {seen['outputs']}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_notebook_code_has_the_site_code_colours(browser, site_server: str, scheme: str):
    context = browser.new_context(viewport=PHONE, color_scheme=scheme)
    page = context.new_page()
    try:
        page.goto(site_server + NOTEBOOK_PAGE, wait_until="load")
        pairs = page.evaluate(
            """() => {
              const probe = document.createElement('span');
              document.querySelector('.md-content').appendChild(probe);
              const want = v => { probe.style.color = `var(${v})`; return getComputedStyle(probe).color; };
              const got = (sel, prop = 'color') => { const e = document.querySelector(`.jupyter-wrapper .highlight-ipynb ${sel}`);
                                                    return e ? getComputedStyle(e)[prop] : null; };
              const bg = () => { probe.style.backgroundColor = 'var(--md-code-bg-color)'; return getComputedStyle(probe).backgroundColor; };
              return {keyword: [got('.kn'), want('--md-code-hl-keyword-color')],
                      comment: [got('.c1'), want('--md-code-hl-comment-color')],
                      number: [got('.mi'), want('--md-code-hl-number-color')],
                      text: [got('pre'), want('--md-code-fg-color')],
                      background: [got('pre', 'backgroundColor'), bg()]};
            }"""
        )
    finally:
        context.close()
    wrong = {name: pair for name, pair in pairs.items() if pair[0] != pair[1]}
    assert not wrong, f"notebook code colours differ from the site's code blocks ({scheme}): {wrong}"


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
def search_page(browser, site_server: str):
    context = browser.new_context(viewport=VIEWPORT, color_scheme="light")
    block_foreign_hosts(context, site_server)
    page = context.new_page()
    page.goto(site_server, wait_until="load")
    page.locator("input.md-search__input").focus()  # the index is fetched when search is reached for
    wait_for_search_ready(page)
    yield page
    context.close()


@pytest.mark.parametrize(("query", "expected"), SEARCHES, ids=[query for query, _ in SEARCHES])
def test_search_finds_the_page(search_page, site_server: str, query: str, expected: str):
    results = search_results(search_page, query)
    top = [path.lstrip("/") for path in results[:3]]
    assert expected in top, f"search {query!r}: expected /{expected} among the first three, got {results[:5]}"


@pytest.mark.parametrize("query", HOME_FIRST)
def test_search_ranks_the_short_answer_first(search_page, query: str):
    results = search_results(search_page, query)
    assert results[0] == "/", f"search {query!r}: expected the home page first, got {results[:5]}"


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


def test_english_search_lists_no_chinese_page(search_page):
    for query in ("nn.Linear", "weight shape", "bias"):
        results = search_results(search_page, query)
        assert not [path for path in results if path.startswith("/zh/")], f"{query!r}: {results}"


def test_search_ignores_stop_words_unless_nothing_else_is_typed(search_page):
    # Material makes every word a prefix, so "do" matched "Double" in a heading and outranked
    # every page about the words that matter (overrides/partials/search-stop-words.js).
    with_stop_words = search_results(search_page, "why do textbooks write Wx")
    assert with_stop_words[:3] == search_results(search_page, "textbooks write Wx")[:3]
    assert with_stop_words[0] == "/math/rows-vs-columns/", with_stop_words[:5]
    assert search_results(search_page, "do"), "a query of stop words only must still search as typed"
    # "3-D" splits into "3" and "D"; as a prefix, "D*" matched dtype, device and Double everywhere
    assert search_results(search_page, "3-D input")[0] == "/faq/"


def test_search_previews_show_prose_not_code(search_page):
    search_results(search_page, "addmm")
    shown = search_page.eval_on_selector_all(
        ".md-search-result__item pre", "blocks => blocks.filter(b => b.checkVisibility()).length"
    )
    assert search_page.locator(".md-search-result__item pre").count() > 0, "no result holds a code block: the check proves nothing"
    assert shown == 0, f"{shown} code blocks shown in search previews"


@pytest.fixture
def watched_tab(browser, site_server: str):
    """A fresh tab, and the list of its requests for the search index as they happen."""
    context = browser.new_context(viewport=VIEWPORT, color_scheme="light")
    block_foreign_hosts(context, site_server)
    seen: list[str] = []
    context.on("request", lambda request: seen.append(request.url) if request.url.endswith("/search/search_index.json") else None)
    yield context.new_page(), seen
    context.close()


def test_search_index_waits_until_the_reader_searches(watched_tab, site_server: str):
    """A page load does not fetch the site-wide index; Material's "/" shortcut does, and search then works."""
    page, seen = watched_tab
    page.goto(site_server + "math/rows-vs-columns/", wait_until="networkidle")
    page.wait_for_timeout(500)
    assert seen == [], f"the search index was fetched before anyone searched: {seen}"
    page.locator("body").press("/")
    wait_for_search_ready(page)
    assert len(seen) == 1, seen
    assert "internals/how-pytorch-computes-it/" in [p.lstrip("/") for p in search_results(page, "addmm")[:3]]


def test_search_highlight_from_a_result_loads_the_index(watched_tab, site_server: str):
    """A page opened from a search result (?h=...) fetches the index and marks the query on the page."""
    page, seen = watched_tab
    page.goto(site_server + "internals/how-pytorch-computes-it/?h=addmm", wait_until="load")
    page.locator(".md-content mark").first.wait_for(timeout=15_000)
    assert len(seen) == 1, seen
    assert page.locator(".md-content mark").first.inner_text().lower() == "addmm"


# ---------------------------------------------------------------- the checks catch a bad site


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


ROOT = Path(__file__).resolve().parent.parent


# ---------------------------------------------------------------- each FAQ question is found by its key words

# The words a reader would type for each `##` question of docs/faq.md, in the page's order.
FAQ_QUERIES = [
    "why weight shape 30 20",
    "Wx + b or xWᵀ + b",
    "transpose wasteful faster",
    "mat1 and mat2 shapes cannot be multiplied",
    "3-D input which dimension",
    "copy Keras weights into PyTorch",
    "GPT-2 Conv1D transposed",
    "default initialisation kaiming_uniform sqrt(5)",
    "fan_in dimension",
    "weight.grad shape",
    "tie embedding output projection",
    "1×1 convolution",
    "parameters and FLOPs",
    "textbook notation Goodfellow",
    "bias shape bias=False",
]


def faq_questions() -> list[tuple[str, set[str]]]:
    """Each FAQ question with the pages that answer it: the FAQ itself and the pages its answer links to."""
    text = (ROOT / "docs" / "faq.md").read_text(encoding="utf-8")
    sections = re.split(r"^## ", text, flags=re.M)[1:]
    questions = []
    for section in sections:
        heading, _, body = section.partition("\n")
        if heading.strip() == "Summary":
            continue
        links = re.findall(r"\]\(([\w./-]+?)\.(?:md|ipynb)(?:#[\w-]*)?\)", body)
        pages = {"faq/"} | {("" if link == "index" else link + "/") for link in links}
        questions.append((heading.strip(), pages))
    return questions


def test_every_faq_question_has_search_words():
    assert len(FAQ_QUERIES) == len(faq_questions()), "give FAQ_QUERIES one query per FAQ question, in order"


@pytest.mark.parametrize("number", range(len(FAQ_QUERIES)), ids=FAQ_QUERIES)
def test_faq_key_words_find_the_answer(search_page, number: int):
    question, answers = faq_questions()[number]
    results = [path.lstrip("/") for path in search_results(search_page, FAQ_QUERIES[number])[:3]]
    assert answers & set(results), f"{question!r}: searching {FAQ_QUERIES[number]!r} gave {results}, expected one of {sorted(answers)}"


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
