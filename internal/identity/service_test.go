package identity

import (
	"context"
	"errors"
	"log/slog"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/mail"
	"github.com/kopru-platform/kopru/ui"
)

type fixture struct {
	svc    *Service
	outbox *mail.Outbox
	db     *db.DB
}

func newFixture(t *testing.T, d *db.DB) *fixture {
	t.Helper()
	cat, err := i18n.Load(ui.FS, "locales")
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.DiscardHandler)
	ob := mail.NewOutbox(d, nil, log)
	return &fixture{svc: NewService(d, ob, cat, "http://kopru.test", log), outbox: ob, db: d}
}

// linkToken pulls the token out of the newest mail to addr.
func (f *fixture) linkToken(t *testing.T, addr string) string {
	t.Helper()
	e, err := f.outbox.Latest(context.Background(), addr)
	if err != nil {
		t.Fatalf("no mail to %s: %v", addr, err)
	}
	i := strings.Index(e.Text, "http://kopru.test/")
	if i < 0 {
		t.Fatalf("mail has no link: %q", e.Text)
	}
	link := strings.Fields(e.Text[i:])[0]
	u, err := url.Parse(link)
	if err != nil {
		t.Fatal(err)
	}
	return u.Query().Get("token")
}

func (f *fixture) register(t *testing.T, email, locale string) *User {
	t.Helper()
	u, err := f.svc.Register(context.Background(), Registration{Name: "Aylin Örnek", Email: email, Password: "uzun-bir-sifre-2026", Locale: locale, AcceptPrivacy: true, NoticeVersion: "2026-01"})
	if err != nil {
		t.Fatalf("register: %v", err)
	}
	return u
}

func TestRegisterConfirmLogin(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f, ctx := newFixture(t, d), context.Background()
		u := f.register(t, "  Aylin@Example.ORG ", "az")
		if u.Email != "aylin@example.org" {
			t.Fatalf("email not normalised: %q", u.Email)
		}
		// The confirmation mail is in the recipient's language.
		e, _ := f.outbox.Latest(ctx, "aylin@example.org")
		if !strings.Contains(e.Subject, "təsdiqləyin") || e.Locale != "az" || !strings.Contains(e.Text, "/az/confirm?token=") {
			t.Fatalf("confirmation mail not in Azerbaijani: %q %q", e.Subject, e.Text)
		}
		if _, _, err := f.svc.Login(ctx, "aylin@example.org", "uzun-bir-sifre-2026"); !errors.Is(err, ErrNotConfirmed) {
			t.Fatalf("login before confirmation: %v", err)
		}
		token := f.linkToken(t, "aylin@example.org")
		if _, err := f.svc.Confirm(ctx, token); err != nil {
			t.Fatalf("confirm: %v", err)
		}
		if _, err := f.svc.Confirm(ctx, token); !errors.Is(err, ErrTokenInvalid) {
			t.Fatalf("reused token accepted: %v", err)
		}
		got, _, err := f.svc.Login(ctx, "AYLIN@example.org", "uzun-bir-sifre-2026")
		if err != nil || got.ID != u.ID {
			t.Fatalf("login: %v", err)
		}
		_, _, errWrong := f.svc.Login(ctx, "aylin@example.org", "yanlis-sifre-0000")
		_, _, errUnknown := f.svc.Login(ctx, "nobody@example.org", "yanlis-sifre-0000")
		if !errors.Is(errWrong, ErrBadLogin) || !errors.Is(errUnknown, ErrBadLogin) {
			t.Fatalf("wrong password %v / unknown email %v: want the same error", errWrong, errUnknown)
		}
		consents, err := f.svc.Consents(ctx, Viewer(got))
		if err != nil || len(consents) != 1 || consents[0].Purpose != PurposeAccount || consents[0].NoticeVersion != "2026-01" {
			t.Fatalf("consents: %+v %v", consents, err)
		}
	})
}

