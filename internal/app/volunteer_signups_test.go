package app

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/identity"
	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/volunteer"
)

// volunteerShift stores a published programme in İzmir (slug gonulluler) with one role
// and one fixed shift of places a fortnight ahead, and returns the shift's id.
func volunteerShift(t *testing.T, a *App, places int) int64 {
	t.Helper()
	ctx, now := context.Background(), db.Now()
	var partnership, prog, role, shift int64
	err := a.DB.WriteRow(ctx, `INSERT INTO partnerships (slug, city_a, country_a, zone_a, city_b, country_b, zone_b, protocol_date, summary, created_at, updated_at)
		VALUES ('izmir-baku', '{}', 'TR', 'Europe/Istanbul', '{}', 'AZ', 'Asia/Baku', '1986-01-01', '{}', ?, ?) RETURNING id`, now, now).Scan(&partnership)
	if err == nil {
		title := i18n.Text{TR: "Festival gönüllüleri", AZ: "Festival könüllüləri", EN: "Festival volunteers"}
		err = a.DB.WriteRow(ctx, `INSERT INTO volunteer_programmes (partnership_id, slug, title, description, requirements, city, starts_at, ends_at,
			published, created_at, updated_at) VALUES (?, 'gonulluler', ?, '{}', '{}', 'izmir', ?, ?, 1, ?, ?) RETURNING id`,
			partnership, title, now, now.AddDate(0, 1, 0), now, now).Scan(&prog)
	}
	if err == nil {
		err = a.DB.WriteRow(ctx, `INSERT INTO volunteer_roles (programme_id, position, name, description) VALUES (?, 1, ?, '{}') RETURNING id`,
			prog, i18n.Text{TR: "Sahne asistanı", AZ: "Səhnə köməkçisi", EN: "Stage assistant"}).Scan(&role)
	}
	if err == nil {
		start := now.AddDate(0, 0, 14).Truncate(time.Hour)
		err = a.DB.WriteRow(ctx, `INSERT INTO volunteer_shifts (programme_id, role_id, kind, starts_at, ends_at, places, location, created_at)
			VALUES (?, ?, 'fixed', ?, ?, ?, 'Kültürpark', ?) RETURNING id`, prog, role, start, start.Add(4*time.Hour), places, now).Scan(&shift)
	}
	if err != nil {
		t.Fatal(err)
	}
	return shift
}

