package schedule

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// Instance is the problem as the JSON contract spells it.
type Instance struct {
	Slots        int           `json:"slots"`
	Tables       Tables        `json:"tables"`
	Participants []Participant `json:"participants"`
	Meetings     []Meeting     `json:"meetings"`
	Sessions     []Session     `json:"sessions,omitempty"`
	TimeLimitMS  int           `json:"time_limit_ms,omitempty"`
}

// Session is a run of consecutive slots in which every participant meets at most
// MaxMeetings times (0: no cap), so that nobody spends a whole morning at the table.
type Session struct {
	FirstSlot   int `json:"first_slot"`
	Slots       int `json:"slots"`
	MaxMeetings int `json:"max_meetings,omitempty"`
}

// Participant is one company or person; Unavailable lists slots it cannot meet in and
// MaxMeetings caps its meetings (0 or absent: no cap). FixedTable (from 1; 0: none) is
// the table an exhibitor keeps all day: its meetings always sit there, and no other
// meeting is ever given that table number.
type Participant struct {
	ID          string `json:"id"`
	Unavailable []int  `json:"unavailable,omitempty"`
	MaxMeetings int    `json:"max_meetings,omitempty"`
	FixedTable  int    `json:"fixed_table,omitempty"`
}

// Meeting is one requested meeting. AllowedSlots empty means every slot.
type Meeting struct {
	ID           string   `json:"id"`
	Participants []string `json:"participants"`
	AllowedSlots []int    `json:"allowed_slots,omitempty"`
	Priority     int      `json:"priority,omitempty"`
	Locked       *Lock    `json:"locked,omitempty"`
}

// Lock pins a meeting to a slot and, when Table is not zero, to a table.
type Lock struct {
	Slot  int `json:"slot"`
	Table int `json:"table,omitempty"`
}

// Tables holds the number of tables per slot. In JSON it is either one number for every
// slot or an array with one number per slot; Per is filled after Compile checks it.
type Tables struct {
	All    int   // the single number, when the JSON gave one
	PerRaw []int // the array, when the JSON gave one
	isList bool
}

// UniformTables is a Tables value with n tables in every slot.
func UniformTables(n int) Tables { return Tables{All: n} }

// TablesPerSlot is a Tables value with one count per slot.
func TablesPerSlot(n []int) Tables { return Tables{PerRaw: n, isList: true} }

// UnmarshalJSON accepts a number or an array of numbers.
func (t *Tables) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '[' {
		t.isList = true
		if err := json.Unmarshal(b, &t.PerRaw); err != nil {
			return errors.New("tables: want a number or an array of whole numbers")
		}
		return nil
	}
	if err := json.Unmarshal(b, &t.All); err != nil {
		return errors.New("tables: want a number or an array of whole numbers")
	}
	return nil
}

// MarshalJSON writes the form the value was given in.
func (t Tables) MarshalJSON() ([]byte, error) {
	if t.isList {
		return json.Marshal(t.PerRaw)
	}
	return json.Marshal(t.All)
}

// Schedule is the answer as the JSON contract spells it.
type Schedule struct {
	Scheduled   []Placement `json:"scheduled"`
	Unscheduled []string    `json:"unscheduled"`
	UpperBound  int         `json:"upper_bound"`
	Stats       Stats       `json:"stats"`
	Reasons     []Reason    `json:"reasons,omitempty"` // why each unscheduled meeting is; see Explain
}

// Placement puts one meeting into a slot at a table (from 1).
type Placement struct {
	Meeting string `json:"meeting"`
	Slot    int    `json:"slot"`
	Table   int    `json:"table"`
}

// Stats reports how the run went; only ElapsedMS is part of the contract.
type Stats struct {
	ElapsedMS  int64 `json:"elapsed_ms"`
	Iterations int   `json:"iterations"`
	Priority   int   `json:"priority"`
}

// Decode reads one instance from r, refusing unknown fields and trailing data so that a
// misspelt field is an error rather than a silently ignored setting.
func Decode(r io.Reader) (*Instance, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var in Instance
	if err := dec.Decode(&in); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, errors.New("empty input: want an instance as JSON")
		}
		return nil, fmt.Errorf("not a valid instance: %w", err)
	}
	if dec.More() {
		return nil, errors.New("not a valid instance: data after the JSON object")
	}
	return &in, nil
}
