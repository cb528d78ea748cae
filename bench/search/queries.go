package main

// query is one benchmark query and the class it stands for.
type query struct {
	class, text string
}

// The fixed query set: what readers of a partnership site type, in six classes. Brand
// names come from the generated corpus, so they are added by queries().
var (
	commonWords = []string{"izmir", "bakü", "baku", "bakı", "festival", "ticaret", "kültür", "gençlik", "liman",
		"forum", "heyeti", "şəhər", "proqramları", "students", "cooperation", "delegation", "sektör", "öğrenciler",
		"tələbələr", "partnership", "municipality", "belediye", "bələdiyyə", "projects", "layihələr", "qardaş",
		"kardeş", "sister", "protokol", "1986", "2026", "museums", "müzeleri", "muzeyləri", "b2b", "opportunities",
		"fırsatlar", "imkanlar", "registration", "kayıtlar"}
	rareWords = []string{"Kemeraltı", "İçərişəhər", "Binəqədi", "Urla", "Çeşme", "seramik", "keramika", "halıcılık",
		"xalçaçılıq", "petrokimya", "şarapçılık", "Novruz", "Nevruz", "mugham", "tramvay", "olimpiyat", "metro",
		"carpet", "ceramics", "petrochemicals"}
	twoWords = []string{"izmir festival", "bakı gənclər", "trade delegation", "ticaret heyeti", "iş forumu",
		"zeytun yağı", "olive oil", "film haftası", "Novruz bayramı", "sister cities", "mugam konseri", "port services",
		"İzmir limanı", "Bakü protokol", "Gəncə sərgisi", "Sumqayıt tikinti", "Manisa tarım", "Aydın turizm",
		"youth camp", "book fair", "kitap fuarı", "foto sərgisi", "renewable energy", "yenilenebilir enerji",
		"health care", "sağlık eğitim", "tekstil ihracat", "logistika ixrac", "Baku students", "İzmir öğrenciler"}
	prefixes = []string{"izm", "bak", "gən", "fest", "tica", "lim", "deleg", "kült", "gönül", "könül", "volunt",
		"öğren", "tələb", "sekt", "proj", "layih", "ihr", "ixr", "sanay", "sənay", "Sumq", "Manis", "Ayd", "muğ",
		"mug", "konser", "serg", "sərg", "prot", "kard", "qard", "sist", "munic", "beled", "bələd", "Alsan", "Kemer",
		"Xət", "Yasam", "Bornov"}
	dottedCapitals = []string{"İZMİR", "İŞ FORUMU", "GENÇLİK", "İHRACAT", "İÇƏRİŞƏHƏR", "İZAZDER", "BİRLİKLERİ",
		"İNŞAAT", "ÜNİVERSİTESİ", "İSTEHSAL", "TİCARƏT", "İZMİR LİMANI", "BELEDİYESİ", "DİZAYN", "İŞTİRAKÇI",
		"EĞİTİM", "İNKİŞAF", "BİZNES", "KİTAB", "FİLM HAFTASI"}
	schwaWords = []string{"şəhər", "gənclər", "Gəncə", "təhsil", "səfər", "nümayəndə heyəti", "əməkdaş", "sərmayə",
		"müraciətlər", "bələdiyyə", "xalçaçılıq", "şərabçılıq", "sənaye", "ərazisindəki", "məhsulları", "tədbirdə",
		"dəstək", "Səbail", "Nəsimi", "Xətai"}
)

// queries returns the whole set: the fixed words plus 20 generated company names (rare
// words) and 10 company-and-city pairs.
func queries(c *corpus) []query {
	var qs []query
	add := func(class string, ts []string) {
		for _, t := range ts {
			qs = append(qs, query{class, t})
		}
	}
	add("common", commonWords)
	add("rare", rareWords)
	for i := range 20 {
		qs = append(qs, query{"rare", c.brands[i*97%len(c.brands)]})
	}
	add("two_words", twoWords)
	for i := range 10 {
		qs = append(qs, query{"two_words", c.brands[i*31%len(c.brands)] + " " + cities[i%len(cities)].name[i%3]})
	}
	add("prefix", prefixes)
	add("dotted_capital", dottedCapitals)
	add("schwa", schwaWords)
	return qs
}
