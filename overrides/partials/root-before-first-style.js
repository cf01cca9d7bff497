/* What the theme's bundle changes on <html> once it runs, done here in the head, before the page
   has any style: the "js" classes, and the page's colour scheme as <meta name="color-scheme">.
   Made later, each of these changes restyles every element of the page (sitebuild/start_up.py).
   The bundle then finds them as it would leave them, and writes the reader's later choices into
   this meta. With no stored choice, the palette the screen asks for is left for the first-paint
   script (partials/palette-first-paint.js) as __md_screen_palette. */
(function (root, palettes) {
  root.classList.remove("no-js");
  root.classList.add("js", "js-focus-visible");
  root.setAttribute("data-js-focus-visible", "");
  var stored = __md_get("__palette");
  var palette = stored && stored.color ? stored.color : null;
  for (var i = 0; !palette && i < palettes.length; i++) {
    if (matchMedia(palettes[i].media).matches) palette = window.__md_screen_palette = palettes[i];
  }
  var meta = document.createElement("meta");
  meta.name = "color-scheme";
  meta.content = palette && palette.scheme === "slate" ? "dark" : "light";
  document.head.appendChild(meta);
})(document.documentElement, __md_palettes);
