"""Recorded subjects (docs_harness/subjects.py, shape-subjects.json): a claim whose words name no tensor the
binding can find is held against the expressions recorded for it, and the record is kept up to date."""

from __future__ import annotations

import fnmatch
import importlib.util
import json
import shutil
from pathlib import Path

import pytest

from docs_harness import binding, subjects

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("claim_binding", ROOT / "scripts" / "claim_binding.py")
claim_binding = importlib.util.module_from_spec(spec)
spec.loader.exec_module(claim_binding)


def check(copy: Path, rel: str, record: subjects.Record | None = None) -> list[str]:
    blocks, spans = claim_binding.page_blocks(copy, [ROOT / "snippets", ROOT, (ROOT / rel).parent / "snippets"])
    bad, _, _ = binding.check_page(copy, Path(rel), ROOT, blocks, spans, claim_binding.printed_text(blocks), record=record)
    return bad


# (page, the text, the swap, the message): claims whose words name no tensor, or one printed with several
# shapes; "printed somewhere on the page" passed each swap, because the page prints the swapped shape too
SWAPS = [
    ("docs/faq.md", "even though its weight is\n`[30, 20]`", "even though its weight is\n`[20, 30]`",
     'docs/faq.md:44: claim "*" says [[]20, 30], but `*` (its recorded subject) printed [[]30, 20] *'),
    ("docs/frameworks/other-frameworks.md", "| PyTorch | `nn.Linear(20, 30)` | `weight` `(30, 20)`",
     "| PyTorch | `nn.Linear(20, 30)` | `weight` `(20, 30)`",
     'docs/frameworks/other-frameworks.md:22: claim "*" says [[]20, 30], but `*` (its recorded subject) printed [[]30, 20] *'),
    ("docs/frameworks/other-frameworks.md", "| PaddlePaddle | `paddle.nn.Linear(20, 30)` | `weight` `[20, 30]`",
     "| PaddlePaddle | `paddle.nn.Linear(20, 30)` | `weight` `[30, 20]`",
     'docs/frameworks/other-frameworks.md:34: claim "*" says [[]30, 20], but `*` (its recorded subject) printed [[]20, 30] *'),
    # `mat1` is printed by two blocks' `layer(x)` with two different `x`: recorded with the argument spelled out
    ("docs/errors/reading-error-messages.md", "| `mat1`, `128x25` |", "| `mat1`, `28x25` |",
     'docs/errors/reading-error-messages.md:23: claim "*" says [[]28, 25], but `*(torch.randn(128, 25)).mat1` (its recorded subject) '
     "printed [[]128, 25] *"),
    # the profiler's addmm, printed with its arguments' names: `mat1` is the batch as addmm receives it
    ("docs/internals/how-pytorch-computes-it.md", "For one forward pass of a\n`[128, 20]` batch", "For one forward pass of a\n`[1, 20]` batch",
     'docs/internals/how-pytorch-computes-it.md:95: claim "*" says [[]1, 20], but `mat1` (its recorded subject) printed [[]128, 20] *'),
    # the swapped shape is printed by output no expression is known for (Inductor's code): that excuses no record
    ("docs/internals/compilers-and-exporters.md", "keeps PyTorch's `[30, 20]` layout", "keeps PyTorch's `[20, 30]` layout",
     'docs/internals/compilers-and-exporters.md:66: claim "*" says [[]20, 30], but `* printed by tensor.name, list(tensor.dims)` '
     "(its recorded subject) printed [[]30, 20] *"),
]