func TestRegisterRejectsBadInputAndWritesNothing(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f, ctx := newFixture(t, d), context.Background()
		_, err := f.svc.Register(ctx, Registration{Name: "", Email: "not-an-email", Password: "short", AcceptPrivacy: false})
		var fields FieldErrors
		if !errors.As(err, &fields) || fields["name"] == "" || fields["email"] != "form.email" || fields["password"] != "identity.password_short" || fields["privacy"] == "" {
			t.Fatalf("want field errors, got %v", err)
		}
		f.register(t, "dup@example.org", "tr")
		_, err = f.svc.Register(ctx, Registration{Name: "Başka", Email: "DUP@example.org", Password: "uzun-bir-sifre-2026", AcceptPrivacy: true})
		if !errors.As(err, &fields) || fields["email"] != "identity.email_taken" {
			t.Fatalf("duplicate email: %v", err)
		}
		var users, mails int
		_ = d.QueryRow(ctx, "SELECT COUNT(*) FROM users").Scan(&users)
		_ = d.QueryRow(ctx, "SELECT COUNT(*) FROM mail_outbox").Scan(&mails)
		if users != 1 || mails != 1 {
			t.Fatalf("half-written records: %d users, %d mails", users, mails)
		}
	})
}

func TestConcurrentRegistrationsOfOneEmail(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f, ctx := newFixture(t, d), context.Background()
		var wg sync.WaitGroup
		var mu sync.Mutex
		ok := 0
		for range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, err := f.svc.Register(ctx, Registration{Name: "Eş", Email: "race@example.org", Password: "uzun-bir-sifre-2026", AcceptPrivacy: true})
				if err == nil {
					mu.Lock()
					ok++
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		if ok != 1 {
			t.Fatalf("%d registrations succeeded for one email", ok)
		}
	})
}

func TestPasswordResetEndsOldSessionsAndExpires(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f, ctx := newFixture(t, d), context.Background()
		u := f.register(t, "reset@example.org", "tr")
		_, err := f.svc.Confirm(ctx, f.linkToken(t, "reset@example.org"))
		if err != nil {
			t.Fatal(err)
		}
		_, epoch, err := f.svc.Login(ctx, "reset@example.org", "uzun-bir-sifre-2026")
		if err != nil {
			t.Fatal(err)
		}
		if err := f.svc.RequestReset(ctx, "nobody@example.org"); err != nil {
			t.Fatalf("unknown address must be silent: %v", err)
		}
		if err := f.svc.RequestReset(ctx, "reset@example.org"); err != nil {
			t.Fatal(err)
		}
		token := f.linkToken(t, "reset@example.org")
		if _, err := f.svc.ResetPassword(ctx, token, "kısa"); err == nil {
			t.Fatal("short password accepted")
		}
		if _, err := f.svc.ResetPassword(ctx, token, "yepyeni-sifre-2026"); err != nil {
			t.Fatalf("reset: %v", err)
		}
		if _, err := f.svc.ResetPassword(ctx, token, "baska-sifre-2026"); !errors.Is(err, ErrTokenInvalid) {
			t.Fatalf("reused reset token: %v", err)
		}
		if _, err := f.svc.Session(ctx, u.ID, epoch); !errors.Is(err, ErrUnauthorized) {
			t.Fatalf("session from before the reset still valid: %v", err)
		}
		if _, _, err := f.svc.Login(ctx, "reset@example.org", "yepyeni-sifre-2026"); err != nil {
			t.Fatalf("login with new password: %v", err)
		}
		// An expired token is refused: move the service's clock past the lifetime.
		_ = f.svc.RequestReset(ctx, "reset@example.org")
		late := f.linkToken(t, "reset@example.org")
		f.svc.now = func() time.Time { return db.Now().Add(ResetTTL + time.Minute) }
		if _, err := f.svc.ResetPassword(ctx, late, "ucuncu-sifre-2026"); !errors.Is(err, ErrTokenInvalid) {
			t.Fatalf("expired token accepted: %v", err)
		}
	})
}

