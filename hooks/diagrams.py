"""Diagrams drawn from real tensors: nn.Linear is run, checked, and its observed shapes become the labels.

The plain functions (``observe``, ``shapes_svg``, ``path_svg``, ``rows_vs_columns_svg``, ``diagrams``) know
nothing about MkDocs; ``on_files`` at the bottom is the thin MkDocs hook that adds their output to the
built site as generated files, so no SVG is ever committed. Every label that names a shape, a stride or an
operator is read from a tensor, from nn.Linear's source or from y's autograd graph, never typed in.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import json
import math
import os
import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

if TYPE_CHECKING:  # torch itself is imported by observe(), only when a diagram is drawn
    import torch
    from torch import nn


SEED = 0
BATCH, IN_FEATURES, OUT_FEATURES = 128, 20, 30  # the example in PyTorch's nn.Linear docstring
OUT_DIR = "assets/diagrams"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
MONO = "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace"


class DiagramError(AssertionError):
    """PyTorch did not behave the way the diagram would claim; the build must stop."""


def check(condition: bool, message: str) -> None:
    """An assert that survives ``python -O``."""
    if not condition:
        raise DiagramError(message)


# ------------------------------------------------------------------ observation


@dataclass(frozen=True)
class Observation:
    """Everything the diagrams say, as measured on a real layer."""

    x_shape: tuple[int, ...]
    weight_shape: tuple[int, ...]
    weight_stride: tuple[int, ...]
    weight_t_shape: tuple[int, ...]
    weight_t_stride: tuple[int, ...]
    bias_shape: tuple[int, ...]
    y_shape: tuple[int, ...]
    x0_shape: tuple[int, ...]  # one sample, the textbook's column vector
    y0_shape: tuple[int, ...]
    forward_line: str  # the line of nn.Linear.forward that does the work
    function_called: str  # what nn.Linear.forward called, as seen by a TorchFunctionMode
    aten_ops: tuple[str, ...]  # the aten ops that ran, in order, read from y's autograd graph
    addmm_arg_shapes: tuple[tuple[int, ...], ...]  # (bias, x, weight.t()) as addmm received them
    x_t_shape: tuple[int, ...]  # the batch as columns, X^T
    y_cols_shape: tuple[int, ...]  # W @ X^T: the batch's outputs as columns
    grad_y_shape: tuple[int, ...]  # G = dL/dy, what backward receives
    grad_y_t_shape: tuple[int, ...]
    weight_grad_shape: tuple[int, ...]  # weight.grad after y.backward(G)


def _function_log():
    """A TorchFunctionMode that records every torch function called while it is active."""
    from torch.overrides import TorchFunctionMode

    class FunctionLog(TorchFunctionMode):
        def __init__(self) -> None:
            super().__init__()
            self.calls: list = []

        def __torch_function__(self, func, types, args=(), kwargs=None):
            self.calls.append(func)
            return func(*args, **(kwargs or {}))

    return FunctionLog()


def _op_name(node) -> str:
    """``AddmmBackward0`` -> ``aten::addmm``: autograd names each node after the aten op it differentiates."""
    name = node.name()
    check(name.endswith("Backward0"), f"unexpected autograd node {name}")
    return "aten::" + name.removesuffix("Backward0").lower()


def _storage_of(t: torch.Tensor) -> int:
    return t.untyped_storage().data_ptr()


def observe(layer: nn.Module | None = None, x: torch.Tensor | None = None) -> Observation:
    """Run ``layer`` on ``x`` (by default nn.Linear(20, 30) on a seeded [128, 20]) and check what it did."""
    import torch  # here, not at the top: a build whose pages show no diagram never imports torch
    import torch.nn.functional as F
    from torch import nn

    torch.manual_seed(SEED)
    if layer is None:
        layer = nn.Linear(IN_FEATURES, OUT_FEATURES)
    if x is None:
        x = torch.randn(BATCH, layer.weight.shape[1])  # (B, in): one sample per row
    weight, bias = layer.weight, layer.bias

    with _function_log() as functions:
        y = layer(x)  # (B, out); autograd records the aten ops that ran, cheaper than a dispatch mode or profiler
    with torch.no_grad():
        weight_t = weight.T  # (in, out)

        check(y.shape == (*x.shape[:-1], weight.shape[0]), f"y has shape {list(y.shape)}, expected [B, out]")
        check(torch.allclose(y, x @ weight.T + bias), "layer(x) differs from x @ weight.T + b")
        check(weight_t.shape == weight.shape[::-1], "weight.T does not swap the two dimensions")
        check(_storage_of(weight_t) == _storage_of(weight), "weight.T does not share storage with weight")
        check(weight_t.data_ptr() == weight.data_ptr(), "weight.T does not start where weight starts")
        check(weight_t.stride() == weight.stride()[::-1], "weight.T is not weight with its strides swapped")

        # The textbook's single sample: a column vector x0 [in] gives W x0 + b.
        x0 = x[0]  # (in,)
        y0 = layer(x0)  # (out,)
        check(torch.allclose(y0, weight @ x0 + bias), "layer(x0) differs from W @ x0 + b")
        check(torch.allclose(y[0], y0), "row 0 of the batch differs from the single sample")

        # The same batch as columns, the textbook's W X^T: the transpose of y, bias added down each column.
        x_t = x.T  # (in, B)
        y_cols = weight @ x_t  # (out, B)
        check(y_cols.shape == y.shape[::-1], f"W @ X.T has shape {list(y_cols.shape)}, expected [out, B]")
        check(torch.allclose(y_cols + bias[:, None], y.T, atol=1e-6), "W @ X.T + b is not the transpose of layer(x)")

    # nn.Linear.forward is one line that hands the work to F.linear ...
    source = inspect.getsource(type(layer).forward)
    returns = [line.strip() for line in source.splitlines() if line.strip().startswith("return ")]
    check(len(returns) == 1, f"{type(layer).__name__}.forward has {len(returns)} return lines, expected 1")
    forward_line = returns[0]
    check("F.linear(" in forward_line, f"forward does not call F.linear: {forward_line!r}")
    torch_functions = [f for f in functions.calls if f is F.linear]
    check(len(torch_functions) == 1, "layer(x) did not call F.linear exactly once")
    function_called = f"{F.linear.__module__}.{F.linear.__name__}"

    # ... which reaches the dispatcher as a free transpose and one fused addmm(bias, x, weight.t()).
    addmm = y.grad_fn
    check(addmm is not None and addmm.name() == "AddmmBackward0", f"y came from {addmm}, expected addmm")
    (bias_node, _), _, (t_node, _) = addmm.next_functions
    check(bias_node is not None and bias_node.variable is bias, "addmm's first argument is not the bias")
    check(addmm._saved_mat1.data_ptr() == x.data_ptr(), "addmm's second argument is not x")
    check(t_node is not None and t_node.name() == "TBackward0", "addmm's third argument is not a transpose")
    check(t_node.next_functions[0][0].variable is weight, "aten::t was not applied to the weight")
    check(tuple(addmm._saved_mat2_sym_strides) == weight_t.stride(), "addmm's third argument is not weight.t()")
    aten_ops = (_op_name(t_node), _op_name(addmm))
    addmm_arg_shapes = (tuple(bias.shape), tuple(addmm._saved_mat1_sym_sizes), tuple(addmm._saved_mat2_sym_sizes))

    # Backward: with G = dL/dy of shape [B, out], weight.grad is G.T @ X, of the weight's own shape [out, in].
    grad_y = torch.randn(y.shape)  # (B, out)
    weight.grad = None
    y.backward(grad_y)
    check(weight.grad is not None and weight.grad.shape == weight.shape, "weight.grad does not have the weight's shape")
    check(torch.allclose(weight.grad, grad_y.T @ x, atol=1e-5), "weight.grad differs from G.T @ X")
    check(bias.grad is not None and torch.allclose(bias.grad, grad_y.sum(0), atol=1e-5), "bias.grad differs from G summed over the batch")

    return Observation(
        x_shape=tuple(x.shape),
        weight_shape=tuple(weight.shape),
        weight_stride=tuple(weight.stride()),
        weight_t_shape=tuple(weight_t.shape),
        weight_t_stride=tuple(weight_t.stride()),
        bias_shape=tuple(bias.shape),
        y_shape=tuple(y.shape),
        x0_shape=tuple(x0.shape),
        y0_shape=tuple(y0.shape),
        forward_line=forward_line,
        function_called=function_called,
        aten_ops=aten_ops,
        addmm_arg_shapes=addmm_arg_shapes,
        x_t_shape=tuple(x_t.shape),
        y_cols_shape=tuple(y_cols.shape),
        grad_y_shape=tuple(grad_y.shape),
        grad_y_t_shape=tuple(grad_y.T.shape),
        weight_grad_shape=tuple(weight.grad.shape),
    )


@dataclass(frozen=True)
class KerasObservation:
    """A Keras Dense layer holding the same parameters as the PyTorch layer, as Keras lays them out."""

    kernel_shape: tuple[int, ...]
    bias_shape: tuple[int, ...]
    weight_shape: tuple[int, ...]  # the PyTorch layer's, for the side-by-side


def observe_keras(layer: nn.Module | None = None, x: torch.Tensor | None = None) -> KerasObservation:
    """Build keras.layers.Dense on the torch backend, load the PyTorch layer's parameters, compare outputs."""
    import os

    import torch
    from torch import nn

    saved = os.environ.get("KERAS_BACKEND")
    os.environ["KERAS_BACKEND"] = "torch"  # read once, when keras is first imported: no TensorFlow needed
    try:
        import keras
    finally:
        if saved is None:
            del os.environ["KERAS_BACKEND"]
        else:
            os.environ["KERAS_BACKEND"] = saved
    check(keras.backend.backend() == "torch", f"keras runs on {keras.backend.backend()}, expected torch")

    torch.manual_seed(SEED)
    if layer is None:
        layer = nn.Linear(IN_FEATURES, OUT_FEATURES)
    if x is None:
        x = torch.randn(BATCH, layer.weight.shape[1])  # (B, in)
    weight = layer.weight.detach().numpy()  # (out, in)
    dense = keras.layers.Dense(weight.shape[0])
    dense.build(tuple(x.shape))  # (B, in)
    kernel_shape = tuple(dense.kernel.shape)  # (in, out): Keras' own layout, before any weights are loaded
    check(kernel_shape == weight.shape[::-1], f"the Keras kernel is {list(kernel_shape)}, expected [in, out]")
    dense.set_weights([weight.T, layer.bias.detach().numpy()])
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # keras' numpy bridge on NumPy 2, not about this layer
        same = torch.allclose(torch.as_tensor(keras.ops.convert_to_numpy(dense(x.numpy()))), layer(x), atol=1e-5)
    check(same, "Dense with kernel = weight.T differs from the PyTorch layer")
    return KerasObservation(kernel_shape=kernel_shape, bias_shape=tuple(dense.bias.shape), weight_shape=weight.shape)


