package podcast

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"os"
	"sort"
	"strings"
)

// CountryUnknown is the country of a listener when no database is configured or the
// address is in none of its ranges.
const CountryUnknown = "unknown"

// GeoDB finds the country of an IP address in a local table of ranges (the DB-IP "IP to
// Country Lite" CSV layout: start_ip,end_ip,country). It is loaded once at start and
// searched by binary search; nothing is asked of anyone on the network.
type GeoDB struct {
	ranges []geoRange // sorted by start, not overlapping
}

type geoRange struct {
	start, end [16]byte // IPv4 as IPv4-mapped IPv6, so both families sort together
	country    string
}

// LoadGeoDB reads the CSV file at path.
func LoadGeoDB(path string) (*GeoDB, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadGeoDB(f)
}

// ReadGeoDB reads ranges from CSV rows start_ip,end_ip,country (extra columns ignored).
func ReadGeoDB(r io.Reader) (*GeoDB, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	g := &GeoDB{}
	codes := map[string]string{} // one copy of each country code, not one per row
	for line := 1; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("geoip: line %d: %w", line, err)
		}
		if len(rec) < 3 {
			return nil, fmt.Errorf("geoip: line %d: want start_ip,end_ip,country", line)
		}
		start, err1 := netip.ParseAddr(strings.TrimSpace(rec[0]))
		end, err2 := netip.ParseAddr(strings.TrimSpace(rec[1]))
		if err1 != nil || err2 != nil {
			if line == 1 {
				continue // a header row
			}
			return nil, fmt.Errorf("geoip: line %d: not an IP range", line)
		}
		code := strings.ToUpper(strings.TrimSpace(rec[2]))
		if c, ok := codes[code]; ok {
			code = c
		} else {
			codes[code] = code
		}
		g.ranges = append(g.ranges, geoRange{start.As16(), end.As16(), code})
	}
	sort.Slice(g.ranges, func(i, j int) bool { return bytes.Compare(g.ranges[i].start[:], g.ranges[j].start[:]) < 0 })
	return g, nil
}

// Len is the number of ranges loaded.
func (g *GeoDB) Len() int { return len(g.ranges) }

// Country is the ISO code for ip, CountryUnknown when not found (or g is nil).
func (g *GeoDB) Country(ip string) string {
	if g == nil {
		return CountryUnknown
	}
	a, err := netip.ParseAddr(ip)
	if err != nil {
		return CountryUnknown
	}
	k := a.Unmap().As16()
	// The last range starting at or before k is the only one that can hold it.
	i := sort.Search(len(g.ranges), func(i int) bool { return bytes.Compare(g.ranges[i].start[:], k[:]) > 0 }) - 1
	if i < 0 || bytes.Compare(k[:], g.ranges[i].end[:]) > 0 || g.ranges[i].country == "" {
		return CountryUnknown
	}
	return g.ranges[i].country
}
