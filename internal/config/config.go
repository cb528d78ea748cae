// Package config reads the platform's settings from flags and KOPRU_* environment
// variables; a flag given on the command line wins over the environment.
package config

import (
	"errors"
	"flag"
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Config is everything a subcommand needs to reach its data and serve it.
type Config struct {
	Addr     string // listen address
	Data     string // data directory
	Database string // sqlite:PATH or postgres://…
	BaseURL  string // absolute links in mails, feeds, tickets
	Demo     string // "auto" (load on an empty database), "on", "off"
	SMTP     string // smtp://user:pass@host:port; empty keeps mail in the outbox
	Media    string // where uploaded files live: file:///abs/path or s3://bucket?…
	MailFrom string
	// PodcastHub is a WebSub hub the podcast feeds announce and ping after changes ("" for none).
	PodcastHub string
	// GeoIP is a CSV of IP ranges and ISO country codes (start_ip,end_ip,country, as DB-IP's
	// "country lite") for the podcast statistics' countries; "" leaves them unknown.
	GeoIP string
}

// Default returns the settings used when nothing is given.
func Default() Config {
	return Config{Addr: "127.0.0.1:8080", Data: "./data", Demo: "auto", MailFrom: "Köprü <noreply@localhost>"}
}

// Bind registers the shared flags on fs, with defaults taken from the environment.
func (c *Config) Bind(fs *flag.FlagSet, getenv func(string) string) {
	env := func(key, def string) string {
		if v := getenv(key); v != "" {
			return v
		}
		return def
	}
	fs.StringVar(&c.Addr, "addr", env("KOPRU_ADDR", c.Addr), "listen address")
	fs.StringVar(&c.Data, "data", env("KOPRU_DATA", c.Data), "data directory")
	fs.StringVar(&c.Database, "db", env("KOPRU_DATABASE_URL", c.Database), "database URL: sqlite:PATH or postgres://… (default: SQLite in the data directory)")
	fs.StringVar(&c.BaseURL, "base-url", env("KOPRU_BASE_URL", c.BaseURL), "absolute base URL for links in mails and feeds (default http://ADDR)")
	fs.StringVar(&c.SMTP, "smtp", env("KOPRU_SMTP_URL", c.SMTP), "SMTP server smtp://user:pass@host:port (default: keep mail in the outbox and log it)")
	fs.StringVar(&c.Media, "media", env("KOPRU_MEDIA_URL", c.Media), "storage for uploaded files: file:///path or s3://bucket?region=…&endpoint=… (default: the media folder in the data directory)")
	fs.StringVar(&c.MailFrom, "mail-from", env("KOPRU_MAIL_FROM", c.MailFrom), "sender address of outgoing mail")
	fs.StringVar(&c.PodcastHub, "podcast-hub", env("KOPRU_PODCAST_HUB", c.PodcastHub), "WebSub hub URL the podcast feeds announce and ping, e.g. https://pubsubhubbub.appspot.com/ (default: none)")
	fs.StringVar(&c.GeoIP, "geoip", env("KOPRU_GEOIP", c.GeoIP), "CSV of IP ranges with country codes (start_ip,end_ip,country) for the podcast statistics (default: countries unknown)")
	if v := getenv("KOPRU_DEMO"); v != "" {
		if b, err := strconv.ParseBool(v); err == nil {
			c.Demo = map[bool]string{true: "on", false: "off"}[b]
		}
	}
	fs.Func("demo", "load the demo partnership (default: only into an empty database)", func(string) error { c.Demo = "on"; return nil })
	fs.Func("no-demo", "never load the demo partnership", func(string) error { c.Demo = "off"; return nil })
	// fs.Func flags need a value; make --demo and --no-demo plain switches.
	markBool(fs, "demo")
	markBool(fs, "no-demo")
}

// Validate fills derived defaults and reports every problem at once.
func (c *Config) Validate() error {
	var errs []error
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		errs = append(errs, fmt.Errorf("--addr %q: want host:port", c.Addr))
	}
	if c.Data == "" {
		errs = append(errs, errors.New("--data must not be empty"))
	}
	if c.Database == "" {
		c.Database = "sqlite:" + filepath.Join(c.Data, "kopru.db")
	}
	if !strings.HasPrefix(c.Database, "sqlite:") && !strings.HasPrefix(c.Database, "postgres://") && !strings.HasPrefix(c.Database, "postgresql://") {
		errs = append(errs, errors.New("--db: want sqlite:PATH or postgres://…"))
	}
	if c.Media == "" {
		abs, err := filepath.Abs(filepath.Join(c.Data, "media"))
		if err != nil {
			errs = append(errs, fmt.Errorf("--data: %w", err))
		}
		c.Media = "file://" + abs
	}
	if !strings.HasPrefix(c.Media, "file:///") && !strings.HasPrefix(c.Media, "s3://") && c.Media != "mem://" {
		errs = append(errs, errors.New("--media: want file:///absolute/path or s3://bucket?…"))
	}
	if c.BaseURL == "" {
		c.BaseURL = "http://" + c.Addr
	}
	c.BaseURL = strings.TrimRight(c.BaseURL, "/")
	if u, err := url.Parse(c.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		errs = append(errs, fmt.Errorf("--base-url %q: want an absolute http(s) URL", c.BaseURL))
	}
	if c.SMTP != "" {
		if u, err := url.Parse(c.SMTP); err != nil || (u.Scheme != "smtp" && u.Scheme != "smtps") || u.Host == "" {
			errs = append(errs, errors.New("--smtp: want smtp://user:pass@host:port"))
		}
	}
	if c.PodcastHub != "" {
		if u, err := url.Parse(c.PodcastHub); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			errs = append(errs, fmt.Errorf("--podcast-hub %q: want an absolute http(s) URL", c.PodcastHub))
		}
	}
	if c.GeoIP != "" {
		if st, err := os.Stat(c.GeoIP); err != nil || st.IsDir() {
			errs = append(errs, fmt.Errorf("--geoip %q: want a readable CSV file", c.GeoIP))
		}
	}
	return errors.Join(errs...)
}

// SecureCookies reports whether cookies must carry the Secure flag (the site is on https).
func (c *Config) SecureCookies() bool { return strings.HasPrefix(c.BaseURL, "https://") }

// FromEnv is Bind plus parse for callers without their own flags (tests, tools).
func FromEnv() Config {
	c := Default()
	fs := flag.NewFlagSet("kopru", flag.ContinueOnError)
	c.Bind(fs, os.Getenv)
	return c
}

type boolFunc struct{ flag.Value }

func (boolFunc) IsBoolFlag() bool { return true }

// String copes with the zero boolFunc, which flag's usage output builds to find defaults.
func (b boolFunc) String() string {
	if b.Value == nil {
		return ""
	}
	return b.Value.String()
}

func markBool(fs *flag.FlagSet, name string) {
	f := fs.Lookup(name)
	f.Value = boolFunc{f.Value}
}
