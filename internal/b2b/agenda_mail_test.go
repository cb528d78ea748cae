package b2b

import (
	"errors"
	"strings"
	"testing"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/ui"
)

func TestAgendaForMails(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newAgendas(t, d)
		f.meeting(t, f.pIzmir, f.pBaku, 7, 2)
		if _, err := f.svc.AgendaOfProfile(ctx, 99999); !errors.Is(err, fail.NotFound) {
			t.Fatalf("unknown profile: %v", err)
		}
		a, err := f.svc.AgendaOfProfile(ctx, f.pBaku)
		if err != nil || a.Visible || len(a.Waiting) != 1 {
			t.Fatalf("before publishing: %+v, %v", a, err)
		}
		f.publish(t)
		if a, err = f.svc.AgendaOfProfile(ctx, f.pBaku); err != nil || len(a.Meetings) != 1 {
			t.Fatalf("after publishing: %+v, %v", a, err)
		}

		cat, err := i18n.Load(ui.FS, "locales")
		if err != nil {
			t.Fatal(err)
		}
		w := Writer{Lang: "az", cat: cat, baseURL: "https://kopru.example"}
		files, err := f.svc.AgendaAttachments(a, w)
		if err != nil || len(files) != 2 {
			t.Fatalf("attachments: %d, %v", len(files), err)
		}
		wantAll(t, "mailed PDF", agendaPDFText(t, files[0].Data), "B2B görüşlərim", "Masa 2 · Azərbaycan İxrac", "12:35 Bakı · 11:35 İzmir",
			"Ege Zeytinyağı Üreticileri (demo)")
		ics := strings.ReplaceAll(string(files[1].Data), "\r\n ", "")
		for _, want := range []string{"SUMMARY:B2B görüşü: Ege Zeytinyağı Üreticileri (demo)", "URL:https://kopru.example/az/b2b/"} {
			if !strings.Contains(ics, want) {
				t.Errorf("mailed .ics lacks %q:\n%s", want, ics)
			}
		}
	})
}
