package db

import "context"

// Scanner is one result row: *sql.Row and *sql.Rows both are.
type Scanner interface {
	Scan(dest ...any) error
}

// Collect runs query and turns every row into a T with scan, in the query's order. It
// closes the rows before it returns, so the caller may query again at once (an SQLite
// transaction has one connection).
func Collect[T any](ctx context.Context, q Querier, scan func(Scanner) (T, error), query string, args ...any) ([]T, error) {
	rows, err := q.Query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// Int64s runs a query of one integer column, such as a list of ids.
func Int64s(ctx context.Context, q Querier, query string, args ...any) ([]int64, error) {
	return Collect(ctx, q, func(s Scanner) (int64, error) {
		var n int64
		err := s.Scan(&n)
		return n, err
	}, query, args...)
}
