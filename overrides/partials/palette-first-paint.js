/* A first visit gets the scheme its screen asks for before the first paint, not after the theme's
   bundle has loaded: otherwise a phone in dark mode paints the page light and then switches it, with
   the theme's colour transitions fading every link and code block. A stored choice is applied by the
   theme's own script at the top of <body>; this one only fills in for its absence. __md_palettes is
   mkdocs.yml's theme.palette, written in by overrides/main.html. */
(function (palettes) {
  if (__md_get("__palette")) return;
  for (var i = 0; i < palettes.length; i++) {
    if (!matchMedia(palettes[i].media).matches) continue;
    for (var key in palettes[i]) document.body.setAttribute("data-md-color-" + key, palettes[i][key]);
    return;
  }
})(__md_palettes);
