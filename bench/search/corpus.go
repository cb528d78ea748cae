package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kopru-platform/kopru/internal/platform/search"
	"github.com/kopru-platform/kopru/internal/platform/text"
)

// The corpus: things of several kinds (news, events, milestones, …), each written in
// Turkish, Azerbaijani and English from the same facts, as the platform's editors do. The
// words are the partnership's: cities, organisations, sectors, events, districts, plus a
// long tail of company names, so queries meet common, rare and absent words as on the
// real site. Everything follows from the seed.

var langs = [3]string{"tr", "az", "en"}

// tri is one phrase in tr, az and en.
type tri [3]string

// A city with its name, locative ("in İzmir") and genitive ("İzmir's") in each language.
type city struct{ name, loc, gen tri }

var cities = []city{
	{tri{"İzmir", "İzmir", "İzmir"}, tri{"İzmir'de", "İzmirdə", "in İzmir"}, tri{"İzmir'in", "İzmirin", "İzmir's"}},
	{tri{"Bakü", "Bakı", "Baku"}, tri{"Bakü'de", "Bakıda", "in Baku"}, tri{"Bakü'nün", "Bakının", "Baku's"}},
	{tri{"Gence", "Gəncə", "Ganja"}, tri{"Gence'de", "Gəncədə", "in Ganja"}, tri{"Gence'nin", "Gəncənin", "Ganja's"}},
	{tri{"Sumgayıt", "Sumqayıt", "Sumgait"}, tri{"Sumgayıt'ta", "Sumqayıtda", "in Sumgait"}, tri{"Sumgayıt'ın", "Sumqayıtın", "Sumgait's"}},
	{tri{"Manisa", "Manisa", "Manisa"}, tri{"Manisa'da", "Manisada", "in Manisa"}, tri{"Manisa'nın", "Manisanın", "Manisa's"}},
	{tri{"Aydın", "Aydın", "Aydın"}, tri{"Aydın'da", "Aydında", "in Aydın"}, tri{"Aydın'ın", "Aydının", "Aydın's"}},
}

// cityWeights: the partner cities dominate, as on the real site.
var cityWeights = []int{40, 35, 8, 7, 5, 5}

var orgs = []tri{
	{"İzmir Büyükşehir Belediyesi", "İzmir Böyükşəhər Bələdiyyəsi", "İzmir Metropolitan Municipality"},
	{"İzmir Azerbaycan Derneği (İZAZDER)", "İzmir Azərbaycan Dərnəyi (İZAZDER)", "İzmir Azerbaijan Association (İZAZDER)"},
	{"Bakü Şehir Yürütme Makamı", "Bakı Şəhər İcra Hakimiyyəti", "Baku City Executive Power"},
	{"Ege Üniversitesi", "Egey Universiteti", "Ege University"},
	{"Dokuz Eylül Üniversitesi", "Doqquz Eylül Universiteti", "Dokuz Eylül University"},
	{"Bakü Devlet Üniversitesi", "Bakı Dövlət Universiteti", "Baku State University"},
	{"İzmir Ticaret Odası", "İzmir Ticarət Palatası", "İzmir Chamber of Commerce"},
	{"Azerbaycan Ticaret ve Sanayi Odası", "Azərbaycan Ticarət-Sənaye Palatası", "Azerbaijan Chamber of Commerce and Industry"},
	{"Ege İhracatçı Birlikleri", "Egey İxracatçılar Birlikləri", "Aegean Exporters' Associations"},
	{"İzmir Kalkınma Ajansı", "İzmir İnkişaf Agentliyi", "İzmir Development Agency"},
}

