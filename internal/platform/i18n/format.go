package i18n

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // zones must resolve on hosts and containers without /usr/share/zoneinfo
)

// All formatting takes an explicit location: server time zones differ
// between machines, so time.Local is never consulted. A nil loc means UTC.
func in(t time.Time, loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	return t.In(loc)
}

// english reports whether lang formats the English way; everything else
// (tr, az and unsupported codes, which fall back to tr) uses Turkic style.
func english(lang string) bool { return orDefault(lang) == "en" }

// FormatDate formats the calendar date: "12.01.2026" (tr, az), "12 Jan 2026" (en).
func FormatDate(lang string, t time.Time, loc *time.Location) string {
	if english(lang) {
		return in(t, loc).Format("2 Jan 2006")
	}
	return in(t, loc).Format("02.01.2006")
}

// FormatDateTime formats date and 24-hour time: "12.01.2026 16:03" (tr, az),
// "12 Jan 2026 16:03" (en).
func FormatDateTime(lang string, t time.Time, loc *time.Location) string {
	return FormatDate(lang, t, loc) + " " + FormatTime(lang, t, loc)
}

// FormatTime formats the 24-hour wall time, "16:03", in every language.
func FormatTime(lang string, t time.Time, loc *time.Location) string {
	return in(t, loc).Format("15:04")
}

var monthNames = map[string][12]string{
	"tr": {"Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos", "Eylül", "Ekim", "Kasım", "Aralık"},
	// Azerbaijani writes month names in lower case.
	"az": {"yanvar", "fevral", "mart", "aprel", "may", "iyun", "iyul", "avqust", "sentyabr", "oktyabr", "noyabr", "dekabr"},
	"en": {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
}

// FormatLongDate formats the date with the month name: "12 Ocak 2026" (tr),
// "12 yanvar 2026" (az), "12 January 2026" (en).
func FormatLongDate(lang string, t time.Time, loc *time.Location) string {
	t = in(t, loc)
	return fmt.Sprintf("%d %s %d", t.Day(), monthNames[orDefault(lang)][t.Month()-1], t.Year())
}

// FormatNumber formats v with the given number of decimals (-1 means as many
// as needed) and grouped thousands: "1.234,5" (tr, az), "1,234.5" (en).
// NaN and infinities come out as "NaN", "+Inf", "-Inf".
func FormatNumber(lang string, v float64, decimals int) string {
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return s
	}
	return localize(lang, s)
}

// FormatInt formats v with grouped thousands: "1.234.567" (tr, az), "1,234,567" (en).
func FormatInt(lang string, v int64) string {
	return localize(lang, strconv.FormatInt(v, 10))
}

// localize rewrites a Go-formatted number ("-1234.5") with the separators of lang.
func localize(lang, s string) string {
	group, decimal := byte('.'), byte(',')
	if english(lang) {
		group, decimal = ',', '.'
	}
	digits, neg := strings.CutPrefix(s, "-")
	whole, frac, hasFrac := strings.Cut(digits, ".")
	b := make([]byte, 0, len(s)+len(whole)/3)
	// Rounding can turn a small negative into zero; "-0,0" reads as a bug.
	if neg && strings.Trim(whole+frac, "0") != "" {
		b = append(b, '-')
	}
	for i := range len(whole) {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b = append(b, group)
		}
		b = append(b, whole[i])
	}
	if hasFrac {
		b = append(b, decimal)
		b = append(b, frac...)
	}
	return string(b)
}

// A Zone is a named time zone shown to people, e.g. {Name: "Bakü", Location: MustLocation("Asia/Baku")}.
// Name is display text, so callers pick the spelling for the reader's language
// (Bakü, Bakı, Baku).
type Zone struct {
	Name     string
	Location *time.Location
}

// DualTime renders the instant t in two zones, first zone first:
// "19:00 Bakü · 18:00 İzmir". When both zones show the same wall time only the
// first is given ("18:00 İzmir"). When the second zone is on a different
// calendar day its date is added: "00:30 Bakü · 23:30 İzmir (12.01.2026)".
func DualTime(lang string, t time.Time, first, second Zone) string {
	a, b := in(t, first.Location), in(t, second.Location)
	left := strings.TrimSpace(a.Format("15:04") + " " + first.Name)
	const wall = "2006-01-02 15:04"
	if a.Format(wall) == b.Format(wall) {
		return left
	}
	right := strings.TrimSpace(b.Format("15:04") + " " + second.Name)
	if a.Format(time.DateOnly) != b.Format(time.DateOnly) {
		right += " (" + FormatDate(lang, t, second.Location) + ")"
	}
	return left + " · " + right
}

// MustLocation loads the IANA zone name (e.g. "Europe/Istanbul", "Asia/Baku")
// from the embedded tz database and panics if it is unknown; it is meant for
// package-level variables and startup configuration. "" and "Local" are
// rejected because they would silently depend on the host's settings.
func MustLocation(name string) *time.Location {
	if name == "" || name == "Local" {
		panic(fmt.Sprintf("i18n: time zone %q is not an explicit IANA zone", name))
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic("i18n: " + err.Error())
	}
	return loc
}
