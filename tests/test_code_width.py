"""Code fits its block at 1280 px: page fences and snippet files are held to the width the browser shows."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

from sitebuild.code_width import CODE_COLUMNS, LongLine, long_fence_lines

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def fence_problems(pages: list[Path]) -> list[str]:
    problems = []
    for page in pages:
        for long in long_fence_lines(page.read_text(encoding="utf-8")):
            problems.append(
                f"{page.relative_to(ROOT)}:{long.line}: a code line of {long.width} characters runs past the code block "
                f"({CODE_COLUMNS} fit at 1280 px); wrap it"
            )
    return problems


def test_page_fences_fit_the_code_block():
    problems = fence_problems(sorted(DOCS.rglob("*.md")))
    assert not problems, "\n".join(problems)


def test_a_long_fence_line_is_found():
    bad = ROOT / "tests" / "bad_sites" / "long_code_line.md"
    assert long_fence_lines(bad.read_text(encoding="utf-8")) == [LongLine(6, 88)]
    (message,) = fence_problems([bad])
    assert message.startswith("tests/bad_sites/long_code_line.md:6: a code line of 88 characters runs past the code block")


def test_snippets_are_linted_at_the_same_width():
    config = tomllib.loads((ROOT / "snippets" / "ruff.toml").read_text(encoding="utf-8"))
    assert config["line-length"] == CODE_COLUMNS


def test_ruff_rejects_a_snippet_line_one_character_too_long():
    bad = ROOT / "tests" / "bad_lint" / "long_snippet_line.py"
    assert max(len(line) for line in bad.read_text(encoding="utf-8").splitlines()) == CODE_COLUMNS + 1
    ruff = Path(sys.executable).with_name("ruff")
    result = subprocess.run(
        [str(ruff), "check", "--no-cache", "--config", str(ROOT / "snippets" / "ruff.toml"), "--select", "E501", str(bad)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 1 and "E501 Line too long (79 > 78)" in result.stdout, result.stdout + result.stderr


_MEASURE_JS = """() => {
  const code = document.querySelector('.md-content pre > code');
  const probe = document.createElement('span');
  probe.textContent = 'x'.repeat(100);
  code.prepend(probe);
  const char = probe.getBoundingClientRect().width / 100;
  const start = probe.getBoundingClientRect().left;
  probe.remove();
  const box = code.getBoundingClientRect();
  const style = getComputedStyle(code);
  const button = code.parentElement.querySelector('.md-code__button');
  return {char, start, textEnd: box.right - parseFloat(style.paddingRight),
          button: button ? button.getBoundingClientRect().left : null};
}"""


def test_the_measured_width_holds_the_limit_clear_of_the_copy_button(browser, site_server):
    """CODE_COLUMNS characters of the code font fit a 1280 px code block, and end left of its copy button."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(site_server + "faq/", wait_until="load")
        page.locator(".md-content pre .md-code__button").first.wait_for(state="attached")
        m = page.evaluate(_MEASURE_JS)
        end = m["start"] + CODE_COLUMNS * m["char"]
        assert end <= m["textEnd"] + 0.5, f"{CODE_COLUMNS} characters end at {end:.1f} px, past the text area ({m['textEnd']:.1f} px)"
        assert m["button"] is not None and end <= m["button"], f"{CODE_COLUMNS} characters end at {end:.1f} px, under the copy button at {m['button']:.1f} px"
    finally:
        context.close()
