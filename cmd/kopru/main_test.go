package main

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
)

func runCmd(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, &out, &errOut)
	return out.String() + errOut.String(), err
}

func TestVersionAndUnknownCommand(t *testing.T) {
	if out, err := runCmd(t, "version"); err != nil || !strings.HasPrefix(out, "kopru ") {
		t.Fatalf("version: %q %v", out, err)
	}
	if _, err := runCmd(t, "frobnicate"); err == nil {
		t.Fatal("unknown command accepted")
	}
}

func TestMigrateUserCreateBackup(t *testing.T) {
	data := t.TempDir()
	out, err := runCmd(t, "migrate", "--data", data)
	if err != nil || !strings.Contains(out, "schema at version") {
		t.Fatalf("migrate: %q %v", out, err)
	}
	out, err = runCmd(t, "user", "create", "--data", data, "--email", "ops@example.org", "--password", "uzun-bir-sifre-2026", "--role", "admin")
	if err != nil || !strings.Contains(out, "created user") {
		t.Fatalf("user create: %q %v", out, err)
	}
	if _, err := runCmd(t, "user", "create", "--data", data, "--email", "ops@example.org", "--password", "uzun-bir-sifre-2026"); err == nil {
		t.Fatal("duplicate user created")
	}
	if _, err := runCmd(t, "user", "create", "--data", data, "--email", "x@example.org", "--password", "short"); err == nil {
		t.Fatal("short password accepted")
	}
	if _, err := runCmd(t, "user", "create", "--data", data, "--email", "y@example.org", "--password", "uzun-bir-sifre-2026", "--role", "king"); err == nil {
		t.Fatal("unknown role accepted")
	}
	copyPath := filepath.Join(t.TempDir(), "copy.db")
	out, err = runCmd(t, "backup", "--data", data, "--to", copyPath)
	if err != nil || !strings.Contains(out, "bytes") {
		t.Fatalf("backup: %q %v", out, err)
	}
	if st, err := os.Stat(copyPath); err != nil || st.Size() == 0 {
		t.Fatalf("backup file: %v", err)
	}
}

func TestDemoIsIdempotent(t *testing.T) {
	data := t.TempDir()
	for range 2 {
		if out, err := runCmd(t, "demo", "--data", data); err != nil {
			t.Fatalf("demo: %q %v", out, err)
		}
	}
	d, err := db.Open(context.Background(), "sqlite:"+filepath.Join(data, "kopru.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	for table, want := range map[string]int{"users": 9, "organisations": 7, "partnerships": 1} {
		var n int
		if err := d.QueryRow(context.Background(), "SELECT COUNT(*) FROM "+table).Scan(&n); err != nil || n != want {
			t.Errorf("%s after two demo loads: %d (%v), want %d", table, n, err, want)
		}
	}
}

// serve starts, loads the demo into the empty database, prints how to sign in, answers
// /readyz, and stops cleanly when its context ends.
func TestServeLoadsDemoAndStops(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	var out bytes.Buffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--data", t.TempDir(), "--addr", addr}, &out, &bytes.Buffer{})
	}()
	deadline := time.Now().Add(20 * time.Second)
	for {
		res, err := http.Get("http://" + addr + "/readyz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatal("server never became ready")
		}
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("serve: %v", err)
	}
	if !strings.Contains(out.String(), "demo administrator: admin@kopru.example.org / demo-") {
		t.Fatalf("serve output lacks the demo login:\n%s", out.String())
	}
}
