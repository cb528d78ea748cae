package media_test

import (
	"strings"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/media"
)

func TestNewKey(t *testing.T) {
	baku := time.FixedZone("Bakü", 4*3600)
	now := time.Date(2026, 12, 1, 2, 0, 0, 0, baku) // still November in UTC
	seen := map[string]bool{}
	for range 100 {
		k := media.NewKey(".JPG", now)
		if !strings.HasPrefix(k, "2026/11/") || !strings.HasSuffix(k, ".jpg") || !media.ValidKey(k) {
			t.Fatalf("NewKey = %q", k)
		}
		if seen[k] {
			t.Fatalf("NewKey repeated %q", k)
		}
		seen[k] = true
	}
	if k := media.NewKey("pdf", now); !media.ValidKey(k) || !strings.HasSuffix(k, ".pdf") {
		t.Errorf("NewKey without dot = %q", k)
	}
}

func TestValidKey(t *testing.T) {
	const id = "abcdefghijklmnopqrstuvwxyz"
	tests := []struct {
		key  string
		want bool
	}{
		{"2026/11/" + id + ".jpg", true},
		{"2026/01/" + "234567abcdefghijklmnopqrst" + ".webp", true},
		{"", false},
		{"../../etc/passwd", false},
		{"/etc/passwd", false},
		{"/2026/11/" + id + ".jpg", false},
		{"2026/11/../../" + id[:20] + ".jpg", false},
		{"2026/11/" + id + ".jpg/../../x", false},
		{"2026/11/" + strings.ToUpper(id) + ".jpg", false},
		{"2026/13/" + id + ".jpg", false},
		{"2026/00/" + id + ".jpg", false},
		{"2026/1/" + id + ".jpg", false},
		{"2026/11/" + id[:25] + ".jpg", false},
		{"2026/11/" + id + "a.jpg", false},
		{"2026/11/" + id, false},
		{"2026/11/" + id + ".", false},
		{"2026/11/" + id + ".JPG", false},
		{"2026/11/" + id + ".jpg\n", false},
		{"2026/11/" + id + ".jpg\x00.png", false},
		{"2026\\11\\" + id + ".jpg", false},
		{"2026/11/" + "abcdefghijklmnopqrstuvwx18" + ".jpg", false}, // 0, 1, 8, 9 are not base32
	}
	for _, tt := range tests {
		if got := media.ValidKey(tt.key); got != tt.want {
			t.Errorf("ValidKey(%q) = %v, want %v", tt.key, got, tt.want)
		}
	}
}
