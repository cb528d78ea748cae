package project

import (
	"context"
	"fmt"
	"github.com/kopru-platform/kopru/internal/platform/sheet"
	"net/http"
	"slices"
	"strconv"

	"github.com/kopru-platform/kopru/internal/platform/web"
)

// The reviews as a sheet for coordinators: one row per reviewer of each proposal in the
// queue, with their score on every criterion and their own weighted total. Calls differ in
// criteria, so the columns are every criterion of the listed calls, each empty where it
// does not apply.

// SheetRow is one reviewer's review of one proposal.
type SheetRow struct {
	Item     QueueItem
	Reviewer Assignment
	Scores   map[int64]int // by criterion
	Weighted float64
	Scored   bool
}

// ReviewSheet returns the criteria (the columns) and the rows for coordinators.
func (s *Service) ReviewSheet(ctx context.Context, v *web.Viewer, f QueueFilter) ([]CallCriterion, []SheetRow, error) {
	if err := requireCoordinator(v); err != nil {
		return nil, nil, err
	}
	items, err := s.Queue(ctx, v, f)
	if err != nil {
		return nil, nil, err
	}
	var columns []CallCriterion
	var rows []SheetRow
	seen := map[int64]bool{}
	for _, it := range items {
		criteria, err := callCriteria(ctx, s.db, it.Proposal.CallID)
		if err != nil {
			return nil, nil, err
		}
		if !seen[it.Proposal.CallID] {
			seen[it.Proposal.CallID] = true
			columns = append(columns, criteria...)
		}
		scores, err := reviewScores(ctx, s.db, it.Proposal.ID)
		if err != nil {
			return nil, nil, err
		}
		for _, a := range it.Reviewers {
			rows = append(rows, sheetRow(it, a, criteria, scores))
		}
	}
	return columns, rows, nil
}

func sheetRow(it QueueItem, a Assignment, criteria []CallCriterion, scores []Score) SheetRow {
	mine := slices.DeleteFunc(slices.Clone(scores), func(sc Score) bool { return sc.UserID != a.UserID })
	row := SheetRow{Item: it, Reviewer: a, Scores: map[int64]int{}, Scored: len(mine) > 0}
	for _, sc := range mine {
		row.Scores[sc.CriterionID] = sc.Score
	}
	_, row.Weighted = weighScores(criteria, mine, a.UserID)
	return row
}

// sheet is the export's table: a header and rows of strings, ints and floats.
func (h *Handlers) sheet(r *http.Request) ([]string, [][]any, error) {
	f := queueFilterOf(r)
	columns, rows, err := h.svc.ReviewSheet(r.Context(), web.ViewerOf(r.Context()), f)
	if err != nil {
		return nil, nil, err
	}
	l, t := lang(r), func(key string, args ...any) string { return h.rd.T(r, key, args...) }
	head := []string{t("project.review.export.proposal"), t("project.review.export.title"), t("project.review.export.status"),
		t("project.review.export.reviewer"), t("project.review.export.side")}
	for _, c := range columns {
		head = append(head, t("project.review.export.criterion", c.Name.In(l), c.Weight))
	}
	head = append(head, t("project.review.export.weighted"), t("project.review.export.decision"))
	out := make([][]any, 0, len(rows))
	for _, row := range rows {
		p := row.Item.Proposal
		cells := []any{p.ID, p.Title.In(l), t("project.review.status." + string(p.Status)), row.Reviewer.Name, t("project.review.side." + string(row.Reviewer.Side))}
		for _, c := range columns {
			if sc, ok := row.Scores[c.ID]; ok {
				cells = append(cells, sc)
			} else {
				cells = append(cells, "")
			}
		}
		cells = append(cells, "")
		if row.Scored {
			cells[len(cells)-1] = row.Weighted
		}
		decision := ""
		if d, ok := row.Item.Decisions[row.Reviewer.Side]; ok {
			decision = t("project.review.outcome." + string(d.Outcome))
		}
		out = append(out, append(cells, decision))
	}
	return head, out, nil
}

// ReviewsCSV serves GET /admin/reviews.csv: UTF-8 with a byte-order mark and semicolons, as
// Excel set to Turkish or Azerbaijani reads it; decimals with the language's mark.
func (h *Handlers) ReviewsCSV(w http.ResponseWriter, r *http.Request) {
	head, rows, err := h.sheet(r)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	cw := sheet.CSV(w, "reviews.csv")
	_ = cw.Write(head)
	for _, row := range rows {
		cells := make([]string, len(row))
		for i, v := range row {
			cells[i] = csvCell(lang(r), v)
		}
		_ = cw.Write(cells)
	}
	cw.Flush()
}

func csvCell(l string, v any) string {
	if f, ok := v.(float64); ok {
		s := strconv.FormatFloat(f, 'f', 2, 64)
		if l != "en" {
			s = s[:len(s)-3] + "," + s[len(s)-2:]
		}
		return s
	}
	return fmt.Sprint(v)
}

// ReviewsXLSX serves GET /admin/reviews.xlsx: the same table with numbers as numbers.
func (h *Handlers) ReviewsXLSX(w http.ResponseWriter, r *http.Request) {
	head, rows, err := h.sheet(r)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	sheet.Download(w, "reviews.xlsx", sheet.XLSXType)
	if err := sheet.XLSX(w, h.rd.T(r, "project.review.export.sheet"), head, rows); err != nil {
		h.rd.Logger().Error("project reviews xlsx", "err", err)
	}
}

// apiReviewRow is one reviewer's review of one proposal in the JSON export: codes rather
// than words, scores by criterion id.
type apiReviewRow struct {
	ProposalID int64          `json:"proposal_id"`
	Status     ProposalStatus `json:"status"`
	ReviewerID int64          `json:"reviewer_id"`
	Reviewer   string         `json:"reviewer"`
	Side       Side           `json:"side"`
	Scores     map[int64]int  `json:"scores"`
	Weighted   *float64       `json:"weighted"` // null until the reviewer scores
	Decision   Outcome        `json:"decision,omitempty"`
}

// ReviewsJSON serves GET /admin/reviews.json: the export's rows for scripts.
func (h *Handlers) ReviewsJSON(w http.ResponseWriter, r *http.Request) {
	_, rows, err := h.svc.ReviewSheet(r.Context(), web.ViewerOf(r.Context()), queueFilterOf(r))
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	out := make([]apiReviewRow, 0, len(rows))
	for _, row := range rows {
		p := row.Item.Proposal
		item := apiReviewRow{ProposalID: p.ID, Status: p.Status, ReviewerID: row.Reviewer.UserID, Reviewer: row.Reviewer.Name,
			Side: row.Reviewer.Side, Scores: row.Scores}
		if row.Scored {
			item.Weighted = &row.Weighted
		}
		if d, ok := row.Item.Decisions[row.Reviewer.Side]; ok {
			item.Decision = d.Outcome
		}
		out = append(out, item)
	}
	sheet.Download(w, "reviews.json", "application/json")
	web.WriteJSON(w, http.StatusOK, out)
}
