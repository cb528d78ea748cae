package jobs

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
)

var quiet = slog.New(slog.DiscardHandler)

// clock is a settable time source, so retries are tested by moving time, not by sleeping.
type clock struct{ t time.Time }

func (c *clock) now() time.Time          { return c.t }
func (c *clock) advance(d time.Duration) { c.t = c.t.Add(d) }

func newQueue(d *db.DB) (*Queue, *clock) {
	clk := &clock{t: time.Date(2026, 1, 12, 13, 0, 0, 0, time.UTC)}
	q := New(d, quiet)
	q.now = clk.now
	return q, clk
}

type row struct {
	Status, LastError string
	Attempts          int
	RunAt             time.Time
}

func load(t *testing.T, d *db.DB, id int64) row {
	t.Helper()
	var r row
	err := d.QueryRow(context.Background(), `SELECT status, last_error, attempts, run_at FROM jobs WHERE id = ?`, id).
		Scan(&r.Status, &r.LastError, &r.Attempts, &r.RunAt)
	if err != nil {
		t.Fatal(err)
	}
	r.RunAt = r.RunAt.UTC()
	return r
}

func mustRun(t *testing.T, q *Queue, want bool) {
	t.Helper()
	ran, err := q.RunOnce(context.Background())
	if err != nil || ran != want {
		t.Fatalf("RunOnce = %v, %v; want ran=%v", ran, err, want)
	}
}

type ticketMail struct {
	Email string `json:"email"`
	Event string `json:"event"`
}

func TestEnqueueRunsHandlerWithPayload(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		q, _ := newQueue(d)
		var got []ticketMail
		q.Register("ticket.mail", func(_ context.Context, p json.RawMessage) error {
			var m ticketMail
			if err := json.Unmarshal(p, &m); err != nil {
				return Permanent(err)
			}
			got = append(got, m)
			return nil
		})
		var id int64
		err := d.InTx(ctx, func(tx *db.Tx) (err error) {
			id, err = q.Enqueue(ctx, tx, "ticket.mail", ticketMail{"ayse@example.org", "İzmir–Bakü Kültür Festivali"})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		mustRun(t, q, true)
		if len(got) != 1 || got[0] != (ticketMail{"ayse@example.org", "İzmir–Bakü Kültür Festivali"}) {
			t.Fatalf("handler saw %+v", got)
		}
		if r := load(t, d, id); r.Status != StatusDone || r.Attempts != 1 {
			t.Fatalf("job %+v, want done after 1 attempt", r)
		}
		mustRun(t, q, false)
		if len(got) != 1 {
			t.Fatal("a done job ran again")
		}
	})
}

func TestEnqueueInRolledBackTransactionLeavesNoJob(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		q, _ := newQueue(d)
		boom := errors.New("proposal rejected")
		err := d.InTx(ctx, func(tx *db.Tx) error {
			if _, err := q.Enqueue(ctx, tx, "notify", nil); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatal(err)
		}
		mustRun(t, q, false)
	})
}

func TestFailureIsRetriedWithBackoffThenFails(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		q, clk := newQueue(d)
		calls := 0
		q.Register("flaky", func(context.Context, json.RawMessage) error {
			calls++
			return fmt.Errorf("partner API unavailable (call %d)", calls)
		})
		id, err := q.Enqueue(ctx, d, "flaky", map[string]int{"n": 1}, MaxAttempts(3))
		if err != nil {
			t.Fatal(err)
		}
		for attempt := 1; attempt < 3; attempt++ {
			mustRun(t, q, true)
			r := load(t, d, id)
			wait := time.Duration(attempt*attempt) * 10 * time.Second
			if r.Status != StatusQueued || r.Attempts != attempt || !r.RunAt.Equal(clk.t.Add(wait)) || !strings.Contains(r.LastError, "unavailable") {
				t.Fatalf("after attempt %d: %+v; want queued, retry in %v", attempt, r, wait)
			}
			clk.advance(wait - time.Second)
			mustRun(t, q, false) // not before its time
			clk.advance(time.Second)
		}
		mustRun(t, q, true)
		if r := load(t, d, id); r.Status != StatusFailed || r.Attempts != 3 || r.LastError != "partner API unavailable (call 3)" {
			t.Fatalf("after the last attempt: %+v; want failed", r)
		}
		clk.advance(24 * time.Hour)
		mustRun(t, q, false)
		if calls != 3 {
			t.Fatalf("handler called %d times, want 3", calls)
		}
	})
}

