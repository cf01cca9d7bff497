"""hooks/rebuild.py: `mkdocs serve` notices edits sooner and compiles the theme once; the site is unchanged."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import jinja2
import pytest
from conftest import ROOT, load_hook
from mkdocs.livereload import LiveReloadServer
from watchdog.observers.polling import PollingObserver

hook = load_hook("rebuild.py", "site_rebuild_hook")


@pytest.fixture
def watched(tmp_path):
    """A LiveReloadServer watching a docs folder and a config file, as `mkdocs serve` sets it up."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: t\n")
    built = threading.Event()
    server = LiveReloadServer(builder=built.set, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(str(docs))
    server.watch(str(config))
    return server, docs, config, built


def _paths(observer) -> set[str]:
    return {emitter.watch.path for emitter in observer.emitters}


def test_the_observer_polls_faster_and_watches_the_same_paths(watched, tmp_path):
    server, docs, config, built = watched
    old = server.observer
    assert old.timeout == 0.5, "MkDocs' own interval (if this changes, the hook may be unneeded)"
    before = _paths(old)
    assert len(before) == 2

    assert hook.reobserve(server, [str(docs), str(config), str(tmp_path / "theme-not-watched")])
    assert isinstance(server.observer, PollingObserver) and server.observer is not old
    assert _paths(server.observer) == before
    assert {emitter.timeout for emitter in server.observer.emitters} == {hook.POLL_SECONDS}
    assert not old.emitters

    # and an edit under the moved watch still starts a rebuild
    serving = threading.Thread(target=server.serve, daemon=True)
    serving.start()
    try:
        for edit in range(30):  # the poller's first snapshot may come after an early edit: edit until seen
            (docs / "index.md").write_text(f"# Home\n\nEdit {edit}.\n")
            if built.wait(timeout=0.5):
                break
        assert built.is_set(), "no edit started a rebuild"
    finally:
        server.shutdown(wait=True)
        serving.join(timeout=10)


def test_the_observer_is_left_alone_when_a_watch_cannot_be_moved(watched, tmp_path):
    server, docs, config, _ = watched
    other = tmp_path / "elsewhere"
    other.mkdir()
    server.watch(str(other))  # say a plugin watched it before the hook ran
    old = server.observer
    before = _paths(old)
    assert len(before) == 3

    assert not hook.reobserve(server, [str(docs), str(config)])
    assert server.observer is old
    assert _paths(old) == before
    assert {emitter.timeout for emitter in old.emitters} == {0.5}


def test_theme_bytecode_is_reused_only_for_the_same_source_and_settings():
    cache = hook.MemoryBytecodeCache()

    def env(source: str, **settings) -> jinja2.Environment:
        e = jinja2.Environment(loader=jinja2.DictLoader({"page.html": source}), **settings)
        e.bytecode_cache = cache
        return e

    assert env("{{ x }} and {{ y }}").get_template("page.html").render(x=1, y=2) == "1 and 2"
    assert cache.hits == 0
    assert env("{{ x }} and {{ y }}").get_template("page.html").render(x=3, y=4) == "3 and 4"
    assert cache.hits == 1, "a new environment reuses the compiled template"
    assert env("{{ y }} or {{ x }}").get_template("page.html").render(x=3, y=4) == "4 or 3", "an edit is compiled anew"
    assert cache.hits == 1

    plain = jinja2.Environment()
    escaping = jinja2.Environment(autoescape=True)
    assert hook.bytecode_cache_for(plain) is hook.bytecode_cache_for(jinja2.Environment())
    assert hook.bytecode_cache_for(escaping) is not hook.bytecode_cache_for(plain), "settings that change compiled code"


def test_on_env_gives_every_theme_environment_the_same_cache():
    from mkdocs.config import load_config

    config = load_config(config_file=str(ROOT / "mkdocs.yml"))
    first = hook.on_env(config.theme.get_env(), config=config, files=None)
    second = hook.on_env(config.theme.get_env(), config=config, files=None)
    assert first is not second
    assert isinstance(first.bytecode_cache, hook.MemoryBytecodeCache) and first.bytecode_cache is second.bytecode_cache
    hits = first.bytecode_cache.hits
    first.get_template("main.html")
    second.get_template("main.html")
    assert second.bytecode_cache.hits > hits


# ----------------------------------------------------------------------------- search reads code stand-ins


def _index(page_html: str) -> list[tuple[str, str]]:
    """(title, text) per section, as Material's search plugin indexes the HTML."""
    from material.plugins.search.plugin import Parser

    parser = Parser()
    parser.feed(page_html)
    parser.close()
    return [("".join(s.title).strip(), "".join(s.text).strip()) for s in parser.data]


def _markdown_page() -> str:
    """Code blocks as this site's Markdown extensions render them (mkdocs.yml's settings)."""
    import markdown

    source = '''# Title

Some `inline <code>` before.

```python hl_lines="2"
import torch  # a < b & "quotes"
y = x @ A.T + b   # the line that matters

print(y.shape)
```

## Second

=== "Tab"

    ```pycon
    >>> torch.zeros(2, 3).T.shape
    torch.Size([3, 2])
    ```

    Text in the tab.

```text
  plain   spaced text
```
'''
    md = markdown.Markdown(
        extensions=["toc", "attr_list", "md_in_html", "pymdownx.highlight", "pymdownx.superfences", "pymdownx.tabbed"],
        extension_configs={"pymdownx.highlight": {"anchor_linenums": True}, "pymdownx.tabbed": {"alternate_style": True}},
    )
    return md.convert(source)


ODD_BLOCKS = [
    "<pre><code>&amp<span>;</span>lt &lt;b&gt; &#x41;</code></pre>",  # an entity cut by a tag decodes per text node
    "<pre>output only\n  with spaces\n</pre>",  # nbconvert's output cells: no <code>
    "<pre><span></span><code><span>  </span><span>\n</span></code></pre>",  # blank text nodes
    "<pre><code></code></pre><p>after</p>",  # an empty <code> is dropped from the index
]


def test_search_indexes_code_stand_ins_exactly_as_the_blocks():
    page = _markdown_page() + "\n".join(ODD_BLOCKS)
    assert page.count("<pre") == 3 + len(ODD_BLOCKS) and "__codelineno" in page and 'class="hll"' in page
    short, stash = hook.stand_in_code(page)
    assert len(stash) == 3 + len(ODD_BLOCKS)
    assert "__codelineno" not in short and "<span" not in short.split("<pre", 1)[1].split("</pre>", 1)[0]
    assert _index(short) == _index(page)
    text = "\n".join(t for section in _index(short) for t in section)
    assert "a &lt; b &amp; \"quotes\"" in text and "&amp;;lt" in text
    assert hook.restore_code(short, stash) == page


def test_blocks_with_other_markup_or_pages_with_skipped_parts_are_left_alone():
    odd = '<pre><code>x <b>bold</b></code></pre><pre><code>ok</code></pre>'
    short, stash = hook.stand_in_code(odd)
    assert stash == ["<pre><code>ok</code></pre>"] and short.startswith("<pre><code>x <b>bold</b></code></pre>")
    across = "<script>var s = '<pre>';</script><p>x</p><pre><code>y</code></pre>"  # a <pre> cue inside a script
    short, stash = hook.stand_in_code(across)
    assert _index(short) == _index(across) and hook.restore_code(short, stash) == across
    for mark in ('<span data-search-exclude>m</span>', '<div class="linenodiv">1</div>'):
        page = mark + "<pre><code><span>z</span></code></pre>"
        assert hook.stand_in_code(page) == (page, [])


def test_every_built_page_is_indexed_the_same_with_code_stand_ins(built_site: Path):
    stood_in = 0
    for page in sorted(built_site.rglob("*.html")):
        article = re.search(r"<article\b[^>]*>(.*)</article>", page.read_text(encoding="utf-8"), re.S)
        if not article:
            continue
        content = re.sub(r'<span class="katex-mathml" data-search-exclude>.*?</math></span>', "", article.group(1), flags=re.S)
        short, stash = hook.stand_in_code(content)
        assert _index(short) == _index(content), page.relative_to(built_site)
        assert hook.restore_code(short, stash) == content
        stood_in += len(stash)
    assert stood_in > 50, "the site's code blocks are stood in"


def test_restoring_code_refuses_a_stand_in_lost_changed_or_unknown():
    page = "<pre><code><span>a</span></code></pre><p>x</p><pre><code><span>b</span></code></pre>"
    short, stash = hook.stand_in_code(page)
    assert short == '<pre data-code-stand-in="0"><code>a</code></pre><p>x</p><pre data-code-stand-in="1"><code>b</code></pre>'
    with pytest.raises(hook.StandInError, match="expected 0..1"):
        hook.restore_code(short.replace('<pre data-code-stand-in="0"><code>a</code></pre>', ""), stash)
    with pytest.raises(hook.StandInError, match="changed and left"):
        hook.restore_code(short.replace("</pre><p>", "<p>"), stash)
    with pytest.raises(hook.StandInError, match="only 1 were stashed"):
        hook.restore_code(short, stash[:1])


def test_a_stand_in_lost_before_it_is_put_back_fails_the_build_naming_the_page(monkeypatch):
    from types import SimpleNamespace

    from mkdocs.exceptions import PluginError

    page = SimpleNamespace(file=SimpleNamespace(src_uri="math/page.md"), content="")
    page.content = hook.on_page_content("<p>x</p><pre><code><span>a</span></code></pre>", page=page, config=None, files=None)
    assert 'data-code-stand-in="0"' in page.content
    page.content = page.content.replace('<pre data-code-stand-in="0"><code>a</code></pre>', "")  # a plugin dropped it
    with pytest.raises(PluginError, match=r"^rebuild hook, page 'math/page.md': code stand-ins found \[\], expected 0..0$"):
        hook.on_page_context({}, page=page, config=None, nav=None)


def test_on_serve_moves_the_watches_mkdocs_serve_sets_up(tmp_path):
    from mkdocs.config import load_config

    config = load_config(config_file=str(ROOT / "mkdocs.yml"))
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(config.docs_dir)  # what mkdocs.commands.serve watches before plugins' on_serve
    server.watch(config.config_file_path)
    before = _paths(server.observer)
    assert hook.on_serve(server, config=config, builder=None) is server
    assert server.observer.timeout == hook.POLL_SECONDS and _paths(server.observer) == before
