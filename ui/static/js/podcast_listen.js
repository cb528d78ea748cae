// Episode page and embeddable player: tell the statistics once that playback started
// (a "web listen"). In a partner site's iframe the page is still ours, so the request
// stays same-origin.
// The beacon is a same-origin POST without a body; the server counts one listen per
// listener and episode in 24 hours and answers 204 either way. Without this file nothing
// is counted for the page, and the player works the same.
(function () {
  "use strict";
  var audio = document.querySelector("audio[data-podcast-player]");
  if (!audio || !window.fetch) return;
  var sent = false;
  audio.addEventListener("play", function () {
    if (sent) return;
    sent = true;
    // The episode page is /{lang}/podcast/{slug}/{id}; the embeddable player adds /embed.
    var url = location.pathname.replace(/\/$/, "").replace(/\/embed$/, "") + "/listen";
    fetch(url, { method: "POST", credentials: "omit", keepalive: true }).catch(function () { /* statistics only */ });
  });
})();
