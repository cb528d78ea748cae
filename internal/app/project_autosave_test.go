package app

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
)

type autosaveAnswer struct {
	ID          int64             `json:"id"`
	EditURL     string            `json:"edit_url"`
	AutosaveURL string            `json:"autosave_url"`
	SavedAt     time.Time         `json:"saved_at"`
	Errors      map[string]string `json:"errors"`
}

func decodeAutosave(t *testing.T, r response) autosaveAnswer {
	t.Helper()
	var a autosaveAnswer
	if err := json.Unmarshal([]byte(r.Body), &a); err != nil {
		t.Fatalf("autosave answer %q: %v", r.Body, err)
	}
	return a
}

func TestProposalAutosave(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newPCSite(t, d)
		s.aysel.get("/tr/proposals/new").must(t, http.StatusOK, `data-autosave="/tr/proposals/new/autosave"`, "js/proposal_autosave", "Kaydedildi {time}")

		// The first save of a new proposal creates its draft and tells the script where it lives.
		typed := url.Values{"organisation_id": {fmt.Sprint(s.association)}, "title_tr": {"Bakü–İzmir kitap günleri"}, "action": {"save"}}
		r := s.aysel.post("/tr/proposals/new/autosave", typed)
		r.must(t, http.StatusOK)
		first := decodeAutosave(t, r)
		if first.ID == 0 || first.EditURL != fmt.Sprintf("/tr/proposals/%d/edit", first.ID) || first.SavedAt.IsZero() || len(first.Errors) > 0 {
			t.Fatalf("first autosave: %+v", first)
		}
		s.aysel.get(first.EditURL).must(t, http.StatusOK, `value="Bakü–İzmir kitap günleri"`, `data-autosave="`+first.AutosaveURL+`"`)

		// Later saves rewrite that draft; an unreadable amount is left out and reported, the rest is kept.
		typed.Set("summary_tr", "Karşılıklı kitap fuarı.")
		typed["budget_label"], typed["budget_currency"], typed["budget_amount"] = []string{"Salon"}, []string{"TRY"}, []string{"on bin"}
		r = s.aysel.post(first.AutosaveURL, typed)
		r.must(t, http.StatusOK, "Bu bir sayı değil")
		if a := decodeAutosave(t, r); a.ID != first.ID || a.Errors["budget_0"] == "" {
			t.Fatalf("second autosave: %+v", a)
		}
		s.aysel.get(first.EditURL).must(t, http.StatusOK, "Karşılıklı kitap fuarı.", `value="Salon"`)
		s.aysel.get("/tr/my/proposals").must(t, http.StatusOK, "Bakü–İzmir kitap günleri")

		// What the service refuses saves nothing and names the field.
		long := url.Values{"organisation_id": {fmt.Sprint(s.association)}, "title_tr": {longText(400)}}
		s.aysel.post(first.AutosaveURL, long).must(t, http.StatusUnprocessableEntity, `"title_tr"`)
		s.aysel.get(first.EditURL).must(t, http.StatusOK, `value="Bakü–İzmir kitap günleri"`)

		// IDOR: someone outside the organisation cannot autosave into the draft, nor learn it exists.
		s.murad.post(first.AutosaveURL, typed).must(t, http.StatusNotFound)
		s.coord.post(first.AutosaveURL, typed).must(t, http.StatusNotFound)
		other := url.Values{"organisation_id": {fmt.Sprint(s.association)}, "title_tr": {"Başkasının önerisi"}}
		s.murad.post("/tr/proposals/new/autosave", other).must(t, http.StatusUnprocessableEntity, `"organisation_id"`)
		s.aysel.get(first.EditURL).must(t, http.StatusOK, `value="Bakü–İzmir kitap günleri"`)

		// A proposal to a call gets its first save through the call's address, and keeps the call.
		s.openCall(t, "kitap-2027", 30*24*time.Hour)
		s.aysel.get("/tr/calls/kitap-2027/propose").must(t, http.StatusOK, `data-autosave="/tr/calls/kitap-2027/propose/autosave"`)
		r = s.aysel.post("/tr/calls/kitap-2027/propose/autosave", url.Values{"organisation_id": {fmt.Sprint(s.association)}, "title_tr": {"Çağrıya öneri"}})
		r.must(t, http.StatusOK)
		onCall := decodeAutosave(t, r)
		s.aysel.get(onCall.EditURL).must(t, http.StatusOK, `value="Çağrıya öneri"`, "Gençlik çağrısı kitap-2027", "Kaç gönüllü?")
		s.aysel.post("/tr/calls/yok/propose/autosave", typed).must(t, http.StatusNotFound)

		// Signed out: refused. Submitted: refused with 409, nothing changed.
		newClient(t, s.a).post(first.AutosaveURL, typed).must(t, http.StatusUnauthorized)
		s.aysel.post(first.EditURL, s.proposalForm("submit")).must(t, http.StatusSeeOther)
		s.aysel.post(first.AutosaveURL, typed).must(t, http.StatusConflict)
		s.murad.post(first.AutosaveURL, typed).must(t, http.StatusForbidden)
		s.murad.get(fmt.Sprintf("/tr/proposals/%d", first.ID)).must(t, http.StatusOK, "İzmir–Bakü Gençlik Festivali")
	})
}

// longText is n letters, longer than any title may be.
func longText(n int) string {
	b := make([]rune, n)
	for i := range b {
		b[i] = 'ş'
	}
	return string(b)
}
