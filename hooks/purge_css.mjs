// Drops the CSS no element of a page can use, for hooks/notebook_css.py, with PurgeCSS.
//
// stdin: one JSON object, {"html": "<the page, without its style elements>", "css": ["<style text>", ...]};
// stdout: one JSON object, {"css": "<what is kept>", "merged": [indexes], "skipped": {"index": "error"}},
// or {"error": "..."}. Every style text PurgeCSS can parse is merged, in order, into one style sheet,
// so that a custom property defined in one text and read in another is seen as used. PurgeCSS keeps
// a rule when every class, id and tag in its selector occurs in the page (hover and focus states of
// present elements included); custom properties, @keyframes and @font-face that no kept rule uses go.
// A text it cannot parse is listed in "skipped" and left to the caller.
import { PurgeCSS } from "purgecss";

const purge = async (html, css, drop) =>
  (
    await new PurgeCSS().purge({
      content: [{ raw: html, extension: "html" }],
      css: [{ raw: css }],
      variables: drop,
      keyframes: drop,
      fontFace: drop,
    })
  )[0].css;

let input = "";
process.stdin.setEncoding("utf8");
for await (const chunk of process.stdin) input += chunk;

let reply;
try {
  const { html, css } = JSON.parse(input);
  const merged = [];
  const skipped = {};
  for (const [index, text] of css.entries()) {
    try {
      await purge("", text, false); // parses it
      merged.push(index);
    } catch (err) {
      skipped[index] = String(err && err.message ? err.message : err);
    }
  }
  const kept = await purge(html, merged.map((index) => css[index]).join("\n"), true);
  reply = { css: kept, merged, skipped };
} catch (err) {
  reply = { error: String(err && err.message ? err.message : err) };
}
process.stdout.write(JSON.stringify(reply));
