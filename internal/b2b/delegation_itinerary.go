package b2b

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
)

// The itinerary: visits, meetings and B2B sessions at the destination. An item listing
// members is theirs alone (a meeting arranged for one company): it shows on those members'
// pages and nowhere public; an item listing nobody is for everyone.

// ItemKind is what an itinerary item is.
type ItemKind string

// ItemKinds lists the kinds in form order.
var ItemKinds = []ItemKind{"visit", "meeting", "b2b_session"}

const (
	maxItemTitle = 200
	maxItemText  = 2000
	maxPlace     = 200
)

// ItemInput is what coordinators write.
type ItemInput struct {
	Kind        ItemKind
	StartsAt    time.Time
	EndsAt      time.Time
	Place       string
	Title       i18n.Text
	Description i18n.Text
	Members     []int64 // member ids; empty: public
}

// Item is an itinerary entry as stored.
type Item struct {
	ID           int64
	DelegationID int64
	ItemInput
	// restricted is set when the item was saved with members. It is kept apart from
	// Members so that removing the last of them from the delegation leaves the item
	// private (then only coordinators see it) rather than making it public.
	restricted bool
}

// Restricted reports whether only some members see the item.
func (it *Item) Restricted() bool { return it.restricted || len(it.Members) > 0 }

// validate cleans in for delegation d; memberIDs are the delegation's members.
func (in *ItemInput) validate(d *Delegation, memberIDs []int64) fail.Fields {
	errs := fail.Fields{}
	in.StartsAt, in.EndsAt = in.StartsAt.UTC(), in.EndsAt.UTC()
	if !slices.Contains(ItemKinds, in.Kind) {
		errs["kind"] = "form.choice"
	}
	switch {
	case in.StartsAt.IsZero():
		errs["starts_at"] = "form.required"
	case in.EndsAt.IsZero():
		errs["ends_at"] = "form.required"
	case !in.EndsAt.After(in.StartsAt):
		errs["ends_at"] = "b2b.delegation.error.item_ends_before"
	case in.StartsAt.Before(dayStart(d.StartsOn, d.Direction.Zone())) ||
		in.EndsAt.After(dayStart(d.EndsOn.AddDate(0, 0, 1), d.Direction.Zone())):
		errs["starts_at"] = "b2b.delegation.error.item_outside"
	}
	in.Place = strings.Join(strings.Fields(in.Place), " ")
	if utf8.RuneCountInString(in.Place) > maxPlace {
		errs["place"] = "form.too_long"
	}
	in.Title, in.Description = in.Title.Trimmed(), in.Description.Trimmed()
	requiredText(errs, "title", in.Title, maxItemTitle)
	for _, l := range i18n.Supported {
		if utf8.RuneCountInString(in.Description.Get(l)) > maxItemText {
			errs["description_"+l] = "form.too_long"
		}
	}
	in.Members = uniqueIDs(in.Members)
	for _, id := range in.Members {
		if !slices.Contains(memberIDs, id) {
			errs["members"] = "b2b.delegation.error.not_delegation_member"
		}
	}
	return errs
}

// visibleTo reports whether the member with id memberID (0: not a member) sees the item.
func (it *Item) visibleTo(memberID int64) bool {
	return !it.Restricted() || (memberID != 0 && slices.Contains(it.Members, memberID))
}
