package podcast

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// SilentMP3 returns about d of silence as MPEG-1 Layer III: identical 128 kbit/s, 44.1 kHz
// mono frames of 417 bytes whose audio data is all zero, which decoders play as silence.
// The demo and tests use it, so no binary asset ships with the code.
func SilentMP3(d time.Duration) []byte {
	const frameLen = 417 // 144 * 128000 / 44100, without padding
	frames := int(d / (1152 * time.Second / 44100))
	if frames < 1 {
		frames = 1
	}
	frame := make([]byte, frameLen)
	copy(frame, []byte{0xFF, 0xFB, 0x90, 0xC0}) // sync, MPEG-1 Layer III no CRC; 128k 44.1k; mono
	return bytes.Repeat(frame, frames)
}

// Artwork returns a square PNG of side pixels in the programme's colours, the demo's cover.
func Artwork(side int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, side, side))
	aegean, caspian := color.RGBA{0x0b, 0x4f, 0x8a, 0xff}, color.RGBA{0x0f, 0x8b, 0x8d, 0xff}
	for y := 0; y < side; y++ {
		c := aegean
		if y > side/2 {
			c = caspian
		}
		for x := 0; x < side; x++ {
			img.SetRGBA(x, y, c)
		}
	}
	var buf bytes.Buffer
	_ = png.Encode(&buf, img)
	return buf.Bytes()
}

// Seed creates the demo show "İzmir–Bakü 40" with a published trailer and a published
// first episode, unless a show with its slug exists. admin is the demo's administrator.
func (s *Service) Seed(ctx context.Context, admin *web.Viewer) error {
	if _, err := s.ShowBySlug(ctx, "izmir-baku-40"); err == nil {
		return nil
	}
	sh, err := s.CreateShow(ctx, admin, ShowInput{
		Slug:        "izmir-baku-40",
		Title:       "İzmir–Bakü 40",
		Description: "Kardeş şehirliğin 40. yılında İzmir ile Bakü arasındaki kültür, ticaret, eğitim ve gençlik köprülerini konuşan program serisi.",
		Language:    "tr",
		Category:    "Society & Culture > Places & Travel",
		Author:      "İzmir Azerbaycan Derneği",
		OwnerName:   "İzmir Azerbaycan Derneği",
		OwnerEmail:  "podcast@example.org",
		Copyright:   "© 2026 İzmir Azerbaycan Derneği",
		Type:        "episodic",
		Artwork:     Artwork(1400),
	})
	if err != nil {
		return err
	}
	episodes := []EpisodeInput{{
		Title:    "Fragman: İzmir–Bakü 40 başlıyor",
		Language: "tr",
		Type:     "trailer",
		Notes: i18n.Text{
			TR: "Kardeş şehirliğin **40. yılı** için hazırlanan serinin kısa tanıtımı.",
			AZ: "Qardaş şəhərliyin **40-cı ili** üçün hazırlanan seriyanın qısa təqdimatı.",
			EN: "A short introduction to the series made for the **40th year** of the sister-city partnership.",
		},
	}, {
		Title:    "1986'dan bugüne: protokolün hikâyesi",
		Language: "tr",
		Type:     "full",
		Season:   1,
		Number:   1,
		Notes: i18n.Text{
			TR: "1986'da imzalanan kardeş şehir protokolü, derneğin belediyeyle yaptığı görüşme ve 40. yıl programı.\n\n- Eğitim ve öğrenciler\n- Ticaret ve limanlar\n- Kültür etkinlikleri",
			AZ: "1986-cı ildə imzalanan qardaş şəhər protokolu və 40-cı il proqramı.",
		},
		Persons:    []Person{{Name: "İzmir Azerbaycan Derneği", Role: "host"}, {Name: "İzmir Büyükşehir Belediyesi", Role: "guest"}},
		Chapters:   []byte(`{"version":"1.2.0","chapters":[{"startTime":0,"title":"Giriş"},{"startTime":10,"title":"Protokol"},{"startTime":20,"title":"40. yıl programı"}]}`),
		Transcript: []byte("WEBVTT\n\n00:00:00.000 --> 00:00:10.000\nİzmir–Bakü 40'a hoş geldiniz.\n\n00:00:10.000 --> 00:00:20.000\nProtokol 1986'da imzalandı.\n\n00:00:20.000 --> 00:00:30.000\nBu yıl festivaller, forumlar ve gençlik programları var.\n"),
	}}
	for _, in := range episodes {
		mp3 := SilentMP3(30 * time.Second)
		e, err := s.CreateEpisode(ctx, admin, sh.ID, in, &Audio{R: bytes.NewReader(mp3), Size: int64(len(mp3)), Claimed: "audio/mpeg"})
		if err != nil {
			return err
		}
		if _, err := s.Publish(ctx, admin, e.ID, time.Time{}); err != nil {
			return err
		}
	}
	return nil
}
