"""A shorter edit-to-reload loop for `mkdocs serve`; a one-off `mkdocs build` gets the same site.

Two costs of every `mkdocs serve` rebuild that MkDocs leaves no setting for:

* Noticing the edit. MkDocs polls the watched folders every 0.5 s, so a saved page waits 0.25 s on
  average before the rebuild starts. ``on_serve`` swaps in the same kind of observer (polling, which
  also works where file-system events do not, such as some container mounts) polling every 0.1 s.
  A poll of docs/, snippets/ and hooks/ takes about 2 ms.
* Compiling the theme. Each rebuild creates a new Jinja environment and compiles Material's
  templates again. ``on_env`` gives every such environment one in-memory bytecode cache, keyed by
  template path and source checksum (Jinja's own scheme), so a template is compiled again only when
  its source changes.
* Indexing code for search. Material's search plugin reads each page with an HTML parser, and
  highlighted code is most of the tags it meets (a span per token). While it
  indexes a page, each code block is a stand-in with the same text and the same <code> tags, and the
  block itself is put back right after (hooks/katex.py does the same for formulas).

The plain parts (``reobserve``, ``MemoryBytecodeCache``, ``bytecode_cache_for``, ``stand_in_code``,
``restore_code``) know nothing of the MkDocs events below them.
"""

from __future__ import annotations

import html
import logging
import re

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from mkdocs.plugins import event_priority
from stand_ins import PUT_BACK_CODE, PUT_IN_CODE, StandInError, restore, restore_page  # noqa: F401  (StandInError: what the restore functions raise)
from watchdog.observers.polling import PollingObserver

POLL_SECONDS = 0.1

log = logging.getLogger("mkdocs.hooks.rebuild")


# ----------------------------------------------------------------------------- noticing the edit


def reobserve(server, paths, poll_seconds: float = POLL_SECONDS) -> bool:
    """Give MkDocs' LiveReloadServer a polling observer with a shorter interval, same watched paths.

    paths: every path the server may watch so far (docs_dir, mkdocs.yml, theme dirs). Only public
    LiveReloadServer methods are used: each watched path is unwatched, the observer replaced, and the
    path watched again. If anything else is still scheduled on the old observer (a path not in paths,
    or one watched twice), the old observer is kept as it was, and False returned.
    """
    unwatched = []
    for path in paths:
        try:
            server.unwatch(path)
        except KeyError:  # not watched
            continue
        unwatched.append(path)
    old = server.observer
    if old.emitters:  # watches we could not move: keep everything as MkDocs set it up
        for path in unwatched:
            server.watch(path)
        return False
    server.observer = PollingObserver(timeout=poll_seconds)
    for path in unwatched:
        server.watch(path)
    return True


# ----------------------------------------------------------------------------- compiling the theme


