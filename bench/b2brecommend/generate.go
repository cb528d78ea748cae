package main

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/kopru-platform/kopru/internal/b2b/recommend"
	"github.com/kopru-platform/kopru/internal/platform/text"
)

// theme is one line of İzmir–Azerbaijan trade: its NACE codes and the
// products it is about, in the three languages (the same index names the
// same product).
type theme struct {
	codes      []string
	tr, az, en []string
}

var themes = []theme{
	{[]string{"10.41", "01.26", "46.33"},
		[]string{"zeytinyağı", "sızma zeytinyağı", "sofralık zeytin", "pirina yağı"},
		[]string{"zeytun yağı", "ekstra zeytun yağı", "süfrə zeytunu", "zeytun cecəsi yağı"},
		[]string{"olive oil", "extra virgin olive oil", "table olives", "olive pomace oil"}},
	{[]string{"10.39", "01.24", "46.31"},
		[]string{"kuru incir", "çekirdeksiz kuru üzüm", "kuru kayısı", "fındık"},
		[]string{"quru əncir", "toxumsuz kişmiş", "quru ərik", "fındıq"},
		[]string{"dried figs", "sultana raisins", "dried apricots", "hazelnuts"}},
	{[]string{"13.10", "13.20", "14.13", "46.41"},
		[]string{"pamuk ipliği", "denim kumaş", "ev tekstili", "hazır giyim"},
		[]string{"pambıq ipliyi", "cins parça", "ev tekstili", "hazır geyim"},
		[]string{"cotton yarn", "denim fabric", "home textiles", "ready-made garments"}},
	{[]string{"20.15", "20.16", "22.21"},
		[]string{"gübre", "polietilen", "plastik ambalaj", "boya hammaddesi"},
		[]string{"gübrə", "polietilen", "plastik qablaşdırma", "boya xammalı"},
		[]string{"fertiliser", "polyethylene", "plastic packaging", "paint raw materials"}},
	{[]string{"28.30", "28.93", "25.11"},
		[]string{"tarım makineleri", "gıda işleme makineleri", "çelik konstrüksiyon", "sulama sistemleri"},
		[]string{"kənd təsərrüfatı maşınları", "qida emalı avadanlığı", "polad konstruksiya", "suvarma sistemləri"},
		[]string{"farm machinery", "food processing machinery", "steel structures", "irrigation systems"}},
	{[]string{"52.10", "52.24", "49.41", "50.20"},
		[]string{"konteyner taşımacılığı", "liman hizmetleri", "soğuk zincir depolama", "karayolu taşımacılığı"},
		[]string{"konteyner daşımaları", "liman xidmətləri", "soyuq zəncir anbarı", "avtomobil daşımaları"},
		[]string{"container shipping", "port services", "cold chain storage", "road freight"}},
	{[]string{"35.11", "06.20", "19.20"},
		[]string{"güneş enerjisi", "rüzgar türbini", "doğal gaz", "akaryakıt"},
		[]string{"günəş enerjisi", "külək turbini", "təbii qaz", "yanacaq"},
		[]string{"solar power", "wind turbines", "natural gas", "fuel"}},
	{[]string{"55.10", "79.11", "79.12"},
		[]string{"otel", "tur paketi", "kongre turizmi", "termal turizm"},
		[]string{"otel", "tur paketi", "konqres turizmi", "termal turizm"},
		[]string{"hotel", "tour packages", "congress tourism", "thermal tourism"}},
	{[]string{"41.20", "23.51", "43.21", "23.31"},
		[]string{"konut inşaatı", "çimento", "seramik karo", "elektrik tesisatı"},
		[]string{"yaşayış tikintisi", "sement", "keramik plitə", "elektrik quraşdırılması"},
		[]string{"housing construction", "cement", "ceramic tiles", "electrical installation"}},
}

// Title and sentence templates; %s is a product, %c a city.
var (
	offerTitles = map[string][]string{
		"tr": {"%s ihracatı", "%s üretimi ve tedariki", "%s için distribütörlük", "Kaliteli %s"},
		"az": {"%s ixracatı", "%s istehsalı və tədarükü", "%s üzrə distribyutorluq", "Keyfiyyətli %s"},
		"en": {"%s exports", "Production and supply of %s", "Distribution of %s", "Quality %s"},
	}
	requestTitles = map[string][]string{
		"tr": {"%s tedarikçisi arıyoruz", "%s ithalatı için ortak", "%s alıcısıyız", "%s yatırımı için ortak aranıyor"},
		"az": {"%s tədarükçüsü axtarırıq", "%s idxalı üçün tərəfdaş", "%s alıcısıyıq", "%s sahəsinə investisiya tərəfdaşı axtarılır"},
		"en": {"Looking for a %s supplier", "Partner for %s imports", "We buy %s", "Investment partner wanted in %s"},
	}
	sentences = map[string][]string{
		"tr": {"Firmamız %c merkezli olup %s alanında yirmi yıllık deneyime sahiptir.", "Yıllık kapasitemiz ve ISO sertifikalarımız mevcuttur.",
			"Konteyner bazında düzenli sevkiyat yapabiliriz.", "Azerbaycan pazarında kalıcı bir ortaklık kurmak istiyoruz.",
			"%s ürünlerimiz Avrupa ve Orta Asya'ya satılmaktadır.", "Numune ve fiyat teklifi gönderebiliriz."},
		"az": {"Şirkətimiz %c şəhərində yerləşir və %s sahəsində iyirmi illik təcrübəyə malikdir.", "İllik istehsal gücümüz və ISO sertifikatlarımız var.",
			"Konteyner əsasında müntəzəm göndəriş edə bilərik.", "Türkiyə bazarında uzunmüddətli tərəfdaşlıq qurmaq istəyirik.",
			"%s məhsullarımız Avropa və Orta Asiyaya satılır.", "Nümunə və qiymət təklifi göndərə bilərik."},
		"en": {"We are based in %c with twenty years in %s.", "We hold ISO certificates and have steady annual capacity.",
			"We ship regular container loads.", "We want a lasting partnership across the Caspian and the Aegean.",
			"Our %s sells in Europe and Central Asia.", "Samples and price offers on request."},
	}
	categories = []string{"supplier", "buyer", "partnership", "distribution", "investment", "joint_venture", "rnd"}
	types      = []string{"buyer", "seller", "investor", "public_institution", "association"}
)

