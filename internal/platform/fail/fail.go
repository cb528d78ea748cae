// Package fail names the kinds of failure every module shares, so that pages and the API
// map them to one status each without knowing the module: a service returns (or wraps)
// these, and web turns them into 404, 403, 401, 409 or 422.
package fail

import "errors"

var (
	NotFound     = errors.New("not found")
	Forbidden    = errors.New("forbidden")
	Unauthorized = errors.New("not signed in")
	Conflict     = errors.New("conflict")
)

// Fields is a validation failure: form field name → message key (translated when shown).
type Fields map[string]string

func (f Fields) Error() string { return "invalid input" }
