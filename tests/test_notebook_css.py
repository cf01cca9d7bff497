"""hooks/notebook_css.py: a notebook page keeps only the JupyterLab CSS its cells use, and looks the same."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import ROOT, load_hook, mkdocs_build, one_page_site

from sitebrowser import serve, settled_screenshot
from sitebuild import config as site_config

hook = load_hook("notebook_css.py", "site_notebook_css_hook")

NOTEBOOK = "notebooks/01-shape-by-shape.ipynb"
PAGE = "01-shape-by-shape/"  # its URL when built alone
HOOK = "hooks/notebook_css.py"
VIEWS = [("light", 1280), ("dark", 1280), ("light", 412)]  # colour scheme, viewport width


def test_used_rules_stay_and_a_custom_property_read_in_another_style_element_is_kept():
    page = '<div class="jp-Cell jp-mod-used"><pre>x</pre></div>'
    sheets = [
        ".w{--jp-used: red;--jp-unused: blue}",
        ".jp-mod-used{color:var(--jp-used)}.jp-Widget-unused{color:green}pre{margin:0}table{border:0}",
    ]
    reply = hook.run_purgecss(page, sheets)
    assert reply["merged"] == [0, 1] and reply["skipped"] == {}
    kept = reply["css"]
    for needed in (".jp-mod-used", "--jp-used", "pre{"):
        assert needed in kept.replace(" ", ""), kept
    for unused in ("jp-Widget-unused", "--jp-unused", "table"):
        assert unused not in kept, kept


def test_only_the_articles_styles_change_and_one_that_does_not_parse_is_left_as_it_was():
    page = (
        "<html><head><style>.md-theme{color:red}</style></head><body><article>"
        '<style type="text/css">.jp-a{color:red}.jp-gone{color:blue}</style>\n'
        '<div class="jp-a">a</div>'
        "<style>['pre { line-height: 125%; }']</style>\n"
        '<style>.jp-b{color:green}</style>\n<div class="jp-b">b</div>'
        "</article></body></html>"
    )
    out, before, after = hook.slim_styles(page)
    assert "<style>.md-theme{color:red}</style>" in out, "the theme's head styles are not touched"
    assert "<style>['pre { line-height: 125%; }']</style>" in out, "a style PurgeCSS cannot parse stays"
    assert "jp-gone" not in out
    styles = re.findall(r"<style>(.*?)</style>", out.split("<article>")[1], re.S)
    assert len(styles) == 2, styles  # the merged one, in place of the first, and the unparsable one
    assert ".jp-a" in styles[0] and ".jp-b" in styles[0]
    assert before > after > 0


def test_pages_other_than_notebooks_are_returned_as_they_are():
    page = SimpleNamespace(file=SimpleNamespace(src_uri="math/page.md"))
    html = '<article><style>.unused{color:red}</style><p>x</p></article>'
    assert hook.on_post_page(html, page=page, config=None) == html


def test_without_purgecss_the_build_fails_naming_the_page(monkeypatch, tmp_path):
    from mkdocs.exceptions import PluginError

    monkeypatch.setattr(hook, "ROOT", tmp_path)  # a checkout where `npm ci` has not run
    page = SimpleNamespace(file=SimpleNamespace(src_uri="notebooks/new.ipynb"))
    with pytest.raises(PluginError, match=r"^notebook CSS, page 'notebooks/new\.ipynb': node_modules/purgecss is missing"):
        hook.on_post_page("<article><style>.a{}</style></article>", page=page, config=None)


def notebook_sites(folder: Path) -> tuple[Path, Path]:
    """The real notebook built alone with the real configuration, with the hook and without it.

    Both builds run in one folder.
    """
    config = one_page_site(folder, ROOT / "docs" / NOTEBOOK)
    listed = site_config.hooks()
    assert listed.count(HOOK) == 1, "mkdocs.yml lists hooks/notebook_css.py once"
    shipped_config = site_config.variant(
        folder / "mkdocs-as-shipped.yml", base=config, hooks=[hook for hook in listed if hook != HOOK]
    )
    sites = []
    for name, path in (("purged", config), ("as-shipped", shipped_config)):
        result = mkdocs_build(path, folder / name, cwd=folder)
        assert result.returncode == 0, result.stderr[-3000:]
        sites.append(folder / name)
    return sites[0], sites[1]


def screenshots(browser, site: Path, views=VIEWS) -> list[bytes]:
    shots = []
    with serve(site) as base:
        for scheme, width in views:
            context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
            page = context.new_page()
            page.goto(base + PAGE, wait_until="networkidle")
            shots.append(settled_screenshot(page))
            context.close()
    return shots


def differing_views(browser, purged: Path, shipped: Path, shipped_shots: list[bytes], folder: Path) -> list[str]:
    """The views in which the purged page and the shipped page differ, each shot again once.

    A view that differs is shot again on both builds, so a render caught before it settled does not
    count as a difference; what still differs is saved as two PNG files named in the problem.
    """
    problems = []
    for view, a, b in zip(VIEWS, screenshots(browser, purged), shipped_shots, strict=True):
        if a == b:
            continue
        (a,), (b,) = screenshots(browser, purged, [view]), screenshots(browser, shipped, [view])
        if a != b:
            scheme, width = view
            saved = [folder / f"{name}-{scheme}-{width}.png" for name in ("purged", "as-shipped")]
            saved[0].write_bytes(a)
            saved[1].write_bytes(b)
            problems.append(f"{scheme} scheme, {width} px wide: compare {saved[0]} with {saved[1]}")
    return problems


@pytest.fixture(scope="module")
def both_builds(tmp_path_factory) -> tuple[Path, Path]:
    return notebook_sites(tmp_path_factory.mktemp("notebook-css"))


@pytest.fixture(scope="module")
def shipped_shots(browser, both_builds) -> list[bytes]:
    """The page as mkdocs-jupyter ships it, in every view."""
    return screenshots(browser, both_builds[1])


def test_the_notebook_page_carries_a_fraction_of_the_css(both_builds):
    purged, shipped = (site / PAGE / "index.html" for site in both_builds)
    small, large = purged.stat().st_size, shipped.stat().st_size
    assert small < large / 4, f"{small} bytes with the hook, {large} without"


def test_the_notebook_page_looks_the_same(browser, both_builds, shipped_shots, tmp_path):
    problems = differing_views(browser, *both_builds, shipped_shots, tmp_path)
    assert not problems, "the notebook page renders differently with its CSS purged:\n" + "\n".join(problems)


def test_the_comparison_sees_a_page_that_lost_its_notebook_styles(browser, both_builds, shipped_shots, tmp_path):
    """The bad input for the test above: the same page with its article's styles removed must not compare equal."""
    _, shipped = both_builds
    bad = tmp_path / "bad"
    shutil.copytree(shipped, bad)
    page = bad / PAGE / "index.html"
    html = page.read_text(encoding="utf-8")
    head, article = html.split("<article", 1)
    page.write_text(head + "<article" + hook.RE_STYLE.sub("", article), encoding="utf-8")
    problems = differing_views(browser, bad, shipped, shipped_shots, tmp_path)
    assert len(problems) == len(VIEWS), f"removing every notebook style went unnoticed in some views: {problems}"
    assert all(Path(name).is_file() for problem in problems for name in problem.split("compare ")[1].split(" with "))


def test_a_later_build_reads_the_slimmed_page_from_the_cache(monkeypatch, tmp_path):
    page = '<html><article><style>.jp-a{color:red}.jp-b{color:blue}</style><div class="jp-a">x</div></article></html>'
    calls = []

    def purge(html, css):
        calls.append(html)
        return {"css": ".jp-a{color:red}", "merged": [0], "skipped": {}}

    monkeypatch.setattr(hook, "CACHE", tmp_path)
    monkeypatch.setattr(hook, "_cache", {})
    first = hook.slim_cached(page, purge)
    hook._cache.clear()  # a new build: a new process
    assert hook.slim_cached(page, purge) == first and len(calls) == 1, "the second build purged again"
    hook._cache.clear()
    hook.slim_cached(page.replace("x", "y"), purge)
    assert len(calls) == 2, "another page must be purged"
    assert len(list(tmp_path.glob("*.json"))) == 2 and not list(tmp_path.glob("*.partial"))