def shape_label(shape: tuple[int, ...]) -> str:
    """(128, 20) -> '[128, 20]', the way torch.Size prints its list."""
    return "[" + ", ".join(str(d) for d in shape) + "]"


def stride_label(stride: tuple[int, ...]) -> str:
    """(1, 20) -> '(1, 20)', the way Tensor.stride() prints."""
    return "(" + ", ".join(str(d) for d in stride) + ")"


# ------------------------------------------------------------------ SVG writing

# Text colours are checked against every fill in their palette for WCAG AA (4.5:1) in tests/test_diagrams.py.
PALETTES = {
    "light": {
        "bg": "#ffffff",
        "text": "#1f2328",
        "muted": "#454b54",
        "accent": "#283593",
        "stroke": "#5f6670",
        "x": "#fde3d3",
        "weight": "#e1e5fb",
        "bias": "#dcf1e2",
        "y": "#f5e1f2",
        "step": "#f1f3f5",
        "highlight": "#c2410c",
    },
    "dark": {
        "bg": "#1e2129",
        "text": "#eef0f4",
        "muted": "#c9ced8",
        "accent": "#c5cae9",
        "stroke": "#9aa1ad",
        "x": "#553220",
        "weight": "#2b3366",
        "bias": "#1f4a30",
        "y": "#4b2a47",
        "step": "#2b2f3a",
        "highlight": "#fdba74",
    },
}


