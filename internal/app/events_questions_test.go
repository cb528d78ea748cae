package app

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/kopru-platform/kopru/internal/events"
	"github.com/kopru-platform/kopru/internal/identity"
	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/ui"
)

func TestEventsPrivacyNotice(t *testing.T) {
	c := newClient(t, newTestApp(t))
	for lang, want := range map[string][]string{
		"tr": {"Etkinlik kaydı aydınlatma metni", "Hukuki sebep", "6 ay", "KVKK madde 11"},
		"az": {"Tədbir qeydiyyatı üzrə məlumatlandırma mətni", "Hüquqlarınız", "GDPR"},
		"en": {"Privacy notice for event registration", "Legal basis", "Photos and video"},
	} {
		c.get("/"+lang+"/privacy/events").must(t, http.StatusOK, append(want, events.NoticeVersion)...)
	}
}

// The demo festival asks for dietary needs and how people heard of it (both optional) and
// for consent to photos; its form links the events privacy notice.
func TestRegistrationFormAsksQuestions(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := eventsSite(t, d)
		ctx := context.Background()
		fest, err := a.Events.BySlug(ctx, nil, "izmir-baku-kultur-festivali")
		if err != nil {
			t.Fatal(err)
		}
		diet := fest.Questionnaire.Questions[0]
		c := newClient(t, a)
		c.get("/az/events/izmir-baku-kultur-festivali").must(t, http.StatusOK, "Qidalanma seçiminiz", "Vegetarian",
			"Festival barədə haradan eşitdiniz?", `name="consent_photos" value="yes">`, `href="/az/privacy/events"`, "könüllü")
		if page := c.get("/tr/events/izmir-baku-kultur-festivali").Body; strings.Contains(page, `name="consent_photos" value="yes" checked`) {
			t.Fatal("the photo consent comes ticked")
		}
		// A choice that is not an option: refused next to the question, the rest kept.
		form := url.Values{"name": {"Nərgiz Əliyeva"}, "email": {"nergiz@example.org"}, diet.Field(): {"pizza"},
			"q_" + fmt.Sprint(fest.Questionnaire.Questions[1].ID): {"Radyodan"}, "consent_photos": {"yes"}}
		c.post("/tr/events/izmir-baku-kultur-festivali/register", form).must(t, http.StatusUnprocessableEntity,
			`value="Nərgiz Əliyeva"`, `value="Radyodan"`, `name="consent_photos" value="yes" checked`, "Listeden bir seçenek seçin.")
		form.Set(diet.Field(), diet.Options[1].Key)
		c.post("/tr/events/izmir-baku-kultur-festivali/register", form).must(t, http.StatusSeeOther)

		// The person's manage link shows what they answered and agreed to.
		token := manageToken(t, latestMail(t, a, "nergiz@example.org"))
		c.get("/tr/registrations/manage?token="+url.QueryEscape(token)).must(t, http.StatusOK, "Beslenme tercihiniz", "Vejetaryen",
			"Radyodan", "İzin: fotoğraf", "Evet")

		// The API lists the questions and answers 422 with the question's field.
		api := fmt.Sprintf("/api/v1/events/%d", fest.ID)
		c.api("GET", api, "", "").must(t, http.StatusOK, `"questions":[{"id":`, `"kind":"choice"`, `"consents":["photos"]`)
		c.api("POST", api+"/registrations", fmt.Sprintf(`{"name":"API","email":"api@example.org","answers":{"%d":"pizza"}}`, diet.ID), "").
			must(t, http.StatusUnprocessableEntity, `"errors":{"`+diet.Field()+`":"`)
		c.api("POST", api+"/registrations", `{"name":"API","email":"api@example.org","consents":["updates"]}`, "").
			must(t, http.StatusUnprocessableEntity, `"consents":"Bu etkinlik böyle bir izin istemiyor."`)
		c.api("POST", api+"/registrations", fmt.Sprintf(`{"name":"API","email":"api@example.org","answers":{"%d":%q},"consents":["photos"]}`, diet.ID, diet.Options[2].Key), "").
			must(t, http.StatusCreated, `"status":"confirmed"`, `"notice_version":"`+events.NoticeVersion+`"`)

		// Staff read answers and consents; a member may not.
		user(t, a, "uye@example.org")
		member := newClient(t, a)
		member.login("uye@example.org")
		member.api("GET", api+"/registrations", "", "").must(t, http.StatusForbidden)
		member.get(fmt.Sprintf("/tr/admin/events/%d/registrations", fest.ID)).must(t, http.StatusForbidden)
		user(t, a, "koord@example.org", identity.RoleCoordinator)
		staff := newClient(t, a)
		staff.login("koord@example.org")
		r := staff.api("GET", api+"/registrations", "", "")
		r.must(t, http.StatusOK, `"purpose":"photos","granted":true,"notice_version":"`+events.NoticeVersion+`"`)
		var regs []struct {
			Email   string
			Answers map[string]string
		}
		if err := json.Unmarshal([]byte(r.Body), &regs); err != nil || len(regs) != 2 || regs[0].Answers[fmt.Sprint(diet.ID)] != diet.Options[1].Key {
			t.Fatalf("staff list %v: %s", err, r.Body)
		}
		staff.get(fmt.Sprintf("/tr/admin/events/%d/registrations", fest.ID)).must(t, http.StatusOK,
			"<th scope=\"col\">Beslenme tercihiniz</th>", "<td>Vejetaryen</td>", "<td>Radyodan</td>", "İzin: fotoğraf")
	})
}