func TestAPITokens(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f, ctx := newFixture(t, d), context.Background()
		alice, _ := f.svc.CreateUser(ctx, "alice@example.org", "Alice", "uzun-bir-sifre-1", "en", nil)
		bob, _ := f.svc.CreateUser(ctx, "bob@example.org", "Bob", "uzun-bir-sifre-2", "tr", nil)
		secret, tok, err := f.svc.CreateToken(ctx, Viewer(alice), "script")
		if err != nil || !strings.HasPrefix(secret, "kopru_") {
			t.Fatalf("create: %q %v", secret, err)
		}
		var stored string
		_ = d.QueryRow(ctx, "SELECT token_hash FROM api_tokens WHERE id = ?", tok.ID).Scan(&stored)
		if stored == secret || strings.Contains(stored, secret) {
			t.Fatal("the token itself is stored")
		}
		u, err := f.svc.AuthenticateToken(ctx, secret)
		if err != nil || u.ID != alice.ID {
			t.Fatalf("authenticate: %v", err)
		}
		viaToken := Viewer(alice)
		viaToken.ViaToken = true
		if _, _, err := f.svc.CreateToken(ctx, viaToken, "more"); !errors.Is(err, ErrForbidden) {
			t.Fatalf("a token minted another token: %v", err)
		}
		if err := f.svc.RevokeToken(ctx, Viewer(bob), tok.ID); !errors.Is(err, ErrNotFound) {
			t.Fatalf("bob revoked alice's token: %v", err)
		}
		if err := f.svc.RevokeToken(ctx, Viewer(alice), tok.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.AuthenticateToken(ctx, secret); !errors.Is(err, ErrUnauthorized) {
			t.Fatalf("revoked token works: %v", err)
		}
	})
}

func TestAdminAuthorization(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f, ctx := newFixture(t, d), context.Background()
		admin, _ := f.svc.CreateUser(ctx, "admin@example.org", "Admin", "uzun-bir-sifre-1", "tr", []string{RoleAdmin})
		coord, _ := f.svc.CreateUser(ctx, "coord@example.org", "Koordinatör", "uzun-bir-sifre-2", "tr", []string{RoleCoordinator})
		member, _ := f.svc.CreateUser(ctx, "member@example.org", "Üye", "uzun-bir-sifre-3", "tr", nil)
		reviewer, _ := f.svc.CreateUser(ctx, "rev@example.org", "Değerlendirici", "uzun-bir-sifre-4", "tr", []string{RoleReviewer})

		if _, _, err := f.svc.Users(ctx, nil, "", 10, 0); !errors.Is(err, ErrUnauthorized) {
			t.Fatalf("anonymous listed users: %v", err)
		}
		for _, u := range []*User{member, reviewer, coord} {
			if _, _, err := f.svc.Users(ctx, Viewer(u), "", 10, 0); !errors.Is(err, ErrForbidden) {
				t.Fatalf("%s listed users: %v", u.Email, err)
			}
			if err := f.svc.SetRoles(ctx, Viewer(u), u.ID, []string{RoleAdmin}); !errors.Is(err, ErrForbidden) {
				t.Fatalf("%s made themselves admin: %v", u.Email, err)
			}
		}
		if _, err := f.svc.CreateOrganisation(ctx, Viewer(member), Organisation{Name: "X", Kind: "company"}); !errors.Is(err, ErrForbidden) {
			t.Fatalf("member created an organisation: %v", err)
		}
		org, err := f.svc.CreateOrganisation(ctx, Viewer(coord), Organisation{Name: "İzmir Azerbaycan Derneği", Kind: "association", Country: "tr"})
		if err != nil || org.Slug != "izmir-azerbaycan-dernegi" || org.Country != "TR" {
			t.Fatalf("coordinator creates organisation: %+v %v", org, err)
		}
		again, err := f.svc.CreateOrganisation(ctx, Viewer(admin), Organisation{Name: "İzmir Azerbaycan Derneği", Kind: "association"})
		if err != nil || again.Slug != "izmir-azerbaycan-dernegi-2" {
			t.Fatalf("duplicate name should get a free slug: %+v %v", again, err)
		}
		if err := f.svc.AddMember(ctx, Viewer(member), org.ID, "rev@example.org", "member"); !errors.Is(err, ErrForbidden) {
			t.Fatalf("plain member added someone: %v", err)
		}
		if err := f.svc.AddMember(ctx, Viewer(coord), org.ID, "member@example.org", "manager"); err != nil {
			t.Fatal(err)
		}
		// The organisation's own manager may now add people, but not to another organisation.
		if err := f.svc.AddMember(ctx, Viewer(member), org.ID, "rev@example.org", "member"); err != nil {
			t.Fatalf("manager adds member: %v", err)
		}
		if err := f.svc.AddMember(ctx, Viewer(member), again.ID, "rev@example.org", "member"); !errors.Is(err, ErrForbidden) {
			t.Fatalf("manager of one organisation added to another: %v", err)
		}
		if err := f.svc.SetRoles(ctx, Viewer(admin), admin.ID, nil); !errors.Is(err, ErrLastAdmin) {
			t.Fatalf("last admin removed: %v", err)
		}
		if err := f.svc.SetRoles(ctx, Viewer(admin), member.ID, []string{"superuser"}); err == nil {
			t.Fatal("unknown role accepted")
		}
		var ve FieldErrors
		if _, err := f.svc.CreateOrganisation(ctx, Viewer(admin), Organisation{Name: "Y", Kind: "bank", Country: "Türkiye", Website: "javascript:alert(1)"}); !errors.As(err, &ve) || ve["kind"] == "" || ve["country"] == "" || ve["website"] == "" {
			t.Fatalf("bad organisation accepted: %v", err)
		}
	})
}

