package events

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"strings"
)

// A ticket code is base64url(registration ID ‖ event ID ‖ nonce) "." base64url(MAC), the MAC
// being HMAC-SHA256 truncated to 16 bytes. A scanner holding the key tells a real ticket from
// a forged or mistyped one without the network; the random nonce makes codes unguessable even
// to someone who knows the IDs (and lets a ticket be reissued by changing it).
const (
	nonceSize   = 16
	macSize     = 16
	payloadSize = 8 + 8 + nonceSize
)

// Strict decoding refuses non-zero padding bits, so each ticket has exactly one spelling.
var b64 = base64.RawURLEncoding.Strict()

// TicketSigner makes and checks ticket codes.
type TicketSigner struct{ key []byte }

// NewTicketSigner derives the ticket key from the installation secret, so the same secret can
// serve other purposes without a ticket MAC ever equalling theirs. A short secret is a wiring
// bug, not a runtime condition, hence the panic.
func NewTicketSigner(secret []byte) *TicketSigner {
	if len(secret) < 32 {
		panic("events: ticket secret shorter than 32 bytes")
	}
	m := hmac.New(sha256.New, secret)
	m.Write([]byte("kopru/events/ticket/v1"))
	return &TicketSigner{key: m.Sum(nil)}
}

// Code returns the ticket code for a registration.
func (t *TicketSigner) Code(regID, eventID int64, nonce []byte) string {
	payload := make([]byte, 0, payloadSize)
	payload = binary.BigEndian.AppendUint64(payload, uint64(regID))
	payload = binary.BigEndian.AppendUint64(payload, uint64(eventID))
	payload = append(payload, nonce...)
	return b64.EncodeToString(payload) + "." + b64.EncodeToString(t.mac(payload))
}

// Verify checks a scanned code and returns what it names. ok is false for anything not made
// by Code with this installation's secret: forged, truncated or altered codes alike.
func (t *TicketSigner) Verify(code string) (regID, eventID int64, ok bool) {
	p, m, found := strings.Cut(strings.TrimSpace(code), ".")
	if !found || len(p) != b64.EncodedLen(payloadSize) || len(m) != b64.EncodedLen(macSize) {
		return 0, 0, false
	}
	payload, err1 := b64.DecodeString(p)
	mac, err2 := b64.DecodeString(m)
	if err1 != nil || err2 != nil || !hmac.Equal(mac, t.mac(payload)) {
		return 0, 0, false
	}
	return int64(binary.BigEndian.Uint64(payload[:8])), int64(binary.BigEndian.Uint64(payload[8:16])), true
}

// nonceOf returns the nonce part of a verified code.
func nonceOf(code string) []byte {
	p, _, _ := strings.Cut(strings.TrimSpace(code), ".")
	payload, _ := b64.DecodeString(p)
	if len(payload) != payloadSize {
		return nil
	}
	return payload[16:]
}

func (t *TicketSigner) mac(payload []byte) []byte {
	m := hmac.New(sha256.New, t.key)
	m.Write(payload)
	return m.Sum(nil)[:macSize]
}

func newNonce() []byte {
	b := make([]byte, nonceSize)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on supported platforms
	return b
}

// newManageToken returns the secret for a registration's "manage" link and the hash kept of it.
func newManageToken() (token, hash string) {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, hashToken(token)
}

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// Verify checks a ticket code without the database; see TicketSigner.Verify.
func (s *Service) Verify(code string) (regID, eventID int64, ok bool) { return s.tickets.Verify(code) }
