"""docs_harness.binding: which expression each shape an exception's handler prints belongs to."""

from __future__ import annotations

from pathlib import Path

from docs_harness.binding import shown_shapes
from docs_harness.markdown import Line

MESSAGE = "#> mat1 and mat2 shapes cannot be multiplied (20x128 and 20x30)"


def shown(code: str) -> dict[tuple[int, ...], set[str]]:
    lines = [Line(text, Path("page.md"), k) for k, text in enumerate(code.splitlines(), 1)]
    found, _ = shown_shapes([("python", lines, 1)])
    return {s.shape: s.keys for s in found}


HANDLED = """\
import torch
layer = torch.nn.Linear(20, 30)
x = torch.randn(128, 20)
try:
{body}
except RuntimeError as error:
    print({printed})
""" + MESSAGE


def test_a_handler_printing_the_error_of_one_product_gives_its_operands():
    for printed in ("error", "str(error)", 'f"{error}"'):
        keys = shown(HANDLED.format(body="    layer(x.T)", printed=printed))
        assert "layer(x.T).mat1" in keys[(20, 128)], printed
        assert "layer.weight.T" in keys[(20, 30)], printed


def test_a_try_body_with_two_products_or_a_handler_printing_something_else_is_not_read():
    two = shown(HANDLED.format(body="    y = layer(x)\n    layer(x.T)", printed="error"))
    assert two[(20, 128)] == {"error"} and two[(20, 30)] == {"error"}  # which of them raised, the code does not say
    other = shown(HANDLED.format(body="    layer(x.T)", printed="x"))
    assert not any(k.endswith(".mat1") for k in other[(20, 128)])