var sectors = []tri{
	{"lojistik", "logistika", "logistics"}, {"tekstil", "toxuculuq", "textiles"},
	{"tarım", "kənd təsərrüfatı", "agriculture"}, {"turizm", "turizm", "tourism"},
	{"yenilenebilir enerji", "bərpa olunan enerji", "renewable energy"}, {"yazılım", "proqram təminatı", "software"},
	{"gıda", "qida", "food"}, {"liman işletmeciliği", "liman xidmətləri", "port services"},
	{"eğitim", "təhsil", "education"}, {"sağlık", "səhiyyə", "health care"},
	{"inşaat", "tikinti", "construction"}, {"otomotiv", "avtomobil sənayesi", "automotive"},
	{"zeytinyağı", "zeytun yağı", "olive oil"}, {"şarapçılık", "şərabçılıq", "wine making"},
	{"halıcılık", "xalçaçılıq", "carpet weaving"}, {"seramik", "keramika", "ceramics"},
	{"petrokimya", "neft-kimya", "petrochemicals"}, {"tasarım", "dizayn", "design"},
}

var events = []tri{
	{"festival", "festival", "festival"}, {"iş forumu", "biznes forumu", "business forum"},
	{"ticaret heyeti ziyareti", "ticarət nümayəndə heyətinin səfəri", "trade delegation visit"},
	{"gençlik kampı", "gənclər düşərgəsi", "youth camp"}, {"mugam konseri", "muğam konserti", "mugham concert"},
	{"fotoğraf sergisi", "foto sərgisi", "photo exhibition"}, {"film haftası", "film həftəsi", "film week"},
	{"resmi ziyaret", "rəsmi səfər", "official visit"}, {"gönüllülük programı", "könüllülük proqramı", "volunteering programme"},
	{"B2B görüşmeleri", "B2B görüşləri", "B2B meetings"}, {"Nevruz kutlaması", "Novruz bayramı", "Novruz celebration"},
	{"kitap fuarı", "kitab sərgisi", "book fair"},
}

var places = []string{"Konak", "Alsancak", "Kemeraltı", "Bornova", "Karşıyaka", "Çeşme", "Urla", "Bayraklı",
	"İçərişəhər", "Səbail", "Nəsimi", "Yasamal", "Xətai", "Binəqədi"}

