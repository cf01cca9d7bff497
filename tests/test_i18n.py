"""The Chinese edition (mkdocs-static-i18n, hooks/i18n.py): every page in both languages, a language
switch to the same page, untranslated pages served in English with a notice, one search index per edition."""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path

import pytest
from conftest import ROOT, load_hook

hook = load_hook("i18n.py", "site_i18n_hook")
DOCS = ROOT / "docs"
NOTICE = "尚未翻译 / not yet translated"


def english_pages() -> list[Path]:
    """Every English page (.md and the notebook), relative to docs/."""
    pages = [p for p in DOCS.rglob("*.md") if not p.name.endswith(".zh.md")]
    pages += [p for p in DOCS.rglob("*.ipynb") if ".zh." not in p.name]
    return sorted(p.relative_to(DOCS) for p in pages)


def chinese_of(page: Path) -> Path:
    return DOCS / page.parent / f"{page.stem}.zh{page.suffix}"


def built(site: Path, page: Path, edition: str = "") -> Path:
    """The HTML file of docs/<page> in an edition ("" English, "zh")."""
    rel = page.with_suffix("")
    folder = site / edition / ("" if rel.name == "index" else rel)
    return (folder if rel.name != "index" else folder / rel.parent) / "index.html"


def test_every_page_is_built_in_both_editions(built_site: Path):
    for page in english_pages():
        for edition, lang in (("", "en"), ("zh", "zh")):
            html = built(built_site, page, edition)
            assert html.is_file(), f"{page} has no {edition or 'English'} page at {html.relative_to(built_site)}"
            assert f'<html lang="{lang}"' in html.read_text(encoding="utf-8"), html


def test_untranslated_pages_carry_the_notice_and_translated_ones_do_not(built_site: Path):
    untranslated = []
    for page in english_pages():
        zh = built(built_site, page, "zh").read_text(encoding="utf-8")
        en = built(built_site, page).read_text(encoding="utf-8")
        assert NOTICE not in en, f"the English {page} carries the notice"
        if chinese_of(page).exists():
            assert NOTICE not in zh, f"{chinese_of(page).relative_to(ROOT)} is translated but its page carries the notice"
        else:
            assert NOTICE in zh, f"zh/{page} is served in English without the notice"
            untranslated.append(str(page))
    if untranslated:
        # Not a failure: the edition is completed page by page (CONTRIBUTING.md, "Translations").
        warnings.warn(f"{len(untranslated)} pages are served in English in the Chinese edition: {', '.join(untranslated)}", stacklevel=1)


_ALTERNATE = re.compile(r'<a href="(?P<href>[^"]*)" hreflang="(?P<lang>[^"]*)" class="md-select__link">')


def test_every_page_switches_language_to_the_same_page(built_site: Path):
    for page in english_pages():
        for edition, other in (("", "zh"), ("zh", "")):
            html_file = built(built_site, page, edition)
            links = {m["lang"]: m["href"] for m in _ALTERNATE.finditer(html_file.read_text(encoding="utf-8"))}
            assert set(links) == {"en", "zh"}, f"{html_file.relative_to(built_site)}: language switch {links}"
            target = (html_file.parent / links[other or "en"]).resolve() / "index.html"
            assert target == built(built_site, page, other).resolve(), (
                f"{html_file.relative_to(built_site)}: the switch leads to {links[other or 'en']}, not the same page"
            )


def test_the_chinese_edition_speaks_chinese(built_site: Path):
    html = (built_site / "zh" / "index.html").read_text(encoding="utf-8")
    assert 'placeholder="搜索"' in html, "Material's search box is not in Chinese"
    assert "一页答案" in html, "the nav titles are not translated (nav_translations)"


