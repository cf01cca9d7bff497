// Renders TeX to HTML with KaTeX for hooks/katex.py, one long-lived process per build.
//
// Protocol: one JSON object per line on stdin, {"tex": "...", "display": true|false};
// one JSON object per line on stdout, {"html": "..."} or {"error": "..."}.
// KaTeX's strict-mode warnings (for example Unicode text in math mode) are returned
// as errors too, so that every formula on the site is one KaTeX accepts without comment.
import { createInterface } from "node:readline";
import katex from "katex";

function render(tex, display) {
  const warnings = [];
  const html = katex.renderToString(tex, {
    displayMode: display,
    output: "htmlAndMathml",
    throwOnError: true,
    strict: (errorCode, errorMsg) => {
      warnings.push(`${errorMsg} [${errorCode}]`);
      return "ignore";
    },
  });
  if (warnings.length) {
    throw new Error(`KaTeX strict mode: ${warnings.join("; ")}`);
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
      reply = { html: render(request.tex, Boolean(request.display)) };
    }
  } catch (err) {
    reply = { error: String(err && err.message ? err.message : err) };
  }
  process.stdout.write(JSON.stringify(reply) + "\n");
});
