package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/kopru-platform/kopru/internal/events"
)

// fakeDetector stands in for the BarcodeDetector API, which Chromium offers on Android,
// ChromeOS and macOS but not on Linux. It "sees" the codes a test pushes onto
// window.kopruCamera, one per detection, and nothing otherwise. The camera itself is
// Chromium's synthetic one, so getUserMedia, the video element and the detection loop of
// checkin.js run for real.
const fakeDetector = `
window.kopruCamera = [];
window.BarcodeDetector = class {
  constructor(opts) { window.kopruCameraFormats = opts && opts.formats; }
  detect(source) {
    if (!(source instanceof HTMLVideoElement) || source.readyState < 2) return Promise.resolve([]);
    var code = window.kopruCamera.shift();
    return Promise.resolve(code ? [{ rawValue: code, format: "qr_code" }] : []);
  }
};`

// TestGateScansWithTheCamera: a coordinator starts the camera on the check-in page; a ticket
// held before it is admitted once even though the detector reads it again and again while it
// is held still; a second ticket is admitted next; stopping the camera releases it.
func TestGateScansWithTheCamera(t *testing.T) {
	chrome := chromium(t)
	engines(t, func(t *testing.T, databaseURL string) {
		srv := startServer(t, databaseURL)
		a, ctx := srv.App, context.Background()
		coord, e := gateFestival(t, srv, 100)
		var tickets []*events.Registration
		for _, p := range []struct{ name, email string }{{"Gülnarə Quliyeva", "gulnare.q@example.org"}, {"Oğuz Yıldırım", "oguz.y@example.org"}} {
			r, err := a.Events.Register(ctx, nil, events.RegisterInput{EventID: e.ID, Name: p.name, Email: p.email, Locale: "tr"})
			if err != nil {
				t.Fatalf("register %s: %v", p.name, err)
			}
			tickets = append(tickets, r)
		}
		token, err := a.Events.CreateScannerToken(ctx, coord, e.ID, "Kamera kapısı")
		if err != nil {
			t.Fatalf("scanner token: %v", err)
		}

		b := newBrowser(t, chrome, srv.URL)
		_, err = chromedp.Call(b.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: fakeDetector})
		b.must(err, "install the barcode detector")
		b.open("/tr/gate/" + token.Secret)
		b.waitFor(`!document.getElementById("gate-camera").hidden`, "the camera controls to appear")
		b.must(chromedp.Do(b.ctx, chromedp.Click(chromedp.CSS("#gate-camera-start"), chromedp.NodeVisible)), "start the camera")
		b.waitFor(`(function(){ var v = document.getElementById("gate-video"); return !v.hidden && v.readyState >= 2 && !!v.srcObject; })()`,
			"the camera picture")
		if got, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]string]("window.kopruCameraFormats")); err != nil || len(got) != 1 || got[0] != "qr_code" {
			t.Errorf("the detector was asked for formats %v (%v), want [qr_code]", got, err)
		}

		// One ticket held still: the detector sees it five times in a row.
		first := tickets[0]
		b.must(chromedp.Do(b.ctx, chromedp.Evaluate[chromedp.Void](`window.kopruCamera.push(`+strings.Repeat(jsString(first.Ticket)+",", 5)+`)`)), "show the first ticket")
		b.waitFor(`window.kopruCamera.length === 0 && document.querySelector("#gate-result .scan-admitted") !== null`, "the first ticket's verdict")
		if got := b.text("#gate-result .scan-name"); got != first.Name {
			t.Errorf("the camera scan names %q, want %q", got, first.Name)
		}
		// The next ticket.
		second := tickets[1]
		b.must(chromedp.Do(b.ctx, chromedp.Evaluate[chromedp.Void](`window.kopruCamera.push(`+jsString(second.Ticket)+`)`)), "show the second ticket")
		b.waitFor(`window.kopruCamera.length === 0 && document.querySelector("#gate-result .scan-name") !== null && document.querySelector("#gate-result .scan-name").textContent === `+jsString(second.Name),
			"the second ticket's verdict")
		b.screenshot("gate_camera")

		c, err := a.Events.Counters(ctx, coord, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		if c.Admitted != 2 || len(c.Gates) != 1 || c.Gates[0].Scans != 2 || c.Gates[0].Gate != "Kamera kapısı" {
			t.Errorf("after two tickets before the camera the counters are %+v; want 2 admitted in 2 scans at Kamera kapısı (a ticket held still is one scan)", c)
		}

		b.must(chromedp.Do(b.ctx, chromedp.Click(chromedp.CSS("#gate-camera-stop"), chromedp.NodeVisible)), "stop the camera")
		b.waitFor(`document.getElementById("gate-video").hidden && !document.getElementById("gate-camera-start").hidden`, "the camera to stop")
		if live, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`!!(document.getElementById("gate-video").srcObject && document.getElementById("gate-video").srcObject.getTracks().some(function(t){ return t.readyState === "live"; }))`)); err != nil || live {
			t.Errorf("after stopping, the camera is still live (%v)", err)
		}
	})
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
