"""hooks/offline.py: the quick scan for loads from other hosts finds exactly what a full scan finds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT, load_hook, mkdocs_build, one_page_site

from sitebuild import config as site_config

hook = load_hook("offline.py", "site_offline_hook")


def full_scan(html: str) -> list[str]:
    """Every pattern over the whole page, no cues: what remote_loads must return."""
    return [m["url"] for pattern in hook._REMOTE_LOADS for m in pattern.finditer(html)]


LOADS = [
    '<script src="https://cdn.example/a.js"></script>',
    "<LINK REL='stylesheet' HREF='//cdn.example/a.css'>",
    '<script type="module">const m = await import( "https://cdn.example/m.js");</script>',
    "<script type=module>import x FROM  'HTTPS://cdn.example/x.js'</script>",
    "<style>@font-face{src:URL( //fonts.example/f.woff2)}</style>",
    '<div style="background: url(\'http://img.example/b.png\')"></div>',
    # letters that re.IGNORECASE matches to ASCII but lower() does not turn into them
    "<script>\u0131mport('//cdn.example/dotless.js')</script>",
    "<script>\u0130MPORT('//cdn.example/dotted.js')</script>",
    "<script>import y from 'http\u017f://cdn.example/long-s.js'</script>",
    '<img alt="a diagram" src="https://img.example/d.png">',
    "<IFRAME SRC='//video.example/embed/1'></IFRAME>",
    '<video controls poster="https://media.example/p.jpg"></video>',
    '<video><source src="https://media.example/clip.mp4" type="video/mp4"></video>',
    '<audio src="http://media.example/s.ogg"></audio>',
    '<picture><source srcset="/a.png 1x, https://img.example/b.png 2x"></picture>',
    '<style>@import "https://fonts.example/face.css";</style>',
    "<style>@IMPORT '//fonts.example/face.css' screen;</style>",
    "<script>fetch('https://api.example/data.json').then(r => r.json())</script>",
    '<script>new WebSocket("wss://live.example/socket")</script>',
]
NOT_LOADS = [
    "<p>Imported from the start; see url(#local) and import(x).</p>",
    '<a href="https://pytorch.org/docs">a link a reader clicks</a>',
    "<style>.a{background:url(/assets/local.png)}</style>",
    '<img src="../assets/images/logo.svg" alt="logo"><video src="clip.mp4"></video>',
    '<style>@import "local.css";</style>',
    "<script>fetch('../search/search_index.json'); new Worker('worker.js')</script>",
]


@pytest.mark.parametrize("html", LOADS)
def test_each_kind_of_load_is_found_as_by_a_full_scan(html):
    found = hook.remote_loads(html)
    assert found, "the full scan finds this load"
    assert found == full_scan(html)


@pytest.mark.parametrize("html", NOT_LOADS)
def test_pages_without_loads_give_nothing(html):
    assert hook.remote_loads(html) == full_scan(html) == []


def test_a_page_with_many_loads_lists_them_all_in_order():
    page = "\n".join(NOT_LOADS + LOADS + NOT_LOADS)
    assert hook.remote_loads(page) == full_scan(page)
    assert len(hook.remote_loads(page)) == len(LOADS)


def test_every_built_page_scans_as_a_full_scan(built_site: Path):
    for page in sorted(built_site.rglob("*.html")):
        html = hook.strip_notebook_loaders(page.read_text(encoding="utf-8"))
        assert hook.remote_loads(html) == full_scan(html), page.relative_to(built_site)


# ---------------------------------------------------------------- the build refuses each kind

BAD_SITES = ROOT / "tests" / "bad_sites"


def test_remote_images_frames_media_and_imports_fail_the_build_with_each_line(tmp_path):
    """Each load is named at the line that writes it: not at the fenced sample of the frame (line 18),
    at both lines of the image shown twice, at the definition of a reference image."""
    result = mkdocs_build(one_page_site(tmp_path, BAD_SITES / "remote_media.md"), tmp_path / "site", cwd=tmp_path)
    assert result.returncode != 0
    loads = [
        (3, "https://img.example/diagram.png"),
        (5, "https://video.example/embed/1"),
        (7, "https://media.example/clip.mp4"),
        (9, "//media.example/sound.ogg"),
        (11, "https://fonts.example/face.css"),
        (21, "https://img.example/diagram.png"),
        (25, "https://img.example/plot.svg"),
    ]
    named = "\n".join(f"docs/index.md:{line}: the page would load from another host: {url}" for line, url in loads)
    assert named + "\n" in result.stderr, result.stderr
    assert "pytorch.org" not in result.stderr and "index.md:18" not in result.stderr


def test_a_load_no_source_line_writes_is_named_by_the_file_alone():
    html = '<img src="https://img.example/a.png?x=1&amp;y=2"><script src="https://cdn.example/theme.js"></script>'
    source = "# Page\n\n<img src=\"https://img.example/a.png?x=1&y=2\">\n"
    assert hook.page_loads(html, source) == [(None, "https://cdn.example/theme.js"), (3, "https://img.example/a.png?x=1&y=2")]


def test_a_notebook_load_is_named_at_its_line_of_the_ipynb_file():
    """A notebook's source is its JSON: a markdown cell's image and raw HTML (quotes escaped) at their lines."""
    import json

    cell = {"cell_type": "markdown", "source": ["# T\n", "![a](https://img.example/a.png)\n", '<iframe src="https://v.example/1">']}
    source = json.dumps({"cells": [cell]}, indent=1)
    html = '<img src="https://img.example/a.png"><iframe src="https://v.example/1"></iframe>'
    assert hook.page_loads(html, source) == [(7, "https://img.example/a.png"), (8, "https://v.example/1")]


def test_remote_loads_in_docs_css_and_missing_extra_files_fail_the_build(tmp_path):
    real = site_config.load()
    config = one_page_site(
        tmp_path,
        BAD_SITES / "broken_link.md",
        extra_css=["assets/stylesheets/remote.css", "assets/stylesheets/missing.css", *real["extra_css"]],
        extra_javascript=["assets/javascripts/missing.js", "https://cdn.example/x.js", *real["extra_javascript"]],
    )
    shutil.copy(BAD_SITES / "remote_assets" / "remote.css", tmp_path / "docs" / "assets" / "stylesheets" / "remote.css")
    result = mkdocs_build(config, tmp_path / "site", cwd=tmp_path)
    assert result.returncode != 0
    line = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8").splitlines().index  # each entry's line, 0-based
    css, js, cdn = (line(f"- {entry}") + 1 for entry in ("assets/stylesheets/missing.css", "assets/javascripts/missing.js", "https://cdn.example/x.js"))
    assert (
        f"mkdocs.yml:{css}: extra_css lists 'assets/stylesheets/missing.css', but docs/assets/stylesheets/missing.css "
        "does not exist: add the file or remove the entry\n"
        f"mkdocs.yml:{js}: extra_javascript lists 'assets/javascripts/missing.js', but docs/assets/javascripts/missing.js "
        "does not exist: add the file or remove the entry\n"
        f"mkdocs.yml:{cdn}: extra_javascript lists 'https://cdn.example/x.js', which the site would load from another host: "
        "put the file under docs/assets/ and list its relative path\n"
        "docs/assets/stylesheets/remote.css:2: the file would load from another host: https://fonts.example/face.css; "
        "put what it loads under docs/assets/ and refer to it relatively\n"
        "docs/assets/stylesheets/remote.css:5: the file would load from another host: https://img.example/paper.png; "
        "put what it loads under docs/assets/ and refer to it relatively"
    ) in result.stderr, result.stderr


def test_the_site_lists_only_extra_files_it_has():
    config = site_config.load()
    listed = [e["path"] if isinstance(e, dict) else e for e in config["extra_css"] + config["extra_javascript"]]  # `path:` with defer
    assert len(listed) >= 4
    assert hook.missing_extras("extra_css", listed, lambda p: (ROOT / "docs" / p).is_file()) == []
    assert hook.missing_extras("extra_css", ["assets/none.css"], lambda p: False) == [
        "extra_css lists 'assets/none.css', but docs/assets/none.css does not exist: add the file or remove the entry"
    ]


def test_an_inherited_entry_is_found_at_its_line_of_the_file_it_inherits(tmp_path):
    """A one-page site's config sets only nav: its extra_css comes from mkdocs.yml, at the entry's own line there."""
    config = one_page_site(tmp_path, BAD_SITES / "broken_link.md")
    rows = enumerate((ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines(), 1)
    line = next(n for n, row in rows if row.split("#")[0].strip() == "- assets/stylesheets/a11y.css")
    assert site_config.entry_line(config, "extra_css", "assets/stylesheets/a11y.css") == (ROOT / "mkdocs.yml", line)
    assert site_config.entry_line(config, "extra_css", "assets/none.css") is None
