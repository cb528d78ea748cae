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
	countries  map[string]int32  // upper-case ISO code → id
	trBit      uint64            // langBits["tr"] and ["az"], looked up once
	azBit      uint64
}

type part struct {
	Participant
	offers, requests []int32  // documents
	sectors          []sector // own and from own opportunities, deduplicated
	city             city
	country          string // upper-case ISO code
	countryID        int32
	langs            []string
	langMask         uint64  // a bit per language code, from Index.langBits
	exclude          []int32 // participants not to suggest
	hash             uint64  // idHash(ID), for spread
}

type doc struct {
	owner    int32
	kind     Kind
	category string
	title    i18n.Text
	targets  []int32 // country ids
	terms    []term  // ascending by id, weights of unit length
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
	x := &Index{pos: pos, langBits: map[string]uint64{}, countries: map[string]int32{}}
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
	pt := part{Participant: p, city: cityOf(p.City), country: countryOf(p.Country), countryID: x.countryID(p.Country), hash: idHash(p.ID)}
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

// bag is one opportunity's words before they get vocabulary ids: stems in
// order of first appearance, with their title-boosted counts and surfaces.
type bag struct {
	stems    []string
	tf       []float64
	surfaces []i18n.Text
}

// tokenizeDoc fills a bag from the title and description in every language.
func tokenizeDoc(o *Opportunity) bag {
	// Sized for about one distinct word per 12 bytes of text, so the slices
	// rarely grow: growing them was most of what Build allocated.
	n := 0
	for _, lang := range i18n.Supported {
		n += len(o.Title.Get(lang)) + len(o.Description.Get(lang))
	}
	n = n/12 + 4
	b := bag{stems: make([]string, 0, n), tf: make([]float64, 0, n), surfaces: make([]i18n.Text, 0, n)}
	at := make(map[string]int, n)
	for _, lang := range i18n.Supported {
		add := func(boost float64) func(word) {
			return func(w word) {
				i, ok := at[w.stem]
				if !ok {
					i = len(b.stems)
					at[w.stem] = i
					b.stems, b.tf, b.surfaces = append(b.stems, w.stem), append(b.tf, 0), append(b.surfaces, i18n.Text{})
				}
				b.tf[i] += boost
				if b.surfaces[i].Get(lang) == "" {
					b.surfaces[i].Set(lang, w.surface)
				}
			}
		}
		tokenize(o.Title.Get(lang), add(titleBoost))
		tokenize(o.Description.Get(lang), add(1))
	}
	return b
}

// indexDocs turns opportunities into TF-IDF vectors and fills the postings.
// Tokenizing, the costly part, runs in parallel; vocabulary ids are then
// given in document order so an index is the same on every run.
func (x *Index) indexDocs(opps []Opportunity) {
	bags := make([]bag, len(opps))
	parallel(len(opps), func() func(int) {
		return func(i int) { bags[i] = tokenizeDoc(&opps[i]) }
	})
	vocab := map[string]int32{}
	var df []int
	ids := make([][]int32, len(opps))
	x.docs = make([]doc, len(opps))
	for i := range opps {
		o := &opps[i]
		for _, st := range bags[i].stems {
			id, ok := vocab[st]
			if !ok {
				id = int32(len(vocab))
				vocab[st] = id
				df = append(df, 0)
			}
			df[id]++
			ids[i] = append(ids[i], id)
		}
		x.addDoc(int32(i), o)
	}
	n := float64(len(opps))
	for k := range x.postings {
		x.postings[k] = make([]postingList, len(vocab))
	}
	for i, b := range bags {
		d := &x.docs[i]
		var norm float64
		d.terms = make([]term, len(b.stems))
		d.surfaces = make([]i18n.Text, len(b.stems))
		for j, id := range ids[i] {
			w := (1 + math.Log(b.tf[j])) * math.Log(1+n/float64(df[id]))
			d.terms[j] = term{id, float32(w)}
			norm += w * w
		}
		// Sort the terms by id and carry the surfaces along.
		order := make([]int, len(d.terms))
		for j := range order {
			order[j] = j
		}
		slices.SortFunc(order, func(p, q int) int { return int(d.terms[p].id - d.terms[q].id) })
		terms := slices.Clone(d.terms)
		for j, from := range order {
			d.terms[j] = terms[from]
			d.surfaces[j] = b.surfaces[from]
		}
		norm = math.Sqrt(norm)
		k := kindIndex(d.kind)
		at := int32(len(x.ofKind[k]))
		x.ofKind[k] = append(x.ofKind[k], int32(i))
		for j, t := range d.terms {
			d.terms[j].w = float32(float64(t.w) / norm)
			p := &x.postings[k][t.id]
			p.at, p.w = append(p.at, at), append(p.w, d.terms[j].w)
		}
	}
}

// addDoc records document i's facts and files it under its owner.
func (x *Index) addDoc(i int32, o *Opportunity) {
	owner := x.pos[o.Owner]
	d := doc{owner: owner, kind: o.Kind, category: strings.ToLower(o.Category), title: o.Title.Trimmed()}
	for _, c := range o.TargetCountries {
		d.targets = append(d.targets, x.countryID(c))
	}
	x.docs[i] = d
	p := &x.parts[owner]
	if o.Kind == Offer {
		p.offers = append(p.offers, i)
	} else {
		p.requests = append(p.requests, i)
	}
	for _, c := range o.Sectors {
		if s, ok := parseSector(c); ok {
			p.sectors = append(p.sectors, s)
		}
	}
}

// countryID numbers countries, so matching compares integers.
func (x *Index) countryID(c string) int32 {
	code := countryOf(c)
	id, ok := x.countries[code]
	if !ok {
		id = int32(len(x.countries))
		x.countries[code] = id
	}
	return id
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
