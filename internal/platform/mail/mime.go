package mail

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"strings"
	"time"
)

// buildMessage renders m as an RFC 5322 message with CRLF line endings. Bodies are
// quoted-printable so Turkish and Azerbaijani letters survive 7-bit relays, and the text
// part comes before the HTML part because clients prefer the last alternative they can show.
func buildMessage(from, to *mail.Address, m Message, date time.Time) ([]byte, error) {
	var b bytes.Buffer
	header := func(name, value string) { fmt.Fprintf(&b, "%s: %s\r\n", name, value) }
	header("From", from.String())
	header("To", to.String())
	header("Subject", encodeHeader(m.Subject))
	header("Date", date.Format(time.RFC1123Z))
	header("Message-ID", messageID(from.Address))
	header("MIME-Version", "1.0")
	if isLanguageTag(m.Locale) {
		header("Content-Language", m.Locale)
	}
	if len(m.Attachments) > 0 {
		return buildMixed(&b, m)
	}
	if m.HTML == "" {
		header("Content-Type", "text/plain; charset=utf-8")
		header("Content-Transfer-Encoding", "quoted-printable")
		b.WriteString("\r\n")
		if err := writeQP(&b, m.Text); err != nil {
			return nil, err
		}
		if !bytes.HasSuffix(b.Bytes(), []byte("\r\n")) {
			b.WriteString("\r\n") // SMTP's DATA ends on a line break; adding it here keeps it visible
		}
		return b.Bytes(), nil
	}
	mw := multipart.NewWriter(&b)
	header("Content-Type", "multipart/alternative;\r\n boundary="+mw.Boundary()) // hex: needs no quoting
	b.WriteString("\r\n")
	for _, p := range []struct{ typ, body string }{{"text/plain", m.Text}, {"text/html", m.HTML}} {
		w, err := mw.CreatePart(textproto.MIMEHeader{
			"Content-Type":              {p.typ + "; charset=utf-8"},
			"Content-Transfer-Encoding": {"quoted-printable"},
		})
		if err != nil {
			return nil, err
		}
		if err := writeQP(w, p.body); err != nil {
			return nil, err
		}
	}
	if err := mw.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func writeQP(w interface{ Write([]byte) (int, error) }, s string) error {
	qp := quotedprintable.NewWriter(w)
	if _, err := qp.Write([]byte(s)); err != nil {
		return err
	}
	return qp.Close()
}

// encodeHeader applies RFC 2047 only when needed (it also neutralises CR/LF, so a subject
// cannot inject headers) and folds between encoded words to keep lines short.
func encodeHeader(s string) string {
	return strings.ReplaceAll(mime.QEncoding.Encode("utf-8", s), "?= =?", "?=\r\n =?")
}

// isLanguageTag accepts simple tags like "tr" or "az-Latn"; anything else is left out of
// the headers rather than risk a malformed one.
func isLanguageTag(s string) bool {
	if s == "" || len(s) > 35 {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// messageID is unique per message and names the sender's domain, as RFC 5322 recommends.
func messageID(fromAddr string) string {
	domain := "localhost"
	if i := strings.LastIndexByte(fromAddr, '@'); i >= 0 {
		domain = fromAddr[i+1:]
	}
	var r [16]byte
	_, _ = rand.Read(r[:])
	return "<" + hex.EncodeToString(r[:]) + "@" + domain + ">"
}

// buildMixed finishes a message with attachments: multipart/mixed holding the body (the
// plain text, or text and HTML as multipart/alternative) and then each file in base64.
func buildMixed(b *bytes.Buffer, m Message) ([]byte, error) {
	mixed := multipart.NewWriter(b)
	fmt.Fprintf(b, "Content-Type: multipart/mixed;\r\n boundary=%s\r\n\r\n", mixed.Boundary())
	if m.HTML == "" {
		w, err := mixed.CreatePart(textproto.MIMEHeader{
			"Content-Type":              {"text/plain; charset=utf-8"},
			"Content-Transfer-Encoding": {"quoted-printable"},
		})
		if err != nil {
			return nil, err
		}
		if err := writeQP(w, m.Text); err != nil {
			return nil, err
		}
	} else {
		var inner bytes.Buffer
		alt := multipart.NewWriter(&inner)
		for _, p := range []struct{ typ, body string }{{"text/plain", m.Text}, {"text/html", m.HTML}} {
			w, err := alt.CreatePart(textproto.MIMEHeader{
				"Content-Type":              {p.typ + "; charset=utf-8"},
				"Content-Transfer-Encoding": {"quoted-printable"},
			})
			if err != nil {
				return nil, err
			}
			if err := writeQP(w, p.body); err != nil {
				return nil, err
			}
		}
		if err := alt.Close(); err != nil {
			return nil, err
		}
		w, err := mixed.CreatePart(textproto.MIMEHeader{"Content-Type": {"multipart/alternative;\r\n boundary=" + alt.Boundary()}})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(inner.Bytes()); err != nil {
			return nil, err
		}
	}
	for _, a := range m.Attachments {
		w, err := mixed.CreatePart(attachmentHeader(a))
		if err != nil {
			return nil, err
		}
		if err := writeBase64(w, a.Data); err != nil {
			return nil, err
		}
	}
	if err := mixed.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// attachmentHeader names the file twice, as clients expect: RFC 2231 (filename*=utf-8”…) in
// Content-Disposition, which current clients read, and an RFC 2047 encoded word in the
// Content-Type's name parameter, which older Outlook versions read instead.
func attachmentHeader(a Attachment) textproto.MIMEHeader {
	ct := a.ContentType
	if ct == "" {
		ct = "application/octet-stream"
	}
	typ, params, err := mime.ParseMediaType(ct)
	if err != nil {
		typ, params = "application/octet-stream", nil
	}
	ctValue := mime.FormatMediaType(typ, params)
	if isASCII(a.Name) {
		ctValue = mime.FormatMediaType(typ, map[string]string{"name": a.Name})
		if params != nil {
			params["name"] = a.Name
			ctValue = mime.FormatMediaType(typ, params)
		}
	} else {
		ctValue += ";\r\n name=\"" + strings.ReplaceAll(mime.BEncoding.Encode("utf-8", a.Name), "?= =?", "?=\r\n =?") + "\""
	}
	disp := mime.FormatMediaType("attachment", map[string]string{"filename": a.Name})
	if disp == "" { // a name FormatMediaType cannot express: keep the file, lose the name
		disp = "attachment"
	}
	return textproto.MIMEHeader{
		"Content-Type":              {ctValue},
		"Content-Disposition":       {strings.Replace(disp, "; ", ";\r\n ", 1)},
		"Content-Transfer-Encoding": {"base64"},
	}
}

// writeBase64 writes data in base64 lines of 76 characters (RFC 2045).
func writeBase64(w interface{ Write([]byte) (int, error) }, data []byte) error {
	enc := base64.StdEncoding.EncodeToString(data)
	for len(enc) > 0 {
		n := min(76, len(enc))
		if _, err := w.Write([]byte(enc[:n] + "\r\n")); err != nil {
			return err
		}
		enc = enc[n:]
	}
	return nil
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 || s[i] < 0x20 {
			return false
		}
	}
	return true
}
