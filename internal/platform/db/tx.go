package db

import (
	"context"
	"database/sql"
	"fmt"
)

// Tx is a write transaction. Its methods rebind placeholders like DB's.
type Tx struct {
	tx      *sql.Tx
	dialect Dialect
	stmts   *stmtCache // the writer's prepared statements (SQLite), nil on PostgreSQL
	missed  []string   // statements to prepare for next time, once the connection is free
	after   []func()   // run once the transaction has committed (AfterCommit)
}

// AfterCommit runs f after the transaction commits, and never if it rolls back: for telling
// others (a job worker) about rows they could not see before the commit.
func (t *Tx) AfterCommit(f func()) { t.after = append(t.after, f) }

// Exec runs a statement inside the transaction.
func (t *Tx) Exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if st := t.prepared(ctx, query); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return t.tx.ExecContext(ctx, rebind(t.dialect, query), args...)
}

// Query runs a read inside the transaction.
func (t *Tx) Query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := t.prepared(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return t.tx.QueryContext(ctx, rebind(t.dialect, query), args...)
}

// QueryRow runs a single-row statement inside the transaction.
func (t *Tx) QueryRow(ctx context.Context, query string, args ...any) *sql.Row {
	if st := t.prepared(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return t.tx.QueryRowContext(ctx, rebind(t.dialect, query), args...)
}

// prepared is the writer's cached statement for query, bound to this transaction, or nil. A
// miss cannot be prepared now (the transaction holds the writer's one connection): InTx
// prepares it after the transaction.
func (t *Tx) prepared(ctx context.Context, query string) *sql.Stmt {
	st, cacheable := t.stmts.peek(query)
	if st == nil {
		if cacheable {
			t.missed = append(t.missed, query)
		}
		return nil
	}
	return t.tx.StmtContext(ctx, st)
}

// WriteRow is QueryRow; it exists so store code reads the same inside and outside a transaction.
func (t *Tx) WriteRow(ctx context.Context, query string, args ...any) *sql.Row {
	return t.QueryRow(ctx, query, args...)
}

// Dialect reports the engine, for the rare statement that differs.
func (t *Tx) Dialect() Dialect { return t.dialect }

// ForUpdate is the row-lock suffix for a read that a later write in the same transaction
// depends on. SQLite needs none: its transactions already hold the write lock (BEGIN IMMEDIATE).
func (t *Tx) ForUpdate() string {
	if t.dialect == Postgres {
		return " FOR UPDATE"
	}
	return ""
}

// Querier is what store functions need; both *DB and *Tx satisfy it, so one store function
// serves inside and outside a transaction.
type Querier interface {
	Exec(ctx context.Context, query string, args ...any) (sql.Result, error)
	Query(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRow(ctx context.Context, query string, args ...any) *sql.Row
	WriteRow(ctx context.Context, query string, args ...any) *sql.Row
}

// InTx runs fn in a write transaction, committing when fn returns nil and rolling back
// otherwise (also on panic), so no half-written record survives an error.
func (d *DB) InTx(ctx context.Context, fn func(tx *Tx) error) (err error) {
	sqlTx, err := d.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("db: begin: %w", err)
	}
	tx := &Tx{tx: sqlTx, dialect: d.Dialect, stmts: d.writeStmts}
	// Deferred first, so it runs last: after the commit or the rollback below has given the
	// writer's connection back, which preparing needs.
	defer func() {
		for _, q := range tx.missed {
			d.writeStmts.get(context.WithoutCancel(ctx), q)
		}
	}()
	defer func() {
		if p := recover(); p != nil {
			_ = sqlTx.Rollback()
			panic(p)
		}
		if err != nil {
			_ = sqlTx.Rollback()
		}
	}()
	if err = fn(tx); err != nil {
		return err
	}
	if err = sqlTx.Commit(); err != nil {
		return err
	}
	for _, f := range tx.after {
		f()
	}
	return nil
}
