// Proposal form autosave: the draft is saved about two seconds after the proposer stops
// typing and whenever they leave a field. A brand-new proposal becomes a draft on its first
// save; the form and the address bar then point at that draft. The "Save draft" button
// keeps working without this file, and both go through the same service call.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  var status = document.getElementById("autosave-status");
  if (!form || !status || !window.fetch || !window.URLSearchParams) return;
  var url = form.dataset.autosave;
  var timer = null, dirty = false, busy = false, stopped = false, marked = [];
  var held = null; // a press of a form button waiting for the save in flight

  function show(word, time) {
    status.textContent = (status.dataset[word] || "").replace("{time}", time || "");
    status.hidden = false;
  }
  function clock(iso) {
    var d = new Date(iso);
    if (isNaN(d)) d = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return two(d.getHours()) + ":" + two(d.getMinutes());
  }
  // mark flags the fields the server could not take, and clears the previous flags.
  function mark(errors) {
    marked.forEach(function (el) { el.classList.remove("has-error"); });
    marked = [];
    Object.keys(errors || {}).forEach(function (name) {
      var el = form.querySelector('[data-field="' + name + '"]');
      if (!el && form.elements[name] && form.elements[name].closest) el = form.elements[name].closest(".field");
      if (!el) return;
      el.classList.add("has-error");
      el.title = errors[name];
      marked.push(el);
    });
  }
  // moved follows a new draft: later saves and the buttons go to its own address.
  function moved(res) {
    if (!res.autosave_url || res.autosave_url === url) return;
    url = form.dataset.autosave = res.autosave_url;
    form.action = res.edit_url;
    if (window.history && history.replaceState) history.replaceState(null, "", res.edit_url);
  }
  function save() {
    clearTimeout(timer);
    if (!dirty || stopped) return;
    if (busy) { timer = setTimeout(save, 500); return; } // one save at a time: a new draft is created once
    dirty = false; busy = true;
    show("saving");
    fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: { "Accept": "application/json", "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(new FormData(form)).toString()
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (body) { return { ok: r.ok, status: r.status, body: body }; });
    }).then(function (res) {
      if (res.ok) {
        moved(res.body);
        mark(res.body.errors);
        show(res.body.errors ? "partial" : "saved", clock(res.body.saved_at));
        return;
      }
      dirty = true; // what was typed stays on the page and is tried again on the next change
      if (res.status === 422) { mark(res.body.errors); show("refused"); } else if (res.status === 401) { show("signedout"); } else { show("offline"); }
      if (res.status === 409) stopped = true; // submitted meanwhile (another tab): nothing more to save here
    }).catch(function () {
      dirty = true;
      show("offline");
    }).then(function () {
      busy = false;
      if (held) { var button = held; held = null; form.requestSubmit(button.nodeName ? button : undefined); }
    });
  }
  function changed() {
    dirty = true;
    clearTimeout(timer);
    timer = setTimeout(save, 2000);
  }
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("focusout", function () { if (dirty) save(); });
  // A button pressed while a save is in flight waits for it: the first save of a new
  // proposal creates the draft, and the button must then save that draft, not a second one.
  form.addEventListener("submit", function (ev) {
    clearTimeout(timer);
    if (busy && form.requestSubmit) {
      ev.preventDefault();
      held = ev.submitter || {};
      return;
    }
    stopped = true;
  });
})();
