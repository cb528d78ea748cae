package i18n

import (
	"math"
	"testing"
	"time"
)

var (
	istanbul = MustLocation("Europe/Istanbul") // UTC+3
	baku     = MustLocation("Asia/Baku")       // UTC+4
	izmir    = Zone{Name: "İzmir", Location: istanbul}
	bakuZone = Zone{Name: "Bakü", Location: baku}
)

// 12 Jan 2026 13:03 UTC = 16:03 in İzmir, 17:03 in Bakü.
var sample = time.Date(2026, 1, 12, 13, 3, 0, 0, time.UTC)

func TestFormatDates(t *testing.T) {
	tests := []struct {
		lang                        string
		date, dateTime, clock, long string
	}{
		{"tr", "12.01.2026", "12.01.2026 16:03", "16:03", "12 Ocak 2026"},
		{"az", "12.01.2026", "12.01.2026 16:03", "16:03", "12 yanvar 2026"},
		{"en", "12 Jan 2026", "12 Jan 2026 16:03", "16:03", "12 January 2026"},
		{"xx", "12.01.2026", "12.01.2026 16:03", "16:03", "12 Ocak 2026"},
	}
	for _, tt := range tests {
		check := func(name, got, want string) {
			t.Helper()
			if got != want {
				t.Errorf("%s(%q) = %q, want %q", name, tt.lang, got, want)
			}
		}
		check("FormatDate", FormatDate(tt.lang, sample, istanbul), tt.date)
		check("FormatDateTime", FormatDateTime(tt.lang, sample, istanbul), tt.dateTime)
		check("FormatTime", FormatTime(tt.lang, sample, istanbul), tt.clock)
		check("FormatLongDate", FormatLongDate(tt.lang, sample, istanbul), tt.long)
	}
}

func TestFormatDateLocation(t *testing.T) {
	late := time.Date(2026, 8, 31, 21, 30, 0, 0, time.UTC) // already 1 Sep in İzmir and Bakü
	tests := []struct {
		lang string
		loc  *time.Location
		want string
	}{
		{"tr", istanbul, "1 Eylül 2026"},
		{"az", baku, "1 sentyabr 2026"},
		{"en", nil, "31 August 2026"}, // nil means UTC, never time.Local
	}
	for _, tt := range tests {
		if got := FormatLongDate(tt.lang, late, tt.loc); got != tt.want {
			t.Errorf("FormatLongDate(%q, %v) = %q, want %q", tt.lang, tt.loc, got, tt.want)
		}
	}
	if got := FormatDate("en", late, nil); got != "31 Aug 2026" {
		t.Errorf("FormatDate(en, nil loc) = %q", got)
	}
}

func TestMonthNames(t *testing.T) {
	for lang, names := range monthNames {
		for m := time.January; m <= time.December; m++ {
			got := FormatLongDate(lang, time.Date(2026, m, 5, 12, 0, 0, 0, time.UTC), time.UTC)
			if want := "5 " + names[m-1] + " 2026"; got != want {
				t.Errorf("FormatLongDate(%q, month %d) = %q, want %q", lang, m, got, want)
			}
		}
	}
	if got := monthNames["tr"][1] + monthNames["az"][7] + monthNames["en"][11]; got != "ŞubatavqustDecember" {
		t.Errorf("month spot check = %q", got)
	}
}

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		lang     string
		v        float64
		decimals int
		want     string
	}{
		{"tr", 1234.5, 1, "1.234,5"},
		{"az", 1234.5, 1, "1.234,5"},
		{"en", 1234.5, 1, "1,234.5"},
		{"tr", 1234567.891, 2, "1.234.567,89"},
		{"en", 1234567.891, 2, "1,234,567.89"},
		{"tr", 999.99, 0, "1.000"},
		{"tr", 123, 0, "123"},
		{"tr", 0.5, 2, "0,50"},
		{"tr", -1234.5, 1, "-1.234,5"},
		{"en", -1234.5, 1, "-1,234.5"},
		{"tr", -0.04, 1, "0,0"},
		{"tr", 1234.25, -1, "1.234,25"},
		{"en", 100000, 0, "100,000"},
		{"xx", 1234.5, 1, "1.234,5"},
		{"tr", math.NaN(), 1, "NaN"},
		{"en", math.Inf(-1), 1, "-Inf"},
	}
	for _, tt := range tests {
		if got := FormatNumber(tt.lang, tt.v, tt.decimals); got != tt.want {
			t.Errorf("FormatNumber(%q, %v, %d) = %q, want %q", tt.lang, tt.v, tt.decimals, got, tt.want)
		}
	}
}

func TestFormatInt(t *testing.T) {
	tests := []struct {
		lang string
		v    int64
		want string
	}{
		{"tr", 1234567, "1.234.567"},
		{"az", 1234567, "1.234.567"},
		{"en", 1234567, "1,234,567"},
		{"tr", 0, "0"},
		{"tr", 999, "999"},
		{"tr", 1000, "1.000"},
		{"en", -1000, "-1,000"},
		{"tr", math.MinInt64, "-9.223.372.036.854.775.808"},
	}
	for _, tt := range tests {
		if got := FormatInt(tt.lang, tt.v); got != tt.want {
			t.Errorf("FormatInt(%q, %d) = %q, want %q", tt.lang, tt.v, got, tt.want)
		}
	}
}

func TestDualTime(t *testing.T) {
	utc := func(d, h, m int) time.Time { return time.Date(2026, 1, d, h, m, 0, 0, time.UTC) }
	tbilisi := Zone{Name: "Tiflis", Location: MustLocation("Asia/Tbilisi")} // UTC+4, same as Bakü
	tests := []struct {
		name          string
		lang          string
		t             time.Time
		first, second Zone
		want          string
	}{
		{"same day", "tr", utc(12, 15, 0), bakuZone, izmir, "19:00 Bakü · 18:00 İzmir"},
		{"reversed", "tr", utc(12, 15, 0), izmir, bakuZone, "18:00 İzmir · 19:00 Bakü"},
		{"second on earlier day", "tr", utc(12, 20, 30), bakuZone, izmir, "00:30 Bakü · 23:30 İzmir (12.01.2026)"},
		{"second on later day", "az", utc(12, 20, 30), Zone{"İzmir", istanbul}, Zone{"Bakı", baku}, "23:30 İzmir · 00:30 Bakı (13.01.2026)"},
		{"date in English", "en", utc(12, 20, 30), bakuZone, izmir, "00:30 Bakü · 23:30 İzmir (12 Jan 2026)"},
		{"same zone", "tr", utc(12, 15, 0), izmir, izmir, "18:00 İzmir"},
		{"same offset", "tr", utc(12, 15, 0), bakuZone, tbilisi, "19:00 Bakü"},
		{"nil location is UTC", "tr", utc(12, 15, 0), izmir, Zone{Name: "UTC"}, "18:00 İzmir · 15:00 UTC"},
	}
	for _, tt := range tests {
		if got := DualTime(tt.lang, tt.t, tt.first, tt.second); got != tt.want {
			t.Errorf("%s: DualTime = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestMustLocation(t *testing.T) {
	if got := MustLocation("Asia/Baku").String(); got != "Asia/Baku" {
		t.Errorf("MustLocation = %q", got)
	}
	for _, name := range []string{"Nowhere/City", "Local", ""} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("MustLocation(%q) did not panic", name)
				}
			}()
			MustLocation(name)
		}()
	}
}