func TestUserSearchTreatsWildcardsAsLetters(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f, ctx := newFixture(t, d), context.Background()
		admin, _ := f.svc.CreateUser(ctx, "admin@example.org", "Admin", "uzun-bir-sifre-1", "tr", []string{RoleAdmin})
		_, _ = f.svc.CreateUser(ctx, "a_b@example.org", "Alt Çizgi", "uzun-bir-sifre-2", "tr", nil)
		_, _ = f.svc.CreateUser(ctx, "axb@example.org", "İkinci", "uzun-bir-sifre-3", "tr", nil)
		users, total, err := f.svc.Users(ctx, Viewer(admin), "a_b", 10, 0)
		if err != nil || total != 1 || users[0].Email != "a_b@example.org" {
			t.Fatalf("search for a_b: %d %v %v", total, users, err)
		}
		if _, total, _ := f.svc.Users(ctx, Viewer(admin), "%", 10, 0); total != 0 {
			t.Fatalf("%% matched %d users", total)
		}
	})
}

// The admin finds people whatever the case and the Turkish or Azerbaijani letters typed:
// "ışık" finds "IŞIK", "ŞÜKRÜ" finds "Şükrü", "əli" finds "ƏLİ"; a renamed user is found
// under the new name; rows written before the key existed are filled when the database opens.
func TestUserSearchFoldsTurkishAndAzerbaijaniLetters(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f, ctx := newFixture(t, d), context.Background()
		admin, _ := f.svc.CreateUser(ctx, "admin@example.org", "Admin", "uzun-bir-sifre-1", "tr", []string{RoleAdmin})
		for _, u := range []struct{ email, name string }{
			{"isik@example.org", "IŞIK ÇAĞLAR"},
			{"sukru@example.org", "Şükrü Öztürk"},
			{"eli@example.org", "ƏLİ HƏSƏNOV"},
		} {
			if _, err := f.svc.CreateUser(ctx, u.email, u.name, "uzun-bir-sifre-2", "tr", nil); err != nil {
				t.Fatal(err)
			}
		}
		find := func(q string) []string {
			t.Helper()
			users, _, err := f.svc.Users(ctx, Viewer(admin), q, 10, 0)
			if err != nil {
				t.Fatalf("search %q: %v", q, err)
			}
			var emails []string
			for _, u := range users {
				emails = append(emails, u.Email)
			}
			return emails
		}
		for q, want := range map[string]string{"ışık": "isik@example.org", "ŞÜKRÜ": "sukru@example.org", "əli": "eli@example.org", "hƏsƏnov": "eli@example.org"} {
			if got := find(q); len(got) != 1 || got[0] != want {
				t.Errorf("search %q found %v, want [%s]", q, got, want)
			}
		}
		sukru, _, err := userByEmail(ctx, d, "sukru@example.org")
		if err != nil {
			t.Fatal(err)
		}
		if err := f.svc.UpdateProfile(ctx, Viewer(sukru), "Şükrü Yıldız", "tr"); err != nil {
			t.Fatal(err)
		}
		if got := find("YILDIZ"); len(got) != 1 || got[0] != "sukru@example.org" {
			t.Errorf("after renaming, YILDIZ found %v", got)
		}
		// A key lost (as in rows from before the column) is filled again.
		if _, err := d.Exec(ctx, `UPDATE users SET search_key = ''`); err != nil {
			t.Fatal(err)
		}
		if got := find("şükrü"); len(got) != 0 {
			t.Fatalf("with no keys the search still found %v", got)
		}
		if err := FillSearchKeys(ctx, d); err != nil {
			t.Fatal(err)
		}
		if got := find("şükrü"); len(got) != 1 {
			t.Errorf("after FillSearchKeys the search found %v, want Şükrü", got)
		}
	})
}
