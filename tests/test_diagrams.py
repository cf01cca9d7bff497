"""The build-time diagrams: their checks run, their labels are the shapes torch reports, and they are reproducible."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
import torch
from conftest import load_hook
from torch import nn

SVG = "{http://www.w3.org/2000/svg}"
NAMES = ("shapes", "linear-path", "rows-vs-columns", "batch-layouts", "gradient-shapes", "framework-layouts")
FILES = {f"assets/diagrams/{n}{v}-{s}.svg" for n in NAMES for v in ("", "-narrow") for s in ("light", "dark")}

diagrams = load_hook("diagrams.py", "site_diagrams")


@pytest.fixture(scope="module")
def generated() -> dict[str, str]:
    return diagrams.diagrams()


def texts(svg: str) -> dict[str, str]:
    """data-role -> text of every <text> element."""
    root = ET.fromstring(svg)
    return {t.get("data-role"): t.text for t in root.iter(f"{SVG}text")}


def expected_shapes() -> dict[str, str]:
    """The shapes the diagrams must show, from an independent run of the documented example."""
    torch.manual_seed(0)
    layer = nn.Linear(20, 30)
    x = torch.randn(128, 20)  # (B, in)
    y = layer(x)  # (B, out)
    return {
        "x": str(list(x.shape)),
        "weight": str(list(layer.weight.shape)),
        "weight_t": str(list(layer.weight.T.shape)),
        "bias": str(list(layer.bias.shape)),
        "y": str(list(y.shape)),
        "x0": str(list(x[0].shape)),
        "y0": str(list(layer(x[0]).shape)),
        "weight_stride": str(layer.weight.stride()),
        "weight_t_stride": str(layer.weight.T.stride()),
        "x_t": str(list(x.T.shape)),
        "y_cols": str(list((layer.weight @ x.T).shape)),
        "grad_y": str(list(y.shape)),
        "grad_y_t": str(list(y.T.shape)),
        "weight_grad": str(list(torch.autograd.grad(y.sum(), layer.weight)[0].shape)),
    }


def test_every_check_runs_and_passes(monkeypatch):
    seen: list[tuple[bool, str]] = []
    real_check = diagrams.check
    monkeypatch.setattr(diagrams, "check", lambda ok, message: (seen.append((bool(ok), message)), real_check(ok, message)))
    diagrams.observe()
    messages = " | ".join(m for _, m in seen)
    assert all(ok for ok, _ in seen)
    assert "layer(x) differs from x @ weight.T + b" in messages  # torch.allclose(y, x @ W.T + b)
    assert "weight.T does not share storage with weight" in messages  # a view, not a copy
    assert "layer(x0) differs from W @ x0 + b" in messages
    assert len(seen) >= 15


def test_shapes_diagram_labels_are_the_observed_shapes(generated):
    want = expected_shapes()
    for scheme in ("light", "dark"):
        labels = texts(generated[f"assets/diagrams/shapes-{scheme}.svg"])
        assert labels["x-shape"] == want["x"] == "[128, 20]"
        assert labels["weight-t-shape"] == want["weight_t"] == "[20, 30]"
        assert labels["bias-shape"] == want["bias"] == "[30]"
        assert labels["y-shape"] == want["y"] == "[128, 30]"
        assert labels["weight-shape"] == want["weight"] == "[30, 20]"
        assert labels["weight-t-view"] == f"view: strides {want['weight_t_stride']}, no copy"
        assert labels["weight-t-view"] == "view: strides (1, 20), no copy"
        assert labels["weight-stride"] == f"stored, strides {want['weight_stride']}"


def test_path_diagram_labels_are_the_observed_calls(generated):
    want = expected_shapes()
    labels = texts(generated["assets/diagrams/linear-path-light.svg"])
    assert labels["forward-head"] == "nn.Linear.forward"
    assert labels["forward-detail"] == "return F.linear(input, self.weight, self.bias)"
    assert labels["transpose-head"] == "aten::t(weight)"
    assert labels["addmm-head"] == "aten::addmm(bias, x, weight.t())"
    assert labels["addmm-detail"] == f"{want['bias']} + {want['x']} @ {want['weight_t']}"
    assert labels["result-detail"] == want["y"]
    assert want["weight_t_stride"] in labels["transpose-detail"]


def test_rows_vs_columns_labels_are_the_observed_shapes(generated):
    want = expected_shapes()
    labels = texts(generated["assets/diagrams/rows-vs-columns-dark.svg"])
    assert labels["textbook-weight-shape"] == want["weight"]
    assert labels["textbook-x-shape"] == want["x0"] == "[20]"
    assert labels["textbook-y-shape"] == want["y0"] == "[30]"
    assert labels["pytorch-x-shape"] == want["x"]
    assert labels["pytorch-weight-t-shape"] == want["weight_t"]
    assert labels["pytorch-y-shape"] == want["y"]


def narrow(name: str, scheme: str = "light") -> str:
    return f"assets/diagrams/{name}-narrow-{scheme}.svg"


def test_narrow_drawings_show_the_same_shapes(generated):
    """The phone drawings carry every shape label of the wide ones, with the same text."""
    for name in NAMES:
        for scheme in ("light", "dark"):
            wide = texts(generated[f"assets/diagrams/{name}-{scheme}.svg"])
            thin = texts(generated[narrow(name, scheme)])
            shapes = {role: text for role, text in wide.items() if role.endswith(("-shape", "-head"))}
            assert shapes, name
            assert {role: thin.get(role) for role in shapes} == shapes, name
            assert ET.fromstring(generated[narrow(name, scheme)]).get("viewBox").split()[2] == "320", name


def test_narrow_labels_are_at_least_12_px_and_wide_ones_13(generated):
    for path, svg in generated.items():
        smallest = min(float(t.get("font-size")) for t in ET.fromstring(svg).iter(f"{SVG}text"))
        assert smallest >= (12 if "-narrow-" in path else 13), f"{path}: a {smallest} px label"


def test_the_narrow_drawing_is_served_up_to_the_last_width_the_wide_one_is_unreadable(generated):
    """Up to 959 px the column is the viewport less 32 px: a 720 px drawing with 13 px labels keeps 11 px
    from a 609.2 px column (642 px viewport), the 940 px one with 15.1 px labels from 684.8 px (717 px)."""
    assert diagrams.column_width(641) == 609 and diagrams.column_width(960) == 686 and diagrams.column_width(1280) == 688
    assert diagrams.narrow_up_to(generated["assets/diagrams/shapes-light.svg"]) == 641
    assert diagrams.narrow_up_to(generated["assets/diagrams/rows-vs-columns-dark.svg"]) == 716
    for path, svg in generated.items():
        if "-narrow-" not in path:
            edge, width, smallest = diagrams.narrow_up_to(svg), float(diagrams._size(svg)[0]), diagrams.smallest_label(svg)
            shown = [smallest * min(1, diagrams.column_width(v) / width) for v in (edge, edge + 1)]
            assert shown[0] < 11 <= shown[1], (path, edge, shown)


def test_a_wide_drawing_unreadable_on_a_desktop_stops_the_build():
    """940 px with 11 px labels: 8 px in the 688 px desktop column, where no portrait drawing is served."""
    too_small = '<svg viewBox="0 0 940 100"><text data-role="x" font-size="11" x="0" y="0">[128, 20]</text></svg>'
    with pytest.raises(diagrams.DiagramError, match="unreadable at 1220 px"):
        diagrams.narrow_up_to(too_small)


def test_the_intrinsic_size_is_twice_the_drawing(generated):
    """The page shows a diagram at its viewBox size; the lightbox can zoom to the file's own size, 2x."""
    for path, svg in generated.items():
        root = ET.fromstring(svg)
        _, _, width, height = (float(v) for v in root.get("viewBox").split())
        assert (float(root.get("width")), float(root.get("height"))) == (2 * width, 2 * height), path


