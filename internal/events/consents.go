package events

// The privacy notice of the event-registration purpose and the optional consents a form may
// ask. The notice's version is stored with every registration and every consent decision,
// so a later change of wording is traceable to who registered under which text.

import (
	"net/http"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/web"
)

// NoticeVersion identifies the events privacy notice (/privacy/events). Change it whenever
// the notice's text changes in substance.
const NoticeVersion = "2026-05"

// Purpose is an optional use of a registrant's data that needs their explicit consent.
type Purpose string

const (
	// PhotoConsent: being photographed or filmed for the partnership's publications.
	PhotoConsent Purpose = "photos"
	// UpdatesConsent: emails about the partnership's future events.
	UpdatesConsent Purpose = "updates"
)

// Purposes lists the optional purposes a coordinator may have a form ask, in form order.
var Purposes = []Purpose{PhotoConsent, UpdatesConsent}

// Consent is one recorded decision of a registrant about one purpose.
type Consent struct {
	Purpose       Purpose
	Granted       bool
	NoticeVersion string
	At            time.Time
}

// Consented returns r's decision about p, and whether one was recorded.
func (r *Registration) Consented(p Purpose) (granted, decided bool) {
	for _, c := range r.Consents {
		if c.Purpose == p {
			return c.Granted, true
		}
	}
	return false, false
}

// Privacy serves /privacy/events: the privacy notice (aydınlatma metni) of event registration.
func (h *Handlers) Privacy(w http.ResponseWriter, r *http.Request) {
	h.rd.Render(w, r, http.StatusOK, "events/privacy", &web.Page{
		Title:       h.rd.T(r, "privacy.events.title"),
		Description: h.rd.T(r, "privacy.events.lead"),
		Data:        NoticeVersion,
	})
}
