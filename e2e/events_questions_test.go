package e2e

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/kopru-platform/kopru/internal/events"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
)

// TestRegistrationAsksTheEventsQuestions: a youth camp asks a T-shirt size (required), a
// note (optional) and consent to photos. A visitor in Azerbaijani sends the form without a
// size: the error stands next to that question and nothing typed is lost; chosen and sent
// again, the registration keeps the answer and the consent with the notice's version.
func TestRegistrationAsksTheEventsQuestions(t *testing.T) {
	chrome := chromium(t)
	engines(t, func(t *testing.T, databaseURL string) {
		srv := startServer(t, databaseURL)
		a, ctx := srv.App, context.Background()
		msg := func(key string, args ...any) string {
			t.Helper()
			if !a.Catalog.Has("az", key) {
				t.Fatalf("message %s is missing in az", key)
			}
			return a.Catalog.T("az", key, args...)
		}
		coord, e := gateFestival(t, srv, 40)
		in := e.Input
		in.Questionnaire = &events.Questionnaire{Questions: []events.Question{{
			Kind: events.ChoiceQuestion, Required: true,
			Label: i18n.Text{TR: "Tişört bedeniniz", AZ: "Futbolka ölçünüz", EN: "Your T-shirt size"},
			Options: []events.Option{
				{Label: i18n.Text{TR: "Küçük", AZ: "Kiçik", EN: "Small"}},
				{Label: i18n.Text{TR: "Orta", AZ: "Orta", EN: "Medium"}},
				{Label: i18n.Text{TR: "Büyük", AZ: "Böyük", EN: "Large"}},
			},
		}, {
			Kind:  events.TextQuestion,
			Label: i18n.Text{TR: "Eklemek istedikleriniz", AZ: "Əlavə etmək istədikləriniz", EN: "Anything to add"},
		}}, Consents: []events.Purpose{events.PhotoConsent}}
		e, _, err := a.Events.Update(ctx, coord, e.ID, in)
		if err != nil {
			t.Fatalf("add the questions: %v", err)
		}
		size := e.Questionnaire.Questions[0]
		note := e.Questionnaire.Questions[1]
		const visitor, email, remark = "Günay Rzayeva", "gunay.r@example.org", "Vegetarian yemək, zəhmət olmasa"

		b := newBrowser(t, chrome, srv.URL)
		page := "/az/events/" + e.Slug
		b.open(page)
		if n := b.count(`input[name="consent_photos"]:checked`); n != 0 {
			t.Errorf("the photo consent comes ticked")
		}
		if got := b.attr(`.event-consents a`, "href"); got != "/az/privacy/events" {
			t.Errorf("the consents link %q, want the events privacy notice", got)
		}
		b.typeInto("#f-name", visitor)
		b.typeInto("#f-email", email)
		b.typeInto("#f-"+note.Field(), remark)
		b.tick(`input[name="consent_photos"]`)
		submit := fmt.Sprintf(`form[action="%s/register"] button[type="submit"]`, page)
		b.expectStatus(page+"/register", http.StatusUnprocessableEntity)
		if resp := b.click(submit); resp.Status != http.StatusUnprocessableEntity {
			t.Fatalf("without a size: status %d, want 422; page says %q", resp.Status, b.text("main"))
		}
		if got, want := b.text(".event-question.has-error .error"), msg("events.questions.required"); got != want {
			t.Errorf("the error next to the size reads %q, want %q", got, want)
		}
		if got := b.text(".event-question.has-error legend"); !strings.Contains(got, size.Label.AZ) {
			t.Errorf("the error stands under %q, want the size question", got)
		}
		for field, want := range map[string]string{"#f-name": visitor, "#f-email": email, "#f-" + note.Field(): remark} {
			if got := b.value(field); got != want {
				t.Errorf("after the error %s holds %q, want %q kept", field, got, want)
			}
		}
		if n := b.count(`input[name="consent_photos"]:checked`); n != 1 {
			t.Errorf("after the error the photo consent is no longer ticked")
		}
		b.screenshot("questions_error_az")

		medium := size.Options[1].Key
		b.tick(fmt.Sprintf(`input[name=%q][value=%q]`, size.Field(), medium))
		if resp := b.click(submit); resp.Status != http.StatusOK || !strings.HasPrefix(b.path(), "/az/tickets/") {
			t.Fatalf("with a size: status %d at %s; page says %q", resp.Status, b.path(), b.text("main"))
		}
		regs, err := a.Events.Registrations(ctx, coord, e.ID, events.Confirmed)
		if err != nil || len(regs) != 1 {
			t.Fatalf("registrations: %v, %v", regs, err)
		}
		r := regs[0]
		if r.Answers[size.ID] != medium || r.Answers[note.ID] != remark {
			t.Errorf("stored answers %v, want size %q and the note", r.Answers, medium)
		}
		if r.NoticeVersion != events.NoticeVersion || len(r.Consents) != 1 || !r.Consents[0].Granted || r.Consents[0].Purpose != events.PhotoConsent {
			t.Errorf("stored notice %q and consents %+v, want %s and photos granted", r.NoticeVersion, r.Consents, events.NoticeVersion)
		}
	})
}
