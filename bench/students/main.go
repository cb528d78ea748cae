// Command students measures the mentor matching of the student module
// (internal/student/match) against issue 8's target: bulk matching of 2,000 students and
// 500 mentors in under 2 s, with at least 99 % of the optimal total score as an exact
// solver finds it on smaller samples. Greedy matching is measured beside it for contrast.
//
// Run from the repository:
//
//	go run ./bench/students [-students 2000] [-mentors 500] [-seeds 3] [-samples 10]
//
// A summary goes to stdout, then one JSON line, last. The exit status is 1 only when
// something breaks (an invalid assignment); a missed target shows in the JSON.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"slices"
	"syscall"
	"time"

	"github.com/kopru-platform/kopru/internal/student/match"
)

const target = 2 * time.Second

type report struct {
	Students          int     `json:"students"`
	Mentors           int     `json:"mentors"`
	FreePlaces        int     `json:"free_places"`
	CandidatePairs    int     `json:"candidate_pairs"` // of the first seed: pairs with a common language, full mentors included
	Seeds             int     `json:"seeds"`
	AssignMaxMS       float64 `json:"assign_max_ms"`
	AssignMedianMS    float64 `json:"assign_median_ms"`
	AssignMaxCPUMS    float64 `json:"assign_max_cpu_ms"` // the process's CPU time, which other load does not inflate
	BalancedStudents  int     `json:"balanced_students"`
	BalancedMaxMS     float64 `json:"balanced_max_ms"` // about as many students as free places: the hardest shape
	BalancedMaxCPUMS  float64 `json:"balanced_max_cpu_ms"`
	AlikeMS           float64 `json:"alike_ms"` // every profile the same: every pair ties
	AlikeCPUMS        float64 `json:"alike_cpu_ms"`
	AssignMatched     int     `json:"assign_matched"` // of the first seed
	AssignTotal       int     `json:"assign_total"`
	CutShort          bool    `json:"cut_short"`
	GreedyFullRatio   float64 `json:"greedy_full_min_ratio"` // greedy's total / Assign's, the worst seed
	GreedyFullMatched int     `json:"greedy_full_matched"`   // of the first seed
	SampleStudents    int     `json:"sample_students"`
	SampleMentors     int     `json:"sample_mentors"`
	Samples           int     `json:"samples"`
	SampleMinRatio    float64 `json:"sample_min_ratio"` // Assign's total / the Hungarian optimum
	SampleMatchedSame bool    `json:"sample_matched_equal"`
	GreedySampleRatio float64 `json:"greedy_sample_min_ratio"`
	HungarianMaxMS    float64 `json:"hungarian_max_ms"`
	TimeTargetMet     bool    `json:"time_target_met"`
	RatioTargetMet    bool    `json:"ratio_target_met"`
}

func main() {
	students := flag.Int("students", 2000, "students in the full term")
	mentors := flag.Int("mentors", 500, "mentors in the full term")
	seeds := flag.Int("seeds", 3, "generated full terms to time")
	sampleStudents := flag.Int("sample-students", 200, "students in a sample solved exactly by the Hungarian algorithm")
	sampleMentors := flag.Int("sample-mentors", 50, "mentors in a sample")
	balanced := flag.Int("balanced-students", 1400, "students in a term with about as many students as free places (0: skip)")
	samples := flag.Int("samples", 10, "samples to compare with the exact optimum (odd ones with -sample-students, even ones with half as many)")
	prof := flag.String("cpuprofile", "", "write a CPU profile of the full-term runs to this file")
	flag.Parse()
	if *prof != "" {
		out, err := os.Create(*prof)
		if err != nil {
			fail(err)
		}
		if err := pprof.StartCPUProfile(out); err != nil {
			fail(err)
		}
	}

	rep := report{Students: *students, Mentors: *mentors, Seeds: *seeds, BalancedStudents: *balanced,
		SampleStudents: *sampleStudents, SampleMentors: *sampleMentors, Samples: *samples}
	full(&rep)
	alike(&rep)
	if *prof != "" {
		pprof.StopCPUProfile()
	}
	sampled(&rep)
	limit := float64(target.Milliseconds())
	rep.TimeTargetMet = rep.Seeds > 0 && rep.AssignMaxMS < limit && !rep.CutShort && rep.BalancedMaxMS < limit && rep.AlikeMS < limit
	rep.RatioTargetMet = rep.Samples > 0 && rep.SampleMinRatio >= 0.99 && rep.SampleMatchedSame
	b, _ := json.Marshal(rep)
	fmt.Println(string(b))
}

