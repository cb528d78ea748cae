package project

import (
	"errors"
	"strings"
	"testing"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
)

// Followers are mailed about a new update through a real SMTP server, each in their own
// language; someone who stopped following gets nothing.
func TestFollowersAreMailedInTheirLanguage(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newTrackerFixture(t, d)
		sink, out, q, cat := startMail(t, d)
		svc := NewService(d, trackerDir{d})
		svc.UseMail(q, out, cat, "https://kopru.example.org")
		f.tr = NewTracker(svc, nil, nil)

		p := f.project(t, festivalInput())
		english := f.user(t, "reader@example.org", "Reader", "en")
		left := f.user(t, "ayrilan@example.org", "Ayrılan Okur", "tr")
		if err := f.tr.Follow(ctx, nil, p.ID, true); !errors.Is(err, fail.Unauthorized) {
			t.Fatalf("anonymous followed: %v", err)
		}
		for _, v := range []*struct {
			id int64
			on bool
		}{{f.member.ID, true}, {english.ID, true}, {left.ID, true}, {left.ID, false}} {
			viewer := *f.member
			viewer.ID = v.id
			if err := f.tr.Follow(ctx, &viewer, p.ID, v.on); err != nil {
				t.Fatal(err)
			}
		}
		progress := 55
		_, err := f.tr.PostUpdate(ctx, f.coordinator, p.ID, UpdateInput{PostedOn: "2026-05-10", Progress: &progress,
			Body: i18n.Text{TR: "Gönüllü eğitimi tamamlandı.", AZ: "Könüllülərin təlimi başa çatdı."}})
		if err != nil {
			t.Fatal(err)
		}
		for {
			ran, err := q.RunOnce(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if !ran {
				break
			}
		}
		if _, err := out.DeliverDue(ctx); err != nil {
			t.Fatal(err)
		}
		az := sink.To("uye@example.org")
		if len(az) != 1 || az[0].Lang != "az" || !strings.Contains(az[0].Subject, "İzmir–Bakı Gənclik Festivalı") ||
			!strings.Contains(az[0].Text, "Könüllülərin təlimi başa çatdı.") || !strings.Contains(az[0].Text, "https://kopru.example.org/az/projects/"+p.Slug) {
			t.Errorf("Azerbaijani mail: %+v", az)
		}
		en := sink.To("reader@example.org")
		if len(en) != 1 || !strings.Contains(en[0].Subject, "New progress update") || !strings.Contains(en[0].Text, "55%") {
			t.Errorf("English mail: %+v", en)
		}
		if got := sink.To("ayrilan@example.org"); len(got) != 0 {
			t.Errorf("someone who stopped following was mailed: %+v", got)
		}
		if got := sink.To("koordinator@example.org"); len(got) != 0 {
			t.Errorf("the coordinator, not a follower, was mailed: %+v", got)
		}
	})
}
