package e2e

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// confirmLink finds the confirmation link in a mail body.
var confirmLink = regexp.MustCompile(`https?://\S+/confirm\?token=\S+`)

// TestRegisterConfirmLoginSwitchLogout walks a new member through the account's life in
// the browser: register in Turkish, confirm by the mailed link, sign in, switch the
// interface to Azerbaijani, sign out, and find the account page closed again.
func TestRegisterConfirmLoginSwitchLogout(t *testing.T) {
	chrome := chromium(t)
	engines(t, func(t *testing.T, databaseURL string) {
		srv := startServer(t, databaseURL)
		b := newBrowser(t, chrome, srv.URL)
		msg := func(lang, key string, args ...any) string {
			t.Helper()
			if !srv.App.Catalog.Has(lang, key) {
				t.Fatalf("message %s is missing in %s", key, lang)
			}
			return srv.App.Catalog.T(lang, key, args...)
		}
		const (
			name     = "Deneme Üyesi"
			email    = "deneme.uye@example.org"
			password = "iki şehir bir köprü 1986"
		)

		// Register in the Turkish interface.
		if resp := b.open("/tr/register"); resp.Status != http.StatusOK {
			t.Fatalf("GET /tr/register: status %d", resp.Status)
		}
		if got, want := b.text("main h1"), msg("tr", "identity.register.title"); got != want {
			t.Fatalf("register page heading %q, want %q", got, want)
		}
		b.typeInto("#f-name", name)
		b.typeInto("#f-email", email)
		b.typeInto("#f-password", password)
		b.choose("#f-locale", "tr")
		b.tick("#f-privacy")
		if resp := b.click(`form[action="/tr/register"] button[type="submit"]`); resp.Status != http.StatusOK {
			t.Fatalf("registering: status %d; page says %q", resp.Status, b.text("main"))
		}
		if got, want := b.text("main h1"), msg("tr", "identity.check_mail.title"); got != want {
			t.Fatalf("after registering the heading is %q, want %q; page says %q", got, want, b.text("main"))
		}
		if got := b.text("main"); !strings.Contains(got, msg("tr", "identity.check_mail.text", email)) {
			t.Errorf("check-mail page does not name the address %s: %q", email, got)
		}

		// Confirm with the link from the mail.
		mail, err := srv.App.Outbox.Latest(context.Background(), email)
		if err != nil {
			t.Fatalf("no confirmation mail: %v", err)
		}
		link := confirmLink.FindString(mail.Text)
		if !strings.HasPrefix(link, srv.URL+"/tr/confirm?token=") {
			t.Fatalf("confirmation mail has no link to %s/tr/confirm?token=…:\n%s", srv.URL, mail.Text)
		}
		if resp := b.open(strings.TrimPrefix(link, srv.URL)); resp.Status != http.StatusOK {
			t.Fatalf("confirmation link: status %d", resp.Status)
		}
		if got := b.path(); got != "/tr/login" {
			t.Fatalf("confirmation link led to %s, want /tr/login", got)
		}
		if got, want := b.text("main .flash"), msg("tr", "identity.confirmed"); got != want {
			t.Errorf("flash after confirming: %q, want %q", got, want)
		}

		// Sign in: the account page in the chosen language.
		b.typeInto("#f-email", email)
		b.typeInto("#f-password", password)
		if resp := b.click(`form[action="/tr/login"] button[type="submit"]`); resp.Status != http.StatusOK {
			t.Fatalf("signing in: status %d; page says %q", resp.Status, b.text("main"))
		}
		if got := b.path(); got != "/tr/me" {
			t.Fatalf("signing in led to %s, want /tr/me; page says %q", got, b.text("main"))
		}
		if got, want := b.text("main h1"), msg("tr", "identity.account.title"); got != want {
			t.Fatalf("account page heading %q, want %q", got, want)
		}
		if got := b.text("main"); !strings.Contains(got, email) {
			t.Errorf("account page does not show the address %s", email)
		}
		if got, want := b.text(`.main-nav form[action="/tr/logout"] button`), msg("tr", "nav.logout"); got != want {
			t.Errorf("logout button says %q, want %q", got, want)
		}
		b.screenshot("account_tr")

		// Switch to Azerbaijani with the language switcher: same page, other language.
		if resp := b.click(`.lang-switch a[hreflang="az"]`); resp.Status != http.StatusOK {
			t.Fatalf("switching to Azerbaijani: status %d", resp.Status)
		}
		if got := b.path(); got != "/az/me" {
			t.Fatalf("language switcher led to %s, want /az/me", got)
		}
		if got := b.htmlLang(); got != "az" {
			t.Errorf(`<html lang=%q>, want "az"`, got)
		}
		azTitle := msg("az", "identity.account.title")
		if azTitle == msg("tr", "identity.account.title") {
			t.Fatalf("the account heading is the same in Turkish and Azerbaijani (%q): the switch would go unnoticed", azTitle)
		}
		if got := b.text("main h1"); got != azTitle {
			t.Errorf("account page heading after switching %q, want %q", got, azTitle)
		}
		if got := b.text(`.lang-switch a[aria-current]`); got != b.text(`.lang-switch a[hreflang="az"]`) {
			t.Errorf("language switcher marks %q as current, want the Azerbaijani link", got)
		}
		logout := `.main-nav form[action="/az/logout"] button`
		if got, want := b.text(logout), msg("az", "nav.logout"); got != want {
			t.Errorf("logout button says %q, want %q", got, want)
		}
		b.screenshot("account_az")

		// Sign out: the header offers signing in again, and the account page is closed.
		if resp := b.click(logout); resp.Status != http.StatusOK {
			t.Fatalf("signing out: status %d", resp.Status)
		}
		if got := b.path(); got != "/az/" {
			t.Errorf("signing out led to %s, want /az/", got)
		}
		if got, want := b.text(`.main-nav a[href="/az/login"]`), msg("az", "nav.login"); got != want {
			t.Errorf("header login link says %q, want %q", got, want)
		}
		if n := b.count(`form[action$="/logout"]`); n != 0 {
			t.Errorf("after signing out the page still has %d logout form(s)", n)
		}
		if got, want := b.text("main .flash"), msg("az", "identity.logged_out"); got != want {
			t.Errorf("flash after signing out: %q, want %q", got, want)
		}

		// The account page now answers with the sign-in form, which leads back to it.
		b.expectStatus("/az/me", http.StatusUnauthorized)
		if resp := b.open("/az/me"); resp.Status != http.StatusUnauthorized {
			t.Errorf("GET /az/me after signing out: status %d, want %d", resp.Status, http.StatusUnauthorized)
		}
		if got, want := b.text("main h1"), msg("az", "identity.login.title"); got != want {
			t.Fatalf("/az/me after signing out shows %q, want the sign-in page %q", got, want)
		}
		if n := b.count(`form[action="/az/login"] #f-password`); n != 1 {
			t.Fatalf("/az/me after signing out has no sign-in form")
		}
		b.typeInto("#f-email", email)
		b.typeInto("#f-password", password)
		b.click(`form[action="/az/login"] button[type="submit"]`)
		if got := b.path(); got != "/az/me" {
			t.Errorf("signing in from the closed account page led to %s, want back to /az/me", got)
		}
		if got := b.text("main h1"); got != azTitle {
			t.Errorf("account page heading after signing in again %q, want %q", got, azTitle)
		}
	})
}
