package student

import (
	"context"
	"errors"
	"testing"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/fail"
)

func TestOwnDataAndForgetPerson(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newMentoringSite(t, d)
		ctx := context.Background()
		st, ms := s.people(t, "member", "az", 1), s.people(t, "member", "tr", 1)
		s.student(t, st[0], true)
		s.mentor(t, ms[0], 2, true)
		if _, err := s.svc.Pair(ctx, s.coord, st[0].ID, ms[0].ID); err != nil {
			t.Fatal(err)
		}
		data, err := s.svc.OwnData(ctx, st[0])
		if err != nil || data.Student == nil || data.Mentor != nil || len(data.Pairings) != 1 {
			t.Fatalf("own data: %+v %v", data, err)
		}
		if err := s.svc.ForgetPerson(ctx, st[0], st[0].ID); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("a student erased data themselves: %v", err)
		}
		if err := s.svc.ForgetPerson(ctx, s.coord, st[0].ID); err != nil {
			t.Fatal(err)
		}
		data, err = s.svc.OwnData(ctx, st[0])
		if err != nil || data.Student != nil || len(data.Pairings) != 0 || s.svc.ActivePairings(ctx) != 0 {
			t.Fatalf("after deletion: %+v %v", data, err)
		}
		if m, _ := s.svc.MentorProfile(ctx, ms[0], ms[0].ID); m == nil || m.Active != 0 {
			t.Fatalf("the mentor's place was not freed: %+v", m)
		}
	})
}
