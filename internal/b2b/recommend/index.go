package recommend

import (
	"math"
	"slices"
	"strings"

	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/text"
)

// Index holds everything Build derives from an Input: the participants, the
// opportunities as TF-IDF vectors, an inverted index from word to the offers
// and requests containing it, and participants by sector. Ranking one
// participant then touches only the opportunities that share a word with
// theirs and the participants in related sectors, not all the others.
// An Index is read-only after Build and safe for concurrent use.
type Index struct {
	parts      []part
	pos        map[string]int32
	docs       []doc
	ofKind     [2][]int32        // [kindIndex] → documents of that kind, ascending
	postings   [2][]postingList  // [kindIndex][term] → documents of that kind containing term
	byDivision [100][]int32      // NACE division → participants in it, ascending
	bySection  [26][]int32       // NACE section letter - 'A' → participants in it, ascending
	langBits   map[string]uint64 // language code → its bit in part.langMask
	trBit      uint64            // langBits["tr"] and ["az"], looked up once
	azBit      uint64
}

type part struct {
	Participant
	offers, requests []int32  // documents
	sectors          []sector // own and from own opportunities, deduplicated
	city             city
	country          string // upper-case ISO code
	langs            []string
	langMask         uint64  // a bit per language code, from Index.langBits
	exclude          []int32 // participants not to suggest
}

type doc struct {
	owner    int32
	kind     Kind
	category string
	title    i18n.Text
	targets  []string // upper-case ISO codes
	terms    []term   // ascending by id, weights of unit length
	surfaces []i18n.Text
}

type term struct {
	id int32
	w  float32
}

// postingList holds, side by side, positions in ofKind (not document
// numbers, so ranking can sum into a small dense array and scan it in
// order) and the term's weight in each.
type postingList struct {
	at []int32
	w  []float32
}

func kindIndex(k Kind) int {
	if k == Offer {
		return 0
	}
	return 1
}

// titleBoost counts a word in the title this many times: titles say what
// an opportunity is about, descriptions add detail.
const titleBoost = 2

// Build validates in and indexes it.
func Build(in Input) (*Index, error) {
	pos, err := validate(in)
	if err != nil {
		return nil, err
	}
	x := &Index{pos: pos, langBits: map[string]uint64{}}
	x.parts = make([]part, len(in.Participants))
	for i, p := range in.Participants {
		x.parts[i] = x.newPart(p)
	}
	x.trBit, x.azBit = x.langBits["tr"], x.langBits["az"]
	x.indexDocs(in.Opportunities)
	for i := range x.parts {
		x.parts[i].sectors = dedupSectors(x.parts[i].sectors)
		x.indexSectors(int32(i))
	}
	for _, pr := range in.Exclude {
		a, okA := pos[pr.A]
		b, okB := pos[pr.B]
		if okA && okB {
			x.parts[a].exclude = append(x.parts[a].exclude, b)
			x.parts[b].exclude = append(x.parts[b].exclude, a)
		}
	}
	return x, nil
}

// maxLanguages is how many distinct language codes get a bit; codes beyond
// the 64th (no forum has that many) never count as shared.
const maxLanguages = 64

func (x *Index) newPart(p Participant) part {
	pt := part{Participant: p, city: cityOf(p.City), country: countryOf(p.Country)}
	for _, l := range p.Languages {
		if l = strings.ToLower(strings.TrimSpace(l)); l != "" && !slices.Contains(pt.langs, l) {
			pt.langs = append(pt.langs, l)
			bit, ok := x.langBits[l]
			if !ok && len(x.langBits) < maxLanguages {
				bit = 1 << len(x.langBits)
				x.langBits[l] = bit
			}
			pt.langMask |= bit
		}
	}
	for _, c := range p.Sectors {
		if s, ok := parseSector(c); ok {
			pt.sectors = append(pt.sectors, s)
		}
	}
	return pt
}

