package student

import (
	"strings"

	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/student/match"
)

// MentoringReason turns a pair's reasons into one line in lang, e.g. "Aynı üniversite (Ege
// Üniversitesi) · Ortak dil: Azerbaycanca · 2 ortak ilgi". Languages and topics are codes
// and are named through the catalog; universities and fields are shown as written.
func MentoringReason(cat *i18n.Catalog, lang string, reasons []match.Reason) string {
	var parts []string
	for _, r := range reasons {
		switch r.Code {
		case match.SameUniversity, match.SameField:
			parts = append(parts, cat.T(lang, "student.mentoring.reason."+string(r.Code), strings.Join(r.Values, ", ")))
		case match.Languages:
			parts = append(parts, cat.T(lang, "student.mentoring.reason.languages", labels(cat, lang, "student.mentoring.lang.", r.Values)))
		case match.Topics:
			parts = append(parts, cat.T(lang, "student.mentoring.reason.topics", labels(cat, lang, "student.mentoring.topic.", r.Values)))
		case match.Interests, match.FreePlaces:
			parts = append(parts, cat.T(lang, "student.mentoring.reason."+string(r.Code), r.Count))
		}
	}
	return strings.Join(parts, " · ")
}

func labels(cat *i18n.Catalog, lang, prefix string, codes []string) string {
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = cat.T(lang, prefix+c)
	}
	return strings.Join(out, ", ")
}
