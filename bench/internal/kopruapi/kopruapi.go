// Package kopruapi holds the JSON API client and the helpers the programs under bench/
// share: the coordinator token, events, the staff list and PostgreSQL bench schemas.
package kopruapi

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, for creating and dropping the bench schema
	"github.com/kopru-platform/kopru/bench/internal/kopruserver"
)

// Client talks JSON to one server with a bearer token.
type Client struct {
	Base  string
	Token string
	HC    *http.Client
}

// NewHTTPClient keeps up to conns idle keep-alive connections to the one server.
func NewHTTPClient(conns int, timeout time.Duration) *http.Client {
	return &http.Client{Timeout: timeout, Transport: &http.Transport{
		MaxIdleConns: conns, MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns, IdleConnTimeout: time.Minute,
	}}
}

// Do sends body as JSON and decodes a JSON answer into out (when out is not nil and the
// status is 2xx). It returns the status; a transport error is status 0.
func (c *Client) Do(ctx context.Context, method, path string, body, out any) (int, error) {
	var r io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return 0, err
		}
		r = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.Base+path, r)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	if c.Token != "" {
		req.Header.Set("Authorization", "Bearer "+c.Token)
	}
	resp, err := c.HC.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return resp.StatusCode, err
	}
	if resp.StatusCode/100 != 2 {
		return resp.StatusCode, fmt.Errorf("%s %s: %d %s", method, path, resp.StatusCode, strings.TrimSpace(string(b[:min(len(b), 300)])))
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			return resp.StatusCode, fmt.Errorf("%s %s: decode: %w", method, path, err)
		}
	}
	return resp.StatusCode, nil
}

const (
	// CoordEmail and CoordPassword are the bench coordinator's sign-in.
	CoordEmail    = "bench-coordinator@example.org"
	CoordPassword = "bench-password-0123456789"
)

// CoordinatorToken creates a coordinator with the CLI (the server is running, so the demo
// is already in), signs in through POST /api/v1/session and issues an API token.
func CoordinatorToken(ctx context.Context, bin, dataDir, dbURL, base string) (string, error) {
	args := append([]string{"user", "create"}, kopruserver.DBArgs(dataDir, dbURL)...)
	args = append(args, "--email", CoordEmail, "--password", CoordPassword, "--role", "coordinator", "--name", "Bench Coordinator")
	if _, err := kopruserver.Run(ctx, bin, args...); err != nil {
		return "", err
	}
	jar, _ := cookiejar.New(nil)
	hc := &http.Client{Timeout: 30 * time.Second, Jar: jar}
	c := &Client{Base: base, HC: hc}
	if _, err := c.Do(ctx, http.MethodPost, "/api/v1/session", map[string]string{"email": CoordEmail, "password": CoordPassword}, nil); err != nil {
		return "", err
	}
	var tok struct {
		Token string `json:"token"`
	}
	if _, err := c.Do(ctx, http.MethodPost, "/api/v1/tokens", map[string]string{"name": "bench"}, &tok); err != nil {
		return "", err
	}
	if !strings.HasPrefix(tok.Token, "kopru_") {
		return "", fmt.Errorf("unexpected token %q", tok.Token)
	}
	return tok.Token, nil
}

type text3 struct {
	TR string `json:"tr"`
	AZ string `json:"az"`
	EN string `json:"en"`
}

// eventJSON is what POST /api/v1/events takes: a published public festival whose
// registration opened an hour ago and is open to guests.
func eventJSON(slug string, capacity int) map[string]any {
	now := time.Now().UTC()
	opens := now.Add(-time.Hour)
	return map[string]any{
		"kind":         "festival",
		"slug":         slug,
		"title":        text3{TR: "Yük testi " + slug, AZ: "Yük testi " + slug, EN: "Load test " + slug},
		"description":  text3{TR: "Bench", AZ: "Bench", EN: "Bench"},
		"venue":        map[string]string{"name": "Kültürpark", "address": "Şehitler Cd.", "city": "İzmir"},
		"zone":         "Europe/Istanbul",
		"starts_at":    now.Add(30 * 24 * time.Hour),
		"ends_at":      now.Add(30*24*time.Hour + 6*time.Hour),
		"visibility":   "public",
		"status":       "published",
		"capacity":     capacity,
		"allow_guests": true,
		"opens_at":     opens,
	}
}

// CreateEvent creates a published public festival open to guests and returns its id.
func CreateEvent(ctx context.Context, c *Client, slug string, capacity int) (int64, error) {
	var ev struct {
		ID       int64 `json:"id"`
		Capacity int   `json:"capacity"`
	}
	if _, err := c.Do(ctx, http.MethodPost, "/api/v1/events", eventJSON(slug, capacity), &ev); err != nil {
		return 0, err
	}
	if ev.ID == 0 || ev.Capacity != capacity {
		return 0, fmt.Errorf("created event %+v, want capacity %d", ev, capacity)
	}
	return ev.ID, nil
}

// Reg is the part of a registration the bench checks.
type Reg struct {
	ID          int64      `json:"id"`
	EventID     int64      `json:"event_id"`
	Email       string     `json:"email"`
	Status      string     `json:"status"`
	Position    int        `json:"position"`
	Ticket      string     `json:"ticket"`
	CheckedInAt *time.Time `json:"checked_in_at"`
	Gate        string     `json:"gate"`
}

// StaffList is GET /api/v1/events/{id}/registrations: every registration in arrival order.
func StaffList(ctx context.Context, c *Client, eventID int64) ([]Reg, error) {
	var regs []Reg
	_, err := c.Do(ctx, http.MethodGet, fmt.Sprintf("/api/v1/events/%d/registrations", eventID), nil, &regs)
	return regs, err
}

func randHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// PGSchema creates a fresh schema on the PostgreSQL server at base and returns the URL
// that puts the server into it, and a function that drops it.
func PGSchema(ctx context.Context, base, prefix string) (string, func(), error) {
	u, err := url.Parse(base)
	if err != nil {
		return "", nil, fmt.Errorf("postgres URL: %w", err)
	}
	name := prefix + "_" + randHex(4)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		return "", nil, err
	}
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+name); err != nil {
		admin.Close()
		return "", nil, fmt.Errorf("create schema: %w", err)
	}
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	drop := func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if _, err := admin.ExecContext(ctx, "DROP SCHEMA "+name+" CASCADE"); err != nil {
			fmt.Println("warning: drop schema", name+":", err)
		}
		admin.Close()
	}
	return u.String(), drop, nil
}
