package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/kopru-platform/kopru/internal/b2b/schedule"
)

func TestB2BSolveWritesAValidSchedule(t *testing.T) {
	const input = `{"slots": 3, "tables": [1, 1, 2],
	  "participants": [{"id": "a"}, {"id": "b", "max_meetings": 2}, {"id": "c", "unavailable": [0]}],
	  "meetings": [{"id": "m1", "participants": ["a", "b"]},
	               {"id": "m2", "participants": ["a", "c"], "locked": {"slot": 1, "table": 1}},
	               {"id": "m3", "participants": ["b", "c"], "allowed_slots": [1, 2], "priority": 2}],
	  "time_limit_ms": 500}`
	var out bytes.Buffer
	if err := b2bSolve(strings.NewReader(input), &out); err != nil {
		t.Fatal(err)
	}
	var sc schedule.Schedule
	if err := json.Unmarshal(out.Bytes(), &sc); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out.String())
	}
	in, _ := schedule.Decode(strings.NewReader(input))
	if err := schedule.Validate(in, &sc); err != nil {
		t.Fatal(err)
	}
	if len(sc.Scheduled) != 3 || sc.UpperBound != 3 {
		t.Fatalf("want all 3 placed with bound 3, got %s", out.String())
	}
}

// The optional fields reach the solver and the output says why a meeting is left out,
// under a key of its own so that the contract's keys keep their meaning.
func TestB2BSolveFixedTablesSessionsAndReasons(t *testing.T) {
	const input = `{"slots": 2, "tables": 2,
	  "participants": [{"id": "ex", "fixed_table": 2}, {"id": "a"}, {"id": "b"}],
	  "sessions": [{"first_slot": 0, "slots": 2, "max_meetings": 1}],
	  "meetings": [{"id": "m1", "participants": ["a", "ex"]}, {"id": "m2", "participants": ["a", "b"]}]}`
	var out bytes.Buffer
	if err := b2bSolve(strings.NewReader(input), &out); err != nil {
		t.Fatal(err)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(out.Bytes(), &raw); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"scheduled", "unscheduled", "upper_bound", "stats", "reasons"} {
		if _, ok := raw[key]; !ok {
			t.Fatalf("no %q in %s", key, out.String())
		}
	}
	var sc schedule.Schedule
	if err := json.Unmarshal(out.Bytes(), &sc); err != nil {
		t.Fatal(err)
	}
	in, _ := schedule.Decode(strings.NewReader(input))
	if err := schedule.Validate(in, &sc); err != nil {
		t.Fatal(err)
	}
	if len(sc.Scheduled) != 1 || len(sc.Reasons) != 1 || sc.Reasons[0].Code != "cap" || sc.Reasons[0].Participants[0] != "a" {
		t.Fatalf("want one meeting placed and the other held back by a's session cap, got %s", out.String())
	}
	if pl := sc.Scheduled[0]; pl.Meeting == "m1" && pl.Table != 2 {
		t.Fatalf("the exhibitor's meeting is not at its fixed table: %s", out.String())
	}
}

