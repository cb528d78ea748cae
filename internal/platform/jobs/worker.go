package jobs

import (
	"context"
	"sync"
	"time"
)

// Start runs jobs with the given number of workers, each looking for work every poll
// interval (and at once after an Enqueue in this process), until ctx is done. On shutdown it
// claims nothing new but lets running jobs finish, then returns.
func (q *Queue) Start(ctx context.Context, workers int, poll time.Duration) {
	var wg sync.WaitGroup
	for range max(workers, 1) {
		wg.Go(func() { q.work(ctx, poll) })
	}
	wg.Wait()
}

func (q *Queue) work(ctx context.Context, poll time.Duration) {
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-timer.C:
		case <-q.wake:
		}
		// Drain the queue before sleeping again; a running job is not cancelled by shutdown.
		for ctx.Err() == nil {
			ran, err := q.RunOnce(context.WithoutCancel(ctx))
			if err != nil {
				q.log.Error("jobs", "err", err)
			}
			if !ran || err != nil {
				break
			}
		}
		timer.Reset(poll)
	}
}
