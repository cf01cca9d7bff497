"""hooks/offline.py: the quick scan for loads from other hosts finds exactly what a full scan finds."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import load_hook

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
]
NOT_LOADS = [
    "<p>Imported from the start; see url(#local) and import(x).</p>",
    '<a href="https://pytorch.org/docs">a link a reader clicks</a>',
    "<style>.a{background:url(/assets/local.png)}</style>",
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
