package search

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
)

// sqliteEngine keeps the index in FTS5.
//
// The FTS5 rowid, which is also search_documents.id, is a sort key rather than a counter:
// publication second << 21 | sequence << 2 | language code. Reading matches in rowid
// order is free in FTS5, so the newest candidates, the language preference and the date
// tie-break all come from the index without visiting search_documents; only the page of
// hits is read from there.
//
// Prefixes are expanded through search_terms, the vocabulary, into an OR of whole words:
// FTS5's own "word"* builds the merged list of every matching document in memory, and bm25
// does it a second time to count them, which costs tens of milliseconds for "izmir"*.
type sqliteEngine struct{ db *db.DB }

const (
	keySeqBits = 19 // documents per publication second
	keyLowBits = keySeqBits + 2
	// maxExpansions bounds the words a prefix stands for; the shortest are kept, so "izm"
	// means izmir, izmirde, izmirin, … before longer, rarer words.
	maxExpansions = 32
)

func (e sqliteEngine) put(ctx context.Context, q db.Querier, d Document, indexed time.Time) error {
	if err := e.deleteVersion(ctx, q, d.Kind, d.Ref, d.Lang); err != nil {
		return err
	}
	base := d.Date.Unix() << keyLowBits
	var last sql.NullInt64
	if err := q.QueryRow(ctx, `SELECT MAX(id) FROM search_documents WHERE id BETWEEN ? AND ?`,
		base, base+1<<keyLowBits-1).Scan(&last); err != nil {
		return err
	}
	seq := int64(0)
	if last.Valid {
		seq = (last.Int64-base)>>2 + 1
	}
	if seq >= 1<<keySeqBits {
		return errors.New("too many documents published in the same second")
	}
	key := base | seq<<2 | langCode(d.Lang)
	title, body := indexText(d.Title), indexText(d.Body)
	if _, err := q.Exec(ctx, `INSERT INTO search_documents
		(id, kind, ref, lang, title, body, url, published_at, indexed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		key, d.Kind, d.Ref, d.Lang, d.Title, d.Body, d.URL, d.Date.UTC().Truncate(time.Microsecond), indexed); err != nil {
		return err
	}
	if _, err := q.Exec(ctx, `INSERT INTO search_fts (rowid, title, body, kind) VALUES (?, ?, ?, ?)`,
		key, title, body, kindToken(d.Kind)); err != nil {
		return err
	}
	ws := distinct(title, body)
	if len(ws) == 0 {
		return nil
	}
	// Words are letters and digits only, so they need no JSON escaping.
	_, err := q.Exec(ctx, `INSERT OR IGNORE INTO search_terms (term) SELECT value FROM json_each(?)`,
		`["`+strings.Join(ws, `","`)+`"]`)
	return err
}

// distinct returns the different words of the given index texts.
func distinct(texts ...string) []string {
	seen := make(map[string]struct{}, 64)
	var out []string
	for _, s := range texts {
		for w := range strings.FieldsSeq(s) {
			if _, ok := seen[w]; !ok {
				seen[w] = struct{}{}
				out = append(out, w)
			}
		}
	}
	return out
}

// deleteVersion removes one language version, if indexed.
func (e sqliteEngine) deleteVersion(ctx context.Context, q db.Querier, kind, ref, lang string) error {
	var id int64
	err := q.WriteRow(ctx, `DELETE FROM search_documents WHERE kind = ? AND ref = ? AND lang = ? RETURNING id`,
		kind, ref, lang).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err == nil {
		_, err = q.Exec(ctx, `DELETE FROM search_fts WHERE rowid = ?`, id)
	}
	return err
}

func (e sqliteEngine) delete(ctx context.Context, q db.Querier, kind, ref string) error {
	if _, err := q.Exec(ctx, `DELETE FROM search_fts WHERE rowid IN
		(SELECT id FROM search_documents WHERE kind = ? AND ref = ?)`, kind, ref); err != nil {
		return err
	}
	_, err := q.Exec(ctx, `DELETE FROM search_documents WHERE kind = ? AND ref = ?`, kind, ref)
	return err
}

func (e sqliteEngine) sweep(ctx context.Context, q db.Querier, before time.Time) error {
	if _, err := q.Exec(ctx, `DELETE FROM search_fts WHERE rowid IN
		(SELECT id FROM search_documents WHERE indexed_at < ?)`, before); err != nil {
		return err
	}
	_, err := q.Exec(ctx, `DELETE FROM search_documents WHERE indexed_at < ?`, before)
	return err
}

// compact merges the FTS5 segments into one.
func (e sqliteEngine) compact(ctx context.Context) error {
	_, err := e.db.Exec(ctx, `INSERT INTO search_fts (search_fts) VALUES ('optimize')`)
	return err
}

func (e sqliteEngine) find(ctx context.Context, t terms, q Query) ([]Hit, error) {
	expr, err := e.expression(ctx, t, q.Kinds)
	if expr == "" || err != nil {
		return nil, err
	}
	own := langCode(q.Lang)
	rows, err := e.db.Query(ctx, `SELECT d.kind, d.ref, d.lang, d.title, d.body, d.url, d.published_at, r.score
		FROM (SELECT id, score FROM
				(SELECT rowid AS id, -rank AS score FROM search_fts WHERE search_fts MATCH ?
				ORDER BY rowid DESC LIMIT ?)
			ORDER BY id & 3 = ? DESC, score DESC, id DESC LIMIT ?) r
		JOIN search_documents d ON d.id = r.id
		ORDER BY r.id & 3 = ? DESC, r.score DESC, r.id DESC`, expr, candidates, own, q.Limit, own)
	if err != nil {
		return nil, err
	}
	return scanHits(rows)
}

// expression is the MATCH expression for t: the words in the title and body columns (not
// in kind), the prefix as an OR of the words it stands for, and the kinds asked for. It
// is "" when nothing can match.
func (e sqliteEngine) expression(ctx context.Context, t terms, kinds []string) (string, error) {
	var b strings.Builder
	b.WriteString("{title body}: (")
	last := len(t.words) - 1
	for i, w := range t.words[:last] {
		if i > 0 {
			b.WriteString(" AND ")
		}
		quote(&b, w)
	}
	if last > 0 {
		b.WriteString(" AND ")
	}
	if !t.prefix {
		quote(&b, t.words[last])
	} else {
		expansions, err := e.expand(ctx, t.words[last])
		if len(expansions) == 0 || err != nil {
			return "", err
		}
		b.WriteByte('(')
		for i, w := range expansions {
			if i > 0 {
				b.WriteString(" OR ")
			}
			quote(&b, w)
		}
		b.WriteByte(')')
	}
	b.WriteByte(')')
	if len(kinds) > 0 {
		b.WriteString(" AND {kind}: (")
		n := 0
		for _, k := range kinds {
			if tok := kindToken(k); tok != "" {
				if n > 0 {
					b.WriteString(" OR ")
				}
				quote(&b, tok)
				n++
			}
		}
		if n == 0 {
			return "", nil
		}
		b.WriteByte(')')
	}
	return b.String(), nil
}

// quote writes w as an FTS5 string; words hold only letters and digits, so there is
// nothing inside to escape.
func quote(b *strings.Builder, w string) {
	b.WriteByte('"')
	b.WriteString(w)
	b.WriteByte('"')
}

// expand returns the indexed words starting with prefix, shortest first.
func (e sqliteEngine) expand(ctx context.Context, prefix string) ([]string, error) {
	// Every word starting with prefix sorts between prefix and prefix+U+10FFFF.
	rows, err := e.db.Query(ctx, `SELECT term FROM search_terms WHERE term >= ? AND term < ?
		ORDER BY length(term), term LIMIT ?`, prefix, prefix+"\U0010FFFF", maxExpansions)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var w string
		if err := rows.Scan(&w); err != nil {
			return nil, err
		}
		out = append(out, w)
	}
	return out, rows.Err()
}

func (e sqliteEngine) bare(ctx context.Context, t terms, limit int) (int, error) {
	rows, err := e.db.Query(ctx, `SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY rank LIMIT ?`,
		"{title body}: ("+t.fts5()+")", limit)
	if err != nil {
		return 0, err
	}
	return count(rows)
}

// scanHits reads rows of kind, ref, lang, title, body, url, published_at, score.
func scanHits(rows *sql.Rows) ([]Hit, error) {
	defer rows.Close()
	var hits []Hit
	for rows.Next() {
		var h Hit
		if err := rows.Scan(&h.Kind, &h.Ref, &h.Lang, &h.Title, &h.Body, &h.URL, &h.Date, &h.Score); err != nil {
			return nil, err
		}
		hits = append(hits, h)
	}
	return hits, rows.Err()
}

func count(rows *sql.Rows) (int, error) {
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
	}
	return n, rows.Err()
}