func apiToken(t *testing.T, a *App, u *identity.User) string {
	t.Helper()
	tok, _, err := a.Identity.CreateToken(context.Background(), identity.Viewer(u), "test")
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

func TestVolunteerSignUpOverHTTPAsksForTheProfileFirst(t *testing.T) {
	a := newTestApp(t)
	shift := volunteerShift(t, a, 1)
	user(t, a, "gonullu@example.org")
	other := user(t, a, "diger@example.org")
	c := newClient(t, a)
	c.login("gonullu@example.org")
	signup := fmt.Sprintf("/tr/volunteer/shifts/%d/signup", shift)

	r := c.post(signup, nil)
	r.must(t, http.StatusSeeOther)
	if loc := r.Header.Get("Location"); !strings.HasPrefix(loc, "/tr/my/volunteer/profile?next=") {
		t.Fatalf("no birth date: sent to %q, want the profile", loc)
	}
	c.get("/tr/my/volunteer/profile").must(t, http.StatusOK, "Doğum tarihi", `href="/tr/privacy/account"`)
	c.post("/tr/my/volunteer/profile", url.Values{"birth_date": {"2090-01-01"}, "city": {"Karşıyaka"}}).
		must(t, http.StatusUnprocessableEntity, "Geçerli bir doğum tarihi", `value="Karşıyaka"`)
	c.post("/tr/my/volunteer/profile", url.Values{"birth_date": {"1999-04-23"}, "languages": {"tr", "az"}}).must(t, http.StatusSeeOther)

	c.post(signup, nil).must(t, http.StatusSeeOther)
	c.get("/tr/my/volunteer").must(t, http.StatusOK, "Festival gönüllüleri", "Sahne asistanı", "Kesin", "İzmir")
	c.get("/az/my/volunteer").must(t, http.StatusOK, "Festival könüllüləri", "Təsdiqlənib", "Bakı")

	// Signing up twice says so.
	c.post(signup, nil).must(t, http.StatusSeeOther)
	c.get("/tr/volunteer/gonulluler") // the flash is shown by whichever page comes next
	var id int64
	if err := a.DB.QueryRow(context.Background(), `SELECT id FROM volunteer_signups WHERE shift_id = ?`, shift).Scan(&id); err != nil {
		t.Fatal(err)
	}
	// Another volunteer cannot cancel it (IDOR): not found, and the place stands.
	o := newClient(t, a)
	o.login(other.Email)
	o.post(fmt.Sprintf("/tr/my/volunteer/signups/%d/cancel", id), nil).must(t, http.StatusNotFound)
	o.api(http.MethodDelete, fmt.Sprintf("/api/v1/volunteer/signups/%d", id), "", apiToken(t, a, other)).must(t, http.StatusNotFound)
	c.get("/tr/my/volunteer").must(t, http.StatusOK, "Kesin")
	c.post(fmt.Sprintf("/tr/my/volunteer/signups/%d/cancel", id), nil).must(t, http.StatusSeeOther)
	c.get("/tr/my/volunteer").must(t, http.StatusOK, "Henüz bir vardiyaya kaydolmadınız")
}

func TestVolunteerSignUpAPIAndRoster(t *testing.T) {
	a := newTestApp(t)
	shift := volunteerShift(t, a, 1)
	c := newClient(t, a)
	first, second := user(t, a, "bir@example.org"), user(t, a, "iki@example.org")
	coord := user(t, a, "koordinator@example.org", "coordinator")
	t1, t2, tc := apiToken(t, a, first), apiToken(t, a, second), apiToken(t, a, coord)
	path := fmt.Sprintf("/api/v1/volunteer/shifts/%d/signups", shift)

	r := c.api(http.MethodPost, path, "", t1)
	r.must(t, http.StatusUnprocessableEntity, `"profile"`)
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
		t.Fatalf("refusal content type %q", ct)
	}
	c.api(http.MethodPut, "/api/v1/me/volunteer/profile", `{"birth_date":"not a date"}`, t1).must(t, http.StatusUnprocessableEntity, `"birth_date"`)
	for _, tok := range []string{t1, t2} {
		c.api(http.MethodPut, "/api/v1/me/volunteer/profile", `{"birth_date":"1998-02-03","languages":["az"]}`, tok).must(t, http.StatusOK, `"1998-02-03"`)
	}
	c.api(http.MethodPost, path, "", t1).must(t, http.StatusCreated, `"status":"confirmed"`)
	c.api(http.MethodPost, path, "", t1).must(t, http.StatusUnprocessableEntity, `"signup"`)
	r = c.api(http.MethodPost, path, "", t2)
	r.must(t, http.StatusCreated, `"status":"waiting"`, `"waiting_position":1`)
	var waiting struct{ ID int64 }
	_ = json.Unmarshal([]byte(r.Body), &waiting)

	c.api(http.MethodGet, path, "", t2).must(t, http.StatusForbidden)
	c.api(http.MethodGet, path, "", tc).must(t, http.StatusOK, `"confirmed":1`, "bir@example.org", "iki@example.org")
	c.api(http.MethodGet, "/api/v1/me/volunteer/signups", "", t2).must(t, http.StatusOK, `"waiting_position":1`, `"programme_slug":"gonulluler"`)

	// The first cancels: the waiting one gets the place.
	var firstID int64
	_ = a.DB.QueryRow(context.Background(), `SELECT id FROM volunteer_signups WHERE user_id = ?`, first.ID).Scan(&firstID)
	c.api(http.MethodDelete, fmt.Sprintf("/api/v1/volunteer/signups/%d", firstID), "", t1).must(t, http.StatusNoContent)
	c.api(http.MethodGet, "/api/v1/me/volunteer/signups", "", t2).must(t, http.StatusOK, `"status":"confirmed"`)

	// The coordinator assigns the first back: the shift is full, so to the waiting list.
	c.api(http.MethodPost, path, `{"email":"bir@example.org"}`, tc).must(t, http.StatusCreated, `"status":"waiting"`)
	c.api(http.MethodPost, path, `{"email":"bir@example.org"}`, t2).must(t, http.StatusForbidden)

	cc := newClient(t, a)
	cc.login(coord.Email)
	roster := fmt.Sprintf("/tr/admin/volunteer/shifts/%d/roster", shift)
	cc.get(roster).must(t, http.StatusOK, "Vardiya listesi", "iki@example.org", "Bekleme listesi", fmt.Sprintf("/tr/admin/volunteer/shifts/%d/attendance", shift))
	csv := cc.get(roster + ".csv")
	csv.must(t, http.StatusOK, "Ad soyad", "bir@example.org")
	cc.post(roster+"/assign", url.Values{"email": {"kimse@example.org"}}).must(t, http.StatusUnprocessableEntity, "Bu e-postayla bir hesap yok", `value="kimse@example.org"`)
	vc := newClient(t, a)
	vc.login(second.Email)
	vc.get(roster).must(t, http.StatusForbidden)
}

