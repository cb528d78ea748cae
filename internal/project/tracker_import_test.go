package project

import (
	"errors"
	"testing"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/fail"
)

func countUpdates(t *testing.T, d *db.DB) int {
	t.Helper()
	var n int
	if err := d.QueryRow(ctx, `SELECT COUNT(*) FROM project_updates`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestImportProgressUpdates(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newTrackerFixture(t, d)
		p := f.project(t, festivalInput())
		head := "\uFEFFslug;date;progress;text_tr;text_az;text_en\r\n"
		good := p.Slug + ";2026-05-10;55;Gönüllü eğitimi yapıldı;Könüllülərin təlimi keçirildi;\r\n"

		if _, err := f.tr.ImportUpdates(ctx, f.member, []byte(head+good)); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("a member imported: %v", err)
		}
		var fields fail.Fields
		for name, file := range map[string]string{
			"wrong header":  "proje;tarih;ilerleme;metin\n" + good,
			"missing cells": head + p.Slug + ";2026-05-10;55\n",
			"only a header": head,
		} {
			if _, err := f.tr.ImportUpdates(ctx, f.coordinator, []byte(file)); !errors.As(err, &fields) || fields["file"] == "" {
				t.Errorf("%s: err = %v, want a file error", name, err)
			}
		}

		half := head + good +
			p.Slug + ";2026-05-11;yüzde elli;Metin;;\r\n" + // a bad number
			"olmayan-proje;2026-05-12;60;Metin;;\r\n" + // an unknown project
			p.Slug + ";12.05.2026;;Metin;;\r\n" + // a date in the wrong form
			p.Slug + ";2026-05-13;140;;;\r\n" // progress past 100 and no text
		res, err := f.tr.ImportUpdates(ctx, f.coordinator, []byte(half))
		if err != nil {
			t.Fatal(err)
		}
		if res.Applied != 0 || len(res.Rejected) != 4 {
			t.Fatalf("half-good file: %+v", res)
		}
		want := []map[string]string{
			{"progress": "project.tracker.error.progress"}, {"slug": "project.tracker.import.error.project"},
			{"posted_on": "project.tracker.error.date"}, {"progress": "project.tracker.error.progress", "body": "project.tracker.error.body"},
		}
		for i, rej := range res.Rejected {
			if rej.Line != i+3 {
				t.Errorf("rejected row %d on line %d, want %d", i, rej.Line, i+3)
			}
			for k, v := range want[i] {
				if rej.Fields[k] != v {
					t.Errorf("line %d: %s = %q, want %q", rej.Line, k, rej.Fields[k], v)
				}
			}
		}
		if n := countUpdates(t, d); n != 0 {
			t.Fatalf("a rejected file applied %d updates", n)
		}

		comma := "slug,date,progress,text_tr,text_az,text_en\n" + p.Slug + ",2026-05-20,,\"Afiş basıldı, dağıtıldı\",,\n"
		for _, file := range []string{head + good, comma} {
			if res, err := f.tr.ImportUpdates(ctx, f.coordinator, []byte(file)); err != nil || res.Applied != 1 {
				t.Fatalf("good file: %+v, %v", res, err)
			}
		}
		got, _ := f.tr.Project(ctx, p.ID)
		if n := countUpdates(t, d); n != 2 || got.Progress != 55 {
			t.Errorf("%d updates, progress %d; want 2 and 55", n, got.Progress)
		}
	})
}