def fmt(value: float) -> str:
    """Fixed formatting for coordinates, so output is byte-identical from build to build."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def element(tag: str, attrs: dict[str, object], text: str | None = None, children: list[str] | None = None) -> str:
    """One SVG element with its attributes sorted by name."""
    parts = []
    for key in sorted(attrs):
        value = attrs[key]
        if isinstance(value, float | int) and not isinstance(value, bool):
            value = fmt(value)
        parts.append(f"{key}={quoteattr(str(value))}")
    opening = f"<{tag}" + "".join(" " + p for p in parts)
    if text is not None:
        return f"{opening}>{escape(text)}</{tag}>"
    if children:
        return f"{opening}>" + "".join(children) + f"</{tag}>"
    return f"{opening}/>"


class Canvas:
    """Collects SVG elements in drawing order; every text element carries a data-role for the tests."""

    def __init__(self, width: float, height: float, palette: dict[str, str], title: str, desc: str) -> None:
        self.width, self.height, self.palette = width, height, palette
        # A drawing wider than the desktop column is shrunk to it: its text is drawn large enough
        # to stay MIN_TEXT px there (a 940 px drawing needs 15 px text to show 11 px at 1280 px).
        self.min_text = math.ceil(MIN_TEXT * max(width, DESKTOP_COLUMN) / DESKTOP_COLUMN * 10) / 10
        self.title, self.desc = title, desc
        self.items: list[str] = []
        self.rect(0, 0, width, height, fill="bg", stroke=None)

    def rect(self, x, y, w, h, *, fill: str, stroke: str | None = "stroke", dashed=False, rx=3.0, width=1.5):
        attrs: dict[str, object] = {"x": x, "y": y, "width": w, "height": h, "fill": self.palette[fill]}
        if stroke:
            attrs.update({"stroke": self.palette[stroke], "stroke-width": width, "rx": rx})
        if dashed:
            attrs["stroke-dasharray"] = "6 4"
        self.items.append(element("rect", attrs))

    def text(self, x, y, content, *, role: str, size=15.0, color="text", anchor="middle", bold=False, mono=False):
        attrs: dict[str, object] = {
            "x": x,
            "y": y,
            "fill": self.palette[color],
            "font-size": fmt(max(size, self.min_text)),
            "text-anchor": anchor,
            "font-family": MONO if mono else FONT,
            "data-role": role,
        }
        if bold:
            attrs["font-weight"] = "600"
        self.items.append(element("text", attrs, text=content))

    def line(self, x1, y1, x2, y2, *, color="stroke", arrow=False, dashed=False, width=1.5):
        attrs: dict[str, object] = {"x1": x1, "y1": y1, "x2": x2, "y2": y2, "stroke": self.palette[color]}
        attrs["stroke-width"] = width
        if arrow:
            attrs["marker-end"] = "url(#arrow)"
        if dashed:
            attrs["stroke-dasharray"] = "6 4"
        self.items.append(element("line", attrs))

    def svg(self) -> str:
        marker = element(
            "marker",
            {
                "id": "arrow",
                "markerHeight": 8,
                "markerWidth": 8,
                "orient": "auto-start-reverse",
                "refX": 8,
                "refY": 4,
                "viewBox": "0 0 8 8",
            },
            children=[element("path", {"d": "M0,0 L8,4 L0,8 z", "fill": self.palette["stroke"]})],
        )
        head = [
            element("title", {"id": "title"}, text=self.title),
            element("desc", {"id": "desc"}, text=self.desc),
            element("defs", {}, children=[marker]),
        ]
        root = element(
            "svg",
            {
                "xmlns": "http://www.w3.org/2000/svg",
                "role": "img",
                "aria-labelledby": "title desc",
                "viewBox": f"0 0 {fmt(self.width)} {fmt(self.height)}",
                "width": self.width * ZOOM,  # the intrinsic size, what the lightbox can zoom to
                "height": self.height * ZOOM,
            },
            children=head + self.items,
        )
        return root + "\n"


DESKTOP_COLUMN = 688.0  # Material's content column at a 1280 px viewport, where a wide drawing is shown
MIN_TEXT = 11.0  # CSS px: no label is shown smaller than this, at 1280 px or in a phone's column
ZOOM = 2  # an SVG's intrinsic size is twice its drawing: the page shows it at 1x, the lightbox up to 2x
NARROW = 320.0  # width of the portrait drawings phones get: shown at 1x in a 360 px viewport's column
UNIT = 3.0  # pixels per element along an axis
MAX_SIDE = 192.0  # long axes (the batch) are drawn shortened, not to scale
MIN_SIDE = 12.0  # a 1-D tensor is drawn as a thin bar


def side(n: int, longest: float = MAX_SIDE) -> float:
    return max(MIN_SIDE, min(longest, n * UNIT))


def box_size(shape: tuple[int, ...], *, column: bool = False, longest: float = MAX_SIDE) -> tuple[float, float]:
    """(width, height) of a tensor drawn as rows x columns; a 1-D tensor is a row, or a column if asked."""
    if len(shape) == 1:
        return (MIN_SIDE, side(shape[0], longest)) if column else (side(shape[0], longest), MIN_SIDE)
    rows, cols = shape[-2], shape[-1]
    return side(cols, longest), side(rows, longest)


def tensor_box(canvas: Canvas, cx, cy, shape, *, name, role, fill, column=False, dashed=False, name_color="text", longest=MAX_SIDE):
    """A tensor as a box centred on (cx, cy), its name above and its observed shape below."""
    w, h = box_size(shape, column=column, longest=longest)
    canvas.rect(cx - w / 2, cy - h / 2, w, h, fill=fill, dashed=dashed)
    canvas.text(cx, cy - h / 2 - 10, name, role=f"{role}-name", bold=True, color=name_color)
    canvas.text(cx, cy + h / 2 + 22, shape_label(shape), role=f"{role}-shape", mono=True)
    return w, h


def operator(canvas: Canvas, cx, cy, symbol: str, role: str) -> None:
    canvas.text(cx, cy + 7, symbol, role=role, size=22, bold=True)


# ------------------------------------------------------------------ the three diagrams


def _shapes_title_desc(obs: Observation) -> tuple[str, str]:
    x, wt, b, y, w = obs.x_shape, obs.weight_t_shape, obs.bias_shape, obs.y_shape, obs.weight_shape
    title = f"Shapes in nn.Linear({w[1]}, {w[0]}) on a batch of {x[0]}"
    desc = (
        f"x {shape_label(x)} times weight.T {shape_label(wt)} plus bias {shape_label(b)} gives "
        f"y {shape_label(y)}. The stored weight is {shape_label(w)} with strides {stride_label(obs.weight_stride)}; "
        f"weight.T is a view of it with strides {stride_label(obs.weight_t_stride)}, no copy. "
        "Boxes are drawn to scale except the batch axis, which is shortened."
    )
    return title, desc


def shapes_svg(obs: Observation, scheme: str) -> str:
    """x [B, in] times weight.T [in, out] plus b [out] gives y [B, out]; weight.T is a view of weight [out, in]."""
    p = PALETTES[scheme]
    x, wt, b, y, w = obs.x_shape, obs.weight_t_shape, obs.bias_shape, obs.y_shape, obs.weight_shape
    canvas = Canvas(720, 490, p, *_shapes_title_desc(obs))
    cy = 150.0
    centers = {"x": 90.0, "op1": 160.0, "wt": 250.0, "op2": 345.0, "b": 440.0, "op3": 535.0, "y": 625.0}
    tensor_box(canvas, centers["x"], cy, x, name="x", role="x", fill="x")
    operator(canvas, centers["op1"], cy, "×", "op-times")
    _, wt_h = tensor_box(canvas, centers["wt"], cy, wt, name="weight.T", role="weight-t", fill="weight", dashed=True)
    operator(canvas, centers["op2"], cy, "+", "op-plus")
    tensor_box(canvas, centers["b"], cy, b, name="b", role="bias", fill="bias")
    operator(canvas, centers["op3"], cy, "=", "op-equals")
    tensor_box(canvas, centers["y"], cy, y, name="y", role="y", fill="y")
    canvas.text(centers["b"], cy + 48, "added to every row", role="bias-note", size=13, color="muted")

    # The stored weight below weight.T, and the view that connects them.
    wcy = 400.0
    w_w, w_h = box_size(w)
    canvas.rect(centers["wt"] - w_w / 2, wcy - w_h / 2, w_w, w_h, fill="weight")
    canvas.text(centers["wt"], wcy + w_h / 2 + 22, shape_label(w), role="weight-shape", mono=True)
    canvas.text(centers["wt"] - w_w / 2 - 14, wcy - 8, "layer.weight", role="weight-name", bold=True, anchor="end")
    canvas.text(
        centers["wt"] - w_w / 2 - 14,
        wcy + 14,
        f"stored, strides {stride_label(obs.weight_stride)}",
        role="weight-stride",
        size=13,
        color="muted",
        anchor="end",
    )
    canvas.line(centers["wt"], wcy - w_h / 2 - 6, centers["wt"], cy + wt_h / 2 + 32, color="accent", arrow=True)
    canvas.text(
        centers["wt"] + 14,
        (wcy - w_h / 2 + cy + wt_h / 2) / 2 + 14,
        f"view: strides {stride_label(obs.weight_t_stride)}, no copy",
        role="weight-t-view",
        color="accent",
        anchor="start",
        bold=True,
    )
    canvas.text(
        centers["wt"] + 14,
        (wcy - w_h / 2 + cy + wt_h / 2) / 2 + 36,
        "weight.T shares the weight's storage",
        role="weight-t-note",
        size=13,
        color="muted",
        anchor="start",
    )
    return canvas.svg()


def _path_title_desc(obs: Observation) -> tuple[str, str]:
    t_op, addmm_op = obs.aten_ops
    bias_s, x_s, wt_s = (shape_label(s) for s in obs.addmm_arg_shapes)
    title = "What layer(x) runs, from nn.Linear.forward to addmm"
    desc = (
        f"layer(x) calls nn.Linear.forward, whose body is '{obs.forward_line}'. "
        f"{obs.function_called} reaches the dispatcher as {t_op} on the weight, a view with strides "
        f"{stride_label(obs.weight_t_stride)}, and one {addmm_op}(bias, x, weight.t()) with shapes "
        f"{bias_s}, {x_s} and {wt_s}, which returns y {shape_label(obs.y_shape)}."
    )
    return title, desc


def _path_steps(obs: Observation) -> list[tuple[str, str, str]]:
    t_op, addmm_op = obs.aten_ops
    bias_s, x_s, wt_s = (shape_label(s) for s in obs.addmm_arg_shapes)
    return [
        ("call", "layer(x)", f"x {shape_label(obs.x_shape)}"),
        ("forward", "nn.Linear.forward", obs.forward_line),
        ("function", "F.linear(x, weight, bias)", f"{obs.function_called}, one call"),
        (
            "transpose",
            f"{t_op}(weight)",
            f"{shape_label(obs.weight_shape)} → {shape_label(obs.weight_t_shape)}, "
            f"strides {stride_label(obs.weight_stride)} → {stride_label(obs.weight_t_stride)}, no copy",
        ),
        ("addmm", f"{addmm_op}(bias, x, weight.t())", f"{bias_s} + {x_s} @ {wt_s}"),
        ("result", "y", shape_label(obs.y_shape)),
    ]


def path_svg(obs: Observation, scheme: str) -> str:
    """The call path of layer(x): nn.Linear.forward -> F.linear -> aten::t and aten::addmm."""
    p = PALETTES[scheme]
    title, desc = _path_title_desc(obs)
    steps = _path_steps(obs)
    box_w, box_h, gap, left = 600.0, 56.0, 26.0, 60.0
    canvas = Canvas(720, 48 + len(steps) * (box_h + gap) - gap, p, title, desc)
    for i, (role, head, detail) in enumerate(steps):
        top = 24 + i * (box_h + gap)
        canvas.rect(left, top, box_w, box_h, fill="step")
        canvas.text(left + 16, top + 23, head, role=f"{role}-head", anchor="start", bold=True, mono=True)
        canvas.text(left + 16, top + 44, detail, role=f"{role}-detail", anchor="start", size=13, color="muted")
        if i + 1 < len(steps):
            mid = left + box_w / 2
            canvas.line(mid, top + box_h, mid, top + box_h + gap - 2, arrow=True)
    return canvas.svg()


def _rows_vs_columns_title_desc(obs: Observation) -> tuple[str, str]:
    w, x0, y0 = obs.weight_shape, obs.x0_shape, obs.y0_shape
    x, wt, b, y = obs.x_shape, obs.weight_t_shape, obs.bias_shape, obs.y_shape
    title = "The textbook's y = W x + b on a column, and PyTorch's y = x Wᵀ + b on rows"
    desc = (
        f"Left: W {shape_label(w)} times one column x {shape_label(x0)} plus b {shape_label(b)} gives "
        f"y {shape_label(y0)}. Right: a batch x {shape_label(x)} with one sample per row times Wᵀ "
        f"{shape_label(wt)} plus b {shape_label(b)} gives y {shape_label(y)}; row i of y is W xᵢ + b. "
        "W is the same stored weight in both. The batch axis is drawn shortened."
    )
    return title, desc


def rows_vs_columns_svg(obs: Observation, scheme: str) -> str:
    """Textbook y = W x + b on one column beside PyTorch's y = x Wᵀ + b on rows."""
    p = PALETTES[scheme]
    w, x0, y0 = obs.weight_shape, obs.x0_shape, obs.y0_shape
    x, wt, b, y = obs.x_shape, obs.weight_t_shape, obs.bias_shape, obs.y_shape
    canvas = Canvas(940, 440, p, *_rows_vs_columns_title_desc(obs))
    cy = 220.0

    canvas.text(165, 36, "Textbook: y = W x + b", role="textbook-title", size=17, bold=True)
    canvas.text(165, 60, "one sample, a column vector", role="textbook-subtitle", size=13, color="muted")
    tensor_box(canvas, 60, cy, w, name="W", role="textbook-weight", fill="weight")
    operator(canvas, 110, cy, "×", "textbook-times")
    tensor_box(canvas, 145, cy, x0, name="x", role="textbook-x", fill="x", column=True)
    operator(canvas, 185, cy, "+", "textbook-plus")
    tensor_box(canvas, 220, cy, b, name="b", role="textbook-bias", fill="bias", column=True)
    operator(canvas, 255, cy, "=", "textbook-equals")
    tensor_box(canvas, 290, cy, y0, name="y", role="textbook-y", fill="y", column=True)

    canvas.line(335, 30, 335, 410, dashed=True)

    canvas.text(625, 36, "PyTorch: y = x Wᵀ + b", role="pytorch-title", size=17, bold=True)
    canvas.text(625, 60, "a batch, one sample per row", role="pytorch-subtitle", size=13, color="muted")
    tensor_box(canvas, 405, cy, x, name="x", role="pytorch-x", fill="x")
    operator(canvas, 470, cy, "×", "pytorch-times")
    tensor_box(canvas, 545, cy, wt, name="Wᵀ", role="pytorch-weight-t", fill="weight", dashed=True)
    operator(canvas, 620, cy, "+", "pytorch-plus")
    tensor_box(canvas, 695, cy, b, name="b", role="pytorch-bias", fill="bias")
    operator(canvas, 770, cy, "=", "pytorch-equals")
    y_w, y_h = tensor_box(canvas, 845, cy, y, name="y", role="pytorch-y", fill="y")

    # Row i of the batch is the textbook's column, laid on its side.
    x_w, x_h = box_size(x)
    row_y = cy - x_h / 2 + 3 * UNIT * 8
    canvas.rect(405 - x_w / 2, row_y, x_w, UNIT * 2, fill="x", stroke="highlight", rx=0, width=2)
    canvas.rect(845 - y_w / 2, row_y, y_w, UNIT * 2, fill="y", stroke="highlight", rx=0, width=2)
    canvas.text(405 - x_w / 2 - 8, row_y + 6, "xᵢ", role="pytorch-row-x", anchor="end", bold=True)
    canvas.text(845 + y_w / 2 + 8, row_y + 6, "yᵢ", role="pytorch-row-y", anchor="start", bold=True)
    canvas.text(625, 410, "row i of y = W xᵢ + b, the textbook on one row", role="pytorch-row-note", size=13)
    return canvas.svg()


