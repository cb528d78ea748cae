package mail

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"slices"
	"strings"
	"testing"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
)

// mimePart is one leaf of a received message, decoded as a mail client would.
type mimePart struct {
	Type, FileName, Name string // Name: the Content-Type's name parameter, RFC 2047 decoded
	Data                 []byte
}

// walk flattens a received message into its leaves, recording the multipart types on the way.
func walk(t *testing.T, header map[string][]string, body io.Reader, types *[]string) []mimePart {
	t.Helper()
	h := mail.Header(header)
	mediaType, params, err := mime.ParseMediaType(h.Get("Content-Type"))
	if err != nil {
		t.Fatalf("content type %q: %v", h.Get("Content-Type"), err)
	}
	*types = append(*types, mediaType)
	if !strings.HasPrefix(mediaType, "multipart/") {
		var r io.Reader = body
		if h.Get("Content-Transfer-Encoding") == "base64" {
			r = base64.NewDecoder(base64.StdEncoding, body)
		}
		data, err := io.ReadAll(r)
		if err != nil {
			t.Fatalf("%s: %v", mediaType, err)
		}
		p := mimePart{Type: mediaType, Data: data}
		if _, dp, err := mime.ParseMediaType(h.Get("Content-Disposition")); err == nil {
			p.FileName = dp["filename"]
		}
		if p.Name, err = new(mime.WordDecoder).DecodeHeader(params["name"]); err != nil {
			t.Fatalf("name %q: %v", params["name"], err)
		}
		return []mimePart{p}
	}
	var out []mimePart
	mr := multipart.NewReader(body, params["boundary"])
	for {
		part, err := mr.NextRawPart() // raw: base64 is decoded above, quoted-printable by hand
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		var r io.Reader = part
		if part.Header.Get("Content-Transfer-Encoding") == "quoted-printable" {
			r = qpReader(part)
		}
		out = append(out, walk(t, part.Header, r, types)...)
	}
}

