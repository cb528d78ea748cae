package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/kopru-platform/kopru/bench/internal/kopruapi"
	"github.com/kopru-platform/kopru/bench/internal/kopruserver"
	"github.com/kopru-platform/kopru/internal/app"
	"github.com/kopru-platform/kopru/internal/config"
	"github.com/kopru-platform/kopru/internal/identity"
	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/volunteer"
)

var errSkipped = errors.New("skipped")

type targets struct {
	Rate      bool `json:"at_least_100_per_s"`
	Exact     bool `json:"confirmed_exactly_places"`
	Counter   bool `json:"counter_equals_rows"`
	Statuses  bool `json:"answers_match_roster"`
	NoErrors  bool `json:"zero_errors"`
	Completed bool `json:"all_sent_within_budget"`
	// Certificate: a certificate PDF in under 50 ms (p95 of issuing and of reusing).
	Certificate bool `json:"certificate_under_50ms"`
}

func (t targets) all() bool {
	return t.Rate && t.Exact && t.Counter && t.Statuses && t.NoErrors && t.Completed && t.Certificate
}

type engineReport struct {
	Engine    string  `json:"engine"`
	SetupS    float64 `json:"setup_s"`
	Acked     int     `json:"acknowledged"`
	Errors    int     `json:"errors"`
	Seconds   float64 `json:"seconds"`
	RPS       float64 `json:"signups_per_s"`
	P50       float64 `json:"p50_ms"`
	P99       float64 `json:"p99_ms"`
	Confirmed int     `json:"confirmed"`
	Waiting   int     `json:"waiting"`
	Counter   int     `json:"counter"`
	Mismatch  int     `json:"answers_not_matching_roster"`
	Targets   targets `json:"targets"`
	// Certificates times the certificate downloads of some of the confirmed volunteers.
	Certificates *certReport `json:"certificates"`
}

// fixture is what a run needs: the served app, the shift and everyone's tokens.
type fixture struct {
	a      *app.App
	d      *db.DB
	base   string
	shift  int64
	tokens []string
	coord  string
}

