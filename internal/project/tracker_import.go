package project

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"io"
	"slices"
	"strings"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Importing progress updates from a spreadsheet: every row is checked first, and only a
// file without a single bad row is applied, in one transaction. Half an import would leave
// coordinators guessing which rows went in.

// ImportColumns is the header an import file must have, in this order.
var ImportColumns = []string{"slug", "date", "progress", "text_tr", "text_az", "text_en"}

// maxImportRows bounds one file: a year of weekly updates for a few hundred projects.
const maxImportRows = 5000

// RowError is a rejected row: its line in the file and why, as a catalog key per field.
type RowError struct {
	Line   int
	Fields fail.Fields
}

// ImportResult is what an import did: the number of updates posted, or the rejected rows.
type ImportResult struct {
	Applied  int
	Rejected []RowError
}

type importRow struct {
	line      int
	projectID int64
	in        UpdateInput
}

// ImportUpdates reads a CSV (";" or "," separated, with or without a byte-order mark) and
// posts its updates, or none of them. A file with the wrong columns is a field error.
func (t *Tracker) ImportUpdates(ctx context.Context, v *web.Viewer, data []byte) (*ImportResult, error) {
	if err := requireCoordinator(v); err != nil {
		return nil, err
	}
	records, err := readCSV(data)
	if err != nil {
		return nil, err
	}
	rows, rejected, err := t.checkRows(ctx, records)
	if err != nil || len(rejected) > 0 {
		return &ImportResult{Rejected: rejected}, err
	}
	err = t.db.InTx(ctx, func(tx *db.Tx) error {
		for _, r := range rows {
			if _, err := t.postUpdate(ctx, tx, v.ID, r.projectID, r.in); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &ImportResult{Applied: len(rows)}, nil
}

var errColumns = fail.Fields{"file": "project.tracker.import.error.columns"}

func readCSV(data []byte) ([][]string, error) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	first, _, _ := bytes.Cut(data, []byte("\n"))
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = ';'
	if !bytes.Contains(first, []byte(";")) {
		cr.Comma = ','
	}
	cr.FieldsPerRecord = len(ImportColumns)
	head, err := cr.Read()
	if err != nil {
		return nil, errColumns
	}
	for i := range head {
		head[i] = strings.ToLower(strings.TrimSpace(head[i]))
	}
	if !slices.Equal(head, ImportColumns) {
		return nil, errColumns
	}
	var out [][]string
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, errColumns // a row with another number of cells
		}
		if out = append(out, rec); len(out) > maxImportRows {
			return nil, fail.Fields{"file": "project.tracker.import.error.too_many"}
		}
	}
	if len(out) == 0 {
		return nil, fail.Fields{"file": "project.tracker.import.error.empty"}
	}
	return out, nil
}

// checkRows validates every row, finding the projects by slug with one query.
func (t *Tracker) checkRows(ctx context.Context, records [][]string) ([]importRow, []RowError, error) {
	ids, err := t.slugIDs(ctx, records)
	if err != nil {
		return nil, nil, err
	}
	var rows []importRow
	var rejected []RowError
	for i, rec := range records {
		r := importRow{line: i + 2, in: UpdateInput{PostedOn: strings.TrimSpace(rec[1])}}
		r.in.Body.TR, r.in.Body.AZ, r.in.Body.EN = rec[3], rec[4], rec[5]
		errs := fail.Fields{}
		if s := strings.TrimSpace(rec[2]); s != "" {
			if n, ok := atoi(s); ok {
				r.in.Progress = &n
			} else {
				errs["progress"] = "project.tracker.error.progress"
			}
		}
		for k, v := range r.in.validate() {
			errs[k] = cmpOr(errs[k], v)
		}
		var ok bool
		if r.projectID, ok = ids[strings.TrimSpace(rec[0])]; !ok {
			errs["slug"] = "project.tracker.import.error.project"
		}
		if len(errs) > 0 {
			rejected = append(rejected, RowError{Line: r.line, Fields: errs})
			continue
		}
		rows = append(rows, r)
	}
	return rows, rejected, nil
}

func (t *Tracker) slugIDs(ctx context.Context, records [][]string) (map[string]int64, error) {
	out := map[string]int64{}
	var slugs []any
	for _, rec := range records {
		if s := strings.TrimSpace(rec[0]); s != "" {
			slugs = append(slugs, s)
		}
	}
	if len(slugs) == 0 {
		return out, nil
	}
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(slugs)), ", ")
	rows, err := t.db.Query(ctx, `SELECT slug, id FROM projects WHERE slug IN (`+marks+`)`, slugs...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var s string
		var id int64
		if err := rows.Scan(&s, &id); err != nil {
			return nil, err
		}
		out[s] = id
	}
	return out, rows.Err()
}
