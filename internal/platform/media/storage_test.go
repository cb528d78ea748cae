package media_test

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/media"
)

func openStorage(t *testing.T, url string) *media.Storage {
	t.Helper()
	s, err := media.OpenStorage(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestStorageRoundTrip(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "not", "yet", "there")
	for _, url := range []string{"mem://", "file://" + filepath.ToSlash(dir)} {
		t.Run(strings.SplitN(url, ":", 2)[0], func(t *testing.T) {
			ctx := context.Background()
			s := openStorage(t, url)
			data := encodePNG(t, 10, 10, 255)
			key := media.NewKey("png", time.Now())
			if err := s.Put(ctx, key, data, "image/png"); err != nil {
				t.Fatal(err)
			}
			r, info, err := s.Open(ctx, key)
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(r)
			r.Close()
			if err != nil || string(got) != string(data) {
				t.Fatalf("read back %d bytes, %v", len(got), err)
			}
			if info.Size != int64(len(data)) || info.ContentType != "image/png" || info.ModTime.IsZero() {
				t.Errorf("info %+v", info)
			}
			if err := s.Delete(ctx, key); err != nil {
				t.Fatal(err)
			}
			if _, _, err := s.Open(ctx, key); !errors.Is(err, fail.NotFound) {
				t.Errorf("open after delete: %v, want not found", err)
			}
			if err := s.Delete(ctx, key); err != nil {
				t.Errorf("second delete: %v", err)
			}
		})
	}
	// The local directory holds only the files themselves: no .attrs sidecars, no leftovers.
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			t.Errorf("left behind %s", path)
		}
		return err
	})
}

func TestStorageRefusesBadKeys(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	secret := filepath.Join(filepath.Dir(dir), "secret.txt")
	os.WriteFile(secret, []byte("x"), 0o600)
	t.Cleanup(func() { os.Remove(secret) })
	s := openStorage(t, "file://"+filepath.ToSlash(dir))
	for _, key := range []string{"../secret.txt", "/etc/passwd", "", "2026/11/x.jpg"} {
		if _, _, err := s.Open(ctx, key); !errors.Is(err, fail.NotFound) {
			t.Errorf("Open(%q): %v, want not found", key, err)
		}
		if err := s.Put(ctx, key, []byte("x"), "text/plain"); err == nil {
			t.Errorf("Put(%q) accepted", key)
		}
		if err := s.Delete(ctx, key); err == nil {
			t.Errorf("Delete(%q) accepted", key)
		}
	}
	if _, err := os.Stat(secret); err != nil {
		t.Errorf("file outside the storage touched: %v", err)
	}
}

func TestOpenStorageURLs(t *testing.T) {
	for _, url := range []string{"ftp://host/x", "file://relative/dir", "file:relative", "/just/a/path", "::"} {
		if s, err := media.OpenStorage(context.Background(), url); err == nil {
			s.Close()
			t.Errorf("OpenStorage(%q) accepted", url)
		}
	}
}

// A streamed put stores exactly the reader's bytes; a reader that ends early or runs on
// stores nothing under the key.
func TestStoragePutStream(t *testing.T) {
	dir := t.TempDir()
	for _, url := range []string{"mem://", "file://" + filepath.ToSlash(dir)} {
		t.Run(strings.SplitN(url, ":", 2)[0], func(t *testing.T) {
			ctx := context.Background()
			s := openStorage(t, url)
			data := []byte(strings.Repeat("köprü ", 200_000)) // larger than one write buffer
			key := media.NewKey("mp3", time.Now())
			if err := s.PutStream(ctx, key, strings.NewReader(string(data)), int64(len(data)), "audio/mpeg"); err != nil {
				t.Fatal(err)
			}
			r, info, err := s.Open(ctx, key)
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(r)
			r.Close()
			if err != nil || string(got) != string(data) {
				t.Fatalf("read back %d of %d bytes, %v", len(got), len(data), err)
			}
			if info.Size != int64(len(data)) {
				t.Errorf("info %+v", info)
			}
			for name, size := range map[string]int64{"short": int64(len(data)) + 10, "long": int64(len(data)) - 10} {
				bad := media.NewKey("mp3", time.Now())
				if err := s.PutStream(ctx, bad, strings.NewReader(string(data)), size, "audio/mpeg"); err == nil {
					t.Errorf("%s reader: stored without error", name)
				}
				if _, _, err := s.Open(ctx, bad); !errors.Is(err, fail.NotFound) {
					t.Errorf("%s reader: open after failed put: %v, want not found", name, err)
				}
			}
		})
	}
	if s := openStorage(t, "mem://"); s.PutStream(context.Background(), "../x", strings.NewReader("x"), 1, "") == nil {
		t.Error("invalid key stored")
	}
}