# ------------------------------------------------------------------ portrait drawings for phones
# The same observed shapes, laid out in a column NARROW wide, so that every label keeps its
# drawn size (12 px or more) in a phone's column instead of being shrunk with a wide drawing.


def wrap(text: str, width: int) -> list[str]:
    """Split `text` at spaces into lines of at most `width` characters (a longer word keeps its line)."""
    lines: list[str] = []
    for word in text.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def shapes_narrow_svg(obs: Observation, scheme: str) -> str:
    """shapes_svg in two rows, x × weight.T then + b = y, with the stored weight below."""
    p = PALETTES[scheme]
    x, wt, b, y, w = obs.x_shape, obs.weight_t_shape, obs.bias_shape, obs.y_shape, obs.weight_shape
    canvas = Canvas(NARROW, 790, p, *_shapes_title_desc(obs))
    cy1 = 140.0
    tensor_box(canvas, 70, cy1, x, name="x", role="x", fill="x")
    operator(canvas, 140, cy1, "×", "op-times")
    tensor_box(canvas, 230, cy1, wt, name="weight.T", role="weight-t", fill="weight", dashed=True)
    cy2 = 400.0
    operator(canvas, 22, cy2, "+", "op-plus")
    tensor_box(canvas, 95, cy2, b, name="b", role="bias", fill="bias")
    canvas.text(95, cy2 + 48, "added to every row", role="bias-note", size=13, color="muted")
    operator(canvas, 175, cy2, "=", "op-equals")
    tensor_box(canvas, 250, cy2, y, name="y", role="y", fill="y")
    cy3 = 620.0
    w_w, w_h = box_size(w)
    canvas.rect(60 - w_w / 2, cy3 - w_h / 2, w_w, w_h, fill="weight")
    canvas.text(60, cy3 + w_h / 2 + 22, shape_label(w), role="weight-shape", mono=True)
    canvas.text(112, cy3 - 24, "layer.weight", role="weight-name", bold=True, anchor="start")
    canvas.text(112, cy3, "stored, strides", role="weight-stride", size=13, color="muted", anchor="start")
    strides = stride_label(obs.weight_stride)
    canvas.text(112, cy3 + 20, strides, role="weight-stride-value", size=13, color="muted", anchor="start", mono=True)
    view = f"weight.T: strides {stride_label(obs.weight_t_stride)}"
    canvas.text(16, cy3 + w_h / 2 + 66, view, role="weight-t-view", color="accent", anchor="start", bold=True)
    canvas.text(16, cy3 + w_h / 2 + 90, "a view, no copy: it shares", role="weight-t-note", size=13, color="muted", anchor="start")
    canvas.text(16, cy3 + w_h / 2 + 110, "the weight's storage", role="weight-t-note-2", size=13, color="muted", anchor="start")
    return canvas.svg()


