"""The home page's shape explorer shows the shapes torch gives, and the page loads nothing from other hosts."""

from __future__ import annotations

import warnings

import pytest
import torch
from torch import nn


@pytest.fixture
def home(browser, site_server):
    """The home page in a fresh 1280 px wide tab; records every request and console error."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, reduced_motion="reduce")  # boxes resize at once
    page = context.new_page()
    page.requests, page.errors = [], []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("console", lambda message: message.type == "error" and page.errors.append(message.text))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.goto(site_server, wait_until="load")
    page.locator("[data-shape-explorer][data-ready=true]").wait_for()
    yield page
    context.close()


def set_sizes(page, lead: tuple[int, ...], batch: int, n_in: int, n_out: int) -> None:
    page.fill("#shape-explorer-lead", ", ".join(str(d) for d in lead))
    page.fill("#shape-explorer-batch", str(batch))
    page.fill("#shape-explorer-in", str(n_in))
    page.fill("#shape-explorer-out", str(n_out))


def displayed(page) -> dict[str, str]:
    shapes = page.locator("[data-shape-explorer] [data-shape]")
    return {shapes.nth(i).get_attribute("data-shape"): shapes.nth(i).text_content() for i in range(shapes.count())}


def torch_shapes(lead: tuple[int, ...], batch: int, n_in: int, n_out: int) -> tuple[dict[str, str], torch.Size]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zero-element weights warn that their initialisation is a no-op
        layer = nn.Linear(n_in, n_out, device="meta")  # meta: torch's own shape rules, no memory at 65,536
    x = torch.zeros(*lead, batch, n_in, device="meta")  # (*, B, in)
    y = layer(x)  # (*, B, out)
    shapes = {"x": x.shape, "weight": layer.weight.shape, "weight.T": layer.weight.T.shape, "bias": layer.bias.shape, "y": y.shape}
    return {name: str(list(shape)) for name, shape in shapes.items()}, y.shape


SETTINGS = [
    ((), 128, 20, 30),  # the example in PyTorch's docs
    ((4, 7), 128, 20, 30),  # extra leading dimensions
    ((), 0, 20, 30),  # an empty batch
    ((), 1, 5, 3),  # one sample
    ((2,), 1, 0, 4),  # in_features = 0: y is the bias, repeated
    ((3, 1, 2), 0, 7, 1),
    ((), 4096, 4096, 1),
    ((), 128, 768, 3072),  # a transformer's MLP: 768 and 3072 must look different
    ((), 8, 768, 50257),  # GPT-2's output layer: beyond the old 4096 cap
    ((2,), 65536, 65536, 65536),  # the largest sizes the explorer accepts (the code uses the meta device)
]


def run_pasted(code: str) -> dict:
    """Run the explorer's code as a reader pastes it: a fresh namespace, its own imports."""
    namespace: dict = {}
    exec(code, namespace)  # noqa: S102 - the code a reader would paste
    return namespace


@pytest.mark.parametrize("lead,batch,n_in,n_out", SETTINGS, ids=lambda v: str(v).replace(" ", ""))
def test_explorer_shows_the_shapes_torch_gives(home, lead, batch, n_in, n_out):
    set_sizes(home, lead, batch, n_in, n_out)
    want, y_shape = torch_shapes(lead, batch, n_in, n_out)
    assert displayed(home) == want
    status = home.locator("[data-explorer-status]").text_content()
    assert status.startswith(f"y has shape {want['y']}:")
    code = home.locator("[data-explorer-code]").text_content()
    assert code.startswith("import torch\nfrom torch import nn\n")
    assert f"nn.Linear({n_in}, {n_out}" in code and f"torch.randn({', '.join(map(str, (*lead, batch, n_in)))}" in code
    assert code.endswith(f"print(y.shape)  # {y_shape}")
    assert run_pasted(code)["y"].shape == y_shape
    assert not home.errors


def test_the_pasted_code_runs_and_its_comment_is_true(home):
    set_sizes(home, (4, 7), 3, 20, 30)
    code = home.locator("[data-explorer-code]").text_content()
    namespace = run_pasted(code)
    assert code.rsplit("  # ", 1)[1] == str(namespace["y"].shape)
    assert "meta" not in code, "small sizes run on real tensors"


def test_boxes_follow_the_sizes_and_stay_clamped(home):
    set_sizes(home, (), 8, 20, 30)
    x_box = home.locator('[data-box="x"]').bounding_box()
    y_box = home.locator('[data-box="y"]').bounding_box()
    assert y_box["width"] > x_box["width"]  # 30 output features against 20 input features
    assert abs(y_box["height"] - x_box["height"]) < 1  # the same batch
    set_sizes(home, (), 65536, 65536, 65536)
    big = home.locator('[data-box="x"]').bounding_box()
    assert big["width"] <= 300 and big["height"] <= 300


