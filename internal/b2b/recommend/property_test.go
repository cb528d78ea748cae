package recommend

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// randomInput builds a seeded programme from small vocabularies, so many
// participants share words, sectors and cities, and some pairs are excluded.
func randomInput(r *rand.Rand, parts, opps int) Input {
	cities := []string{"İzmir", "IZMIR", "Bakı", "Bakü", "Baku", "Manisa", "Gəncə", "Sumqayıt", "Aydın"}
	countries := []string{"TR", "TR", "AZ", "AZ", "AZ", "TR", "AZ", "AZ", "TR"}
	langs := []string{"tr", "az", "en", "ru", "de"}
	sectors := []string{"01.26", "10.41", "10.39", "13.10", "14.13", "20.15", "28.30", "46.33", "52.10", "55.10", "C", "62"}
	words := []string{"zeytinyağı", "ZEYTİNYAĞLARI", "ixracat", "İxracatı", "olive", "oil", "kuru", "incir",
		"pamuk", "tekstil", "gübrə", "liman", "logistics", "turizm", "makine", "enerji", "neft", "tikinti", "ve", "the", "!"}
	cats := []string{"supplier", "buyer", "partnership", "distribution", ""}
	pick := func(xs []string, n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = xs[r.IntN(len(xs))]
		}
		return out
	}
	sentence := func() string {
		s := ""
		for _, w := range pick(words, 1+r.IntN(6)) {
			s += w + " "
		}
		return s
	}
	var in Input
	for i := range parts {
		c := r.IntN(len(cities))
		in.Participants = append(in.Participants, Participant{
			ID: fmt.Sprintf("p%03d", i), City: cities[c], Country: countries[c],
			Languages: pick(langs, r.IntN(3)), Sectors: pick(sectors, r.IntN(3)),
		})
	}
	for i := range opps {
		kind := Offer
		if r.IntN(2) == 0 {
			kind = Request
		}
		in.Opportunities = append(in.Opportunities, Opportunity{
			ID: fmt.Sprintf("o%03d", i), Owner: in.Participants[r.IntN(parts)].ID, Kind: kind,
			Category: cats[r.IntN(len(cats))], Title: tx(sentence(), sentence(), sentence()),
			Description:     tx(sentence(), "", sentence()),
			Sectors:         pick(sectors, r.IntN(2)),
			TargetCountries: pick([]string{"TR", "AZ", "GE"}, r.IntN(2)),
		})
	}
	for range parts {
		in.Exclude = append(in.Exclude, Pair{in.Participants[r.IntN(parts)].ID, in.Participants[r.IntN(parts)].ID})
	}
	return in
}

func TestRankingProperties(t *testing.T) {
	for seed := range uint64(20) {
		r := rand.New(rand.NewPCG(seed, 1986))
		in := randomInput(r, 10+r.IntN(50), r.IntN(120))
		k := 1 + r.IntN(8)
		x := build(t, in)
		excluded := map[[2]string]bool{}
		for _, p := range in.Exclude {
			excluded[[2]string{p.A, p.B}], excluded[[2]string{p.B, p.A}] = true, true
		}
		all := x.All(k)
		if len(all) != len(in.Participants) {
			t.Fatalf("seed %d: %d lists for %d participants", seed, len(all), len(in.Participants))
		}
		for i, list := range all {
			me := in.Participants[i].ID
			if len(list) > k {
				t.Errorf("seed %d %s: %d suggestions, k=%d", seed, me, len(list), k)
			}
			for j, s := range list {
				if s.Participant == me {
					t.Errorf("seed %d %s: suggested to itself", seed, me)
				}
				if excluded[[2]string{me, s.Participant}] {
					t.Errorf("seed %d %s: excluded %s suggested", seed, me, s.Participant)
				}
				if s.Score <= 0 || len(s.Why) == 0 || len(s.Why) > maxReasons {
					t.Errorf("seed %d %s → %s: score %v, %d reasons", seed, me, s.Participant, s.Score, len(s.Why))
				}
				if j > 0 {
					prev := list[j-1]
					if prev.Score < s.Score || prev.Score == s.Score && spread(idHash(me), idHash(prev.Participant)) > spread(idHash(me), idHash(s.Participant)) {
						t.Errorf("seed %d %s: %v before %v", seed, me, prev, s)
					}
				}
			}
			// The parallel run and a single lookup agree exactly.
			one, err := x.For(me, k)
			if err != nil || !slices.EqualFunc(one, list, func(a, b Suggestion) bool {
				return a.Participant == b.Participant && a.Score == b.Score
			}) {
				t.Errorf("seed %d %s: For gave %v, All gave %v", seed, me, ids(one), ids(list))
			}
		}
	}
}

// The inverted index and the heap lose nothing: every list equals a
// brute-force ranking that compares every opportunity with every other and
// scores every pair of participants.
func TestMatchesBruteForce(t *testing.T) {
	for seed := range uint64(10) {
		r := rand.New(rand.NewPCG(seed, 40))
		in := randomInput(r, 30, 80)
		x := build(t, in)
		k := 5
		all := x.All(k)
		for a := range x.parts {
			want := bruteForce(x, int32(a), k)
			if !slices.EqualFunc(all[a], want, func(p, q Suggestion) bool {
				return p.Participant == q.Participant && math.Abs(p.Score-q.Score) < 1e-9
			}) {
				t.Errorf("seed %d %s: got %v, brute force %v", seed, x.parts[a].ID, all[a], want)
			}
		}
	}
}

func bruteForce(x *Index, a int32, k int) []Suggestion {
	var out []Suggestion
	for b := range x.parts {
		if int32(b) == a || slices.Contains(x.parts[a].exclude, int32(b)) {
			continue
		}
		c := candidate{}
		for _, mine := range append(slices.Clone(x.parts[a].requests), x.parts[a].offers...) {
			for _, theirs := range append(slices.Clone(x.parts[b].requests), x.parts[b].offers...) {
				m, o := &x.docs[mine], &x.docs[theirs]
				if m.kind == o.kind {
					continue
				}
				cos := float64(dot(m.terms, o.terms))
				if cos < weights.minCosine {
					continue
				}
				req, off := m, o
				if m.kind == Offer {
					req, off = o, m
				}
				if req.category != "" && req.category == off.category {
					cos += weights.category
				}
				if len(off.targets) > 0 && !slices.Contains(off.targets, x.parts[req.owner].countryID) {
					cos *= weights.offTarget
				}
				if m.kind == Request {
					c.demand = max(c.demand, cos)
				} else {
					c.supply = max(c.supply, cos)
				}
			}
		}
		f := x.factors(a, int32(b), &c)
		// Only text or sector make a suggestion; city and language only order them.
		if c.demand == 0 && c.supply == 0 && f.sector.kind == none || f.total() <= 0 {
			continue
		}
		out = append(out, Suggestion{Participant: x.parts[b].ID, Score: f.total()})
	}
	me := x.parts[a].ID
	slices.SortFunc(out, func(p, q Suggestion) int {
		if p.Score != q.Score {
			return cmp.Compare(q.Score, p.Score)
		}
		return cmp.Compare(spread(idHash(me), idHash(p.Participant)), spread(idHash(me), idHash(q.Participant)))
	})
	return out[:min(k, len(out))]
}

// dot multiplies two sparse vectors in the order matchText adds them up,
// so the float32 sums agree to the bit.
func dot(p, q []term) float32 {
	var sum float32
	for _, t := range p {
		for _, u := range q {
			if t.id == u.id {
				sum += t.w * u.w
			}
		}
	}
	return sum
}
