package b2b

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// The itinerary editor: /admin/delegations/{id}/itinerary lists every item with a form for a
// new one; /admin/delegations/{id}/itinerary/{iid} edits one. Times are typed in the
// destination's local time.

type itineraryPage struct {
	delegationView
	Items     []itemView
	Editing   *Item
	Action    string
	Kinds     []option
	TextLangs []option
	Members   []check
	Zone      string
}

// Itinerary serves GET /admin/delegations/{id}/itinerary.
func (h *DelegationHandlers) Itinerary(w http.ResponseWriter, r *http.Request) {
	d, ok := h.adminDelegation(w, r)
	if !ok {
		return
	}
	h.itineraryPage(w, r, http.StatusOK, d, nil, web.NewForm(url.Values{"kind": {"visit"}}))
}

// EditItem serves GET /admin/delegations/{id}/itinerary/{iid}.
func (h *DelegationHandlers) EditItem(w http.ResponseWriter, r *http.Request) {
	d, ok := h.adminDelegation(w, r)
	if !ok {
		return
	}
	it, err := h.svc.ItemOf(r.Context(), web.ViewerOf(r.Context()), d.ID, itemID(r))
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.itineraryPage(w, r, http.StatusOK, d, it, web.NewForm(itemValues(d, it)))
}

func itemID(r *http.Request) int64 {
	id, _ := strconv.ParseInt(r.PathValue("iid"), 10, 64)
	return id
}

// SaveItem serves POST /admin/delegations/{id}/itinerary (a new item) and
// POST /admin/delegations/{id}/itinerary/{iid}.
func (h *DelegationHandlers) SaveItem(w http.ResponseWriter, r *http.Request) {
	d, f, ok := h.adminForm(w, r)
	if !ok {
		return
	}
	var err error
	ctx, v := r.Context(), web.ViewerOf(r.Context())
	var editing *Item
	if id := itemID(r); id != 0 {
		if editing, err = h.svc.ItemOf(ctx, v, d.ID, id); err != nil {
			h.rd.PageError(w, r, err)
			return
		}
	}
	// The service is asked even when a time did not parse, so every problem shows at once.
	_, err = h.svc.SaveItem(ctx, v, d.ID, itemID(r), itemFromForm(f, d))
	if formErrors(f, err) || !f.Valid() {
		h.itineraryPage(w, r, http.StatusUnprocessableEntity, d, editing, f)
		return
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.flash(r, h.rd.T(r, "b2b.delegation.saved"))
	http.Redirect(w, r, fmt.Sprintf("%s/%d/itinerary", h.adminBase(r), d.ID), http.StatusSeeOther)
}

// DeleteItem serves POST /admin/delegations/{id}/itinerary/{iid}/delete.
func (h *DelegationHandlers) DeleteItem(w http.ResponseWriter, r *http.Request) {
	d, ok := h.adminDelegation(w, r)
	if !ok {
		return
	}
	ctx, v := r.Context(), web.ViewerOf(r.Context())
	if _, err := h.svc.ItemOf(ctx, v, d.ID, itemID(r)); err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.afterAction(w, r, h.svc.DeleteItem(ctx, v, itemID(r)), fmt.Sprintf("%s/%d/itinerary", h.adminBase(r), d.ID))
}

func (h *DelegationHandlers) itineraryPage(w http.ResponseWriter, r *http.Request, status int, d *Delegation, editing *Item, f *web.Form) {
	ctx, v := r.Context(), web.ViewerOf(r.Context())
	items, err := h.svc.Itinerary(ctx, v, d.ID)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	members, err := h.svc.Members(ctx, v, d.ID)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	dest, _ := h.zones(r, d)
	p := &itineraryPage{delegationView: h.view(r, d), Items: h.itemViews(r, d, items, members), Editing: editing,
		Action: fmt.Sprintf("%s/%d/itinerary", h.adminBase(r), d.ID), Zone: dest.Name}
	if editing != nil {
		p.Action = fmt.Sprintf("%s/%d", p.Action, editing.ID)
	}
	for _, k := range ItemKinds {
		p.Kinds = append(p.Kinds, option{string(k), h.rd.T(r, "b2b.delegation.kind."+string(k))})
	}
	for _, code := range i18n.Supported {
		p.TextLangs = append(p.TextLangs, option{code, h.rd.T(r, "b2b.lang."+code)})
	}
	for _, m := range members {
		id := strconv.FormatInt(m.ID, 10)
		label := m.Name
		if m.Organisation.Name != "" {
			label += " (" + m.Organisation.Name + ")"
		}
		p.Members = append(p.Members, check{id, label, slices.Contains(f.Values["members"], id)})
	}
	h.rd.Render(w, r, status, "b2b/delegation_itinerary", &web.Page{Title: h.rd.T(r, "b2b.delegation.itinerary.title"), Data: p, Form: f})
}

func itemValues(d *Delegation, it *Item) url.Values {
	loc := d.Location()
	v := url.Values{"kind": {string(it.Kind)}, "place": {it.Place}, "starts_at": {it.StartsAt.In(loc).Format(localLayout)},
		"ends_at": {it.EndsAt.In(loc).Format(localLayout)}}
	for _, id := range it.Members {
		v.Add("members", strconv.FormatInt(id, 10))
	}
	for _, l := range i18n.Supported {
		v.Set("title_"+l, it.Title.Get(l))
		v.Set("description_"+l, it.Description.Get(l))
	}
	return v
}

func itemFromForm(f *web.Form, d *Delegation) ItemInput {
	loc := d.Location()
	in := ItemInput{Kind: ItemKind(f.Get("kind")), Place: f.Get("place"), StartsAt: formLocalTime(f, "starts_at", loc),
		EndsAt: formLocalTime(f, "ends_at", loc)}
	for _, s := range f.Values["members"] {
		if id, err := strconv.ParseInt(s, 10, 64); err == nil {
			in.Members = append(in.Members, id)
		}
	}
	for _, l := range i18n.Supported {
		in.Title.Set(l, f.Get("title_"+l))
		in.Description.Set(l, strings.TrimSpace(f.Values.Get("description_"+l)))
	}
	return in
}
