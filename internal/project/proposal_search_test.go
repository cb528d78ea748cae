package project

import (
	"context"
	"strconv"
	"testing"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/search"
)

// Submitted proposals are documents of the site search from the submission's transaction
// on; drafts never are; a new version takes its place; a reindex agrees. The public list
// pages through the same proposals.
func TestProposalSearchAndPages(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx, f := context.Background(), newPCFixture(t, d)
		index := search.New(d)
		f.svc.UseIndex(index)
		// find is the proposals a query finds (a proposal has a document per language).
		find := func(q string) map[string]bool {
			t.Helper()
			hits, err := index.Search(ctx, search.Query{Text: q, Kinds: []string{proposalSearchKind}})
			if err != nil {
				t.Fatal(err)
			}
			refs := map[string]bool{}
			for _, h := range hits {
				refs[h.Ref] = true
			}
			return refs
		}
		submitted := make([]int64, 3)
		for i := range submitted {
			in := f.complete()
			in.Title = i18n.Text{TR: "Şəki–İzmir ipek yolu " + strconv.Itoa(i), AZ: "Şəki–İzmir ipək yolu " + strconv.Itoa(i)}
			p, err := f.svc.CreateDraft(ctx, f.member, in)
			if err != nil {
				t.Fatal(err)
			}
			if len(find("ipek")) != i {
				t.Fatalf("a draft is in the search")
			}
			if _, err := f.svc.Submit(ctx, f.member, p.ID); err != nil {
				t.Fatal(err)
			}
			submitted[i] = p.ID
		}
		// Folded: "SEKI" finds "Şəki", in both languages' documents.
		if refs := find("SEKI"); len(refs) != 3 {
			t.Fatalf("SEKI finds %v, want the 3 proposals", refs)
		}

		// A new version replaces the old one once submitted.
		next, err := f.svc.NewVersion(ctx, f.member, submitted[0])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Submit(ctx, f.member, next.ID); err != nil {
			t.Fatal(err)
		}
		if refs := find("ipek yolu 0"); len(refs) != 1 || !refs[strconv.FormatInt(next.ID, 10)] {
			t.Fatalf("after the new version the search finds %v, want only %d", refs, next.ID)
		}
		if err := index.Reindex(ctx, []search.Source{f.svc.ProposalSearchSource()}, nil); err != nil {
			t.Fatal(err)
		}
		if refs := find("seki"); len(refs) != 3 {
			t.Fatalf("after a reindex seki finds %v, want 3 proposals", refs)
		}

		// Pages of the public list: three public proposals (the superseded one is not).
		for _, c := range []struct{ limit, offset, rows int }{{2, 0, 2}, {2, 2, 1}, {2, 10, 0}} {
			page, total, err := f.svc.PublicProposalPage(ctx, ProposalFilter{}, c.limit, c.offset)
			if err != nil || total != 3 || len(page) != c.rows {
				t.Fatalf("page at %d: %d rows of %d (%v), want %d of 3", c.offset, len(page), total, err, c.rows)
			}
		}
	})
}
