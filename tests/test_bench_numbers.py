"""sitebuild.bench_numbers: benchmark numbers in prose come from bench/results/*.json, and a bad placeholder fails."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT, mkdocs_build, one_page_site

from sitebuild.bench_numbers import BenchNumberError, fill

RESULTS = ROOT / "bench" / "results"
BAD = ROOT / "tests" / "bad_sites" / "bad_bench_number.md"
PAGES = [ROOT / "docs" / "internals" / "is-the-transpose-slow.md", ROOT / "docs" / "internals" / "is-the-transpose-slow.zh.md"]


def transpose() -> dict:
    return json.loads((RESULTS / "transpose.json").read_text(encoding="utf-8"))


def row(batch: int, in_features: int, out_features: int) -> dict:
    (match,) = [r for r in transpose()["sizes"] if (r["batch"], r["in_features"], r["out_features"]) == (batch, in_features, out_features)]
    return match


def test_placeholders_take_the_measured_values():
    big = row(512, 4096, 4096)
    one = row(1, 4096, 4096)
    text = (
        "{{bench:transpose.512x4096x4096.ratio}} {{bench:transpose.512x4096x4096.out_in_wins}} "
        "{{bench:transpose.1x4096x4096.ms_copy_each_call}} {{bench:transpose.1x4096x4096.copy_mib}} "
        "{{bench:transpose.measured_on}} {{bench:transpose.machine.cores}}"
    )
    expected = (
        f"{big['ratio']:.2f} {big['out_in_wins']} {one['ms_copy_each_call']:.1f} "
        f"{one['copy_bytes'] // 2**20} {transpose()['measured_on']} {transpose()['machine']['cores']}"
    )
    assert fill(text, RESULTS, "page.md") == expected


def test_a_page_without_placeholders_is_left_alone():
    assert fill("ratio 1.00 {{other}}", RESULTS, "page.md") == "ratio 1.00 {{other}}"


def test_a_bad_placeholder_names_file_line_and_the_known_keys():
    with pytest.raises(BenchNumberError) as info:
        fill(BAD.read_text(encoding="utf-8").split("---\n", 2)[2], RESULTS, "bad.md", first_line=4)
    messages = [p.message for p in info.value.problems]
    assert len(messages) == 3
    assert messages[0].startswith(
        "bad.md:7: {{bench:transpose.512x4096x4096.ratoi}} names no value in bench/results/transpose.json; "
        "use one of: transpose.measured_on, "
    )
    assert messages[0].endswith(
        "transpose.rounds, transpose.<size>.{ms_out_in, ms_in_out, ratio, out_in_wins, ms_copy_each_call, copy_bytes, copy_mib} "
        "with <size> one of 512x4096x4096, 8192x1024x1024, 1x4096x4096, 128x20x30"
    )
    assert messages[1] == (
        "bad.md:9: {{bench:nosuchbench.rounds}} reads bench/results/nosuchbench.json, which cannot be loaded "
        "(FileNotFoundError); write it with scripts/bench_nosuchbench.py --json bench/results/nosuchbench.json"
    )
    assert messages[2] == "bad.md:11: an unclosed or malformed {{bench:...}} placeholder; write {{bench:<file>.<key>}} with no spaces"


def test_a_bad_placeholder_fails_the_build(tmp_path):
    result = mkdocs_build(one_page_site(tmp_path, BAD), tmp_path / "site", cwd=tmp_path)
    assert result.returncode != 0
    assert "docs/index.md:7: {{bench:transpose.512x4096x4096.ratoi}} names no value in bench/results/transpose.json" in result.stderr


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_the_transpose_page_says_when_and_where_from_the_result_file(page: Path):
    text = page.read_text(encoding="utf-8")
    for key in ("measured_on", "machine.cpu", "machine.cores", "machine.load_average_at_start", "threads", "rounds"):
        assert f"{{{{bench:transpose.{key}}}}}" in text, f"{page.name}: no {{{{bench:transpose.{key}}}}}"


def test_the_committed_run_supports_what_the_transpose_page_concludes():
    """The page's prose draws conclusions from the numbers; a rerun that contradicts them fails here."""
    run = transpose()
    # "one shared x86-64 machine with oneMKL"
    assert run["machine"]["arch"] == "x86_64" and run["machine"]["blas"] == "mkl", run["machine"]
    # "In every size each layout was the faster one in some rounds and the slower one in others"
    for r in run["sizes"]:
        assert 0 < r["out_in_wins"] < run["rounds"], f"{r}: one layout won every round; rewrite the page's conclusion"
    # "a single sample took ... ms with either layout and ... ms when the weight was copied on each call"
    one = row(1, 4096, 4096)
    assert one["ms_copy_each_call"] > 3 * max(one["ms_out_in"], one["ms_in_out"]), one
