package events

import (
	"errors"
	"slices"
	"testing"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
)

// askingFestival asks for dietary needs (required choice), a passport tick (required), how
// people heard of it (optional text), and consent to photos.
func askingFestival(f *fixture, capacity int) Input {
	in := f.festival(capacity)
	in.Questionnaire = &Questionnaire{Questions: []Question{{
		Kind: ChoiceQuestion, Required: true, Label: i18n.Text{TR: "Beslenme tercihiniz", AZ: "Qidalanma seçiminiz"},
		Options: []Option{{Label: i18n.Text{TR: "Farketmez", AZ: "Fərqi yoxdur"}}, {Label: i18n.Text{TR: "Vejetaryen", AZ: "Vegetarian"}}},
	}, {
		Kind: CheckboxQuestion, Required: true, Label: i18n.Text{TR: "Pasaportumu getireceğim", AZ: "Pasportumu gətirəcəyəm"},
	}, {
		Kind: TextQuestion, Label: i18n.Text{TR: "Bizi nereden duydunuz?"},
	}}, Consents: []Purpose{PhotoConsent}}
	return in
}

func count(t *testing.T, d *db.DB, table string) int {
	t.Helper()
	var n int
	if err := d.QueryRow(ctx, `SELECT COUNT(*) FROM `+table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestAnswersCheckedAndStored(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		e := f.create(t, askingFestival(f, 10))
		qs := e.Questionnaire.Questions
		if len(qs) != 3 || qs[0].ID == 0 || len(qs[0].Options) != 2 || qs[0].Options[0].Key == qs[0].Options[1].Key {
			t.Fatalf("questions as stored: %+v", qs)
		}
		diet, passport, heard := qs[0], qs[1], qs[2]
		veg := diet.Options[1].Key
		base := RegisterInput{EventID: e.ID, Name: "Leyla Həsənova", Email: "leyla@example.org"}

		// Missing required answers: every problem at once, under the question's field; nothing stored.
		_, err := f.svc.Register(ctx, nil, RegisterInput{EventID: e.ID, Email: "yanlis"})
		var fields fail.Fields
		if !errors.As(err, &fields) || fields[diet.Field()] != "events.questions.required" ||
			fields[passport.Field()] != "events.questions.must_tick" || fields["name"] != "form.required" || fields["email"] != "form.email" {
			t.Fatalf("missing answers: %v %#v", err, fields)
		}
		if _, ok := fields[heard.Field()]; ok {
			t.Error("an optional question was required")
		}
		// A choice that is not an option, a box "ticked" with a made-up value, an unknown
		// question, a consent the form does not ask.
		in := base
		in.Answers = map[int64]string{diet.ID: "pizza", passport.ID: Ticked}
		_, err = f.svc.Register(ctx, nil, in)
		fieldErr(t, err, diet.Field(), "form.choice")
		in.Answers = map[int64]string{diet.ID: veg, passport.ID: "evet"}
		_, err = f.svc.Register(ctx, nil, in)
		fieldErr(t, err, passport.Field(), "form.choice")
		in.Answers = map[int64]string{diet.ID: veg, passport.ID: Ticked, 999999: "x"}
		_, err = f.svc.Register(ctx, nil, in)
		fieldErr(t, err, "answers", "events.questions.unknown")
		in.Answers = map[int64]string{diet.ID: veg, passport.ID: Ticked}
		in.Consents = []Purpose{UpdatesConsent}
		_, err = f.svc.Register(ctx, nil, in)
		fieldErr(t, err, "consents", "events.consent.unknown")
		if n := count(t, d, "event_registrations") + count(t, d, "event_answers") + count(t, d, "event_registration_consents"); n != 0 {
			t.Fatalf("refused registrations left %d rows", n)
		}

		// Accepted: answers trimmed to one line, the consent recorded with the notice version.
		in.Answers = map[int64]string{diet.ID: veg, passport.ID: Ticked, heard.ID: "  Radyo\n İzmir  "}
		in.Consents = []Purpose{PhotoConsent}
		leyla, err := f.svc.Register(ctx, nil, in)
		if err != nil {
			t.Fatal(err)
		}
		if leyla.NoticeVersion != NoticeVersion {
			t.Errorf("notice version %q", leyla.NoticeVersion)
		}
		// Someone else leaves the photo box unticked: recorded as not granted.
		other := base
		other.Email, other.Answers = "kamran@example.org", map[int64]string{diet.ID: diet.Options[0].Key, passport.ID: Ticked}
		if _, err := f.svc.Register(ctx, f.ayse, other); err != nil {
			t.Fatal(err)
		}

		regs, err := f.svc.Registrations(ctx, f.coordinator, e.ID, "")
		if err != nil || len(regs) != 2 {
			t.Fatalf("registrations: %v %d", err, len(regs))
		}
		r := regs[0]
		if r.Answers[diet.ID] != veg || r.Answers[passport.ID] != Ticked || r.Answers[heard.ID] != "Radyo İzmir" || r.NoticeVersion != NoticeVersion {
			t.Errorf("stored answers %+v, version %q", r.Answers, r.NoticeVersion)
		}
		if granted, decided := r.Consented(PhotoConsent); !granted || !decided || r.Consents[0].NoticeVersion != NoticeVersion || !r.Consents[0].At.Equal(t0) {
			t.Errorf("leyla's consent %+v", r.Consents)
		}
		if granted, decided := regs[1].Consented(PhotoConsent); granted || !decided {
			t.Errorf("kamran's consent %+v", regs[1].Consents)
		}
		if _, ok := regs[1].Answers[heard.ID]; ok {
			t.Error("an empty optional answer was stored")
		}

		// Only managers read everyone's answers; the owner reads their own.
		if _, err := f.svc.Registrations(ctx, f.mehmet, e.ID, ""); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("member lists answers: %v", err)
		}
		if _, err := f.svc.AllQuestions(ctx, f.mehmet, e.ID); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("member lists questions: %v", err)
		}
		if _, err := f.svc.Registration(ctx, f.mehmet, regs[1].ID); !errors.Is(err, fail.NotFound) {
			t.Fatalf("member reads ayşe's registration: %v", err)
		}
		mine, err := f.svc.Registration(ctx, f.ayse, regs[1].ID)
		if err != nil || mine.Answers[passport.ID] != Ticked {
			t.Fatalf("own registration: %v %+v", err, mine)
		}
	})
}

