// Renders TeX to HTML with KaTeX for hooks/katex.py, one long-lived process per build.
//
// Protocol: one JSON object per line on stdin, {"tex": "...", "display": true|false, "output": "html"|"mathml"};
// one JSON object per line on stdout, {"html": "..."} or {"error": "..."}.
// output "html" (the default) is KaTeX's HTML with its hidden MathML copy (KaTeX's CSS and fonts draw it);
// "mathml" is MathML alone, which browsers draw natively (MathML Core). MathML Core ignores every
// mathvariant but "normal", so \mathbf{W}, \mathbb{R}, \mathcal{L} become the Unicode mathematical
// letters (𝐖, ℝ, ℒ) that draw the same in every browser.
// KaTeX's strict-mode warnings (for example Unicode text in math mode) are returned
// as errors too, so that every formula on the site is one KaTeX accepts without comment.
import { createInterface } from "node:readline";
import katex from "katex";

// Mathematical Alphanumeric Symbols (Unicode 3.1): the first capital, small letter and digit of each
// style, and the letters Unicode had encoded before (the "holes" in the block).
const STYLES = {
  bold: [0x1d400, 0x1d41a, 0x1d7ce, {}],
  italic: [0x1d434, 0x1d44e, null, { h: 0x210e }],
  "bold-italic": [0x1d468, 0x1d482, null, {}],
  script: [0x1d49c, 0x1d4b6, null, { B: 0x212c, E: 0x2130, F: 0x2131, H: 0x210b, I: 0x2110, L: 0x2112, M: 0x2133, R: 0x211b, e: 0x212f, g: 0x210a, o: 0x2134 }],
  fraktur: [0x1d504, 0x1d51e, null, { C: 0x212d, H: 0x210c, I: 0x2111, R: 0x211c, Z: 0x2128 }],
  "double-struck": [0x1d538, 0x1d552, 0x1d7d8, { C: 0x2102, H: 0x210d, N: 0x2115, P: 0x2119, Q: 0x211a, R: 0x211d, Z: 0x2124 }],
  "sans-serif": [0x1d5a0, 0x1d5ba, 0x1d7e2, {}],
  monospace: [0x1d670, 0x1d68a, 0x1d7f6, {}],
};

function styled(text, variant) {
  const [capital, small, digit, holes] = STYLES[variant];
  return [...text]
    .map((ch) => {
      if (holes[ch]) return String.fromCodePoint(holes[ch]);
      if (ch >= "A" && ch <= "Z") return String.fromCodePoint(capital + ch.charCodeAt(0) - 65);
      if (ch >= "a" && ch <= "z") return String.fromCodePoint(small + ch.charCodeAt(0) - 97);
      if (digit && ch >= "0" && ch <= "9") return String.fromCodePoint(digit + ch.charCodeAt(0) - 48);
      return ch;
    })
    .join("");
}

// <mi mathvariant="bold">W</mi> -> <mi>𝐖</mi> (and mn, mo); an mi of one styled letter stays upright.
// mtext keeps its mathvariant: the site's CSS sets its weight or font.
function mathmlCore(mathml) {
  return mathml.replace(/<(mi|mn|mo) mathvariant="([a-z-]+)">([^<]*)<\/\1>/g, (whole, tag, variant, text) =>
    STYLES[variant] ? `<${tag}>${styled(text, variant)}</${tag}>` : whole,
  );
}

function render(tex, display, output) {
  const warnings = [];
  let html = katex.renderToString(tex, {
    displayMode: display,
    output: output === "mathml" ? "mathml" : "htmlAndMathml",
    throwOnError: true,
    strict: (errorCode, errorMsg) => {
      warnings.push(`${errorMsg} [${errorCode}]`);
      return "ignore";
    },
  });
  if (warnings.length) {
    throw new Error(`KaTeX strict mode: ${warnings.join("; ")}`);
  }
  if (output === "mathml") {
    html = mathmlCore(html);
  }
  return html;
}

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
lines.on("line", (line) => {
  let reply;
  try {
    const request = JSON.parse(line);
    if (request.version) {
      reply = { version: katex.version };
    } else {
      reply = { html: render(request.tex, Boolean(request.display), request.output) };
    }
  } catch (err) {
    reply = { error: String(err && err.message ? err.message : err) };
  }
  process.stdout.write(JSON.stringify(reply) + "\n");
});
