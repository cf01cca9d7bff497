// Fetch the search index when the reader reaches for search, not on every page load.
// Material's bundle requests search/search_index.json (one file for the whole site) as soon
// as a page loads; this holds that one request back until the pointer or the keyboard focus
// reaches the search box (Material's "/", "s" and "f" keys focus it), or the page was opened
// from a search result (?h=... highlights the query on the page, which needs the index).
(function () {
  var wanted = new URLSearchParams(location.search).has("h");
  var held = [];
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  function want() {
    if (wanted) return;
    wanted = true;
    held.splice(0).forEach(function (go) { go(); });
  }
  // Each edition has its own index: a page of the Chinese edition (<html lang="zh">) reads
  // zh/search/search_index.json (hooks/i18n.py writes it), whose entries are Chinese pages.
  var edition = document.documentElement.lang === "zh" ? "zh/" : "";
  XMLHttpRequest.prototype.open = function (method, url) {
    this._searchIndex = /\/search\/search_index\.json$/.test(new URL(url, location.href).pathname);
    if (this._searchIndex && edition && typeof url === "string") {
      arguments[1] = url.replace(/search\/search_index\.json$/, edition + "search/search_index.json");
    }
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this, args = arguments;
    if (!request._searchIndex || wanted) return send.apply(request, args);
    held.push(function () { send.apply(request, args); });
  };
  function nearSearch(event) {
    var target = event.target;
    if (target && target.closest && target.closest(".md-search, label[for='__search']")) want();
  }
  document.addEventListener("focusin", nearSearch);
  document.addEventListener("pointerover", nearSearch, { passive: true });
  document.addEventListener("pointerdown", nearSearch, { passive: true });
})();