func runEngine(ctx context.Context, o options, out io.Writer, engine string) (*engineReport, error) {
	dir, err := os.MkdirTemp("", "kopru-bench-volunteer-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	rawURL := "sqlite:" + filepath.Join(dir, "kopru.db")
	switch engine {
	case "sqlite":
	case "postgres":
		pg := kopruserver.PostgresURL()
		if pg == "" {
			return nil, errSkipped
		}
		u, drop, err := kopruapi.PGSchema(ctx, pg, "kopru_bench_volunteer")
		if err != nil {
			return nil, err
		}
		defer drop()
		rawURL = u
	default:
		return nil, fmt.Errorf("unknown engine %q", engine)
	}
	fmt.Fprintf(out, "\n== %s ==\n", engine)
	er := &engineReport{Engine: engine}
	start := time.Now()
	f, stop, err := setUp(ctx, o, dir, rawURL)
	if err != nil {
		return er, err
	}
	defer stop()
	er.SetupS = float64(time.Since(start).Milliseconds()) / 1000
	fmt.Fprintf(out, "set-up: %d volunteers with profiles and tokens in %.1fs; POST /api/v1/volunteer/shifts/%d/signups …\n", o.signups, er.SetupS, f.shift)
	res := fire(ctx, f, o)
	er.measured(res, o)
	fmt.Fprintf(out, "rush: %d acknowledged in %.2fs = %.0f/s (p50 %.1f ms, p99 %.1f ms), %d errors\n",
		er.Acked, er.Seconds, er.RPS, er.P50, er.P99, er.Errors)
	if err := check(ctx, f, res, er); err != nil {
		return er, err
	}
	fmt.Fprintf(out, "check: %d confirmed (counter %d), %d waiting, %d answers not matching the roster\n",
		er.Confirmed, er.Counter, er.Waiting, er.Mismatch)
	if er.Certificates, err = certificateFigures(ctx, f, o.certificates); err != nil {
		return er, err
	}
	c := er.Certificates
	er.Targets.Certificate = c.TargetMet
	fmt.Fprintf(out, "certificates: %d volunteers, issue p50 %.1f ms p95 %.1f ms, reuse p50 %.1f ms p95 %.1f ms, %d bytes\n",
		c.Volunteers, c.IssueP50Ms, c.IssueP95Ms, c.ReuseP50Ms, c.ReuseP95Ms, c.PDFBytes)
	if !er.Targets.Exact || !er.Targets.Counter || !er.Targets.Statuses || !er.Targets.NoErrors {
		return er, errors.New("sign-ups broken: overfilled, miscounted or failed")
	}
	return er, nil
}

// setUp migrates a fresh database, builds the platform and serves it on a loopback port,
// then stores a published programme with one shift and the volunteers, each with a
// profile (adults) and an API token.
func setUp(ctx context.Context, o options, dir, rawURL string) (*fixture, func(), error) {
	d, err := db.Open(ctx, rawURL)
	if err != nil {
		return nil, nil, err
	}
	fail := func(err error) (*fixture, func(), error) { d.Close(); return nil, nil, err }
	if err := d.Migrate(ctx); err != nil {
		return fail(err)
	}
	cfg := config.Default()
	cfg.Data, cfg.Demo = dir, "off"
	if err := cfg.Validate(); err != nil {
		return fail(err)
	}
	a, err := app.New(cfg, d, slog.New(slog.DiscardHandler))
	if err != nil {
		return fail(err)
	}
	f := &fixture{a: a, d: d}
	if f.shift, err = seedShift(ctx, d, o.places); err != nil {
		return fail(err)
	}
	if err := f.people(ctx, o.signups); err != nil {
		return fail(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fail(err)
	}
	f.base = "http://" + ln.Addr().String()
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { _ = a.Run(runCtx, ln); close(done) }()
	stop := func() { cancel(); <-done; d.Close() }
	return f, stop, nil
}

// seedShift stores the partnership, a published programme in İzmir, a role and one fixed
// shift a fortnight ahead.
func seedShift(ctx context.Context, d *db.DB, places int) (int64, error) {
	now := db.Now()
	var partnership, prog, role, shift int64
	err := d.WriteRow(ctx, `INSERT INTO partnerships (slug, city_a, country_a, zone_a, city_b, country_b, zone_b, protocol_date, summary, created_at, updated_at)
		VALUES ('izmir-baku', '{}', 'TR', 'Europe/Istanbul', '{}', 'AZ', 'Asia/Baku', '1986-01-01', '{}', ?, ?) RETURNING id`, now, now).Scan(&partnership)
	if err == nil {
		title := i18n.Text{TR: "Festival gönüllüleri", AZ: "Festival könüllüləri", EN: "Festival volunteers"}
		err = d.WriteRow(ctx, `INSERT INTO volunteer_programmes (partnership_id, slug, title, description, requirements, city, starts_at, ends_at,
			published, created_at, updated_at) VALUES (?, 'bench', ?, '{}', '{}', 'izmir', ?, ?, 1, ?, ?) RETURNING id`,
			partnership, title, now, now.AddDate(0, 1, 0), now, now).Scan(&prog)
	}
	if err == nil {
		err = d.WriteRow(ctx, `INSERT INTO volunteer_roles (programme_id, position, name, description) VALUES (?, 1, ?, '{}') RETURNING id`,
			prog, i18n.Text{TR: "Kapı görevlisi", AZ: "Qapı görevlisi", EN: "Gate steward"}).Scan(&role)
	}
	if err == nil {
		at := now.AddDate(0, 0, 14).Truncate(time.Hour)
		err = d.WriteRow(ctx, `INSERT INTO volunteer_shifts (programme_id, role_id, kind, starts_at, ends_at, places, location, created_at)
			VALUES (?, ?, 'fixed', ?, ?, ?, 'Kültürpark', ?) RETURNING id`, prog, role, at, at.Add(4*time.Hour), places, now).Scan(&shift)
	}
	return shift, err
}

// people makes n volunteers (fictional accounts) with adult profiles and tokens, and a
// coordinator to read the roster.
func (f *fixture) people(ctx context.Context, n int) error {
	accounts := make([]identity.Account, n+1)
	for i := range n {
		accounts[i] = identity.Account{Email: fmt.Sprintf("gonullu%05d@bench.example", i), Name: fmt.Sprintf("Gönüllü %d", i), Locale: "tr"}
	}
	accounts[n] = identity.Account{Email: "koordinator@bench.example", Name: "Koordinasyon", Locale: "tr", Roles: []string{identity.RoleCoordinator}}
	users, err := f.a.Identity.CreateUsers(ctx, "bench-parolasi-2026", accounts...)
	if err != nil {
		return err
	}
	for i, u := range users {
		v := identity.Viewer(u)
		tok, _, err := f.a.Identity.CreateToken(ctx, v, "bench")
		if err != nil {
			return err
		}
		if i == n {
			f.coord = tok
			break
		}
		if _, err := f.a.Volunteer.SaveProfile(ctx, v, volunteer.ProfileInput{BirthDate: "1995-05-19", Languages: []string{"tr"}}); err != nil {
			return err
		}
		f.tokens = append(f.tokens, tok)
	}
	return nil
}
