package recommend

import (
	"slices"
	"strings"

	"github.com/kopru-platform/kopru/internal/platform/i18n"
)

// Reason is one factor of a suggestion as a catalog message: Key is a
// b2b.why.* key and Args fill its %s placeholders in order.
type Reason struct {
	Key  string
	Args []Arg
}

// Arg is a message argument: either a catalog key (a language's name) or a
// text shown in the reader's language, falling back like any i18n.Text.
type Arg struct {
	Key  string
	Text i18n.Text
}

// maxReasons is how many factors a suggestion names: one line has room for two.
const maxReasons = 2

var reasonKeys = [numKinds]string{
	offerMatches:    "b2b.why.offer_matches_request",
	requestMatches:  "b2b.why.request_matches_offer",
	sameDivision:    "b2b.why.same_sector",
	supplyChain:     "b2b.why.supply_chain",
	sameSection:     "b2b.why.related_sector",
	crossCity:       "b2b.why.cross_city",
	crossCountry:    "b2b.why.cross_country",
	sharedLanguage:  "b2b.why.shared_language",
	kindredLanguage: "b2b.why.kindred_language",
}

// languageNames are the languages with a catalog name; others show their code.
var languageNames = []string{"tr", "az", "en", "ru", "de", "fr"}

// factors is a score taken apart: what each factor adds, and the multiplier.
type factors struct {
	add    [numKinds]float64
	mult   float64
	sector sectorLink
}

func (f factors) total() float64 {
	var sum float64
	for _, v := range f.add {
		sum += v
	}
	return sum * f.mult
}

func (x *Index) factors(a, b int32, c *candidate) factors {
	me, them := &x.parts[a], &x.parts[b]
	f := factors{mult: 1}
	f.add[offerMatches] = c.demand * weights.text
	f.add[requestMatches] = c.supply * weights.text
	f.sector = linkSectors(me.sectors, them.sectors)
	if f.sector.kind != none {
		f.add[f.sector.kind] = weights.sector[f.sector.kind]
	}
	switch {
	case me.city != otherCity && them.city != otherCity && me.city != them.city:
		f.add[crossCity] = weights.crossCity
	case me.country != them.country && isPartnerCountry(me.country) && isPartnerCountry(them.country):
		f.add[crossCountry] = weights.crossCountry
	}
	switch {
	case me.langMask&them.langMask != 0:
		f.add[sharedLanguage] = weights.sharedLanguage
	case x.kindred(me, them):
		f.add[kindredLanguage] = weights.kindredLanguage
	default:
		f.mult = weights.noLanguage
	}
	return f
}

func isPartnerCountry(c string) bool { return c == "TR" || c == "AZ" }

// sharedLang picks the language the two share, preferring the order of the
// first participant's list (people list their best language first).
func (x *Index) sharedLang(me, them *part) string {
	for _, l := range me.langs {
		if them.langMask&x.langBits[l] != 0 {
			return l
		}
	}
	return ""
}

func languageArg(code string) Arg {
	if slices.Contains(languageNames, code) {
		return Arg{Key: "b2b.why.lang." + code}
	}
	return plain(strings.ToUpper(code))
}

// kindred: Turkish and Azerbaijani speakers understand each other well
// enough for a business talk, the catalogs' fallback order relies on the same.
func (x *Index) kindred(me, them *part) bool {
	tr, az := x.trBit, x.azBit
	return me.langMask&tr != 0 && them.langMask&az != 0 || me.langMask&az != 0 && them.langMask&tr != 0
}

// explain names the strongest factors, largest contribution first (ties in
// the order of reasonKind, which puts text before the bonuses).
func (x *Index) explain(a, b int32, c *candidate, f factors) []Reason {
	kinds := make([]reasonKind, 0, numKinds)
	for k := offerMatches; k < numKinds; k++ {
		if f.add[k] > 0 {
			kinds = append(kinds, k)
		}
	}
	slices.SortStableFunc(kinds, func(p, q reasonKind) int {
		switch {
		case f.add[p] > f.add[q]:
			return -1
		case f.add[p] < f.add[q]:
			return 1
		}
		return 0
	})
	var out []Reason
	for _, k := range kinds[:min(len(kinds), maxReasons)] {
		out = append(out, Reason{Key: reasonKeys[k], Args: x.args(k, a, b, c, f)})
	}
	return out
}

func (x *Index) args(k reasonKind, a, b int32, c *candidate, f factors) []Arg {
	switch k {
	case offerMatches:
		return x.matchArgs(c.dTheirs, c.dMine)
	case requestMatches:
		return x.matchArgs(c.sTheirs, c.sMine)
	case sameDivision, sameSection:
		return []Arg{plain(f.sector.b.code())}
	case supplyChain:
		return []Arg{plain(f.sector.b.code()), plain(f.sector.a.code())}
	case crossCity, crossCountry:
		return []Arg{plain(x.parts[b].City)}
	case sharedLanguage:
		return []Arg{languageArg(x.sharedLang(&x.parts[a], &x.parts[b]))}
	}
	return nil
}

// matchArgs are the other side's opportunity title and the word the two
// texts share that weighs most, in the form the other side wrote it. The
// word is picked per language among those written in that language, so a
// Turkish reader sees "zeytinyağı" rather than "olive" when both are shared;
// a language with no shared word of its own falls back like the title does.
func (x *Index) matchArgs(theirs, mine int32) []Arg {
	t, m := &x.docs[theirs], &x.docs[mine]
	var best [3]float32 // per i18n.Supported
	var word i18n.Text
	i, j := 0, 0
	for i < len(t.terms) && j < len(m.terms) {
		switch {
		case t.terms[i].id < m.terms[j].id:
			i++
		case t.terms[i].id > m.terms[j].id:
			j++
		default:
			w, s := t.terms[i].w*m.terms[j].w, t.surfaces[i]
			for l, lang := range i18n.Supported {
				if s.Get(lang) != "" && w > best[l] {
					best[l] = w
					word.Set(lang, s.Get(lang))
				}
			}
			i++
			j++
		}
	}
	return []Arg{{Text: t.title}, {Text: word}}
}

func plain(s string) Arg { return Arg{Text: i18n.Text{TR: s, AZ: s, EN: s}} }

// Render formats the reason in lang through the catalog.
func (r Reason) Render(cat *i18n.Catalog, lang string) string {
	args := make([]any, len(r.Args))
	for i, a := range r.Args {
		if a.Key != "" {
			args[i] = cat.T(lang, a.Key)
		} else {
			args[i] = a.Text.In(lang)
		}
	}
	return cat.T(lang, r.Key, args...)
}

// Line renders a suggestion's reasons as the one line shown under it.
func (s Suggestion) Line(cat *i18n.Catalog, lang string) string {
	parts := make([]string, len(s.Why))
	for i, r := range s.Why {
		parts[i] = r.Render(cat, lang)
	}
	return strings.Join(parts, " · ")
}
