package mail

import (
	"context"
	"errors"
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

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// testServer is a real SMTP server (go-smtp) on a loopback port that records what it accepts.
type testServer struct {
	URL        string
	user, pass string          // when set, PLAIN auth is required
	reject     *smtp.SMTPError // when set, every RCPT is refused with it
	arrived    chan received   // every accepted message, in order
	mu         sync.Mutex
	got        []received
}

type received struct {
	From string
	To   []string
	Data []byte
}

func startServer(t *testing.T, user, pass string) *testServer {
	t.Helper()
	s := &testServer{user: user, pass: pass, arrived: make(chan received, 100)}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &session{srv: s}, nil }))
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = srv.Serve(l) }()
	t.Cleanup(func() { _ = srv.Close() })
	cred := ""
	if user != "" {
		cred = user + ":" + pass + "@"
	}
	s.URL = "smtp://" + cred + l.Addr().String()
	return s
}

func (s *testServer) messages() []received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]received(nil), s.got...)
}

type session struct {
	srv    *testServer
	authed bool
	cur    received
}

func (s *session) AuthMechanisms() []string { return []string{sasl.Plain} }

func (s *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != s.srv.user || pass != s.srv.pass {
			return errors.New("invalid credentials")
		}
		s.authed = true
		return nil
	}), nil
}

func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	if s.srv.user != "" && !s.authed {
		return smtp.ErrAuthRequired
	}
	s.cur.From = from
	return nil
}

func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if s.srv.reject != nil {
		return s.srv.reject
	}
	s.cur.To = append(s.cur.To, to)
	return nil
}

func (s *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.cur.Data = b
	s.srv.mu.Lock()
	s.srv.got = append(s.srv.got, s.cur)
	s.srv.mu.Unlock()
	s.srv.arrived <- s.cur
	s.cur = received{}
	return nil
}

func (s *session) Reset()        { s.cur = received{} }
func (s *session) Logout() error { return nil }

// parsed is a received message decoded the way a mail client would.
type parsed struct {
	Header           mail.Header
	Subject, From    string
	Text, HTML, Type string
}