// full times Assign on full-size terms and compares greedy with it.
func full(rep *report) {
	fmt.Printf("Full terms: %d students, %d mentors\n", rep.Students, rep.Mentors)
	var times []float64
	rep.GreedyFullRatio = 1
	for seed := 1; seed <= rep.Seeds; seed++ {
		ss, ms := generate(rep.Students, rep.Mentors, uint64(seed))
		a, took, cpu := timed(ss, ms)
		rep.AssignMaxCPUMS = max(rep.AssignMaxCPUMS, msOf(cpu))
		check(ss, ms, a)
		gm, gt, pairs := greedy(ss, ms)
		ratio := float64(gt) / float64(a.Total)
		times = append(times, msOf(took))
		free := 0
		for _, m := range ms {
			free += m.Free()
		}
		if seed == 1 {
			rep.FreePlaces, rep.CandidatePairs, rep.AssignMatched, rep.AssignTotal, rep.GreedyFullMatched = free, pairs, a.Matched, a.Total, gm
		}
		rep.CutShort = rep.CutShort || a.CutShort
		rep.GreedyFullRatio = min(rep.GreedyFullRatio, ratio)
		fmt.Printf("  seed %d: %d free places, %d candidate pairs; Assign matched %d, total %d in %.0f ms (CPU %.0f ms); greedy matched %d, total %d (%.4f of Assign)\n",
			seed, free, pairs, a.Matched, a.Total, msOf(took), msOf(cpu), gm, gt, ratio)
		if rep.BalancedStudents > 0 {
			ss, ms := generate(rep.BalancedStudents, rep.Mentors, uint64(seed))
			b, took, cpu := timed(ss, ms)
			rep.BalancedMaxCPUMS = max(rep.BalancedMaxCPUMS, msOf(cpu))
			check(ss, ms, b)
			rep.CutShort = rep.CutShort || b.CutShort
			rep.BalancedMaxMS = max(rep.BalancedMaxMS, msOf(took))
			fmt.Printf("          the same mentors with %d students: matched %d, total %d in %.0f ms (CPU %.0f ms)\n",
				rep.BalancedStudents, b.Matched, b.Total, msOf(took), msOf(cpu))
		}
	}
	if len(times) > 0 {
		slices.Sort(times)
		rep.AssignMaxMS, rep.AssignMedianMS = times[len(times)-1], times[len(times)/2]
	}
}

// alike times a term in which every student and every mentor has the same profile, so
// that every pair ties: a search that explores ties needlessly shows here at once.
func alike(rep *report) {
	s := match.Student{University: "Ege Üniversitesi", Field: "Tıp Fakültesi", Languages: []string{"az", "tr"},
		Interests: []string{"satranç"}, Wants: []string{"barınma"}}
	m := match.Mentor{University: s.University, Field: s.Field, Languages: s.Languages,
		Interests: s.Interests, Offers: s.Wants, Capacity: 3}
	ss, ms := make([]match.Student, rep.Students), make([]match.Mentor, rep.Mentors)
	for i := range ss {
		ss[i], ss[i].ID = s, fmt.Sprintf("student-%d", i)
	}
	for i := range ms {
		ms[i], ms[i].ID = m, fmt.Sprintf("mentor-%d", i)
	}
	a, took, cpu := timed(ss, ms)
	check(ss, ms, a)
	rep.CutShort = rep.CutShort || a.CutShort
	rep.AlikeMS, rep.AlikeCPUMS = msOf(took), msOf(cpu)
	fmt.Printf("All alike: %d students, %d mentors with 3 places each: matched %d in %.0f ms (CPU %.0f ms)\n",
		rep.Students, rep.Mentors, a.Matched, msOf(took), msOf(cpu))
}