// indexDocs turns opportunities into TF-IDF vectors and fills the postings.
func (x *Index) indexDocs(opps []Opportunity) {
	vocab := map[string]int32{}
	type bag struct {
		tf      map[int32]float64
		surface map[int32]i18n.Text
	}
	bags := make([]bag, len(opps))
	df := []int{}
	x.docs = make([]doc, len(opps))
	for i, o := range opps {
		owner := x.pos[o.Owner]
		b := bag{tf: map[int32]float64{}, surface: map[int32]i18n.Text{}}
		for _, lang := range i18n.Supported {
			add := func(boost float64) func(word) {
				return func(w word) {
					id, ok := vocab[w.stem]
					if !ok {
						id = int32(len(vocab))
						vocab[w.stem] = id
						df = append(df, 0)
					}
					if _, seen := b.tf[id]; !seen {
						df[id]++
					}
					b.tf[id] += boost
					if s := b.surface[id]; s.Get(lang) == "" {
						s.Set(lang, w.surface)
						b.surface[id] = s
					}
				}
			}
			tokenize(o.Title.Get(lang), add(titleBoost))
			tokenize(o.Description.Get(lang), add(1))
		}
		bags[i] = b
		x.docs[i] = doc{owner: owner, kind: o.Kind, category: strings.ToLower(o.Category), title: o.Title.Trimmed()}
		for _, c := range o.TargetCountries {
			x.docs[i].targets = append(x.docs[i].targets, countryOf(c))
		}
		p := &x.parts[owner]
		if o.Kind == Offer {
			p.offers = append(p.offers, int32(i))
		} else {
			p.requests = append(p.requests, int32(i))
		}
		for _, c := range o.Sectors {
			if s, ok := parseSector(c); ok {
				p.sectors = append(p.sectors, s)
			}
		}
	}
	n := float64(len(opps))
	for k := range x.postings {
		x.postings[k] = make([]postingList, len(vocab))
	}
	for i, b := range bags {
		d := &x.docs[i]
		var norm float64
		for id, tf := range b.tf {
			w := (1 + math.Log(tf)) * math.Log(1+n/float64(df[id]))
			d.terms = append(d.terms, term{id, float32(w)})
			norm += w * w
		}
		slices.SortFunc(d.terms, func(a, b term) int { return int(a.id - b.id) })
		norm = math.Sqrt(norm)
		d.surfaces = make([]i18n.Text, len(d.terms))
		k := kindIndex(d.kind)
		at := int32(len(x.ofKind[k]))
		x.ofKind[k] = append(x.ofKind[k], int32(i))
		for j, t := range d.terms {
			d.terms[j].w = float32(float64(t.w) / norm)
			d.surfaces[j] = b.surface[t.id]
			p := &x.postings[k][t.id]
			p.at, p.w = append(p.at, at), append(p.w, d.terms[j].w)
		}
	}
}

func dedupSectors(ss []sector) []sector {
	slices.SortFunc(ss, func(a, b sector) int {
		if a.section != b.section {
			return int(a.section) - int(b.section)
		}
		return int(a.division) - int(b.division)
	})
	return slices.Compact(ss)
}

// indexSectors lists participant i under each of its divisions and sections
// (once each; participants are added in ascending order).
func (x *Index) indexSectors(i int32) {
	for _, s := range x.parts[i].sectors {
		if d := s.division; d != 0 && !slices.Contains(x.byDivision[d], i) {
			x.byDivision[d] = append(x.byDivision[d], i)
		}
		if l := &x.bySection[s.section-'A']; !slices.Contains(*l, i) {
			*l = append(*l, i)
		}
	}
}

// city tells the two sister cities apart from everywhere else.
type city uint8

const (
	otherCity city = iota
	izmir
	baku
)

// cityOf folds the name and accepts the usual spellings: İzmir/Izmir/IZMIR,
// Bakı/Bakü/Baku/BAKI.
func cityOf(name string) city {
	switch strings.Trim(text.Fold(name), " .") {
	case "izmir":
		return izmir
	case "baki", "baku":
		return baku
	}
	return otherCity
}

// countryOf returns the ISO code, also for a few spelled-out names of the two
// countries that people type instead of the code.
func countryOf(c string) string {
	switch f := text.Fold(c); f {
	case "turkiye", "turkey", "tr":
		return "TR"
	case "azerbaycan", "azerbaijan", "az":
		return "AZ"
	default:
		return strings.ToUpper(f)
	}
}