func TestOutboxDeliversAttachmentsOverSMTP(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		srv := startServer(t, "", "")
		sender, err := NewSMTPSender(srv.URL, "Köprü <noreply@localhost>")
		if err != nil {
			t.Fatal(err)
		}
		o := NewOutbox(d, sender, quiet)
		ics := []byte("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nSUMMARY:İzmir–Bakü Kültür Festivali\r\nEND:VCALENDAR\r\n")
		pdf := make([]byte, 5000) // binary, every byte value
		for i := range pdf {
			pdf[i] = byte(i * 7)
		}
		copy(pdf, "%PDF-1.4\n")
		icsName, pdfName := "İzmir–Bakü Kültür Festivali.ics", "Bilet — Şükrü Çağlar Öztürk, Əli.pdf"
		m := Message{To: "sukru@example.org", Subject: "Biletiniz: İzmir–Bakü Kültür Festivali", Locale: "tr",
			Text: "Merhaba Şükrü,\nbiletiniz ektedir.", HTML: "<p>Merhaba <b>Şükrü</b>, biletiniz ektedir.</p>",
			Attachments: []Attachment{
				{Name: icsName, ContentType: "text/calendar; charset=utf-8; method=PUBLISH", Data: ics},
				{Name: pdfName, ContentType: "application/pdf", Data: pdf},
			}}
		id, err := o.Enqueue(ctx, d, m) // outside a transaction: Enqueue makes its own
		if err != nil {
			t.Fatal(err)
		}
		plain := Message{To: "elvin@example.az", Subject: "Bilet", Text: "Ekte.", Attachments: []Attachment{{Name: "bilet.pdf", Data: pdf[:10]}}}
		err = d.InTx(ctx, func(tx *db.Tx) error { _, err := o.Enqueue(ctx, tx, plain); return err })
		if err != nil {
			t.Fatal(err)
		}

		list, err := o.List(ctx, 10, 0)
		if err != nil || len(list) != 2 || !slices.Equal(list[1].Attachments, []string{icsName, pdfName}) || !slices.Equal(list[0].Attachments, []string{"bilet.pdf"}) {
			t.Fatalf("List = %+v, %v", list, err)
		}
		if e, err := o.Latest(ctx, "sukru@example.org"); err != nil || e.ID != id || len(e.Attachments) != 2 {
			t.Fatalf("Latest = %+v, %v", e, err)
		}

		if n, err := o.DeliverDue(ctx); n != 2 || err != nil {
			t.Fatalf("DeliverDue = %d, %v", n, err)
		}
		var got []received
		for _, r := range srv.messages() {
			if r.To[0] == "sukru@example.org" {
				got = append(got, r)
			}
		}
		if len(got) != 1 {
			t.Fatalf("received %d messages for sukru", len(got))
		}
		for _, line := range strings.Split(string(got[0].Data), "\r\n") {
			if len(line) > 998 {
				t.Errorf("line longer than 998 characters: %q", line)
			}
		}
		msg, err := mail.ReadMessage(bytes.NewReader(got[0].Data))
		if err != nil {
			t.Fatal(err)
		}
		var types []string
		parts := walk(t, msg.Header, msg.Body, &types)
		if !slices.Equal(types, []string{"multipart/mixed", "multipart/alternative", "text/plain", "text/html", "text/calendar", "application/pdf"}) {
			t.Fatalf("structure %v", types)
		}
		if string(parts[0].Data) != "Merhaba Şükrü,\r\nbiletiniz ektedir." || string(parts[1].Data) != m.HTML {
			t.Fatalf("bodies %q / %q", parts[0].Data, parts[1].Data)
		}
		for i, want := range []struct {
			name string
			data []byte
		}{{icsName, ics}, {pdfName, pdf}} {
			p := parts[2+i]
			if p.FileName != want.name || p.Name != want.name || !bytes.Equal(p.Data, want.data) {
				t.Errorf("attachment %d: filename %q, name %q, %d bytes (equal: %v); want %q",
					i, p.FileName, p.Name, len(p.Data), bytes.Equal(p.Data, want.data), want.name)
			}
		}

		// Text only: multipart/mixed holds the text part directly.
		for _, r := range srv.messages() {
			if r.To[0] != "elvin@example.az" {
				continue
			}
			msg, err := mail.ReadMessage(bytes.NewReader(r.Data))
			if err != nil {
				t.Fatal(err)
			}
			types = nil
			parts := walk(t, msg.Header, msg.Body, &types)
			if !slices.Equal(types, []string{"multipart/mixed", "text/plain", "application/octet-stream"}) ||
				string(parts[0].Data) != "Ekte." || parts[1].FileName != "bilet.pdf" || !bytes.Equal(parts[1].Data, pdf[:10]) {
				t.Fatalf("plain message with attachment: %v %+v", types, parts)
			}
		}
	})
}

func TestAttachmentsRollBackWithTheirMail(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		o := NewOutbox(d, nil, quiet)
		boom := errors.New("registration failed")
		err := d.InTx(ctx, func(tx *db.Tx) error {
			if _, err := o.Enqueue(ctx, tx, Message{To: "a@example.org", Subject: "x", Text: "x",
				Attachments: []Attachment{{Name: "a.ics", Data: []byte("x")}}}); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatal(err)
		}
		var n int
		if err := d.QueryRow(ctx, `SELECT COUNT(*) FROM mail_attachments`).Scan(&n); err != nil || n != 0 {
			t.Fatalf("attachments after rollback: %d, %v", n, err)
		}
		for _, bad := range []Attachment{{Name: " "}, {Name: "a.pdf", ContentType: "not a type;;"}, {Name: strings.Repeat("ş", 200)}} {
			if _, err := o.Enqueue(ctx, d, Message{To: "a@example.org", Subject: "x", Attachments: []Attachment{bad}}); err == nil {
				t.Errorf("attachment %+v accepted", bad)
			}
		}
		// Path separators in a name are not passed on to the recipient's disk.
		id, err := o.Enqueue(ctx, d, Message{To: "a@example.org", Subject: "x", Attachments: []Attachment{{Name: "../../etc/passwd", Data: []byte("x")}}})
		if err != nil {
			t.Fatal(err)
		}
		atts, err := o.Attachments(ctx, id)
		if err != nil || len(atts) != 1 || atts[0].Name != ".._.._etc_passwd" || atts[0].ContentType != "application/octet-stream" {
			t.Fatalf("Attachments = %+v, %v", atts, err)
		}
	})
}

func qpReader(r io.Reader) io.Reader { return quotedprintable.NewReader(r) }