@pytest.mark.parametrize(
    ("rel", "text", "swap", "message"), SWAPS, ids=["faq weight", "table PyTorch", "table Paddle", "mat1 of two blocks", "profiler", "no excuse"]
)
def test_a_swap_the_words_cannot_bind_is_caught_by_the_recorded_subject(tmp_path, rel, text, swap, message):
    original = (ROOT / rel).read_text(encoding="utf-8")
    assert original.count(text) == 1, text
    copy = tmp_path / Path(rel).name
    copy.write_text(original, encoding="utf-8")
    assert check(copy, rel) == []
    copy.write_text(original.replace(text, swap), encoding="utf-8")
    bad = check(copy, rel)
    assert len(bad) == 1 and fnmatch.fnmatch(bad[0], message), bad
    empty = subjects.Record(tmp_path)  # without the record the same swap passes: the guard is the record
    assert check(copy, rel, empty) == []


SPELLED_OUT = """# Spelled out

```python
import torch

x = torch.randn(128, 20)
for name, given in [("addmm", [[30], [128, 20], [20, 30]])]:
    print(name, given)
#> addmm [[30], [128, 20], [20, 30]]
```

One forward pass of a `[128, 20]` batch.
"""


def test_a_prose_claim_no_expression_printed_is_recorded_against_the_code_that_spells_it_out(tmp_path):
    """No expression printed `[128, 20]` (only a list of shapes under a label, which names none of them): the
    record holds the claim to `torch.randn(128, 20)`, whose shape the code spells out."""
    rel = "docs/spelled-out.md"
    copy = tmp_path / "spelled-out.md"
    copy.write_text(SPELLED_OUT, encoding="utf-8")
    recording = subjects.Record(tmp_path, recording=True)
    assert check(copy, rel, recording) == []
    assert recording.recorded() == {rel: {"One forward pass of a `[#, #]` batch.": [["torch.randn(128, 20)"]]}}
    record = subjects.Record(tmp_path)
    record.pages = recording.recorded()
    copy.write_text(SPELLED_OUT.replace("a `[128, 20]` batch", "a `[20, 30]` batch"), encoding="utf-8")
    bad = check(copy, rel, record)
    message = f'{rel}:12: claim "*" says [[]20, 30], but `torch.randn(128, 20)` (its recorded subject) is built as [[]128, 20] *'
    assert len(bad) == 1 and fnmatch.fnmatch(bad[0], message), bad
    assert check(copy, rel, subjects.Record(tmp_path)) == [], "without the record the swap passes: the guard is the record"


def test_a_record_the_page_no_longer_bears_out_is_reported(tmp_path):
    """A recorded expression the page stopped printing binds nothing in the check (the claim falls back), and the
    record test names the sentence: its shape is now printed by other expressions."""
    rel = "docs/faq.md"
    on_file = json.loads((ROOT / subjects.FILE).read_text(encoding="utf-8"))
    sentence = next(k for k in on_file[rel] if "even though its weight is" in k)
    on_file[rel][sentence] = [["nn.Linear(99, 99).weight"]]
    fresh = claim_binding.recording(claim_binding.all_pages()).recorded()
    problems = subjects.differences(on_file, fresh)
    assert len(problems) == 1 and problems[0].startswith(f'{rel}: claim "{sentence}" is recorded as [[\'nn.Linear(99, 99).weight\']], but'), problems
    record = subjects.Record(ROOT)
    record.pages = on_file
    copy = tmp_path / "faq.md"
    copy.write_text((ROOT / rel).read_text(encoding="utf-8"), encoding="utf-8")
    assert check(copy, rel, record) == []


def test_the_record_matches_the_pages():
    """shape-subjects.json is what `make claims` would write now: a new claim no words bind, or a sentence
    rewritten, must be recorded (and its diff reviewed), and a recorded claim the page dropped goes."""
    on_file = json.loads((ROOT / subjects.FILE).read_text(encoding="utf-8"))
    fresh = claim_binding.recording(claim_binding.all_pages()).recorded()
    assert on_file, "the record is empty: the test proves nothing"
    problems = subjects.differences(on_file, fresh)
    assert not problems, "\n".join(problems)