func TestInvitationEnforcesQuestions(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		in := askingFestival(f, 10)
		in.Visibility = Invitation
		e := f.create(t, in)
		var token string
		err := f.svc.Invite(ctx, f.coordinator, e.ID, []string{"davetli@example.org"}, func(_ *db.Tx, _ *Event, _, tok string) error {
			token = tok
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		diet, passport := e.Questionnaire.Questions[0], e.Questionnaire.Questions[1]
		_, err = f.svc.AcceptInvitation(ctx, nil, token, RegisterInput{EventID: e.ID, Name: "Davetli Konuk"})
		fieldErr(t, err, diet.Field(), "events.questions.required")
		if inv, err := f.svc.InvitationFor(ctx, e.ID, token); err != nil || inv.UsedAt != nil {
			t.Fatalf("a refused acceptance spent the link: %v %+v", err, inv)
		}
		r, err := f.svc.AcceptInvitation(ctx, nil, token, RegisterInput{EventID: e.ID, Name: "Davetli Konuk",
			Answers: map[int64]string{diet.ID: diet.Options[0].Key, passport.ID: Ticked}})
		if err != nil || r.Status != Confirmed || r.Answers[passport.ID] != Ticked {
			t.Fatalf("accept: %v %+v", err, r)
		}
		if granted, decided := r.Consented(PhotoConsent); granted || !decided {
			t.Errorf("unticked photo consent not recorded as refused: %+v", r.Consents)
		}
	})
}

