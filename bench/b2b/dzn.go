package main

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/kopru-platform/kopru/internal/b2b/schedule"
)

// jair is one MiniZinc instance of the JAIR 2022 B2B benchmark (see its README).
type jair struct {
	business, slots, tables, morning int
	requested                        [][3]int // a, b, session (1 morning, 2 afternoon, 3 any)
	forbidden                        [][]int  // per participant, slots from 1; 0 = none
}

var (
	dznStatement = regexp.MustCompile(`(?s)(\w+)\s*=\s*(.*?);`)
	dznSet       = regexp.MustCompile(`\{([^}]*)\}`)
)

func readDZN(path string) (*jair, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	fields := map[string]string{}
	for _, m := range dznStatement.FindAllStringSubmatch(string(b), -1) {
		fields[m[1]] = m[2]
	}
	j := &jair{}
	for name, dst := range map[string]*int{"nBusiness": &j.business, "nTotalSlots": &j.slots, "nTables": &j.tables, "nMorningSlots": &j.morning} {
		if *dst, err = strconv.Atoi(strings.TrimSpace(fields[name])); err != nil {
			return nil, fmt.Errorf("%s: %s: %w", path, name, err)
		}
	}
	nums, err := ints(strings.NewReplacer("[", " ", "]", " ", "|", ",").Replace(fields["requested"]))
	if err != nil || len(nums)%3 != 0 {
		return nil, fmt.Errorf("%s: requested is not a list of triples", path)
	}
	for i := 0; i < len(nums); i += 3 {
		j.requested = append(j.requested, [3]int{nums[i], nums[i+1], nums[i+2]})
	}
	for _, set := range dznSet.FindAllStringSubmatch(fields["forbidden"], -1) {
		f, err := ints(set[1])
		if err != nil {
			return nil, fmt.Errorf("%s: forbidden: %w", path, err)
		}
		j.forbidden = append(j.forbidden, f)
	}
	if len(j.forbidden) != j.business {
		return nil, fmt.Errorf("%s: forbidden has %d sets for %d participants", path, len(j.forbidden), j.business)
	}
	return j, nil
}

// ints reads the comma-separated whole numbers in s, skipping empty entries.
func ints(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		n, err := strconv.Atoi(f)
		if err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, nil
}

// instance converts to the JSON contract with the given share of the tables
// (round(share × nTables)); slots become 0-based and sessions become allowed_slots.
func (j *jair) instance(share float64) *schedule.Instance {
	in := &schedule.Instance{Slots: j.slots, Tables: schedule.UniformTables(int(math.Round(share * float64(j.tables))))}
	for p := 1; p <= j.business; p++ {
		q := schedule.Participant{ID: "p" + strconv.Itoa(p)}
		for _, s := range j.forbidden[p-1] {
			if s > 0 {
				q.Unavailable = append(q.Unavailable, s-1)
			}
		}
		in.Participants = append(in.Participants, q)
	}
	for i, r := range j.requested {
		m := schedule.Meeting{ID: "m" + strconv.Itoa(i+1), Participants: []string{"p" + strconv.Itoa(r[0]), "p" + strconv.Itoa(r[1])}}
		for s := range j.slots {
			if r[2] == 3 || r[2] == 1 && s < j.morning || r[2] == 2 && s >= j.morning {
				m.AllowedSlots = append(m.AllowedSlots, s)
			}
		}
		in.Meetings = append(in.Meetings, m)
	}
	return in
}

var readmeRow = regexp.MustCompile(`(?m)^\|\s*([\w-]+)\s*\|\s*(\d+)\s*\|\s*(\d+)\s*\|\s*(\d+)\s*\|`)

// readOptima reads the README's table: instance → optimum with 100% and 80% of the tables.
func readOptima(path string) (map[string][2]int, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	out := map[string][2]int{}
	for _, m := range readmeRow.FindAllStringSubmatch(string(b), -1) {
		full, _ := strconv.Atoi(m[3])
		eighty, _ := strconv.Atoi(m[4])
		out[m[1]] = [2]int{full, eighty}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no table of optima found", path)
	}
	return out, nil
}

// instanceName turns ".../forum-13.original.dzn" into "forum-13".
func instanceName(path string) string {
	name, _, _ := strings.Cut(filepath.Base(path), ".")
	return name
}