class MemoryBytecodeCache(BytecodeCache):
    """Jinja bytecode kept in memory; a bucket is reused only for the same template path and source."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}
        self.hits = 0

    def load_bytecode(self, bucket: Bucket) -> None:
        data = self.store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)  # discarded by Jinja unless the source checksum matches
            if bucket.code is not None:
                self.hits += 1

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


def _signature(env) -> tuple:
    """The environment settings that change what a template compiles to."""
    return (
        tuple(sorted(env.extensions)),
        repr(env.autoescape),
        env.optimized,
        env.trim_blocks,
        env.lstrip_blocks,
        env.keep_trailing_newline,
        env.newline_sequence,
        env.block_start_string,
        env.block_end_string,
        env.variable_start_string,
        env.variable_end_string,
        env.comment_start_string,
        env.comment_end_string,
        env.line_statement_prefix,
        env.line_comment_prefix,
    )


_caches: dict[tuple, MemoryBytecodeCache] = {}


def bytecode_cache_for(env) -> MemoryBytecodeCache:
    """One cache per kind of environment, kept for the life of the process."""
    return _caches.setdefault(_signature(env), MemoryBytecodeCache())


# ----------------------------------------------------------------------------- indexing code for search
#
# Inside <pre>, Material's search parser appends every text node as it is (escaped), and keeps the
# <pre> and <code> tags; spans and anchors add nothing. So a block whose only tags are span, code and
# a is indexed the same with the spans and anchors left out and its adjacent text nodes joined. A page
# holding anything the parser skips by attribute (data-search-exclude, the linenodiv class) is left
# alone: that parser matches skipped elements by tag name, which dropped spans could change.

RE_PRE = re.compile(r"<pre\b[^>]*>(.*?)</pre>", re.S)
RE_CODE_TAG = re.compile(r"<(/?)(span|code|a)(?=[\s>])[^<>]*>")
RE_CODE_STAND_IN = re.compile(r'<pre data-code-stand-in="(?P<index>\d+)">.*?</pre>', re.S)
SKIP_MARKS = ("data-search-exclude", "linenodiv")


def searchable_code(inner: str) -> str | None:
    """What search needs of a <pre> block's inside: its <code> tags and its text; None if it holds other markup."""
    out, texts, pos = [], [], 0

    def flush():
        if texts:
            out.append(html.escape("".join(texts), quote=False))
            texts.clear()

    for m in RE_CODE_TAG.finditer(inner):
        chunk = inner[pos : m.start()]
        if "<" in chunk:
            return None
        if chunk:
            texts.append(html.unescape(chunk))  # one text node, as the parser decodes it
        if m.group(2) == "code":
            flush()
            out.append(f"<{m.group(1)}code>")
        pos = m.end()
    chunk = inner[pos:]
    if "<" in chunk:
        return None
    if chunk:
        texts.append(html.unescape(chunk))
    flush()
    return "".join(out)


def stand_in_code(content: str, cache: dict[str, str | None] | None = None) -> tuple[str, list[str]]:
    """Replace each <pre> block that search can read without its markup by a stand-in; returns (content, blocks)."""
    stash: list[str] = []
    if any(mark in content for mark in SKIP_MARKS):
        return content, stash

    def replace(m: re.Match) -> str:
        block = m.group(0)
        if cache is not None and block in cache:
            inner = cache[block]
        else:
            inner = searchable_code(m.group(1))
            if cache is not None:
                cache[block] = inner
        if inner is None:
            return block
        stash.append(block)
        return f'<pre data-code-stand-in="{len(stash) - 1}">{inner}</pre>'

    return RE_PRE.sub(replace, content), stash


def restore_code(content: str, stash: list[str]) -> str:
    """Put each stashed block back in place of its stand-in; every stand-in exactly once."""
    return restore(content, stash, RE_CODE_STAND_IN, "data-code-stand-in", "code stand-in")


_searchable: dict[str, str | None] = {}  # block -> its stand-in's inside; kept across serve rebuilds
_stashed: dict[str, list[str]] = {}  # page -> its code blocks while stand-ins are in the page


# ----------------------------------------------------------------------------- MkDocs glue


def on_env(env, config, files, **kwargs):
    env.bytecode_cache = bytecode_cache_for(env)
    return env


def on_serve(server, config, builder, **kwargs):
    paths = [config.docs_dir, config.config_file_path, *config.theme.dirs]
    if not reobserve(server, [p for p in paths if p]):
        log.warning("rebuild hook: MkDocs watches paths this hook does not know; file changes are polled every 0.5 s")
    return server


@event_priority(PUT_IN_CODE)  # the order of every stand-in step: hooks/stand_ins.py
def on_page_content(html_content, page, config, files, **kwargs):
    content, _stashed[page.file.src_uri] = stand_in_code(html_content, _searchable)
    return content


@event_priority(PUT_BACK_CODE)
def on_page_context(context, page, config, nav, **kwargs):
    restore_page(page, _stashed.pop(page.file.src_uri, None), restore_code, "rebuild hook")
    return context
