package web

import (
	"errors"
	"net/http"
	"net/mail"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/kopru-platform/kopru/internal/platform/fail"
)

// Form holds submitted values and per-field errors. Errors are message keys, translated
// when the page renders, so one validation serves every language.
type Form struct {
	Values url.Values
	Errors map[string]string
}

// NewForm wraps values for validation.
func NewForm(values url.Values) *Form { return &Form{Values: values, Errors: map[string]string{}} }

// Errors returned by ParseForm; handlers map them to 413 and 400.
var (
	ErrTooLarge    = errors.New("request body too large")
	ErrInvalidUTF8 = errors.New("form contains invalid UTF-8")
)

// ParseForm reads a urlencoded or multipart form, refusing bodies past the size limit and
// text that is not valid UTF-8 (which would otherwise be stored as mojibake).
func ParseForm(r *http.Request) (*Form, error) {
	if err := r.ParseForm(); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, ErrTooLarge
		}
		return nil, err
	}
	for _, vs := range r.PostForm {
		for _, v := range vs {
			if !utf8.ValidString(v) {
				return nil, ErrInvalidUTF8
			}
		}
	}
	return NewForm(r.PostForm), nil
}

// Get returns a field's value with surrounding spaces removed.
func (f *Form) Get(field string) string { return strings.TrimSpace(f.Values.Get(field)) }

// Fail records an error for a field (the first one sticks).
func (f *Form) Fail(field, key string) {
	if _, ok := f.Errors[field]; !ok {
		f.Errors[field] = key
	}
}

// FailFields copies a service's field errors (fail.Fields) onto the form and reports
// whether err was one; any other error is left to the caller.
func (f *Form) FailFields(err error) bool {
	var fields fail.Fields
	if !errors.As(err, &fields) {
		return false
	}
	for k, key := range fields {
		f.Fail(k, key)
	}
	return true
}

// Valid reports whether no field failed.
func (f *Form) Valid() bool { return len(f.Errors) == 0 }

// Required fails each empty field with "form.required".
func (f *Form) Required(fields ...string) {
	for _, field := range fields {
		if f.Get(field) == "" {
			f.Fail(field, "form.required")
		}
	}
}

// MaxLen fails a field longer than n characters.
func (f *Form) MaxLen(field string, n int) {
	if utf8.RuneCountInString(f.Get(field)) > n {
		f.Fail(field, "form.too_long")
	}
}

// Email fails a field that is not a plain address.
func (f *Form) Email(field string) {
	if v := f.Get(field); v != "" && !IsEmail(v) {
		f.Fail(field, "form.email")
	}
}

// OneOf fails a field whose value is not among allowed.
func (f *Form) OneOf(field string, allowed ...string) {
	v := f.Get(field)
	for _, a := range allowed {
		if v == a {
			return
		}
	}
	f.Fail(field, "form.choice")
}

// IsEmail accepts a bare address (no display name) with a dot in the domain.
func IsEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || len(s) > 254 {
		return false
	}
	at := strings.LastIndexByte(s, '@')
	return at > 0 && strings.Contains(s[at+1:], ".")
}
