// Drop English stop words from a search query before Material's search worker sees it, and
// search one-character words ("3-D" gives "3" and "D") exactly rather than as a prefix.
// The worker turns every typed word into a prefix ("do" becomes "do*"), and a prefix skips
// lunr's stop-word filter, so "why do textbooks write Wx" ranked the page whose heading holds
// "Double" first. The index never holds these words (its pipeline removes them), so dropping
// them loses no match; a query made only of stop words is left as typed. A one-character
// prefix ("D*") matches nearly every word, so such a word gets lunr's "^1" (boost 1), which
// Material leaves without the trailing "*".
(function () {
  var STOP = new Set(("a able about across after all almost also am among an and any are as at be because " +
    "been but by can cannot could dear did do does either else ever every for from get got had has have he " +
    "her hers him his how however i if in into is it its just least let like likely may me might most must " +
    "my neither no nor not of off often on only or other our own rather said say says she should since so " +
    "some than that the their them then there these they this tis to too twas us wants was we were what " +
    "when where which while who whom why will with would yet you your").split(" "));
  function exact(piece) { return /^\w$/.test(piece) ? piece + "^1" : piece; }
  function strip(query) {
    if (query.indexOf('"') >= 0) return query;  // a quoted phrase is searched as typed
    var words = query.split(/\s+/).filter(Boolean);
    var kept = words.filter(function (word) { return !STOP.has(word.toLowerCase()); });
    if (!kept.length) return query;
    return kept.map(function (word) {
      return /^\w+(-\w+)+$/.test(word) ? word.split("-").map(exact).join(" ") : exact(word);
    }).join(" ");
  }
  var post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message) {
    // Material's search worker: { type: 2 (query), data: "<what the reader typed>" }
    if (message && message.type === 2 && typeof message.data === "string") {
      arguments[0] = { type: message.type, data: strip(message.data) };
    }
    return post.apply(this, arguments);
  };
})();