func TestPermanentPanicAndUnknownKindFailAtOnce(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		q, _ := newQueue(d)
		q.Register("bad-payload", func(context.Context, json.RawMessage) error {
			return Permanent(errors.New("event 42 no longer exists"))
		})
		q.Register("buggy", func(context.Context, json.RawMessage) error { panic("nil map") })
		perm, _ := q.Enqueue(ctx, d, "bad-payload", nil)
		buggy, _ := q.Enqueue(ctx, d, "buggy", nil, MaxAttempts(1))
		unknown, err := q.Enqueue(ctx, d, "podcast.transcode", nil)
		if err != nil {
			t.Fatal(err)
		}
		for range 3 {
			mustRun(t, q, true)
		}
		mustRun(t, q, false)
		for id, want := range map[int64]string{perm: "event 42 no longer exists", buggy: "panic: nil map", unknown: `no handler registered for job kind "podcast.transcode"`} {
			if r := load(t, d, id); r.Status != StatusFailed || r.Attempts != 1 || r.LastError != want {
				t.Errorf("job %d: %+v; want failed with %q", id, r, want)
			}
		}
	})
}

func TestRunAtInTheFutureWaits(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		q, clk := newQueue(d)
		ran := 0
		q.Register("reminder", func(context.Context, json.RawMessage) error { ran++; return nil })
		if _, err := q.Enqueue(ctx, d, "reminder", nil, RunAt(clk.t.Add(24*time.Hour))); err != nil {
			t.Fatal(err)
		}
		mustRun(t, q, false)
		clk.advance(24*time.Hour - time.Second)
		mustRun(t, q, false)
		clk.advance(time.Second)
		mustRun(t, q, true)
		if ran != 1 {
			t.Fatalf("ran %d times", ran)
		}
	})
}

func TestDedupeKey(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		q, _ := newQueue(d)
		q.Register("search.reindex", func(context.Context, json.RawMessage) error { return nil })
		first, err := q.Enqueue(ctx, d, "search.reindex", nil, DedupeKey("reindex:news"))
		if err != nil {
			t.Fatal(err)
		}
		var again int64
		err = d.InTx(ctx, func(tx *db.Tx) (err error) {
			again, err = q.Enqueue(ctx, tx, "search.reindex", nil, DedupeKey("reindex:news"))
			return err
		})
		if err != nil || again != first {
			t.Fatalf("second Enqueue = %d, %v; want the existing %d", again, err, first)
		}
		other, err := q.Enqueue(ctx, d, "search.reindex", nil, DedupeKey("reindex:events"))
		if err != nil || other == first {
			t.Fatalf("another key = %d, %v; want a new job", other, err)
		}
		mustRun(t, q, true)
		mustRun(t, q, true)
		mustRun(t, q, false)
		// Once the job is done the key is free again.
		next, err := q.Enqueue(ctx, d, "search.reindex", nil, DedupeKey("reindex:news"))
		if err != nil || next == first {
			t.Fatalf("after completion = %d, %v; want a new job", next, err)
		}
	})
}

func TestExpiredLeaseIsRunAgain(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		q, clk := newQueue(d)
		ran := 0
		q.Register("certificate.render", func(context.Context, json.RawMessage) error { ran++; return nil })
		id, err := q.Enqueue(ctx, d, "certificate.render", nil)
		if err != nil {
			t.Fatal(err)
		}
		// A worker claimed it and crashed: running, lease still held.
		if _, err := d.Exec(ctx, `UPDATE jobs SET status = 'running', attempts = 1, locked_until = ? WHERE id = ?`, clk.t.Add(time.Minute), id); err != nil {
			t.Fatal(err)
		}
		mustRun(t, q, false)
		if _, err := d.Exec(ctx, `UPDATE jobs SET locked_until = ? WHERE id = ?`, clk.t.Add(-time.Second), id); err != nil {
			t.Fatal(err)
		}
		mustRun(t, q, true)
		if r := load(t, d, id); ran != 1 || r.Status != StatusDone || r.Attempts != 2 {
			t.Fatalf("ran %d, job %+v; want done after 2 attempts", ran, r)
		}
	})
}