// editorForm is the editor's form for a youth camp with two required questions and the
// photo consent.
func editorForm() url.Values {
	return url.Values{"title_tr": {"Gençlik Kampı"}, "title_az": {"Gənclik Düşərgəsi"}, "kind": {"youth_programme"},
		"venue_name": {"Gənclik Mərkəzi"}, "venue_city": {"Bakı"}, "zone": {"Asia/Baku"},
		"starts_at": {"2026-12-20T10:00"}, "ends_at": {"2026-12-20T18:00"}, "capacity": {"30"}, "visibility": {"public"},
		"status": {"published"}, "allow_guests": {"1"},
		"type_name_tr_0": {"Katılımcı"}, "type_name_az_0": {""}, "type_name_en_0": {""}, "type_quota_0": {"0"},
		"q_kind_0": {"choice"}, "q_required_0": {"1"}, "q_label_tr_0": {"Tişört bedeni"}, "q_label_az_0": {"Köynək ölçüsü"}, "q_label_en_0": {""},
		"q_options_tr_0": {"Küçük\r\nOrta\r\nBüyük"}, "q_options_az_0": {"Kiçik\r\nOrta\r\nBöyük"}, "q_options_en_0": {""},
		"q_kind_1": {"checkbox"}, "q_required_1": {"1"}, "q_label_tr_1": {"Pasaportumu getireceğim"}, "q_label_az_1": {""}, "q_label_en_1": {""},
		"q_kind_2": {"text"}, "q_label_tr_2": {""}, "q_label_az_2": {""}, "q_label_en_2": {""}, // the empty row
		"consents": {"photos"}}
}

