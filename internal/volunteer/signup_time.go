package volunteer

import (
	"fmt"

	"github.com/kopru-platform/kopru/internal/platform/i18n"
)

// Shift times are shown in the programme's city first and the partner city beside it:
// "18.06.2026 19:00 Bakü · 18:00 İzmir – 23:00 Bakü · 22:00 İzmir".

// zonesFor gives the two cities' zones, the programme's first, named in lang.
func zonesFor(cat *i18n.Catalog, lang string, p *Programme) (first, second i18n.Zone) {
	other := "baku"
	if p.City == "baku" {
		other = "izmir"
	}
	name := func(city string) string { return cat.T(lang, "volunteer.signups.zone."+city) }
	return i18n.Zone{Name: name(p.City), Location: p.Location()},
		i18n.Zone{Name: name(other), Location: cityZones[other]}
}

// ShiftWhen says when a shift is, in lang.
func ShiftWhen(cat *i18n.Catalog, lang string, p *Programme, sh *Shift) string {
	first, second := zonesFor(cat, lang, p)
	start := i18n.FormatDate(lang, sh.StartsAt, first.Location)
	end := i18n.FormatDate(lang, sh.EndsAt, first.Location)
	switch sh.Kind {
	case Ongoing:
		return cat.T(lang, "volunteer.signups.when.ongoing", start, end)
	case Window:
		return fmt.Sprintf("%s %s – %s", start, i18n.DualTime(lang, sh.StartsAt, first, second),
			i18n.DualTime(lang, sh.EndsAt, first, second)) + " · " + cat.T(lang, "volunteer.signups.when.window", sh.Minutes)
	}
	until := i18n.DualTime(lang, sh.EndsAt, first, second)
	if end != start {
		until = end + " " + until
	}
	return fmt.Sprintf("%s %s – %s", start, i18n.DualTime(lang, sh.StartsAt, first, second), until)
}
