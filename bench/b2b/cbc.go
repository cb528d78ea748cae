package main

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/kopru-platform/kopru/internal/b2b/schedule"
)

// writeLP writes the time-indexed integer programme of an instance in CPLEX LP form:
// x[m,s] = 1 when meeting m is in slot s (only usable slots get a variable); each meeting
// at most once, each participant at most once per slot, at most max_meetings and at most
// its session's max_meetings in each session, each slot at most its tables minus the
// fixed tables for the meetings without a fixed-table participant, locked meetings fixed;
// maximise the number of meetings.
func writeLP(in *schedule.Instance, path string) error {
	tables := make([]int, in.Slots)
	for s := range tables {
		tables[s] = in.Tables.All
		if in.Tables.PerRaw != nil {
			tables[s] = in.Tables.PerRaw[s]
		}
	}
	away := map[string]map[int]bool{}
	caps := map[string]int{}
	exhibitor := map[string]bool{}
	fixedTables := 0
	for _, q := range in.Participants {
		away[q.ID] = map[int]bool{}
		for _, s := range q.Unavailable {
			away[q.ID][s] = true
		}
		caps[q.ID] = q.MaxMeetings
		if q.FixedTable > 0 {
			exhibitor[q.ID] = true
			fixedTables++
		}
	}
	pool := make([]int, in.Slots) // tables left for meetings without an exhibitor
	for s := range pool {
		pool[s] = max(0, tables[s]-fixedTables)
	}
	session := make([]int, in.Slots) // slot → capped session or -1
	for s := range session {
		session[s] = -1
	}
	for g, ses := range in.Sessions {
		for s := ses.FirstSlot; s < ses.FirstSlot+ses.Slots && ses.MaxMeetings > 0; s++ {
			session[s] = g
		}
	}
	perPartSession := map[string][]string{}    // "q g" → variables
	vars := make([][]string, len(in.Meetings)) // per meeting, its variables
	perPartSlot := map[string][]string{}       // "q s" → variables
	perPart := map[string][]string{}
	perSlot := make([][]string, in.Slots)
	var fixed []string
	for i, m := range in.Meetings {
		allowed := map[int]bool{}
		for _, s := range m.AllowedSlots {
			allowed[s] = true
		}
		pooled := true
		for _, q := range m.Participants {
			pooled = pooled && !exhibitor[q]
		}
		for s := range in.Slots {
			ok := (len(m.AllowedSlots) == 0 || allowed[s]) && tables[s] > 0 && (!pooled || pool[s] > 0)
			for _, q := range m.Participants {
				ok = ok && !away[q][s]
			}
			if !ok {
				continue
			}
			v := fmt.Sprintf("x%d_%d", i, s)
			vars[i] = append(vars[i], v)
			if pooled {
				perSlot[s] = append(perSlot[s], v)
			}
			for _, q := range m.Participants {
				key := q + " " + strconv.Itoa(s)
				perPartSlot[key] = append(perPartSlot[key], v)
				perPart[q] = append(perPart[q], v)
				if g := session[s]; g >= 0 {
					key := q + " " + strconv.Itoa(g)
					perPartSession[key] = append(perPartSession[key], v)
				}
			}
			if m.Locked != nil && m.Locked.Slot == s {
				fixed = append(fixed, v)
			}
		}
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	w := bufio.NewWriter(f)
	var all []string
	for _, vs := range vars {
		all = append(all, vs...)
	}
	fmt.Fprintf(w, "Maximize\n obj: %s\nSubject To\n", sum(all))
	n := 0
	row := func(vs []string, rhs int, op string) {
		if len(vs) > 0 {
			n++
			fmt.Fprintf(w, " r%d: %s %s %d\n", n, sum(vs), op, rhs)
		}
	}
	for _, vs := range vars {
		row(vs, 1, "<=")
	}
	for _, vs := range perPartSlot {
		if len(vs) > 1 {
			row(vs, 1, "<=")
		}
	}
	for q, vs := range perPart {
		if caps[q] > 0 {
			row(vs, caps[q], "<=")
		}
	}
	for key, vs := range perPartSession {
		_, g, _ := strings.Cut(key, " ")
		i, _ := strconv.Atoi(g)
		row(vs, in.Sessions[i].MaxMeetings, "<=")
	}
	for s, vs := range perSlot {
		row(vs, pool[s], "<=")
	}
	for _, v := range fixed {
		row([]string{v}, 1, "=")
	}
	fmt.Fprintf(w, "Binary\n %s\nEnd\n", strings.Join(all, "\n "))
	return w.Flush()
}

func sum(vs []string) string {
	if len(vs) == 0 {
		return "0"
	}
	return strings.Join(vs, " + ")
}

// cbcOptimum solves the instance's programme with cbc and returns the proven optimum.
func cbcOptimum(in *schedule.Instance, dir string) (int, error) {
	lp, sol := filepath.Join(dir, "b2b.lp"), filepath.Join(dir, "b2b.sol")
	if err := writeLP(in, lp); err != nil {
		return 0, err
	}
	if out, err := exec.Command("cbc", lp, "sec", "60", "solve", "solu", sol).CombinedOutput(); err != nil {
		return 0, fmt.Errorf("cbc: %v: %s", err, out)
	}
	b, err := os.ReadFile(sol)
	if err != nil {
		return 0, err
	}
	first, _, _ := strings.Cut(string(b), "\n")
	if !strings.HasPrefix(first, "Optimal") {
		return 0, fmt.Errorf("cbc did not prove optimality: %q", first)
	}
	fields := strings.Fields(first)
	v, err := strconv.ParseFloat(fields[len(fields)-1], 64)
	if err != nil {
		return 0, fmt.Errorf("cbc: cannot read the objective in %q", first)
	}
	return int(math.Round(v)), nil
}