// sampled compares Assign with the Hungarian algorithm's optimum on smaller terms.
func sampled(rep *report) {
	fmt.Printf("Samples: %d students, %d mentors, against the Hungarian algorithm on expanded places\n", rep.SampleStudents, rep.SampleMentors)
	rep.SampleMinRatio, rep.GreedySampleRatio, rep.SampleMatchedSame = 1, 1, true
	for i := 1; i <= rep.Samples; i++ {
		n := rep.SampleStudents
		if i%2 == 0 {
			n /= 2 // more free places than students: Assign adds students, not places
		}
		ss, ms := generate(n, rep.SampleMentors, uint64(1000+i))
		a, err := match.Assign(ss, ms, match.Options{})
		if err != nil {
			fail(err)
		}
		check(ss, ms, a)
		start := time.Now()
		om, ot := hungarian(ss, ms)
		rep.HungarianMaxMS = max(rep.HungarianMaxMS, msOf(time.Since(start)))
		gm, gt, _ := greedy(ss, ms)
		ratio, gratio := float64(a.Total)/float64(ot), float64(gt)/float64(ot)
		rep.SampleMinRatio = min(rep.SampleMinRatio, ratio)
		rep.GreedySampleRatio = min(rep.GreedySampleRatio, gratio)
		rep.SampleMatchedSame = rep.SampleMatchedSame && a.Matched == om
		fmt.Printf("  sample %2d, %3d students: optimum %d matched, total %d; Assign %d, %d (%.4f); greedy %d, %d (%.4f)\n",
			i, n, om, ot, a.Matched, a.Total, ratio, gm, gt, gratio)
	}
}

// check verifies an assignment independently of the package: every pair a candidate
// with Score's points, no student twice, no mentor over its free places.
func check(ss []match.Student, ms []match.Mentor, a match.Assignment) {
	student := map[string]match.Student{}
	for _, s := range ss {
		student[s.ID] = s
	}
	mentor := map[string]match.Mentor{}
	for _, m := range ms {
		mentor[m.ID] = m
	}
	seen, taken, total := map[string]bool{}, map[string]int{}, 0
	for _, p := range a.Pairs {
		pts, _ := match.Score(student[p.StudentID], mentor[p.MentorID])
		taken[p.MentorID]++
		if seen[p.StudentID] || pts == 0 || pts != p.Points || taken[p.MentorID] > mentor[p.MentorID].Free() {
			fail(fmt.Errorf("invalid pair %+v", p))
		}
		seen[p.StudentID] = true
		total += pts
	}
	if total != a.Total || len(a.Pairs)+len(a.Unmatched) != len(ss) {
		fail(fmt.Errorf("inconsistent assignment: total %d, %d pairs, %d unmatched", a.Total, len(a.Pairs), len(a.Unmatched)))
	}
}

// timed runs Assign with a generous deadline (a cut-short run would show in the JSON) and
// returns its wall-clock time and the process's CPU time over the call.
func timed(ss []match.Student, ms []match.Mentor) (match.Assignment, time.Duration, time.Duration) {
	runtime.GC() // start from a clean heap, so one run's garbage is not collected in the next
	cpu0, start := cpuTime(), time.Now()
	a, err := match.Assign(ss, ms, match.Options{Deadline: start.Add(30 * time.Second)})
	took, cpu := time.Since(start), cpuTime()-cpu0
	if err != nil {
		fail(err)
	}
	return a, took, cpu
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func msOf(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func fail(err error) {
	fmt.Fprintln(os.Stderr, "bench/students:", err)
	os.Exit(1)
}
