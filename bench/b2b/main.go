// Command b2b measures the meeting scheduler against its targets (README.md): the twenty
// JAIR instances with 100% and 80% of the tables, generated forums of 2,000 participants
// against the bound and a first-come-first-served baseline, and, where cbc is installed,
// small generated forums against CBC's proven optimum. It prints a summary and, last, one
// JSON line with the figures and whether each target was met.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/pprof"
	"time"

	"github.com/kopru-platform/kopru/internal/b2b/schedule"
)

type result struct {
	JAIRCases         int     `json:"jair_cases"`
	JAIROptimal       int     `json:"jair_optimal"`
	JAIRMaxMS         float64 `json:"jair_max_ms"`
	JAIRTarget        bool    `json:"jair_target_met"`
	GenRuns           int     `json:"generated_runs"`
	GenMinShare       float64 `json:"generated_min_share_of_bound"`
	GenMaxMS          float64 `json:"generated_max_ms"`
	GenMinOverFCFS    int     `json:"generated_min_gain_over_fcfs"`
	GenShareTarget    bool    `json:"generated_share_target_met"`
	GenTimeTarget     bool    `json:"generated_time_target_met"`
	GenFCFSTarget     bool    `json:"generated_beats_fcfs"`
	ExhRuns           int     `json:"exhibitor_runs"`
	ExhMinShare       float64 `json:"exhibitor_min_share_of_bound"`
	ExhMaxMS          float64 `json:"exhibitor_max_ms"`
	ExhMinOverFCFS    int     `json:"exhibitor_min_gain_over_fcfs"`
	CBCAvailable      bool    `json:"cbc_available"`
	CBCCases          int     `json:"cbc_cases"`
	CBCMatched        int     `json:"cbc_matched"`
	CBCExhCases       int     `json:"cbc_exhibitor_cases"`
	CBCExhMatched     int     `json:"cbc_exhibitor_matched"`
	AllOutputsValid   bool    `json:"all_outputs_valid"`
	CBCAgreementFound bool    `json:"cbc_target_met"`
}

func main() {
	dir := flag.String("jair", "/work/shared/b2b-jair", "folder with the JAIR .dzn files and README.md")
	seeds := flag.Int("seeds", 3, "generated 2,000-participant forums to solve")
	limit := flag.Int("limit-ms", 900, "time_limit_ms for the generated forums (the target is under 1 s overall)")
	prof := flag.String("cpuprofile", "", "write a CPU profile of the run to this file")
	flag.Parse()
	if *prof != "" {
		out, err := os.Create(*prof)
		if err != nil {
			fail(err)
		}
		if err := pprof.StartCPUProfile(out); err != nil {
			fail(err)
		}
		defer pprof.StopCPUProfile()
	}
	res := result{AllOutputsValid: true}
	if err := runJAIR(*dir, &res); err != nil {
		fail(err)
	}
	runGenerated(*seeds, *limit, &res)
	runCBC(&res)
	b, _ := json.Marshal(res)
	fmt.Println(string(b))
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "bench/b2b:", err)
	os.Exit(1)
}

