package b2b

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kopru-platform/kopru/internal/platform/fail"
)

// Meeting requests as participants write them. The rules that need the database (who may
// ask whom, the booking window, the open-request limit, duplicates) live in
// service_requests.go; this file checks what can be checked on the input alone.

// Limits of a request.
const (
	maxRequestMessage = 1000
	// minRequestMessage keeps "hi" requests out: the other side decides on the message.
	minRequestMessage = 10
)

// RequestInput is what a participant sends.
type RequestInput struct {
	// FromOrganisation picks which of the sender's organisations asks, when they belong to
	// several in the programme; 0: the one with the lowest id, as the pages do.
	FromOrganisation int64
	ToProfileID      int64
	Message          string
	Priority         Priority
}

func (in *RequestInput) validate() fail.Fields {
	errs := fail.Fields{}
	in.Message = strings.TrimSpace(in.Message)
	switch n := utf8.RuneCountInString(in.Message); {
	case n == 0:
		errs["message"] = "b2b.req.error.message_required"
	case n < minRequestMessage:
		errs["message"] = "b2b.req.error.message_short"
	case n > maxRequestMessage:
		errs["message"] = "form.too_long"
	}
	if in.Priority == 0 {
		in.Priority = PriorityNormal
	}
	if !slices.Contains(Priorities, in.Priority) {
		errs["priority"] = "form.choice"
	}
	if in.ToProfileID <= 0 {
		errs["to"] = "b2b.req.error.unknown_profile"
	}
	return errs
}

// cleanReason trims an answer's reason and checks its length; required for cancelling a
// meeting (the other side has planned for it), optional for declining.
func cleanReason(reason string, required bool) (string, error) {
	reason = strings.TrimSpace(reason)
	switch {
	case required && reason == "":
		return "", fail.Fields{"reason": "b2b.req.error.reason_required"}
	case utf8.RuneCountInString(reason) > maxReason:
		return "", fail.Fields{"reason": "form.too_long"}
	}
	return reason, nil
}

// PriorityName is the catalog key suffix of a priority: normal, high, must.
func (p Priority) Name() string {
	switch p {
	case PriorityHigh:
		return "high"
	case PriorityMust:
		return "must"
	}
	return "normal"
}

// ParsePriority reads a priority by its name or number; 0 for anything else.
func ParsePriority(s string) Priority {
	for _, p := range Priorities {
		if s == p.Name() || s == string(rune('0'+int(p))) {
			return p
		}
	}
	return 0
}

// RequestView is a request with both sides named and, once accepted, its meeting, as the
// lists and the API show it.
type RequestView struct {
	Request
	From, To Organisation
	Meeting  *Meeting // nil unless accepted (or cancelled after acceptance)
	Incoming bool     // addressed to the viewer's profile
	Outgoing bool     // sent by the viewer's profile
}

// Open reports whether a request still waits for an answer.
func (r Request) Open() bool { return r.Status == RequestPending }

// windowOpen reports whether requests can be sent and answered at now.
func (p *Programme) windowOpen(now time.Time) error {
	switch {
	case now.Before(p.OpensAt):
		return fail.Fields{"request": "b2b.req.error.not_open"}
	case !now.Before(p.ClosesAt):
		return fail.Fields{"request": "b2b.req.error.closed"}
	}
	return nil
}