type place struct {
	city, country string
	weight        int
}

// Both sister cities come in the spellings people actually type.
var places = []place{
	{"İzmir", "TR", 30}, {"IZMIR", "TR", 4}, {"Manisa", "TR", 6}, {"Aydın", "TR", 5}, {"Denizli", "TR", 4},
	{"İstanbul", "TR", 6}, {"Ankara", "TR", 3},
	{"Bakı", "AZ", 20}, {"Baku", "AZ", 6}, {"Bakü", "AZ", 3}, {"Gəncə", "AZ", 5}, {"Sumqayıt", "AZ", 4},
	{"Lənkəran", "AZ", 2}, {"Şəki", "AZ", 2},
}

type generator struct{ r *rand.Rand }

func (g generator) pick(xs []string) string { return xs[g.r.IntN(len(xs))] }
func (g generator) chance(p float64) bool   { return g.r.Float64() < p }

func (g generator) place() place {
	total := 0
	for _, p := range places {
		total += p.weight
	}
	n := g.r.IntN(total)
	for _, p := range places {
		if n -= p.weight; n < 0 {
			return p
		}
	}
	return places[0]
}

// generate builds a programme of n participants and m opportunities, with
// about one already-met pair per participant.
func generate(seed uint64, n, m int) (recommend.Input, []int) {
	g := generator{rand.New(rand.NewPCG(seed, 40))}
	var in recommend.Input
	themeOf := make([]int, n) // each participant's main theme
	for i := range n {
		pl := g.place()
		t := g.r.IntN(len(themes))
		themeOf[i] = t
		p := recommend.Participant{ID: fmt.Sprintf("p%05d", i), City: pl.city, Country: pl.country, Type: g.pick(types)}
		p.Sectors = []string{g.pick(themes[t].codes)}
		if g.chance(0.3) {
			p.Sectors = append(p.Sectors, g.pick(themes[g.r.IntN(len(themes))].codes))
		}
		p.Languages = languages(g, pl.country)
		in.Participants = append(in.Participants, p)
	}
	for j := range m {
		owner := g.r.IntN(n)
		in.Opportunities = append(in.Opportunities, g.opportunity(j, in.Participants[owner], themeOf[owner]))
	}
	for range n {
		a, b := g.r.IntN(n), g.r.IntN(n)
		in.Exclude = append(in.Exclude, recommend.Pair{A: in.Participants[a].ID, B: in.Participants[b].ID})
	}
	return in, themeOf
}

func languages(g generator, country string) []string {
	if country == "TR" {
		l := []string{"tr"}
		if g.chance(0.6) {
			l = append(l, "en")
		}
		if g.chance(0.1) {
			l = append(l, "ru")
		}
		return l
	}
	l := []string{"az"}
	for _, o := range []struct {
		lang string
		p    float64
	}{{"ru", 0.6}, {"en", 0.5}, {"tr", 0.3}} {
		if g.chance(o.p) {
			l = append(l, o.lang)
		}
	}
	return l
}

// opportunity writes an offer or request about a product of the owner's
// theme (sometimes another), in the owner's language, often also in English,
// now and then in all three.
func (g generator) opportunity(j int, owner recommend.Participant, t int) recommend.Opportunity {
	if g.chance(0.2) {
		t = g.r.IntN(len(themes))
	}
	th := themes[t]
	prod := g.r.IntN(len(th.tr))
	products := map[string]string{"tr": th.tr[prod], "az": th.az[prod], "en": th.en[prod]}
	kind, titles := recommend.Offer, offerTitles
	if g.chance(0.45) {
		kind, titles = recommend.Request, requestTitles
	}
	home := "tr"
	if owner.Country == "AZ" {
		home = "az"
	}
	langs := []string{home}
	if g.chance(0.7) {
		langs = append(langs, "en")
	}
	if g.chance(0.15) {
		langs = []string{"tr", "az", "en"}
	}
	o := recommend.Opportunity{ID: fmt.Sprintf("o%05d", j), Owner: owner.ID, Kind: kind, Category: g.pick(categories),
		Sectors: []string{g.pick(th.codes)}}
	tpl := g.r.IntN(len(titles["en"]))
	sents := g.r.Perm(len(sentences["en"]))[:2+g.r.IntN(3)]
	for _, l := range langs {
		o.Title.Set(l, capitalise(l, strings.Replace(titles[l][tpl], "%s", products[l], 1)))
		var d []string
		for _, k := range sents {
			s := strings.Replace(sentences[l][k], "%s", products[l], 1)
			d = append(d, strings.Replace(s, "%c", owner.City, 1))
		}
		o.Description.Set(l, strings.Join(d, " "))
	}
	if g.chance(0.3) {
		o.TargetCountries = []string{map[string]string{"TR": "AZ", "AZ": "TR"}[owner.Country]}
	}
	return o
}

// capitalise upper-cases a title's first letter by the rules of lang
// ("ixracat" → "İxracat" in az).
func capitalise(lang, s string) string {
	for i, r := range s {
		return text.Upper(lang, string(r)) + s[i+len(string(r)):]
	}
	return s
}
