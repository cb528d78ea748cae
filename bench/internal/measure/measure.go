// Package measure holds the small figure helpers the benchmarks share: rounding for the JSON
// line, percentiles of latencies, and a process's CPU time.
package measure

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Ms is d in milliseconds, to the microsecond.
func Ms(d time.Duration) float64 { return Round(float64(d.Microseconds())/1000, 3) }

// Round rounds f half away from zero to places decimals.
func Round(f float64, places int) float64 {
	p := 1.0
	for range places {
		p *= 10
	}
	if f < 0 {
		return -float64(int64(-f*p+0.5)) / p
	}
	return float64(int64(f*p+0.5)) / p
}

// Pct is the q-quantile (0..1) of d; d is not changed.
func Pct(d []time.Duration, q float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := slices.Clone(d)
	slices.Sort(s)
	return s[min(len(s)-1, int(q*float64(len(s))))]
}

// clockTicks is USER_HZ, 100 on every Linux the benchmarks are meant for.
const clockTicks = 100

// CPUTime reads the user+system CPU time of process pid from /proc/PID/stat.
func CPUTime(pid int) (time.Duration, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	i := strings.LastIndexByte(string(b), ')')
	if i < 0 {
		return 0, errors.New("unexpected /proc/PID/stat")
	}
	f := strings.Fields(string(b[i+1:]))
	// After "(comm)": state is field 3, utime 14, stime 15, so indexes 11 and 12 here.
	if len(f) < 13 {
		return 0, errors.New("short /proc/PID/stat")
	}
	u, _ := strconv.ParseInt(f[11], 10, 64)
	st, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(u+st) * time.Second / clockTicks, nil
}
