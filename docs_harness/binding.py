"""Bind each shape claim to the tensor it names, and check it against what the page printed for that tensor.

A page's code says what each shape belongs to: ``print(layer.weight.shape)`` with ``#> torch.Size([30, 20])``
under it shows ``[30, 20]`` for ``layer.weight``, and ``W = layer.weight`` makes ``W`` another name for it.
Each printed expression gets a *role* from its last name (weight, bias, input, output, kernel; ``.T`` of a
weight is the transposed weight; ``layer(x)`` is an output) and keys (the expression, and the expressions its
names were assigned from).

A claim in prose names its subject with the nearest words or code span before it in its sentence
(``the weight is `[30, 20]` ``, ``the input `x` is `[128, 20]` ``), or the noun right after it
(```[30]` bias``), ``W \\in \\mathbb{R}^{...}`` in math, the assigned name for a comment on an assignment
line, or a marker ``<!-- shape-of: weight.T -->`` right after it. Then:

- a subject the page printed binds: the claim must be one of the shapes printed for it;
- a weight, transposed weight or bias the page did not print is derived from the one it did (``W.T`` is
  ``W`` reversed, the bias is ``[W.shape[0]]``) and binds the same way;
- a subject the page never printed, or no subject at all, falls back to the old rule: the shape must have
  been printed somewhere on the page. A marker's subject must have been printed.
"""

from __future__ import annotations

import ast
import dataclasses
import io
import re
import tokenize
from dataclasses import dataclass, field
from pathlib import Path

from . import shapes, subjects
from .markdown import CellLine, CodeSpan, Line, located, where

ROLE_NAMES = {
    "weight": "weight", "weights": "weight", "W": "weight", "w": "weight",
    "bias": "bias", "biases": "bias", "b": "bias",
    "x": "input", "X": "input", "x0": "input", "x1": "input", "xs": "input", "inputs": "input", "input": "input",
    "inp": "input",
    "y": "output", "Y": "output", "y0": "output", "out": "output", "output": "output", "outputs": "output",
    "logits": "output",
    "kernel": "kernel",
}
ROLE_TEXT = {
    "weight": "the weight", "weight.T": "the transposed weight", "bias": "the bias", "input": "the input",
    "output": "the output", "kernel": "the kernel",
}
# Prose words that name a role; "output feature", "input's last dimension" and the like are not tensors.
_NOT_A_TENSOR = (
    r"(?![ \t-]*(?:features?|dimensions?|dims?|sizes?|channels?|units?|neurons?|heads?|layers?|modules?|projections?"
    r"|gradients?|grads?|_features|'s last|'s gradient|的?特征|的?维度|的?梯度|层|头))"
)
_WORDS = [
    # a gradient has the shape of what it is the gradient of: "the weight gradient is `[30, 20]`"
    (re.compile(r"\bweight(?:'s)? gradients?\b", re.I), "weight"),
    (re.compile(r"\bbias(?:'s)? gradients?\b", re.I), "bias"),
    (re.compile(r"\binput(?:'s)? gradients?\b", re.I), "input"),
    (re.compile(r"\boutput(?:'s)? gradients?\b", re.I), "output"),
    (re.compile(r"\b(?:weight|W)(?:\.T\b|\.t\(\)|ᵀ)"), "weight.T"),
    (re.compile(rf"\b(?:weights?|weight matrix)(?!\.T\b|\.t\(\)|ᵀ){_NOT_A_TENSOR}|权重(?:矩阵)?{_NOT_A_TENSOR}", re.I), "weight"),
    (re.compile(rf"\b(?:bias(?:es)?){_NOT_A_TENSOR}|偏置{_NOT_A_TENSOR}", re.I), "bias"),
    (re.compile(rf"\b(?:inputs?){_NOT_A_TENSOR}|输入{_NOT_A_TENSOR}", re.I), "input"),
    (re.compile(rf"\b(?:outputs?|logits){_NOT_A_TENSOR}|输出(?!到){_NOT_A_TENSOR}", re.I), "output"),  # 输出到: "out to", a direction
    (re.compile(r"\bkernels?\b|卷积核", re.I), "kernel"),
    (re.compile(r"\btranspose[ds]?\b|转置", re.I), "transpose"),
    # a step: "A gives B" (the shape after it is the output side when A is the input side, a layer or a call)
    (
        re.compile(r"\b(?:gives?|giving|returns?|returning|becomes?|becoming|come[s]? out as|produces?|yields?)\b|得到|变成|变为|给出|返回", re.I),
        "step",
    ),
    # words after which the shape is not the one of the tensor named before them: a stride, a gradient,
    # values, or the result of a reshape ("flattened to [28, 20]")
    (
        re.compile(
            r"\b(?:strides?|gradients?|values?|turns?|into|flatten(?:ed|s)? to|reshape[ds]? to|views? [\w ]{0,20}as|rather than"
            r"|instead of|not|on|appl(?:y|ies|ied) to|acts? on)\b|步长|梯度|展平为|而不是|作用在|作用于|记作|记为|写作",
            re.I,
        ),
        None,
    ),
]
_TRANSPOSE_MARK = re.compile(r"\^\s*(?:\{\s*)?(?:\\top|T|\\intercal)\s*\}?|ᵀ")
_BOUNDARY = re.compile(r"[.;:?!](?:\s|$)|[。；：？！]|\|")
_MENTION_SPAN = re.compile(r"`(?P<code>[^`]+)`|\\\((?P<math>.+?)\\\)")
_MARKER = re.compile(r"^\s*<!--\s*shape-of:\s*(?P<subject>.*?)\s*-->")
_IN_SPACE = re.compile(r"(?P<name>[A-Za-z][\w]*(?:\s*(?:\^\s*\{?\s*\\top\s*\}?|\^T|ᵀ))?)\s*\\in\s*\\mathbb")


@dataclass
class Subject:
    text: str  # how a message names it
    keys: set[str] = field(default_factory=set)  # expressions it may be printed as
    role: str | None = None
    how: str = "words"  # words | code | math | marker | assignment


STEP = Subject("", set(), None, "step")  # a step word ("gives", "returns") between a subject and a claim


@dataclass
class Shown:
    shape: tuple[int, ...]
    keys: set[str]
    role: str | None
    line: Line  # the #> line (or session output line) that shows it
    built: bool = False  # spelled out by the code (torch.zeros(2, 3), nn.Linear(4, 3)), not printed
    block: int = 0  # index of the block in the page's list
    at: int = 0  # the block's line on the page (for sections)


@dataclass
class Value:
    value: list  # a nested list of numbers, [[4, 6], [4, 6], [4, 6]]
    keys: set[str]  # the expression that printed it (empty: not known)
    line: Line


@dataclass
class Stats:
    bound: int = 0  # checked against the shapes printed for their subject
    derived: int = 0  # checked against a shape derived from a printed weight
    marked: int = 0  # bound through a shape-of marker (counted in bound too)
    recorded: int = 0  # bound through their recorded subject, shape-subjects.json (counted in bound too)
    fell_back: int = 0  # no subject, or one the page never printed: checked against every printed shape
    exempt: int = 0  # unchecked-shape markers
    kernel: int = 0  # 1x1 before "convolution": a kernel size, not a claim

    def add(self, other: Stats) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))


# ---------------------------------------------------------------- the code side


def _strip(node: ast.AST) -> ast.AST:
    """``tuple(x.shape)``, ``x.size()``, ``x.shape`` -> ``x``."""
    while True:
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("tuple", "list") and len(node.args) == 1:
            node = node.args[0]
        elif isinstance(node, ast.Attribute) and node.attr == "shape":
            node = node.value
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "size" and not node.args:
            node = node.func.value
        else:
            return node


def _is_shape(node: ast.AST) -> bool:
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("tuple", "list") and len(node.args) == 1:
        node = node.args[0]
    if isinstance(node, ast.Attribute) and node.attr == "shape":
        return True
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "size" and not node.args


def _shape_like(node: ast.AST) -> bool:
    """A shape (``x.shape``, ``tuple(x.shape)``, ``x.size()``) or strides (``x.stride()``)."""
    return _is_shape(node) or (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "stride" and not node.args)


def _transposed(node: ast.AST) -> ast.AST | None:
    if isinstance(node, ast.Attribute) and node.attr in ("T", "mT", "H"):
        return node.value
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("t", "transpose", "permute"):
        return node.func.value
    return None