func TestB2BSolveRejectsBadInstances(t *testing.T) {
	people := `"participants": [{"id": "a"}, {"id": "b"}]`
	cases := map[string]struct{ input, want string }{
		"not JSON":               {`{"slots": 3,`, "not a valid instance"},
		"empty":                  {``, "empty input"},
		"unknown field":          {`{"slots": 3, "tablez": 1}`, "unknown field"},
		"unknown participant":    {`{"slots": 2, "tables": 1, ` + people + `, "meetings": [{"id": "m", "participants": ["a", "z"]}]}`, `unknown participant "z"`},
		"duplicate participant":  {`{"slots": 2, "tables": 1, "participants": [{"id": "a"}, {"id": "a"}]}`, `participant id "a" appears twice`},
		"duplicate meeting":      {`{"slots": 2, "tables": 1, ` + people + `, "meetings": [{"id": "m", "participants": ["a", "b"]}, {"id": "m", "participants": ["a", "b"]}]}`, `meeting id "m" appears twice`},
		"one participant":        {`{"slots": 2, "tables": 1, ` + people + `, "meetings": [{"id": "m", "participants": ["a"]}]}`, "at least two participants"},
		"same person twice":      {`{"slots": 2, "tables": 1, ` + people + `, "meetings": [{"id": "m", "participants": ["a", "a"]}]}`, "listed twice"},
		"allowed slot too big":   {`{"slots": 2, "tables": 1, ` + people + `, "meetings": [{"id": "m", "participants": ["a", "b"], "allowed_slots": [2]}]}`, "allowed slot 2 is outside 0..1"},
		"unavailable negative":   {`{"slots": 2, "tables": 1, "participants": [{"id": "a", "unavailable": [-1]}]}`, "unavailable slot -1"},
		"negative tables":        {`{"slots": 2, "tables": -1}`, "tables must not be negative"},
		"negative table in list": {`{"slots": 2, "tables": [1, -2]}`, "tables for slot 1 must not be negative"},
		"tables list length":     {`{"slots": 3, "tables": [1, 2]}`, "tables has 2 entries but there are 3 slots"},
		"tables not numbers":     {`{"slots": 3, "tables": "many"}`, "tables: want a number"},
		"no slots":               {`{"slots": 0, "tables": 1}`, "slots must be at least 1"},
		"negative cap":           {`{"slots": 2, "tables": 1, "participants": [{"id": "a", "max_meetings": -1}]}`, "max_meetings must not be negative"},
		"negative time limit":    {`{"slots": 2, "tables": 1, "time_limit_ms": -5}`, "time_limit_ms must not be negative"},
		"locked out of range":    {`{"slots": 2, "tables": 1, ` + people + `, "meetings": [{"id": "m", "participants": ["a", "b"], "locked": {"slot": 5}}]}`, "locked slot 5 is outside"},
		"locked outside allowed": {`{"slots": 2, "tables": 1, ` + people + `, "meetings": [{"id": "m", "participants": ["a", "b"], "allowed_slots": [0], "locked": {"slot": 1}}]}`, "does not allow"},
		"locked while away":      {`{"slots": 2, "tables": 1, "participants": [{"id": "a", "unavailable": [1]}, {"id": "b"}], "meetings": [{"id": "m", "participants": ["a", "b"], "locked": {"slot": 1}}]}`, `participant "a" is unavailable`},
		"locked to no table":     {`{"slots": 2, "tables": 1, ` + people + `, "meetings": [{"id": "m", "participants": ["a", "b"], "locked": {"slot": 1, "table": 2}}]}`, "locked to table 2"},
		"locked table twice": {`{"slots": 2, "tables": 2, "participants": [{"id": "a"}, {"id": "b"}, {"id": "c"}, {"id": "d"}], "meetings": [
			{"id": "m1", "participants": ["a", "b"], "locked": {"slot": 0, "table": 1}}, {"id": "m2", "participants": ["c", "d"], "locked": {"slot": 0, "table": 1}}]}`, "both locked to table 1"},
		"locked person twice": {`{"slots": 2, "tables": 2, "participants": [{"id": "a"}, {"id": "b"}, {"id": "c"}], "meetings": [
			{"id": "m1", "participants": ["a", "b"], "locked": {"slot": 0}}, {"id": "m2", "participants": ["a", "c"], "locked": {"slot": 0}}]}`, `share participant "a"`},
		"locked over tables": {`{"slots": 2, "tables": 1, "participants": [{"id": "a"}, {"id": "b"}, {"id": "c"}, {"id": "d"}], "meetings": [
			{"id": "m1", "participants": ["a", "b"], "locked": {"slot": 0}}, {"id": "m2", "participants": ["c", "d"], "locked": {"slot": 0}}]}`, "than it has tables"},
		"fixed table shared":   {`{"slots": 2, "tables": 2, "participants": [{"id": "a", "fixed_table": 1}, {"id": "b", "fixed_table": 1}]}`, `"a" and "b" both have fixed_table 1`},
		"fixed table too big":  {`{"slots": 2, "tables": [3, 2], "participants": [{"id": "a", "fixed_table": 3}]}`, "slot 1 has only 2 tables"},
		"fixed table negative": {`{"slots": 2, "tables": 2, "participants": [{"id": "a", "fixed_table": -1}]}`, "fixed_table must be at least 1"},
		"lock off fixed table": {`{"slots": 2, "tables": 2, "participants": [{"id": "a"}, {"id": "b", "fixed_table": 2}], "meetings": [
			{"id": "m", "participants": ["a", "b"], "locked": {"slot": 0, "table": 1}}]}`, `participant "b" meets at its fixed table 2`},
		"lock on fixed table": {`{"slots": 2, "tables": 2, "participants": [{"id": "a"}, {"id": "b"}, {"id": "c", "fixed_table": 2}], "meetings": [
			{"id": "m", "participants": ["a", "b"], "locked": {"slot": 0, "table": 2}}]}`, `the fixed table of participant "c"`},
		"locks over pool": {`{"slots": 1, "tables": 2, "participants": [{"id": "a"}, {"id": "b"}, {"id": "c"}, {"id": "d"}, {"id": "e", "fixed_table": 1}], "meetings": [
			{"id": "m1", "participants": ["a", "b"], "locked": {"slot": 0}}, {"id": "m2", "participants": ["c", "d"], "locked": {"slot": 0}}]}`, "than it has tables"},
		"sessions overlap":     {`{"slots": 6, "tables": 1, "sessions": [{"first_slot": 0, "slots": 3}, {"first_slot": 2, "slots": 2, "max_meetings": 1}]}`, "sessions 1 and 2 overlap in slot 2"},
		"session out of range": {`{"slots": 6, "tables": 1, "sessions": [{"first_slot": 4, "slots": 3, "max_meetings": 1}]}`, "session 1: slots 4..6 are outside 0..5"},
		"session empty":        {`{"slots": 6, "tables": 1, "sessions": [{"first_slot": 0, "slots": 0}]}`, "session 1: slots must be at least 1"},
		"session negative cap": {`{"slots": 6, "tables": 1, "sessions": [{"first_slot": 0, "slots": 2, "max_meetings": -1}]}`, "session 1: max_meetings must not be negative"},
		"locked over session cap": {`{"slots": 2, "tables": 1, "participants": [{"id": "a"}, {"id": "b"}], "sessions": [{"first_slot": 0, "slots": 2, "max_meetings": 1}], "meetings": [
			{"id": "m1", "participants": ["a", "b"], "locked": {"slot": 0}}, {"id": "m2", "participants": ["a", "b"], "locked": {"slot": 1}}]}`, "more locked meetings in the session of slot 1"},
		"locked over cap": {`{"slots": 2, "tables": 1, "participants": [{"id": "a", "max_meetings": 1}, {"id": "b"}], "meetings": [
			{"id": "m1", "participants": ["a", "b"], "locked": {"slot": 0}}, {"id": "m2", "participants": ["a", "b"], "locked": {"slot": 1}}]}`, "more locked meetings than its max_meetings"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			var out bytes.Buffer
			err := b2bSolve(strings.NewReader(c.input), &out)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("want an error containing %q, got %v", c.want, err)
			}
			if out.Len() != 0 {
				t.Fatalf("nothing may reach stdout on error, got %q", out.String())
			}
		})
	}
}

