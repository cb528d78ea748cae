package volunteer

import (
	"net/http"
	"strconv"

	"github.com/kopru-platform/kopru/internal/platform/web"
)

// myRow is one line of "my shifts".
type myRow struct {
	MySignup
	When   string
	SwapTo []swapOption
}

type swapOption struct {
	ID   int64
	When string
}

// myData is the "my shifts" page: upcoming first, then past.
type myData struct {
	Upcoming []myRow
	Past     []myRow
}

// MyVolunteer serves GET /my/volunteer: the volunteer's shifts with status, waiting-list
// position, and cancel and swap while they are allowed.
func (h *SignupPages) MyVolunteer(w http.ResponseWriter, r *http.Request) {
	list, err := h.svc.MySignups(r.Context(), web.ViewerOf(r.Context()))
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	cat, l := h.rd.Catalog(), lang(r)
	var data myData
	for _, m := range list {
		row := myRow{MySignup: m, When: ShiftWhen(cat, l, &m.Programme, &m.Shift)}
		for _, o := range m.SwapTo {
			row.SwapTo = append(row.SwapTo, swapOption{ID: o.ID, When: ShiftWhen(cat, l, &m.Programme, &o)})
		}
		if m.Past {
			data.Past = append(data.Past, row)
		} else {
			data.Upcoming = append(data.Upcoming, row)
		}
	}
	h.rd.Render(w, r, http.StatusOK, "volunteer/my_signups", &web.Page{Title: h.rd.T(r, "volunteer.signups.my.title"), Data: &data})
}

// CancelSignup serves POST /my/volunteer/signups/{id}/cancel (a coordinator's from the
// roster too, which it returns to).
func (h *SignupPages) CancelSignup(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), web.ViewerOf(r.Context())
	id := pathID(r, "id")
	shiftID, err := h.svc.SignupShift(ctx, v, id)
	if err == nil {
		err = h.svc.Cancel(ctx, v, id)
	}
	h.afterChange(w, r, shiftID, err, "volunteer.signups.flash.cancelled")
}

// SwapSignup serves POST /my/volunteer/signups/{id}/swap with the shift to move to.
func (h *SignupPages) SwapSignup(w http.ResponseWriter, r *http.Request) {
	f, err := web.ParseForm(r)
	if err != nil {
		h.rd.Error(w, r, web.StatusOf(err))
		return
	}
	to, _ := strconv.ParseInt(f.Get("to"), 10, 64)
	_, err = h.svc.Swap(r.Context(), web.ViewerOf(r.Context()), pathID(r, "id"), to)
	h.afterChange(w, r, 0, err, "volunteer.signups.flash.swapped")
}

// afterChange sends the person back (to the roster when a coordinator came from it) with
// what happened; a refusal is said there too.
func (h *SignupPages) afterChange(w http.ResponseWriter, r *http.Request, shiftID int64, err error, done string) {
	switch {
	case err == nil:
		h.flash(r, h.rd.T(r, done))
	case isRefusal(err):
		h.flash(r, h.rd.T(r, refusalKey(err)))
	default:
		h.rd.PageError(w, r, err)
		return
	}
	back := "/" + lang(r) + "/my/volunteer"
	if r.FormValue("back") == "roster" && shiftID != 0 {
		back = "/" + lang(r) + "/admin/volunteer/shifts/" + strconv.FormatInt(shiftID, 10) + "/roster"
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}