def test_batch_layouts_labels_are_the_observed_shapes(generated):
    want = expected_shapes()
    for path in ("assets/diagrams/batch-layouts-light.svg", narrow("batch-layouts", "dark")):
        labels = texts(generated[path])
        assert labels["rows-x-shape"] == want["x"] == "[128, 20]"
        assert labels["rows-weight-t-shape"] == want["weight_t"] == "[20, 30]"
        assert labels["rows-y-shape"] == want["y"] == "[128, 30]"
        assert labels["columns-weight-shape"] == want["weight"] == "[30, 20]"
        assert labels["columns-x-t-shape"] == want["x_t"] == "[20, 128]"
        assert labels["columns-y-shape"] == want["y_cols"] == "[30, 128]"


def test_gradient_labels_are_the_observed_shapes(generated):
    want = expected_shapes()
    for path in ("assets/diagrams/gradient-shapes-dark.svg", narrow("gradient-shapes")):
        labels = texts(generated[path])
        assert labels["grad-g-shape"] == want["grad_y"] == "[128, 30]"
        assert labels["grad-g-t-shape"] == want["grad_y_t"] == "[30, 128]"
        assert labels["grad-x-shape"] == want["x"]
        assert labels["grad-dw-shape"] == want["weight_grad"] == want["weight"] == "[30, 20]"