func TestVolunteerGuestSignUpCountsOnlyAfterTheMailedLink(t *testing.T) {
	a := newTestApp(t)
	shift := volunteerShift(t, a, 3)
	user(t, a, "var@example.org")
	c := newClient(t, a)
	signup := fmt.Sprintf("/az/volunteer/shifts/%d/signup", shift)
	// The programme page's plain button, for a visitor not signed in: the guest form.
	c.post(signup, nil).must(t, http.StatusOK, `name="birth_date"`, `href="/az/privacy/account"`)

	c.post(signup, url.Values{"name": {"Qonaq Könüllü"}, "email": {"qonaq@example.org"}, "birth_date": {"2000-01-01"}}).
		must(t, http.StatusUnprocessableEntity, `value="Qonaq Könüllü"`, "məlumatlandırma mətnini")
	c.post(signup, url.Values{"name": {"Var"}, "email": {"var@example.org"}, "birth_date": {"2000-01-01"}, "privacy": {"yes"}}).
		must(t, http.StatusUnprocessableEntity, "Bu e-poçt ünvanı ilə hesab var")
	c.post(signup, url.Values{"name": {"Qonaq Könüllü"}, "email": {"qonaq@example.org"}, "birth_date": {"2000-01-01"}, "privacy": {"yes"}}).
		must(t, http.StatusOK, "qonaq@example.org")
	var n int
	_ = a.DB.QueryRow(context.Background(), `SELECT COUNT(*) FROM volunteer_signups`).Scan(&n)
	if n != 0 {
		t.Fatalf("%d sign-ups before the link was followed", n)
	}
	m, err := a.Outbox.Latest(context.Background(), "qonaq@example.org")
	if err != nil {
		t.Fatal(err)
	}
	if m.Locale != "az" || !strings.Contains(m.Subject, "Festival könüllüləri") {
		t.Fatalf("guest mail: %q in %q", m.Subject, m.Locale)
	}
	link := regexp.MustCompile(`/az/volunteer/signup/confirm\?token=[A-Za-z0-9_-]+`).FindString(m.Text)
	if link == "" {
		t.Fatalf("no link in:\n%s", m.Text)
	}
	c.get(link).must(t, http.StatusOK, "Qonaq Könüllü", "qonaq@example.org")
	token := strings.TrimPrefix(link, "/az/volunteer/signup/confirm?token=")
	c.post("/az/volunteer/signup/confirm", url.Values{"token": {token}, "password": {"qisa"}}).must(t, http.StatusUnprocessableEntity)
	r := c.post("/az/volunteer/signup/confirm", url.Values{"token": {token}, "password": {pw}})
	r.must(t, http.StatusSeeOther)
	if !strings.HasPrefix(r.Header.Get("Location"), "/az/login") {
		t.Fatalf("after confirming: %q", r.Header.Get("Location"))
	}
	c.post("/az/volunteer/signup/confirm", url.Values{"token": {token}, "password": {pw}}).must(t, http.StatusBadRequest)
	c.login("qonaq@example.org")
	c.get("/az/my/volunteer").must(t, http.StatusOK, "Festival könüllüləri", "Təsdiqlənib")
}

