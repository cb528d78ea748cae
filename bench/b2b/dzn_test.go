package main

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/kopru-platform/kopru/internal/b2b/schedule"
)

// A hand-written .dzn in the benchmark's shape: three participants, a morning of two
// slots and an afternoon of one, participant 2 away in slot 3 (numbered from 1).
const sampleDZN = `nBusiness = 3;
nMeetings = 3;
nTables = 5;
nTotalSlots = 3;
nMorningSlots = 2;

requested = [|1, 2,1, 
|2, 3,2, 
|1, 3,3, 
|];

forbidden = [{0},
{3},
{0}];
fixed = [0,0,0];
`

func TestConvertDZN(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sample.original.dzn")
	if err := os.WriteFile(path, []byte(sampleDZN), 0o644); err != nil {
		t.Fatal(err)
	}
	j, err := readDZN(path)
	if err != nil {
		t.Fatal(err)
	}
	in := j.instance(0.8)
	if in.Slots != 3 || in.Tables.All != 4 || len(in.Participants) != 3 || len(in.Meetings) != 3 {
		t.Fatalf("sizes: %+v", in)
	}
	if !slices.Equal(in.Participants[1].Unavailable, []int{2}) || in.Participants[0].Unavailable != nil {
		t.Fatalf("forbidden slots: %+v", in.Participants)
	}
	for i, want := range [][]int{{0, 1}, {2}, {0, 1, 2}} {
		if !slices.Equal(in.Meetings[i].AllowedSlots, want) {
			t.Fatalf("meeting %d: allowed %v, want %v", i, in.Meetings[i].AllowedSlots, want)
		}
	}
	if got := in.Meetings[1].Participants; !slices.Equal(got, []string{"p2", "p3"}) {
		t.Fatalf("participants %v", got)
	}
	// m2 (p2, p3) may only use the afternoon slot, where p2 is away: two can be placed.
	sc, err := schedule.Solve(in)
	if err != nil {
		t.Fatal(err)
	}
	if err := schedule.Validate(in, sc); err != nil {
		t.Fatal(err)
	}
	if len(sc.Scheduled) != 2 || sc.UpperBound != 2 {
		t.Fatalf("placed %d, bound %d", len(sc.Scheduled), sc.UpperBound)
	}
}

// The real file named in the task converts to the README's sizes.
func TestConvertRealFile(t *testing.T) {
	const path = "/work/shared/b2b-jair/forumt-14.original.dzn"
	if _, err := os.Stat(path); err != nil {
		t.Skip("benchmark data not present")
	}
	j, err := readDZN(path)
	if err != nil {
		t.Fatal(err)
	}
	in := j.instance(1)
	if len(in.Participants) != 60 || len(in.Meetings) != 237 || in.Slots != 10 || in.Tables.All != 27 {
		t.Fatalf("got %d participants, %d meetings, %d slots, %d tables", len(in.Participants), len(in.Meetings), in.Slots, in.Tables.All)
	}
	if err := schedule.Validate(in, &schedule.Schedule{Unscheduled: ids(in)}); err != nil {
		t.Fatal(err)
	}
}

func ids(in *schedule.Instance) []string {
	var out []string
	for _, m := range in.Meetings {
		out = append(out, m.ID)
	}
	return out
}