func parse(t *testing.T, data []byte) parsed {
	t.Helper()
	msg, err := mail.ReadMessage(strings.NewReader(string(data)))
	if err != nil {
		t.Fatalf("not a valid message: %v\n%s", err, data)
	}
	dec := new(mime.WordDecoder)
	p := parsed{Header: msg.Header}
	if p.Subject, err = dec.DecodeHeader(msg.Header.Get("Subject")); err != nil {
		t.Fatalf("subject: %v", err)
	}
	if p.From, err = dec.DecodeHeader(msg.Header.Get("From")); err != nil {
		t.Fatalf("from: %v", err)
	}
	mediaType, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil {
		t.Fatalf("content type: %v", err)
	}
	p.Type = mediaType
	if mediaType == "text/plain" {
		if msg.Header.Get("Content-Transfer-Encoding") != "quoted-printable" {
			t.Fatalf("plain body not quoted-printable: %v", msg.Header)
		}
		b, err := io.ReadAll(quotedprintable.NewReader(msg.Body))
		if err != nil {
			t.Fatal(err)
		}
		p.Text = string(b)
		return p
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for {
		part, err := mr.NextPart() // decodes quoted-printable itself
		if err == io.EOF {
			return p
		}
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(part)
		if err != nil {
			t.Fatal(err)
		}
		switch part.Header.Get("Content-Type") {
		case "text/plain; charset=utf-8":
			p.Text = string(b)
		case "text/html; charset=utf-8":
			p.HTML = string(b)
		default:
			t.Fatalf("unexpected part %v", part.Header)
		}
	}
}

func TestSMTPSenderBuildsReadableMIME(t *testing.T) {
	srv := startServer(t, "kopru", "gizli şifre")
	s, err := NewSMTPSender(strings.Replace(srv.URL, "gizli şifre", "gizli%20%C5%9Fifre", 1), "Köprü <noreply@localhost>")
	if err != nil {
		t.Fatal(err)
	}
	subject := "Hesabınızı doğrulayın — Köprü: İzmir–Bakü qardaşlığının 40 illiyi, Əməkdaşlıq və gənclər proqramı"
	text := "Merhaba Ayşe,\nhesabınızı doğrulamak için bağlantıya tıklayın.\nBakı: şəhər, ölkə, ağac.\n"
	html := `<p>Merhaba <b>Ayşe</b>, <a href="http://127.0.0.1:8080/tr/doğrula?t=abc">doğrulayın</a> — İĞÜŞÖÇ ığüşöç Əə</p>`
	err = s.Send(context.Background(), Message{To: "ayse@example.org", Subject: subject, Text: text, HTML: html, Locale: "tr"})
	if err != nil {
		t.Fatal(err)
	}
	got := srv.messages()
	if len(got) != 1 {
		t.Fatalf("server received %d messages", len(got))
	}
	if got[0].From != "noreply@localhost" || len(got[0].To) != 1 || got[0].To[0] != "ayse@example.org" {
		t.Fatalf("envelope %q → %q", got[0].From, got[0].To)
	}
	for _, line := range strings.Split(string(got[0].Data), "\r\n") {
		if len(line) > 998 { // RFC 5322's hard limit
			t.Errorf("line longer than 998 characters: %q", line)
		}
	}
	p := parse(t, got[0].Data)
	if p.Subject != subject || p.From != "Köprü <noreply@localhost>" || p.Type != "multipart/alternative" {
		t.Fatalf("subject %q, from %q, type %q", p.Subject, p.From, p.Type)
	}
	if p.Text != strings.ReplaceAll(text, "\n", "\r\n") || p.HTML != html {
		t.Fatalf("bodies changed:\ntext %q\nhtml %q", p.Text, p.HTML)
	}
	if _, err := p.Header.Date(); err != nil {
		t.Errorf("Date: %v", err)
	}
	if id := p.Header.Get("Message-ID"); !strings.HasPrefix(id, "<") || !strings.HasSuffix(id, "@localhost>") {
		t.Errorf("Message-ID %q", id)
	}
	if p.Header.Get("MIME-Version") != "1.0" || p.Header.Get("Content-Language") != "tr" || p.Header.Get("To") != "<ayse@example.org>" {
		t.Errorf("headers %v", p.Header)
	}
}

func TestSMTPSenderPlainTextAndNoHeaderInjection(t *testing.T) {
	srv := startServer(t, "", "")
	s, err := NewSMTPSender(srv.URL, "noreply@localhost")
	if err != nil {
		t.Fatal(err)
	}
	subject := "Bilet\r\nBcc: victim@example.org"
	if err := s.Send(context.Background(), Message{To: "Ayşe Örnek <ayse@example.org>", Subject: subject, Text: "Biletiniz hazır."}); err != nil {
		t.Fatal(err)
	}
	p := parse(t, srv.messages()[0].Data)
	if p.Type != "text/plain" || p.Text != "Biletiniz hazır.\r\n" || p.Subject != subject || p.Header.Get("Bcc") != "" {
		t.Fatalf("type %q text %q subject %q headers %v", p.Type, p.Text, p.Subject, p.Header)
	}
}

func TestSMTPSenderReportsRefusal(t *testing.T) {
	srv := startServer(t, "kopru", "right")
	s, err := NewSMTPSender("smtp://kopru:wrong@"+strings.TrimPrefix(srv.URL, "smtp://kopru:right@"), "noreply@localhost")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Send(context.Background(), Message{To: "a@example.org", Subject: "x", Text: "x"}); err == nil || strings.Contains(err.Error(), "wrong") {
		t.Fatalf("wrong password: err = %v", err)
	}
	if len(srv.messages()) != 0 {
		t.Fatal("message accepted without authentication")
	}
}

func TestNewSMTPSenderRejectsBadConfig(t *testing.T) {
	for _, tc := range []struct{ url, from string }{
		{"http://mail.example.org", "noreply@localhost"},
		{"smtp://:secret@", "noreply@localhost"},
		{"smtp://u:secret@mail.example.org:587", "not an address"},
		{"smtp://u:secret@[::1", "noreply@localhost"},
	} {
		_, err := NewSMTPSender(tc.url, tc.from)
		if err == nil || strings.Contains(err.Error(), "secret") {
			t.Errorf("NewSMTPSender(%q, %q) = %v, want an error without the password", tc.url, tc.from, err)
		}
	}
}