def path_narrow_svg(obs: Observation, scheme: str) -> str:
    """path_svg with each step's detail wrapped onto as many lines as it needs."""
    p = PALETTES[scheme]
    left, box_w, gap, line = 10.0, NARROW - 20, 22.0, 18.0
    steps = _path_steps(obs)
    heights = [40 + line * len(wrap(detail, 38)) for _, head, detail in steps]
    canvas = Canvas(NARROW, 24 + sum(heights) + gap * (len(steps) - 1) + 16, p, *_path_title_desc(obs))
    top = 16.0
    for i, ((role, head, detail), h) in enumerate(zip(steps, heights, strict=True)):
        canvas.rect(left, top, box_w, h, fill="step")
        canvas.text(left + 12, top + 24, head, role=f"{role}-head", anchor="start", size=14, bold=True, mono=True)
        for j, part in enumerate(wrap(detail, 38)):
            canvas.text(left + 12, top + 46 + j * line, part, role=f"{role}-detail-{j + 1}", anchor="start", size=13, color="muted")
        if i + 1 < len(steps):
            canvas.line(NARROW / 2, top + h, NARROW / 2, top + h + gap - 2, arrow=True)
        top += h + gap
    return canvas.svg()


def rows_vs_columns_narrow_svg(obs: Observation, scheme: str) -> str:
    """rows_vs_columns_svg with the textbook on top and PyTorch's batch below, in two rows."""
    p = PALETTES[scheme]
    w, x0, y0 = obs.weight_shape, obs.x0_shape, obs.y0_shape
    x, wt, b, y = obs.x_shape, obs.weight_t_shape, obs.bias_shape, obs.y_shape
    canvas = Canvas(NARROW, 960, p, *_rows_vs_columns_title_desc(obs))
    canvas.text(NARROW / 2, 30, "Textbook: y = W x + b", role="textbook-title", size=17, bold=True)
    canvas.text(NARROW / 2, 52, "one sample, a column vector", role="textbook-subtitle", size=13, color="muted")
    cy = 160.0
    tensor_box(canvas, 50, cy, w, name="W", role="textbook-weight", fill="weight")
    operator(canvas, 100, cy, "×", "textbook-times")
    tensor_box(canvas, 140, cy, x0, name="x", role="textbook-x", fill="x", column=True)
    operator(canvas, 180, cy, "+", "textbook-plus")
    tensor_box(canvas, 220, cy, b, name="b", role="textbook-bias", fill="bias", column=True)
    operator(canvas, 255, cy, "=", "textbook-equals")
    tensor_box(canvas, 290, cy, y0, name="y", role="textbook-y", fill="y", column=True)
    canvas.line(16, 270, NARROW - 16, 270, dashed=True)
    canvas.text(NARROW / 2, 306, "PyTorch: y = x Wᵀ + b", role="pytorch-title", size=17, bold=True)
    canvas.text(NARROW / 2, 328, "a batch, one sample per row", role="pytorch-subtitle", size=13, color="muted")
    cy1, cy2 = 480.0, 760.0
    x_w, x_h = tensor_box(canvas, 90, cy1, x, name="x", role="pytorch-x", fill="x")
    operator(canvas, 160, cy1, "×", "pytorch-times")
    tensor_box(canvas, 240, cy1, wt, name="Wᵀ", role="pytorch-weight-t", fill="weight", dashed=True)
    operator(canvas, 22, cy2, "+", "pytorch-plus")
    tensor_box(canvas, 95, cy2, b, name="b", role="pytorch-bias", fill="bias")
    operator(canvas, 175, cy2, "=", "pytorch-equals")
    y_w, y_h = tensor_box(canvas, 250, cy2, y, name="y", role="pytorch-y", fill="y")
    x_row = cy1 - x_h / 2 + 3 * UNIT * 8
    y_row = cy2 - y_h / 2 + 3 * UNIT * 8
    canvas.rect(90 - x_w / 2, x_row, x_w, UNIT * 2, fill="x", stroke="highlight", rx=0, width=2)
    canvas.rect(250 - y_w / 2, y_row, y_w, UNIT * 2, fill="y", stroke="highlight", rx=0, width=2)
    canvas.text(90 - x_w / 2 - 8, x_row + 6, "xᵢ", role="pytorch-row-x", anchor="end", bold=True)
    canvas.text(250 - y_w / 2 - 8, y_row + 6, "yᵢ", role="pytorch-row-y", anchor="end", bold=True)
    canvas.text(NARROW / 2, 910, "row i of y = W xᵢ + b,", role="pytorch-row-note", size=13)
    canvas.text(NARROW / 2, 930, "the textbook on one row", role="pytorch-row-note-2", size=13)
    return canvas.svg()


