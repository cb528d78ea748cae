package recommend

import (
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/kopru-platform/kopru/internal/platform/i18n"
)

func tx(tr, az, en string) i18n.Text { return i18n.Text{TR: tr, AZ: az, EN: en} }

// forum is a small programme around a Bakı importer looking for olive oil.
func forum() Input {
	return Input{
		Participants: []Participant{
			{ID: "baku-importer", City: "Bakı", Country: "AZ", Languages: []string{"az", "ru"}, Sectors: []string{"46.33"}, Type: "buyer"},
			{ID: "izmir-olive", City: "İZMİR", Country: "TR", Languages: []string{"tr", "en"}, Sectors: []string{"10.41"}, Type: "seller"},
			{ID: "ankara-olive", City: "Ankara", Country: "TR", Languages: []string{"tr"}, Sectors: []string{"10.41"}, Type: "seller"},
			{ID: "manisa-textile", City: "Manisa", Country: "TR", Languages: []string{"tr", "en"}, Sectors: []string{"13.10"}, Type: "seller"},
			{ID: "ganja-software", City: "Gəncə", Country: "AZ", Languages: []string{"az"}, Sectors: []string{"62.01"}, Type: "seller"},
		},
		Opportunities: []Opportunity{
			{ID: "r1", Owner: "baku-importer", Kind: Request, Category: "supplier",
				Title:       tx("", "Zeytun yağı tədarükçüsü axtarırıq", "Olive oil supplier wanted"),
				Description: tx("", "Bakı bazarı üçün sızma zeytinyağı idxalı", "We import extra virgin olive oil for the Baku market")},
			{ID: "o1", Owner: "izmir-olive", Kind: Offer, Category: "supplier",
				Title:       tx("Sızma zeytinyağları ihracatı", "", "Extra virgin olive oil exports"),
				Description: tx("Ege'nin zeytinliklerinden soğuk sıkım zeytinyağı", "", "Cold-pressed olive oil from Aegean groves, bottled in İzmir")},
			{ID: "o2", Owner: "ankara-olive", Kind: Offer, Category: "distribution",
				Title: tx("Zeytinyağı dağıtımı", "", "Olive oil distribution")},
			{ID: "o3", Owner: "manisa-textile", Kind: Offer, Category: "supplier",
				Title: tx("Pamuklu kumaş", "", "Cotton fabric")},
			{ID: "o4", Owner: "ganja-software", Kind: Offer, Category: "partnership",
				Title: tx("", "Anbar proqram təminatı", "Warehouse software")},
		},
	}
}

func build(t *testing.T, in Input) *Index {
	t.Helper()
	x, err := Build(in)
	if err != nil {
		t.Fatal(err)
	}
	return x
}

func ids(ss []Suggestion) []string {
	var out []string
	for _, s := range ss {
		out = append(out, s.Participant)
	}
	return out
}

func TestOliveOilExporterFirstForBakuImporter(t *testing.T) {
	x := build(t, forum())
	got, err := x.For("baku-importer", 20)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) == 0 || got[0].Participant != "izmir-olive" {
		t.Fatalf("got %v, want izmir-olive first", ids(got))
	}
	// The Ankara firm offers olive oil too, in Turkish only and in another
	// category, and is not in the sister city: second.
	if len(got) < 2 || got[1].Participant != "ankara-olive" {
		t.Errorf("got %v, want ankara-olive second", ids(got))
	}
	why := got[0].Why
	if len(why) != 2 || why[0].Key != "b2b.why.offer_matches_request" || why[1].Key != "b2b.why.supply_chain" {
		t.Fatalf("reasons %+v", why)
	}
	if title := why[0].Args[0].Text.In("en"); title != "Extra virgin olive oil exports" {
		t.Errorf("matched title %q", title)
	}
	if kw := why[0].Args[1].Text.In("tr"); kw == "" {
		t.Error("no shared keyword")
	}
	// The software firm shares neither words nor sector: not suggested.
	if slices.Contains(ids(got), "ganja-software") {
		t.Errorf("unrelated participant suggested: %v", ids(got))
	}
}

