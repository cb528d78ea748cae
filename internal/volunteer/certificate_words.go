package volunteer

import (
	"fmt"
	"strings"
)

// Certificates state the total twice, as figures and in words ("12:30 — on iki saat otuz
// dakika"), as certificates and cheques do: a figure altered by hand no longer matches.

// HoursMinutes writes minutes as h:mm ("12:30"); hours are not capped at a day.
func HoursMinutes(minutes int) string {
	return fmt.Sprintf("%d:%02d", minutes/60, minutes%60)
}

type certNumberWords struct {
	ones     [10]string
	tens     [10]string
	hundred  string // Turkic languages say "yüz", not "bir yüz"
	thousand string
	hour     [2]string // singular, plural (English only differs)
	minute   [2]string
}

var certWords = map[string]certNumberWords{
	"tr": {
		ones:    [10]string{"", "bir", "iki", "üç", "dört", "beş", "altı", "yedi", "sekiz", "dokuz"},
		tens:    [10]string{"", "on", "yirmi", "otuz", "kırk", "elli", "altmış", "yetmiş", "seksen", "doksan"},
		hundred: "yüz", thousand: "bin", hour: [2]string{"saat", "saat"}, minute: [2]string{"dakika", "dakika"},
	},
	"az": {
		ones:    [10]string{"", "bir", "iki", "üç", "dörd", "beş", "altı", "yeddi", "səkkiz", "doqquz"},
		tens:    [10]string{"", "on", "iyirmi", "otuz", "qırx", "əlli", "altmış", "yetmiş", "səksən", "doxsan"},
		hundred: "yüz", thousand: "min", hour: [2]string{"saat", "saat"}, minute: [2]string{"dəqiqə", "dəqiqə"},
	},
	"en": {
		ones:    [10]string{"", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"},
		tens:    [10]string{"", "ten", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"},
		hundred: "hundred", thousand: "thousand", hour: [2]string{"hour", "hours"}, minute: [2]string{"minute", "minutes"},
	},
}

var certEnglishTeens = [10]string{"ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"}

// certNumberInWords spells 0 < n < 1,000,000 in lang (British English puts "and" before the
// last two digits: "one hundred and five").
func certNumberInWords(lang string, n int) string {
	w, ok := certWords[lang]
	if !ok {
		w, lang = certWords["tr"], "tr"
	}
	var parts []string
	if th := n / 1000; th > 0 {
		if th > 1 || lang == "en" {
			parts = append(parts, certUnderThousand(lang, w, th))
		}
		parts = append(parts, w.thousand)
		n %= 1000
	}
	if n > 0 {
		if lang == "en" && len(parts) > 0 && n < 100 {
			parts = append(parts, "and")
		}
		parts = append(parts, certUnderThousand(lang, w, n))
	}
	return strings.Join(parts, " ")
}

func certUnderThousand(lang string, w certNumberWords, n int) string {
	var parts []string
	if h := n / 100; h > 0 {
		if h > 1 || lang == "en" {
			parts = append(parts, w.ones[h])
		}
		parts = append(parts, w.hundred)
		n %= 100
		if lang == "en" && n > 0 {
			parts = append(parts, "and")
		}
	}
	switch {
	case n == 0:
	case lang == "en" && n >= 10 && n < 20:
		parts = append(parts, certEnglishTeens[n-10])
	case lang == "en" && n%10 != 0 && n > 20:
		parts = append(parts, w.tens[n/10]+"-"+w.ones[n%10])
	default:
		if n/10 > 0 {
			parts = append(parts, w.tens[n/10])
		}
		if n%10 > 0 {
			parts = append(parts, w.ones[n%10])
		}
	}
	return strings.Join(parts, " ")
}

// HoursInWords writes minutes as hours and minutes in words: "on iki saat otuz dakika",
// "twelve hours thirty minutes", "one hour".
func HoursInWords(lang string, minutes int) string {
	w, ok := certWords[lang]
	if !ok {
		w, lang = certWords["tr"], "tr"
	}
	unit := func(n int, names [2]string) string {
		if n == 1 {
			return certNumberInWords(lang, n) + " " + names[0]
		}
		return certNumberInWords(lang, n) + " " + names[1]
	}
	h, m := minutes/60, minutes%60
	var parts []string
	if h > 0 {
		parts = append(parts, unit(h, w.hour))
	}
	if m > 0 {
		parts = append(parts, unit(m, w.minute))
	}
	if len(parts) == 0 {
		return "0 " + w.hour[1]
	}
	return strings.Join(parts, " ")
}
