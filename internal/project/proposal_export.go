package project

import (
	"github.com/kopru-platform/kopru/internal/platform/sheet"
	"net/http"
	"strconv"
	"strings"

	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Coordinators' exports of proposals: one row per proposal (drafts left out) with its
// budget totals per currency, as CSV for Excel, XLSX and JSON.

// proposalTable is the export's header row and rows, in lang.
func (h *Handlers) proposalTable(w http.ResponseWriter, r *http.Request) ([]ListedProposal, [][]string, bool) {
	ctx, v, l := r.Context(), web.ViewerOf(r.Context()), lang(r)
	list, err := h.svc.AllProposals(ctx, v)
	var calls []Call
	if err == nil {
		calls, err = h.svc.Calls(ctx, v, true)
	}
	ids := []int64{}
	for _, p := range list {
		ids = append(ids, p.OrganisationID)
	}
	var orgs map[int64]Organisation
	if err == nil {
		orgs, err = h.svc.dir.Organisations(ctx, ids)
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return nil, nil, false
	}
	callTitle := map[int64]string{}
	for _, c := range calls {
		callTitle[c.ID] = c.Title.In(l)
	}
	t := func(key string) string { return h.rd.T(r, key) }
	head := []string{t("project.proposal.export.id"), t("project.proposal.field.title"), t("project.proposal.export.organisation"),
		t("project.proposal.export.call"), t("project.proposal.filter.status"), t("project.proposal.field.themes"),
		t("project.proposal.export.submitted_at"), t("project.proposal.export.answer")}
	for _, cur := range Currencies {
		head = append(head, t("project.proposal.field.amount")+" "+cur, t("project.proposal.field.requested")+" "+cur,
			t("project.proposal.field.cofunding")+" "+cur)
	}
	table := [][]string{head}
	for _, p := range list {
		table = append(table, h.exportRow(r, &p, orgs[p.OrganisationID].Name, callTitle[p.CallID]))
	}
	return list, table, true
}

func (h *Handlers) exportRow(r *http.Request, p *ListedProposal, org, call string) []string {
	l := lang(r)
	themes := make([]string, len(p.Themes))
	for i, th := range p.Themes {
		themes[i] = h.rd.T(r, "project.proposal.theme."+th)
	}
	submitted, answer := "", ""
	if p.SubmittedAt != nil {
		submitted = i18n.FormatDateTime(l, *p.SubmittedAt, web.HomeZone)
	}
	if p.Answer != nil {
		answer = h.rd.T(r, "project.proposal.outcome."+string(p.Answer.Outcome))
	}
	row := []string{strconv.FormatInt(p.ID, 10), p.Title.In(l), org, call, h.rd.T(r, "project.proposal.status."+string(p.Status)),
		strings.Join(themes, ", "), submitted, answer}
	totals := map[string]ProposalTotal{}
	for _, t := range p.Totals() {
		totals[t.Currency] = t
	}
	for _, cur := range Currencies {
		t := totals[cur]
		row = append(row, FormatMoney(l, t.Amount), FormatMoney(l, t.Requested), FormatMoney(l, t.Cofunding))
	}
	return row
}

// ProposalsCSV serves GET /admin/proposals.csv: UTF-8 with a byte-order mark (else Excel
// reads Windows-1254 and garbles ş, ğ, ı, ə) and ";" between cells (Excel set to Turkish or
// Azerbaijani uses "," as the decimal mark). Text a spreadsheet would run as a formula is
// defused with a leading apostrophe.
func (h *Handlers) ProposalsCSV(w http.ResponseWriter, r *http.Request) {
	_, table, ok := h.proposalTable(w, r)
	if !ok {
		return
	}
	cw := sheet.CSV(w, "proposals.csv")
	for i, row := range table {
		if i > 0 {
			for c := 1; c < 4; c++ { // title, organisation and call: text people typed
				row[c] = sheet.Cell(row[c])
			}
		}
		_ = cw.Write(row)
	}
	cw.Flush()
}

// ProposalsXLSX serves GET /admin/proposals.xlsx: the CSV's columns as a workbook, cells
// written as strings so nothing typed becomes a formula.
func (h *Handlers) ProposalsXLSX(w http.ResponseWriter, r *http.Request) {
	_, table, ok := h.proposalTable(w, r)
	if !ok {
		return
	}
	sheet.Download(w, "proposals.xlsx", sheet.XLSXType)
	if err := sheet.XLSXStrings(w, h.rd.T(r, "project.proposal.export.sheet"), table); err != nil {
		h.rd.Logger().Error("proposals xlsx", "err", err)
	}
}

// ProposalsJSON serves GET /admin/proposals.json: the proposals as the API writes them.
func (h *Handlers) ProposalsJSON(w http.ResponseWriter, r *http.Request) {
	list, _, ok := h.proposalTable(w, r)
	if !ok {
		return
	}
	out := make([]apiProposal, len(list))
	for i := range list {
		out[i] = apiProposalOf(&list[i].Proposal, list[i].Answer)
	}
	w.Header().Set("Content-Disposition", `attachment; filename="proposals.json"`)
	w.Header().Set("Cache-Control", "private, no-store")
	web.WriteJSON(w, http.StatusOK, out)
}