def box(page, name: str) -> dict:
    return page.locator(f'[data-box="{name}"]').bounding_box()


@pytest.mark.parametrize("width", [1280, 412])
def test_the_scale_tells_768_from_3072_and_weight_t_is_weight_turned(home, width):
    home.set_viewport_size({"width": width, "height": 900})
    set_sizes(home, (), 128, 768, 3072)
    weight, weight_t = box(home, "weight"), box(home, "weight.T")
    assert weight["height"] - weight["width"] >= 24, f"weight [3072, 768] is drawn {weight['height']} tall, {weight['width']} wide"
    assert abs(weight["width"] - weight_t["height"]) < 1 and abs(weight["height"] - weight_t["width"]) < 1
    set_sizes(home, (), 128, 768, 768)
    square = box(home, "weight")
    assert abs(square["width"] - square["height"]) < 1


@pytest.mark.parametrize("width", [1280, 412, 360])
def test_operators_stay_with_their_operands(home, width):
    home.set_viewport_size({"width": width, "height": 900})
    set_sizes(home, (), 128, 768, 3072)
    for op in home.locator(".shape-explorer__op").all():
        after = op.evaluate_handle("el => el.nextElementSibling").as_element()
        assert after is not None, "an operator ends the row"
        op_box, next_box = op.bounding_box(), after.bounding_box()
        assert next_box["x"] > op_box["x"] and next_box["y"] < op_box["y"] + op_box["height"], (
            f"at {width} px {op.text_content()!r} is not on the line of its operand"
        )


def test_bad_input_is_reported_and_marked(home):
    home.fill("#shape-explorer-lead", "4, seven")
    assert home.get_attribute("#shape-explorer-lead", "aria-invalid") == "true"
    assert "Extra leading dimensions must be" in home.locator("[data-explorer-status]").text_content()
    for stale in (".shape-explorer__equation", ".shape-explorer__shapes", "[data-explorer-code]"):
        assert not home.locator(f"[data-shape-explorer] {stale}").is_visible(), f"{stale} still shows the last valid result"
    home.fill("#shape-explorer-lead", "")
    home.fill("#shape-explorer-in", "65537")
    assert "in_features must be a whole number from 0 to 65,536" in home.locator("[data-explorer-status]").text_content()
    assert not home.locator("[data-explorer-code]").is_visible()
    home.fill("#shape-explorer-in", "20")
    assert home.locator("[data-explorer-code]").is_visible()
    home.fill("#shape-explorer-lead", "")
    assert home.get_attribute("#shape-explorer-lead", "aria-invalid") is None
    assert home.locator("[data-explorer-status]").text_content().startswith("y has shape [128, 30]")


def test_keyboard_alone_changes_the_sizes(home):
    home.focus("#shape-explorer-lead")
    home.keyboard.type("2")
    home.keyboard.press("Tab")  # to the batch size
    assert home.evaluate("document.activeElement.id") == "shape-explorer-batch"
    home.keyboard.press("ArrowUp")
    assert home.locator('[data-shape="y"]').text_content() == "[2, 129, 30]"
    for _ in range(3):
        home.keyboard.press("Tab")  # in_features, out_features, then the reset button
    home.keyboard.press("Enter")
    home.wait_for_function("document.querySelector('[data-shape=\"y\"]').textContent === '[128, 30]'")


def test_explorer_is_labelled_and_announces_results(home):
    for name in ("lead", "batch", "in", "out"):
        input_id = home.get_attribute(f"[data-shape-explorer] [name={name}]", "id")
        assert home.locator(f'label[for="{input_id}"]').count() == 1
    status = home.locator("[data-explorer-status]")
    assert status.get_attribute("aria-live") == "polite" and status.get_attribute("role") == "status"
    assert home.locator("[data-shape-explorer] noscript").count() == 1


def test_a_diagram_opens_in_the_lightbox_without_leaving_the_site(home, site_server):
    home.locator('a.glightbox[href$="shapes-light.svg#only-light"]').click()
    slide = home.locator(".glightbox-container .gslide.current img")
    slide.wait_for(state="visible")
    assert "assets/diagrams/shapes-light.svg" in slide.get_attribute("src")
    home.keyboard.press("Escape")
    home.locator(".glightbox-container").wait_for(state="detached")
    outside = [url for url in home.requests if not url.startswith(site_server) and not url.startswith("data:")]
    assert outside == []
    assert not home.errors
