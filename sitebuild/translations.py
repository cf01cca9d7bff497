"""Stale-translation guard: each Chinese page records which English text it translates.

The first front-matter key of ``docs/<path>/<name>.zh.md`` is ``translated_from: <hash>``, where
<hash> is the first 12 hex digits of the git blob id of the English page ``docs/<path>/<name>.md``
(``git hash-object docs/<path>/<name>.md``; computed here from the file's bytes, git is not needed).
A blob id names the English text itself, so when git history is available the text that was
translated is ``git cat-file -p <hash>``, and a stale page is shown with a diff of what changed.

The Chinese notebook ``docs/<path>/<name>.zh.ipynb`` has no front matter: it records the same key in
its notebook metadata, ``"translated_from": "<hash>"``, hashed from ``<name>.ipynb`` the same way.

``python -m sitebuild.translations check [PAGE...]`` lists the problems (tests/test_translations.py
runs it on every page); ``python -m sitebuild.translations stamp [PAGE]`` (``make translation-stamp``)
records the English page's current hash: in PAGE, or in every page whose key is ``pending``.
Without PAGE, ``check`` also lists the nav titles of mkdocs.yml that have no Chinese name in the
i18n plugin's ``nav_translations`` (else the Chinese edition's nav shows them in English).
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

__all__ = ["Problem", "blob_hash", "check", "check_nav", "english_of", "stamp", "translations"]

KEY = "translated_from"
PENDING = "pending"
HASH_LEN = 12
_LINE = re.compile(rf"^{KEY}:[ \t]*(?P<value>\S*)[ \t]*(?:#.*)?$")
_NOTEBOOK_LINE = re.compile(rf'^(?P<indent>\s*)"{KEY}":\s*"(?P<value>[^"]*)"(?P<comma>,?)\s*$')


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a translation: file:line, message, and (stale pages) a diff."""

    path: Path
    line: int
    message: str
    diff: str = ""

    def __str__(self) -> str:
        text = f"{_rel(self.path)}:{self.line}: {self.message}"
        return text + ("\n" + self.diff if self.diff else "")


def _rel(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def blob_hash(data: bytes) -> str:
    """The git blob id of these bytes, first 12 hex digits (what `git hash-object` prints)."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()[:HASH_LEN]


def english_of(page: Path) -> Path:
    """docs/x.zh.md -> docs/x.md"""
    return page.with_name(page.name.replace(".zh.", ".", 1))


def is_notebook(page: Path) -> bool:
    return page.name.endswith(".zh.ipynb")


def translations(docs: Path) -> list[Path]:
    return sorted([*docs.rglob("*.zh.md"), *docs.rglob("*.zh.ipynb")])


def _front_matter_lines(text: str) -> list[str] | None:
    lines = text.lstrip("\ufeff").splitlines()
    if not lines or lines[0].rstrip() != "---":
        return None
    for end, line in enumerate(lines[1:], start=1):
        if line.rstrip() in ("---", "..."):
            return lines[1:end]
    return None


def read_stamp(page: Path) -> tuple[str | None, int]:
    """The value of translated_from: and its 1-based line; (None, 1) when there is no such key."""
    if is_notebook(page):
        return _read_notebook_stamp(page)
    block = _front_matter_lines(page.read_text(encoding="utf-8"))
    for number, line in enumerate(block or [], start=2):
        m = _LINE.match(line)
        if m:
            return m["value"], number
    return None, 1


def _read_notebook_stamp(page: Path) -> tuple[str | None, int]:
    """A notebook's key is in its top-level metadata; the line is where the file spells it."""
    text = page.read_text(encoding="utf-8")
    value = json.loads(text).get("metadata", {}).get(KEY)
    if not isinstance(value, str):
        return None, 1
    for number, line in enumerate(text.splitlines(), start=1):
        m = _NOTEBOOK_LINE.match(line)
        if m and m["value"] == value:
            return value, number
    return value, 1


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)


def old_english(english: Path, recorded: str) -> tuple[str | None, str]:
    """The English text whose blob id starts with `recorded`, or None and why it cannot be had."""
    folder = english.resolve().parent
    inside = _git(folder, "rev-parse", "--is-inside-work-tree")
    if inside.returncode != 0:
        return None, "no git repository here, so the translated English text cannot be shown"
    found = _git(folder, "cat-file", "-p", f"{recorded}^{{blob}}")
    if found.returncode == 0:
        return found.stdout, ""
    shallow = _git(folder, "rev-parse", "--is-shallow-repository").stdout.strip() == "true"
    if shallow:
        return None, (
            f"the English text {recorded} is not in this shallow clone's history "
            "(git fetch --unshallow shows the diff)"
        )
    return None, f"no English text with blob id {recorded} in git history (never committed?)"