class Names:
    """What each name on the page was assigned from, and which names are layers."""

    def __init__(self) -> None:
        self.aliases: dict[str, ast.AST] = {}
        self.layers: set[str] = set()
        self.linear: set[str] = set()  # names of nn.Linear layers
        self.classes: dict[str, str] = {}  # layer name -> its class as the code calls it (nn.Conv1d, Conv1D)
        self.fed: set[str] = set()  # names passed to a layer (`layer(seq)`): inputs whatever they are called
        self.values: list[Value] = []  # the values the page's code printed (`.tolist()` of a tensor)

    def learn(self, tree: ast.AST) -> None:
        for node in ast.walk(tree):
            if not isinstance(node, ast.Assign):
                continue
            for target in node.targets:
                pairs = []
                if isinstance(target, ast.Name):
                    pairs = [(target, node.value)]
                elif isinstance(target, ast.Tuple) and isinstance(node.value, ast.Tuple) and len(target.elts) == len(node.value.elts):
                    pairs = list(zip(target.elts, node.value.elts, strict=True))
                for name, value in pairs:
                    if isinstance(value, ast.Call) and value.args and isinstance(value.args[0], ast.Name):
                        func = ast.unparse(value.func)
                        if func in self.layers or re.search(r"(?:^|\.)(?:linear|layer|fc)$", func):
                            self.fed.add(value.args[0].id)
                    if isinstance(name, ast.Name):
                        self.aliases[name.id] = value
                        if re.search(r"\b(?:Linear|Dense|Conv1D|Conv\dd|LazyLinear|Sequential)\(", ast.unparse(value)):
                            self.layers.add(name.id)
                        if isinstance(value, ast.Call) and re.fullmatch(r"(?:\w+\.)*[A-Z]\w*", ast.unparse(value.func)):
                            self.classes[name.id] = ast.unparse(value.func)
                        if re.search(r"\b(?:Linear|LazyLinear)\(", ast.unparse(value)):
                            self.linear.add(name.id)

    def keys(self, node: ast.AST) -> set[str]:
        """The expression and what it becomes with its leading name replaced by what that name was assigned."""
        node = _strip(node)
        found = {ast.unparse(node)}
        for _ in range(4):
            head = node
            while isinstance(head, (ast.Attribute, ast.Subscript, ast.Call)):
                head = head.value if not isinstance(head, ast.Call) else head.func
            if not isinstance(head, ast.Name) or head.id not in self.aliases:
                break
            text = ast.unparse(node)
            value = _strip(self.aliases[head.id])
            replacement = ast.unparse(value)
            if head is not node and not isinstance(value, (ast.Name, ast.Attribute, ast.Subscript, ast.Call)):
                replacement = f"({replacement})"  # `out.f()` with `out = a if c else b`: `(a if c else b).f()`
            text = replacement + text[len(head.id) :]
            try:
                node = _strip(ast.parse(text, mode="eval").body)
            except SyntaxError:
                break
            found.add(ast.unparse(node))
        return found

    def role(self, node: ast.AST, depth: int = 0) -> str | None:
        node = _strip(node)
        if depth > 5:
            return None
        base = _transposed(node)
        if base is not None:
            inner = self.role(base, depth + 1)
            if inner == "weight":
                return "weight.T"
            if inner == "weight.T":
                return "weight"
            return f"{inner}.T" if inner else None
        if isinstance(node, ast.Attribute) and node.attr == "grad":
            return self.role(node.value, depth + 1)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _SAME_TENSOR:
            return self.role(node.func.value, depth + 1)  # `layer.weight.T.contiguous()` is still the transposed weight
        if isinstance(node, ast.Call):
            func = ast.unparse(node.func)
            if func in self.layers or re.search(r"(?:^|\.)(?:linear|Linear\(.*\)|layer|fc|model|head)$", func):
                return "output"
            return None
        name = None
        if isinstance(node, ast.Attribute):
            name = node.attr
        elif isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str):
            name = node.slice.value
        elif isinstance(node, ast.Name):
            name = node.id
            via = self.role(self.aliases[name], depth + 1) if name in self.aliases else None
            if via is not None:  # what it was assigned from says more than its name: `weight_t = layer.weight.T`
                return via
            if _name_role(name) is None and name in self.fed:
                return "input"
            if _name_role(name) is None and name in self.aliases:
                return self.role(self.aliases[name], depth + 1)
        return _name_role(name) if name else None


# methods that return the same tensor, or a copy of it with its shape
_SAME_TENSOR = {"contiguous", "clone", "detach", "float", "double", "half", "cpu", "cuda", "to", "requires_grad_"}

_NAME_ROLES = [
    (re.compile(r"^(?:x|X|inputs?)(?:\d+|_\w+)?$"), "input"),
    (re.compile(r"^(?:y|Y|out|outputs?)(?:\d+|_\w+)?$"), "output"),
    (re.compile(r"^(?:w|W|weights?)(?:\d+|_\w+)?$"), "weight"),
    (re.compile(r"^(?:b|bias)(?:\d+|_\w+)?$"), "bias"),
]


def _name_role(name: str) -> str | None:
    """weight, W, w_2d -> weight; x, x3, x_batch -> input; y, out -> output; b, bias -> bias; conv_kernel -> kernel."""
    if name in ROLE_NAMES:
        return ROLE_NAMES[name]
    if "kernel" in name.lower():
        return "kernel"
    return next((role for pattern, role in _NAME_ROLES if pattern.match(name)), None)


def _printed_args(stmt: ast.stmt) -> list[ast.AST] | None:
    """The expressions a statement prints, in order: print's arguments (f-string fields), or a bare expression."""
    calls = [n for n in ast.walk(stmt) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "print"]
    if len(calls) == 1:
        found = []
        for arg in calls[0].args:
            if isinstance(arg, ast.JoinedStr):
                found += [v.value for v in arg.values if isinstance(v, ast.FormattedValue)]
            elif not isinstance(arg, ast.Constant):
                found.append(arg)
        return found
    if not calls and isinstance(stmt, ast.Expr):
        return [stmt.value]
    return None


def _bind_output(args: list[ast.AST] | None, text: str, line: Line, names: Names, printer: str | None = None) -> list[Shown]:
    found = shapes.shown(text)
    shaped = [a for a in args or [] if _is_shape(a)]
    if shaped and len(shaped) == len(found):
        return [Shown(shape, names.keys(arg), names.role(arg), line) for shape, arg in zip(found, shaped, strict=True)]
    if args and len(args) == len(found):
        return [Shown(shape, names.keys(arg), names.role(arg), line) for shape, arg in zip(found, args, strict=True)]
    # a shape and its strides among other values: `print(tuple(t.shape), t.stride(), t.is_contiguous())`
    tupled = [a for a in args or [] if _shape_like(a)]
    if tupled and len(tupled) == len(found):
        return [Shown(shape, names.keys(arg), names.role(arg), line) for shape, arg in zip(found, tupled, strict=True)]
    if args and len(args) == 1 and not isinstance(args[0], (ast.DictComp, ast.Dict)):
        return [Shown(shape, names.keys(args[0]), None, line) for shape in found]
    labelled = _labelled(text, printer or (ast.unparse(args[-1]) if args else "the output"), line)
    return labelled if labelled is not None else [Shown(shape, set(), None, line) for shape in found]


# a name the output prints right before a shape: `'weight': (30, 20)` (a dict), `weight [30, 20]` (a name, then dims)
_LABEL_BEFORE = re.compile(r"(?:(['\"])(?P<quoted>[\w.]+)\1\s*:\s*|(?<![\w.:'\"])(?P<bare>[A-Za-z_][\w.:]*)[ \t]+)$")


def _enclosing(text: str, start: int) -> tuple[int, int] | None:
    """(where, index) of the bracket or parenthesis that holds the item at ``start``, and which item of it that is."""
    depth, commas = 0, 0
    for k in range(start - 1, -1, -1):
        c = text[k]
        if c in ")]}":
            depth += 1
        elif c in "([{":
            if depth == 0:
                return k, commas
            depth -= 1
        elif c == "," and depth == 0:
            commas += 1
    return None


def _named_by(text: str, start: int) -> tuple[str, bool] | None:
    """The name an output line gives the shape at ``start``, and whether it is a call's: a name right before it
    (`weight [30, 20]`, `'weight': (30, 20)`), or the call it is an argument of in printed code
    (`reinterpret_tensor(buf, (20, 30), (1, 20), 0)`). Not the label of a list of shapes (the profiler's
    `aten::addmm [[30], [128, 20], ...]`): which operand each is, the line does not say."""
    before = text[:start]
    if before.endswith("torch.Size("):
        before = before[: -len("torch.Size(")]
    label = _LABEL_BEFORE.search(before)
    if label is not None:
        return label["quoted"] or label["bare"], False
    held = _enclosing(text, start)
    if held is None:
        return None
    at, _ = held
    if text[at] == "(":
        call = re.search(r"(?<![\w.])([A-Za-z_]\w*)$", text[:at])
        return (call[1], True) if call else None
    return None


def _labelled(text: str, printer: str, line: Line) -> list[Shown] | None:
    """The shapes of a line that names each of them (`{'weight': (30, 20), 'bias': (30,)}`, `weight [30, 20]` from
    `print(tensor.name, list(tensor.dims))`, and the others _named_by reads): each is the named tensor's, with
    its name's role (a call's arguments are that call's). None unless every shape on the line is named."""
    text = shapes._masked(text)
    spots = sorted((m.start(), shapes.ints(m[1])) for m in [*shapes._ANY.finditer(text), *shapes._TIMES.finditer(text)])
    found = []
    for start, shape in spots:
        named = _named_by(text, start)
        if named is None:
            return None
        name, call = named
        keys = {name} if call else {f"{name!r} printed by {printer}"}
        role = None if call or "[" in name else _name_role(re.split(r"[.:]", name)[-1])
        found.append(Shown(shape, keys, role, line))
    return found or None


_OUTPUT = re.compile(r"^[ \t]*#>(?: (?P<text>.*))?$")


def shown_shapes(blocks: list[tuple[str, list[Line]]]) -> tuple[list[Shown], Names]:
    """Every shape the page's code shows (#> lines, session output), with the expression that printed it."""
    names = Names()
    shown: list[Shown] = []
    for number, (kind, lines, at) in enumerate(blocks):
        start = len(shown)
        _block_shapes(kind, lines, names, shown)
        for item in shown[start:]:
            item.block, item.at = number, at
    return shown, names