func TestQuestionnaireEdits(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		e := f.create(t, askingFestival(f, 10))
		diet, passport := e.Questionnaire.Questions[0], e.Questionnaire.Questions[1]
		farketmez, veg := diet.Options[0].Key, diet.Options[1].Key
		if _, err := f.svc.Register(ctx, nil, RegisterInput{EventID: e.ID, Name: "Ali", Email: "ali@example.org",
			Answers: map[int64]string{diet.ID: veg, passport.ID: Ticked}}); err != nil {
			t.Fatal(err)
		}

		// Bad edits are refused under the row's fields.
		bad := e.Input
		bad.Questionnaire = &Questionnaire{Questions: []Question{
			{ID: diet.ID, Kind: ChoiceQuestion, Label: diet.Label, Options: []Option{{Label: i18n.Text{TR: "Tek"}}}},
			{Kind: TextQuestion},
			{Kind: "date", Label: i18n.Text{EN: "When?"}},
		}, Consents: []Purpose{"newsletter"}}
		_, _, err := f.svc.Update(ctx, f.coordinator, e.ID, bad)
		var fields fail.Fields
		if !errors.As(err, &fields) || fields["q_options_0"] != "events.questions.options_needed" || fields["q_label_1"] != "events.questions.label_required" ||
			fields["q_kind_2"] != "form.choice" || fields["consents"] != "form.choice" {
			t.Fatalf("bad edit: %v %#v", err, fields)
		}
		if _, _, err := f.svc.Update(ctx, f.ayse, e.ID, e.Input); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("member edits the questions: %v", err)
		}

		// A corrected spelling keeps its option's key (and answers); a new option gets a new
		// key; the passport question is taken off the form, its answers kept.
		good := e.Input
		good.Questionnaire = &Questionnaire{Questions: []Question{{ID: diet.ID, Kind: ChoiceQuestion, Label: diet.Label, Options: []Option{
			{Label: i18n.Text{TR: "Vejetaryen yemek", AZ: "Vegetarian"}},
			{Label: i18n.Text{TR: "Vegan", AZ: "Vegan"}},
		}}}}
		saved, _, err := f.svc.Update(ctx, f.coordinator, e.ID, good)
		if err != nil {
			t.Fatal(err)
		}
		opts := saved.Questionnaire.Questions[0].Options
		if len(saved.Questionnaire.Questions) != 1 || opts[0].Key != veg || opts[1].Key == farketmez || opts[1].Removed ||
			opts[2].Key != farketmez || !opts[2].Removed || len(saved.Questionnaire.Consents) != 0 {
			t.Fatalf("after the edit: %+v", saved.Questionnaire)
		}
		all, err := f.svc.AllQuestions(ctx, f.coordinator, e.ID)
		if err != nil || len(all) != 3 || !all[1].Removed || all[1].ID != passport.ID {
			t.Fatalf("all questions: %v %+v", err, all)
		}
		regs, _ := f.svc.Registrations(ctx, f.coordinator, e.ID, "")
		if regs[0].Answers[passport.ID] != Ticked || all[0].AnswerText(regs[0].Answers[diet.ID], "tr", "Evet") != "Vejetaryen yemek" {
			t.Fatalf("answers after the edit: %+v", regs[0].Answers)
		}
		// The removed option no longer counts as an answer; the removed question asks nothing.
		_, err = f.svc.Register(ctx, nil, RegisterInput{EventID: e.ID, Name: "Veli", Email: "veli@example.org",
			Answers: map[int64]string{diet.ID: farketmez}})
		fieldErr(t, err, diet.Field(), "form.choice")
		_, err = f.svc.Register(ctx, nil, RegisterInput{EventID: e.ID, Name: "Veli", Email: "veli@example.org",
			Answers: map[int64]string{diet.ID: opts[1].Key, passport.ID: Ticked}})
		fieldErr(t, err, "answers", "events.questions.unknown")

		// An update that says nothing of the questionnaire keeps it.
		keep := e.Input
		keep.Questionnaire = nil
		kept, _, err := f.svc.Update(ctx, f.coordinator, e.ID, keep)
		if err != nil || len(kept.Questionnaire.Questions) != 1 {
			t.Fatalf("kept: %v %+v", err, kept.Questionnaire)
		}
	})
}

func TestMergeOptions(t *testing.T) {
	old := []Option{{Key: "o1", Label: i18n.Text{TR: "Bir"}}, {Key: "o2", Label: i18n.Text{TR: "İki", EN: "Two"}}, {Key: "o3", Label: i18n.Text{TR: "Üç"}, Removed: true}}
	got := mergeOptions(old, []Option{{Label: i18n.Text{TR: "Üç"}}, {Label: i18n.Text{TR: "İkı", EN: "Two"}}, {Label: i18n.Text{TR: "Dört"}}})
	keys := func(opts []Option) (out []string) {
		for _, o := range opts {
			k := o.Key
			if o.Removed {
				k += "-"
			}
			out = append(out, k)
		}
		return out
	}
	// "Üç" comes back with its key, the respelt "İki" keeps its own, "Dört" is new, "Bir" is removed.
	if want := []string{"o3", "o2", "o4", "o1-"}; !slices.Equal(keys(got), want) {
		t.Fatalf("keys %v, want %v", keys(got), want)
	}
}

func TestBadgeMarkPrinted(t *testing.T) {
	b, err := BadgesPDF("Festival", []Badge{{Name: "Şəbnəm Quliyeva", Type: "Ümumi", Mark: "FOTOĞRAF YOK"}, {Name: "Ayşe"}})
	if err != nil {
		t.Fatal(err)
	}
	wantText(t, checkPDF(t, b), "Şəbnəm Quliyeva", "FOTOĞRAF YOK")
}