def check_page(page: Path) -> list[Problem]:
    english = english_of(page)
    howto = f"make translation-stamp PAGE={_rel(page)}"
    if not english.is_file():
        return [Problem(page, 1, f"no English page {_rel(english)} to translate from; name the file after it")]
    recorded, line = read_stamp(page)
    if recorded is None and is_notebook(page):
        return [Problem(page, line, f"no {KEY} key in the notebook's metadata; add '\"{KEY}\": \"{PENDING}\"' to it, then run {howto}")]
    if recorded is None:
        return [Problem(page, line, f"no {KEY}: key in the front matter; add '{KEY}: {PENDING}' as its first key, then run {howto}")]
    if recorded == PENDING:
        return [Problem(page, line, f"{KEY}: {PENDING}; once the translation matches {_rel(english)}, run {howto}")]
    current = blob_hash(english.read_bytes())
    if not re.fullmatch(f"[0-9a-f]{{{HASH_LEN}}}", recorded):
        return [Problem(page, line, f"{KEY}: {recorded!r} is not {HASH_LEN} hex digits; run {howto}")]
    if recorded == current:
        return []
    old, why = old_english(english, recorded)
    if old is None:
        diff = f"(diff not shown: {why})"
    else:
        diff = "".join(
            difflib.unified_diff(
                old.splitlines(keepends=True),
                english.read_text(encoding="utf-8").splitlines(keepends=True),
                fromfile=f"{_rel(english)} @ {recorded} (translated)",
                tofile=f"{_rel(english)} @ {current} (now)",
            )
        )
    return [
        Problem(
            page,
            line,
            f"the English page {_rel(english)} changed since this translation ({KEY}: {recorded}, now {current}); "
            f"bring the translation up to date, then run {howto}",
            diff,
        )
    ]


def check(pages: list[Path]) -> list[Problem]:
    return [problem for page in pages for problem in check_page(page)]


def _get(node, key: str):
    """The value node of `key` in a YAML mapping node, or None."""
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return v
    return None


def _nav_titles(node) -> list[yaml.ScalarNode]:
    titles = []
    for item in node.value if isinstance(node, yaml.SequenceNode) else []:
        if isinstance(item, yaml.MappingNode):
            for k, v in item.value:
                titles.append(k)
                titles += _nav_titles(v)
    return titles


def check_nav(config: Path, locale: str = "zh") -> list[Problem]:
    """Nav titles without an entry in the `locale` edition's nav_translations (mkdocs-static-i18n)."""
    root = yaml.compose(config.read_text(encoding="utf-8"))  # nodes only: tags such as !ENV need no constructor
    names: dict[str, str] = {}
    for plugin in (_get(root, "plugins") or yaml.SequenceNode("", [])).value:
        for language in getattr(_get(_get(plugin, "i18n"), "languages"), "value", []):
            found = _get(language, "locale")
            if found is not None and found.value == locale:
                for k, v in getattr(_get(language, "nav_translations"), "value", []):
                    names[k.value] = v.value
    return [
        Problem(config, title.start_mark.line + 1,
                f"the nav title {title.value!r} has no name in the {locale} edition; add it to the i18n plugin's "
                f"nav_translations for locale {locale} (glossary terms, see docs/about/glossary.md)")
        for title in _nav_titles(_get(root, "nav"))
        if title.value not in names
    ]


def stamp(page: Path) -> str:
    """Record the English page's current hash in page; returns it."""
    english = english_of(page)
    if not english.is_file():
        raise SystemExit(f"{_rel(page)}:1: no English page {_rel(english)} to translate from")
    value = blob_hash(english.read_bytes())
    if is_notebook(page):
        _stamp_notebook(page, value)
        return value
    text = page.read_text(encoding="utf-8")
    recorded, line = read_stamp(page)
    lines = text.splitlines(keepends=True)
    if recorded is None:
        if _front_matter_lines(text) is None:
            lines[:0] = ["---\n", f"{KEY}: {value}\n", "---\n", "\n"]
        else:
            lines.insert(1, f"{KEY}: {value}\n")
    else:
        lines[line - 1] = f"{KEY}: {value}\n"
    page.write_text("".join(lines), encoding="utf-8")
    return value


def _stamp_notebook(page: Path, value: str) -> None:
    """Set metadata.translated_from, changing only its line when the key is already there."""
    text = page.read_text(encoding="utf-8")
    recorded, line = _read_notebook_stamp(page)
    lines = text.splitlines(keepends=True)
    m = _NOTEBOOK_LINE.match(lines[line - 1]) if recorded is not None else None
    if m:
        lines[line - 1] = f'{m["indent"]}"{KEY}": "{value}"{m["comma"]}\n'
        page.write_text("".join(lines), encoding="utf-8")
        return
    notebook = json.loads(text)
    notebook.setdefault("metadata", {})[KEY] = value
    page.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def main(argv: list[str]) -> int:
    docs = Path("docs")
    if not argv or argv[0] not in ("check", "stamp"):
        print("usage: python -m sitebuild.translations check [PAGE...] | stamp [PAGE]", file=sys.stderr)
        return 2
    command, pages = argv[0], [Path(p) for p in argv[1:]]
    if command == "check":
        problems = check(pages or translations(docs)) + ([] if pages else check_nav(Path("mkdocs.yml")))
        for problem in problems:
            print(problem)
        return 1 if problems else 0
    if not pages:
        pages = [p for p in translations(docs) if read_stamp(p)[0] == PENDING]
        if not pages:
            print(f"no page under {docs}/ has {KEY}: {PENDING}")
    for page in pages:
        if not page.name.endswith((".zh.md", ".zh.ipynb")):
            print(f"{page}: not a translation (docs/<path>/<name>.zh.md or .zh.ipynb)", file=sys.stderr)
            return 2
        print(f"{_rel(page)}: {KEY}: {stamp(page)}  ({_rel(english_of(page))})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