def test_framework_layouts_labels_are_keras_and_torch_shapes(generated):
    import os

    os.environ.setdefault("KERAS_BACKEND", "torch")
    import keras

    dense = keras.layers.Dense(30)
    dense.build((128, 20))
    want = expected_shapes()
    for path in ("assets/diagrams/framework-layouts-light.svg", narrow("framework-layouts", "dark")):
        labels = texts(generated[path])
        assert labels["torch-weight-shape"] == want["weight"] == "[30, 20]"
        assert labels["keras-kernel-shape"] == str(list(dense.kernel.shape)) == "[20, 30]"


def test_a_gradient_of_the_wrong_value_stops_the_build(monkeypatch):
    real = torch.Tensor.backward
    monkeypatch.setattr(torch.Tensor, "backward", lambda self, g=None, **kw: real(self, 2 * g, **kw))
    with pytest.raises(diagrams.DiagramError, match=r"weight.grad differs from G.T @ X"):
        diagrams.observe()


def test_labels_follow_the_tensors_not_literals():
    torch.manual_seed(0)
    obs = diagrams.observe(nn.Linear(3, 5), torch.randn(7, 3))
    labels = texts(diagrams.shapes_svg(obs, "light"))
    assert (labels["x-shape"], labels["weight-t-shape"], labels["y-shape"]) == ("[7, 3]", "[3, 5]", "[7, 5]")
    assert labels["weight-t-view"] == "view: strides (1, 3), no copy"
    assert "128" not in diagrams.shapes_svg(obs, "dark")
    assert not [t for t in texts(diagrams.batch_layouts_narrow_svg(obs, "dark")).values() if "128" in t]
    labels = texts(diagrams.gradient_narrow_svg(obs, "light"))
    assert (labels["grad-g-t-shape"], labels["grad-dw-shape"]) == ("[5, 7]", "[5, 3]")
    keras_labels = texts(diagrams.layouts_svg(diagrams.observe_keras(nn.Linear(3, 5), torch.randn(7, 3)), "light"))
    assert (keras_labels["torch-weight-shape"], keras_labels["keras-kernel-shape"]) == ("[5, 3]", "[3, 5]")


def test_without_keras_only_the_keras_diagrams_are_left_out(generated):
    without = diagrams.diagrams(keras=False)
    assert set(generated) - set(without) == {f for f in FILES if "/framework-layouts" in f}
    assert all(generated[path] == svg for path, svg in without.items())


def test_two_generations_are_byte_identical(generated):
    again = diagrams.diagrams()
    assert again == generated
    assert all(isinstance(v, str) and v.endswith("</svg>\n") for v in again.values())


def test_both_variants_exist_with_title_desc_and_system_fonts(generated):
    assert set(generated) == FILES
    for path, svg in generated.items():
        root = ET.fromstring(svg)
        assert root.get("role") == "img"
        title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
        assert title is not None and title.text.strip(), path
        assert desc is not None and len(desc.text) > 40, path
        fonts = {t.get("font-family") for t in root.iter(f"{SVG}text")}
        assert all(f.endswith("sans-serif") or f.endswith("monospace") for f in fonts), fonts
        assert "@import" not in svg and "url(http" not in svg and "<image" not in svg
        assert re.findall(r"https?://[^\"']+", svg) == ["http://www.w3.org/2000/svg"], path