func TestVolunteerMinorGivesGuardianConsentThenSignsUp(t *testing.T) {
	a := newTestApp(t)
	shift := volunteerShift(t, a, 3)
	minor := user(t, a, "genc@example.org")
	birth := db.Now().AddDate(-16, 0, 0).Format(time.DateOnly)
	if _, err := a.Volunteer.SaveProfile(context.Background(), identity.Viewer(minor), volunteerProfile(birth)); err != nil {
		t.Fatal(err)
	}
	c := newClient(t, a)
	c.login(minor.Email)
	c.post(fmt.Sprintf("/tr/volunteer/shifts/%d/signup", shift), nil).
		must(t, http.StatusOK, "Veli onayı", `action="/tr/volunteer/gonulluler/consent"`, `href="/tr/privacy/account"`)
	form := url.Values{"shift": {fmt.Sprint(shift)}, "guardian_name": {"Ayşe Yılmaz"}, "guardian_contact": {"+90 532 000 00 00"}}
	c.post("/tr/volunteer/gonulluler/consent", form).must(t, http.StatusUnprocessableEntity, "Onay kutusunu", `value="Ayşe Yılmaz"`)
	form.Set("agree", "yes")
	c.post("/tr/volunteer/gonulluler/consent", form).must(t, http.StatusSeeOther)
	c.get("/tr/my/volunteer").must(t, http.StatusOK, "Kesin")
}

func volunteerProfile(birth string) volunteer.ProfileInput {
	return volunteer.ProfileInput{BirthDate: birth}
}

func TestVolunteerRosterMovesAndRecordsConsentOverHTTP(t *testing.T) {
	a := newTestApp(t)
	ctx := context.Background()
	first := volunteerShift(t, a, 2)
	var second, prog, role int64
	var ends time.Time
	if err := a.DB.QueryRow(ctx, `SELECT programme_id, role_id, ends_at FROM volunteer_shifts WHERE id = ?`, first).Scan(&prog, &role, &ends); err != nil {
		t.Fatal(err)
	}
	if err := a.DB.WriteRow(ctx, `INSERT INTO volunteer_shifts (programme_id, role_id, kind, starts_at, ends_at, places, created_at)
		VALUES (?, ?, 'fixed', ?, ?, 2, ?) RETURNING id`, prog, role, ends, ends.Add(4*time.Hour), db.Now()).Scan(&second); err != nil {
		t.Fatal(err)
	}
	coord := user(t, a, "koordinator@example.org", "coordinator")
	adult, minor := user(t, a, "yetiskin@example.org"), user(t, a, "kucuk@example.org")
	_, _ = a.Volunteer.SaveProfile(ctx, identity.Viewer(adult), volunteerProfile("1990-01-01"))
	_, _ = a.Volunteer.SaveProfile(ctx, identity.Viewer(minor), volunteerProfile(db.Now().AddDate(-17, 0, 0).Format(time.DateOnly)))
	su, err := a.Volunteer.SignUp(ctx, identity.Viewer(adult), first)
	if err != nil {
		t.Fatal(err)
	}
	c := newClient(t, a)
	c.login(coord.Email)
	roster := fmt.Sprintf("/tr/admin/volunteer/shifts/%d/roster", first)

	// A minor without consent cannot be assigned; the coordinator records the paper consent.
	c.post(roster+"/assign", url.Values{"email": {minor.Email}}).must(t, http.StatusUnprocessableEntity, "veli onayı gerekir")
	c.post(roster+"/consent", url.Values{"consent_email": {minor.Email}, "guardian_name": {"Veli"}, "guardian_contact": {"0532"}}).
		must(t, http.StatusUnprocessableEntity, "Onay kutusunu", `value="Veli"`)
	c.post(roster+"/consent", url.Values{"consent_email": {minor.Email}, "guardian_name": {"Veli"}, "guardian_contact": {"0532"}, "agree": {"yes"}}).
		must(t, http.StatusSeeOther)
	c.post(roster+"/assign", url.Values{"email": {minor.Email}}).must(t, http.StatusSeeOther)
	c.get(roster).must(t, http.StatusOK, "kucuk@example.org", "veli onayı var")

	// The adult moves to the second shift: it overlaps nothing else of theirs.
	c.post(fmt.Sprintf("/tr/admin/volunteer/signups/%d/move", su.ID), url.Values{"to": {fmt.Sprint(second)}}).must(t, http.StatusSeeOther)
	c.get(fmt.Sprintf("/tr/admin/volunteer/shifts/%d/roster", second)).must(t, http.StatusOK, "yetiskin@example.org")
	// A volunteer cannot move anyone.
	v := newClient(t, a)
	v.login(adult.Email)
	v.post(fmt.Sprintf("/tr/admin/volunteer/signups/%d/move", su.ID), url.Values{"to": {fmt.Sprint(first)}}).must(t, http.StatusForbidden)
}
