package events

import (
	"context"
	"errors"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// demoEvents are the demo's two events of the 40th year, in December 2026.
func demoEvents(partnershipID int64) []Input {
	izmir, baku := i18n.MustLocation("Europe/Istanbul"), i18n.MustLocation("Asia/Baku")
	lat, lon := 38.4337, 27.1428   // Kültürpark, İzmir
	blat, blon := 40.3777, 49.8920 // Bakü seaside boulevard area
	return []Input{{
		PartnershipID: partnershipID, Kind: Festival, Slug: "izmir-baku-kultur-festivali",
		Title: i18n.Text{TR: "İzmir–Bakü Kültür Festivali", AZ: "İzmir–Bakı Mədəniyyət Festivalı", EN: "İzmir–Baku Culture Festival"},
		Description: i18n.Text{
			TR: "Kardeşliğin 40. yılını İzmir'de müzik, halk dansları ve iki şehrin mutfağıyla kutluyoruz.\n\nGiriş ücretsizdir; yer sınırlı olduğu için kayıt gereklidir. Basın mensupları için ayrı kontenjan vardır.",
			AZ: "Qardaşlığın 40-cı ilini İzmirdə musiqi, xalq rəqsləri və iki şəhərin mətbəxi ilə qeyd edirik.\n\nGiriş pulsuzdur; yerlər məhdud olduğu üçün qeydiyyat tələb olunur. Mətbuat nümayəndələri üçün ayrıca kvota var.",
			EN: "We celebrate the 40th year of the sisterhood in İzmir with music, folk dances and the cuisine of both cities.\n\nEntry is free; places are limited, so please register. There is a separate quota for the press.",
		},
		Venue:    Venue{Name: "Kültürpark Açıkhava Tiyatrosu", Address: "Kültürpark, Konak", City: "İzmir", Lat: &lat, Lon: &lon},
		Zone:     "Europe/Istanbul",
		StartsAt: time.Date(2026, 12, 12, 18, 0, 0, 0, izmir), EndsAt: time.Date(2026, 12, 12, 23, 0, 0, 0, izmir),
		Visibility: Public, Status: Published, Capacity: 500, AllowGuests: true,
		Types: []RegistrationType{
			{Name: i18n.Text{TR: "Genel", AZ: "Ümumi", EN: "General"}},
			{Name: i18n.Text{TR: "Basın", AZ: "Mətbuat", EN: "Press"}, Quota: 40},
		},
		// What the caterers and the programme's publicity need, and nothing more.
		Questionnaire: &Questionnaire{Questions: []Question{{
			Kind:  ChoiceQuestion,
			Label: i18n.Text{TR: "Beslenme tercihiniz", AZ: "Qidalanma seçiminiz", EN: "Dietary needs"},
			Help:  i18n.Text{TR: "İkramı buna göre hazırlayacağız.", AZ: "Qonaqlığı buna görə hazırlayacağıq.", EN: "We will prepare the refreshments accordingly."},
			Options: []Option{
				{Label: i18n.Text{TR: "Özel bir tercihim yok", AZ: "Xüsusi seçimim yoxdur", EN: "No special needs"}},
				{Label: i18n.Text{TR: "Vejetaryen", AZ: "Vegetarian", EN: "Vegetarian"}},
				{Label: i18n.Text{TR: "Vegan", AZ: "Vegan", EN: "Vegan"}},
				{Label: i18n.Text{TR: "Glütensiz", AZ: "Qlütensiz", EN: "Gluten-free"}},
			},
		}, {
			Kind:  TextQuestion,
			Label: i18n.Text{TR: "Festivali nereden duydunuz?", AZ: "Festival barədə haradan eşitdiniz?", EN: "How did you hear about the festival?"},
		}}, Consents: []Purpose{PhotoConsent}},
	}, {
		PartnershipID: partnershipID, Kind: BusinessForum, Slug: "baku-izmir-is-forumu",
		Title: i18n.Text{TR: "Bakü–İzmir İş Forumu", AZ: "Bakı–İzmir Biznes Forumu", EN: "Baku–İzmir Business Forum"},
		Description: i18n.Text{
			TR: "İzmir'in limanları, organize sanayi bölgeleri ve üretim gücü Azerbaycanlı iş insanlarıyla buluşuyor: lojistik, gıda, tekstil ve enerji oturumları.",
			AZ: "İzmirin limanları, sənaye zonaları və istehsal gücü Azərbaycan iş adamları ilə görüşür: logistika, qida, toxuculuq və enerji sessiyaları.",
			EN: "İzmir's ports, industrial zones and production capacity meet business people from Azerbaijan: sessions on logistics, food, textiles and energy.",
		},
		Venue:    Venue{Name: "Bakı Konqres Mərkəzi", Address: "Heydər Əliyev prospekti", City: "Bakı", Lat: &blat, Lon: &blon},
		Zone:     "Asia/Baku",
		StartsAt: time.Date(2026, 12, 3, 10, 0, 0, 0, baku), EndsAt: time.Date(2026, 12, 3, 17, 30, 0, 0, baku),
		Visibility: Public, Status: Published, Capacity: 200, AllowGuests: true,
	}}
}

// SeedDemo adds the demo events to the partnership unless they exist: loading the demo twice
// changes nothing.
func (s *Service) SeedDemo(ctx context.Context, partnershipID int64) error {
	system := &web.Viewer{Roles: []string{"admin"}} // the demo loader acts as the installation
	for _, in := range demoEvents(partnershipID) {
		if _, err := eventBySlug(ctx, s.db, in.Slug); err == nil {
			continue
		} else if !errors.Is(err, fail.NotFound) {
			return err
		}
		if _, err := s.Create(ctx, system, in); err != nil {
			return err
		}
	}
	return nil
}
