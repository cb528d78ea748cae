// Gate check-in: live counters, camera scanning where the browser has BarcodeDetector, and
// offline scanning against the event's signed ticket list. The page works without this file.
(function () {
  "use strict";
  var root = document.getElementById("gate");
  if (!root || !window.fetch) return;
  var api = root.dataset.api, token = root.dataset.token, eventID = Number(root.dataset.event);
  var pageLang = document.documentElement.lang || "tr", zone = root.dataset.zone || undefined;
  var form = document.getElementById("gate-form"), codeInput = document.getElementById("f-code");
  var gateInput = document.getElementById("f-gate");
  var listKey = "kopru-gate-list-" + eventID, queueKey = "kopru-gate-queue-" + eventID;
  var offline = !navigator.onLine;
  var words = {};
  document.querySelectorAll("#gate-words li").forEach(function (li) { words[li.dataset.outcome] = li.textContent; });

  function headers(json) {
    // The API words its answers in the page's language, not the browser's.
    var h = { "Accept": "application/json", "Accept-Language": pageLang };
    if (json) h["Content-Type"] = "application/json";
    if (token) h["Kopru-Scanner-Token"] = token;
    return h;
  }
  function call(method, path, body) {
    return fetch(api + path, { method: method, headers: headers(!!body), body: body ? JSON.stringify(body) : undefined, credentials: "same-origin" })
      .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); });
  }
  // when formats a moment as the venue's clock shows it, in the page's language.
  function when(iso) {
    var d = new Date(iso);
    if (isNaN(d)) return "";
    try { return d.toLocaleString(pageLang, { timeZone: zone, dateStyle: "short", timeStyle: "short" }); } catch (e) { return d.toLocaleString(); }
  }
  function fill(template, values) {
    Object.keys(values).forEach(function (k) { template = template.split("{" + k + "}").join(values[k]); });
    return template;
  }
  function load(key, fallback) { try { return JSON.parse(localStorage.getItem(key)) || fallback; } catch (e) { return fallback; } }
  function save(key, value) { try { localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* storage full or off */ } }

  function setOffline(v) {
    offline = v;
    document.getElementById("gate-offline").hidden = !v;
    if (!v) upload();
  }

  // show paints the big banner: icon and words come with the outcome class, never colour alone.
  function show(outcome, title, message, name) {
    var box = document.createElement("div");
    box.className = "scan-result scan-" + outcome;
    box.setAttribute("role", "status");
    [["scan-outcome", title], ["", message], ["scan-name", name]].forEach(function (p) {
      if (!p[1]) return;
      var el = document.createElement("p");
      if (p[0]) el.className = p[0];
      el.textContent = p[1];
      box.appendChild(el);
    });
    var slot = document.getElementById("gate-result");
    slot.replaceChildren(box);
  }

  // --- offline: decode the code's registration ID, event ID and nonce, compare with the list.
  function decode(code) {
    var payload = code.trim().split(".")[0];
    try {
      var bin = atob(payload.replace(/-/g, "+").replace(/_/g, "/"));
      if (bin.length !== 32 || code.indexOf(".") < 0) return null;
      var id = 0, ev = 0, nonce = "";
      for (var i = 0; i < 8; i++) { id = id * 256 + bin.charCodeAt(i); ev = ev * 256 + bin.charCodeAt(8 + i); }
      for (var j = 16; j < 32; j++) nonce += ("0" + bin.charCodeAt(j).toString(16)).slice(-2);
      return { id: id, event: ev, nonce: nonce };
    } catch (e) { return null; }
  }
  function checkLocally(code, gate) {
    var list = load(listKey, null), d = decode(code), outcome = "forged", entry = null;
    if (list && d) {
      entry = list.tickets.find(function (t) { return t.id === d.id; });
      // Only a code carrying the ticket's secret nonce speaks for its holder.
      if (entry && (d.event !== eventID || entry.nonce !== d.nonce)) entry = null;
      if (d.event !== eventID) outcome = "wrong_event";
      else if (!entry) outcome = "forged";
      else if (entry.admitted) outcome = "already_admitted";
      else if (entry.status === "cancelled") outcome = "cancelled";
      else if (entry.status !== "confirmed") outcome = "waiting";
      else {
        outcome = "admitted";
        entry.admitted = true; entry.gate = gate; entry.admitted_at = new Date().toISOString();
        save(listKey, list);
      }
    }
    var queue = load(queueKey, []);
    queue.push({ code: code, gate: gate, scanned_at: new Date().toISOString(), shown: outcome });
    save(queueKey, queue);
    showQueue();
    var detail = entry && outcome === "already_admitted" ? fill(words.already_detail, { at: when(entry.admitted_at), gate: entry.gate || "" }) : "";
    show(outcome, words[outcome], detail, entry ? entry.name : "");
  }
  function showQueue() {
    var n = load(queueKey, []).length, p = document.getElementById("gate-queue");
    p.hidden = n === 0;
    p.querySelector("strong").textContent = n;
  }
  var uploading = false;
  function upload() {
    var queue = load(queueKey, []);
    if (uploading || !queue.length) return;
    uploading = true;
    call("POST", "/uploads", { scans: queue }).then(function (res) {
      save(queueKey, load(queueKey, []).slice(queue.length)); // scans made during the upload stay
      var list = document.querySelector("#gate-conflicts ul");
      res.results.forEach(function (r) {
        if (!r.conflict) return;
        var li = document.createElement("li");
        li.textContent = fill(words.conflict, { name: r.name || "?", shown: words[r.shown] || r.shown, scanned_gate: r.scanned_gate, scanned_at: when(r.scanned_at), title: r.title, message: r.message });
        list.appendChild(li);
        document.getElementById("gate-conflicts").hidden = false;
      });
      showQueue();
      refreshList();
      counters();
    }).catch(function () { /* still offline: keep the queue */ }).then(function () { uploading = false; });
  }
  function refreshList() {
    call("GET", "/tickets").then(function (signed) {
      var list = JSON.parse(typeof signed.list === "string" ? signed.list : JSON.stringify(signed.list));
      list.signature = signed.signature;
      save(listKey, list);
    }).catch(function () {});
  }

  // --- online scans through the JSON API; a failed fetch falls back to the local list.
  function scan(code) {
    var gate = gateInput ? gateInput.value : "";
    if (offline) { checkLocally(code, gate); return; }
    call("POST", "/scans", { code: code, gate: gate }).then(function (r) {
      show(r.outcome, r.title, r.message, r.name);
      counters();
    }).catch(function (err) {
      if (String(err).indexOf("HTTP") === 0) return; // the server answered: not a network fault
      setOffline(true);
      checkLocally(code, gate);
    });
  }
  // Online, the form posts as usual (no script needed); offline, scans stay on the device.
  form.addEventListener("submit", function (ev) {
    if (!offline) return;
    ev.preventDefault();
    var code = codeInput.value.trim();
    codeInput.value = "";
    codeInput.focus();
    if (code) checkLocally(code, gateInput ? gateInput.value : "");
  });

  // --- live counters
  function counters() {
    call("GET", "/counters").then(function (c) {
      if (offline) setOffline(false);
      var box = document.getElementById("gate-counters");
      if (!box) return;
      box.querySelector(".counter-total span").textContent = words.total.replace("{n}", c.admitted);
      var table = box.querySelector("table"), body = table.querySelector("tbody");
      body.replaceChildren.apply(body, c.gates.map(function (g) {
        var tr = document.createElement("tr");
        [g.gate, g.admitted, g.scans].forEach(function (v) { var td = document.createElement("td"); td.textContent = v; tr.appendChild(td); });
        return tr;
      }));
      table.hidden = c.gates.length === 0;
    }).catch(function (err) { if (String(err).indexOf("HTTP") !== 0) setOffline(true); });
  }

  // --- camera, only where the browser can read barcodes itself
  if ("BarcodeDetector" in window && navigator.mediaDevices && navigator.mediaDevices.getUserMedia) {
    var video = document.getElementById("gate-video"), start = document.getElementById("gate-camera-start");
    var stop = document.getElementById("gate-camera-stop"), stream = null, last = "", lastAt = 0;
    document.getElementById("gate-camera").hidden = false;
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    var tick = function () {
      if (!stream) return;
      detector.detect(video).then(function (codes) {
        var now = Date.now();
        if (codes.length && (codes[0].rawValue !== last || now - lastAt > 3000)) { // one ticket held still is one scan
          last = codes[0].rawValue; lastAt = now;
          scan(last);
        }
      }).catch(function () {}).then(function () { setTimeout(tick, 250); });
    };
    start.addEventListener("click", function () {
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (s) {
        stream = s; video.srcObject = s; video.hidden = false; stop.hidden = false; start.hidden = true;
        return video.play();
      }).then(tick).catch(function () { start.hidden = false; });
    });
    stop.addEventListener("click", function () {
      if (stream) stream.getTracks().forEach(function (t) { t.stop(); });
      stream = null; video.hidden = true; stop.hidden = true; start.hidden = false;
    });
  }

  window.addEventListener("online", function () { setOffline(false); });
  window.addEventListener("offline", function () { setOffline(true); });
  setOffline(offline);
  showQueue();
  refreshList();
  setInterval(counters, 5000);
  setInterval(refreshList, 60000);
})();