var months = [3][12]string{
	{"Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos", "Eylül", "Ekim", "Kasım", "Aralık"},
	{"yanvar", "fevral", "mart", "aprel", "may", "iyun", "iyul", "avqust", "sentyabr", "oktyabr", "noyabr", "dekabr"},
	{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
}

// azYear is the Azerbaijani ordinal suffix of the years used, which follows the vowel of
// the last number word (2023-cü, 2026-cı).
var azYear = map[int]string{2018: "ci", 2019: "cu", 2020: "ci", 2021: "ci", 2022: "ci", 2023: "cü", 2024: "cü", 2025: "ci", 2026: "cı"}

// Templates use {c1} {c1loc} {c1gen} {c2} {c2loc} {org} {org2} {sector} {sector2}
// {event} {brand} {brand2} {place} {month} {year} (with the Azerbaijani suffix) {yr} {n}.
var titles = []tri{
	{"{c1}–{c2} {event} {yr}", "{c1}–{c2} {event} {yr}", "{c1}–{c2} {event} {yr}"},
	{"{brand} {c1loc} {sector} yatırımı yapıyor", "{brand} {c1loc} {sector} sərmayəsi qoyur", "{brand} invests in {sector} {c1loc}"},
	{"{org} {event} için başvuruları açtı", "{org} {event} üçün müraciətləri açdı", "{org} opens applications for the {event}"},
	{"{c1} ile {c2} arasında {sector} iş birliği", "{c1} ilə {c2} arasında {sector} əməkdaşlığı", "Cooperation in {sector} between {c1} and {c2}"},
	{"Kardeş şehirlerde {event}: {place} buluşması", "Qardaş şəhərlərdə {event}: {place} görüşü", "The {event} in the sister cities: meeting in {place}"},
	{"{c2} heyeti {c1loc}: {sector} ve {sector2}", "{c2} nümayəndə heyəti {c1loc}: {sector} və {sector2}", "{c2} delegation {c1loc}: {sector} and {sector2}"},
}

var sentences = []tri{
	{"{org} ve {org2} temsilcileri {c1loc} bir araya gelerek {sector} alanındaki iş birliğini ele aldı.",
		"{org} və {org2} nümayəndələri {c1loc} bir araya gələrək {sector} sahəsində əməkdaşlığı müzakirə etdilər.",
		"Representatives of {org} and {org2} met {c1loc} to discuss cooperation in {sector}."},
	{"{year} yılında düzenlenecek {event}, {month} ayında {c2loc} yapılacak.",
		"{year} ildə keçiriləcək {event} {month} ayında {c2loc} təşkil olunacaq.",
		"The {event} planned for {year} will take place {c2loc} in {month}."},
	{"İzmir ve Bakü, 1986'da imzalanan protokolle kardeş şehir oldu; 2026 ilişkilerin 40. yılı olarak kutlanıyor.",
		"İzmir və Bakı 1986-cı ildə imzalanan protokolla qardaş şəhər oldular; 2026-cı il əlaqələrin 40-cı ili kimi qeyd olunur.",
		"İzmir and Baku became sister cities by a protocol signed in 1986; 2026 marks the 40th year of the partnership."},
	{"{brand} firması {c1gen} limanı üzerinden {sector} ürünlerini ihraç etmeyi planlıyor.",
		"{brand} şirkəti {c1gen} limanı vasitəsilə {sector} məhsullarını ixrac etməyi planlaşdırır.",
		"{brand} plans to export {sector} products through the port of {c1}."},
	{"{c1loc} okuyan Azerbaycanlı öğrenciler kültürel, akademik ve sosyal yaşamda destek görüyor.",
		"{c1loc} təhsil alan azərbaycanlı tələbələr mədəni, akademik və sosial həyatda dəstək alırlar.",
		"Azerbaijani students studying {c1loc} receive support with cultural, academic and social life."},
	{"{event} kapsamında {n} katılımcı {sector} sektöründeki fırsatları değerlendirdi.",
		"{event} çərçivəsində {n} iştirakçı {sector} sektorundakı imkanları dəyərləndirdi.",
		"During the {event}, {n} participants looked at opportunities in the {sector} sector."},
	{"Gençlik ve gönüllülük programları iki şehir arasındaki bağları güçlendiriyor.",
		"Gənclər və könüllülük proqramları iki şəhər arasındakı bağları möhkəmləndirir.",
		"Youth and volunteering programmes strengthen the ties between the two cities."},
	{"{org}, {sector} ve {sector2} alanlarındaki ortak projeler için başvuruları bekliyor.",
		"{org} {sector} və {sector2} sahələrində birgə layihələr üçün müraciətləri gözləyir.",
		"{org} invites applications for joint projects in {sector} and {sector2}."},
	{"Ziyaret sırasında heyet {place} bölgesindeki üretim tesislerini ve müzeleri gezdi.",
		"Səfər zamanı nümayəndə heyəti {place} ərazisindəki istehsal müəssisələrini və muzeyləri gəzdi.",
		"During the visit the delegation toured production sites and museums in {place}."},
	{"{brand} ile {brand2} arasındaki B2B görüşmeleri {c2loc} sonuçlandı.",
		"{brand} ilə {brand2} arasında B2B görüşləri {c2loc} yekunlaşdı.",
		"B2B meetings between {brand} and {brand2} concluded {c2loc}."},
	{"Etkinliğe katılım ücretsizdir; kayıtlar {month} sonuna kadar açık kalacak.",
		"Tədbirdə iştirak pulsuzdur; qeydiyyat {month} ayının sonuna qədər açıqdır.",
		"Attendance is free; registration stays open until the end of {month}."},
	{"{c1gen} sanayi bölgeleri ve üretim kapasitesi Azerbaycanlı iş insanlarına yeni fırsatlar sunuyor.",
		"{c1gen} sənaye zonaları və istehsal gücü azərbaycanlı iş adamları üçün yeni imkanlar yaradır.",
		"{c1gen} industrial zones and production capacity offer new opportunities to Azerbaijani business people."},
	{"Festivalde halk müziği, mugam konserleri, sergiler ve çocuk atölyeleri yer alacak.",
		"Festivalda xalq musiqisi, muğam konsertləri, sərgilər və uşaq emalatxanaları olacaq.",
		"The festival will feature folk music, mugham concerts, exhibitions and workshops for children."},
	{"Belediye, kardeş şehir projelerini kurumsal ve sürdürülebilir bir zemine taşımaya hazır olduğunu açıkladı.",
		"Bələdiyyə qardaş şəhər layihələrini institusional və davamlı əsasa keçirməyə hazır olduğunu bildirdi.",
		"The municipality said it is ready to put sister-city projects on an institutional and sustainable footing."},
	{"{place} meydanındaki açılışa {c2} heyeti ve {org} temsilcileri katıldı.",
		"{place} meydanındakı açılışda {c2} nümayəndə heyəti və {org} təmsilçiləri iştirak etdilər.",
		"The {c2} delegation and representatives of {org} attended the opening in {place}."},
	{"Podcast serisinin yeni bölümünde {sector} alanında çalışan girişimciler konuşuyor.",
		"Podkast seriyasının yeni epizodunda {sector} sahəsində çalışan sahibkarlar danışır.",
		"In the new episode of the podcast series, entrepreneurs working in {sector} talk about their work."},
}

// syllables make the long tail of company names ("Kordonşə", "Xəzərtex").
var syllables = []string{"ka", "lı", "şə", "mar", "tex", "bay", "nur", "qa", "zər", "gül", "dəm", "kor",
	"sun", "vin", "çay", "ağ", "ər", "öz", "ün", "ros", "ya", "ti", "lan", "xan", "so", "ver", "də", "ım"}

// brands are generated names; each appears in only a few hundred documents, so they are
// the benchmark's rare words.
func makeBrands(r *rand.Rand, n int) []string {
	seen := make(map[string]bool, n)
	out := make([]string, 0, n)
	for len(out) < n {
		var b strings.Builder
		for range 2 + r.IntN(2) {
			b.WriteString(syllables[r.IntN(len(syllables))])
		}
		w := b.String()
		if seen[w] {
			continue
		}
		seen[w] = true
		_, size := utf8.DecodeRuneInString(w)
		out = append(out, text.Upper("tr", w[:size])+w[size:])
	}
	return out
}

// facts are what one thing is about; its three language versions render the same facts.
type facts struct {
	c1, c2, org, org2, sector, sector2, event, brand, brand2, place, month, year, n int
}

type corpus struct {
	brands []string
	seed   uint64
}

func newCorpus(seed uint64) *corpus {
	return &corpus{brands: makeBrands(rand.New(rand.NewPCG(seed, 1)), 3000), seed: seed}
}

func (c *corpus) facts(r *rand.Rand) facts {
	f := facts{
		c1: pick(r, cityWeights), org: r.IntN(len(orgs)),
		sector: r.IntN(len(sectors)), event: r.IntN(len(events)),
		brand: r.IntN(len(c.brands)), place: r.IntN(len(places)),
		month: r.IntN(12), year: 2018 + r.IntN(9), n: 20 + r.IntN(480),
	}
	// A pair names two different cities, organisations, sectors or companies.
	for f.c2 = pick(r, cityWeights); f.c2 == f.c1; f.c2 = pick(r, cityWeights) {
	}
	f.org2 = (f.org + 1 + r.IntN(len(orgs)-1)) % len(orgs)
	f.sector2 = (f.sector + 1 + r.IntN(len(sectors)-1)) % len(sectors)
	f.brand2 = (f.brand + 1 + r.IntN(len(c.brands)-1)) % len(c.brands)
	return f
}

func pick(r *rand.Rand, weights []int) int {
	sum := 0
	for _, w := range weights {
		sum += w
	}
	x := r.IntN(sum)
	for i, w := range weights {
		if x < w {
			return i
		}
		x -= w
	}
	return len(weights) - 1
}

func (c *corpus) fill(tmpl string, f facts, l int) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(tmpl, '{')
		if i < 0 {
			b.WriteString(tmpl)
			return b.String()
		}
		j := strings.IndexByte(tmpl[i:], '}') + i
		b.WriteString(tmpl[:i])
		switch tmpl[i+1 : j] {
		case "c1":
			b.WriteString(cities[f.c1].name[l])
		case "c1loc":
			b.WriteString(cities[f.c1].loc[l])
		case "c1gen":
			b.WriteString(cities[f.c1].gen[l])
		case "c2":
			b.WriteString(cities[f.c2].name[l])
		case "c2loc":
			b.WriteString(cities[f.c2].loc[l])
		case "org":
			b.WriteString(orgs[f.org][l])
		case "org2":
			b.WriteString(orgs[f.org2][l])
		case "sector":
			b.WriteString(sectors[f.sector][l])
		case "sector2":
			b.WriteString(sectors[f.sector2][l])
		case "event":
			b.WriteString(events[f.event][l])
		case "brand":
			b.WriteString(c.brands[f.brand])
		case "brand2":
			b.WriteString(c.brands[f.brand2])
		case "place":
			b.WriteString(places[f.place])
		case "month":
			b.WriteString(months[l][f.month])
		case "yr":
			fmt.Fprint(&b, f.year)
		case "year":
			fmt.Fprint(&b, f.year)
			if l == 1 {
				b.WriteString("-" + azYear[f.year])
			}
		case "n":
			fmt.Fprint(&b, f.n)
		}
		tmpl = tmpl[j+1:]
	}
}

