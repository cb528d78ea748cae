package project

import (
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Forms with repeated rows (questions, criteria, budget lines, …) work without JavaScript:
// each row is a set of same-named inputs, and a few empty rows wait at the end for more.
// Empty rows are dropped before anything else, so the rows a page shows again and the row
// numbers of the service's errors ("budget_2") are the same.

// blankRepeats is how many empty rows a form offers for new entries.
const blankRepeats = 2

// callOption is one entry of a select.
type callOption struct{ Value, Label string }

// callCheck is one checkbox.
type callCheck struct {
	Value, Label string
	Checked      bool
}

// repeatRow is one row of a repeated group as typed.
type repeatRow struct {
	Index int
	V     map[string]string
}

// repeatRows reads the non-empty rows of a group whose inputs are named names; a row is
// empty when every one of typed (the fields a person types into) is.
func repeatRows(values url.Values, names, typed []string) []repeatRow {
	n := 0
	for _, name := range names {
		n = max(n, len(values[name]))
	}
	rows := []repeatRow{}
	for i := range n {
		r := repeatRow{Index: len(rows), V: map[string]string{}}
		blank := true
		for _, name := range names {
			if vs := values[name]; i < len(vs) {
				r.V[name] = strings.TrimSpace(vs[i])
			}
		}
		for _, name := range typed {
			blank = blank && r.V[name] == ""
		}
		if !blank {
			rows = append(rows, r)
		}
	}
	return rows
}

// withBlankRepeats is rows and extraRows empty ones after them, numbered on.
func withBlankRepeats(rows []repeatRow) []repeatRow {
	out := append([]repeatRow{}, rows...)
	for range blankRepeats {
		out = append(out, repeatRow{Index: len(out), V: map[string]string{}})
	}
	return out
}

// setRepeats writes rows back into values as the form's same-named inputs.
func setRepeats(values url.Values, names []string, rows []repeatRow) {
	for _, name := range names {
		values.Del(name)
		for _, r := range rows {
			values.Add(name, r.V[name])
		}
	}
}

// repeatText reads a three-language text of a row from inputs prefix_tr, prefix_az, prefix_en.
func repeatText(r repeatRow, prefix string) i18n.Text {
	var t i18n.Text
	for _, l := range i18n.Supported {
		t.Set(l, r.V[prefix+"_"+l])
	}
	return t
}

// localTimeInput is how datetime-local inputs write a moment.
const localTimeInput = "2006-01-02T15:04"

// formLocalTime reads a datetime-local field typed in İzmir time; zero when empty or malformed
// (the service reports it as required).
func formLocalTime(f *web.Form, field string) time.Time {
	t, err := time.ParseInLocation(localTimeInput, f.Get(field), web.HomeZone)
	if err != nil {
		if f.Get(field) != "" {
			f.Fail(field, "project.call.error.datetime")
		}
		return time.Time{}
	}
	return t.UTC()
}

// formWhole reads a whole number field of a row, reporting a malformed one on field.
func formWhole(f *web.Form, s, field, key string) int {
	n, err := strconv.Atoi(s)
	if err != nil && s != "" {
		f.Fail(field, key)
	}
	return n
}

func localTimeText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(web.HomeZone).Format(localTimeInput)
}
