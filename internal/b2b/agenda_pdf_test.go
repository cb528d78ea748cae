package b2b

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	ical "github.com/emersion/go-ical"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
)

var (
	agendaZoneBaku  = i18n.Zone{Name: "Bakı", Location: baku}
	agendaZoneIzmir = i18n.Zone{Name: "İzmir", Location: i18n.MustLocation("Europe/Istanbul")}
)

// agendaLabels stands in for the catalog: the key with its arguments, so tests see what went where.
func agendaLabels(key string, args ...any) string {
	if len(args) == 0 {
		return key
	}
	return key + " " + fmt.Sprint(args...)
}

// agendaPDFText asserts b is a whole PDF with DejaVu Sans embedded and returns its text, or ""
// when pdftotext (poppler-utils) is not installed.
func agendaPDFText(t *testing.T, b []byte) string {
	t.Helper()
	if !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimRight(b, "\r\n"), []byte("%%EOF")) {
		t.Fatalf("not a whole PDF: %q", b[:min(len(b), 16)])
	}
	if !bytes.Contains(bytes.ToLower(b), []byte("dejavusans")) || !bytes.Contains(b, []byte("/FontFile2")) {
		t.Error("the PDF does not embed DejaVu Sans")
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Log("pdftotext not installed: text not checked")
		return ""
	}
	name := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(name, b, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", name, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, out)
	}
	return string(out)
}

// keepAgendaPDF writes a paper to B2B_PDF_DIR when set, to look at it (pdftoppm -png -r 60).
func keepAgendaPDF(name string, b []byte) {
	if dir := os.Getenv("B2B_PDF_DIR"); dir != "" {
		_ = os.WriteFile(filepath.Join(dir, name), b, 0o644)
	}
}

func wantAll(t *testing.T, what, text string, want ...string) {
	t.Helper()
	if text == "" {
		return
	}
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("%s lacks %q:\n%s", what, w, text)
		}
	}
}

// publishedAgenda is Leyla's published agenda: a meeting with the Bakü firm at the named
// table in slot 8, one with the Gəncə firm in slot 2, and one waiting.
func publishedAgenda(t *testing.T, f *agendas) *Agenda {
	t.Helper()
	f.meeting(t, f.pIzmir, f.pBaku, 7, 2)
	f.meeting(t, f.pGence, f.pIzmir, 1, 5)
	f.meeting(t, f.pIzmir, f.pGence, -1, 0)
	f.publish(t)
	a, err := f.svc.Agenda(ctx, f.member, f.forum, 0)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestAgendaPDF(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newAgendas(t, d)
		a := publishedAgenda(t, f)
		b, err := AgendaPDF(a, "az", agendaZoneBaku, agendaZoneIzmir, agendaLabels)
		if err != nil {
			t.Fatal(err)
		}
		keepAgendaPDF("agenda.pdf", b)
		// Slot 2 starts 10:20 in Bakı, 09:20 in İzmir; slot 8 after the break at 12:35.
		wantAll(t, "agenda PDF", agendaPDFText(t, b), "İzmir–Bakü İş Forumu", "Ege Zeytinyağı Üreticileri (demo)", "Leyla Həsənova",
			"Orhan Demir", "10 iyun 2027", "10:20 Bakı · 09:20 İzmir", "12:35 Bakı · 11:35 İzmir",
			"Gəncə Kimya Sənayesi (demo)", "Aysel Məmmədova", "Xəzər Logistika (demo)", "Rəşad Quliyev",
			"b2b.agenda.table 5", "b2b.agenda.table 2 · Azərbaycan İxrac", "b2b.agenda.waiting")

		// Before publishing the paper says so instead of listing places.
		if _, err := d.Exec(ctx, `UPDATE b2b_programmes SET published_at = NULL`); err != nil {
			t.Fatal(err)
		}
		a, err = f.svc.Agenda(ctx, f.member, f.forum, 0)
		if err != nil {
			t.Fatal(err)
		}
		b, err = AgendaPDF(a, "tr", agendaZoneBaku, agendaZoneIzmir, agendaLabels)
		if err != nil {
			t.Fatal(err)
		}
		text := agendaPDFText(t, b)
		wantAll(t, "unpublished agenda PDF", text, "b2b.agenda.not_published", "Gəncə Kimya Sənayesi (demo)")
		if strings.Contains(text, "10:20 Bakı") {
			t.Error("the unpublished agenda shows a time")
		}
	})
}