def _block_shapes(kind: str, lines: list[Line], names: Names, shown: list[Shown]) -> None:
    if True:
        if kind == "session":
            shown += _session(lines, names)
            return
        source = "".join(ln.text + "\n" for ln in lines)
        try:
            tree = ast.parse(source)
        except SyntaxError:
            return
        names.learn(tree)
        body = tree.body
        for k, line in enumerate(lines):
            match = _OUTPUT.match(line.text)
            if not match:
                continue
            owner = max((s for s in body if (s.end_lineno or s.lineno) <= k + 1), key=lambda s: s.lineno, default=None)
            if owner is None:
                continue
            count = sum(1 for n in ast.walk(owner) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "print")
            listed = _listed(owner)
            if listed is not None:  # `print([w.shape for w in mlp.coefs_])`: the i-th shape is `mlp.coefs_[i]`'s
                for i, shape in enumerate(shapes.shown(match["text"] or "")):
                    item = ast.parse(f"({listed})[{i}]", mode="eval").body
                    shown.append(Shown(shape, names.keys(item), names.role(item), line))
                continue
            loops = any(isinstance(n, (ast.For, ast.While, ast.comprehension)) for n in ast.walk(owner))
            args = _printed_args(owner) if not loops else None
            if loops and count == 1:  # a loop's one print: every #> line it writes prints the same expressions,
                # bound only where they are shapes and strides (`tuple(t.shape), t.stride()`), not other values
                call = next(n for n in ast.walk(owner) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "print")
                args = [a for a in _printed_args(ast.Expr(call)) or [] if _shape_like(a)] or None
            if count > 1 and not loops:  # one print per #> line, in order
                group_start = k
                while group_start > 0 and _OUTPUT.match(lines[group_start - 1].text):
                    group_start -= 1
                calls = [n for n in ast.walk(owner) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "print"]
                calls.sort(key=lambda n: (n.lineno, n.col_offset))
                index = k - group_start
                args = None
                if index < len(calls):
                    args = _printed_args(ast.Expr(calls[index]))
            names.values += _bind_values(args, match["text"] or "", line, names)
            if not loops:  # an exception's message its handler prints: `except RuntimeError as error: print(error)`
                printing = sorted(
                    (n for n in ast.walk(owner) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "print"),
                    key=lambda n: (n.lineno, n.col_offset),
                )
                index = k - next(n for n in range(k, -1, -1) if n == 0 or not _OUTPUT.match(lines[n - 1].text))
                call = printing[0] if len(printing) == 1 else printing[index] if index < len(printing) else None
                operands = _handled(owner, call, match["text"] or "", line, names) if call is not None else None
                if operands is not None:
                    shown += operands
                    continue
            raised = _raised(lines, k)
            if raised is not None:  # an exception's message: shapes of what the raising operation was given
                operands = _error_shapes(owner, match["text"] or "", line, names)
                if operands is not None:
                    shown += operands
                    continue
            prints = [n for n in ast.walk(owner) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "print"]
            printer = ", ".join(ast.unparse(a) for a in prints[0].args) if len(prints) == 1 else None
            shown += _bind_output(args, match["text"] or "", line, names, printer)


_ERROR = re.compile(r"^\s*#> \w+(?:Error|Exception)\b")
_MAT_SHAPES = re.compile(r"mat1 and mat2 shapes cannot be multiplied \((\d+)x(\d+) and (\d+)x(\d+)\)")
_STATE_SHAPES = re.compile(
    r"size mismatch for (?P<name>[\w.]+): copying a param with shape torch\.Size\(\[(?P<saved>[\d, ]*)\]\) from checkpoint, "
    r"the shape in current model is torch\.Size\(\[(?P<model>[\d, ]*)\]\)"
)


def _raised(lines: list[Line], k: int) -> int | None:
    """The line of the exception header a #> line belongs to (itself, or one above it in its run of #> lines)."""
    n = k
    while n >= 0 and _OUTPUT.match(lines[n].text):
        if _ERROR.match(lines[n].text):
            return n
        n -= 1
    return None


def _operand(node: ast.AST, names: Names, role: str | None = None) -> tuple[set[str], str | None]:
    return names.keys(node), role or names.role(node)


def _error_shapes(owner: ast.stmt | None, text: str, line: Line, names: Names) -> list[Shown] | None:
    """The shapes an exception's message gives, bound to the operands it names, not to the expression that
    raised (``layer(x.T)`` is never ``20x128``; its input is). None: a message this does not read.

    ``mat1 and mat2 shapes cannot be multiplied (AxB and CxD)``: for ``a @ b`` (``torch.mm``, ``matmul``,
    ``.mm``) ``a`` and ``b``; for a Linear ``layer(x)`` (or ``F.linear(x, W)``) the input as the 2-D matrix
    the product gets, keyed ``layer(x).mat1`` (it is ``x`` flattened when ``x`` has more dimensions), and the
    transposed weight ``layer.weight.T``, also keyed ``layer(x).mat2``. ``size mismatch for weight: copying a
    param with shape S from checkpoint, the shape in current model is M`` (``load_state_dict(state)``): S is
    ``state['weight']``'s, M the module's ``weight``'s."""
    if owner is None:
        return None
    mat = _MAT_SHAPES.search(text)
    if mat:
        a, b, c, d = (int(g) for g in mat.groups())
        for node in ast.walk(owner):
            pair = _mat_operands(node, names)
            if pair is not None:
                (keys1, role1), (keys2, role2) = pair
                return [Shown((a, b), keys1, role1, line), Shown((c, d), keys2, role2, line)]
        return None
    state = _STATE_SHAPES.search(text)
    if state:
        for node in ast.walk(owner):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "load_state_dict" and node.args:
                module, saved = ast.unparse(node.func.value), ast.unparse(node.args[0])
                name = state["name"]
                own = ast.parse(f"{module}.{name}", mode="eval").body
                given = ast.parse(f"{saved}[{name!r}]", mode="eval").body
                return [
                    Shown(shapes.ints(state["saved"]), names.keys(given), names.role(own), line),
                    Shown(shapes.ints(state["model"]), names.keys(own), names.role(own), line),
                ]
    return None


def _handled(owner: ast.stmt, call: ast.Call, text: str, line: Line, names: Names) -> list[Shown] | None:
    """The shapes of an exception's message that a handler prints (``print(error)``, ``print(str(error))``,
    ``print(f"{error}")``) from ``try: layer(x)`` / ``except RuntimeError as error:``, bound as _error_shapes binds
    them under a ``raises=`` line, to the operands of the one statement of the try body that multiplies or loads a
    state dict. None: ``call`` prints something else, or the try body has no such statement or several (which of
    them raised, the code does not say)."""
    for node in ast.walk(owner):
        if not isinstance(node, ast.Try):
            continue
        for handler in node.handlers:
            if handler.name is None or not any(n is call for n in ast.walk(handler)):
                continue
            printed = _printed_args(ast.Expr(call)) or []
            if not printed or not all(_names_error(a, handler.name) for a in printed):
                return None
            raising = [
                s for s in node.body
                if any(_mat_operands(n, names) is not None or _loads_state(n) for n in ast.walk(s))
            ]
            return _error_shapes(raising[0], text, line, names) if len(raising) == 1 else None
    return None


def _names_error(node: ast.AST, name: str) -> bool:
    """``error``, ``str(error)``: the exception a handler caught as ``name``."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "str" and len(node.args) == 1:
        node = node.args[0]
    return isinstance(node, ast.Name) and node.id == name


def _loads_state(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "load_state_dict" and bool(node.args)


def _mat_operands(node: ast.AST, names: Names):
    """((keys, role) of mat1, of mat2) if ``node`` is a 2-D product or a Linear's call, else None."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.MatMult):
        return _operand(node.left, names), _operand(node.right, names)
    if not isinstance(node, ast.Call):
        return None
    func = ast.unparse(node.func)
    if func in ("torch.mm", "torch.matmul") and len(node.args) == 2:
        return _operand(node.args[0], names), _operand(node.args[1], names)
    if isinstance(node.func, ast.Attribute) and node.func.attr in ("mm", "matmul") and len(node.args) == 1:
        return _operand(node.func.value, names), _operand(node.args[0], names)
    called = names.keys(node)
    weight = None
    if re.fullmatch(r"(?:torch\.nn\.functional|F)\.linear", func) and len(node.args) >= 2:
        weight = node.args[1]
    elif isinstance(node.func, ast.Name) and node.func.id in names.linear and len(node.args) == 1:
        weight = ast.parse(f"{node.func.id}.weight", mode="eval").body
    elif not (func in names.layers or re.search(r"\bLinear\(", func)) or len(node.args) != 1:
        return None
    # mat1 spelled out with its argument too: `layer(x)` of two blocks is two matrices when `x` is two tensors
    spelled = {f"{f}({a})" for f in names.keys(node.func) for a in names.keys(node.args[0])}
    mat1 = ({f"{k}.mat1" for k in called | spelled}, None)
    mat2 = {f"{k}.mat2" for k in called}
    if weight is None:
        return mat1, (mat2, None)
    transposed = ast.Attribute(value=weight, attr="T", ctx=ast.Load())
    return mat1, (mat2 | names.keys(transposed), names.role(transposed))


def _listed(stmt: ast.stmt) -> str | None:
    """``xs`` for ``print([w.shape for w in xs])``: a list of the shapes of each item, in order (else None)."""
    if not (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call) and ast.unparse(stmt.value.func) == "print"):
        return None
    args = stmt.value.args
    if len(args) != 1 or not isinstance(args[0], ast.ListComp) or len(args[0].generators) != 1:
        return None
    loop = args[0].generators[0]
    elt = args[0].elt
    if loop.ifs or not isinstance(loop.target, ast.Name) or not _is_shape(elt):
        return None
    stripped = _strip(elt)
    return ast.unparse(loop.iter) if isinstance(stripped, ast.Name) and stripped.id == loop.target.id else None


def _session(lines: list[Line], names: Names) -> list[Shown]:
    shown, stmt = [], None
    for line in lines:
        text = line.text.strip()
        if text.startswith(">>> "):
            try:
                tree = ast.parse(text[4:])
            except SyntaxError:
                stmt = None
                continue
            names.learn(tree)
            stmt = tree.body[0] if tree.body else None
        elif text.startswith("..."):
            continue
        elif text and stmt is not None:
            shown += _bind_output(_printed_args(stmt), text, line, names)
            names.values += _bind_values(_printed_args(stmt), text, line, names)
    return shown


def _printed_items(text: str) -> list[tuple[int, int]]:
    """(start, end) of each space-separated item of a printed line, not splitting inside brackets."""
    found, depth, start = [], 0, None
    for k, c in enumerate(text):
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth = max(depth - 1, 0)
        if c.isspace() and depth == 0:
            if start is not None:
                found.append((start, k))
                start = None
        elif start is None:
            start = k
    return found + ([(start, len(text))] if start is not None else [])


