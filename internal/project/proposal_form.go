package project

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// The proposal form: one page with every part, rows for partners, activities, budget
// lines and indicators. Money and numbers are typed as people write them ("1.250,50");
// what cannot be read is reported on its row and kept as typed.

var (
	partnerFields   = []string{"partner_name", "partner_city", "partner_org"}
	partnerTyped    = partnerFields // a row with only an organisation picked counts
	activityFields  = []string{"activity_title", "activity_starts", "activity_ends"}
	budgetFields    = []string{"budget_label", "budget_currency", "budget_amount", "budget_requested", "budget_cofunding"}
	budgetTyped     = []string{"budget_label", "budget_amount", "budget_requested", "budget_cofunding"}
	indicatorFields = []string{"indicator_tr", "indicator_az", "indicator_en", "indicator_unit", "indicator_target"}
	indicatorTyped  = indicatorFields
)

// proposalFromForm reads the form. Unreadable amounts and numbers fail their row on f.
func proposalFromForm(f *web.Form, callID int64) ProposalInput {
	in := ProposalInput{CallID: callID, Themes: f.Values["themes"], TargetGroups: f.Values["target_groups"], Answers: map[int64]string{}}
	in.OrganisationID, _ = strconv.ParseInt(f.Get("organisation_id"), 10, 64)
	for _, l := range i18n.Supported {
		in.Title.Set(l, f.Get("title_"+l))
		in.Summary.Set(l, strings.TrimSpace(f.Values.Get("summary_"+l)))
	}
	for _, r := range repeatRows(f.Values, partnerFields, partnerTyped) {
		org, err := strconv.ParseInt(r.V["partner_org"], 10, 64) // picked from the platform's organisations
		if err != nil && r.V["partner_org"] != "" || org < 0 {
			f.Fail(repeatField("partner", r.Index), "project.proposal.error.partner_org")
		}
		in.Partners = append(in.Partners, ProposalPartner{Name: r.V["partner_name"], City: r.V["partner_city"], OrganisationID: org})
	}
	for _, r := range repeatRows(f.Values, activityFields, activityFields) {
		in.Activities = append(in.Activities, ProposalActivity{Title: r.V["activity_title"], StartsOn: r.V["activity_starts"], EndsOn: r.V["activity_ends"]})
	}
	for _, r := range repeatRows(f.Values, budgetFields, budgetTyped) {
		field := repeatField("budget", r.Index)
		in.Budget = append(in.Budget, ProposalBudgetLine{Label: r.V["budget_label"], Currency: r.V["budget_currency"],
			Amount: formAmount(f, r.V["budget_amount"], field), Requested: formAmount(f, r.V["budget_requested"], field),
			Cofunding: formAmount(f, r.V["budget_cofunding"], field)})
	}
	for _, r := range repeatRows(f.Values, indicatorFields, indicatorTyped) {
		target, ok := ParseAmount(r.V["indicator_target"])
		if !ok {
			f.Fail(repeatField("indicator", r.Index), numberError(r.V["indicator_target"]))
		}
		in.Indicators = append(in.Indicators, ProposalIndicator{Name: repeatText(r, "indicator"), Unit: r.V["indicator_unit"], Target: float64(target) / 100})
	}
	for k, vs := range f.Values {
		if id, err := strconv.ParseInt(strings.TrimPrefix(k, "answer_"), 10, 64); err == nil && strings.HasPrefix(k, "answer_") && len(vs) > 0 {
			in.Answers[id] = vs[0]
		}
	}
	return in
}

// formAmount reads a sum of money of a budget row; an empty one is zero.
func formAmount(f *web.Form, s, field string) int64 {
	if s == "" {
		return 0
	}
	minor, ok := ParseAmount(s)
	if !ok {
		f.Fail(field, numberError(s))
	}
	return minor
}

// numberError tells a negative number from one that is not a number at all.
func numberError(s string) string {
	if strings.HasPrefix(strings.TrimSpace(s), "-") {
		return "project.proposal.error.negative"
	}
	return "project.proposal.error.number"
}

// proposalValues is the form filled in with p, amounts written in lang's way.
func proposalValues(p *Proposal, lang string) url.Values {
	v := url.Values{"organisation_id": {strconv.FormatInt(p.OrganisationID, 10)}, "themes": p.Themes, "target_groups": p.TargetGroups}
	for _, l := range i18n.Supported {
		v.Set("title_"+l, p.Title.Get(l))
		v.Set("summary_"+l, p.Summary.Get(l))
	}
	for _, pa := range p.Partners {
		v.Add("partner_name", pa.Name)
		v.Add("partner_city", pa.City)
		v.Add("partner_org", "")
		if pa.OrganisationID != 0 {
			v["partner_org"][len(v["partner_org"])-1] = strconv.FormatInt(pa.OrganisationID, 10)
		}
	}
	for _, a := range p.Activities {
		v.Add("activity_title", a.Title)
		v.Add("activity_starts", a.StartsOn)
		v.Add("activity_ends", a.EndsOn)
	}
	for _, b := range p.Budget {
		v.Add("budget_label", b.Label)
		v.Add("budget_currency", b.Currency)
		v.Add("budget_amount", FormatMoney(lang, b.Amount))
		v.Add("budget_requested", FormatMoney(lang, b.Requested))
		v.Add("budget_cofunding", FormatMoney(lang, b.Cofunding))
	}
	for _, ind := range p.Indicators {
		for _, l := range i18n.Supported {
			v.Add("indicator_"+l, ind.Name.Get(l))
		}
		v.Add("indicator_unit", ind.Unit)
		decimals := 0
		if ind.Target != float64(int64(ind.Target)) {
			decimals = 2
		}
		v.Add("indicator_target", i18n.FormatNumber(lang, ind.Target, decimals))
	}
	for id, a := range p.Answers {
		v.Set("answer_"+strconv.FormatInt(id, 10), a)
	}
	return v
}
