/* Shape explorer: the shapes nn.Linear gives for the sizes a reader picks.
   Plain JavaScript, no network, no dependencies. The rules it applies are the ones
   tests/test_explorer.py checks against torch: x (*, B, in) -> y (*, B, out),
   weight (out, in), weight.T (in, out), bias (out).
   Boxes are drawn on a logarithmic scale, so 768 and 3072 differ at a glance and
   weight.T is visibly weight turned on its side, from 1 up to 65,536. */
(function () {
  "use strict";

  var MAX = 65536;
  var MAX_LEAD = 4;
  var REAL_LIMIT = 1e7; // more elements than this and the pasted code uses the meta device (shapes only, no memory)
  var FIELDS = [
    { key: "batch", label: "Batch size" },
    { key: "in", label: "in_features" },
    { key: "out", label: "out_features" }
  ];

  function shapeText(dims) {
    return "[" + dims.join(", ") + "]";
  }

  function grouped(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
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

  /* Box side in pixels: 6 px plus 16 px per doubling, so 1 -> 22, 20 -> 76, 768 -> 159, 3072 -> 191, 65536 -> 262. */
  function side(n) {
    return n === 0 ? 4 : Math.round(6 + 16 * Math.log2(n + 1));
  }

  function drawBox(box, rows, cols, lead) {
    box.style.width = side(cols) + "px";
    box.style.height = (rows === null ? 6 : side(rows)) + "px";
    box.classList.toggle("shape-explorer__box--stacked", lead.length > 0);
    box.classList.toggle("shape-explorer__box--empty", cols === 0 || rows === 0);
  }

  function count(dims) {
    return dims.reduce(function (a, b) { return a * b; }, 1);
  }

  /* The code a reader can paste into Python as it is: imports, the layer, an input, the printed shape. */
  function pythonCode(lead, B, n_in, n_out, y) {
    var x = lead.concat([B, n_in]);
    var meta = count(x) + n_in * n_out + count(y) > REAL_LIMIT;
    var device = meta ? ', device="meta"' : "";
    var lines = ["import torch", "from torch import nn", ""];
    if (meta) lines.push("# meta tensors carry shapes, not numbers: any size runs instantly");
    lines.push("layer = nn.Linear(" + n_in + ", " + n_out + device + ")");
    lines.push("x = torch.randn(" + x.join(", ") + device + ")");
    lines.push("y = layer(x)");
    lines.push("print(y.shape)  # torch.Size(" + shapeText(y) + ")");
    return lines.join("\n");
  }

  /* Each operator travels with the operand after it, so a line never ends with ×, + or =. */
  function keepOperatorsWithOperands(equation) {
    equation.querySelectorAll(".shape-explorer__op").forEach(function (op) {
      var operand = op.nextElementSibling;
      if (!operand || op.parentElement.classList.contains("shape-explorer__term")) return;
      var term = document.createElement("span");
      term.className = "shape-explorer__term";
      op.parentNode.insertBefore(term, op);
      term.appendChild(op);
      term.appendChild(operand);
    });
  }

  function setup(root) {
    if (root.getAttribute("data-ready") === "true") return;

    var form = root.querySelector("form");
    var inputs = {
      lead: root.querySelector("[name=lead]"),
      batch: root.querySelector("[name=batch]"),
      in: root.querySelector("[name=in]"),
      out: root.querySelector("[name=out]")
    };
    var status = root.querySelector("[data-explorer-status]");
    var code = root.querySelector("[data-explorer-code]");
    var equation = root.querySelector(".shape-explorer__equation");
    var results = [equation, root.querySelector(".shape-explorer__shapes"), code.closest("pre")];
    var help = root.querySelector(".shape-explorer__help");
    var shapes = {};
    var boxes = {};
    var dimsLabels = {};
    root.querySelectorAll("[data-shape]").forEach(function (el) { shapes[el.getAttribute("data-shape")] = el; });
    root.querySelectorAll("[data-box]").forEach(function (el) {
      var name = el.getAttribute("data-box");
      boxes[name] = el;
      var label = document.createElement("span"); // the shape beside its box, so a glance reads the sizes
      label.className = "shape-explorer__dims";
      el.parentNode.appendChild(label);
      dimsLabels[name] = label;
    });
    ["batch", "in", "out"].forEach(function (k) { inputs[k].max = String(MAX); });
    if (help) {
      help.textContent = "Whole numbers from 0 to " + grouped(MAX) + ". Leading dimensions are optional, separated by commas. " +
        "Boxes use a logarithmic scale: each doubling of a size adds the same length.";
    }
    keepOperatorsWithOperands(equation);
    var defaults = {};
    Object.keys(inputs).forEach(function (k) { defaults[k] = inputs[k].value; });

    function invalid(input, bad) {
      if (bad) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    }

    function showResults(shown) {
      results.forEach(function (el) { if (el) el.hidden = !shown; });
    }

    function update() {
      var lead = parseLead(inputs.lead.value);
      var values = {};
      var problems = [];
      invalid(inputs.lead, lead === null);
      if (lead === null) problems.push("Extra leading dimensions must be up to " + MAX_LEAD + " whole numbers from 0 to " + grouped(MAX) + ", separated by commas");
      FIELDS.forEach(function (f) {
        values[f.key] = parseCount(inputs[f.key].value);
        invalid(inputs[f.key], values[f.key] === null);
        if (values[f.key] === null) problems.push(f.label + " must be a whole number from 0 to " + grouped(MAX));
      });
      root.classList.toggle("shape-explorer--invalid", problems.length > 0);
      if (problems.length > 0) {
        showResults(false); // no stale shapes beside the error
        status.textContent = problems.join(". ") + ".";
        return;
      }
      showResults(true);

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
        if (dimsLabels[k]) dimsLabels[k].textContent = shapeText(dims[k]);
      });
      drawBox(boxes.x, B, n_in, lead);
      drawBox(boxes.weight, n_out, n_in, []);
      drawBox(boxes["weight.T"], n_in, n_out, []);
      drawBox(boxes.bias, null, n_out, []);
      drawBox(boxes.y, B, n_out, lead);

      code.textContent = pythonCode(lead, B, n_in, n_out, y);
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
    root.setAttribute("data-ready", "true");
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
