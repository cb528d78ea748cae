package main

import (
	"context"
	"fmt"
	"time"

	"github.com/kopru-platform/kopru/internal/events"
	"github.com/kopru-platform/kopru/internal/platform/db"
)

// mailTally is what the outbox holds for one rush's addresses. The outcome mails are jobs the
// server runs after the registration's commit, so the rush's throughput would mean little if
// they were lost or doubled: every address must get exactly one, the confirmed ones with the
// PDF ticket.
type mailTally struct {
	mails, addresses, withTicket int
	pendingJobs                  int // outcome mail jobs queued or running, any event
}

func (m mailTally) String() string {
	return fmt.Sprintf("%d mails to %d addresses, %d with the PDF ticket; %d mail jobs pending", m.mails, m.addresses, m.withTicket, m.pendingJobs)
}

func tallyMails(ctx context.Context, d *db.DB, tag string) (mailTally, error) {
	var m mailTally
	like := "rush-" + tag + "-%"
	err := d.QueryRow(ctx, `SELECT COUNT(*), COUNT(DISTINCT to_addr) FROM mail_outbox WHERE to_addr LIKE ?`, like).Scan(&m.mails, &m.addresses)
	if err != nil {
		return m, err
	}
	err = d.QueryRow(ctx, `SELECT COUNT(DISTINCT a.mail_id) FROM mail_attachments a JOIN mail_outbox o ON o.id = a.mail_id
		WHERE o.to_addr LIKE ? AND a.content_type = 'application/pdf'`, like).Scan(&m.withTicket)
	if err != nil {
		return m, err
	}
	err = d.QueryRow(ctx, `SELECT COUNT(*) FROM jobs WHERE kind = ? AND status IN ('queued', 'running')`, events.MailJob).Scan(&m.pendingJobs)
	return m, err
}

// awaitMails polls the outbox until every one of want addresses has its mail and no mail job
// is pending, or timeout passes; it returns the last tally and how long it waited.
func awaitMails(ctx context.Context, storeURL, tag string, want int, timeout time.Duration) (mailTally, time.Duration, error) {
	d, err := db.Open(ctx, storeURL)
	if err != nil {
		return mailTally{}, 0, err
	}
	defer d.Close()
	start := time.Now()
	for {
		m, err := tallyMails(ctx, d, tag)
		if err != nil || (m.addresses >= want && m.pendingJobs == 0) || time.Since(start) > timeout {
			return m, time.Since(start), err
		}
		select {
		case <-ctx.Done():
			return m, time.Since(start), ctx.Err()
		case <-time.After(250 * time.Millisecond):
		}
	}
}
