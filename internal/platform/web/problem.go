package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Problem is an RFC 9457 problem detail. Title is localized; Errors maps field names to
// localized messages for validation failures.
type Problem struct {
	Type     string            `json:"type"`
	Title    string            `json:"title"`
	Status   int               `json:"status"`
	Detail   string            `json:"detail,omitempty"`
	Instance string            `json:"instance,omitempty"`
	Errors   map[string]string `json:"errors,omitempty"`
}

// WriteJSON writes v as JSON with status.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

// WriteProblem writes p as application/problem+json.
func WriteProblem(w http.ResponseWriter, r *http.Request, p Problem) {
	if p.Type == "" {
		p.Type = "about:blank"
	}
	if p.Instance == "" {
		p.Instance = r.URL.Path
	}
	w.Header().Set("Content-Type", "application/problem+json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(p.Status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(p)
}

// DecodeError says why a JSON body was refused and which status fits.
type DecodeError struct {
	Status int
	Key    string // message key for the detail
	Err    error
}

func (e *DecodeError) Error() string { return fmt.Sprintf("%s: %v", e.Key, e.Err) }

// DecodeJSON reads one JSON object into dst, strictly: the content type must be JSON, the
// body valid UTF-8 within the size limit, unknown fields and trailing data are refused.
func DecodeJSON(r *http.Request, dst any) error {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || (mt != "application/json" && !strings.HasSuffix(mt, "+json")) {
			return &DecodeError{Status: http.StatusUnsupportedMediaType, Key: "problem.json.content_type", Err: fmt.Errorf("content type %q", ct)}
		}
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return &DecodeError{Status: http.StatusRequestEntityTooLarge, Key: "problem.too_large", Err: err}
		}
		return &DecodeError{Status: http.StatusBadRequest, Key: "problem.json.malformed", Err: err}
	}
	if !utf8.Valid(body) {
		return &DecodeError{Status: http.StatusBadRequest, Key: "problem.json.utf8", Err: ErrInvalidUTF8}
	}
	dec := json.NewDecoder(strings.NewReader(string(body)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return &DecodeError{Status: http.StatusBadRequest, Key: "problem.json.malformed", Err: err}
	}
	if dec.More() {
		return &DecodeError{Status: http.StatusBadRequest, Key: "problem.json.malformed", Err: errors.New("trailing data after the JSON object")}
	}
	return nil
}

func itoa(n int) string { return strconv.Itoa(n) }