def _bind_values(args: list[ast.AST] | None, text: str, line: Line, names: Names) -> list[Value]:
    """The values on a printed line (shapes.values), each with the expression that printed it when the line
    holds one item per printed expression (`print(W.grad.shape, W.grad.long().tolist())`)."""
    found = shapes.values(text)
    if not found:
        return []
    items = _printed_items(text)
    aligned = args is not None and len(items) == len(args)
    out = []
    for start, end, value in found:
        arg = next((a for (a0, a1), a in zip(items, args or [], strict=False) if a0 <= start and end <= a1), None) if aligned else None
        out.append(Value(value, names.keys(arg) if arg is not None else set(), line))
    return out


# ---------------------------------------------------------------- the prose side


def _code_subject(code: str, names: Names, how: str = "code") -> Subject | None:
    code = _TRANSPOSE_MARK.sub(".T", code.strip()).replace("\\mathbf", "").replace("{", "").replace("}", "")
    if shapes.claims(code):
        return None
    try:
        node = ast.parse(code, mode="eval").body
    except SyntaxError:
        return None
    if not isinstance(_strip(node), (ast.Name, ast.Attribute, ast.Subscript, ast.Call)):
        return None
    role = names.role(node)
    head = node
    while isinstance(head, (ast.Attribute, ast.Subscript, ast.Call)):
        head = head.value if not isinstance(head, ast.Call) else head.func
    if isinstance(head, ast.Name) and head is not node and head.id in names.aliases and head.id not in names.linear:
        role = None  # `conv.weight`, `emb.weight`: a tensor of another module, known only by its own prints
    return Subject(f"`{code}`", names.keys(node), role, how)


# What may stand between two claims of one subject: "`30x20` and also `30 × 20`", "`[30, 20]`，也写作 `30x20`",
# "a `30x20` matrix, and also a `30 × 20` tensor".
_CONNECTIVE = re.compile(
    r"^[\s,/、，]*(?:(?:matrix|matrices|tensors?|vectors?|arrays?|的?矩阵|的?张量)[\s,/、，]*)?"
    r"(?:(?:and|or|also|written|as|i\.e\.|an?|即|和|或|与|也|写作|或者|一个)[\s,/、，]*){0,4}$",
    re.I,
)


def _is_expression(code: str) -> bool:
    try:
        node = ast.parse(code.strip(), mode="eval").body
    except SyntaxError:
        return False
    return isinstance(node, (ast.BinOp, ast.Compare, ast.Call, ast.Attribute, ast.Name))


def _word_subject(role: str, transposed: bool) -> Subject:
    if transposed and role == "weight":
        role = "weight.T"
    return Subject(ROLE_TEXT[role], set(), role, "words")


# between a module and its role word: "the `Conv1D` weight", "`conv`'s bias", "`Conv1D(...)` stores its weight"
_MODULE_GAP = re.compile(r"\s*(?:'s\s*|的\s*)?(?:(?:has|have|stores?|keeps?|holds?|its|an?|the)\s+){0,3}")


def _module_subject(code: str, role: str, names: Names) -> Subject | None:
    """"the `Conv1D` weight", "`conv`'s bias": that module's tensor (None if ``code`` names no layer or class)."""
    code = code.strip()
    call = re.fullmatch(r"(?P<func>[A-Za-z_][\w.]*)\(.*\)", code)
    if call and re.fullmatch(r"(?:\w+\.)*[A-Z]\w*", call["func"]):
        code = call["func"]  # "`Conv1D(nf=30, nx=20)` has a weight": the layer built by that class
    if role not in ("weight", "bias") or not re.fullmatch(r"[A-Za-z_][\w.]*", code) or _name_role(code.split(".")[-1]):
        return None
    layers = [n for n, cls in names.classes.items() if n == code or cls == code or cls.split(".")[-1] == code.split(".")[-1]]
    if not layers and not re.fullmatch(r"(?:\w+\.)*[A-Z]\w*", code):
        return None  # a lower-case word that is no layer of the page
    # a class the page never builds names a tensor the page cannot print: no keys, so it falls back
    return Subject(f"the `{code}` {role}", {f"{n}.{role}" for n in layers}, None, "code")


def _last_mention(text: str, names: Names) -> Subject | None:
    """The last subject named in a piece of prose: a code span, math, or a role word (None: none, or the
    last one is code naming no one tensor, or a word such as "strides"). A role word right after a module
    (the `Conv1D` weight) is that module's tensor; after a step word ("gives", "returns") the subject is the
    output side when what comes before the step is the input side, a layer or a call (`layer(x)` returns it)."""
    mentions: list[tuple[int, int, Subject | None]] = []  # (start, end, subject)
    transpose = False
    codes = []
    for m in _MENTION_SPAN.finditer(text):
        subject = _code_subject(m["code"] or m["math"], names, "code" if m["code"] else "math")
        counted = re.search(r"(?:\b(?:\d+|two|three|four|five|six|eight|several|many)|[一二两三四五六七八九十几]+个)\s*$", text[: m.start()], re.I)
        if m["code"] and not counted:  # "four `Linear(20, 30)` weights stacked" are no one module's
            codes.append((m.end(), m["code"]))
        if subject is not None and (subject.role or subject.keys):
            mentions.append((m.start(), m.end(), subject))
        elif m["code"] and _is_expression(m["code"]):
            mentions.append((m.start(), m.end(), None))  # `W @ x.T + b`: code that names no one tensor
    plain = _MENTION_SPAN.sub(lambda m: " " * len(m[0]), text)
    taken: list[tuple[int, int]] = []  # spans of the gradient phrases: "gradient" inside them is no step
    for pattern, role in _WORDS:
        for m in pattern.finditer(plain):
            if role == "transpose":
                transpose = True
                continue
            if any(a <= m.start() < b for a, b in taken):
                continue
            if "gradient" in m[0].lower() and role in ROLE_TEXT:
                taken.append((m.start(), m.end()))
            subject = STEP if role == "step" else _word_subject(role, False) if role else None
            if role in ("weight", "bias") and m[0].lower() in ("weight", "bias", "权重", "偏置"):  # one module's, not "weights"
                module = next((c for e, c in codes if _MODULE_GAP.fullmatch(plain[e : m.start()])), None)
                word = re.search(r"\b([A-Z][A-Za-z]*\d\w*|Linear|Dense|Embedding)(?:'s)?\s+$|([A-Z]\w*)的$", plain[: m.start()])
                if module is None and word and (word[1] or word[2]) in {c.split(".")[-1] for c in names.classes.values()}:
                    module = word[1] or word[2]
                found = module and _module_subject(module, role, names)
                subject = found or subject
            mentions.append((m.start(), m.end(), subject))
    if not mentions:
        return None
    mentions.sort(key=lambda p: p[0])
    subject = mentions[-1][2]
    if subject is STEP:
        before = mentions[-2][2] if len(mentions) > 1 else None
        if before is None or before is STEP:
            return None
        if before.role == "input":
            return _word_subject("output", False)
        if before.how == "code" and before.role == "output" and re.search(r"\)$", before.text.strip("`")):
            return before  # `layer(x)` returns `[128, 30]`
        if before.how == "code" and before.text.strip("`") in names.layers:
            return _word_subject("output", False)
        return None
    if subject is None:
        return None
    if transpose and subject.role == "weight" and subject.how == "words":
        subject = _word_subject("weight", True)
    return subject


_NOT_NOUNS = set(
    "and or is are was were be been with for in on of by to as into from at then but so which that the a an "
    "instead becomes gives through when while if each also too after before not only here there where than it "
    "its both all has have per plus times every while whose this these those printed above below like unlike via "
    "because since under over against without within across along onto upon toward towards between among except "
    "during until".split()
)
# Nouns that say what kind of thing the tensor named before the claim is, not another tensor.
_GENERIC = re.compile(r"(?:matrix|matrices|tensors?|vectors?|arrays?)", re.I)
NO_SUBJECT = Subject("", set(), None, "none")  # the noun after a claim names no tensor the page prints


def _following_noun(text: str) -> Subject | None:
    """The role of the noun right after a claim (```[30]` bias``), NO_SUBJECT for another noun, None if none."""
    chinese = re.match(r"^\s*的?\s*(\w)", text)
    if chinese and re.match(r"[\u4e00-\u9fff]", chinese[1]):
        rest = text[chinese.start(1) :]
        for pattern, role in _WORDS:
            if role != "transpose" and pattern.match(rest):
                return _word_subject(role, False) if role in ROLE_TEXT else NO_SUBJECT
        if re.match(r"矩阵|张量|向量|数组", rest):
            return None  # "一个 `30x20` 的矩阵": what the tensor named before it is, not another tensor
        return NO_SUBJECT if re.match(r"视图|批量|梯度|结果", rest) else None
    match = re.match(r"^[ \t]*(?:的[ \t]*)?([A-Za-z][\w-]*(?:\s+matrix)?)", text)
    if not match or match[1].lower() in _NOT_NOUNS:
        return None
    if _GENERIC.fullmatch(match[1]):
        return None  # "the weight is a `30x20` matrix": what the tensor named before it is, not another tensor
    for pattern, role in _WORDS:
        if pattern.match(match[1]):
            return _word_subject(role, False) if role in ROLE_TEXT else NO_SUBJECT
    return NO_SUBJECT


@dataclass
class Context:
    before: str  # the sentence up to the claim, from the end of the previous claim
    after: str  # the rest of the line after the span
    marker: str | None  # a shape-of marker right after the span
    chained: bool = False  # ``before`` starts at the end of an earlier claim of the same sentence


def _span_end(raw: str, column: int, text: str) -> int:
    if raw.startswith("\\(", column) or raw.startswith("\\[", column):
        close = "\\)" if raw[column + 1] == "(" else "\\]"
        end = raw.find(close, column + 2)
        return end + 2 if end >= 0 else len(raw)
    if raw.startswith("<", column):  # raw HTML <code>
        end = raw.lower().find("</code>", column)
        return end + 7 if end >= 0 else len(raw)
    ticks = re.match(r"`+", raw[column:])
    if not ticks:
        return len(raw)
    end = raw.find(ticks[0], column + len(ticks[0]))
    return end + len(ticks[0]) if end >= 0 else len(raw)