// solve runs the scheduler, times it and checks the answer with schedule.Validate.
func solve(in *schedule.Instance, res *result) (*schedule.Schedule, time.Duration) {
	t := time.Now()
	sc, err := schedule.Solve(in)
	took := time.Since(t)
	if err != nil {
		fail(err)
	}
	if err := schedule.Validate(in, sc); err != nil {
		fmt.Println("  INVALID:", err)
		res.AllOutputsValid = false
	}
	return sc, took
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func runJAIR(dir string, res *result) error {
	optima, err := readOptima(filepath.Join(dir, "README.md"))
	if err != nil {
		return err
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.dzn"))
	fmt.Printf("JAIR instances (%d files), placed / optimum, time:\n", len(files))
	for _, f := range files {
		j, err := readDZN(f)
		if err != nil {
			return err
		}
		name := instanceName(f)
		want, ok := optima[name]
		if !ok {
			return fmt.Errorf("%s: no optimum in the README", name)
		}
		for i, share := range []float64{1, 0.8} {
			sc, took := solve(j.instance(share), res)
			res.JAIRCases++
			if len(sc.Scheduled) == want[i] {
				res.JAIROptimal++
			}
			res.JAIRMaxMS = max(res.JAIRMaxMS, ms(took))
			fmt.Printf("  %-16s tables %3.0f%%  %3d / %3d  bound %3d  %7.2f ms\n", name, share*100, len(sc.Scheduled), want[i], sc.UpperBound, ms(took))
		}
	}
	res.JAIRTarget = res.JAIRCases == 40 && res.JAIROptimal == 40 && res.JAIRMaxMS < 100
	return nil
}

// forums is what a set of generated forums gave: the weakest share of the bound, the
// slowest run and the smallest gain over first-come-first-served.
type forums struct {
	runs            int
	minShare, maxMS float64
	minGainOverFCFS int
}

// forumSpec is the size of the generated forums; exhibitors and perSession shape the
// variant with stands and paced sessions.
var forumSpec = genSpec{participants: 2000, requests: 20000, days: 2, sessionsPerDay: 3, slotsPerSession: 8, tables: 450}

const exhibitors, perSession = 20, 5

func runGenerated(seeds, limit int, res *result) {
	fmt.Println("Generated forums: 2,000 participants, 20,000 requests, 48 slots, 450 tables:")
	f := runForums(seeds, limit, res, func(in *schedule.Instance) *schedule.Instance { return in })
	res.GenRuns, res.GenMinShare, res.GenMaxMS, res.GenMinOverFCFS = f.runs, f.minShare, f.maxMS, f.minGainOverFCFS
	res.GenShareTarget = res.GenMinShare >= 0.999
	res.GenTimeTarget = res.GenMaxMS < 1000
	res.GenFCFSTarget = res.GenMinOverFCFS > 0
	fmt.Printf("The same forums with %d exhibitors at fixed tables and at most %d meetings per participant per session:\n", exhibitors, perSession)
	f = runForums(seeds, limit, res, func(in *schedule.Instance) *schedule.Instance {
		return withExhibitors(in, forumSpec, exhibitors, perSession)
	})
	res.ExhRuns, res.ExhMinShare, res.ExhMaxMS, res.ExhMinOverFCFS = f.runs, f.minShare, f.maxMS, f.minGainOverFCFS
}

func runForums(seeds, limit int, res *result, variant func(*schedule.Instance) *schedule.Instance) forums {
	f := forums{minShare: 1, minGainOverFCFS: 1 << 30}
	for seed := 1; seed <= seeds; seed++ {
		in := variant(generate(forumSpec, uint64(seed)))
		in.TimeLimitMS = limit
		sc, took := solve(in, res)
		t := time.Now()
		fc, err := schedule.FirstComeFirstServed(in)
		fcTook := time.Since(t)
		if err != nil {
			fail(err)
		}
		share := float64(len(sc.Scheduled)) / float64(sc.UpperBound)
		f.runs++
		f.minShare = min(f.minShare, share)
		f.maxMS = max(f.maxMS, ms(took))
		f.minGainOverFCFS = min(f.minGainOverFCFS, len(sc.Scheduled)-len(fc.Scheduled))
		fmt.Printf("  seed %d: placed %d of bound %d (%.2f%%) in %.0f ms; first-come-first-served %d in %.0f ms\n",
			seed, len(sc.Scheduled), sc.UpperBound, 100*share, ms(took), len(fc.Scheduled), ms(fcTook))
	}
	return f
}

// runCBC compares with CBC's proven optimum on small generated forums.
func runCBC(res *result) {
	if _, err := exec.LookPath("cbc"); err != nil {
		fmt.Println("CBC check: cbc is not installed (apt-get install coinor-cbc); skipped")
		return
	}
	res.CBCAvailable = true
	tmp, err := os.MkdirTemp("", "b2b-cbc")
	if err != nil {
		fail(err)
	}
	defer os.RemoveAll(tmp)
	spec := genSpec{participants: 40, requests: 200, days: 1, sessionsPerDay: 2, slotsPerSession: 6, tables: 10}
	fmt.Println("CBC check: 40 participants, 200 requests, 12 slots, 10 tables:")
	res.CBCCases, res.CBCMatched = cbcForums(spec, tmp, res, func(in *schedule.Instance) *schedule.Instance { return in })
	fmt.Println("CBC check, the same with 3 exhibitors at fixed tables and at most 4 meetings per session:")
	res.CBCExhCases, res.CBCExhMatched = cbcForums(spec, tmp, res, func(in *schedule.Instance) *schedule.Instance {
		return withExhibitors(in, spec, 3, 4)
	})
	res.CBCAgreementFound = res.CBCCases > 0 && res.CBCMatched == res.CBCCases && res.CBCExhMatched == res.CBCExhCases
}

// cbcForums solves five small forums and counts those where the scheduler places CBC's
// proven optimum.
func cbcForums(spec genSpec, tmp string, res *result, variant func(*schedule.Instance) *schedule.Instance) (cases, matched int) {
	for seed := 1; seed <= 5; seed++ {
		in := variant(generate(spec, uint64(seed)))
		sc, took := solve(in, res)
		opt, err := cbcOptimum(in, tmp)
		if err != nil {
			fmt.Printf("  seed %d: %v\n", seed, err)
			continue
		}
		cases++
		if len(sc.Scheduled) == opt {
			matched++
		}
		if sc.UpperBound < opt {
			fmt.Printf("  seed %d: BOUND %d BELOW CBC's OPTIMUM %d\n", seed, sc.UpperBound, opt)
			res.AllOutputsValid = false
		}
		fmt.Printf("  seed %d: placed %d, CBC optimum %d, bound %d, %.1f ms\n", seed, len(sc.Scheduled), opt, sc.UpperBound, ms(took))
	}
	return cases, matched
}
