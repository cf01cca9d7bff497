/* What the theme's bundle changes on <html> once it runs, done here in the head, before the page
   has any style: the "js" classes, and the page's colour scheme as <meta name="color-scheme">.
   Made later, each of these changes restyles every element of the page (sitebuild/start_up.py).
   The bundle then finds them as it would leave them, and its own meta, added after this one, is
   not the one the page reads. */
(function (root, palettes) {
  root.classList.remove("no-js");
  root.classList.add("js", "js-focus-visible");
  root.setAttribute("data-js-focus-visible", "");
  var stored = __md_get("__palette");
  var scheme = stored && stored.color ? stored.color.scheme : null;
  for (var i = 0; !scheme && i < palettes.length; i++) {
    if (matchMedia(palettes[i].media).matches) scheme = palettes[i].scheme;
  }
  var meta = document.createElement("meta");
  meta.name = "color-scheme";
  meta.content = scheme === "slate" ? "dark" : "light";
  document.head.appendChild(meta);
})(document.documentElement, __md_palettes);
