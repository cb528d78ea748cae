// Command b2b measures the meeting scheduler against its targets (see README.md).
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/kopru-platform/kopru/internal/b2b/schedule"
)

func main() {
	files, _ := filepath.Glob("/work/shared/b2b-jair/*.dzn")
	for _, f := range files {
		j, err := readDZN(f)
		if err != nil {
			fmt.Println(err)
			os.Exit(1)
		}
		for _, share := range []float64{1, 0.8} {
			in := j.instance(share)
			t := time.Now()
			sc, err := schedule.Solve(in)
			if err != nil {
				fmt.Println(err)
				os.Exit(1)
			}
			fc, _ := schedule.FirstComeFirstServed(in)
			fmt.Println(filepath.Base(f), share, len(sc.Scheduled), sc.UpperBound, len(fc.Scheduled), time.Since(t), sc.Stats.Iterations, schedule.Validate(in, sc))
		}
	}
}