def test_each_edition_has_its_own_search_index(built_site: Path):
    english = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    chinese = json.loads((built_site / "zh" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert english["docs"] and chinese["docs"]
    assert not [d["location"] for d in english["docs"] if d["location"].startswith("zh/")]
    assert all(d["location"].startswith("zh/") for d in chinese["docs"])
    translated = {chinese_of(p) for p in english_pages() if chinese_of(p).exists()}
    indexed = {d["location"].split("#")[0] for d in chinese["docs"]}
    for zh in translated:
        rel = zh.relative_to(DOCS)
        url = "zh/" + ("" if rel.stem == "index.zh" else f"{rel.parent / rel.name.split('.')[0]}/".lstrip("./"))
        assert url in indexed, f"{zh.relative_to(ROOT)} is not in the Chinese search index"
    assert indexed <= {"zh/"} | {
        "zh/" + str(p.with_suffix("")).removesuffix("/index") + "/" for p in english_pages()
    }, "an untranslated page is in the Chinese index"
    # Chinese text is cut into words with zero-width spaces (jieba), which the separator splits on
    home = next(d for d in chinese["docs"] if d["location"] == "zh/#the-short-answer")
    assert "\u200b" in home["text"]
    assert re.fullmatch(english["config"]["separator"], "\u200b")


def test_split_search_index_moves_each_edition(tmp_path: Path):
    (tmp_path / "search").mkdir()
    docs = [{"location": "", "title": "a", "text": ""}, {"location": "zh/x/", "title": "b", "text": ""}]
    (tmp_path / "search" / "search_index.json").write_text(json.dumps({"config": {}, "docs": docs}))
    assert hook.split_search_index(tmp_path, ["zh"]) == {"zh": 1, "": 1}
    assert json.loads((tmp_path / "zh" / "search" / "search_index.json").read_text())["docs"] == docs[1:]
    assert json.loads((tmp_path / "search" / "search_index.json").read_text())["docs"] == docs[:1]


@pytest.mark.parametrize("markdown", ["# Title\n\ntext\n", "no title\n"])
def test_the_notice_goes_under_the_title(markdown: str):
    out = hook.add_notice(markdown)
    assert NOTICE in out
    if markdown.startswith("# "):
        assert out.startswith("# Title\n\n!!! warning")


STOP_WORDS_JS = ROOT / "overrides" / "partials" / "search-stop-words.js"


def rewritten(queries: list[str]) -> list[str]:
    """What overrides/partials/search-stop-words.js hands Material's search worker for each query (in Node)."""
    import subprocess

    script = (
        "const sent = []; globalThis.Worker = function () {};"
        "Worker.prototype.postMessage = function (m) { sent.push(m.data); };"
        + STOP_WORDS_JS.read_text(encoding="utf-8")
        + f";for (const q of {json.dumps(queries, ensure_ascii=False)}) new Worker().postMessage({{type: 2, data: q}});"
        "console.log(JSON.stringify(sent));"
    )
    run = subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True)
    return json.loads(run.stdout)


def test_the_stop_word_filter_leaves_chinese_queries_alone():
    chinese = ["为什么 转置", "行", "权重 形状", "偏置", "矩阵乘法 形状", "行 列"]
    assert rewritten(chinese) == chinese
    # the English rules still apply in a mixed query: stop words dropped, one-letter words exact
    assert rewritten(["why nn.Linear 为什么", "3-D 输入"]) == ["nn.Linear 为什么", "3^1 D^1 输入"]


def test_no_page_head_carries_hreflang_links_but_the_sitemap_does(built_site: Path):
    """Material fetches sitemap.xml under each head hreflang link (a 404 under a page); the sitemap has them."""
    for html in built_site.rglob("*.html"):
        head = html.read_text(encoding="utf-8").partition("</head>")[0]
        assert '<link rel="alternate" href=' not in head, html.relative_to(built_site)
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert 'hreflang="zh" href="https://linear-layout.github.io/linear-layout/zh/faq/"' in sitemap


def test_drop_head_alternates_keeps_the_body():
    html = ('<head>\n  <link rel="alternate" href="../zh/faq/" hreflang="zh">\n</head>'
            '<body><link rel="alternate" href="x" hreflang="en"></body>')
    assert hook.drop_head_alternates(html) == '<head>\n</head><body><link rel="alternate" href="x" hreflang="en"></body>'


def test_the_404_page_switches_to_each_edition_home(built_site: Path):
    links = {m["lang"]: m["href"] for m in _ALTERNATE.finditer((built_site / "404.html").read_text(encoding="utf-8"))}
    assert links == {"en": "/linear-layout/", "zh": "/linear-layout/zh/"}
    assert '<html lang="en"' in (built_site / "404.html").read_text(encoding="utf-8"), "the Chinese build overwrote 404.html"


def test_the_chinese_notebook_shows_no_heading_id_and_keeps_the_english_ids(built_site: Path):
    notebook = Path("notebooks/01-shape-by-shape.ipynb")
    zh = built(built_site, notebook, "zh").read_text(encoding="utf-8")
    en = built(built_site, notebook).read_text(encoding="utf-8")
    assert "{#" not in zh, "a {#id} of a Chinese notebook heading is shown as text"
    heading_ids = re.compile(r'<h[1-6] id="([^"]+)"')
    english_ids = heading_ids.findall(en)
    assert english_ids and heading_ids.findall(zh) == english_ids
    for anchor in english_ids[1:]:  # the H1 is not in the table of contents
        assert f'href="#{anchor}" class="md-nav__link"' in zh, f"the table of contents has no entry #{anchor}"
    assert re.search(r"<title>逐个形状 - ", zh), "the page title keeps its {#id}"


def _serve_config(monkeypatch, search: str):
    """mkdocs.yml loaded as `make serve` loads it, with DOCS_SEARCH set, and every plugin's on_config run."""
    from mkdocs.config import load_config

    monkeypatch.setenv("DOCS_SEARCH", search)
    config = load_config(str(ROOT / "mkdocs.yml"))
    return config, config.plugins["i18n"]


def test_search_switched_off_leaves_the_site_without_the_search_plugin(monkeypatch):
    """DOCS_SEARCH=false (make serve): mkdocs-static-i18n reads the index a disabled search plugin never made.

    Without the hook's on_config, its post-build step fails with AttributeError ('SearchPlugin' object
    has no attribute 'search_index'); with it, the plugin is gone, so the header shows no search box either.
    """
    config, i18n = _serve_config(monkeypatch, "false")
    with pytest.raises(AttributeError, match="search_index"):
        i18n.reconfigure_search_index(config)  # the crash `make serve` had
    hook.on_config(config)
    assert "material/search" not in config.plugins
    i18n.reconfigure_search_index(config)  # nothing left to read: no error

    config, _ = _serve_config(monkeypatch, "true")
    hook.on_config(config)
    assert "material/search" in config.plugins, "search on (the built site) keeps the plugin"
