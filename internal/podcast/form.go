package podcast

import (
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Multipart forms of shows and episodes, shared by the coordinator pages and the API.

// personRows is how many person rows the episode form offers.
const personRows = 4

// uploadMemory is how much of a multipart form is kept in memory; files beyond it are
// spooled to temporary files, so a 200 MB episode costs a few megabytes of memory.
const uploadMemory = 2 << 20

// parseUpload reads a multipart (or plain) form. The audio goes to a temporary file, is
// probed there and streamed into storage (Service.storeEpisodeFiles): never whole in memory.
func parseUpload(r *http.Request) (*web.Form, error) {
	err := r.ParseMultipartForm(uploadMemory)
	if errors.Is(err, http.ErrNotMultipart) {
		return web.ParseForm(r)
	}
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, web.ErrTooLarge
		}
		return nil, &web.DecodeError{Status: http.StatusBadRequest, Key: "podcast.error.form", Err: err}
	}
	values := url.Values(r.MultipartForm.Value)
	for _, vs := range values {
		for _, v := range vs {
			if !utf8.ValidString(v) {
				return nil, web.ErrInvalidUTF8
			}
		}
	}
	return web.NewForm(values), nil
}

// cleanupUpload removes the temporary files of a multipart form.
func cleanupUpload(r *http.Request) {
	if r.MultipartForm != nil {
		_ = r.MultipartForm.RemoveAll()
	}
}

// fileHeader is the form's file field, or nil when none was chosen.
func fileHeader(r *http.Request, field string) *multipart.FileHeader {
	if r.MultipartForm == nil || len(r.MultipartForm.File[field]) == 0 {
		return nil
	}
	fh := r.MultipartForm.File[field][0]
	if fh.Size == 0 && fh.Filename == "" {
		return nil
	}
	return fh
}

// smallFile reads a file field of at most max bytes: nil when none was chosen.
func smallFile(r *http.Request, field string, max int64, tooLarge string) ([]byte, error) {
	fh := fileHeader(r, field)
	if fh == nil {
		return nil, nil
	}
	if fh.Size > max {
		return nil, fail.Fields{field: tooLarge}
	}
	f, err := fh.Open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if data == nil {
		data = []byte{}
	}
	return data, err
}

// audioFile opens the form's audio upload; the caller closes it. nil when none was chosen.
func audioFile(r *http.Request) (*Audio, io.Closer, error) {
	fh := fileHeader(r, "audio")
	if fh == nil {
		return nil, nil, nil
	}
	f, err := fh.Open()
	if err != nil {
		return nil, nil, err
	}
	return &Audio{R: f, Size: fh.Size, Claimed: fh.Header.Get("Content-Type")}, f, nil
}

// showInputOf reads a show form; artwork is read from its file field.
func showInputOf(r *http.Request, f *web.Form) (ShowInput, error) {
	in := ShowInput{Slug: f.Get("slug"), Title: f.Get("title"), Description: f.Get("description"),
		Language: f.Get("language"), Category: f.Get("category"), Explicit: f.Get("explicit") != "",
		Author: f.Get("author"), OwnerName: f.Get("owner_name"), OwnerEmail: f.Get("owner_email"),
		Copyright: f.Get("copyright"), Type: f.Get("type"), AppleURL: f.Get("apple_url"),
		FundingURL: f.Get("funding_url"), FundingLabel: f.Get("funding_label")}
	in.LinkedID, _ = strconv.ParseInt(f.Get("linked_show"), 10, 64)
	var err error
	in.Artwork, err = smallFile(r, "artwork", MaxArtworkBytes, "podcast.error.artwork_too_large")
	return in, err
}

// episodeInputOf reads an episode form; uploads come from its file fields, and the
// remove_* boxes clear a transcript or chapters.
func episodeInputOf(r *http.Request, f *web.Form) (EpisodeInput, fail.Fields, error) {
	errs := fail.Fields{}
	in := EpisodeInput{Title: f.Get("title"), Language: f.Get("language"), Type: f.Get("type"),
		Explicit: f.Get("explicit") != ""}
	for _, l := range i18n.Supported {
		in.Notes.Set(l, f.Get("notes_"+l))
	}
	in.Season = formInt(f, "season", errs)
	in.Number = formInt(f, "number", errs)
	in.EventIDs = formIDs(f, "event_ids", errs)
	in.ProjectIDs = formIDs(f, "project_ids", errs)
	for i := range personRows {
		n := strconv.Itoa(i)
		in.Persons = append(in.Persons, Person{Name: f.Get("person_name_" + n), Role: f.Get("person_role_" + n),
			Href: f.Get("person_href_" + n), Img: f.Get("person_img_" + n)})
	}
	var err error
	if in.Artwork, err = smallFile(r, "artwork", MaxArtworkBytes, "podcast.error.artwork_too_large"); err != nil {
		return in, errs, err
	}
	if in.Transcript, err = smallFile(r, "transcript", MaxTextBytes, "podcast.error.text_too_large"); err != nil {
		return in, errs, err
	}
	if in.Chapters, err = smallFile(r, "chapters", MaxTextBytes, "podcast.error.text_too_large"); err != nil {
		return in, errs, err
	}
	if in.Transcript == nil && f.Get("remove_transcript") != "" {
		in.Transcript = []byte{}
	}
	if in.Chapters == nil && f.Get("remove_chapters") != "" {
		in.Chapters = []byte{}
	}
	return in, errs, nil
}

func formInt(f *web.Form, field string, errs fail.Fields) int {
	s := f.Get(field)
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		errs[field] = "podcast.error.number"
	}
	return n
}

func formIDs(f *web.Form, field string, errs fail.Fields) []int64 {
	var ids []int64
	for _, part := range strings.FieldsFunc(f.Get(field), func(r rune) bool { return r == ',' || r == ' ' }) {
		id, ok := parseID(part)
		if !ok {
			errs[field] = "podcast.error.ids"
			continue
		}
		ids = append(ids, id)
	}
	return ids
}

// parseLocalTime reads a datetime-local value as İzmir time.
func parseLocalTime(s string) (time.Time, bool) {
	t, err := time.ParseInLocation("2006-01-02T15:04", s, zone)
	return t.UTC(), err == nil
}