// kindShare is how the corpus splits over kinds: mostly news and events.
var kindShare = []struct {
	kind  string
	share int // percent
	path  tri
}{
	{"news", 55, tri{"haberler", "xeberler", "news"}},
	{"event", 25, tri{"etkinlikler", "tedbirler", "events"}},
	{"project", 8, tri{"projeler", "layiheler", "projects"}},
	{"milestone", 6, tri{"zaman-cizelgesi", "xronologiya", "timeline"}},
	{"episode", 4, tri{"podcast", "podkast", "podcast"}},
	{"page", 2, tri{"sayfa", "sehife", "page"}},
}

// source lists n documents of one kind, three languages per thing.
type source struct {
	c    *corpus
	i    int // index into kindShare
	docs int
}

func (c *corpus) sources(total int) []search.Source {
	var out []search.Source
	left := total
	for i, k := range kindShare {
		n := total * k.share / 100
		if i == len(kindShare)-1 {
			n = left
		}
		left -= n
		out = append(out, &source{c: c, i: i, docs: n})
	}
	return out
}

func (s *source) Kind() string                       { return kindShare[s.i].kind }
func (s *source) Count(context.Context) (int, error) { return s.docs, nil }

var epoch = time.Date(2018, 1, 1, 9, 0, 0, 0, time.UTC)

