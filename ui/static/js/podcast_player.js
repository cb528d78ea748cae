// Episode page: chapter and transcript links seek the player instead of reloading the page
// (without this file they reload it with ?t=, and the player starts there), and the
// chapter being heard is marked for screen readers and the eye.
(function () {
  "use strict";
  var audio = document.querySelector("audio[data-podcast-player]");
  if (!audio) return;
  var links = Array.prototype.slice.call(document.querySelectorAll("[data-seek]"));
  var chapters = links.filter(function (a) { return a.closest(".podcast-chapters"); });

  links.forEach(function (a) {
    a.addEventListener("click", function (ev) {
      var t = Number(a.dataset.seek);
      if (!isFinite(t)) return;
      ev.preventDefault();
      audio.currentTime = t;
      var played = audio.play();
      if (played && played.catch) played.catch(function () { /* autoplay refused: the position is set */ });
      audio.focus();
    });
  });

  function markChapter() {
    var now = audio.currentTime, current = null;
    chapters.forEach(function (a) { if (Number(a.dataset.seek) <= now + 0.25) current = a; });
    chapters.forEach(function (a) {
      if (a === current) a.setAttribute("aria-current", "true");
      else a.removeAttribute("aria-current");
    });
  }
  if (chapters.length) {
    audio.addEventListener("timeupdate", markChapter);
    audio.addEventListener("seeked", markChapter);
  }
})();