# ------------------------------------------------------------------ three diagrams for the math and frameworks pages


def equation(canvas: Canvas, cy: float, parts, *, start: float, gap: float = 34.0, longest: float = MAX_SIDE) -> float:
    """Tensors and operators left to right from `start`; parts are ('op', symbol, role) or tensor_box kwargs."""
    cx = start
    for part in parts:
        if part[0] == "op":
            cx += gap / 2
            operator(canvas, cx, cy, part[1], part[2])
            cx += gap / 2
        else:
            shape, kwargs = part
            w, _ = box_size(shape, longest=longest)
            cx += max(w, 80) / 2
            tensor_box(canvas, cx, cy, shape, longest=longest, **kwargs)
            cx += max(w, 80) / 2
    return cx


def _batch_layouts_title_desc(obs: Observation) -> tuple[str, str]:
    x, wt, y, w, xt, yc = obs.x_shape, obs.weight_t_shape, obs.y_shape, obs.weight_shape, obs.x_t_shape, obs.y_cols_shape
    title = "A batch as rows, X Wᵀ, and the same batch as columns, W Xᵀ"
    desc = (
        f"Rows: X {shape_label(x)} times Wᵀ {shape_label(wt)} gives Y {shape_label(y)}, one sample per row. "
        f"Columns: W {shape_label(w)} times Xᵀ {shape_label(xt)} gives Yᵀ {shape_label(yc)}, one sample per column. "
        "The two results are transposes of each other. The batch axis is drawn shortened."
    )
    return title, desc


def _rows_parts(obs: Observation):
    return [
        (obs.x_shape, {"name": "X", "role": "rows-x", "fill": "x"}),
        ("op", "×", "rows-times"),
        (obs.weight_t_shape, {"name": "Wᵀ", "role": "rows-weight-t", "fill": "weight", "dashed": True}),
        ("op", "=", "rows-equals"),
        (obs.y_shape, {"name": "Y", "role": "rows-y", "fill": "y"}),
    ]


def _columns_parts(obs: Observation):
    return [
        (obs.weight_shape, {"name": "W", "role": "columns-weight", "fill": "weight"}),
        ("op", "×", "columns-times"),
        (obs.x_t_shape, {"name": "Xᵀ", "role": "columns-x-t", "fill": "x", "dashed": True}),
        ("op", "=", "columns-equals"),
        (obs.y_cols_shape, {"name": "Yᵀ", "role": "columns-y", "fill": "y"}),
    ]


def batch_layouts_svg(obs: Observation, scheme: str) -> str:
    """X [B, in] @ Wᵀ [in, out] = Y [B, out] beside W [out, in] @ Xᵀ [in, B] = Yᵀ [out, B]."""
    canvas = Canvas(720, 560, PALETTES[scheme], *_batch_layouts_title_desc(obs))
    canvas.text(160, 150, "Rows:", role="rows-title", size=17, bold=True, anchor="end")
    canvas.text(160, 172, "Y = X Wᵀ", role="rows-formula", size=15, anchor="end")
    equation(canvas, 160, _rows_parts(obs), start=190)
    canvas.line(16, 310, 704, 310, dashed=True)
    canvas.text(160, 410, "Columns:", role="columns-title", size=17, bold=True, anchor="end")
    canvas.text(160, 432, "Yᵀ = W Xᵀ", role="columns-formula", size=15, anchor="end")
    equation(canvas, 420, _columns_parts(obs), start=170)
    canvas.text(360, 540, "Y and Yᵀ hold the same numbers, transposed", role="batch-note", size=13, color="muted")
    return canvas.svg()


def batch_layouts_narrow_svg(obs: Observation, scheme: str) -> str:
    canvas = Canvas(NARROW, 640, PALETTES[scheme], *_batch_layouts_title_desc(obs))
    canvas.text(NARROW / 2, 30, "Rows: Y = X Wᵀ", role="rows-title", size=17, bold=True)
    equation(canvas, 150, _rows_parts(obs), start=6, gap=24, longest=120)
    canvas.line(16, 260, NARROW - 16, 260, dashed=True)
    canvas.text(NARROW / 2, 296, "Columns: Yᵀ = W Xᵀ", role="columns-title", size=17, bold=True)
    cols = _columns_parts(obs)
    equation(canvas, 380, cols[:3], start=20, longest=120)
    equation(canvas, 530, [("op", "=", "columns-equals"), cols[4]], start=70, longest=120)
    canvas.text(NARROW / 2, 615, "Y and Yᵀ: the same numbers", role="batch-note", size=13, color="muted")
    return canvas.svg()


def _gradient_title_desc(obs: Observation) -> tuple[str, str]:
    g, gt, x, dw, w = obs.grad_y_shape, obs.grad_y_t_shape, obs.x_shape, obs.weight_grad_shape, obs.weight_shape
    title = "The weight's gradient dW = Gᵀ X, as shapes"
    desc = (
        f"G, the gradient of the loss with respect to y, is {shape_label(g)}. Its transpose Gᵀ {shape_label(gt)} "
        f"times X {shape_label(x)} gives dW {shape_label(dw)}, the shape of the weight {shape_label(w)}: "
        "the product sums over the batch. The batch axis is drawn shortened."
    )
    return title, desc


def _gradient_parts(obs: Observation):
    return [
        (obs.grad_y_t_shape, {"name": "Gᵀ", "role": "grad-g-t", "fill": "y", "dashed": True}),
        ("op", "×", "grad-times"),
        (obs.x_shape, {"name": "X", "role": "grad-x", "fill": "x"}),
        ("op", "=", "grad-equals"),
        (obs.weight_grad_shape, {"name": "dW", "role": "grad-dw", "fill": "weight"}),
    ]


def _gradient_g(canvas: Canvas, cx: float, cy: float, obs: Observation) -> None:
    tensor_box(canvas, cx, cy, obs.grad_y_shape, name="G = ∂L/∂y", role="grad-g", fill="y")


