package main

import (
	"context"
	"encoding/hex"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/kopru-platform/kopru/bench/internal/kopruapi"
	"github.com/kopru-platform/kopru/internal/events"
	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// seedEvent creates a published event and n confirmed guest registrations in-process, on the
// server's database while the server is stopped, and returns the event and the ticket codes.
// The codes are signed with the installation's ticket key (app_secrets "tickets"), which the
// server created on its first start, so the server verifies them as its own. This skips the
// confirmation mails (PDF ticket, .ics) that registering over the API would render.
func seedEvent(ctx context.Context, storeURL, slug string, n, workers int) (int64, []string, error) {
	d, err := db.Open(ctx, storeURL)
	if err != nil {
		return 0, nil, err
	}
	defer d.Close()
	var (
		pid, uid int64
		key      string
	)
	if err := d.QueryRow(ctx, `SELECT id FROM partnerships ORDER BY id LIMIT 1`).Scan(&pid); err != nil {
		return 0, nil, fmt.Errorf("partnership: %w", err)
	}
	if err := d.QueryRow(ctx, `SELECT id FROM users WHERE email = ?`, kopruapi.CoordEmail).Scan(&uid); err != nil {
		return 0, nil, fmt.Errorf("coordinator: %w", err)
	}
	if err := d.QueryRow(ctx, `SELECT value FROM app_secrets WHERE name = ?`, "tickets").Scan(&key); err != nil {
		return 0, nil, fmt.Errorf("ticket key: %w", err)
	}
	secret, err := hex.DecodeString(key)
	if err != nil {
		return 0, nil, err
	}
	svc := events.NewService(d, secret)
	coord := &web.Viewer{ID: uid, Email: kopruapi.CoordEmail, Roles: []string{"coordinator"}, Locale: "tr"}
	now := time.Now().UTC()
	opens := now.Add(-time.Hour)
	title := i18n.Text{TR: "Giriş testi " + slug, AZ: "Giriş testi " + slug, EN: "Check-in test " + slug}
	e, err := svc.Create(ctx, coord, events.Input{PartnershipID: pid, Kind: events.Festival, Slug: slug, Title: title,
		Description: title, Venue: events.Venue{Name: "Kültürpark", Address: "Şehitler Cd.", City: "İzmir"}, Zone: "Europe/Istanbul",
		StartsAt: now.Add(30 * 24 * time.Hour), EndsAt: now.Add(30*24*time.Hour + 6*time.Hour), Visibility: events.Public,
		Status: events.Published, Capacity: n, AllowGuests: true, OpensAt: &opens})
	if err != nil {
		return 0, nil, fmt.Errorf("create event: %w", err)
	}
	codes := make([]string, n)
	var (
		next  atomic.Int64
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
	)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				k := int(next.Add(1) - 1)
				if k >= n || ctx.Err() != nil {
					return
				}
				reg, err := svc.Register(ctx, nil, events.RegisterInput{EventID: e.ID, Name: fmt.Sprintf("Gate Visitor %d", k),
					Email: fmt.Sprintf("checkin-%s-%05d@example.org", slug, k), Locale: "az"})
				if err == nil && (reg.Status != events.Confirmed || reg.Ticket == "") {
					err = fmt.Errorf("registration %d is %s without a ticket", reg.ID, reg.Status)
				}
				if err != nil {
					mu.Lock()
					first = cmpOr(first, err)
					mu.Unlock()
					return
				}
				codes[k] = reg.Ticket
			}
		}()
	}
	wg.Wait()
	if first != nil {
		return 0, nil, first
	}
	return e.ID, codes, nil
}
