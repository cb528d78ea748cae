package db

import "strings"

// InList is the placeholders and arguments of an IN (…) list of ids: "?, ?, ?" and the ids
// as arguments. ids must not be empty (IN () is a syntax error).
func InList(ids []int64) (string, []any) {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return strings.TrimSuffix(strings.Repeat("?, ", len(ids)), ", "), args
}
