"""Diagrams drawn from real tensors: nn.Linear is run, checked, and its observed shapes become the labels.

The plain functions (``observe``, ``shapes_svg``, ``path_svg``, ``rows_vs_columns_svg``, ``diagrams``) know
nothing about MkDocs; ``on_files`` at the bottom is the thin MkDocs hook that adds their output to the
built site as generated files, so no SVG is ever committed. Every label that names a shape, a stride or an
operator is read from a tensor, from nn.Linear's source or from y's autograd graph, never typed in.
"""

from __future__ import annotations

import functools
import inspect
from dataclasses import dataclass
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
    )


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
            "font-size": size,
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
                "width": self.width,
                "height": self.height,
            },
            children=head + self.items,
        )
        return root + "\n"


UNIT = 3.0  # pixels per element along an axis
MAX_SIDE = 192.0  # long axes (the batch) are drawn shortened, not to scale
MIN_SIDE = 12.0  # a 1-D tensor is drawn as a thin bar


def side(n: int) -> float:
    return max(MIN_SIDE, min(MAX_SIDE, n * UNIT))


def box_size(shape: tuple[int, ...], *, column: bool = False) -> tuple[float, float]:
    """(width, height) of a tensor drawn as rows x columns; a 1-D tensor is a row, or a column if asked."""
    if len(shape) == 1:
        return (MIN_SIDE, side(shape[0])) if column else (side(shape[0]), MIN_SIDE)
    rows, cols = shape[-2], shape[-1]
    return side(cols), side(rows)


def tensor_box(canvas: Canvas, cx, cy, shape, *, name, role, fill, column=False, dashed=False, name_color="text"):
    """A tensor as a box centred on (cx, cy), its name above and its observed shape below."""
    w, h = box_size(shape, column=column)
    canvas.rect(cx - w / 2, cy - h / 2, w, h, fill=fill, dashed=dashed)
    canvas.text(cx, cy - h / 2 - 10, name, role=f"{role}-name", bold=True, color=name_color)
    canvas.text(cx, cy + h / 2 + 22, shape_label(shape), role=f"{role}-shape", mono=True)
    return w, h


def operator(canvas: Canvas, cx, cy, symbol: str, role: str) -> None:
    canvas.text(cx, cy + 7, symbol, role=role, size=22, bold=True)


# ------------------------------------------------------------------ the three diagrams


def shapes_svg(obs: Observation, scheme: str) -> str:
    """x [B, in] times weight.T [in, out] plus b [out] gives y [B, out]; weight.T is a view of weight [out, in]."""
    p = PALETTES[scheme]
    x, wt, b, y, w = obs.x_shape, obs.weight_t_shape, obs.bias_shape, obs.y_shape, obs.weight_shape
    title = f"Shapes in nn.Linear({w[1]}, {w[0]}) on a batch of {x[0]}"
    desc = (
        f"x {shape_label(x)} times weight.T {shape_label(wt)} plus bias {shape_label(b)} gives "
        f"y {shape_label(y)}. The stored weight is {shape_label(w)} with strides {stride_label(obs.weight_stride)}; "
        f"weight.T is a view of it with strides {stride_label(obs.weight_t_stride)}, no copy. "
        "Boxes are drawn to scale except the batch axis, which is shortened."
    )
    canvas = Canvas(720, 490, p, title, desc)
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


def path_svg(obs: Observation, scheme: str) -> str:
    """The call path of layer(x): nn.Linear.forward -> F.linear -> aten::t and aten::addmm."""
    p = PALETTES[scheme]
    t_op, addmm_op = obs.aten_ops
    bias_s, x_s, wt_s = (shape_label(s) for s in obs.addmm_arg_shapes)
    title = "What layer(x) runs, from nn.Linear.forward to addmm"
    desc = (
        f"layer(x) calls nn.Linear.forward, whose body is '{obs.forward_line}'. "
        f"{obs.function_called} reaches the dispatcher as {t_op} on the weight, a view with strides "
        f"{stride_label(obs.weight_t_stride)}, and one {addmm_op}(bias, x, weight.t()) with shapes "
        f"{bias_s}, {x_s} and {wt_s}, which returns y {shape_label(obs.y_shape)}."
    )
    steps = [
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


def rows_vs_columns_svg(obs: Observation, scheme: str) -> str:
    """Textbook y = W x + b on one column beside PyTorch's y = x Wᵀ + b on rows."""
    p = PALETTES[scheme]
    w, x0, y0 = obs.weight_shape, obs.x0_shape, obs.y0_shape
    x, wt, b, y = obs.x_shape, obs.weight_t_shape, obs.bias_shape, obs.y_shape
    title = "The textbook's y = W x + b on a column, and PyTorch's y = x Wᵀ + b on rows"
    desc = (
        f"Left: W {shape_label(w)} times one column x {shape_label(x0)} plus b {shape_label(b)} gives "
        f"y {shape_label(y0)}. Right: a batch x {shape_label(x)} with one sample per row times Wᵀ "
        f"{shape_label(wt)} plus b {shape_label(b)} gives y {shape_label(y)}; row i of y is W xᵢ + b. "
        "W is the same stored weight in both."
    )
    canvas = Canvas(940, 440, p, title, desc)
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


DIAGRAMS = {
    "shapes": shapes_svg,
    "linear-path": path_svg,
    "rows-vs-columns": rows_vs_columns_svg,
}


def diagrams(obs: Observation | None = None) -> dict[str, str]:
    """Every diagram in both colour schemes: {'assets/diagrams/shapes-light.svg': '<svg ...', ...}."""
    obs = observe() if obs is None else obs
    return {f"{OUT_DIR}/{name}-{scheme}.svg": draw(obs, scheme) for name, draw in DIAGRAMS.items() for scheme in ("light", "dark")}


@functools.lru_cache(maxsize=1)
def _cached() -> dict[str, str]:
    return diagrams()


# ------------------------------------------------------------------ MkDocs hook


def _after_i18n(fn):
    """Run after mkdocs-static-i18n's on_files (priority -100), which reads every file's source path."""
    from mkdocs.plugins import event_priority

    return event_priority(-110)(fn)


@_after_i18n
def on_files(files, config):
    """Add the generated SVGs to the site, so pages can link them and --strict validates those links."""
    from mkdocs.structure.files import File

    if not any(OUT_DIR in page.content_string for page in files.documentation_pages()):
        return files  # no page shows a diagram (a one-page test site): skip running torch
    for path, svg in _cached().items():
        files.append(File.generated(config, path, content=svg))
    return files