def gradient_svg(obs: Observation, scheme: str) -> str:
    """G [B, out] from backward; dW = Gᵀ [out, B] @ X [B, in] = [out, in], the weight's shape."""
    canvas = Canvas(720, 330, PALETTES[scheme], *_gradient_title_desc(obs))
    _gradient_g(canvas, 90, 150, obs)
    canvas.text(90, 300, "from backward", role="grad-g-note", size=13, color="muted")
    canvas.line(160, 20, 160, 310, dashed=True)
    end = equation(canvas, 150, _gradient_parts(obs), start=170)
    canvas.text((170 + end) / 2, 300, "sums over the batch: dW has the weight's shape", role="grad-note", size=13, color="muted")
    return canvas.svg()


def gradient_narrow_svg(obs: Observation, scheme: str) -> str:
    canvas = Canvas(NARROW, 690, PALETTES[scheme], *_gradient_title_desc(obs))
    _gradient_g(canvas, 90, 140, obs)
    canvas.text(200, 140, "from backward", role="grad-g-note", size=13, color="muted", anchor="start")
    canvas.line(16, 290, NARROW - 16, 290, dashed=True)
    parts = _gradient_parts(obs)
    equation(canvas, 400, parts[:3], start=20, longest=120)
    equation(canvas, 560, parts[3:], start=80, longest=120)
    canvas.text(NARROW / 2, 650, "sums over the batch:", role="grad-note", size=13, color="muted")
    canvas.text(NARROW / 2, 670, "dW has the weight's shape", role="grad-note-2", size=13, color="muted")
    return canvas.svg()


def _layouts_title_desc(keras_obs: KerasObservation) -> tuple[str, str]:
    w, k = keras_obs.weight_shape, keras_obs.kernel_shape
    title = "PyTorch's weight [out, in] beside the Keras kernel [in, out]"
    desc = (
        f"PyTorch's nn.Linear stores weight {shape_label(w)} and computes y = x Wᵀ + b. "
        f"Keras' Dense with the same parameters stores kernel {shape_label(k)} and computes y = x K + b, "
        "so K = Wᵀ."
    )
    return title, desc


def _layout_pair(canvas: Canvas, keras_obs: KerasObservation, left: tuple[float, float], right: tuple[float, float]) -> None:
    (lx, ly), (rx, ry) = left, right
    canvas.text(lx, ly - 110, "PyTorch nn.Linear", role="torch-title", size=17, bold=True)
    canvas.text(lx, ly - 88, "y = x Wᵀ + b", role="torch-formula", size=15, mono=True)
    tensor_box(canvas, lx, ly, keras_obs.weight_shape, name="weight", role="torch-weight", fill="weight")
    canvas.text(rx, ry - 110, "Keras Dense", role="keras-title", size=17, bold=True)
    canvas.text(rx, ry - 88, "y = x K + b", role="keras-formula", size=15, mono=True)
    tensor_box(canvas, rx, ry, keras_obs.kernel_shape, name="kernel", role="keras-kernel", fill="weight", dashed=True)


def layouts_svg(keras_obs: KerasObservation, scheme: str) -> str:
    canvas = Canvas(720, 300, PALETTES[scheme], *_layouts_title_desc(keras_obs))
    _layout_pair(canvas, keras_obs, (200, 170), (520, 170))
    canvas.line(360, 20, 360, 250, dashed=True)
    canvas.text(360, 286, "the same parameters: kernel = weight.T", role="layouts-note", size=13, color="muted")
    return canvas.svg()


def layouts_narrow_svg(keras_obs: KerasObservation, scheme: str) -> str:
    canvas = Canvas(NARROW, 600, PALETTES[scheme], *_layouts_title_desc(keras_obs))
    _layout_pair(canvas, keras_obs, (NARROW / 2, 150), (NARROW / 2, 430))
    canvas.line(16, 270, NARROW - 16, 270, dashed=True)
    canvas.text(NARROW / 2, 570, "kernel = weight.T", role="layouts-note", size=13, color="muted")
    return canvas.svg()


# ------------------------------------------------------------------ every diagram, wide and narrow

DIAGRAMS = {  # name -> (wide, narrow) drawings of an Observation
    "shapes": (shapes_svg, shapes_narrow_svg),
    "linear-path": (path_svg, path_narrow_svg),
    "rows-vs-columns": (rows_vs_columns_svg, rows_vs_columns_narrow_svg),
    "batch-layouts": (batch_layouts_svg, batch_layouts_narrow_svg),
    "gradient-shapes": (gradient_svg, gradient_narrow_svg),
}
KERAS_DIAGRAMS = {"framework-layouts": (layouts_svg, layouts_narrow_svg)}  # drawn from a KerasObservation
SCHEMES = ("light", "dark")


def path_of(name: str, scheme: str, *, narrow: bool = False) -> str:
    return f"{OUT_DIR}/{name}{'-narrow' if narrow else ''}-{scheme}.svg"


def diagrams(obs: Observation | None = None, keras_obs: KerasObservation | None = None, *, keras: bool = True) -> dict[str, str]:
    """Every diagram, wide and narrow, in both colour schemes: {'assets/diagrams/shapes-light.svg': '<svg ...', ...}.

    With keras=False the diagrams drawn from a Keras layer are left out (importing keras takes seconds).
    """
    obs = observe() if obs is None else obs
    tables = [(obs, DIAGRAMS)]
    if keras:
        tables.append((observe_keras() if keras_obs is None else keras_obs, KERAS_DIAGRAMS))
    out = {}
    for source, table in tables:
        for name, (wide, narrow) in table.items():
            for scheme in SCHEMES:
                out[path_of(name, scheme)] = wide(source, scheme)
                out[path_of(name, scheme, narrow=True)] = narrow(source, scheme)
    return out


CACHE = Path(__file__).resolve().parent.parent / ".cache" / "diagrams"  # the checkout's; git ignores .cache/


def cache_file(keras: bool) -> Path:
    """Where the diagrams of this drawing code under these library versions are kept between builds."""
    from importlib.metadata import version

    digest = hashlib.sha256(Path(__file__).read_bytes())
    for dist in ("torch", "numpy", *(("keras",) if keras else ())):
        digest.update(f"\n{dist}=={version(dist)}".encode())
    return CACHE / f"{'with-keras' if keras else 'torch'}-{digest.hexdigest()[:16]}.json"


@functools.lru_cache(maxsize=2)
def _cached(keras: bool) -> dict[str, str]:
    """diagrams(), observed once per drawing code and library versions.

    Two generations are byte-identical (a test proves it), so a later build of the same code under
    the same torch, numpy and keras reads the SVGs it would draw from .cache/diagrams/ instead of
    importing keras and running the layers again (about 5-8 s of every build).
    """
    path = cache_file(keras)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    drawn = diagrams(keras=keras)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")  # renamed whole: a reader never sees half a file
    partial.write_text(json.dumps(drawn, sort_keys=True), encoding="utf-8")
    partial.replace(path)
    return drawn


