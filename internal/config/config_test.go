package config

import (
	"flag"
	"os"
	"strings"
	"testing"
)

func parse(t *testing.T, env map[string]string, args ...string) (Config, error) {
	t.Helper()
	c := Default()
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	c.Bind(fs, func(k string) string { return env[k] })
	if err := fs.Parse(args); err != nil {
		t.Fatal(err)
	}
	return c, c.Validate()
}

func TestDefaults(t *testing.T) {
	c, err := parse(t, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:8080" || c.Database != "sqlite:data/kopru.db" || c.BaseURL != "http://127.0.0.1:8080" || c.Demo != "auto" {
		t.Fatalf("defaults: %+v", c)
	}
}

func TestFlagsWinOverEnvironment(t *testing.T) {
	env := map[string]string{"KOPRU_ADDR": "127.0.0.1:9000", "KOPRU_DEMO": "false", "KOPRU_DATABASE_URL": "postgres://u@h/db"}
	c, err := parse(t, env, "--addr", "127.0.0.1:9100", "--demo")
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:9100" || c.Demo != "on" || c.Database != "postgres://u@h/db" {
		t.Fatalf("got %+v", c)
	}
	c, _ = parse(t, env)
	if c.Addr != "127.0.0.1:9000" || c.Demo != "off" {
		t.Fatalf("environment ignored: %+v", c)
	}
}

func TestValidateReportsEveryProblem(t *testing.T) {
	_, err := parse(t, nil, "--addr", "nope", "--db", "mysql://x", "--smtp", "http://x", "--base-url", "ftp://x")
	if err == nil {
		t.Fatal("want errors")
	}
	for _, want := range []string{"--addr", "--db", "--smtp", "--base-url"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %s", err, want)
		}
	}
}

// TestHelpListsEveryFlag: --help prints the usage of every flag, the on/off switches
// included, without the flag package's "panic calling String method" lines.
func TestHelpListsEveryFlag(t *testing.T) {
	c := Default()
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	var out strings.Builder
	fs.SetOutput(&out)
	c.Bind(fs, func(string) string { return "" })
	if err := fs.Parse([]string{"--help"}); err != flag.ErrHelp {
		t.Fatalf("--help: %v", err)
	}
	if strings.Contains(out.String(), "panic") || !strings.Contains(out.String(), "-no-demo") {
		t.Fatalf("usage:\n%s", out.String())
	}
}

func TestGeoIPMustBeAFile(t *testing.T) {
	dir := t.TempDir()
	file := dir + "/dbip-country-lite.csv"
	if err := os.WriteFile(file, []byte("1.0.0.0,1.0.0.255,AU\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := parse(t, map[string]string{"KOPRU_GEOIP": file})
	if err != nil || c.GeoIP != file {
		t.Fatalf("from the environment: %v %q", err, c.GeoIP)
	}
	for _, bad := range []string{dir + "/missing.csv", dir} {
		if _, err := parse(t, nil, "--geoip", bad); err == nil || !strings.Contains(err.Error(), "--geoip") {
			t.Fatalf("--geoip %s: %v", bad, err)
		}
	}
}