func TestAgendaICS(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newAgendas(t, d)
		a := publishedAgenda(t, f)
		raw := AgendaICS(a, "tr", "https://kopru.example/tr/b2b/forum/agenda", "https://kopru.example", t0, agendaLabels)
		for i, line := range strings.Split(strings.TrimSuffix(string(raw), "\r\n"), "\r\n") {
			if len(line) > 75 || strings.ContainsAny(line, "\r\n") {
				t.Errorf("line %d is not a folded content line: %q", i+1, line)
			}
		}
		cal, err := ical.NewDecoder(bytes.NewReader(raw)).Decode()
		if err != nil {
			t.Fatalf("decode: %v\n%s", err, raw)
		}
		if err := ical.NewEncoder(&bytes.Buffer{}).Encode(cal); err != nil {
			t.Fatalf("go-ical rejects the structure: %v", err)
		}
		evs := cal.Events()
		if len(evs) != 2 {
			t.Fatalf("%d events, want the 2 placed meetings", len(evs))
		}
		zones := 0
		for _, c := range cal.Children {
			if c.Name == ical.CompTimezone {
				zones++
				if id, _ := c.Props.Text(ical.PropTimezoneID); id != "Asia/Baku" {
					t.Errorf("VTIMEZONE %q", id)
				}
			}
		}
		if zones != 1 {
			t.Errorf("%d VTIMEZONE blocks", zones)
		}
		first := evs[0]
		start, err := first.DateTimeStart(nil)
		if err != nil || !start.Equal(slotStart(1)) {
			t.Errorf("DTSTART = %v, %v; want %v", start, err, slotStart(1))
		}
		if uid, _ := first.Props.Text(ical.PropUID); uid != fmt.Sprintf("b2b-meeting-%d@kopru.example", a.Meetings[0].Meeting.ID) {
			t.Errorf("UID %q", uid)
		}
		if s, _ := first.Props.Text(ical.PropSummary); s != "b2b.agenda.ics.summary Gəncə Kimya Sənayesi (demo)" {
			t.Errorf("SUMMARY %q", s)
		}
		if l, _ := evs[1].Props.Text(ical.PropLocation); !strings.HasPrefix(l, "b2b.agenda.table 2 · Azərbaycan İxrac və İnvestisiyaların") {
			t.Errorf("LOCATION %q", l)
		}
		// The same meetings give the same UIDs on the next download.
		again := AgendaICS(a, "tr", "x", "https://kopru.example", t0.Add(3600e9), agendaLabels)
		if !bytes.Contains(again, []byte(fmt.Sprintf("UID:b2b-meeting-%d@kopru.example", a.Meetings[1].Meeting.ID))) {
			t.Error("UIDs are not stable")
		}
	})
}

func TestSheets(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newAgendas(t, d)
		f.meeting(t, f.pIzmir, f.pBaku, 7, 2)
		f.meeting(t, f.pGence, f.pIzmir, 1, 5)
		f.meeting(t, f.pBaku, f.pGence, 1, 2)
		f.meeting(t, f.pIzmir, f.pGence, -1, 0)
		gone := f.meeting(t, f.pBaku, f.pGence, 3, 3)
		f.setStatus(t, gone, MeetingCancelled)

		if _, err := f.svc.Sheets(ctx, f.member, f.forum); err == nil {
			t.Fatal("a participant read the organisers' sheets")
		}
		sh, err := f.svc.Sheets(ctx, f.coordinator, f.forum)
		if err != nil {
			t.Fatal(err)
		}
		if len(sh.Meetings) != 3 || sh.Waiting != 1 || sh.At(7, 2) == nil || sh.At(3, 3) != nil || len(sh.AtTable(2)) != 2 {
			t.Fatalf("sheets: %d placed, %d waiting", len(sh.Meetings), sh.Waiting)
		}

		grid := sh.GridRows("tr", agendaZoneBaku, agendaZoneIzmir, agendaLabels)
		if len(grid) != 13 || len(grid[0]) != 12 || grid[0][3] != "b2b.agenda.table 2 · Azərbaycan İxrac və İnvestisiyaların Təşviqi Agentliyi" {
			t.Fatalf("grid head: %q (%d rows)", grid[0], len(grid))
		}
		if grid[2][1] != "10.06.2027 10:20 Bakı · 09:20 İzmir" || grid[2][3] != "Xəzər Logistika (demo) – Gəncə Kimya Sənayesi (demo)" ||
			grid[2][6] != "Gəncə Kimya Sənayesi (demo) – Ege Zeytinyağı Üreticileri (demo)" || grid[4][4] != "" {
			t.Errorf("grid rows: %q / %q", grid[2], grid[4])
		}
		list := sh.MeetingRows("tr", agendaZoneBaku, agendaZoneIzmir, agendaLabels)
		if len(list) != 4 || strings.Join(list[3], "|") != "8|10.06.2027|12:35|11:35|2|Azərbaycan İxrac və İnvestisiyaların Təşviqi Agentliyi|Ege Zeytinyağı Üreticileri (demo)|Xəzər Logistika (demo)|b2b.agenda.status.planned" {
			t.Errorf("meeting rows: %q", list)
		}

		tables, err := TablesPDF(sh, "tr", agendaZoneBaku, agendaZoneIzmir, agendaLabels)
		if err != nil {
			t.Fatal(err)
		}
		text := agendaPDFText(t, tables)
		wantAll(t, "table sheets", text, "b2b.agenda.table 2", "Azərbaycan İxrac", "b2b.agenda.table 5",
			"10:20 Bakı · 09:20 İzmir", "Xəzər Logistika (demo)", "Gəncə Kimya Sənayesi (demo)", "Ege Zeytinyağı Üreticileri (demo)")
		if text != "" && strings.Count(strings.TrimRight(text, "\f"), "\f") != 1 {
			t.Errorf("two tables have meetings, so two pages:\n%q", text)
		}
		gridPDF, err := GridPDF(sh, "az", agendaZoneBaku, agendaZoneIzmir, agendaLabels)
		if err != nil {
			t.Fatal(err)
		}
		keepAgendaPDF("tables.pdf", tables)
		keepAgendaPDF("grid.pdf", gridPDF)
		if !bytes.Contains(gridPDF, []byte("/MediaBox [0 0 841.89 595.28]")) {
			t.Error("the grid is not landscape A4")
		}
		wantAll(t, "grid PDF", agendaPDFText(t, gridPDF), "b2b.sheets.grid", "10.06.2027", "12:35 Bakı", "Xəzər Logistika", "Gəncə Kimya")
	})
}
