package web

import (
	"bytes"
	"net/http"
	"sync"
	"time"
)

// PageCache keeps rendered public pages for anonymous visitors for a short time. A public
// page is the same for every anonymous visitor, and rendering templates costs several times
// what serving a file does; signed-in people (editors above all) always get a fresh page.
type PageCache struct {
	ttl        time.Duration
	maxEntries int
	mu         sync.RWMutex
	entries    map[string]*cachedPage
	now        func() time.Time
}

type cachedPage struct {
	body    []byte
	header  http.Header
	expires time.Time
}

// NewPageCache keeps pages for ttl, at most maxEntries of them.
func NewPageCache(ttl time.Duration, maxEntries int) *PageCache {
	return &PageCache{ttl: ttl, maxEntries: maxEntries, entries: map[string]*cachedPage{}, now: time.Now}
}

// cacheable: only GET/HEAD without a signed-in viewer and without a session cookie (whose
// one-time messages would otherwise be served to, or hidden from, the wrong person).
func cacheable(r *http.Request, sessionCookie string) bool {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return false
	}
	if ViewerOf(r.Context()) != nil {
		return false
	}
	_, err := r.Cookie(sessionCookie)
	return err != nil
}

// Wrap serves next through the cache. sessionCookie names the session cookie to look for.
func (c *PageCache) Wrap(sessionCookie string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !cacheable(r, sessionCookie) {
			next.ServeHTTP(w, r)
			return
		}
		key := LocaleOf(r.Context()) + " " + r.URL.RequestURI()
		now := c.now()
		c.mu.RLock()
		e := c.entries[key]
		c.mu.RUnlock()
		if e != nil && now.Before(e.expires) {
			h := w.Header()
			for k, v := range e.header {
				h[k] = v
			}
			h.Set("X-Cache", "hit")
			w.WriteHeader(http.StatusOK)
			if r.Method == http.MethodGet {
				_, _ = w.Write(e.body)
			}
			return
		}
		rec := &recorder{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		if rec.status == http.StatusOK && r.Method == http.MethodGet {
			c.store(key, &cachedPage{body: bytes.Clone(rec.buf.Bytes()), header: cloneContentHeaders(rec.Header()), expires: now.Add(c.ttl)})
		}
	})
}

func (c *PageCache) store(key string, e *cachedPage) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.entries) >= c.maxEntries {
		// Drop what has expired; if everything is fresh, start over rather than track ages.
		now := c.now()
		for k, old := range c.entries {
			if !now.Before(old.expires) {
				delete(c.entries, k)
			}
		}
		if len(c.entries) >= c.maxEntries {
			clear(c.entries)
		}
	}
	c.entries[key] = e
}

// Purge empties the cache (after an edit, so visitors see it at once on this instance).
func (c *PageCache) Purge() {
	c.mu.Lock()
	clear(c.entries)
	c.mu.Unlock()
}

// cloneContentHeaders keeps what describes the page itself, not the response to one request.
func cloneContentHeaders(h http.Header) http.Header {
	out := http.Header{}
	for _, k := range []string{"Content-Type", "Content-Language", "Etag", "Last-Modified", "Cache-Control", "Vary"} {
		if v := h.Values(k); len(v) > 0 {
			out[k] = append([]string(nil), v...)
		}
	}
	return out
}

// recorder passes the response through while keeping a copy of the body.
type recorder struct {
	http.ResponseWriter
	status int
	buf    bytes.Buffer
}

func (r *recorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	r.buf.Write(b)
	return r.ResponseWriter.Write(b)
}

func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }
