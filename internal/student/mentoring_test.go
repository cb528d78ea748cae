package student

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"github.com/kopru-platform/kopru/internal/identity"
	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/mail"
	"github.com/kopru-platform/kopru/internal/platform/mail/mailtest"
	"github.com/kopru-platform/kopru/internal/platform/web"
	"github.com/kopru-platform/kopru/ui"
)

// mentoringDir is identity as mentoring sees it, as the app wires it.
type mentoringDir struct{ ids *identity.Service }

func (d mentoringDir) Contacts(ctx context.Context, ids []int64) (map[int64]MentoringContact, error) {
	cs, err := d.ids.Contacts(ctx, ids)
	out := map[int64]MentoringContact{}
	for id, c := range cs {
		out[id] = MentoringContact{UserID: c.UserID, Name: c.Name, Email: c.Email, Locale: c.Locale}
	}
	return out, err
}

// mentoringSite is a programme with a coordinator and people made on demand.
type mentoringSite struct {
	svc   *Mentoring
	ids   *identity.Service
	out   *mail.Outbox
	sink  *mailtest.Sink
	coord *web.Viewer
	n     int
}

func newMentoringSite(t *testing.T, d *db.DB) *mentoringSite {
	t.Helper()
	cat, err := i18n.Load(ui.FS, "locales")
	if err != nil {
		t.Fatal(err)
	}
	sink := mailtest.Start(t)
	sender, err := mail.NewSMTPSender(sink.URL, "kopru@example.org")
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.DiscardHandler)
	out := mail.NewOutbox(d, sender, log)
	ids := identity.NewService(d, out, cat, "http://kopru.test", log)
	s := &mentoringSite{svc: NewMentoring(d, mentoringDir{ids}), ids: ids, out: out, sink: sink}
	s.svc.UseMail(out, cat, "http://kopru.test")
	s.coord = s.people(t, "coordinator", "tr", 1)[0]
	return s
}

// people makes n accounts with role and locale, returned as viewers.
func (s *mentoringSite) people(t *testing.T, role, locale string, n int) []*web.Viewer {
	t.Helper()
	var accounts []identity.Account
	for range n {
		s.n++
		var roles []string
		if role != "member" {
			roles = []string{role}
		}
		accounts = append(accounts, identity.Account{Email: fmt.Sprintf("p%d@example.org", s.n), Name: fmt.Sprintf("Kişi %d", s.n), Locale: locale, Roles: roles})
	}
	us, err := s.ids.CreateUsers(context.Background(), "uzun-bir-sifre-2026", accounts...)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]*web.Viewer, len(us))
	for i, u := range us {
		out[i] = &web.Viewer{ID: u.ID, Name: u.Name, Email: u.Email, Roles: u.Roles, Locale: u.Locale}
	}
	return out
}

func (s *mentoringSite) universityID(t *testing.T, name string) int64 {
	t.Helper()
	us, err := s.svc.Universities(context.Background(), "tr", false)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range us {
		if u.Name == name {
			return u.ID
		}
	}
	t.Fatalf("no university %q", name)
	return 0
}

func (s *mentoringSite) student(t *testing.T, v *web.Viewer, visible bool) {
	t.Helper()
	_, err := s.svc.SaveStudentProfile(context.Background(), v, StudentProfileInput{
		UniversityID: s.universityID(t, "Ege Üniversitesi"), Faculty: "Mühendislik Fakültesi", Programme: "Bilgisayar Mühendisliği",
		Year: 2, HomeCity: "Gəncə", Languages: []string{"az", "tr"}, Interests: []string{"satranç", "muğam"},
		Wants: []string{"accommodation", "language"}, ContactEmail: v.Email, Visible: visible, Consent: true})
	if err != nil {
		t.Fatal(err)
	}
}

func (s *mentoringSite) mentor(t *testing.T, v *web.Viewer, capacity int, verified bool) {
	t.Helper()
	ctx := context.Background()
	if _, err := s.svc.SaveMentorProfile(ctx, v, MentorProfileInput{Kind: "alumni", UniversityID: s.universityID(t, "Ege Üniversitesi"),
		Field: "Mühendislik Fakültesi", Languages: []string{"az", "tr", "en"}, Interests: []string{"Satranç"},
		Offers: []string{"accommodation"}, Capacity: capacity, ContactEmail: v.Email, Consent: true}); err != nil {
		t.Fatal(err)
	}
	if verified {
		if err := s.svc.SetMentorVerified(ctx, s.coord, v.ID, true); err != nil {
			t.Fatal(err)
		}
	}
}

func TestUniversitiesFoldedAndSortedInTurkish(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newMentoringSite(t, d)
		ctx := context.Background()
		_, err := s.svc.AddUniversity(ctx, s.coord, "  EGE   ÜNİVERSİTESİ ")
		fieldErr(t, err, "name", "student.mentoring.error.university_exists")
		if _, err := s.svc.AddUniversity(ctx, s.coord, "izmir katip celebi universitesi"); err == nil {
			t.Fatal("a folded duplicate of İzmir Kâtip Çelebi Üniversitesi was added")
		}
		student := s.people(t, "member", "az", 1)[0]
		if _, err := s.svc.AddUniversity(ctx, student, "Bakı Dövlət Universiteti"); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("a student edited the list: %v", err)
		}
		id, err := s.svc.AddUniversity(ctx, s.coord, "Çiğli Meslek Yüksekokulu")
		if err != nil {
			t.Fatal(err)
		}
		us, _ := s.svc.Universities(ctx, "tr", false)
		var names []string
		for _, u := range us {
			names = append(names, u.Name)
		}
		got := strings.Join(names, "|")
		// Turkish order: C < Ç < D … I < İ … Y.
		if !strings.HasPrefix(got, "Çiğli Meslek Yüksekokulu|Dokuz Eylül Üniversitesi|Ege Üniversitesi|İzmir Bakırçay") || !strings.HasSuffix(got, "|Yaşar Üniversitesi") {
			t.Fatalf("order: %s", got)
		}
		if err := s.svc.UpdateUniversity(ctx, s.coord, id, "Çiğli MYO", true); err != nil {
			t.Fatal(err)
		}
		if us, _ := s.svc.Universities(ctx, "tr", false); len(us) != 9 {
			t.Fatalf("retired university still offered: %d", len(us))
		}
		_, err = s.svc.SaveStudentProfile(ctx, student, StudentProfileInput{UniversityID: id, Year: 1, Languages: []string{"az"},
			ContactEmail: student.Email, Consent: true})
		fieldErr(t, err, "university_id", "form.choice")
	})
}

func TestProfilesKeepConsentAndRefuseOthers(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newMentoringSite(t, d)
		ctx := context.Background()
		ppl := s.people(t, "member", "az", 2)
		_, err := s.svc.SaveStudentProfile(ctx, ppl[0], StudentProfileInput{Year: 2, Languages: []string{"az", "xx"}, ContactEmail: "nope"})
		var f fail.Fields
		if !errors.As(err, &f) || f["languages"] != "form.choice" || f["contact_email"] != "form.email" || f["consent"] == "" {
			t.Fatalf("bad input: %v", f)
		}
		s.student(t, ppl[0], true)
		p, err := s.svc.StudentProfile(ctx, ppl[0], ppl[0].ID)
		if err != nil || p.ConsentVersion != MentoringNoticeVersion || p.ConsentAt.IsZero() || p.University != "Ege Üniversitesi" {
			t.Fatalf("own profile: %+v %v", p, err)
		}
		if _, err := s.svc.StudentProfile(ctx, ppl[1], ppl[0].ID); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("another student read the profile: %v", err)
		}
		if _, err := s.svc.StudentProfile(ctx, s.coord, ppl[0].ID); err != nil {
			t.Fatalf("coordinator: %v", err)
		}
		_, err = s.svc.SaveMentorProfile(ctx, ppl[1], MentorProfileInput{Kind: "volunteer", Languages: []string{"tr"}, Offers: []string{"career"},
			Capacity: 11, ContactEmail: ppl[1].Email, Consent: true})
		fieldErr(t, err, "capacity", "student.mentoring.error.capacity")
		if err := s.svc.SetMentorVerified(ctx, ppl[0], ppl[1].ID, true); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("a student verified a mentor: %v", err)
		}
	})
}

func TestOnlyVerifiedMentorsAndVisibleStudentsAreSuggested(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newMentoringSite(t, d)
		ctx := context.Background()
		st, ms := s.people(t, "member", "az", 2), s.people(t, "member", "tr", 2)
		s.student(t, st[0], true)
		s.student(t, st[1], false)
		s.mentor(t, ms[0], 2, true)
		s.mentor(t, ms[1], 2, false)
		sg, err := s.svc.Suggestions(ctx, s.coord)
		if err != nil {
			t.Fatal(err)
		}
		if len(sg) != 1 || sg[0].StudentID != st[0].ID {
			t.Fatalf("suggested students: %+v", sg)
		}
		if len(sg[0].Mentors) != 1 || sg[0].Mentors[0].MentorID != ms[0].ID {
			t.Fatalf("suggested mentors: %+v", sg[0].Mentors)
		}
		line := MentoringReason(s.svc.cat, "tr", sg[0].Mentors[0].Reasons)
		if !strings.Contains(line, "Aynı üniversite (Ege Üniversitesi)") || !strings.Contains(line, "Azerbaycanca") {
			t.Fatalf("reason: %q", line)
		}
		if _, err := s.svc.Suggestions(ctx, st[0]); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("a student read the suggestions: %v", err)
		}
		// An unverified mentor cannot be paired either; a hidden student only by their own choice.
		_, err = s.svc.Pair(ctx, s.coord, st[0].ID, ms[1].ID)
		fieldErr(t, err, "mentor_id", "student.mentoring.error.unverified")
		_, err = s.svc.Pair(ctx, s.coord, st[1].ID, ms[0].ID)
		fieldErr(t, err, "student_id", "student.mentoring.error.not_visible")
	})
}

func TestPairingRules(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newMentoringSite(t, d)
		ctx := context.Background()
		st, ms := s.people(t, "member", "az", 3), s.people(t, "member", "tr", 1)
		for _, v := range st {
			s.student(t, v, true)
		}
		s.mentor(t, ms[0], 1, true)
		s.mentor(t, st[2], 2, true) // a student who is a mentor too
		_, err := s.svc.Pair(ctx, s.coord, st[2].ID, st[2].ID)
		fieldErr(t, err, "mentor_id", "student.mentoring.error.self")
		if _, err := s.svc.Pair(ctx, s.coord, st[0].ID, ms[0].ID); err != nil {
			t.Fatal(err)
		}
		_, err = s.svc.Pair(ctx, s.coord, st[1].ID, ms[0].ID)
		fieldErr(t, err, "mentor_id", "student.mentoring.error.mentor_full")
		_, err = s.svc.Pair(ctx, s.coord, st[0].ID, st[2].ID)
		fieldErr(t, err, "student_id", "student.mentoring.error.already_paired")
		// Students choose only when the programme allows it, and only among their suggestions.
		if _, err := s.svc.Pair(ctx, st[1], st[1].ID, st[2].ID); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("a student chose while choosing is off: %v", err)
		}
		if err := s.svc.SetStudentsMayChoose(ctx, s.coord, true); err != nil {
			t.Fatal(err)
		}
		if _, err := s.svc.Pair(ctx, st[1], st[0].ID, st[2].ID); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("a student paired someone else: %v", err)
		}
		_, err = s.svc.Pair(ctx, st[1], st[1].ID, ms[0].ID)
		fieldErr(t, err, "mentor_id", "student.mentoring.error.not_suggested")
		p, err := s.svc.Pair(ctx, st[1], st[1].ID, st[2].ID)
		if err != nil || p.MentorID != st[2].ID || p.MentorEmail != st[2].Email {
			t.Fatalf("own choice: %+v %v", p, err)
		}
		if n := s.svc.ActivePairings(ctx); n != 2 {
			t.Fatalf("active pairings = %d, want 2", n)
		}
		// Nobody outside a pairing reads it.
		if _, err := s.svc.Pairing(ctx, st[0], p.ID); !errors.Is(err, fail.NotFound) {
			t.Fatalf("an outsider read a pairing: %v", err)
		}
	})
}

func TestMentorCapacityHoldsUnderConcurrentConfirms(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newMentoringSite(t, d)
		ctx := context.Background()
		st, ms := s.people(t, "member", "az", 10), s.people(t, "member", "tr", 1)
		coords := s.people(t, "coordinator", "tr", 10)
		for _, v := range st {
			s.student(t, v, true)
		}
		s.mentor(t, ms[0], 2, true)
		var wg sync.WaitGroup
		errs := make([]error, 10)
		start := make(chan struct{})
		for i := range 10 {
			wg.Go(func() {
				<-start
				_, errs[i] = s.svc.Pair(ctx, coords[i], st[i].ID, ms[0].ID)
			})
		}
		close(start)
		wg.Wait()
		ok := 0
		for _, err := range errs {
			if err == nil {
				ok++
			} else {
				fieldErr(t, err, "mentor_id", "student.mentoring.error.mentor_full")
			}
		}
		if ok != 2 || s.svc.ActivePairings(ctx) != 2 {
			t.Fatalf("%d confirms succeeded, %d pairings stored; want 2", ok, s.svc.ActivePairings(ctx))
		}
	})
}