func TestBothDirectionsCount(t *testing.T) {
	x := build(t, forum())
	got, _ := x.For("izmir-olive", 20)
	if len(got) == 0 || got[0].Participant != "baku-importer" {
		t.Fatalf("got %v, want the importer first for the exporter", ids(got))
	}
	if got[0].Why[0].Key != "b2b.why.request_matches_offer" {
		t.Errorf("reasons %+v", got[0].Why)
	}
}

func TestCitySpellingsFold(t *testing.T) {
	for _, c := range []string{"Bakı", "BAKI", "Bakü", "baku", "Baku."} {
		if cityOf(c) != baku {
			t.Errorf("%q is not Bakı", c)
		}
	}
	for _, c := range []string{"İzmir", "IZMIR", "izmir", "İZMİR"} {
		if cityOf(c) != izmir {
			t.Errorf("%q is not İzmir", c)
		}
	}
	if cityOf("Bakırköy") != otherCity || cityOf("") != otherCity {
		t.Error("other cities must not alias")
	}
	// Only İzmir ↔ Bakı earns the city bonus; the same city does not.
	in := forum()
	in.Participants[2].City = "izmir"
	x := build(t, in)
	f := x.factors(0, 1, &candidate{})
	if f.add[crossCity] != weights.crossCity {
		t.Errorf("İZMİR ↔ Bakı: cross-city %v", f.add[crossCity])
	}
	if f := x.factors(1, 2, &candidate{}); f.add[crossCity] != 0 || f.add[crossCountry] != 0 {
		t.Errorf("İzmir ↔ izmir got a bonus: %+v", f.add)
	}
	if f := x.factors(3, 4, &candidate{}); f.add[crossCountry] != weights.crossCountry {
		t.Errorf("Manisa ↔ Gəncə: cross-country %v", f.add[crossCountry])
	}
}

func TestSelfAndExcludedPairsLeftOut(t *testing.T) {
	in := forum()
	// The exporter also requests olive oil, so its own offer matches its own request.
	in.Opportunities = append(in.Opportunities, Opportunity{ID: "r2", Owner: "izmir-olive", Kind: Request,
		Title: tx("Zeytinyağı şişeleme", "", "Olive oil bottling")})
	in.Exclude = []Pair{{A: "izmir-olive", B: "baku-importer"}, {A: "ghost", B: "baku-importer"}}
	x := build(t, in)
	other := map[string]string{"baku-importer": "izmir-olive", "izmir-olive": "baku-importer"}
	for id, excluded := range other {
		got, _ := x.For(id, 20)
		if slices.Contains(ids(got), id) {
			t.Errorf("%s suggested to itself", id)
		}
		if slices.Contains(ids(got), excluded) {
			t.Errorf("excluded pair suggested: %s → %s", id, excluded)
		}
	}
	got, _ := x.For("baku-importer", 20)
	if len(got) == 0 || got[0].Participant != "ankara-olive" {
		t.Errorf("after excluding the exporter, got %v", ids(got))
	}
}

func TestTiesAreDeterministicAndSpread(t *testing.T) {
	in := Input{}
	// Ten buyers in Bakı and ten identical sellers in İzmir, none with an
	// opportunity: every seller scores the same for every buyer.
	for i := range 10 {
		in.Participants = append(in.Participants,
			Participant{ID: fmt.Sprintf("buyer-%d", i), City: "Bakı", Country: "AZ", Languages: []string{"az"}, Sectors: []string{"46.33"}},
			Participant{ID: fmt.Sprintf("seller-%d", i), City: "İzmir", Country: "TR", Languages: []string{"tr"}, Sectors: []string{"10.41"}})
	}
	x := build(t, in)
	first := x.All(3)
	tops := map[string]bool{}
	for i := 0; i < len(in.Participants); i += 2 {
		list := first[i]
		if len(list) != 3 || list[0].Score != list[2].Score {
			t.Fatalf("%s: %v", in.Participants[i].ID, list)
		}
		me := in.Participants[i].ID
		for j := 1; j < len(list); j++ {
			if spread(idHash(me), idHash(list[j-1].Participant)) > spread(idHash(me), idHash(list[j].Participant)) {
				t.Errorf("%s: ties out of order: %v", me, ids(list))
			}
		}
		tops[list[0].Participant] = true
	}
	// Not every buyer is sent to the same seller first.
	if len(tops) < 3 {
		t.Errorf("only %d different sellers head the buyers' lists", len(tops))
	}
	for range 5 {
		again := x.All(3)
		for i := range first {
			if !slices.Equal(ids(again[i]), ids(first[i])) {
				t.Fatalf("order changed: %v then %v", ids(first[i]), ids(again[i]))
			}
		}
	}
}

