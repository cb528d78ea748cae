package b2b

import (
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
	"github.com/kopru-platform/kopru/ui"
)

// pageReasons renders the schedule page's data in lang and returns each meeting's line:
// its place, or why it is not placed.
func pageReasons(t *testing.T, f *sched, lang string) map[int64]string {
	t.Helper()
	cat, err := i18n.Load(ui.FS, "locales")
	if err != nil {
		t.Fatal(err)
	}
	assets, err := web.NewAssets(ui.FS, "static")
	if err != nil {
		t.Fatal(err)
	}
	rd, err := web.NewRenderer(ui.FS, cat, assets, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	h := NewHandlers(f.svc, rd, nil)
	r := web.WithLocale(httptest.NewRequest("GET", "/", nil), lang)
	ev, err := f.svc.events.Event(ctx, f.coordinator, f.forum)
	if err != nil {
		t.Fatal(err)
	}
	p, ms, err := f.svc.Meetings(ctx, f.coordinator, f.forum)
	if err != nil {
		t.Fatal(err)
	}
	d, err := h.scheduleData(r, ev, p, ms)
	if err != nil {
		t.Fatal(err)
	}
	out := map[int64]string{}
	for _, m := range d.Meetings {
		out[m.ID] = m.Place
		if m.Reason != "" {
			out[m.ID] = m.Reason
		}
	}
	return out
}

func TestSchedulePageSaysWhyInWords(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		// Three slots from 10:00 Bakü, one table.
		f := newSched(t, d, smallSetup(3, 1, 0))
		ege, xezer, korfez, abseron := f.company(t, "Ege Zeytin"), f.company(t, "Xəzər Logistika"), f.company(t, "Körfez Tekstil"), f.company(t, "Abşeron Enerji")
		gence, bornova := f.company(t, "Gəncə Şərab"), f.company(t, "Bornova Makine")
		for _, p := range []int64{ege, xezer, korfez, abseron} {
			f.unavailable(t, p, 0, 1)
		}
		f.unavailable(t, gence, 0, 1, 2)
		placed := f.meet(t, ege, xezer, PriorityMust)
		full := f.meet(t, korfez, abseron, PriorityNormal)
		away := f.meet(t, gence, bornova, PriorityNormal)
		if _, err := f.svc.ScheduleAll(ctx, f.coordinator, f.forum); err != nil {
			t.Fatal(err)
		}
		for lang, want := range map[string][3]string{
			"tr": {"10.06.2027 10:40 Bakı · 09:40 İzmir, masa 1 (Liman Masası)", "İkisi yalnızca 3 (10:40) numaralı zamanda boş ve orası dolu.", "Ortak boş zaman yok: Gəncə Şərab o saatlerde görüşemiyor."},
			"az": {"masa 1 (Liman Masası)", "Hər ikisi yalnız 3 (10:40) nömrəli vaxtda boşdur və o vaxt doludur.", "Ortaq boş vaxt yoxdur: Gəncə Şərab o saatlarda görüşə bilmir."},
			"en": {"table 1 (Liman Masası)", "Both are free only in slot 3 (10:40), which is full.", "No common free slot: Gəncə Şərab cannot meet at those times."},
		} {
			got := pageReasons(t, f, lang)
			if !strings.Contains(got[placed], want[0]) || got[full] != want[1] || got[away] != want[2] {
				t.Fatalf("%s: %q / %q / %q", lang, got[placed], got[full], got[away])
			}
		}
	})
}

func TestSchedulePageNamesTheSessionCap(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		// Two slots, one table each, at most one meeting per participant in the session.
		f := newSched(t, d, smallSetup(2, 2, 1))
		ege, xezer, korfez := f.company(t, "Ege Zeytin"), f.company(t, "Xəzər Logistika"), f.company(t, "Körfez Tekstil")
		f.meet(t, ege, xezer, PriorityMust)
		capped := f.meet(t, ege, korfez, PriorityNormal)
		if _, err := f.svc.ScheduleAll(ctx, f.coordinator, f.forum); err != nil {
			t.Fatal(err)
		}
		if got := pageReasons(t, f, "en")[capped]; got != "Ege Zeytin already has 1 meeting(s) in this session, the most it allows." {
			t.Fatalf("en: %q", got)
		}
		if got := pageReasons(t, f, "tr")[capped]; got != "Ege Zeytin bu oturumda zaten 1 görüşmeye sahip." {
			t.Fatalf("tr: %q", got)
		}
	})
}
