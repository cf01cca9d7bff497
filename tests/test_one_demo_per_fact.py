"""One canonical demo per fact: the stride view of weight.T is printed by one snippet only, the others link to it."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BAD = ROOT / "tests" / "bad_snippets" / "stride_story"

# The page that owns the demo, and the snippet it includes.
CANONICAL = "snippets/internals/how_pytorch_computes_it/03_transpose_is_a_view.py"
PAGE = "docs/internals/how-pytorch-computes-it.md#weightt-is-a-view-not-a-copy"

# Copies on pages owned elsewhere, each listed until its page links to the canonical demo instead
# (none at present). The test below fails once a listed copy is gone, so no entry can outlive it.
KNOWN_DUPLICATES: set[str] = set()

STRIDE = re.compile(r"\.stride\(\)")


def tells_the_stride_story(source: str) -> int:
    """The line of the first print that shows a tensor's strides next to its transpose's, or 0.

    The story is told when the strides are printed twice: in one print (``W.stride(), W.T.stride()``)
    or in two. A single stride, such as that of a contiguous copy, is a different fact.
    """
    prints = [(n, line) for n, line in enumerate(source.splitlines(), 1) if line.lstrip().startswith("print(")]
    with_strides = [(n, len(STRIDE.findall(line))) for n, line in prints if STRIDE.search(line)]
    if sum(count for _, count in with_strides) >= 2:
        return with_strides[0][0]
    return 0


def stride_stories(root: Path, base: Path) -> list[str]:
    """``path:line`` of every snippet under root that prints the stride view, relative to base."""
    found = []
    for path in sorted(root.rglob("*.py")):
        line = tells_the_stride_story(path.read_text(encoding="utf-8"))
        if line:
            found.append(f"{path.relative_to(base).as_posix()}:{line}")
    return found


def duplicates(stories: list[str], canonical: str) -> list[str]:
    return [s for s in stories if s.split(":")[0] != canonical]


def messages(extra: list[str], page: str) -> list[str]:
    """One ``file:line: what happened; what to do`` line per duplicate."""
    return [f"{s}: prints the stride view of a transpose again; link to {page} instead" for s in extra]


def test_the_stride_view_is_demonstrated_once():
    stories = stride_stories(ROOT / "snippets", ROOT)
    assert any(s.startswith(CANONICAL + ":") for s in stories), f"{CANONICAL}: the canonical stride demo is gone"
    extra = [s for s in duplicates(stories, CANONICAL) if s.split(":")[0] not in KNOWN_DUPLICATES]
    assert not extra, "\n".join(messages(extra, PAGE))


def test_each_known_duplicate_still_exists():
    stories = {s.split(":")[0] for s in stride_stories(ROOT / "snippets", ROOT)}
    gone = sorted(KNOWN_DUPLICATES - stories)
    assert not gone, f"{gone}: no longer prints the stride view; remove it from KNOWN_DUPLICATES in {Path(__file__).name}"


def test_a_second_stride_story_is_caught():
    stories = stride_stories(BAD, BAD)
    assert stories == ["01_canonical_view.py:6", "02_told_again.py:6"], stories
    extra = duplicates(stories, "01_canonical_view.py")
    assert messages(extra, "its page") == [
        "02_told_again.py:6: prints the stride view of a transpose again; link to its page instead"
    ]