func (s *source) Each(ctx context.Context, fn func(search.Document) error) error {
	r := rand.New(rand.NewPCG(s.c.seed, uint64(s.i)+2))
	k := kindShare[s.i]
	var f facts
	var title int
	var body []int
	var facts2 []facts
	var date time.Time
	for n := range s.docs {
		l := n % 3
		if l == 0 { // a new thing: its facts serve all three languages
			if err := ctx.Err(); err != nil {
				return err
			}
			f = s.c.facts(r)
			title = r.IntN(len(titles))
			body = r.Perm(len(sentences))[:3+r.IntN(10)]
			facts2 = facts2[:0]
			for range body {
				g := s.c.facts(r)
				if r.IntN(2) == 0 { // half the sentences stay with the thing's own cities
					g.c1, g.c2 = f.c1, f.c2
				}
				facts2 = append(facts2, g)
			}
			date = epoch.Add(time.Duration(r.Int64N(int64(8 * 365 * 24 * time.Hour)))).Truncate(time.Minute)
		}
		var b strings.Builder
		for i, si := range body {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(s.c.fill(sentences[si][l], facts2[i], l))
		}
		ref := fmt.Sprint(n / 3)
		err := fn(search.Document{
			Kind: k.kind, Ref: ref, Lang: langs[l],
			Title: s.c.fill(titles[title][l], f, l), Body: b.String(),
			URL: "/" + langs[l] + "/" + k.path[l] + "/" + ref, Date: date,
		})
		if err != nil {
			return err
		}
	}
	return nil
}