func TestNoSharedLanguageIsPenalisedNotExcluded(t *testing.T) {
	in := forum()
	in.Participants[1].Languages = []string{"en"} // the exporter no longer speaks tr; the importer speaks az, ru
	x := build(t, in)
	got, _ := x.For("baku-importer", 20)
	if !slices.Contains(ids(got), "izmir-olive") {
		t.Fatalf("exporter left out: %v", ids(got))
	}
	f := x.factors(0, 1, &candidate{demand: 1})
	if f.mult != weights.noLanguage {
		t.Errorf("multiplier %v, want the no-language penalty", f.mult)
	}
	// Turkish and Azerbaijani count as kindred.
	if f := x.factors(0, 2, &candidate{}); f.add[kindredLanguage] == 0 || f.mult != 1 {
		t.Errorf("tr ↔ az: %+v", f)
	}
}

func TestEmptyInputs(t *testing.T) {
	x := build(t, Input{})
	if got := x.All(20); len(got) != 0 {
		t.Errorf("empty input gave %v", got)
	}
	x = build(t, Input{Participants: []Participant{{ID: "alone"}, {ID: "other"}}})
	if got, _ := x.For("alone", 20); len(got) != 0 {
		t.Errorf("nothing in common, yet %v", ids(got))
	}
	x = build(t, forum())
	if got, _ := x.For("baku-importer", 0); got != nil {
		t.Errorf("k=0 gave %v", ids(got))
	}
	// Opportunities with no words at all are harmless.
	in := forum()
	in.Opportunities = append(in.Opportunities, Opportunity{ID: "blank", Owner: "ganja-software", Kind: Request, Title: tx(" , ", "", "")})
	if _, err := Build(in); err != nil {
		t.Error(err)
	}
}

func TestBadInput(t *testing.T) {
	dup := forum()
	dup.Participants = append(dup.Participants, Participant{ID: "izmir-olive"})
	orphan := forum()
	orphan.Opportunities[0].Owner = "nobody"
	kind := forum()
	kind.Opportunities[0].Kind = "swap"
	dupOpp := forum()
	dupOpp.Opportunities[1].ID = "r1"
	for _, c := range []struct {
		in   Input
		want error
	}{
		{dup, ErrDuplicateParticipant}, {orphan, ErrUnknownOwner}, {kind, ErrBadKind}, {dupOpp, ErrDuplicateOpportunity},
	} {
		if _, err := Build(c.in); !errors.Is(err, c.want) {
			t.Errorf("got %v, want %v", err, c.want)
		}
	}
	x := build(t, forum())
	if _, err := x.For("nobody", 5); !errors.Is(err, ErrUnknownParticipant) {
		t.Errorf("unknown participant: %v", err)
	}
}

func TestTargetCountriesAndCategoryCount(t *testing.T) {
	score := func(change func(*Input)) float64 {
		in := forum()
		change(&in)
		got, _ := build(t, in).For("baku-importer", 20)
		for _, s := range got {
			if s.Participant == "izmir-olive" {
				return s.Score
			}
		}
		t.Fatal("exporter not suggested")
		return 0
	}
	plain := score(func(*Input) {})
	toAZ := score(func(in *Input) { in.Opportunities[1].TargetCountries = []string{"Azerbaijan"} })
	toGE := score(func(in *Input) { in.Opportunities[1].TargetCountries = []string{"GE"} })
	otherCategory := score(func(in *Input) { in.Opportunities[0].Category = "investment" })
	if toAZ != plain {
		t.Errorf("targeting the importer's country changed the score: %v → %v", plain, toAZ)
	}
	if toGE >= plain {
		t.Errorf("an offer for Georgia only scores %v, no less than %v", toGE, plain)
	}
	if otherCategory >= plain {
		t.Errorf("a different category scores %v, no less than %v", otherCategory, plain)
	}
}
