package partnership

import (
	"net/http"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

func TestDump(t *testing.T) {
	h := handlers(t, dbtest.SQLite(t))
	for _, c := range []struct {
		name, lang, path string
		fn               http.HandlerFunc
	}{
		{"home", "tr", "/tr/", h.Home}, {"home-az", "az", "/az/", h.Home}, {"home-en", "en", "/en/", h.Home},
		{"timeline", "tr", "/tr/timeline", h.Timeline}, {"privacy", "tr", "/tr/privacy/account", h.Privacy},
		{"e404", "tr", "/tr/x", func(w http.ResponseWriter, r *http.Request) { h.rd.Error(w, r, 404) }},
	} {
		r := web.WithLocale(httptest.NewRequest("GET", c.path, nil), c.lang)
		w := httptest.NewRecorder()
		c.fn(w, r)
		os.WriteFile("/tmp/shots/"+c.name+".html", w.Body.Bytes(), 0o644)
	}
}