def _cell_contexts(cell, spans: list[CodeSpan]) -> dict[int, Context]:
    """contexts() for the spans of one markdown cell, read by their line in the cell, keyed by the page's spans."""
    mine = [s for s in spans if isinstance(s.lineno, CellLine) and s.lineno.cell == cell.index]
    local = [dataclasses.replace(s, lineno=s.lineno.line) for s in mine]
    found = contexts(cell.source.splitlines(), local)
    return {id(original): found[id(copy)] for original, copy in zip(mine, local, strict=True) if id(copy) in found}


def contexts(lines: list[str], spans: list[CodeSpan], first: int = 1) -> dict[int, Context]:
    """For each span (by id), the prose before and after it; ``lines`` are numbered from ``first``."""
    ends: dict[int, list[tuple[int, int]]] = {}  # per line: (column, end) of each claim on it
    for span in spans:
        if shapes.claims(span.text):
            k = span.lineno - first
            if span.wrapped:  # it closes on a later line: that line's text before span.end is the claim's
                ends.setdefault(k + span.wrapped, []).append((0, span.end))
            elif 0 <= k < len(lines):
                ends.setdefault(k, []).append((span.column, _span_end(lines[k], span.column, span.text)))
    found = {}
    for span in spans:
        k = span.lineno - first
        if not 0 <= k < len(lines):
            continue
        raw = lines[k]
        last = k + span.wrapped if span.wrapped and k + span.wrapped < len(lines) else k
        end = span.end if last != k else _span_end(raw, span.column, span.text)
        marker = _MARKER.match(lines[last][end:])
        # the sentence before it: this line up to the span, then earlier lines of the paragraph
        pieces, n, col, chained = [], k, span.column, False
        while n >= 0 and n >= k - 4:
            text = lines[n][:col] if n == k else lines[n]
            if n != k and (not text.strip() or text.lstrip().startswith(("```", "~~~", "#", "!!!", "???"))):
                break
            limit = col if n == k else len(lines[n])
            claim_cut = max([e for c, e in ends.get(n, []) if c < limit and e <= limit] + [0])
            cut = max([claim_cut] + [m.end() for m in _BOUNDARY.finditer(text)])
            chained = bool(claim_cut) and cut == claim_cut
            table = text.lstrip().startswith("|")
            pieces.insert(0, text[cut:])
            if table:  # a table row: the claim's cell, else its column's header, else the row's first cell
                if not _last_mention(text[cut:], _NO_NAMES):
                    header = _header_cell(lines, k, span.column)
                    row_head = text.strip().strip("|").split("|")[0] if text.lstrip().strip("|").count("|") else ""
                    pieces[0] = header if _last_mention(header, _NO_NAMES) else row_head
                    if _operands(raw, span.column):
                        pieces[0] = ""  # "`[128, 30]` by `[30, 20]`": the operands of the row's product, not its tensor
                break
            if cut or n == 0:
                break
            n -= 1
            col = len(lines[n]) if n >= 0 else 0
        after = lines[last][end:]
        if not re.sub(r"<!--.*?-->", "", after).strip() and last + 1 < len(lines):
            after += " " + lines[last + 1].strip()  # a claim at the end of a line: what the next one starts with
        found[id(span)] = Context(" ".join(p.strip() for p in pieces), after, marker["subject"] if marker else None, chained)
    return found


_NO_NAMES = Names()


def _operands(row: str, column: int) -> bool:
    """Whether the table cell at ``column`` holds the operands of a product: `[128, 30]` by `[30, 20]`."""
    start, end = row.rfind("|", 0, column), row.find("|", column)
    cell = row[start + 1 : end if end >= 0 else len(row)]
    return re.search(r"`\s*(?:by|times|@|×|乘以?)\s*`", cell) is not None


def _header_cell(lines: list[str], k: int, column: int) -> str:
    """The header of the table column that ``column`` of row ``k`` sits in ("" if none)."""
    row = lines[k]
    index = row[:column].count("|") - (1 if row.lstrip().startswith("|") else 0)
    n = k
    while n > 0 and lines[n - 1].lstrip().startswith("|"):
        n -= 1
    if n == k or n + 1 >= len(lines) or not re.match(r"^\s*\|?\s*:?-{3,}", lines[n + 1]):
        return ""  # not a table, or the claim is in the header row itself
    cells = [c.strip() for c in lines[n].strip().strip("|").split("|")]
    return cells[index] if 0 <= index < len(cells) else ""


def subject_of(span: CodeSpan, context: Context | None, names: Names) -> Subject | None:
    if context is not None and context.marker == "printed":
        return Subject("printed", set(), None, "printed")  # a shape as a message prints it: fall back
    if context is not None and context.marker is not None:
        subject = _code_subject(context.marker, names, "marker")
        if subject is None:
            words = _last_mention(context.marker, names)
            subject = words and Subject(words.text, words.keys, words.role, "marker")
        return subject
    if span.text.startswith(("\\(", "\\[")):
        inside = _IN_SPACE.search(span.text)
        if inside:
            return _code_subject(inside["name"], names, "math")
    if context is None:
        return None
    after = _following_noun(context.after)
    if after is NO_SUBJECT:
        return None
    if after is not None:
        return after
    before = _last_mention(context.before, names)
    if before is None:  # "`[30, 20]` is the weight's shape", "`[30]` 是偏置的形状"
        later = re.match(
            r"^\s*(?:is|are|was|were)\s+(?:the\s+|its\s+|a\s+)?(?:shape\s+of\s+(?:the\s+)?)?(?P<rest>\w[\w.]*)"
            r"|^\s*(?:是|为)\s*(?P<zh>[\u4e00-\u9fff]+)",
            context.after,
        )
        if later:
            rest = later["rest"] or later["zh"]
            for pattern, role in _WORDS:
                if role in ROLE_TEXT and pattern.match(rest):
                    return _word_subject(role, False)
    return before


# ---------------------------------------------------------------- checking


def _key_hits(subject: Subject, shown: list[Shown]) -> list[Shown]:
    return [s for s in shown if any(k == i or k.endswith("." + i) or i.endswith("." + k) for k in s.keys for i in subject.keys)]


def _matches(subject: Subject, shown: list[Shown]) -> list[Shown]:
    if subject.how == "recorded":  # the very expressions recorded for it (subjects.py)
        return [s for s in shown if s.keys and _spelled(s) in subject.keys]
    if subject.how == "marker":  # a marker names a printed expression, or a role by its bare name (weight, bias)
        named = [
            s for s in shown
            if any(k == i or k.endswith("." + i) for k in s.keys for i in subject.keys)
        ]
        bare = all(re.fullmatch(r"[A-Za-z_]\w*", i) for i in subject.keys) or not subject.keys
        if named or not bare:
            return named
    if subject.keys:
        hit = [
            s for s in shown
            if any(k == i or k.endswith("." + i) or i.endswith("." + k) for k in s.keys for i in subject.keys)
        ]
        if hit:
            return hit
    if subject.role:
        return [s for s in shown if s.role == subject.role]
    return []


_VALUE_CHAIN = re.compile(r"^(?:\.(?:long|int|float|double|detach|cpu|numpy|tolist|stride|contiguous)\(\)|\.data)+$")


def _same_values(printed: str, named: str) -> bool:
    """``b.grad.long().tolist()`` prints the values of ``b.grad``; ``weight.stride()`` its strides."""
    return printed.startswith(named + ".") and _VALUE_CHAIN.match(printed[len(named) :]) is not None


def _derived(subject: Subject, shown: list[Shown]) -> set[tuple[int, ...]]:
    weights = {s.shape for s in shown if s.role == "weight" and len(s.shape) == 2}
    flipped = {s.shape for s in shown if s.role == "weight.T" and len(s.shape) == 2}
    if subject.role == "weight.T":
        return {w[::-1] for w in weights}
    if subject.role == "weight":
        return {w[::-1] for w in flipped}
    if subject.role == "bias":
        return {(w[0],) for w in weights} | {(w[1],) for w in flipped}
    return set()


def _label(line: Line, page: Path, root: Path) -> str:
    try:
        rel = line.path.resolve().relative_to(root)
    except ValueError:
        rel = line.path
    if line.path.suffix == ".ipynb":
        return str(line.lineno)
    if line.path.resolve() == page.resolve():
        return f"line {line.lineno}"
    return f"{rel}:{line.lineno}"


PROSE_FIX = "fix the claim, or if it is the shape of something else, name that right after it: <!-- shape-of: name -->"
CODE_FIX = "fix the comment, or name the tensor it is about before the shape: `name: (30, 20)`"
RECORDED_FIX = (
    f"fix the claim; if the sentence now speaks of another tensor, run `{subjects.RECORD_COMMAND}` to record its subject again "
    f"({subjects.FILE})"
)


def quote(before: str, claim: str, after: str) -> str:
    """The claim's sentence as a message quotes it: up to the claim from the sentence's start (or the claim
    before it), and on to the end of its clause, shortened with … at either end."""
    after = re.sub(r"<!--.*?-->", "", after)
    cut = _BOUNDARY.search(after)
    after = after[: cut.start() + 1 if cut else len(after)]
    before, after = " ".join(before.split()), " ".join(after.split())
    if len(before) > 60:
        before = "…" + before[-60:].lstrip()
    if len(after) > 30:
        after = after[:30].rstrip() + "…"
    return f"{before} {claim}{'' if not after or after[0] in ',.;:?!，。；：？！)' else ' '}{after}".strip()


