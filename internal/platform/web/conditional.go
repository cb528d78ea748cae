package web

import (
	"net/http"
	"strings"
)

// Fresh reports whether the client already holds the response described by h: its ETag is
// among If-None-Match (compared weakly, as RFC 9110 asks for GET), or, without
// If-None-Match, it has not changed since If-Modified-Since.
func Fresh(r *http.Request, h http.Header) bool {
	etag := strings.TrimPrefix(h.Get("ETag"), "W/")
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		for tag := range strings.SplitSeq(inm, ",") {
			if t := strings.TrimPrefix(strings.TrimSpace(tag), "W/"); etag != "" && (t == etag || t == "*") {
				return true
			}
		}
		return false
	}
	modified, err := http.ParseTime(h.Get("Last-Modified"))
	if err != nil {
		return false
	}
	since, err := http.ParseTime(r.Header.Get("If-Modified-Since"))
	return err == nil && !modified.After(since)
}

// Revalidate answers 304 instead of a 200 whose validators the client already holds. It
// goes around a page cache, whose hits would otherwise always send the whole page; a
// handler may also answer early itself when it knows its validators before rendering.
func Revalidate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == "" && r.Header.Get("If-Modified-Since") == "" {
			next.ServeHTTP(w, r)
			return
		}
		next.ServeHTTP(&conditionalWriter{ResponseWriter: w, r: r}, r)
	})
}

type conditionalWriter struct {
	http.ResponseWriter
	r                   *http.Request
	decided, unmodified bool
}

func (c *conditionalWriter) WriteHeader(code int) {
	if !c.decided {
		c.decided = true
		if code == http.StatusOK && Fresh(c.r, c.Header()) {
			c.unmodified = true
			c.Header().Del("Content-Length")
			c.ResponseWriter.WriteHeader(http.StatusNotModified)
			return
		}
	}
	c.ResponseWriter.WriteHeader(code)
}

func (c *conditionalWriter) Write(b []byte) (int, error) {
	if !c.decided {
		c.WriteHeader(http.StatusOK)
	}
	if c.unmodified {
		return len(b), nil // a 304 has no body
	}
	return c.ResponseWriter.Write(b)
}

func (c *conditionalWriter) Unwrap() http.ResponseWriter { return c.ResponseWriter }
