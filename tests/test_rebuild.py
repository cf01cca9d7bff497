"""hooks/rebuild.py: `mkdocs serve` notices edits sooner and compiles the theme once; the site is unchanged."""

from __future__ import annotations

import importlib.util
import sys
import threading

import jinja2
import pytest
from conftest import ROOT
from mkdocs.livereload import LiveReloadServer
from watchdog.observers.polling import PollingObserver


def _load_hook():
    spec = importlib.util.spec_from_file_location("site_rebuild_hook", ROOT / "hooks" / "rebuild.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


hook = _load_hook()


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