func TestBulkConfirmWritesAllOrNothing(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newMentoringSite(t, d)
		ctx := context.Background()
		st, ms := s.people(t, "member", "az", 3), s.people(t, "member", "tr", 2)
		for _, v := range st {
			s.student(t, v, true)
		}
		s.mentor(t, ms[0], 1, true)
		s.mentor(t, ms[1], 1, true)
		p, err := s.svc.Propose(ctx, s.coord)
		if err != nil {
			t.Fatal(err)
		}
		if p.Matched != 2 || len(p.Unmatched) != 1 || p.Total <= 0 {
			t.Fatalf("proposal: %+v", p)
		}
		refs := make([]PairRef, len(p.Pairs))
		for i, pr := range p.Pairs {
			refs[i] = PairRef{StudentID: pr.StudentID, MentorID: pr.MentorID}
		}
		// Meanwhile a coordinator pairs the unmatched student with the second pair's mentor.
		if _, err := s.svc.Pair(ctx, s.coord, p.Unmatched[0], refs[1].MentorID); err != nil {
			t.Fatal(err)
		}
		s.sink.Take()
		if _, err := s.svc.ConfirmAll(ctx, s.coord, refs); !IsProposalChanged(err) {
			t.Fatalf("stale proposal: %v", err)
		}
		if n := s.svc.ActivePairings(ctx); n != 1 {
			t.Fatalf("a stale confirm wrote pairs: %d active", n)
		}
		if sent, _ := s.out.DeliverDue(ctx); sent != 2 {
			t.Fatalf("mails after the stale confirm: %d, want only the single pairing's 2", sent)
		}
		// Proposed again, it fits and is written whole.
		p, err = s.svc.Propose(ctx, s.coord)
		if err != nil || p.Matched != 1 {
			t.Fatalf("second proposal: %+v %v", p, err)
		}
		n, err := s.svc.ConfirmAll(ctx, s.coord, []PairRef{{p.Pairs[0].StudentID, p.Pairs[0].MentorID}})
		if err != nil || n != 1 || s.svc.ActivePairings(ctx) != 2 {
			t.Fatalf("confirm: %d %v, active %d", n, err, s.svc.ActivePairings(ctx))
		}
	})
}

func TestIntroductionAndEndingAreMailed(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newMentoringSite(t, d)
		ctx := context.Background()
		st, ms := s.people(t, "member", "az", 2), s.people(t, "member", "en", 1)
		s.student(t, st[0], true)
		s.mentor(t, ms[0], 2, true)
		p, err := s.svc.Pair(ctx, s.coord, st[0].ID, ms[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.out.DeliverDue(ctx); err != nil {
			t.Fatal(err)
		}
		toStudent, toMentor := s.sink.To(st[0].Email), s.sink.To(ms[0].Email)
		if len(toStudent) != 1 || toStudent[0].Lang != "az" || !strings.Contains(toStudent[0].Text, ms[0].Name) || !strings.Contains(toStudent[0].Text, ms[0].Email) {
			t.Fatalf("student's introduction: %+v", toStudent)
		}
		if len(toMentor) != 1 || toMentor[0].Lang != "en" || !strings.Contains(toMentor[0].Text, st[0].Email) {
			t.Fatalf("mentor's introduction: %+v", toMentor)
		}
		s.sink.Take()
		if _, err := s.svc.EndPairing(ctx, st[1], p.ID, "Merak"); !errors.Is(err, fail.NotFound) {
			t.Fatalf("an outsider ended a pairing: %v", err)
		}
		_, err = s.svc.EndPairing(ctx, st[0], p.ID, "  ")
		fieldErr(t, err, "reason", "student.mentoring.error.reason")
		ended, err := s.svc.EndPairing(ctx, st[0], p.ID, "Bakıya qayıdıram.")
		if err != nil || ended.Active() || ended.EndReason != "Bakıya qayıdıram." {
			t.Fatalf("end: %+v %v", ended, err)
		}
		if _, err := s.out.DeliverDue(ctx); err != nil {
			t.Fatal(err)
		}
		got := s.sink.Take()
		if len(got) != 1 || got[0].To != ms[0].Email || !strings.Contains(got[0].Text, "Bakıya qayıdıram.") {
			t.Fatalf("end mail: %+v", got)
		}
		_, err = s.svc.EndPairing(ctx, ms[0], p.ID, "again")
		fieldErr(t, err, "reason", "student.mentoring.error.ended")
	})
}
