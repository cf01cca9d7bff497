/* A first visit gets the scheme its screen asks for before the first paint, not after the theme's
   bundle has loaded: otherwise a phone in dark mode paints the page light and then switches it, with
   the theme's colour transitions fading every link and code block. A stored choice is applied by the
   theme's own script at the top of <body>; this one only fills in for its absence, with the palette
   the head script found for the screen (partials/root-before-first-style.js). */
(function (palette) {
  if (palette) for (var key in palette) document.body.setAttribute("data-md-color-" + key, palette[key]);
})(window.__md_screen_palette);