func TestLeaseExpiredOnLastAttemptFails(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		q, clk := newQueue(d)
		ran := 0
		q.Register("oom", func(context.Context, json.RawMessage) error { ran++; return nil })
		id, _ := q.Enqueue(ctx, d, "oom", nil, MaxAttempts(2))
		if _, err := d.Exec(ctx, `UPDATE jobs SET status = 'running', attempts = 2, locked_until = ? WHERE id = ?`, clk.t.Add(-time.Second), id); err != nil {
			t.Fatal(err)
		}
		mustRun(t, q, true)
		if r := load(t, d, id); ran != 0 || r.Status != StatusFailed || !strings.Contains(r.LastError, "lease expired") {
			t.Fatalf("ran %d, job %+v; want failed without running", ran, r)
		}
	})
}

func TestTwoInstancesRunEachJobOnce(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		const jobs = 50
		var runs sync.Map // job number → *atomic.Int32
		handler := func(_ context.Context, p json.RawMessage) error {
			var n int
			if err := json.Unmarshal(p, &n); err != nil {
				return Permanent(err)
			}
			c, _ := runs.LoadOrStore(n, new(atomic.Int32))
			c.(*atomic.Int32).Add(1)
			return nil
		}
		a, b := New(d, quiet), New(d, quiet)
		a.Register("count", handler)
		b.Register("count", handler)
		for i := range jobs {
			if _, err := a.Enqueue(ctx, d, "count", i); err != nil {
				t.Fatal(err)
			}
		}
		var wg sync.WaitGroup
		for _, q := range []*Queue{a, b, a, b, a, b} {
			wg.Go(func() {
				for {
					ran, err := q.RunOnce(ctx)
					if err != nil {
						t.Error(err)
						return
					}
					if !ran {
						return
					}
				}
			})
		}
		wg.Wait()
		for i := range jobs {
			n := int32(0)
			if c, ok := runs.Load(i); ok {
				n = c.(*atomic.Int32).Load()
			}
			if n != 1 {
				t.Errorf("job %d ran %d times, want once", i, n)
			}
		}
		var notDone int
		if err := d.QueryRow(ctx, `SELECT COUNT(*) FROM jobs WHERE status <> 'done'`).Scan(&notDone); err != nil || notDone != 0 {
			t.Fatalf("%d jobs not done (%v)", notDone, err)
		}
	})
}

func TestStartRunsJobsAndFinishesThemOnShutdown(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		q := New(d, quiet)
		started, release := make(chan struct{}), make(chan struct{})
		q.Register("report.build", func(ctx context.Context, _ json.RawMessage) error {
			close(started)
			<-release
			return ctx.Err() // shutdown must not cancel a running job
		})
		ctx, cancel := context.WithCancel(context.Background())
		stopped := make(chan struct{})
		go func() { q.Start(ctx, 2, time.Hour); close(stopped) }()

		id, err := q.Enqueue(context.Background(), d, "report.build", nil)
		if err != nil {
			t.Fatal(err)
		}
		select {
		case <-started:
		case <-time.After(30 * time.Second): // a hang guard; the worker starts at once
			t.Fatal("Start did not pick up the job")
		}
		cancel()
		select {
		case <-stopped:
			t.Fatal("Start returned while a job was still running")
		default:
		}
		close(release)
		<-stopped
		if r := load(t, d, id); r.Status != StatusDone {
			t.Fatalf("job %+v after shutdown, want done", r)
		}
	})
}

func TestBackoff(t *testing.T) {
	for attempts, want := range map[int]time.Duration{1: 10 * time.Second, 2: 40 * time.Second, 3: 90 * time.Second, 18: 54 * time.Minute, 19: time.Hour, 1 << 40: time.Hour} {
		if got := backoff(attempts); got != want {
			t.Errorf("backoff(%d) = %v, want %v", attempts, got, want)
		}
	}
}

// A job enqueued in a transaction wakes the worker only once it is committed: woken earlier,
// the worker would find nothing and sleep until its next poll.
func TestEnqueueInTransactionWakesTheWorkerAfterCommit(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		q, _ := newQueue(d)
		woken := func() bool {
			select {
			case <-q.wake:
				return true
			default:
				return false
			}
		}
		err := d.InTx(ctx, func(tx *db.Tx) error {
			if _, err := q.Enqueue(ctx, tx, "notify", nil); err != nil {
				return err
			}
			if woken() {
				t.Error("the worker was woken before the job was committed")
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if !woken() {
			t.Error("the worker was not woken after the commit")
		}
		if _, err := q.Enqueue(ctx, d, "notify", nil); err != nil || !woken() {
			t.Errorf("outside a transaction the worker is woken at once (%v)", err)
		}
	})
}
