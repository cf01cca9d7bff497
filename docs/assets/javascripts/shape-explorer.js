/* Shape explorer: the shapes nn.Linear gives for the sizes a reader picks.
   Plain JavaScript, no network, no dependencies. The rules it applies are the ones
   tests/test_explorer.py checks against torch: x (*, B, in) -> y (*, B, out),
   weight (out, in), weight.T (in, out), bias (out). */
(function () {
  "use strict";

  var MAX = 4096;
  var MAX_LEAD = 4;
  var FIELDS = [
    { key: "batch", label: "Batch size" },
    { key: "in", label: "in_features" },
    { key: "out", label: "out_features" }
  ];

  function shapeText(dims) {
    return "[" + dims.join(", ") + "]";
  }

  function parseCount(text) {
    var t = String(text).trim();
    if (!/^\d+$/.test(t)) return null;
    var n = parseInt(t, 10);
    return n <= MAX ? n : null;
  }

  function parseLead(text) {
    var t = String(text).trim();
    if (t === "") return [];
    var parts = t.split(/[\s,]+/).filter(function (p) { return p !== ""; });
    if (parts.length > MAX_LEAD) return null;
    var dims = [];
    for (var i = 0; i < parts.length; i++) {
      var n = parseCount(parts[i]);
      if (n === null) return null;
      dims.push(n);
    }
    return dims;
  }

  /* Box side in pixels: proportional to the size, clamped so 1 and 4096 both stay visible. */
  function side(n) {
    return Math.max(4, Math.min(150, Math.round(n * 2.5)));
  }

  function drawBox(box, rows, cols, lead) {
    box.style.width = side(cols) + "px";
    box.style.height = (rows === null ? 6 : side(rows)) + "px";
    box.classList.toggle("shape-explorer__box--stacked", lead.length > 0);
    box.classList.toggle("shape-explorer__box--empty", cols === 0 || rows === 0);
  }

  function setup(root) {
    if (root.getAttribute("data-ready") === "true") return;
    root.setAttribute("data-ready", "true");

    var form = root.querySelector("form");
    var inputs = {
      lead: root.querySelector("[name=lead]"),
      batch: root.querySelector("[name=batch]"),
      in: root.querySelector("[name=in]"),
      out: root.querySelector("[name=out]")
    };
    var status = root.querySelector("[data-explorer-status]");
    var code = root.querySelector("[data-explorer-code]");
    var shapes = {};
    var boxes = {};
    root.querySelectorAll("[data-shape]").forEach(function (el) { shapes[el.getAttribute("data-shape")] = el; });
    root.querySelectorAll("[data-box]").forEach(function (el) { boxes[el.getAttribute("data-box")] = el; });
    var defaults = {};
    Object.keys(inputs).forEach(function (k) { defaults[k] = inputs[k].value; });

    function invalid(input, bad) {
      if (bad) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    }

    function update() {
      var lead = parseLead(inputs.lead.value);
      var values = {};
      var problems = [];
      invalid(inputs.lead, lead === null);
      if (lead === null) problems.push("Extra leading dimensions must be up to " + MAX_LEAD + " whole numbers from 0 to " + MAX + ", separated by commas");
      FIELDS.forEach(function (f) {
        values[f.key] = parseCount(inputs[f.key].value);
        invalid(inputs[f.key], values[f.key] === null);
        if (values[f.key] === null) problems.push(f.label + " must be a whole number from 0 to " + MAX);
      });
      root.classList.toggle("shape-explorer--invalid", problems.length > 0);
      if (problems.length > 0) {
        status.textContent = problems.join(". ") + ".";
        return;
      }

      var B = values.batch, n_in = values["in"], n_out = values.out;
      var x = lead.concat([B, n_in]);
      var y = lead.concat([B, n_out]);
      var dims = {
        x: x,
        weight: [n_out, n_in],
        "weight.T": [n_in, n_out],
        bias: [n_out],
        y: y
      };
      Object.keys(dims).forEach(function (k) {
        if (shapes[k]) shapes[k].textContent = shapeText(dims[k]);
      });
      drawBox(boxes.x, B, n_in, lead);
      drawBox(boxes.weight, n_out, n_in, []);
      drawBox(boxes["weight.T"], n_in, n_out, []);
      drawBox(boxes.bias, null, n_out, []);
      drawBox(boxes.y, B, n_out, lead);

      code.textContent = "layer = nn.Linear(" + n_in + ", " + n_out + "); y = layer(torch.randn(" +
        x.join(", ") + "))  # y: torch.Size(" + shapeText(y) + ")";
      status.textContent = "y has shape " + shapeText(y) + ": x " + shapeText(x) + " times weight.T " +
        shapeText(dims["weight.T"]) + " plus bias " + shapeText(dims.bias) + ".";
    }

    form.addEventListener("input", update);
    form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
    form.addEventListener("reset", function () {
      window.setTimeout(function () {
        Object.keys(inputs).forEach(function (k) { inputs[k].value = defaults[k]; });
        update();
      }, 0);
    });
    root.querySelector("[data-explorer-ui]").hidden = false;
    update();
  }

  function init() {
    document.querySelectorAll("[data-shape-explorer]").forEach(setup);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init); // Material: runs on first load and after every instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