def check_claim(
    claim, span, subject, shown, printed_anywhere, at, page, root, stats: Stats, unbound=(), fix: str = PROSE_FIX,
    sentence: str | None = None,
) -> str | None:
    """None if the claim holds, else the message (quoting ``sentence``, the claim's sentence, when given)."""
    said = f'claim "{sentence}" says {list(claim)}' if sentence else f"the claim {list(claim)} names {subject and subject.text}"
    if subject is not None and subject.keys:
        values = [s for s in shown if any(_same_values(k, i) for k in s.keys for i in subject.keys)]
        if claim in {s.shape for s in values}:  # `b.grad` is `[2, 2, 2]`: its values, printed by b.grad.tolist()
            stats.bound += 1
            return None
    if subject is not None:
        hits = _matches(subject, shown)
        if hits:
            stats.bound += 1
            stats.marked += subject.how == "marker"
            stats.recorded += subject.how == "recorded"
            if claim in {s.shape for s in hits}:
                return None
            # (not for a recorded subject: the record names the very expressions that printed the claim's shape)
            if subject.how != "recorded" and claim in {s.shape for s in unbound} and claim not in {s.shape for s in shown if s.keys}:
                stats.bound -= 1
                stats.fell_back += 1  # shown only by output no expression is known for: cannot tell
                return None
            seen, listed = set(), []
            for s in hits:
                if s.shape not in seen:
                    seen.add(s.shape)
                    listed.append(f"{list(s.shape)} ({_label(s.line, page, root)})")
            verb = "printed" if any(not s.built for s in hits) else "is built as"
            if subject.how == "recorded":
                fix = RECORDED_FIX
            return f"{at}: {said}, but {subject.text} {verb} {', '.join(listed[:4])}; {fix}"

        derived = _derived(subject, shown) if subject.how != "marker" else set()
        if derived:
            stats.derived += 1
            if claim in derived:
                return None
            return (
                f"{at}: {said}, but the page's printed weight makes "
                f"{subject.text} {', '.join(str(list(d)) for d in sorted(derived))}; fix the claim, or print "
                f"{subject.text} if the page means another tensor"
            )
        if subject.how == "marker":
            return (
                f"{at}: the claim {list(claim)} is marked as the shape of {subject.text}, but no code on this page "
                "prints it: print its shape, or name a tensor the page prints"
            )
    stats.fell_back += 1
    stats.marked += subject is not None and subject.how == "printed"
    if claim in printed_anywhere:
        return None
    import difflib

    near = difflib.get_close_matches(str(list(claim)), [str(list(p)) for p in printed_anywhere], n=3)
    return f"{at}: shape claim `{span.text}` {list(claim)} is not printed by any code on this page" + (
        f" (printed nearby: {', '.join(near)})" if near else ""
    )


# ---------------------------------------------------------------- claims in code: comments and docstrings


# "W: (out, in) = (30, 20)", "weight: [30, 20]": the name a comment gives before a colon
# (at the start of the comment, or of a clause after a comma: "the output is all bias: [3, 5]" is prose)
_LABEL = re.compile(r"(?:^|(?<=[,;(]))\s*(?P<name>[A-Za-z_][\w.]*(?:\.T)?)\s*:(?!:)")


def _quote_names(text: str, names: Names) -> str:
    """A comment's prose with the page's names in backticks, so they name tensors as code spans do: "store W
    [out, in] = (30, 20)" names `W`. Not inside brackets, where "(out, in)" names dimensions."""
    out, depth, last = [], 0, 0
    classes = {c.split(".")[-1] for c in names.classes.values()}
    for m in re.finditer(r"[\[\](){}]|(?<![\w.`])(?:\w+\.)*[A-Z]\w*\([^()]*\)|(?<![\w.`])[A-Za-z_]\w*(?:\.\w+)*(?![\w`(.])", text):
        token = m[0]
        if token.endswith(")") and len(token) > 1:  # a class call: "Conv1D(nf=30, nx=20) stores weight ..."
            if depth == 0 and token.split("(")[0].split(".")[-1] in classes:
                out.append(text[last : m.start()] + f"`{token}`")
                last = m.end()
            continue
        if token in "([{":
            depth += 1
        elif token in ")]}":
            depth = max(depth - 1, 0)
        elif depth == 0 and token.split(".")[0] in names.aliases and not _in_formula(text, m):
            out.append(text[last : m.start()] + f"`{token}`")
            last = m.end()
    return "".join(out) + text[last:]


_OPERATOR = "=+-*/@·ᵀ^×<>"


def _in_formula(text: str, m: re.Match) -> bool:
    """A name inside a formula ("dW = Gᵀ X is", "x @ W.T + b"): beside an operator or another single-letter name."""
    before, after = text[: m.start()].rstrip(), text[m.end() :].lstrip()
    if (before and before[-1] in _OPERATOR) or (after and after[0] in _OPERATOR):
        return True
    word = re.search(r"(\w+)$", before)
    return bool(word and len(word[1]) <= 2 and not word[1].islower())


def _items(text: str) -> list[tuple[int, int]]:
    """(start, end) of each item of a comma-separated list, split only at commas outside brackets."""
    items, depth, start = [], 0, 0
    for k, c in enumerate(text):
        depth += c in "([{"
        depth -= c in ")]}" and depth > 0
        if c == "," and depth == 0:
            items.append((start, k))
            start = k + 1
    return [*items, (start, len(text))]


def _layer_tensor(layer: str, which: str, names: Names) -> Subject:
    """``layer.weight`` (or ``.bias``, ``.weight.T``) of a Linear a comment's line builds."""
    node = ast.parse(f"{layer}.{which}", mode="eval").body
    return Subject(f"`{layer}.{which}`", names.keys(node), names.role(node), "assignment")


def _claims_in_text(
    text: str, names: Names, fallback: Subject | list[Subject] | None = None, words: bool = True, layer: str | None = None
):
    """(shape, subject) for each shape in a comment or docstring line, each with the words before it.

    ``fallback`` is the assigned tensor, or one per name of a multi-name assignment (``a, b = ...  # [4, 20], [30]``:
    the n-th shape is the n-th name's when the comment gives one shape per name). ``layer``: the name a Linear built
    on the comment's line is assigned to; a layer has no shape of its own, so a shape its comment gives is one of
    its tensors: the one a role word names ("weight (out, in) = (30, 20)"), else its weight for two dimensions
    and its bias for one."""
    found, last = [], 0
    matches = [m for m in sorted(shapes.claim_matches(text), key=lambda m: m.start()) if not kernel_size(shapes.ints(m[1]), text[m.end() :])]
    each = isinstance(fallback, list) and len(fallback) == len(matches)
    items = _items(text) if isinstance(fallback, list) and not each else []
    if items and len(items) == len(fallback):  # one item per name: "(out, in) = (3, 4), (out,)" for `W, b = ...`
        each = True
        fallback = [fallback[next(i for i, (a, b) in enumerate(items) if a <= m.start() < b)] for m in matches]
    for n, match in enumerate(matches):
        piece = text[last : match.start()]
        cuts = [m.end() for m in _BOUNDARY.finditer(piece)]
        before = piece[max(cuts, default=0) :]
        # a label before the shape in its clause binds it, even past the colon that ends it ("W: (out, in) = (30, 20)")
        labels = [m for m in _LABEL.finditer(piece) if not re.search(r"[.;?!](?:\s|$)", piece[m.end() :])]
        subject = _code_subject(labels[-1]["name"], names) if labels else None
        if subject is not None and not (subject.role or subject.keys - {labels[-1]["name"]} or labels[-1]["name"] in names.aliases):
            subject = None  # "note: (30, 20)": a word, not a tensor of the page
        mine = fallback[n] if each else None if isinstance(fallback, list) else fallback
        if each:  # one shape per assigned name: the name it stands for, unless a label says otherwise
            subject = subject or mine
        else:
            subject = subject or _following_noun(text[match.end() :]) or (words and _last_mention(_quote_names(before, names), names)) or mine
        shape = shapes.ints(match[1])
        if layer is not None and subject is not None and subject.how == "words" and subject.role in ("weight", "weight.T", "bias"):
            subject = _layer_tensor(layer, {"weight": "weight", "weight.T": "weight.T", "bias": "bias"}[subject.role], names)
        elif layer is not None and subject is mine and mine is not None and len(shape) in (1, 2):
            subject = _layer_tensor(layer, "weight" if len(shape) == 2 else "bias", names)
        found.append((shape, subject))
        last = match.end()
    return found


def _int(node: ast.AST) -> int | None:
    """An integer the code spells out: 20, 16 * 32 * 32."""
    if isinstance(node, ast.Constant) and type(node.value) is int:
        return node.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Mult, ast.Add, ast.Sub)):
        a, b = _int(node.left), _int(node.right)
        if a is not None and b is not None:
            return a * b if isinstance(node.op, ast.Mult) else a + b if isinstance(node.op, ast.Add) else a - b
    return None


def _nested(node: ast.AST) -> tuple[int, ...] | None:
    """The shape of a literal nested list: [[1.0, 2.0], [3.0, 4.0]] -> (2, 2)."""
    if not isinstance(node, (ast.List, ast.Tuple)):
        return ()
    inner = {_nested(e) for e in node.elts}
    if len(inner) > 1 or None in inner:
        return None
    return (len(node.elts), *(inner.pop() if inner else ()))


# module methods that return the module itself
_SAME_MODULE = {"eval", "train", "requires_grad_", "float", "double", "half", "cpu", "to"}


def _built_shape(value: ast.AST) -> tuple[str, tuple[int, ...]] | None:
    """("tensor" | "linear", shape) for a constructor whose shape the code spells out."""
    if not isinstance(value, ast.Call):
        return None
    if isinstance(value.func, ast.Attribute) and value.func.attr in _SAME_MODULE and isinstance(value.func.value, ast.Call):
        inner = _built_shape(value.func.value)  # nn.Linear(20, 30).eval() is the layer it was called on
        if inner is not None and inner[0] == "linear":
            return inner
    func = ast.unparse(value.func)
    ints = [_int(a) for a in value.args]
    if re.search(r"(?:^|\.)(?:zeros|ones|empty|randn|rand)$", func) and value.args and None not in ints:
        return "tensor", tuple(ints)
    if re.search(r"(?:^|\.)random\.(?:normal|uniform)$", func):
        # jax.random.normal(key, (128, 20)), mx.random.normal((128, 20)), np.random.normal(0, 1, (128, 20)): the
        # shape is the one tuple of integers among the arguments (or shape=, size=), wherever the library puts it
        given = [a for a in value.args if isinstance(a, (ast.Tuple, ast.List))]
        given += [k.value for k in value.keywords if k.arg in ("shape", "size")]
        sizes = [_int(e) for e in given[0].elts] if len(given) == 1 else [None]
        if sizes and None not in sizes:
            return "tensor", tuple(sizes)
    if re.search(r"(?:^|\.)tensor$", func) and value.args:
        shape = _nested(value.args[0])
        return ("tensor", shape) if shape else None
    if re.search(r"(?:^|\.)Linear$", func):
        kwargs = {k.arg: _int(k.value) for k in value.keywords}
        sizes = ints[:2] + [kwargs.get("in_features"), kwargs.get("out_features")][len(ints[:2]) :]
        if len(sizes) == 2 and None not in sizes:
            return "linear", (sizes[1], sizes[0])
    if isinstance(value.func, ast.Attribute) and value.func.attr in ("reshape", "view") and None not in ints and ints:
        return "tensor", tuple(ints)
    return None


