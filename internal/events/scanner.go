package events

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/text"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// ScannerToken lets a gate phone scan for one event without an account. Only a hash of the
// secret is stored; Secret is set only on the token just created.
type ScannerToken struct {
	ID        int64
	EventID   int64
	Gate      string // "" lets the phone name its gate
	CreatedAt time.Time
	RevokedAt *time.Time
	Secret    string
}

// ErrWrongEvent refuses a scanner token used for another event than its own.
var ErrWrongEvent = fmt.Errorf("events: scanner token of another event: %w", fail.Forbidden)

// Gatekeeper is the right to scan at one event's gates, held by a manager or by a scanner
// token limited to that event. Only GateAccess and GateByToken hand one out.
type Gatekeeper struct {
	EventID int64
	Gate    string // the token's fixed gate, if any
	TokenID int64  // 0 for a manager
}

// CreateScannerToken makes a scanner token for event eventID, optionally fixed to one gate.
func (s *Service) CreateScannerToken(ctx context.Context, v *web.Viewer, eventID int64, gate string) (*ScannerToken, error) {
	if err := requireManager(v); err != nil {
		return nil, err
	}
	gate = strings.TrimSpace(gate)
	if tooLong(gate, maxGate) {
		return nil, fail.Fields{"gate": "events.gate_invalid"}
	}
	if _, err := eventByID(ctx, s.db, eventID); err != nil {
		return nil, err
	}
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	t := &ScannerToken{EventID: eventID, Gate: gate, CreatedAt: s.now(), Secret: base64.RawURLEncoding.EncodeToString(b)}
	err := s.db.WriteRow(ctx, `INSERT INTO event_scanner_tokens (event_id, gate, token_hash, created_by, created_at)
		VALUES (?, ?, ?, ?, ?) RETURNING id`, eventID, gate, hashToken(t.Secret), nullID(v.ID), t.CreatedAt).Scan(&t.ID)
	if err != nil {
		return nil, err
	}
	return t, nil
}

