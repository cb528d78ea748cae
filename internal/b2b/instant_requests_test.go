package b2b

import (
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// instant switches the forum to instant mode with a small grid: slots slots, tables tables.
func (f *meetings) instant(t *testing.T, slots, tables, limit int) {
	t.Helper()
	in := setup()
	in.Mode, in.MaxOpenRequests = Instant, limit
	in.Sessions[0].Slots, in.Sessions[0].MaxMeetings, in.Sessions[0].Breaks = slots, 0, nil
	in.Tables = NumberedTables(tables, nil)
	if _, err := f.svc.SaveProgramme(ctx, f.coordinator, f.forum, in); err != nil {
		t.Fatal(err)
	}
}

func TestInstantModePlacesOnAcceptAndRespectsAvailability(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newMeetings(t, d)
		f.instant(t, 3, 1, 0)
		// Rəşad cannot meet in the first slot.
		if err := f.svc.SetAvailability(ctx, f.rashad, f.forum, 0, []int{0}); err != nil {
			t.Fatal(err)
		}
		rv := f.send(t, f.member, f.carrier)
		acc, err := f.svc.AcceptRequest(ctx, f.rashad, rv.ID)
		if err != nil {
			t.Fatal(err)
		}
		if m := acc.Meeting; m == nil || m.Slot != 1 || m.Table != 1 {
			t.Fatalf("placed at %+v, want slot 1 table 1 (slot 0 is unavailable)", acc.Meeting)
		}
		// Marking a slot one already meets in is refused; out of range too.
		fieldErr(t, f.svc.SetAvailability(ctx, f.rashad, f.forum, 0, []int{0, 1}), "slots", "b2b.req.error.slot_has_meeting")
		fieldErr(t, f.svc.SetAvailability(ctx, f.rashad, f.forum, 0, []int{3}), "slots", "b2b.req.error.slot_unknown")
		fieldErr(t, f.svc.SetAvailability(ctx, f.rashad, f.forum, 0, []int{-1}), "slots", "b2b.req.error.slot_unknown")
		if err := f.svc.SetAvailability(ctx, f.kamran, f.forum, 0, []int{0}); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("a non-participant sets availability: %v", err)
		}
		_, _, got, err := f.svc.Availability(ctx, f.rashad, f.forum, 0)
		if err != nil || fmt.Sprint(got) != "[0]" {
			t.Fatalf("availability kept %v, %v", got, err)
		}

		// Auto-accept: the third company's request to the carrier is accepted at once and
		// takes the only slot left where the one table is free.
		if err := f.svc.SetAutoAccept(ctx, f.rashad, f.forum, 0, true); err != nil {
			t.Fatal(err)
		}
		third, v3 := f.company(t, "Gəncə Şərab")
		auto, err := f.svc.SendRequest(ctx, v3, f.forum, RequestInput{ToProfileID: f.carrier.ID, Message: "Şərab daşımaları barədə danışaq."})
		if err != nil || auto.Status != RequestAccepted || auto.AnsweredBy != 0 || auto.Meeting == nil || auto.Meeting.Slot != 2 {
			t.Fatalf("auto-accepted: %+v %+v %v", auto, auto.Meeting, err)
		}
		_, v4 := f.company(t, "Şirvan Pambıq")
		rv4, err := f.svc.SendRequest(ctx, v4, f.forum, RequestInput{ToProfileID: third.ID, Message: "Pambıq ixracı barədə görüşək."})
		if err != nil {
			t.Fatal(err)
		}
		// Only slot 0 has a free table, and there the third company is free too: placed.
		acc4, err := f.svc.AcceptRequest(ctx, v3, rv4.ID)
		if err != nil || acc4.Meeting.Slot != 0 {
			t.Fatalf("fourth meeting: %+v %v", acc4.Meeting, err)
		}
		// No common free slot: still accepted, left for the organisers.
		rv5, err := f.svc.SendRequest(ctx, f.member, f.forum, RequestInput{ToProfileID: third.ID, Message: "Zeytinyağı ve şarap birlikte?"})
		if err != nil {
			t.Fatal(err)
		}
		acc5, err := f.svc.AcceptRequest(ctx, v3, rv5.ID)
		if err != nil || acc5.Status != RequestAccepted || acc5.Meeting == nil || acc5.Meeting.Scheduled() {
			t.Fatalf("full grid: %+v %+v %v", acc5, acc5.Meeting, err)
		}
		// Cancelling frees the slot for the next acceptance.
		if _, err := f.svc.CancelMeeting(ctx, v3, rv4.ID, "Planlar dəyişdi."); err != nil {
			t.Fatal(err)
		}
		if ok, _ := f.svc.AutoAccept(ctx, f.rashad, f.forum, 0); !ok {
			t.Fatal("auto-accept not kept")
		}
	})
}

func TestConcurrentInstantAcceptsNeverDoubleBook(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newMeetings(t, d)
		f.instant(t, 4, 2, 0)
		// Eight companies each ask the carrier and the exporter; sixteen acceptances race for a
		// grid of 4 slots × 2 tables, where each of the two hosts can sit once per slot.
		type pending struct {
			id int64
			by *web.Viewer
		}
		var todo []pending
		for i := range 8 {
			_, v := f.company(t, fmt.Sprintf("Firma %c", 'A'+i))
			for _, host := range []struct {
				to *Profile
				by *web.Viewer
			}{{f.carrier, f.rashad}, {f.exporter, f.orhan}} {
				rv, err := f.svc.SendRequest(ctx, v, f.forum, RequestInput{ToProfileID: host.to.ID, Message: "Eşzamanlı kabul denemesi."})
				if err != nil {
					t.Fatal(err)
				}
				todo = append(todo, pending{rv.ID, host.by})
			}
		}
		var wg sync.WaitGroup
		for _, p := range todo {
			wg.Go(func() {
				if _, err := f.svc.AcceptRequest(ctx, p.by, p.id); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		placed, err := placedMeetings(ctx, d, f.exporter.ProgrammeID)
		if err != nil {
			t.Fatal(err)
		}
		seatTaken, personBusy := map[[2]int]bool{}, map[string]bool{}
		for _, m := range placed {
			if seatTaken[[2]int{m.Slot, m.Table}] {
				t.Fatalf("two meetings at slot %d table %d", m.Slot, m.Table)
			}
			seatTaken[[2]int{m.Slot, m.Table}] = true
			for _, pid := range m.Profiles {
				k := fmt.Sprint(pid, "@", m.Slot)
				if personBusy[k] {
					t.Fatalf("participant %d twice in slot %d", pid, m.Slot)
				}
				personBusy[k] = true
			}
		}
		if len(placed) != 8 { // each host meets in every slot: the grid is full
			t.Fatalf("%d meetings placed, want 8", len(placed))
		}
		var total int
		if err := d.QueryRow(ctx, `SELECT COUNT(*) FROM b2b_meetings`).Scan(&total); err != nil || total != 16 {
			t.Fatalf("%d meetings, want 16 (every acceptance makes one) %v", total, err)
		}
	})
}