def built_shapes(tree: ast.AST, lines: list[Line], names: Names) -> list[Shown]:
    """Shapes the block's code spells out: ``torch.zeros(2, 3, 4)``, ``torch.tensor([[1, 2], [3, 4]])``,
    ``jax.random.normal(key, (2, 3))``, ``nn.Linear(4, 3)``'s weight (3, 4) and bias (3,), and what follows from them by name, ``.T``, ``.t()``
    and ``.grad`` (``W = layer.weight.T`` is (4, 3))."""
    found: list[Shown] = []
    known: dict[str, tuple[int, ...]] = {}

    def shape_of(node: ast.AST) -> tuple[int, ...] | None:
        text = ast.unparse(node)
        if text in known:
            return known[text]
        base = _transposed(node)
        if base is not None and not (isinstance(node, ast.Call) and node.args):
            inner = shape_of(base)
            if inner is not None and (isinstance(node, ast.Attribute) and node.attr == "T" or len(inner) == 2):
                return inner[::-1]
            return None
        if isinstance(node, ast.Attribute) and node.attr in ("grad", "data"):
            return shape_of(node.value)
        return None

    assigns = sorted((n for n in ast.walk(tree) if isinstance(n, ast.Assign) and len(n.targets) == 1), key=lambda n: n.lineno)
    for node in assigns:
        target, line = ast.unparse(node.targets[0]), lines[node.lineno - 1]
        pairs = [(node.targets[0], node.value)]
        if isinstance(node.targets[0], ast.Tuple) and isinstance(node.value, ast.Tuple) and len(node.targets[0].elts) == len(node.value.elts):
            pairs = list(zip(node.targets[0].elts, node.value.elts, strict=True))
        for target_node, value in pairs:
            target = ast.unparse(target_node)
            built = _built_shape(value)
            if built is not None and built[0] == "linear":
                shape = built[1]
                known[f"{target}.weight"], known[f"{target}.bias"] = shape, shape[:1]
                found.append(Shown(shape, {f"{target}.weight"}, "weight", line, built=True))
                found.append(Shown(shape[:1], {f"{target}.bias"}, "bias", line, built=True))
                continue
            shape = built[1] if built is not None else shape_of(value)
            if shape is None:
                known.pop(target, None)  # reassigned to something the code does not spell out
                continue
            known[target] = shape
            # its keys: the name and what it is assigned here (the page's last assignment to the name, which
            # names.keys spells out, may be another block's: `x = torch.randn(3, 0)` further down)
            keys = {target} | names.keys(value) if isinstance(target_node, ast.Name) else names.keys(target_node)
            found.append(Shown(shape, keys, names.role(target_node), line, built=True))
    return found


def code_claims(blocks, names: Names):
    """(line, text, [(shape, subject)], block) for each comment or docstring line of the page's Python that claims a
    shape, and per block the shapes its code spells out."""
    found, built = [], {}
    for number, (kind, lines, _) in enumerate(blocks):
        if kind != "python":
            continue
        source = "".join(ln.text + "\n" for ln in lines)
        try:
            tree = ast.parse(source)
            tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
        except (SyntaxError, tokenize.TokenError, IndentationError):
            continue
        targets: dict[int, ast.AST] = {}
        linears: dict[int, str] = {}  # lines that build an nn.Linear: the name it is assigned to
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and len(node.targets) == 1:
                targets.setdefault(node.lineno, node.targets[0])
                if isinstance(node.targets[0], ast.Name) and re.search(r"\b(?:Linear|LazyLinear)\(", ast.unparse(node.value)):
                    linears.setdefault(node.lineno, node.targets[0].id)
        docstrings = []
        for node in ast.walk(tree):
            if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef)) and node.body:
                first = node.body[0]
                if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                    docstrings.append(first)
        for tok in tokens:
            if tok.type != tokenize.COMMENT or _OUTPUT.match(tok.string) or tok.string.startswith("#>"):
                continue
            text = tok.string[1:]
            k = tok.start[0]
            target = targets.get(k) if lines[k - 1].text[: tok.start[1]].strip() else None
            layer = linears.get(k) if target is not None else None
            if target is None and not lines[k - 1].text[: tok.start[1]].strip():  # a comment line: the statement under it
                after = next((n for n in range(k + 1, len(lines) + 1) if lines[n - 1].text.strip() and not lines[n - 1].text.strip().startswith("#")), None)
                target = targets.get(after) if after else None
                layer = linears.get(after) if after else None
            assigned = target and Subject(f"`{ast.unparse(target)}`", names.keys(target), names.role(target), "assignment")
            if isinstance(target, ast.Tuple) and all(isinstance(e, ast.Name) for e in target.elts):
                assigned = [Subject(f"`{e.id}`", names.keys(e), names.role(e), "assignment") for e in target.elts]
            claims = _claims_in_text(text, names, assigned, layer=layer)
            if claims:
                found.append((lines[k - 1], text.strip(), claims, number))
        for doc in docstrings:
            for offset, text in enumerate(ast.get_source_segment(source, doc.value).splitlines()):
                claims = _claims_in_text(text, names)
                if claims:
                    found.append((lines[doc.lineno + offset - 1], text.strip().strip('"'), claims, number))
        built[number] = built_shapes(tree, lines, names)
        for item in built[number]:
            item.block, item.at = number, blocks[number][2]
    return found, built


def has_code_claims(blocks: list) -> bool:
    """Whether the comments or docstrings of these blocks (lists of Lines) claim a shape."""
    text = "".join(ln.text + "\n" for lines in blocks for ln in lines)
    return any(shapes.claims("`" + m[0] + "`") for m in re.finditer(r"#[^>\n].*|\"\"\"[\s\S]*?\"\"\"", text))


# ---------------------------------------------------------------- one page


def _binds(subject: Subject | None, scope: list[Shown]) -> bool:
    """Whether check_claim holds the claim against its subject's own shapes rather than falling back."""
    if subject is None:
        return False
    if subject.how == "marker" or _matches(subject, scope):
        return True
    values = [s for s in scope if any(_same_values(k, i) for k in s.keys for i in subject.keys)]
    return bool(values) or bool(_derived(subject, scope))


def _ambiguous(hits: list[Shown], claim: tuple[int, ...]) -> bool:
    """Whether a subject was printed with more than one shape of the claim's rank, so its words do not say which."""
    return len({s.shape for s in hits if len(s.shape) == len(claim)}) > 1


def _spelled(shown: Shown) -> str:
    return max(shown.keys, key=lambda k: (len(k), k))


def _recorded(
    record: subjects.Record, page: str, sentence: str, index: int, claim, shown: list[Shown], built: bool = False
) -> Subject | None:
    """An unbound claim's recorded subject; while recording, note the expressions that printed its shape (with
    ``built``, also those whose shape the code spells out: a comment's block is checked against both)."""
    if record.recording:
        # each expression at its most spelled-out (its names replaced by what they were assigned): a name like
        # `linear` is reused for other layers further down, `paddle.nn.Linear(20, 30).weight` is not
        found = {_spelled(s) for s in shown if s.keys and (built or not s.built) and s.shape == claim}
        record.note(page, sentence, index, sorted(found))
        return None
    found = record.lookup(page, sentence, index)
    subject = found and Subject(f"`{min(found, key=lambda k: (len(k), k))}` (its recorded subject)", set(found), None, "recorded")
    # a recorded expression this run did not print (an exception's message the block raised, an environment
    # missing) binds nothing: the claim falls back, and tests/test_shape_subjects.py reports a record gone stale
    return subject if subject and _matches(subject, shown) else None