// ScannerTokens lists an event's tokens that still work.
func (s *Service) ScannerTokens(ctx context.Context, v *web.Viewer, eventID int64) ([]ScannerToken, error) {
	if err := requireManager(v); err != nil {
		return nil, err
	}
	rows, err := s.db.Query(ctx, `SELECT id, event_id, gate, created_at, revoked_at FROM event_scanner_tokens
		WHERE event_id = ? AND revoked_at IS NULL ORDER BY id`, eventID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ScannerToken
	for rows.Next() {
		t, err := scanScannerToken(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *t)
	}
	return out, rows.Err()
}

// RevokeScannerToken stops token id of event eventID from working, at once.
func (s *Service) RevokeScannerToken(ctx context.Context, v *web.Viewer, eventID, id int64) error {
	if err := requireManager(v); err != nil {
		return err
	}
	res, err := s.db.Exec(ctx, `UPDATE event_scanner_tokens SET revoked_at = ? WHERE id = ? AND event_id = ? AND revoked_at IS NULL`,
		s.now(), id, eventID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

func scanScannerToken(sc scanner) (*ScannerToken, error) {
	var (
		t       ScannerToken
		revoked sql.NullTime
	)
	err := sc.Scan(&t.ID, &t.EventID, &t.Gate, &t.CreatedAt, &revoked)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	t.RevokedAt = timePtr(revoked)
	return &t, err
}

// GateByToken returns the right a scanner token's secret gives; unknown and revoked secrets
// are Unauthorized.
func (s *Service) GateByToken(ctx context.Context, secret string) (*Gatekeeper, error) {
	if len(secret) < 20 || len(secret) > 100 {
		return nil, fail.Unauthorized
	}
	t, err := scanScannerToken(s.db.QueryRow(ctx, `SELECT id, event_id, gate, created_at, revoked_at FROM event_scanner_tokens
		WHERE token_hash = ?`, hashToken(secret)))
	switch {
	case errors.Is(err, ErrNotFound):
		return nil, fail.Unauthorized
	case err != nil:
		return nil, err
	case t.RevokedAt != nil:
		return nil, fail.Unauthorized
	}
	return &Gatekeeper{EventID: t.EventID, Gate: t.Gate, TokenID: t.ID}, nil
}

// GateAccess decides who may scan at event eventID: the holder of a scanner token of that
// event (secret non-empty), or a manager. A token of another event is ErrWrongEvent.
func (s *Service) GateAccess(ctx context.Context, v *web.Viewer, eventID int64, secret string) (*Gatekeeper, error) {
	if secret != "" {
		g, err := s.GateByToken(ctx, secret)
		if err != nil {
			return nil, err
		}
		if g.EventID != eventID {
			return nil, ErrWrongEvent
		}
		return g, nil
	}
	if err := requireManager(v); err != nil {
		return nil, err
	}
	if _, err := eventByID(ctx, s.db, eventID); err != nil {
		return nil, err
	}
	return &Gatekeeper{EventID: eventID}, nil
}

// gateName is the gate a scan is recorded at: the token's own, else what the phone says.
func (g *Gatekeeper) gateName(gate string) string {
	if g.Gate != "" {
		return g.Gate
	}
	return gate
}

// GateScan checks a code in at the gatekeeper's event; see CheckIn.
func (s *Service) GateScan(ctx context.Context, g *Gatekeeper, code, gate string) (*Scan, error) {
	return s.checkInAt(ctx, g.EventID, code, g.gateName(gate), s.now())
}

// GateAdmit checks in registration regID, found by name rather than scanned.
func (s *Service) GateAdmit(ctx context.Context, g *Gatekeeper, regID int64, gate string) (*Scan, error) {
	r, err := regByID(ctx, s.db, regID)
	if err != nil {
		return nil, err
	}
	if r.EventID != g.EventID {
		return nil, ErrNotFound
	}
	s.fill(r)
	return s.GateScan(ctx, g, r.Ticket, gate)
}

// GateSearch finds the event's registrations whose name contains q, compared folded so that
// "AYSE" finds "Ayşe" and "gulsen" finds "Gülşən". At most 20, in arrival order.
func (s *Service) GateSearch(ctx context.Context, g *Gatekeeper, q string) ([]Registration, error) {
	needle := text.Fold(strings.TrimSpace(q))
	if len([]rune(needle)) < 2 {
		return nil, nil
	}
	regs, err := regsOfEvent(ctx, s.db, g.EventID, "")
	if err != nil {
		return nil, err
	}
	var out []Registration
	for _, r := range regs {
		if strings.Contains(text.Fold(r.Name), needle) {
			out = append(out, r)
			if len(out) == 20 {
				break
			}
		}
	}
	return out, nil
}

// GateCounters is Counters for a gatekeeper.
func (s *Service) GateCounters(ctx context.Context, g *Gatekeeper) (*Counters, error) {
	gates, err := gateCounts(ctx, s.db, g.EventID)
	if err != nil {
		return nil, err
	}
	c := &Counters{Gates: gates}
	for _, gc := range gates {
		c.Admitted += gc.Admitted
	}
	return c, nil
}

// OfflineScan is a scan a gate made while it had no network, uploaded later.
type OfflineScan struct {
	Code      string    `json:"code"`
	Gate      string    `json:"gate"`
	ScannedAt time.Time `json:"scanned_at"`
	// Shown is what the gate showed from its downloaded list (admitted, already_admitted, …).
	Shown Outcome `json:"shown"`
}

// UploadResult is the server's verdict on one uploaded scan. Conflict is set when the server
// disagrees with what the gate showed, typically a ticket admitted meanwhile at another gate:
// the earlier admission stands and the gate is told, rather than the two being merged.
type UploadResult struct {
	Outcome  Outcome
	Shown    Outcome
	Conflict bool
	Repeated bool // the same scan was uploaded before; nothing changed
	Scan     *Scan
}

const maxUpload = 500

// GateUpload applies a gate's offline scans in order, each with the normal atomic check-in at
// its original time. Scans the gate refused stay refused: they are logged, never admitted now.
func (s *Service) GateUpload(ctx context.Context, g *Gatekeeper, scans []OfflineScan) ([]UploadResult, error) {
	if len(scans) > maxUpload {
		return nil, fail.Fields{"scans": "events.gate.upload_too_large"}
	}
	now := s.now()
	out := make([]UploadResult, 0, len(scans))
	for _, sc := range scans {
		at := sc.ScannedAt.UTC().Truncate(time.Millisecond)
		if at.IsZero() || at.After(now) {
			at = now
		}
		gate := g.gateName(sc.Gate)
		var (
			scan *Scan
			err  error
		)
		admitting := sc.Shown == Admitted
		if admitting {
			scan, err = s.checkInAt(ctx, g.EventID, sc.Code, gate, at)
		} else {
			scan, err = s.logRefused(ctx, g.EventID, sc, gate, at)
		}
		if err != nil {
			return nil, err
		}
		res := UploadResult{Outcome: scan.Outcome, Shown: sc.Shown, Scan: scan}
		if admitting && scan.Outcome == AlreadyAdmitted && scan.Gate == gate && scan.At.Equal(at) {
			// This very admission, uploaded again after a lost answer: it already counts.
			res.Outcome, res.Repeated = Admitted, true
		}
		res.Conflict = res.Outcome != sc.Shown
		out = append(out, res)
	}
	return out, nil
}

// logRefused records a scan the gate turned away while offline, under the outcome it showed.
func (s *Service) logRefused(ctx context.Context, eventID int64, sc OfflineScan, gate string, at time.Time) (*Scan, error) {
	gate = strings.TrimSpace(gate)
	if gate == "" || tooLong(gate, maxGate) {
		return nil, fail.Fields{"gate": "events.gate_invalid"}
	}
	switch sc.Shown {
	case AlreadyAdmitted, TicketCancelled, OnWaitingList, WrongEvent, Forged, UnknownTicket:
	default:
		return nil, fail.Fields{"shown": "events.gate.shown_invalid"}
	}
	scan := &Scan{Outcome: sc.Shown, At: at, Gate: gate}
	var logged any
	if regID, codeEvent, ok := s.tickets.Verify(sc.Code); ok && codeEvent == eventID {
		if r, err := regByID(ctx, s.db, regID); err == nil && r.EventID == eventID && sameNonce(r, sc.Code) {
			logged, scan.Registration = r.ID, r
		}
	}
	return scan, insertCheckin(ctx, s.db, eventID, logged, gate, sc.Shown, at)
}

// GateList is what a gate downloads to keep scanning without the network.
type GateList struct {
	EventID     int64           `json:"event_id"`
	GeneratedAt time.Time       `json:"generated_at"`
	Tickets     []GateListEntry `json:"tickets"`
}

// GateListEntry is one registration. A gate decodes a scanned code's registration ID and nonce
// and compares the nonce: only the holder of the real ticket knows it.
type GateListEntry struct {
	ID         int64      `json:"id"`
	Nonce      string     `json:"nonce"`
	Name       string     `json:"name"`
	Status     RegStatus  `json:"status"`
	Admitted   bool       `json:"admitted"`
	AdmittedAt *time.Time `json:"admitted_at,omitempty"`
	Gate       string     `json:"gate,omitempty"`
}

// SignedGateList is a GateList as exact JSON bytes and their HMAC, so a gate or the server can
// tell the list it was given from one altered on the device.
type SignedGateList struct {
	List      json.RawMessage `json:"list"`
	Signature string          `json:"signature"`
}

// GateTickets returns the event's signed ticket list.
func (s *Service) GateTickets(ctx context.Context, g *Gatekeeper) (*SignedGateList, error) {
	regs, err := regsOfEvent(ctx, s.db, g.EventID, "")
	if err != nil {
		return nil, err
	}
	l := GateList{EventID: g.EventID, GeneratedAt: s.now(), Tickets: make([]GateListEntry, 0, len(regs))}
	for _, r := range regs {
		l.Tickets = append(l.Tickets, GateListEntry{ID: r.ID, Nonce: r.nonce, Name: r.Name, Status: r.Status,
			Admitted: r.CheckedInAt != nil, AdmittedAt: r.CheckedInAt, Gate: r.Gate})
	}
	b, err := json.Marshal(l)
	if err != nil {
		return nil, err
	}
	return &SignedGateList{List: b, Signature: s.tickets.signList(b)}, nil
}

// VerifyGateList reports whether list is exactly what GateTickets signed.
func (s *Service) VerifyGateList(list []byte, signature string) bool {
	return s.tickets.VerifyList(list, signature)
}

// VerifyList reports whether signature is this installation's signature of list.
func (t *TicketSigner) VerifyList(list []byte, signature string) bool {
	got, err := base64.RawURLEncoding.DecodeString(signature)
	want, _ := base64.RawURLEncoding.DecodeString(t.signList(list))
	return err == nil && hmac.Equal(got, want)
}

// signList uses a key of its own, derived from the ticket key, so a list signature can never
// pass for a ticket MAC.
func (t *TicketSigner) signList(list []byte) string {
	k := hmac.New(sha256.New, t.key)
	k.Write([]byte("kopru/events/gate-list/v1"))
	m := hmac.New(sha256.New, k.Sum(nil))
	m.Write(list)
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}
