package project

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
)

func TestCallsAreRunByCoordinators(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx, f := context.Background(), newPCFixture(t, d)
		if f.call.Slug != "40-yil-ortak-projeleri" || len(f.call.Questions) != 2 || len(f.call.Criteria) != 2 {
			t.Fatalf("call %+v", f.call)
		}
		if _, err := f.svc.CreateCall(ctx, f.member, pcCallInput()); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("a member created a call: %v", err)
		}
		if _, err := f.svc.UpdateCall(ctx, nil, f.call.ID, pcCallInput()); !errors.Is(err, fail.Unauthorized) {
			t.Fatalf("an anonymous visitor edited a call: %v", err)
		}
		_, err := f.svc.CreateCall(ctx, f.coordinator, pcCallInput())
		pcFieldErr(t, err, "slug", "project.call.error.slug_taken")

		bad := pcCallInput()
		bad.Slug, bad.ClosesAt = "ikinci", bad.OpensAt.Add(-time.Hour)
		bad.Criteria[1].Weight = 0
		bad.Questions[1].Choices = []string{"tek"}
		bad.Questions = append(bad.Questions, CallQuestion{Label: i18n.Text{EN: "?"}, Kind: "essay"})
		_, err = f.svc.CreateCall(ctx, f.coordinator, bad)
		pcFieldErr(t, err, "closes_at", "project.call.error.closes_before")
		pcFieldErr(t, err, "criterion_1_weight", "project.call.error.weight")
		pcFieldErr(t, err, "question_1_choices", "project.call.error.choices")
		pcFieldErr(t, err, "question_2_kind", "form.choice")
	})
}

func TestCallEditKeepsQuestionIDsAndDraftsAreHidden(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx, f := context.Background(), newPCFixture(t, d)
		in := f.call.CallInput
		in.Published = false
		in.Questions = []CallQuestion{in.Questions[1], {Label: i18n.Text{AZ: "Büdcə kimdən?"}, Kind: QuestionText}}
		c, err := f.svc.UpdateCall(ctx, f.coordinator, f.call.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		got, err := f.svc.Call(ctx, f.coordinator, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Questions) != 2 || got.Questions[0].ID != f.call.Questions[1].ID || got.Questions[1].Label.AZ != "Büdcə kimdən?" {
			t.Fatalf("questions after edit %+v", got.Questions)
		}
		if _, err := f.svc.CallBySlug(ctx, f.member, c.Slug); !errors.Is(err, fail.NotFound) {
			t.Fatalf("a member read a draft call: %v", err)
		}
		if list, _ := f.svc.Calls(ctx, f.member, true); len(list) != 0 {
			t.Fatalf("a member listed draft calls: %+v", list)
		}
		if list, _ := f.svc.Calls(ctx, f.coordinator, true); len(list) != 1 {
			t.Fatalf("the coordinator lists %d calls", len(list))
		}
		current, past, err := f.svc.OpenCalls(ctx)
		if err != nil || len(current)+len(past) != 0 {
			t.Fatalf("public calls include a draft: %v %v %v", current, past, err)
		}
	})
}
