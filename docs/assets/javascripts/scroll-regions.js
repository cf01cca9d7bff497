/* Scroll regions a keyboard can reach (axe: scrollable-region-focusable). The build writes each
   Markdown table's .md-typeset__scrollwrap, with keyboard focus and a name from its header row
   (sitebuild/start_up.py); a wrapper the theme adds on load (a table the build did not see) gets
   the same here.
   Display formulas get the same at build time (sitebuild/reading.py).
   A code block that scrolls sideways gets keyboard focus here too: with content.lazy the theme
   mounts a code block (copy button, tabindex) only when it scrolls into view, so a block below
   the fold would be out of the tab order until then. All blocks are measured first and marked
   after, so the check costs one layout, not one per block. */
(function () {
  "use strict";

  function label(wrap) {
    var cells = wrap.querySelectorAll("thead th");
    var names = Array.prototype.map.call(cells, function (th) { return th.textContent.trim(); }).filter(Boolean);
    return names.length ? "Table: " + names.join(", ") : "Table";
  }

  function mark() {
    var code = Array.prototype.filter.call(
      document.querySelectorAll(".md-typeset pre > code:not([tabindex])"),
      function (el) { return el.scrollWidth > el.clientWidth; }
    );
    code.forEach(function (el) { el.setAttribute("tabindex", "0"); });
    document.querySelectorAll(".md-typeset__scrollwrap:not([tabindex])").forEach(function (wrap) {
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", label(wrap));
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(mark); // after Material's own subscriber has wrapped the tables
  } else {
    document.addEventListener("DOMContentLoaded", mark);
  }
})();
