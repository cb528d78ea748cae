// Episode page: tell the statistics once that playback started here (a "web listen").
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
    var url = location.pathname.replace(/\/$/, "") + "/listen";
    fetch(url, { method: "POST", credentials: "omit", keepalive: true }).catch(function () { /* statistics only */ });
  });
})();
