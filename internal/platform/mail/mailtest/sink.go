// Package mailtest is a real SMTP server for tests: mail tests hold a true SMTP
// conversation with the platform's sender rather than a stand-in, and read what arrived the
// way a mail client would show it.
package mailtest

import (
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
)

// Message is one delivered mail, decoded: the subject and the plain text of the body.
type Message struct {
	To      string // the envelope recipient
	Subject string
	Lang    string // Content-Language
	Text    string // the text/plain part, line breaks as "\n"
}

// Sink is an SMTP server (go-smtp) on a loopback port that keeps what it accepts.
type Sink struct {
	URL string // smtp://127.0.0.1:port, for mail.NewSMTPSender
	mu  sync.Mutex
	got []Message
}

// Start serves until the test ends.
func Start(t testing.TB) *Sink {
	t.Helper()
	s := &Sink{}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &session{sink: s}, nil }))
	srv.Domain, srv.AllowInsecureAuth = "localhost", true
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = srv.Serve(l) }()
	t.Cleanup(func() { _ = srv.Close() })
	s.URL = "smtp://" + l.Addr().String()
	return s
}

// All returns every message so far, oldest first.
func (s *Sink) All() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.got...)
}

// Take returns the messages that arrived since the last Take (or since the start).
func (s *Sink) Take() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := s.got
	s.got = nil
	return out
}

// To returns what arrived for addr, oldest first.
func (s *Sink) To(addr string) []Message {
	var out []Message
	for _, m := range s.All() {
		if m.To == addr {
			out = append(out, m)
		}
	}
	return out
}

type session struct {
	sink *Sink
	to   []string
}

func (s *session) Mail(string, *smtp.MailOptions) error { return nil }
func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.to = append(s.to, to)
	return nil
}
func (s *session) Reset()        { s.to = nil }
func (s *session) Logout() error { return nil }

// Data decodes the message and keeps one copy per recipient.
func (s *session) Data(r io.Reader) error {
	msg, err := mail.ReadMessage(r)
	if err != nil {
		return err
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if err != nil {
		return err
	}
	text, err := plainText(msg.Header.Get("Content-Type"), msg.Header.Get("Content-Transfer-Encoding"), msg.Body)
	if err != nil {
		return err
	}
	s.sink.mu.Lock()
	defer s.sink.mu.Unlock()
	for _, to := range s.to {
		s.sink.got = append(s.sink.got, Message{To: to, Subject: subject, Lang: msg.Header.Get("Content-Language"), Text: text})
	}
	return nil
}

// plainText is the text/plain content of a body: the body itself, or the first text/plain
// part of a multipart one (a mail with attachments).
func plainText(contentType, encoding string, body io.Reader) (string, error) {
	media, params, _ := mime.ParseMediaType(contentType)
	if strings.HasPrefix(media, "multipart/") {
		mr := multipart.NewReader(body, params["boundary"])
		for {
			p, err := mr.NextRawPart()
			if err != nil {
				return "", err
			}
			if sub, _, _ := mime.ParseMediaType(p.Header.Get("Content-Type")); sub == "text/plain" || strings.HasPrefix(sub, "multipart/") {
				return plainText(p.Header.Get("Content-Type"), p.Header.Get("Content-Transfer-Encoding"), p)
			}
		}
	}
	switch strings.ToLower(encoding) {
	case "quoted-printable":
		body = quotedprintable.NewReader(body)
	case "base64":
		body = base64.NewDecoder(base64.StdEncoding, body)
	}
	b, err := io.ReadAll(body)
	return strings.ReplaceAll(string(b), "\r\n", "\n"), err
}
