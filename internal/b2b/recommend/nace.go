package recommend

import (
	"fmt"
	"strconv"
	"strings"
)

// sector is a NACE Rev. 2 code reduced to the two levels complementarity
// looks at: the section letter (A–U) and the two-digit division ("10"), the
// latter empty when only a section was given. Groups and classes ("10.4",
// "10.41") are credited as their division: two firms in 10.41 and 10.51 are
// both food manufacturers and have plenty to talk about.
type sector struct {
	section  byte  // 'A'…'U'
	division uint8 // 1…99, 0 when only the section is known
}

// code is the form a reason shows: "10" for a division, "C" for a section.
func (s sector) code() string {
	if s.division != 0 {
		return fmt.Sprintf("%02d", s.division)
	}
	return string(s.section)
}

// divisionSections maps the first division of each section to its letter;
// a division belongs to the last section starting at or below it (NACE Rev. 2).
var divisionSections = []struct {
	from    int
	section byte
}{
	{1, 'A'}, {5, 'B'}, {10, 'C'}, {35, 'D'}, {36, 'E'}, {41, 'F'}, {45, 'G'}, {49, 'H'},
	{55, 'I'}, {58, 'J'}, {64, 'K'}, {68, 'L'}, {69, 'M'}, {77, 'N'}, {84, 'O'}, {85, 'P'},
	{86, 'Q'}, {90, 'R'}, {94, 'S'}, {97, 'T'}, {99, 'U'},
}

// supplyChains lists division pairs where one typically sells to the other,
// chosen for the trade between İzmir and Azerbaijan. Either direction counts.
var supplyChains = [][2]string{
	{"01", "10"}, // crops and livestock → food products (olives → olive oil, fruit → dried fruit)
	{"03", "10"}, // fishing → fish processing
	{"10", "46"}, // food products → wholesale
	{"11", "46"}, // beverages → wholesale
	{"13", "14"}, // textiles → apparel
	{"13", "46"}, // textiles → wholesale
	{"14", "47"}, // apparel → retail
	{"20", "01"}, // chemicals (fertilisers) → agriculture
	{"20", "22"}, // chemicals → rubber and plastics
	{"06", "19"}, // crude oil and gas → refined petroleum
	{"19", "20"}, // refined petroleum → petrochemicals
	{"24", "25"}, // basic metals → metal products
	{"25", "28"}, // metal products → machinery
	{"28", "10"}, // machinery → food processing lines
	{"23", "41"}, // cement, glass, ceramics → construction of buildings
	{"16", "31"}, // wood → furniture
	{"50", "52"}, // shipping → ports and warehousing
	{"49", "52"}, // road and rail freight → warehousing
	{"52", "46"}, // warehousing → wholesale
	{"55", "79"}, // hotels → travel agencies
	{"35", "06"}, // power generation ↔ oil and gas
}

// chainPartners holds supplyChains by division number, in both directions;
// chainedPair is the same as a table, since ranking asks it for every pair
// of candidates.
var chainPartners, chainedPair = func() (p [100][]uint8, t [100][100]bool) {
	for _, c := range supplyChains {
		a, _ := strconv.Atoi(c[0])
		b, _ := strconv.Atoi(c[1])
		p[a], p[b] = append(p[a], uint8(b)), append(p[b], uint8(a))
		t[a][b], t[b][a] = true, true
	}
	return p, t
}()

// parseSector reads "C", "C10", "10", "10.4", "10.41" or "C10.41"; anything
// else gives ok=false and is ignored (a profile's sectors are validated by
// the b2b module, the ranking only has to stay sane).
func parseSector(code string) (sector, bool) {
	c := strings.ToUpper(strings.TrimSpace(code))
	var s sector
	if c != "" && c[0] >= 'A' && c[0] <= 'U' {
		s.section = c[0]
		c = c[1:]
	}
	if len(c) >= 2 && isDigit(c[0]) && isDigit(c[1]) && (len(c) == 2 || c[2] == '.') {
		s.division = (c[0]-'0')*10 + c[1] - '0'
		sec := sectionOf(s.division)
		if sec == 0 || s.section != 0 && s.section != sec {
			return sector{}, false
		}
		s.section = sec
		return s, true
	}
	return s, c == "" && s.section != 0
}

func isDigit(b byte) bool { return '0' <= b && b <= '9' }

// sectionOf returns the section letter of a division, 0 if none.
func sectionOf(div uint8) byte {
	n := int(div)
	if n < 1 || n > 99 {
		return 0
	}
	var sec byte
	for _, d := range divisionSections {
		if n >= d.from {
			sec = d.section
		}
	}
	return sec
}

// sectorLink is how two participants' sectors relate; the strongest link
// over all their pairs of sectors counts.
type sectorLink struct {
	kind reasonKind // sameDivision, supplyChain, sameSection, or none
	a, b sector     // the pair that links (b = the other side's)
}

// linkSectors finds the strongest relation between two sector lists.
func linkSectors(a, b []sector) sectorLink {
	best := sectorLink{kind: none}
	for _, x := range a {
		for _, y := range b {
			l := link(x, y)
			if l.kind != none && (best.kind == none || weights.sector[l.kind] > weights.sector[best.kind]) {
				best = l
			}
		}
	}
	return best
}

func link(x, y sector) sectorLink {
	switch {
	case x.division != 0 && x.division == y.division:
		return sectorLink{sameDivision, x, y}
	case chainedPair[x.division][y.division]: // division 0 is in no pair
		return sectorLink{supplyChain, x, y}
	case x.section == y.section:
		return sectorLink{sameSection, sector{section: x.section}, sector{section: y.section}}
	}
	return sectorLink{kind: none}
}