func TestEditorQuestionsRoundTripAndExports(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := eventsSite(t, d)
		ctx := context.Background()
		user(t, a, "koord@example.org", identity.RoleCoordinator)
		staff := newClient(t, a)
		staff.login("koord@example.org")

		// One option only: refused under the question, everything typed kept.
		bad := editorForm()
		bad.Set("q_options_tr_0", "Tek beden")
		bad.Set("q_options_az_0", "")
		staff.post("/tr/admin/events", bad).must(t, http.StatusUnprocessableEntity, "Seçmeli bir soruya en az iki seçenek yazın.",
			`value="Tişört bedeni"`, ">Tek beden</textarea>", `value="Pasaportumu getireceğim"`, `name="consents" value="photos" checked`)
		r := staff.post("/tr/admin/events", editorForm())
		r.must(t, http.StatusSeeOther)
		staff.get(r.Header.Get("Location")).must(t, http.StatusOK, `value="Köynək ölçüsü"`, ">Küçük\nOrta\nBüyük</textarea>",
			`name="q_required_1" value="1" checked`, `name="consents" value="photos" checked`, "Yeni soru")
		camp, err := a.Events.BySlug(ctx, nil, "genclik-kampi")
		if err != nil || len(camp.Questionnaire.Questions) != 2 || !camp.Questionnaire.Asks(events.PhotoConsent) {
			t.Fatalf("camp: %v %+v", err, camp.Questionnaire)
		}
		size, passport := camp.Questionnaire.Questions[0], camp.Questionnaire.Questions[1]

		// The required box must be ticked; then two register, one agreeing to photos.
		guest := newClient(t, a)
		form := url.Values{"name": {"Aysel Quliyeva"}, "email": {"aysel@example.org"}, size.Field(): {size.Options[1].Key}}
		guest.post("/az/events/genclik-kampi/register", form).must(t, http.StatusUnprocessableEntity, "Qeydiyyat üçün bu qutunu işarələməlisiniz.", `value="Aysel Quliyeva"`)
		form.Set(passport.Field(), "yes")
		form.Set("consent_photos", "yes")
		guest.post("/az/events/genclik-kampi/register", form).must(t, http.StatusSeeOther)
		guest.post("/tr/events/genclik-kampi/register", url.Values{"name": {"=Cem Kaya"}, "email": {"cem@example.org"},
			size.Field(): {size.Options[2].Key}, passport.Field(): {"yes"}}).must(t, http.StatusSeeOther)

		// The editor: a question removed keeps its answers, which the exports still show.
		edit := fmt.Sprintf("/tr/admin/events/%d", camp.ID)
		form2 := editorForm()
		form2.Set("q_id_0", fmt.Sprint(size.ID))
		form2.Set("q_id_1", fmt.Sprint(passport.ID))
		form2.Set("q_remove_1", "1")
		form2.Set("type_id_0", fmt.Sprint(camp.Types[0].ID))
		staff.post(edit, form2).must(t, http.StatusSeeOther)
		if e, _ := a.Events.BySlug(ctx, nil, "genclik-kampi"); len(e.Questionnaire.Questions) != 1 {
			t.Fatalf("after removing: %+v", e.Questionnaire)
		}

		csv := staff.get(edit + "/registrations.csv")
		csv.must(t, http.StatusOK)
		lines := strings.Split(strings.TrimSpace(csv.Body), "\r\n")
		if len(lines) != 3 || !strings.HasSuffix(lines[0], ";Tişört bedeni;Pasaportumu getireceğim (formdan kaldırıldı);İzin: fotoğraf") ||
			!strings.HasSuffix(lines[1], ";Orta;Evet;Evet") || !strings.HasSuffix(lines[2], ";Büyük;Evet;Hayır") || !strings.Contains(lines[2], ";'=Cem Kaya;") {
			t.Fatalf("CSV:\n%s", csv.Body)
		}
		x := staff.get(edit + "/registrations.xlsx")
		x.must(t, http.StatusOK)
		book, err := excelize.OpenReader(strings.NewReader(x.Body))
		if err != nil {
			t.Fatal(err)
		}
		defer book.Close()
		rows, err := book.GetRows(book.GetSheetName(0))
		if err != nil || len(rows) != 3 || !slices.Equal(rows[0][8:], []string{"Tişört bedeni", "Pasaportumu getireceğim (formdan kaldırıldı)", "İzin: fotoğraf"}) ||
			!slices.Equal(rows[1][8:], []string{"Orta", "Evet", "Evet"}) {
			t.Fatalf("XLSX rows %q, %v", rows, err)
		}
	})
}

// TestQuestionTemplateKeysExist catches a key of the question and privacy templates, or one
// the code builds from a kind or purpose, missing in a language.
func TestQuestionTemplateKeysExist(t *testing.T) {
	cat, err := i18n.Load(ui.FS, "locales")
	if err != nil {
		t.Fatal(err)
	}
	literal := regexp.MustCompile(`\.T "([A-Za-z0-9_.]+)"`)
	var keys []string
	for _, f := range []string{"layout/event_ask.html", "events/privacy.html", "events/editor.html", "events/manage.html"} {
		src, err := fs.ReadFile(ui.FS, "templates/"+f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range literal.FindAllStringSubmatch(string(src), -1) {
			keys = append(keys, m[1])
		}
	}
	for _, p := range events.Purposes {
		keys = append(keys, "events.consent."+string(p), "events.consent.column."+string(p))
	}
	for _, k := range events.QuestionKinds {
		keys = append(keys, "events.questions.kind."+string(k))
	}
	for _, k := range keys {
		for _, lang := range i18n.Supported {
			if !cat.Has(lang, k) {
				t.Errorf("key %q missing in %s", k, lang)
			}
		}
	}
}
