package main

import (
	"fmt"
	"math/rand/v2"

	"github.com/kopru-platform/kopru/internal/platform/text"
	"github.com/kopru-platform/kopru/internal/student/match"
)

// İzmir's universities (JOURNEYS.md, "Facts"), weighted roughly by size: the two large
// state universities take most students.
var universities = []weighted{
	{"Ege Üniversitesi", 25}, {"Dokuz Eylül Üniversitesi", 25}, {"İzmir Kâtip Çelebi Üniversitesi", 12},
	{"İzmir Yüksek Teknoloji Enstitüsü", 8}, {"Yaşar Üniversitesi", 8}, {"İzmir Ekonomi Üniversitesi", 7},
	{"İzmir Bakırçay Üniversitesi", 5}, {"İzmir Demokrasi Üniversitesi", 5}, {"İzmir Tınaztepe Üniversitesi", 5},
}

var fields = []weighted{
	{"Mühendislik Fakültesi", 20}, {"İktisadi ve İdari Bilimler Fakültesi", 15}, {"Tıp Fakültesi", 10},
	{"Hukuk Fakültesi", 6}, {"Eğitim Fakültesi", 8}, {"Fen Fakültesi", 7}, {"Edebiyat Fakültesi", 6},
	{"Mimarlık Fakültesi", 5}, {"Denizcilik Fakültesi", 4}, {"İletişim Fakültesi", 5},
	{"Güzel Sanatlar Fakültesi", 3}, {"Turizm Fakültesi", 5}, {"Diş Hekimliği Fakültesi", 3},
	{"Eczacılık Fakültesi", 3},
}

var interests = []string{
	"futbol", "satranç", "muğam", "tiyatro", "sinema", "fotoğraf", "doğa yürüyüşü", "yemek",
	"müzik", "kitap", "basketbol", "voleybol", "yüzme", "dans", "girişimcilik", "yazılım",
	"gönüllülük", "tarih", "resim", "yelken", "e-spor", "bisiklet", "dil değişimi", "kültür gezileri",
}

// The help topics of the support categories and what mentors are asked about.
var topics = []string{
	"barınma", "ders kaydı", "ikamet izni", "sağlık sigortası", "burs ve finans",
	"staj ve kariyer", "Türkçe", "şehir rehberliği", "sosyal ve kültürel hayat",
}

type weighted struct {
	name   string
	weight int
}

func pickWeighted(r *rand.Rand, w []weighted) string {
	total := 0
	for _, x := range w {
		total += x.weight
	}
	n := r.IntN(total)
	for _, x := range w {
		if n -= x.weight; n < 0 {
			return x.name
		}
	}
	return w[0].name
}

// some draws between least and most distinct values, the front of the list more often
// (popular interests are popular).
func some(r *rand.Rand, vocab []string, least, most int) []string {
	want := least + r.IntN(most-least+1)
	seen := map[int]bool{}
	var out []string
	for len(out) < want {
		u := r.Float64()
		i := int(u * u * float64(len(vocab)))
		if !seen[i] {
			seen[i] = true
			out = append(out, vocab[i])
		}
	}
	return out
}

func chance(r *rand.Rand, p float64) bool { return r.Float64() < p }

// spelt writes a name as a profile form might receive it: one in ten in capitals, with
// Turkish casing, so folding is exercised at scale.
func spelt(r *rand.Rand, s string) string {
	if chance(r, 0.1) {
		return text.Upper("tr", s)
	}
	return s
}

// generate builds a term. Students are Azerbaijani students in İzmir: all speak
// Azerbaijani, most Turkish, many English, some Russian. Mentors are alumni (often
// Azerbaijani themselves), volunteers and professionals: nearly all speak Turkish, a
// third Azerbaijani, many English, a few Russian; three in four name a university, four
// in five a field. Capacities are 1–6; six in ten mentors start the term with no mentee,
// the others with some already. So a student who speaks only Azerbaijani and Russian has
// few candidates, and free places are fewer than students, as at a real term's start.
func generate(students, mentors int, seed uint64) ([]match.Student, []match.Mentor) {
	r := rand.New(rand.NewPCG(seed, 1986))
	ss := make([]match.Student, students)
	for i := range ss {
		langs := []string{"az"}
		for _, l := range []struct {
			code string
			p    float64
		}{{"tr", 0.85}, {"en", 0.55}, {"ru", 0.35}} {
			if chance(r, l.p) {
				langs = append(langs, l.code)
			}
		}
		ss[i] = match.Student{ID: fmt.Sprintf("student-%d", i), University: spelt(r, pickWeighted(r, universities)),
			Field: spelt(r, pickWeighted(r, fields)), Languages: langs,
			Interests: some(r, interests, 2, 5), Wants: some(r, topics, 1, 3)}
	}
	ms := make([]match.Mentor, mentors)
	for i := range ms {
		var langs []string
		for _, l := range []struct {
			code string
			p    float64
		}{{"tr", 0.95}, {"az", 0.35}, {"en", 0.6}, {"ru", 0.15}} {
			if chance(r, l.p) {
				langs = append(langs, l.code)
			}
		}
		if len(langs) == 0 {
			langs = []string{"az"}
		}
		m := match.Mentor{ID: fmt.Sprintf("mentor-%d", i), Languages: langs,
			Interests: some(r, interests, 2, 5), Offers: some(r, topics, 2, 4), Capacity: 1 + r.IntN(6)}
		if chance(r, 0.75) {
			m.University = spelt(r, pickWeighted(r, universities))
		}
		if chance(r, 0.8) {
			m.Field = spelt(r, pickWeighted(r, fields))
		}
		if !chance(r, 0.6) {
			m.Current = r.IntN(m.Capacity + 1)
		}
		ms[i] = m
	}
	return ss, ms
}