func TestB2BNeedsSolve(t *testing.T) {
	if err := b2b([]string{"plan"}, strings.NewReader("{}"), &bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), `want "b2b solve"`) {
		t.Fatalf("got %v", err)
	}
}

// Degenerate but valid instances must give a valid, empty or partial schedule, not a panic.
func TestB2BSolveEdgeInstances(t *testing.T) {
	for _, input := range []string{
		`{"slots": 1, "tables": 0}`,
		`{"slots": 2, "tables": [0, 0], "participants": [{"id": "a"}, {"id": "b"}], "meetings": [{"id": "m", "participants": ["a", "b"]}]}`,
		`{"slots": 2, "tables": 5, "participants": [{"id": "a", "unavailable": [0, 1]}, {"id": "b"}], "meetings": [{"id": "m", "participants": ["a", "b"]}]}`,
		`{"slots": 3, "tables": [0, 1, 0], "participants": [{"id": "a"}, {"id": "b"}, {"id": "c"}], "meetings": [
		  {"id": "m1", "participants": ["a", "b"]}, {"id": "m2", "participants": ["b", "c"]}, {"id": "m3", "participants": ["a", "b", "c"], "priority": 9}]}`,
	} {
		var out bytes.Buffer
		if err := b2bSolve(strings.NewReader(input), &out); err != nil {
			t.Fatalf("%s: %v", input, err)
		}
		var sc schedule.Schedule
		if err := json.Unmarshal(out.Bytes(), &sc); err != nil {
			t.Fatal(err)
		}
		in, _ := schedule.Decode(strings.NewReader(input))
		if err := schedule.Validate(in, &sc); err != nil {
			t.Fatalf("%s: %v", input, err)
		}
		if sc.UpperBound > 1 {
			t.Fatalf("%s: bound %d, but at most one meeting fits", input, sc.UpperBound)
		}
	}
}
