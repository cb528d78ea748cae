// Command kopru is the whole platform in one binary: `kopru serve` runs it, the other
// subcommands migrate, load the demo, create users, back up and report the version.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/kopru-platform/kopru/internal/app"
	"github.com/kopru-platform/kopru/internal/config"
	"github.com/kopru-platform/kopru/internal/identity"
	"github.com/kopru-platform/kopru/internal/platform/db"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

const usage = `kopru — the İzmir–Bakü sister-city platform

Usage:
  kopru [serve]                      run the platform (default)
  kopru migrate                      bring the database schema up to date
  kopru demo                         load the demo İzmir–Bakü partnership
  kopru user create --email E --password P --role R [--name N]
                                     create a confirmed account (roles: admin, coordinator, reviewer, member)
  kopru reindex                      rebuild the site-wide search index
  kopru backup --to FILE             write a consistent copy of the SQLite database
  kopru version                      print the version
  kopru b2b solve < instance.json    schedule B2B meetings (JSON in, JSON out; see docs/api.md)

Every subcommand takes --data DIR and --db URL (or KOPRU_DATA, KOPRU_DATABASE_URL).
Run "kopru serve -h" for all settings.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "kopru:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cmd := "serve"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, args = args[0], args[1:]
	}
	if cmd == "user" {
		if len(args) == 0 || args[0] != "create" {
			return errors.New(`unknown "user" subcommand; want "user create"`)
		}
		cmd, args = "user create", args[1:]
	}
	switch cmd {
	case "serve":
		return serve(ctx, args, stdout, stderr)
	case "migrate":
		return migrate(ctx, args, stdout, stderr)
	case "demo":
		return demo(ctx, args, stdout, stderr)
	case "user create":
		return userCreate(ctx, args, stdout, stderr)
	case "backup":
		return backup(ctx, args, stdout, stderr)
	case "reindex":
		return reindex(ctx, args, stdout, stderr)
	case "b2b":
		return b2b(args, os.Stdin, stdout)
	case "version":
		fmt.Fprintln(stdout, "kopru", version)
		return nil
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("unknown command %q", cmd)
}

// parse binds the shared settings plus extra flags and validates them.
func parse(name string, args []string, stderr io.Writer, extra func(fs *flag.FlagSet)) (config.Config, error) {
	cfg := config.Default()
	fs := flag.NewFlagSet("kopru "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg.Bind(fs, os.Getenv)
	if extra != nil {
		extra(fs)
	}
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if fs.NArg() > 0 {
		return cfg, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	return cfg, cfg.Validate()
}

func newLogger(w io.Writer) *slog.Logger {
	level := slog.LevelInfo
	if os.Getenv("KOPRU_DEBUG") != "" {
		level = slog.LevelDebug
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: level}))
}

// open connects, migrates and builds the app, for subcommands that need services.
func open(ctx context.Context, cfg config.Config, log *slog.Logger) (*app.App, error) {
	d, err := app.Open(ctx, cfg)
	if err != nil {
		return nil, err
	}
	a, err := app.New(cfg, d, log)
	if err != nil {
		d.Close()
		return nil, err
	}
	return a, nil
}

func serve(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, err := parse("serve", args, stderr, nil)
	if err != nil {
		return err
	}
	start := time.Now()
	log := newLogger(stderr)
	a, err := open(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer a.DB.Close()
	loaded, err := a.LoadDemoIfEmpty(ctx)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Köprü is running at %s/ (ready in %s)\n", cfg.BaseURL, time.Since(start).Round(time.Millisecond))
	fmt.Fprintf(stdout, "  database: %s\n", describeDB(cfg.Database))
	if loaded {
		fmt.Fprintln(stdout, "  the demo İzmir–Bakü partnership was loaded into the empty database")
	}
	if email, password, ok := a.DemoCredentials(); ok {
		fmt.Fprintf(stdout, "  demo administrator: %s / %s  (sign in at %s/tr/login)\n", email, password, cfg.BaseURL)
	}
	if cfg.SMTP == "" {
		fmt.Fprintf(stdout, "  mail: no --smtp given; mail is kept in the outbox (%s/tr/admin/outbox) and logged\n", cfg.BaseURL)
	}
	fmt.Fprintln(stdout, "  press Ctrl+C to stop")
	return a.Run(ctx, ln)
}

func describeDB(url string) string {
	if strings.HasPrefix(url, "sqlite:") {
		return "SQLite " + strings.TrimPrefix(url, "sqlite:")
	}
	return "PostgreSQL"
}

func migrate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, err := parse("migrate", args, stderr, nil)
	if err != nil {
		return err
	}
	d, err := db.Open(ctx, cfg.Database)
	if err != nil {
		return err
	}
	defer d.Close()
	before, _ := d.Version(ctx)
	fmt.Fprintf(stdout, "migrating %s from version %d …\n", describeDB(cfg.Database), before)
	if err := d.Migrate(ctx); err != nil {
		return err
	}
	after, err := d.Version(ctx)
	fmt.Fprintf(stdout, "schema at version %d\n", after)
	return err
}

func demo(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, err := parse("demo", args, stderr, nil)
	if err != nil {
		return err
	}
	cfg.Demo = "on"
	a, err := open(ctx, cfg, newLogger(stderr))
	if err != nil {
		return err
	}
	defer a.DB.Close()
	fmt.Fprintln(stdout, "loading the demo İzmir–Bakü partnership …")
	if err := a.LoadDemo(ctx); err != nil {
		return err
	}
	if email, password, ok := a.DemoCredentials(); ok {
		fmt.Fprintf(stdout, "done; demo administrator: %s / %s\n", email, password)
	} else {
		fmt.Fprintln(stdout, "done")
	}
	return nil
}

func userCreate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var email, password, role, name, locale string
	cfg, err := parse("user create", args, stderr, func(fs *flag.FlagSet) {
		fs.StringVar(&email, "email", "", "email address (required)")
		fs.StringVar(&password, "password", "", "password, at least 10 characters (required)")
		fs.StringVar(&role, "role", "member", "admin, coordinator, reviewer or member")
		fs.StringVar(&name, "name", "", "display name (default: the part of the email before @)")
		fs.StringVar(&locale, "locale", "tr", "preferred language: tr, az or en")
	})
	if err != nil {
		return err
	}
	if email == "" || password == "" {
		return errors.New("user create needs --email and --password")
	}
	if !identity.ValidRole(role) {
		return fmt.Errorf("--role %q: want admin, coordinator, reviewer or member", role)
	}
	cfg.Demo = "off"
	a, err := open(ctx, cfg, newLogger(stderr))
	if err != nil {
		return err
	}
	defer a.DB.Close()
	u, err := a.Identity.CreateUser(ctx, email, name, password, locale, []string{role})
	var fields identity.FieldErrors
	if errors.As(err, &fields) {
		for field, key := range fields {
			return fmt.Errorf("--%s: %s", field, a.Catalog.T("en", key))
		}
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "created user %d <%s> with role %s\n", u.ID, u.Email, role)
	return nil
}

func backup(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var to string
	cfg, err := parse("backup", args, stderr, func(fs *flag.FlagSet) {
		fs.StringVar(&to, "to", "", "file to write the copy to (must not exist)")
	})
	if err != nil {
		return err
	}
	if to == "" {
		return errors.New("backup needs --to FILE")
	}
	d, err := db.Open(ctx, cfg.Database)
	if err != nil {
		return err
	}
	defer d.Close()
	fmt.Fprintf(stdout, "backing up %s to %s …\n", describeDB(cfg.Database), to)
	if err := d.Backup(ctx, to); err != nil {
		return err
	}
	if st, err := os.Stat(to); err == nil {
		fmt.Fprintf(stdout, "done: %d bytes\n", st.Size())
	}
	return nil
}

func reindex(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, err := parse("reindex", args, stderr, nil)
	if err != nil {
		return err
	}
	cfg.Demo = "off"
	a, err := open(ctx, cfg, newLogger(stderr))
	if err != nil {
		return err
	}
	defer a.DB.Close()
	start := time.Now()
	last := time.Time{}
	err = a.Reindex(ctx, func(done, total int) {
		// A line at most every half second, and always the last one.
		if done == total || time.Since(last) > 500*time.Millisecond {
			last = time.Now()
			pct := 100
			if total > 0 {
				pct = done * 100 / total
			}
			fmt.Fprintf(stdout, "indexed %d of %d documents (%d%%)\n", done, total, pct)
		}
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "search index rebuilt in %s\n", time.Since(start).Round(time.Millisecond))
	return nil
}
