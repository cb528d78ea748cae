package volunteer

import (
	"errors"

	"github.com/kopru-platform/kopru/internal/platform/fail"
)

// fieldKey is the message key err gives field, or "".
func fieldKey(err error, field string) string {
	var f fail.Fields
	if errors.As(err, &f) {
		return f[field]
	}
	return ""
}
