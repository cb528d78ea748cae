package app

import (
	"context"

	"github.com/kopru-platform/kopru/internal/content"
	"github.com/kopru-platform/kopru/internal/events"
	"github.com/kopru-platform/kopru/internal/identity"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// eventDirectory gives events the organisations identity keeps (events.Directory).
type eventDirectory struct{ ids *identity.Service }

func (d eventDirectory) Organisations(ctx context.Context, v *web.Viewer) ([]events.Organisation, error) {
	orgs, err := d.ids.Organisations(ctx, v)
	if err != nil {
		return nil, err
	}
	out := make([]events.Organisation, len(orgs))
	for i, o := range orgs {
		out[i] = events.Organisation{ID: o.ID, Name: o.Name, Website: o.Website}
	}
	return out, nil
}

func (d eventDirectory) OrganisationsByID(ctx context.Context, ids []int64) (map[int64]events.Organisation, error) {
	orgs, err := d.ids.OrganisationsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]events.Organisation, len(orgs))
	for id, o := range orgs {
		out[id] = events.Organisation{ID: o.ID, Name: o.Name, Website: o.Website}
	}
	return out, nil
}

// eventLibrary gives events the pictures of the content module's media library
// (events.Library).
type eventLibrary struct{ content *content.Service }

// editorImages is how many of the newest pictures the event editor offers, as the news
// editor does.
const editorImages = 200

func (l eventLibrary) Images(ctx context.Context, v *web.Viewer) ([]events.Image, error) {
	list, _, err := l.content.Library(ctx, v, "image", editorImages, 0)
	if err != nil {
		return nil, err
	}
	out := make([]events.Image, len(list))
	for i := range list {
		out[i] = eventImage(&list[i])
	}
	return out, nil
}

func (l eventLibrary) ImagesByID(ctx context.Context, ids []int64) (map[int64]events.Image, error) {
	found, err := l.content.ImagesByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]events.Image, len(found))
	for id, m := range found {
		out[id] = eventImage(m)
	}
	return out, nil
}

// eventImage describes a library picture by its large variant (the one pages show).
func eventImage(m *content.Media) events.Image {
	img := events.Image{ID: m.ID, URL: m.VariantURL("large"), Thumb: m.VariantURL("thumb"), Srcset: m.Srcset(),
		Width: m.Width, Height: m.Height, Alt: m.Alt, Name: m.Name}
	for _, v := range m.Variants {
		if v.Name == "large" {
			img.Width, img.Height = v.Width, v.Height
		}
	}
	return img
}
