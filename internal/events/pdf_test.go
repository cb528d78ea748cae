package events

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/i18n"
)

var pdfLabels = map[string]string{
	"events.ticket.title":    "Bilet",
	"events.ticket.name":     "Ad, soyad",
	"events.ticket.type":     "Qeydiyyat növü",
	"events.ticket.when":     "Vaxt",
	"events.ticket.where":    "Məkan",
	"events.ticket.personal": "Bu bilet şəxsidir: girişdə şəxsiyyət vəsiqəsi tələb oluna bilər.",
}

func pdfTestTicket() (*Event, *Registration) {
	e := &Event{ID: 7, Input: Input{
		Kind:     Festival,
		Title:    i18n.Text{TR: "İZMİR – Bakü Dostluk Festivali", AZ: "İZMİR – Bakı Dostluq Festivalı"},
		Venue:    Venue{Name: "Heydər Əliyev Sarayı", Address: "Bülbül prospekti 35", City: "Bakı"},
		Zone:     "Asia/Baku",
		StartsAt: time.Date(2026, 5, 12, 15, 0, 0, 0, time.UTC),  // 19:00 in Bakı
		EndsAt:   time.Date(2026, 5, 12, 20, 30, 0, 0, time.UTC), // 00:30 the next day in Bakı
	}}
	r := &Registration{ID: 42, EventID: 7, Name: "Leyla Əliyeva", Status: Confirmed, Ticket: qrTestCode}
	return e, r
}

var (
	zoneBaku  = i18n.Zone{Name: "Bakı", Location: i18n.MustLocation("Asia/Baku")}
	zoneIzmir = i18n.Zone{Name: "İzmir", Location: i18n.MustLocation("Europe/Istanbul")}
)

// checkPDF asserts b is a whole PDF with DejaVu Sans embedded and returns its text, or "" when
// pdftotext is not installed.
func checkPDF(t *testing.T, b []byte) string {
	t.Helper()
	if !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimRight(b, "\r\n"), []byte("%%EOF")) {
		t.Fatalf("not a whole PDF: %q … %q", b[:min(len(b), 16)], b[max(0, len(b)-16):])
	}
	if !bytes.Contains(bytes.ToLower(b), []byte("dejavusans")) || !bytes.Contains(b, []byte("/FontFile2")) {
		t.Error("the PDF does not embed DejaVu Sans")
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Log("pdftotext not installed (poppler-utils): text not checked")
		return ""
	}
	name := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(name, b, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", name, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, out)
	}
	return string(out)
}

func wantText(t *testing.T, text string, want ...string) {
	t.Helper()
	if text == "" {
		return
	}
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("text lacks %q:\n%s", w, text)
		}
	}
}

func TestTicketPDF(t *testing.T) {
	e, r := pdfTestTicket()
	b, err := TicketPDF(e, r, "Qonaq — 25 ₼", "az", zoneBaku, zoneIzmir, func(k string) string { return pdfLabels[k] })
	if err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("EVENTS_PDF_DIR"); dir != "" { // to look at it: pdftoppm -png -r 60
		os.WriteFile(filepath.Join(dir, "ticket.pdf"), b, 0o644)
	}
	text := checkPDF(t, b)
	wantText(t, text, "Leyla Əliyeva", "İZMİR – Bakı Dostluq Festivalı", "Heydər Əliyev Sarayı", "Bakı",
		"25 AZN", "12 may 2026", "19:00 Bakı · 18:00 İzmir", "00:30 Bakı · 23:30 İzmir", qrTestCode,
		pdfLabels["events.ticket.name"], pdfLabels["events.ticket.personal"])

	// The Turkish reader gets the Turkish title; an English one falls back to Turkish.
	for _, lang := range []string{"tr", "en"} {
		b, err := TicketPDF(e, r, "Genel", lang, zoneBaku, zoneIzmir, func(k string) string { return k })
		if err != nil {
			t.Fatal(err)
		}
		wantText(t, checkPDF(t, b), "İZMİR – Bakü Dostluk Festivali", "events.ticket.when")
	}
}

func TestTicketPDFRefusesWithoutTicket(t *testing.T) {
	e, r := pdfTestTicket()
	for _, st := range []RegStatus{Waiting, PendingApproval, RegCancelled} {
		r.Status = st
		if _, err := TicketPDF(e, r, "", "tr", zoneBaku, zoneIzmir, nil); !errors.Is(err, ErrNotFound) {
			t.Errorf("%s registration: %v", st, err)
		}
	}
}

// Names from the registration form can hold anything; the PDF must still come out.
func TestTicketPDFOddText(t *testing.T) {
	e, r := pdfTestTicket()
	r.Name = "🎉 Çiçək\x00 " + strings.Repeat("Ağayev-Məmmədov ", 12) + "北京 \U0001D400"
	e.Title.AZ = strings.Repeat("Uzun başlıq ", 40)
	e.Venue = Venue{}
	b, err := TicketPDF(e, r, "", "az", i18n.Zone{Name: "Bakı"}, zoneIzmir, nil)
	if err != nil {
		t.Fatal(err)
	}
	wantText(t, checkPDF(t, b), "Çiçək", "Ağayev-Məmmədov")
}

func TestBadgesPDF(t *testing.T) {
	badges := []Badge{
		{Name: "Leyla Əliyeva", Organisation: "Bakı Şəhər İcra Hakimiyyəti", Type: "Nümayəndə heyəti", Code: qrTestCode},
		{Name: "Ayşe Yılmaz Güneş", Organisation: "İZMİR Büyükşehir Belediyesi", Type: "Basın", Code: qrTestCode + "x"},
		{Name: "Prof. Dr. Mehmet Ali Karaağaçlıoğlu-Şahinbaşoğlu", Organisation: strings.Repeat("Çok uzun bir kuruluş adı ", 8), Type: "Konuşmacı — 25 ₼", Code: qrTestCode},
		{}, // blank, for walk-ins
	}
	for i := range 6 {
		badges = append(badges, Badge{Name: fmt.Sprintf("Qonaq %d", i+1), Type: "Ümumi", Code: qrTestCode})
	}
	b, err := BadgesPDF("İZMİR – Bakı Dostluq Festivalı", badges)
	if err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("EVENTS_PDF_DIR"); dir != "" {
		os.WriteFile(filepath.Join(dir, "badges.pdf"), b, 0o644)
	}
	text := checkPDF(t, b)
	wantText(t, text, "Leyla Əliyeva", "Bakı Şəhər İcra Hakimiyyəti", "İZMİR Büyükşehir Belediyesi", "Ayşe Yılmaz",
		"Nümayəndə heyəti", "25 AZN", "Qonaq 6")
	if text != "" && strings.Count(strings.TrimRight(text, "\f"), "\f") != 1 {
		t.Errorf("10 badges should fill 2 pages:\n%q", text)
	}
	if _, err := BadgesPDF("x", nil); err == nil {
		t.Error("an empty badge list was not refused")
	}
}