_generated: dict[str, str] = {}  # what on_files added to this build, for on_page_content


# ------------------------------------------------------------------ MkDocs hook

PHONE_MAX = 600  # px: up to here every diagram is drawn portrait, whatever its wide drawing's text size


def column_width(viewport: int) -> float:
    """Material's content column (.md-content__inner) in CSS px at a viewport width, as measured in Chromium.

    One column with 0.8rem margins up to 959 px; from 960 px (60em) the table of contents (12.1rem)
    takes 242 px; from 1220 px (76.25em) the navigation sidebar too, and the grid stops growing at
    61rem. (From 1600 px, 100em, the root font grows and the column with it.) The browser suite
    measures the real column against this at both sides of every step.
    """
    if viewport >= 1220:
        return DESKTOP_COLUMN
    if viewport >= 960:
        return viewport - 274.0
    return viewport - 32.0


def smallest_label(svg: str) -> float:
    return min(float(size) for size in re.findall(r'<text [^>]*?font-size="([\d.]+)"', svg))


def narrow_up_to(svg: str) -> int:
    """The widest viewport that gets a wide drawing's portrait layout: the last one at which the wide
    drawing, shrunk to the column, would show a label under MIN_TEXT px."""
    width, smallest = float(_size(svg)[0]), smallest_label(svg)

    def readable(viewport: int) -> bool:
        return smallest * min(1.0, column_width(viewport) / width) >= MIN_TEXT

    unreadable = [v for v in range(PHONE_MAX, 1221) if not readable(v)]  # from 1220 px the column is fixed
    check(not unreadable or unreadable[-1] < 1220, f"a {width:g} px drawing with {smallest:g} px labels is unreadable at 1220 px and wider")
    return max([PHONE_MAX, *unreadable])


def narrow_media(svg: str) -> str:
    """The media query under which a reader gets the portrait drawing instead of the wide `svg`."""
    return f"(max-width: {narrow_up_to(svg)}px)"


_DIAGRAM_IMG = re.compile(
    r'<img (?P<before>[^>]*?)src="(?P<prefix>[^"]*?)' + re.escape(OUT_DIR) + r'/(?P<name>[a-z-]+?)-(?P<scheme>light|dark)\.svg'
    r'(?P<fragment>#only-(?:light|dark))?"(?P<after>[^>]*?)\s*/?>'
)
_LIGHTBOX_LINK = re.compile(r'(<a class="glightbox"[^>]*?href="[^"]*?' + re.escape(OUT_DIR) + r'/[a-z-]+-(?:light|dark)\.svg[^"]*")')


def _size(svg: str) -> tuple[str, str]:
    """The drawing's own width and height: the viewBox, not the intrinsic (zoomed) size."""
    _, _, width, height = re.search(r'viewBox="([^"]+)"', svg).group(1).split()
    return width, height


def picture(html: str, files: dict[str, str]) -> str:
    """Each diagram <img> becomes a <picture> whose <source> gives phones the narrow drawing.

    The <img> keeps its src (Material's #only-light / #only-dark rules still pick the scheme) and
    gets the drawing's width and height, so it is shown at 1x on the page while its file, twice
    that size, is what the lightbox zooms into. The lightbox link names the narrow file too.
    """

    def replace(match: re.Match) -> str:
        name, scheme, prefix = match["name"], match["scheme"], match["prefix"]
        wide, narrow = path_of(name, scheme), path_of(name, scheme, narrow=True)
        if wide not in files or narrow not in files:
            return match[0]
        ww, wh = _size(files[wide])
        nw, nh = _size(files[narrow])
        img = f'<img {match["before"]}src="{prefix}{wide}{match["fragment"] or ""}" width="{ww}" height="{wh}"{match["after"]}>'
        source = f'<source media="{narrow_media(files[wide])}" srcset="{prefix}{narrow}" width="{nw}" height="{nh}">'
        return f'<picture class="diagram">{source}{img}</picture>'

    html = _DIAGRAM_IMG.sub(replace, html)

    def link(match: re.Match) -> str:
        href = re.search(r'href="([^"]*)"', match[1]).group(1).split("#")[0]
        wide = files.get(OUT_DIR + "/" + href.rsplit("/", 1)[-1])
        if wide is None:
            return match[1]
        narrow_href = re.sub(r"-(light|dark)\.svg", r"-narrow-\1.svg", href)
        return f'{match[1]} data-narrow-href="{narrow_href}" data-narrow-media="{narrow_media(wide)}"'

    return _LIGHTBOX_LINK.sub(link, html)


# Where the page shows the narrow drawing, the lightbox opens it too, at its intrinsic size, twice the
# page's, in a box that a finger scrolls (glightbox's own click-to-zoom is off below 769 px, and its swipe
# navigation is off in mkdocs.yml so that a swipe pans the drawing). The lightbox holds a narrow drawing
# only where its link's media query matched, so the style needs no media query of its own.
ZOOM_SCRIPT = (
    "<script id=\"diagram-zoom\">document.querySelectorAll('a.glightbox[data-narrow-href]')"
    ".forEach(a => { if (matchMedia(a.dataset.narrowMedia).matches) a.setAttribute('href', a.dataset.narrowHref); });</script>"
)
_ZOOMED = "img[src*='/diagrams/'][src*='-narrow-']"
ZOOM_STYLE = (
    "<style id=\"diagram-zoom-style\">a.glightbox:has(> picture.diagram) { display: block; width: fit-content; }"  # caption below
    f" .gslide-image:has(> {_ZOOMED}) {{ overflow: auto; max-width: 100vw; max-height: 100vh; touch-action: pan-x pan-y; }}"
    f" .gslide-image {_ZOOMED} {{ width: {fmt(NARROW * ZOOM)}px !important; flex: none; max-width: none; max-height: none; touch-action: pan-x pan-y; }}"
    "</style>"
)


def _after_i18n(fn):
    """Run after mkdocs-static-i18n's on_files (priority -100), which reads every file's source path."""
    from mkdocs.plugins import event_priority

    return event_priority(-110)(fn)


@_after_i18n
def on_files(files, config):
    """Add the generated SVGs to the site, so pages can link them and --strict validates those links."""
    from mkdocs.structure.files import File

    _generated.clear()
    sources = [page.content_string for page in files.documentation_pages()]
    if not any(OUT_DIR in text for text in sources):
        return files  # no page shows a diagram (a one-page test site): skip running torch
    keras = any(f"{OUT_DIR}/{name}-" in text for name in KERAS_DIAGRAMS for text in sources)
    _generated.update(_cached(keras))
    for path, svg in _generated.items():
        files.append(File.generated(config, path, content=svg))
    return files


def on_page_content(html, page, config, files):
    if OUT_DIR not in html:
        return html
    return picture(html, _generated)


def on_post_page(output, page, config):
    if 'data-narrow-href="' not in output or '<script id="init-glightbox">' not in output:
        return output
    output = output.replace("</head>", ZOOM_STYLE + "</head>", 1)
    return output.replace('<script id="init-glightbox">', ZOOM_SCRIPT + '<script id="init-glightbox">', 1)
