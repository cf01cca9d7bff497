"""The theme's palette style sheet loses the one rule that restyles every element on each page load.

sitebuild/start_up.py says why; the build (hooks/page_weight.py) applies it and refuses a sheet whose
rule changed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import load_hook
from mkdocs.exceptions import PluginError

from sitebuild.start_up import REMOVED, SWITCHING_RULE, StartUpError, drop_switching_rule, palette_sheets

BAD_THEME = Path(__file__).parent / "bad_theme"


def test_the_built_palette_sheet_has_no_switching_rule(built_site: Path):
    sheets = palette_sheets(built_site)
    assert len(sheets) == 1, sheets
    css = sheets[0].read_text(encoding="utf-8")
    assert not SWITCHING_RULE.search(css) and REMOVED in css
    assert "[data-md-color-scheme=slate]" in css, "the rest of the sheet is gone too"


def test_removing_the_rule_twice_changes_nothing(built_site: Path):
    css = palette_sheets(built_site)[0].read_text(encoding="utf-8")
    assert drop_switching_rule(css, "palette.css") == css


def test_a_changed_switching_rule_fails_naming_the_sheet():
    sheet = BAD_THEME / "palette.changed-switching-rule.min.css"
    with pytest.raises(StartUpError, match=r"palette\.changed-switching-rule\.min\.css: expected Material's rule .* found it 0 times"):
        drop_switching_rule(sheet.read_text(encoding="utf-8"), str(sheet))


def test_the_build_fails_on_a_changed_switching_rule(tmp_path: Path):
    stylesheets = tmp_path / "assets" / "stylesheets"
    stylesheets.mkdir(parents=True)
    bad = (BAD_THEME / "palette.changed-switching-rule.min.css").read_bytes()
    (stylesheets / "palette.0123abcd.min.css").write_bytes(bad)
    hook = load_hook("page_weight.py", "page_weight_hook")
    with pytest.raises(PluginError, match=r"palette\.0123abcd\.min\.css: expected Material's rule"):
        hook.on_post_build({"site_dir": str(tmp_path)})
    with pytest.raises(PluginError, match=r"no palette\.\*\.min\.css"):
        hook.on_post_build({"site_dir": str(tmp_path / "empty")})