def _luminance(hex_color: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_text_contrast_passes_wcag_aa_on_every_surface(generated):
    for path, svg in generated.items():
        root = ET.fromstring(svg)
        surfaces = {r.get("fill") for r in root.iter(f"{SVG}rect")}
        for text in root.iter(f"{SVG}text"):
            for surface in surfaces:
                ratio = contrast(text.get("fill"), surface)
                assert ratio >= 4.5, f"{path}: {text.get('data-role')} {text.get('fill')} on {surface}: {ratio:.2f}"


class OffByOne(nn.Linear):
    def forward(self, input):
        return super().forward(input) + 1


class DropsAFeature(nn.Linear):
    def forward(self, input):
        return super().forward(input)[..., :-1]


def test_a_layer_whose_output_disagrees_stops_the_build():
    with pytest.raises(diagrams.DiagramError, match=r"x @ weight.T \+ b"):
        diagrams.observe(OffByOne(20, 30))


def test_a_wrong_output_shape_stops_the_build():
    with pytest.raises(diagrams.DiagramError, match=r"y has shape \[128, 29\]"):
        diagrams.observe(DropsAFeature(20, 30))


def test_a_transpose_that_copies_stops_the_build(monkeypatch):
    monkeypatch.setattr(torch.Tensor, "T", property(lambda t: t.t().contiguous()))
    with pytest.raises(diagrams.DiagramError, match="share storage"):
        diagrams.observe()


def test_a_monkeypatched_wrong_shape_stops_the_build(monkeypatch):
    real_forward = nn.Linear.forward
    monkeypatch.setattr(nn.Linear, "forward", lambda self, input: real_forward(self, input).unsqueeze(0))
    with pytest.raises(diagrams.DiagramError, match="y has shape"):
        diagrams.observe()


def test_the_built_site_serves_the_same_diagrams_in_a_local_lightbox(built_site: Path, generated):
    for path, svg in generated.items():
        assert (built_site / path).read_text() == svg, path
    html = (built_site / "index.html").read_text()
    for name in ("shapes", "linear-path", "rows-vs-columns"):
        for scheme in ("light", "dark"):
            src = f"assets/diagrams/{name}-{scheme}.svg#only-{scheme}"
            thin = f"assets/diagrams/{name}-narrow-{scheme}.svg"
            media = re.escape(f"(max-width: {641 if name != 'rows-vs-columns' else 716}px)")
            assert re.search(
                rf'<a class="glightbox"[^>]*href="{re.escape(src)}" data-narrow-href="{re.escape(thin)}" data-narrow-media="{media}"[^>]*>'
                rf'<picture class="diagram"><source media="{media}" srcset="{re.escape(thin)}" width="320" height="\d+">'
                rf'<img alt="[^"]{{40,}}" src="{re.escape(src)}" width="\d+" height="\d+"></picture>',
                html,
            ), src
    assert '<script id="diagram-zoom">' in html and '<style id="diagram-zoom-style">' in html
    assert '<script defer src="assets/javascripts/glightbox.min.js">' in html and '<script id="init-glightbox" type="module">' in html
    assert '<link href="assets/stylesheets/glightbox.min.css" rel="stylesheet">' in html
    assert (built_site / "assets/javascripts/glightbox.min.js").is_file()
    assert loaded_urls(html) and not [u for u in loaded_urls(html) if re.match(r"(https?:)?//", u)]


class _Loads(HTMLParser):
    """URLs the browser fetches on load: scripts, images, stylesheets, icons, preloads (not links)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "img", "iframe", "source") and a.get("src"):
            self.urls.append(a["src"])
        if tag == "link" and a.get("rel") in ("stylesheet", "preload", "modulepreload", "icon", "manifest"):
            self.urls.append(a["href"])


def loaded_urls(html: str) -> list[str]:
    parser = _Loads()
    parser.feed(html)
    return parser.urls


def test_a_later_build_of_the_same_code_reads_the_diagrams_it_drew(monkeypatch, tmp_path):
    """.cache/diagrams/ holds what one build drew, under a name made of the drawing code and the library versions."""
    import importlib.metadata

    drawn = []
    monkeypatch.setattr(diagrams, "CACHE", tmp_path)
    monkeypatch.setattr(diagrams, "diagrams", lambda keras: drawn.append(keras) or {"assets/diagrams/x-light.svg": f"<svg>{len(drawn)}</svg>"})
    diagrams._cached.cache_clear()
    try:
        first = diagrams._cached(False)
        diagrams._cached.cache_clear()  # a new build: a new process, an empty lru_cache
        assert diagrams._cached(False) == first and drawn == [False], "the second build drew again"
        real = importlib.metadata.version
        monkeypatch.setattr(importlib.metadata, "version", lambda dist: "9.9.9" if dist == "torch" else real(dist))
        diagrams._cached.cache_clear()
        assert diagrams._cached(False) == {"assets/diagrams/x-light.svg": "<svg>2</svg>"}, "another torch must draw again"
        assert len(list(tmp_path.glob("torch-*.json"))) == 2 and not list(tmp_path.glob("*.partial"))
    finally:
        diagrams._cached.cache_clear()
