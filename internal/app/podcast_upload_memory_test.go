package app

import (
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"runtime"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/web"
	"github.com/kopru-platform/kopru/internal/podcast"
)

// streamedUpload writes a multipart episode form whose audio is frames MP3 frames of
// silence, generated while the request is sent, so the test holds no copy of the file.
func streamedUpload(fields map[string]string, frame []byte, frames int) (io.Reader, string) {
	pr, pw := io.Pipe()
	w := multipart.NewWriter(pw)
	go func() {
		for k, v := range fields {
			_ = w.WriteField(k, v)
		}
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", `form-data; name="audio"; filename="uzun.mp3"`)
		h.Set("Content-Type", "audio/mpeg")
		part, err := w.CreatePart(h)
		for i := 0; i < frames && err == nil; i++ {
			_, err = part.Write(frame)
		}
		if err == nil {
			err = w.Close()
		}
		pw.CloseWithError(err)
	}()
	return pr, w.FormDataContentType()
}

// An hour of audio (about 60 MB) is uploaded through the coordinators' form: it is spooled
// to a temporary file, probed there and streamed into storage, so the server allocates a
// fraction of the file's size in all (TotalAlloc counts every allocation, so it bounds the
// peak too). Held whole, the file alone would cost its size at least; streamed, the run
// allocates about a fifth of it (nearly half under the race detector, whose copies and
// bookkeeping count too), so three quarters tells the two apart on every build.
func TestPodcastLargeUploadStaysOutOfMemory(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := newTestAppOn(t, d)
		sh, _ := podcastDemo(t, a)
		user(t, a, "koordinator@example.org", "coordinator")
		c := newClient(t, a)
		c.login("koordinator@example.org")

		frame := podcast.SilentMP3(time.Millisecond) // one frame
		frames := 60 << 20 / len(frame)
		size := int64(frames * len(frame))
		body, ct := streamedUpload(map[string]string{"title": "Uzun söyleşi", "language": "tr", "type": "bonus"}, frame, frames)
		req := c.newRequest(http.MethodPost, fmt.Sprintf("/tr/admin/podcast/shows/%d/episodes", sh.ID), body)
		req.Header.Set("Content-Type", ct)
		req.Header.Set("Sec-Fetch-Site", "same-origin")

		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		r := c.do(req)
		runtime.ReadMemStats(&after)
		r.must(t, http.StatusSeeOther)

		allocated := int64(after.TotalAlloc - before.TotalAlloc)
		t.Logf("uploaded %d bytes; allocated %d bytes in all (%.1f%%)", size, allocated, 100*float64(allocated)/float64(size))
		if allocated > size*3/4 {
			t.Fatalf("the upload of %d bytes allocated %d bytes: the file was held in memory", size, allocated)
		}

		eps, err := a.Podcast.Episodes(context.Background(), &web.Viewer{ID: 1, Roles: []string{"coordinator"}}, sh.ID)
		if err != nil {
			t.Fatal(err)
		}
		var got *podcast.Episode
		for _, e := range eps {
			if e.Title == "Uzun söyleşi" {
				got = e
			}
		}
		if got == nil || got.AudioSize != size || got.Duration < 59*time.Minute {
			t.Fatalf("stored episode %+v", got)
		}
		// The stored file is whole: its last byte is where the size says.
		tail := c.get(fmt.Sprintf("/tr/admin/podcast/episodes/%d/audio.mp3", got.ID), "Range", "bytes=-1")
		tail.must(t, http.StatusPartialContent)
		if cr := tail.Header.Get("Content-Range"); cr != fmt.Sprintf("bytes %d-%d/%d", size-1, size-1, size) {
			t.Fatalf("stored file: Content-Range %q, want %d bytes", cr, size)
		}
	})
}
