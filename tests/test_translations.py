"""sitebuild/translations.py: every Chinese page says which English text it translates, and a change
to the English page since then fails, naming the Chinese page and showing what changed."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sitebuild import translations as tr

ROOT = Path(__file__).resolve().parent.parent
BAD = ROOT / "tests" / "bad_translations"
PAGES = tr.translations(ROOT / "docs")


def rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


@pytest.mark.parametrize("page", PAGES, ids=[rel(p) for p in PAGES])
def test_each_translation_is_stamped_with_its_english_page(page: Path, monkeypatch):
    monkeypatch.chdir(ROOT)
    problems = tr.check([page])
    assert not problems, "\n".join(map(str, problems))


def test_the_stamp_is_the_git_blob_id_of_the_english_page():
    english = ROOT / "docs" / "index.md"
    git = subprocess.run(["git", "hash-object", str(english)], capture_output=True, text=True, check=True)
    assert tr.blob_hash(english.read_bytes()) == git.stdout.strip()[:12]


def check_bad(name: str, monkeypatch) -> str:
    monkeypatch.chdir(ROOT)
    problems = tr.check([BAD / name / "page.zh.md"])
    assert len(problems) == 1
    return str(problems[0])


def test_a_stale_translation_names_its_key_and_shows_the_english_diff(monkeypatch):
    shallow = subprocess.run(["git", "rev-parse", "--is-shallow-repository"], cwd=ROOT, capture_output=True, text=True)
    message = check_bad("stale", monkeypatch)
    first, *rest = message.splitlines()
    assert first == (
        "tests/bad_translations/stale/page.zh.md:2: the English page tests/bad_translations/stale/page.md changed "
        "since this translation (translated_from: a172480ff576, now 58eefe4fdd31); bring the translation up to date, "
        "then run make translation-stamp PAGE=tests/bad_translations/stale/page.zh.md"
    )
    if shallow.stdout.strip() == "true":
        assert rest == ["(diff not shown: the English text a172480ff576 is not in this shallow clone's history "
                        "(git fetch --unshallow shows the diff))"]
        return
    assert rest[:2] == [
        "--- tests/bad_translations/stale/page.md @ a172480ff576 (translated)",
        "+++ tests/bad_translations/stale/page.md @ 58eefe4fdd31 (now)",
    ]
    assert "-It computes one row per sample." in rest
    assert "+It computes one row per sample, and the bias is added to every row." in rest


def test_pending_fails_with_the_stamp_command(monkeypatch):
    assert check_bad("pending", monkeypatch) == (
        "tests/bad_translations/pending/page.zh.md:3: translated_from: pending; once the translation matches "
        "tests/bad_translations/pending/page.md, run make translation-stamp PAGE=tests/bad_translations/pending/page.zh.md"
    )


def test_a_missing_key_fails(monkeypatch):
    assert check_bad("missing_key", monkeypatch) == (
        "tests/bad_translations/missing_key/page.zh.md:1: no translated_from: key in the front matter; add "
        "'translated_from: pending' as its first key, then run make translation-stamp "
        "PAGE=tests/bad_translations/missing_key/page.zh.md"
    )


def test_a_hash_not_in_history_says_so(monkeypatch):
    assert check_bad("unknown_hash", monkeypatch).splitlines()[1] == (
        "(diff not shown: no English text with blob id 0123456789ab in git history (never committed?))"
    )


def test_a_translation_without_an_english_page_fails(monkeypatch):
    assert check_bad("orphan", monkeypatch) == (
        "tests/bad_translations/orphan/page.zh.md:1: no English page tests/bad_translations/orphan/page.md "
        "to translate from; name the file after it"
    )


def git(cwd: Path, *args: str) -> str:
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t",
           "HOME": str(cwd), "PATH": "/usr/bin:/bin"}
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True, env=env).stdout


def test_a_shallow_clone_says_the_diff_cannot_be_shown(tmp_path: Path):
    repo = tmp_path / "repo"
    (repo / "docs").mkdir(parents=True)
    git(repo, "init", "-q")
    (repo / "docs" / "a.md").write_text("# A\n\nold\n")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "one")
    old = tr.blob_hash((repo / "docs" / "a.md").read_bytes())
    (repo / "docs" / "a.zh.md").write_text(f"---\ntranslated_from: {old}\n---\n\n# 甲\n")
    (repo / "docs" / "a.md").write_text("# A\n\nnew\n")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "two")
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", "shallow")
    problems = tr.check([tmp_path / "shallow" / "docs" / "a.zh.md"])
    assert problems[0].diff == (
        f"(diff not shown: the English text {old} is not in this shallow clone's history (git fetch --unshallow shows the diff))"
    )
    full = tr.check([repo / "docs" / "a.zh.md"])
    assert "-old\n+new\n" in full[0].diff


def test_the_stamp_command_fills_pending_pages_and_clears_the_problem(tmp_path: Path):
    docs = tmp_path / "docs"
    shutil.copytree(BAD / "pending", docs / "p")
    shutil.copytree(BAD / "missing_key", docs / "m")
    run = subprocess.run([sys.executable, "-m", "sitebuild.translations", "stamp"], cwd=tmp_path,
                         capture_output=True, text=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert run.returncode == 0, run.stderr
    assert run.stdout == "docs/p/page.zh.md: translated_from: 58eefe4fdd31  (docs/p/page.md)\n"
    assert tr.check([docs / "p" / "page.zh.md"]) == []
    assert tr.read_stamp(docs / "p" / "page.zh.md") == ("58eefe4fdd31", 3)
    assert tr.check([docs / "m" / "page.zh.md"]), "without PAGE only pending pages are stamped"
    run = subprocess.run([sys.executable, "-m", "sitebuild.translations", "stamp", "docs/m/page.zh.md"], cwd=tmp_path,
                         capture_output=True, text=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert run.returncode == 0, run.stderr
    assert tr.check([docs / "m" / "page.zh.md"]) == []
    assert (docs / "m" / "page.zh.md").read_text().startswith("---\ntranslated_from: 58eefe4fdd31\ndescription:")


def test_the_chinese_notebook_is_checked_like_a_page():
    assert ROOT / "docs" / "notebooks" / "01-shape-by-shape.zh.ipynb" in PAGES


def test_a_pending_notebook_names_its_metadata_line(monkeypatch):
    monkeypatch.chdir(ROOT)
    problems = tr.check([BAD / "notebook" / "page.zh.ipynb"])
    assert [str(p) for p in problems] == [
        "tests/bad_translations/notebook/page.zh.ipynb:33: translated_from: pending; once the translation matches "
        "tests/bad_translations/notebook/page.ipynb, run make translation-stamp "
        "PAGE=tests/bad_translations/notebook/page.zh.ipynb"
    ]


def test_a_notebook_without_the_key_says_where_to_add_it(tmp_path: Path, monkeypatch):
    shutil.copy(BAD / "notebook" / "page.ipynb", tmp_path / "page.ipynb")
    notebook = json.loads((BAD / "notebook" / "page.zh.ipynb").read_text(encoding="utf-8"))
    del notebook["metadata"]["translated_from"]
    (tmp_path / "page.zh.ipynb").write_text(json.dumps(notebook, indent=1, ensure_ascii=False), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert [str(p) for p in tr.check([Path("page.zh.ipynb")])] == [
        "page.zh.ipynb:1: no translated_from key in the notebook's metadata; add '\"translated_from\": \"pending\"' "
        "to it, then run make translation-stamp PAGE=page.zh.ipynb"
    ]
    assert tr.stamp(Path("page.zh.ipynb")) == tr.blob_hash((tmp_path / "page.ipynb").read_bytes())
    assert tr.check([Path("page.zh.ipynb")]) == []


def test_the_stamp_command_stamps_a_pending_notebook_in_its_metadata_only(tmp_path: Path):
    docs = tmp_path / "docs"
    shutil.copytree(BAD / "notebook", docs / "n")
    before = (docs / "n" / "page.zh.ipynb").read_text(encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "sitebuild.translations", "stamp"], cwd=tmp_path,
                         capture_output=True, text=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert run.returncode == 0, run.stderr
    value = tr.blob_hash((docs / "n" / "page.ipynb").read_bytes())
    assert run.stdout == f"docs/n/page.zh.ipynb: translated_from: {value}  (docs/n/page.ipynb)\n"
    after = (docs / "n" / "page.zh.ipynb").read_text(encoding="utf-8")
    assert after == before.replace('"translated_from": "pending"', f'"translated_from": "{value}"')
    assert json.loads(after)["metadata"]["translated_from"] == value
    assert tr.check([docs / "n" / "page.zh.ipynb"]) == []
    (docs / "n" / "page.ipynb").write_text((docs / "n" / "page.ipynb").read_text().replace("Shapes", "Shape"))
    stale = tr.check([docs / "n" / "page.zh.ipynb"])
    assert len(stale) == 1 and stale[0].line == 33 and "changed since this translation" in stale[0].message


def test_every_nav_title_has_a_chinese_name(monkeypatch):
    monkeypatch.chdir(ROOT)
    assert tr.check_nav(Path("mkdocs.yml")) == []


def test_a_nav_title_without_a_chinese_name_is_named_with_its_line(monkeypatch):
    monkeypatch.chdir(ROOT)
    how = "add it to the i18n plugin's nav_translations for locale zh (glossary terms, see docs/about/glossary.md)"
    assert [str(p) for p in tr.check_nav(BAD / "nav" / "mkdocs.yml")] == [
        f"tests/bad_translations/nav/mkdocs.yml:7: the nav title 'Transposes: .T, .t(), .mT, permute' has no name in the zh edition; {how}",
        f"tests/bad_translations/nav/mkdocs.yml:8: the nav title 'Colophon' has no name in the zh edition; {how}",
    ]