def test_a_stale_record_names_each_sentence():
    on_file = {"docs/a.md": {"The result is `[#, #]`.": [["y"]], "Gone `[#]`.": [["b"]]}}
    fresh = {"docs/a.md": {"The result is `[#, #]`.": [["W.T"]], "New `[#]`.": [["b"]]}}
    assert subjects.differences(on_file, fresh) == [
        "docs/a.md: records \"Gone `[#]`.\", which the page no longer says; run `make claims`".replace(
            "docs/a.md: records", "docs/a.md: shape-subjects.json records"),
        'docs/a.md: claim "New `[#]`." has no recorded subject; run `make claims` and review the diff of shape-subjects.json',
        "docs/a.md: claim \"The result is `[#, #]`.\" is recorded as [['y']], but its shape is now printed by [['W.T']]; "
        "run `make claims` if the sentence means the new expressions, else fix the claim",
    ]


def test_a_broken_record_names_its_line(tmp_path):
    (tmp_path / subjects.FILE).write_text('{\n "docs/a.md": {\n  "x": [["y"]],\n }\n}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"^shape-subjects\.json:4: .*; run make claims to write it again$"):
        subjects.Record(tmp_path)


# (page, its snippet, the text, the swap): comment and docstring claims whose words bind nothing, or a role word
# printed with several shapes on the page, that their own block prints nothing for; the record holds them to
# what their block spells out (`torch.zeros(2, 3, 4)`) or to the role's own tensor (the weight `nn.Linear(20, 30)`)
COMMENT_SWAPS = [
    ("docs/reference/transposes.md", "reference/transposes/03_t_refuses_3d.py", "a [2, 3, 4] tensor raises", "a [4, 3, 2] tensor raises"),
    ("docs/faq.md", "faq/10_params_and_flops.py", "a [128, 20] forward", "a [28, 20] forward"),
    ("docs/background/initialisation.md", "background/initialisation/02_gain_and_bound.py", "on a [30, 20] weight", "on a [20, 30] weight"),
    # load_state_dict's size mismatch: the checkpoint's shape is `state['weight']`'s, the model's `linear.weight`'s
    ("docs/frameworks/porting-weights.md", "frameworks/porting_weights/03_load_state_dict_without_transpose_fails.py",
     "a Keras kernel (20, 30)", "a Keras kernel (30, 20)"),
]
WITHOUT_A_RECORD = {"a Keras kernel (30, 20)"}  # caught without the record too: "kernel" binds it to the page's kernel


@pytest.mark.parametrize(
    ("rel", "snippet", "text", "swap"), COMMENT_SWAPS, ids=["spelled out", "spelled out faq", "role word", "state dict"]
)
def test_a_comment_swap_its_block_shows_nothing_for_is_caught_by_the_recorded_subject(tmp_path, rel, snippet, text, swap):
    shutil.copytree(ROOT / "snippets", tmp_path / "snippets")
    copy = tmp_path / Path(rel).name
    copy.write_text((ROOT / rel).read_text(encoding="utf-8"), encoding="utf-8")
    path = tmp_path / "snippets" / snippet
    original = path.read_text(encoding="utf-8")
    assert original.count(text) == 1, text

    def check_copy(record=None):
        blocks, spans = claim_binding.page_blocks(copy, [tmp_path / "snippets", ROOT, (ROOT / rel).parent / "snippets"])
        bad, _, _ = binding.check_page(copy, Path(rel), ROOT, blocks, spans, claim_binding.printed_text(blocks), record=record)
        return bad

    assert check_copy() == []
    path.write_text(original.replace(text, swap), encoding="utf-8")
    bad = check_copy()
    assert len(bad) == 1 and fnmatch.fnmatch(bad[0], f"*{Path(snippet).name}:1: claim * (its recorded subject) * [[]*"), bad
    if swap not in WITHOUT_A_RECORD:
        assert check_copy(subjects.Record(tmp_path)) == [], "without the record the swap passes: the guard is the record"
