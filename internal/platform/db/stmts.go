package db

import (
	"context"
	"database/sql"
	"strings"
	"sync"
)

// maxCachedStmts bounds a pool's cache: the platform's statements are a few hundred fixed
// strings; beyond the bound (queries built with variable parts) statements are not cached.
const maxCachedStmts = 1000

// stmtCache keeps a pool's prepared statements by query text, on SQLite. The driver parses
// and compiles every statement it is handed; on the hot paths (a gate scan, a registration)
// that was about a quarter of the server's CPU (bench/checkin, bench/rush). A *sql.Stmt is
// prepared once per connection and reused, also inside transactions on the writer.
// PostgreSQL needs none: pgx caches prepared statements per connection itself.
type stmtCache struct {
	pool *sql.DB
	mu   sync.Mutex
	m    map[string]*sql.Stmt
}

func newStmtCache(pool *sql.DB) *stmtCache {
	return &stmtCache{pool: pool, m: map[string]*sql.Stmt{}}
}

// get returns the prepared statement for query, preparing it on a miss, or nil when it is
// not cached (c is nil, the cache is full, the text holds several statements, or preparing
// failed: the caller then runs the query unprepared, which reports any error as before).
// Never call it while holding one of the pool's connections (in a transaction on the
// one-connection writer): preparing waits for a connection. Use peek there.
func (c *stmtCache) get(ctx context.Context, query string) *sql.Stmt {
	if st, ok := c.peek(query); st != nil || !ok {
		return st
	}
	// Prepared without the lock: it may wait for a connection, and holders of connections
	// take the lock to peek.
	st, err := c.pool.PrepareContext(ctx, query)
	if err != nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if had, dup := c.m[query]; dup {
		_ = st.Close()
		return had
	}
	if len(c.m) >= maxCachedStmts {
		_ = st.Close()
		return nil
	}
	c.m[query] = st
	return st
}

// peek returns the cached statement without preparing; cacheable reports whether query may
// be cached at all.
func (c *stmtCache) peek(query string) (st *sql.Stmt, cacheable bool) {
	if c == nil || strings.Contains(query, ";") {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.m[query], len(c.m) < maxCachedStmts || c.m[query] != nil
}

func (c *stmtCache) close() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for q, st := range c.m {
		_ = st.Close()
		delete(c.m, q)
	}
}
