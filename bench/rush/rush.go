package main

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/kopru-platform/kopru/bench/internal/kopruapi"
	"github.com/kopru-platform/kopru/internal/events"
	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// record is one registration attempt as the client saw it.
type record struct {
	email       string
	sent, ack   time.Time // ack is zero unless acknowledged
	acked       bool      // a 2xx answer with the registration
	interrupted bool      // sent, no answer: the server was killed meanwhile
	wasInFlight bool      // interrupted once; a later 409 means it had been stored
	resolved    bool      // a re-send after the restart found it stored (409)
	id          int64
	status      string
	position    int
	err         string
}

func newRecords(n int, tag string) []record {
	recs := make([]record, n)
	for i := range recs {
		recs[i].email = fmt.Sprintf("rush-%s-%05d@example.org", tag, i)
	}
	return recs
}

type rushResult struct {
	acked, errors int
	elapsed       time.Duration
	latencies     []time.Duration
}

// fire sends every attempt of recs not yet acknowledged or resolved, from clients
// goroutines, in index order. With killAt > 0, kill is called (once) when that many have been
// acknowledged, and nothing more is sent. Bounded by the number of attempts and by timeout.
func fire(ctx context.Context, c *kopruapi.Client, eventID int64, recs []record, clients int, timeout time.Duration, killAt int, kill func()) rushResult {
	var pending []int
	for i := range recs {
		if !recs[i].acked && !recs[i].resolved {
			recs[i].interrupted, recs[i].err = false, ""
			pending = append(pending, i)
		}
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	path := fmt.Sprintf("/api/v1/events/%d/registrations", eventID)
	var (
		next     atomic.Int64
		acked    atomic.Int64
		errs     atomic.Int64
		stopping atomic.Bool
		once     sync.Once
		wg       sync.WaitGroup
		latMu    sync.Mutex
		lats     = make([]time.Duration, 0, len(pending))
	)
	start := time.Now()
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				k := int(next.Add(1) - 1)
				if k >= len(pending) || stopping.Load() || ctx.Err() != nil {
					return
				}
				r := &recs[pending[k]]
				var reg kopruapi.Reg
				r.sent = time.Now()
				status, err := c.Do(ctx, http.MethodPost, path, map[string]string{"name": "Rush Visitor", "email": r.email, "locale": "tr"}, &reg)
				now := time.Now()
				switch {
				case err == nil:
					r.acked, r.ack, r.id, r.status, r.position = true, now, reg.ID, reg.Status, reg.Position
					latMu.Lock()
					lats = append(lats, now.Sub(r.sent))
					latMu.Unlock()
					if n := acked.Add(1); killAt > 0 && int(n) == killAt {
						stopping.Store(true)
						once.Do(kill)
					}
				case status == http.StatusConflict && r.wasInFlight:
					r.resolved = true
				case status == 0 && stopping.Load():
					r.interrupted, r.wasInFlight = true, true
				default:
					r.err = err.Error()
					errs.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	return rushResult{acked: int(acked.Load()), errors: int(errs.Load()), elapsed: time.Since(start), latencies: lats}
}

// verification compares what the clients were told with the staff list (arrival order).
type verification struct {
	confirmed, waiting int
	shape              int // list entries whose state does not follow from their place in line
	missing            int // acknowledged registrations not in the list, or different there
	position           int // waiting registrations told a different place in the queue
	causal             int // acknowledged before another was sent, yet behind it in line
	duplicates         int // one address twice
	unstored           int // attempts with no registration at all
}

func (v verification) faults() int {
	return v.shape + v.missing + v.position + v.causal + v.duplicates + v.unstored
}

func (v verification) describe() string {
	if v.faults() == 0 {
		return "every acknowledged registration found, first come first served, waiting positions as told"
	}
	return fmt.Sprintf("FAULTS: %d out of line, %d acknowledged missing/changed, %d wrong positions, %d causal, %d duplicates, %d attempts unstored",
		v.shape, v.missing, v.position, v.causal, v.duplicates, v.unstored)
}

func verify(recs []record, list []kopruapi.Reg, capacity int) verification {
	var v verification
	rank := map[int64]int{}
	seen := map[string]bool{}
	for i, r := range list {
		rank[r.ID] = i
		if seen[r.Email] {
			v.duplicates++
		}
		seen[r.Email] = true
		switch r.Status {
		case "confirmed":
			v.confirmed++
		case "waiting":
			v.waiting++
		}
		if (i < capacity) != (r.Status == "confirmed") || (i >= capacity && r.Status != "waiting") {
			v.shape++
		}
	}
	byRank := make([]*record, len(list))
	for i := range recs {
		r := &recs[i]
		if !seen[r.email] {
			v.unstored++
		}
		if !r.acked {
			continue
		}
		k, ok := rank[r.id]
		if !ok || list[k].Status != r.status || list[k].Email != r.email {
			v.missing++
			continue
		}
		byRank[k] = r
		if r.status == "waiting" && r.position != k-capacity+1 {
			v.position++
		}
	}
	// No registration may stand behind one whose answer came before it was sent: walk the
	// line from the back, keeping the earliest acknowledgement seen behind.
	var earliest time.Time
	for k := len(byRank) - 1; k >= 0; k-- {
		r := byRank[k]
		if r == nil {
			continue
		}
		if !earliest.IsZero() && earliest.Before(r.sent) {
			v.causal++
		}
		if earliest.IsZero() || r.ack.Before(earliest) {
			earliest = r.ack
		}
	}
	return v
}

// verifyPartial checks the invariant on a list that may be incomplete (after the kill): no
// more confirmed than capacity, confirmed first, waiting after.
func verifyPartial(list []kopruapi.Reg, capacity int) bool {
	for i, r := range list {
		want := "waiting"
		if i < capacity {
			want = "confirmed"
		}
		if r.Status != want {
			return false
		}
	}
	return true
}

type bareResult struct {
	elapsed                    time.Duration
	errors, confirmed, waiting int
	orderFaults                int
}

// runBare is the baseline: the same Register (event lock, conditional count, insert) through
// the same service code on the same database, from o.clients goroutines, without HTTP.
func runBare(ctx context.Context, o options, storeURL string) (*bareResult, error) {
	d, err := db.Open(ctx, storeURL)
	if err != nil {
		return nil, err
	}
	defer d.Close()
	var pid, uid int64
	if err := d.QueryRow(ctx, `SELECT id FROM partnerships ORDER BY id LIMIT 1`).Scan(&pid); err != nil {
		return nil, fmt.Errorf("partnership: %w", err)
	}
	if err := d.QueryRow(ctx, `SELECT id FROM users WHERE email = ?`, kopruapi.CoordEmail).Scan(&uid); err != nil {
		return nil, fmt.Errorf("coordinator: %w", err)
	}
	key := make([]byte, 32)
	_, _ = rand.Read(key)
	svc := events.NewService(d, key)
	coord := &web.Viewer{ID: uid, Email: kopruapi.CoordEmail, Roles: []string{"coordinator"}, Locale: "tr"}
	now := time.Now().UTC()
	opens := now.Add(-time.Hour)
	title := i18n.Text{TR: "Yük testi çıplak", AZ: "Yük testi", EN: "Load test bare"}
	e, err := svc.Create(ctx, coord, events.Input{PartnershipID: pid, Kind: events.Festival, Slug: "rush-bare", Title: title,
		Description: title, Venue: events.Venue{Name: "Kültürpark", Address: "Şehitler Cd.", City: "İzmir"}, Zone: "Europe/Istanbul",
		StartsAt: now.Add(30 * 24 * time.Hour), EndsAt: now.Add(30*24*time.Hour + 6*time.Hour), Visibility: events.Public,
		Status: events.Published, Capacity: o.capacity, AllowGuests: true, OpensAt: &opens})
	if err != nil {
		return nil, fmt.Errorf("create event: %w", err)
	}
	recs := newRecords(o.attempts, "bare")
	var (
		next atomic.Int64
		errs atomic.Int64
		wg   sync.WaitGroup
	)
	ctx2, cancel := context.WithTimeout(ctx, o.timeout)
	defer cancel()
	start := time.Now()
	for range o.clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				k := int(next.Add(1) - 1)
				if k >= len(recs) || ctx2.Err() != nil {
					return
				}
				r := &recs[k]
				r.sent = time.Now()
				reg, err := svc.Register(ctx2, nil, events.RegisterInput{EventID: e.ID, Name: "Rush Visitor", Email: r.email, Locale: "tr"})
				if err != nil {
					r.err = err.Error()
					errs.Add(1)
					continue
				}
				r.acked, r.ack, r.id, r.status, r.position = true, time.Now(), reg.ID, string(reg.Status), reg.Position
			}
		}()
	}
	wg.Wait()
	res := &bareResult{elapsed: time.Since(start), errors: int(errs.Load())}
	regs, err := svc.Registrations(ctx, coord, e.ID, "")
	if err != nil {
		return nil, err
	}
	list := make([]kopruapi.Reg, len(regs))
	for i, r := range regs {
		list[i] = kopruapi.Reg{ID: r.ID, Email: r.Email, Status: string(r.Status)}
	}
	v := verify(recs, list, o.capacity)
	res.confirmed, res.waiting, res.orderFaults = v.confirmed, v.waiting, v.faults()
	if res.errors > 0 {
		return res, errors.New("bare: " + firstErr(recs))
	}
	return res, nil
}