def check_page(
    path: Path, rel: Path, root: Path, blocks, spans: list[CodeSpan], printed_text: str, printed_by_block: list[str] | None = None,
    record: subjects.Record | None = None,
):
    """(messages, stats, opt-outs) for every shape claim of a page: its prose, its comments and docstrings."""
    from .markdown import read_notebook

    shown, names = shown_shapes(blocks)
    anywhere = shapes.printed(printed_text)
    for _, lines, _ in blocks:  # an exception's message shown under the line that raises it (checked by raises=)
        raised = "\n".join(ln.text for ln in lines if re.match(r"^\s*#> \w+(?:Error|Exception)\b", ln.text))
        anywhere |= shapes.printed(raised)
    if printed_by_block is not None:  # a wrong #> line binds nothing (its diff is reported): only what its block printed
        by_block = [shapes.printed(text) for text in printed_by_block]
        for k, (_, lines, _) in enumerate(blocks):  # the exception a block raises, shown under its line
            by_block[k] |= shapes.printed("\n".join(ln.text for ln in lines if re.match(r"^\s*#> \w+(?:Error|Exception)\b", ln.text)))
        shown = [s for s in shown if s.built or s.shape in by_block[s.block]]
    else:
        shown = [s for s in shown if s.shape in anywhere]
    unbound = [s for s in shown if not s.keys]
    stats, bad, opt_outs = Stats(), [], []
    record = record if record is not None else subjects.record_for(root)
    page_key = rel.as_posix()
    found: dict[int, Context] = {}
    heads = []
    page_lines: list[str] = []
    if path.suffix == ".ipynb":
        for cell in read_notebook(path):
            if cell.kind == "markdown":
                heads += [CellLine(cell.index, k) for k, t in enumerate(cell.source.splitlines(), 1) if re.match(r"#{1,6} ", t)]
                found.update(_cell_contexts(cell, spans))
    else:
        page_lines = path.read_text(encoding="utf-8").splitlines()
        found = contexts(page_lines, spans)
        fence = None
        for k, t in enumerate(page_lines, 1):
            opening = re.match(r"^\s*(`{3,}|~{3,})", t)
            if fence is None and opening:
                fence = opening[1]
            elif fence is not None and t.strip().startswith(fence) and not t.strip().strip(fence[0]):
                fence = None
            elif fence is None and re.match(r"#{1,6} ", t):
                heads.append(k)
    seen_keys: dict[str, int] = {}
    keyed_spans: dict[int, str] = {}

    def keyed(sentence: str, span: CodeSpan) -> str:
        """The record's key text for a span's claims: its sentence, with a table row's first cell (a row's cell
        alone reads the same in every row), and a count when the same words come again on the page."""
        if id(span) in keyed_spans:
            return keyed_spans[id(span)]
        text = sentence
        if page_lines and isinstance(span.lineno, int) and page_lines[span.lineno - 1].lstrip().startswith("|"):
            text += " | row: " + page_lines[span.lineno - 1].strip().strip("|").split("|")[0].strip()
        masked = subjects.key(text)
        seen_keys[masked] = seen_keys.get(masked, 0) + 1
        if seen_keys[masked] > 1:
            text += f" ({seen_keys[masked]})"
        keyed_spans[id(span)] = text
        return text

    found_code, built = code_claims(blocks, names)
    all_built = [b for block in built.values() for b in block]
    previous = None
    for span in spans:
        claims = shapes.claims(span.text)
        value = shapes.value(span.text) if not claims and not span.text.startswith(("\\(", "\\[")) else None
        if value is not None and span.exemption is None:
            message = check_value(value, span, subject_of(span, found.get(id(span)), names), names, located(rel, span.lineno), path, root, stats)
            if message:
                bad.append(message)
            continue
        if not claims:
            continue
        at = located(rel, span.lineno)
        if span.exemption is not None:
            for _ in claims:
                if not span.exemption:
                    bad.append(f"{at}: `{span.text}`: an unchecked-shape marker needs a reason")
                else:
                    stats.exempt += 1
                    opt_outs.append(f"{at}: shape `{span.text}` unchecked: {span.exemption}")
            continue
        context = found.get(id(span))
        subject = subject_of(span, context, names)
        if subject is None and context is not None and context.chained and _CONNECTIVE.match(context.before):
            subject = previous  # "the weight is `30x20`, also written `30 × 20`": the same subject
        if subject is None and context is not None:
            subject = _step_side(context, previous)
        previous = subject
        for index, claim in enumerate(claims):
            if context is not None and kernel_size(claim, context.after):
                stats.kernel += 1
                continue
            # the tensor's printed shapes; if the page prints none for it, the shapes its code spells out
            scope = shown if subject is None or _matches(subject, shown) else shown + all_built
            if subject is not None and subject.how == "words":  # a role word: its own section's tensors of its rank first
                section = _section(heads, span.lineno)
                own = [s for s in scope if _section(heads, s.at) == section]
                scope = own if any(len(s.shape) == len(claim) for s in _matches(subject, own)) else scope
            sentence = quote(context.before, _shown_span(span), context.after) if context is not None else None
            held = subject
            hits = _matches(subject, scope) if subject is not None and subject.how != "marker" else []
            if sentence is not None and (not _binds(subject, scope) or _ambiguous(hits, claim)):
                # unbound: the claim's own section's expressions, if one printed its shape, else the page's;
                # a subject printed with several shapes of the claim's rank ("the weight" of two layers): its own
                pool = hits
                section = _section(heads, span.lineno)
                if not pool:
                    pool = [s for s in shown if _section(heads, s.at) == section]
                    pool = pool if any(s.keys and s.shape == claim for s in pool) else shown
                spelled_out = not any(s.keys and s.shape == claim for s in pool)
                if spelled_out:  # no expression printed its shape: those the code spells out with it (`torch.randn(128, 20)`)
                    own = [b for b in all_built if _section(heads, b.at) == section]
                    pool = pool + (own if any(b.shape == claim for b in own) else all_built)
                if not record.recording:  # looked up by its words alone, whatever shape the claim now says
                    pool = shown + all_built
                held = _recorded(record, page_key, keyed(sentence, span), index, claim, pool, built=spelled_out) or subject
                if held is not subject:
                    scope = pool
            message = check_claim(claim, span, held, scope, anywhere, at, path, root, stats, unbound, sentence=sentence)
            if message:
                bad.append(message)
    for line, text, claims, number in found_code:
        at = where(line, root)
        fake = CodeSpan(line.path, line.lineno, text, None)
        # a comment speaks of its own block's tensors: what it prints, and what its code spells out
        own = [s for s in shown if s.block == number] + built.get(number, [])
        spelled = anywhere | {s.shape for s in built.get(number, [])}
        # a shape printed with no expression known for it excuses a comment of its own block only
        excused = [s for s in unbound if s.block == number]
        at_block = blocks[number][2]
        for index, (claim, subject) in enumerate(claims):
            said = text if len(text) <= 90 else text[:89].rstrip() + "…"
            scope = own
            if subject is not None and subject.how == "code" and subject.keys and not _key_hits(subject, own) and _key_hits(subject, shown):
                scope = shown  # a name the comment mentions (`W`), printed by another block of the page
            elif subject is not None and subject.how == "words" and not _matches(subject, own) and claim not in {s.shape for s in excused}:
                # a role word its block prints nothing for: its section's tensors of its rank, then the page's
                section = [s for s in shown if _section(heads, s.at) == _section(heads, at_block)]
                ranked = [s for s in _matches(subject, section) if len(s.shape) == len(claim)]
                scope = section if ranked else shown
            if not _binds(subject, scope) or (subject is not None and _ambiguous(_matches(subject, scope), claim)):
                # recorded against what its own block prints or spells out with its shape; a role word printed
                # with several shapes ("the weight" of two layers) that its block shows none of: its own tensors
                pool = own
                if not record.recording:  # looked up by its words alone, whatever shape the claim now says
                    pool = own + (_matches(subject, scope) if subject is not None else [])
                elif subject is not None and not any(s.keys and s.shape == claim for s in own):
                    pool = _matches(subject, scope) or own
                held = _recorded(record, page_key, text, index, claim, pool, built=True)
                if held is not None:
                    subject, scope = held, pool
            message = check_claim(claim, fake, subject, scope, spelled, at, line.path, root, stats, excused, CODE_FIX, sentence=said)
            if message:
                bad.append(message.replace("shape claim `", "shape claim in a comment `", 1))
    return bad, stats, opt_outs


def check_value(value: list, span: CodeSpan, subject: Subject | None, names: Names, at: str, page: Path, root: Path, stats: Stats):
    """A value claim (`W.grad` is `[[4, 6], [4, 6], [4, 6]]`): one of the values its subject printed (through
    `.tolist()` and the like), or if the page printed none for it, a value printed somewhere on the page."""
    own = [v for v in names.values if subject is not None and any(k == i or _same_values(k, i) for k in v.keys for i in subject.keys)]
    if own:
        stats.bound += 1
        if any(v.value == value for v in own):
            return None
        listed = ", ".join(f"{v.value} ({_label(v.line, page, root)})" for v in own[:3])
        return f"{at}: value claim `{span.text}`, but {subject.text} printed {listed}; fix the claim, or name the tensor whose value it is before it"
    stats.fell_back += 1
    if any(v.value == value for v in names.values):
        return None
    return f"{at}: value claim `{span.text}` is not printed by any code on this page"


def _shown_span(span: CodeSpan) -> str:
    """A span as the page writes it: `[30, 20]`, \\(30 \\times 20\\)."""
    return span.text if span.text.startswith(("\\(", "\\[")) else f"`{span.text}`"


_KERNEL_WORD = re.compile(
    r"^\s*(?:<!--.*?-->\s*)?`?(?:nn\.)?(?:conv(?:olution)?s?\b|Conv\dd|(?:convolution )?kernels?\b|的?卷积)", re.I
)


def kernel_size(claim: tuple[int, ...], after: str) -> bool:
    """``\\(1 \\times 1\\)`` right before "convolution", "kernel", `Conv2d` or 卷积: a kernel size, not a tensor.

    Only products of ones: no tensor the site discusses is 1 x 1, so this cannot hide a wrong shape.
    """
    return len(claim) >= 2 and set(claim) == {1} and _KERNEL_WORD.match(after) is not None


_STEP_AFTER = re.compile(r"^\s*(?:<!--.*?-->\s*)?(?:gives|returns|becomes|produces|yields|comes out as|得到|变成|变为|给出|返回)\b", re.I)
_STEP_BETWEEN = re.compile(
    r"^[\s,]*(?:(?:inputs?|above|here|then|it|and|，)\s*)*(?:gives|returns|becomes|produces|yields|comes out as|得到|变成|变为|给出|返回)\b", re.I
)


def _step_side(context: Context, previous: Subject | None) -> Subject | None:
    """"`[128, 20]` gives `[128, 30]`": a claim that opens its sentence right before a step word is the input
    side, and the claim the step leads to, after an input-side claim, is the output side."""
    if context.chained:
        if previous is not None and previous.role == "input" and _STEP_BETWEEN.match(context.before):
            return _word_subject("output", False)
        return None
    if _STEP_AFTER.match(context.after) and _last_mention(context.before, _NO_NAMES) is None and not _is_step(context.before):
        return _word_subject("input", False)
    return None


def _is_step(text: str) -> bool:
    return any(role in ("step", None) and pattern.search(text) for pattern, role in _WORDS)


def _section(heads: list[int], lineno: int) -> int:
    """The line of the heading a page line sits under (0 before the first)."""
    return max((h for h in heads if type(h) is type(lineno) and h <= lineno), default=0)
