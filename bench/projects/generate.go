package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/text"
)

// generator writes a deterministic tracker: projects named from the partnership's words
// in Turkish and Azerbaijani, spread over statuses, themes, years, 40 lead organisations and
// four currencies, with their updates; bulk multi-row inserts in one transaction.
type generator struct {
	rnd  *rand.Rand
	orgs []int64
	next int // projects written so far, for unique slugs
}

func newGenerator(seed int64) *generator {
	return &generator{rnd: rand.New(rand.NewPCG(uint64(seed), 40))}
}

var (
	wordsTR  = []string{"İzmir", "Bakü", "Gençlik", "Kültür", "Liman", "Ticaret", "Öğrenci", "Festival", "Zeytinyağı", "Eğitim", "Kardeşlik", "Gönüllü", "Şehir", "Müzik", "Turizm", "Çevre", "Forum", "Atölye", "Değişim", "Sergi"}
	wordsAZ  = []string{"İzmir", "Bakı", "Gənclik", "Mədəniyyət", "Liman", "Ticarət", "Tələbə", "Festival", "Zeytun", "Təhsil", "Qardaşlıq", "Könüllü", "Şəhər", "Musiqi", "Turizm", "Ətraf", "Forum", "Emalatxana", "Mübadilə", "Sərgi"}
	themes   = []string{"culture", "education", "youth", "trade", "tourism", "environment", "institutional", "other"}
	statuses = []string{"not_started", "in_progress", "in_progress", "completed", "cancelled"}
	currs    = []string{"TRY", "TRY", "AZN", "EUR", "USD"}
)

// base writes the partnership and the 40 lead organisations.
func (g *generator) base(ctx context.Context, d *db.DB) error {
	now := db.Now()
	_, err := d.Exec(ctx, `INSERT INTO partnerships (slug, city_a, country_a, zone_a, city_b, country_b, zone_b, protocol_date, summary, is_default, created_at, updated_at)
		VALUES ('izmir-baku', 'İzmir', 'TR', 'Europe/Istanbul', 'Bakü', 'AZ', 'Asia/Baku', '1986-01-01', '{}', 1, ?, ?)`, now, now)
	if err != nil {
		return err
	}
	for i := range 40 {
		name := fmt.Sprintf("%s %s Derneği %d", wordsTR[i%len(wordsTR)], wordsAZ[(i*7)%len(wordsAZ)], i+1)
		var id int64
		err := d.WriteRow(ctx, `INSERT INTO organisations (slug, name, kind, city, country, created_at, updated_at)
			VALUES (?, ?, 'association', 'İzmir', 'TR', ?, ?) RETURNING id`, text.Slug(name), name, now, now).Scan(&id)
		if err != nil {
			return err
		}
		g.orgs = append(g.orgs, id)
	}
	return nil
}

// projects writes n projects and updates progress updates spread over them, in one
// transaction.
func (g *generator) projects(ctx context.Context, d *db.DB, n, updates int) error {
	return d.InTx(ctx, func(tx *db.Tx) error {
		first := g.next
		for done := 0; done < n; {
			batch := min(500, n-done)
			if err := g.projectBatch(ctx, tx, batch); err != nil {
				return err
			}
			done += batch
		}
		var lo, hi int64
		if err := tx.QueryRow(ctx, `SELECT MIN(id), MAX(id) FROM projects WHERE slug >= ?`, fmt.Sprintf("p%06d", first+1)).Scan(&lo, &hi); err != nil {
			return err
		}
		for done := 0; done < updates; {
			batch := min(1000, updates-done)
			if err := g.updateBatch(ctx, tx, batch, lo, hi); err != nil {
				return err
			}
			done += batch
		}
		return nil
	})
}

func (g *generator) projectBatch(ctx context.Context, tx *db.Tx, n int) error {
	var rows []string
	var args []any
	now := db.Now()
	for range n {
		g.next++
		w := []int{g.rnd.IntN(len(wordsTR)), g.rnd.IntN(len(wordsTR)), g.rnd.IntN(len(wordsTR))}
		title := i18n.Text{TR: wordsTR[w[0]] + " " + wordsTR[w[1]] + " " + wordsTR[w[2]] + " Projesi",
			AZ: wordsAZ[w[0]] + " " + wordsAZ[w[1]] + " " + wordsAZ[w[2]] + " Layihəsi"}
		summary := i18n.Text{TR: "İzmir ile Bakü arasında " + strings.ToLower(wordsTR[w[1]]) + " alanında ortak çalışma."}
		th := themes[g.rnd.IntN(len(themes))]
		if g.rnd.IntN(2) == 0 {
			th += " " + themes[g.rnd.IntN(len(themes))]
		}
		year := 2024 + g.rnd.IntN(4)
		planned := int64(g.rnd.IntN(5_000_000)) * 100
		changed := now.Add(-time.Duration(g.rnd.IntN(365*24*60)) * time.Minute)
		folded := text.Fold(title.TR + " " + title.AZ + " " + summary.TR)
		tv, _ := title.Value()
		sv, _ := summary.Value()
		rows = append(rows, "(1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
		args = append(args, g.orgs[g.rnd.IntN(len(g.orgs))], fmt.Sprintf("p%06d", g.next), tv, sv, th,
			statuses[g.rnd.IntN(len(statuses))], g.rnd.IntN(101), fmt.Sprintf("%d-03-01", year), fmt.Sprintf("%d-12-31", year),
			currs[g.rnd.IntN(len(currs))], planned, planned/100*int64(g.rnd.IntN(101)), year, folded,
			changed, changed)
	}
	_, err := tx.Exec(ctx, `INSERT INTO projects (partnership_id, organisation_id, slug, title, summary, themes, status, progress,
		starts_on, ends_on, currency, planned_minor, spent_minor, year, folded, created_at, updated_at) VALUES `+strings.Join(rows, ", "), args...)
	return err
}

func (g *generator) updateBatch(ctx context.Context, tx *db.Tx, n int, lo, hi int64) error {
	var rows []string
	var args []any
	now := db.Now()
	for range n {
		body := i18n.Text{TR: "Çalışma grubu toplandı; " + wordsTR[g.rnd.IntN(len(wordsTR))] + " planı güncellendi.",
			AZ: "İşçi qrupu toplandı; " + wordsAZ[g.rnd.IntN(len(wordsAZ))] + " planı yeniləndi."}
		bv, _ := body.Value()
		rows = append(rows, "(?, ?, ?, '', ?, ?)")
		args = append(args, lo+g.rnd.Int64N(hi-lo+1), bv, g.rnd.IntN(101),
			fmt.Sprintf("2026-%02d-%02d", 1+g.rnd.IntN(12), 1+g.rnd.IntN(28)), now)
	}
	_, err := tx.Exec(ctx, `INSERT INTO project_updates (project_id, body, progress, media_ids, posted_on, created_at) VALUES `+strings.Join(rows, ", "), args...)
	return err
}
