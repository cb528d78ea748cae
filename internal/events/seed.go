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
	at := func(loc *time.Location, day, hour, minute int) time.Time {
		return time.Date(2026, 12, day, hour, minute, 0, 0, loc)
	}
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
		Sessions: []Session{{
			StartsAt: at(izmir, 12, 18, 0), EndsAt: at(izmir, 12, 18, 30), Room: "Açıkhava Sahnesi", Language: LangInterpreted,
			Title:    i18n.Text{TR: "Açılış ve selamlama", AZ: "Açılış və salamlama", EN: "Opening and welcome"},
			Speakers: []string{"İzmir Büyükşehir Belediyesi temsilcisi", "Bakı Şəhəri İcra Hakimiyyətinin nümayəndəsi"},
		}, {
			StartsAt: at(izmir, 12, 18, 30), EndsAt: at(izmir, 12, 20, 0), Room: "Açıkhava Sahnesi", Language: LangMixed,
			Title:       i18n.Text{TR: "Ege zeybeği ve Azerbaycan halk dansları", AZ: "Egey zeybəyi və Azərbaycan xalq rəqsləri", EN: "Aegean zeybek and Azerbaijani folk dances"},
			Description: i18n.Text{TR: "İki şehrin halk dansı toplulukları sırayla ve birlikte sahnede.", AZ: "İki şəhərin xalq rəqsi kollektivləri növbə ilə və birlikdə səhnədə.", EN: "Folk dance ensembles of both cities on stage in turn, then together."},
			Speakers:    []string{"İzmir halk dansları topluluğu", "Bakı xalq rəqsləri ansamblı"},
		}, {
			StartsAt: at(izmir, 12, 20, 0), EndsAt: at(izmir, 12, 21, 30), Room: "Açıkhava Sahnesi", Language: LangAzerbaijani,
			Title:    i18n.Text{TR: "Mugam ve Ege türküleri konseri", AZ: "Muğam və Egey türküləri konserti", EN: "Mugham and Aegean folk songs in concert"},
			Speakers: []string{"Bakı musiqi akademiyasının tələbə ansamblı", "İzmir konservatuvarı öğrenci topluluğu"},
		}, {
			StartsAt: at(izmir, 12, 21, 30), EndsAt: at(izmir, 12, 23, 0), Room: "Fuar alanı, yemek çadırı", Language: LangTurkish,
			Title:       i18n.Text{TR: "İki şehrin sofrası: tadım", AZ: "İki şəhərin süfrəsi: dequstasiya", EN: "Two cities at one table: a tasting"},
			Description: i18n.Text{TR: "Boyoz, kumru, qutab ve şəkərbura; ustalar tariflerini anlatıyor.", AZ: "Boyoz, kumru, qutab və şəkərbura; ustalar reseptlərini danışır.", EN: "Boyoz, kumru, qutab and shekerbura, with the cooks explaining their recipes."},
		}},
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
		Sessions: []Session{{
			StartsAt: at(baku, 3, 10, 0), EndsAt: at(baku, 3, 10, 45), Room: "Plenar zal", Language: LangInterpreted,
			Title:    i18n.Text{TR: "Açılış oturumu", AZ: "Açılış sessiyası", EN: "Opening session"},
			Speakers: []string{"Bakı Şəhəri İcra Hakimiyyətinin nümayəndəsi", "İzmir Büyükşehir Belediyesi temsilcisi"},
		}, {
			StartsAt: at(baku, 3, 11, 0), EndsAt: at(baku, 3, 12, 30), Room: "A zalı", Language: LangAzerbaijani,
			Title:       i18n.Text{TR: "Limandan limana: İzmir–Bakü lojistik hattı", AZ: "Limandan limana: İzmir–Bakı logistika xətti", EN: "Port to port: the İzmir–Baku logistics line"},
			Description: i18n.Text{TR: "Orta Koridor üzerinden konteyner ve demiryolu bağlantıları.", AZ: "Orta Dəhliz üzərindən konteyner və dəmir yolu əlaqələri.", EN: "Container and rail links along the Middle Corridor."},
			Speakers:    []string{"Bakı limanı logistika mütəxəssisi", "İzmir lojistik firmaları temsilcisi"},
		}, {
			StartsAt: at(baku, 3, 14, 0), EndsAt: at(baku, 3, 15, 30), Room: "B zalı", Language: LangMixed,
			Title:    i18n.Text{TR: "Gıda ve tekstilde ikili görüşmeler", AZ: "Qida və toxuculuqda ikitərəfli görüşlər", EN: "One-to-one meetings: food and textiles"},
			Speakers: []string{"Ege Üniversitesi dış ticaret araştırmacısı"},
		}, {
			StartsAt: at(baku, 3, 16, 0), EndsAt: at(baku, 3, 17, 30), Room: "Plenar zal", Language: LangEnglish,
			Title:    i18n.Text{TR: "Enerji ve yenilenebilir kaynaklar paneli", AZ: "Enerji və bərpa olunan mənbələr paneli", EN: "Panel: energy and renewables"},
			Speakers: []string{"Energy cooperation adviser, Baku", "Renewable energy researcher, İzmir"},
		}},
	}}
}

// demoOrganisations name, by the demo's organisation names (internal/app/demo.go), who
// organises each demo event and who takes part as partner. Names the directory does not
// hold are skipped.
var demoOrganisations = map[string][2][]string{
	"izmir-baku-kultur-festivali": {{"İzmir Büyükşehir Belediyesi", "İzmir Azerbaycan Derneği (İZAZDER)"}, {"Bakı Şəhəri İcra Hakimiyyəti"}},
	"baku-izmir-is-forumu":        {{"Bakı Şəhəri İcra Hakimiyyəti", "İzmir Büyükşehir Belediyesi"}, {"Ege Üniversitesi"}},
}

// SeedDemo adds the demo events to the partnership unless they exist: loading the demo twice
// changes nothing.
func (s *Service) SeedDemo(ctx context.Context, partnershipID int64) error {
	system := &web.Viewer{Roles: []string{"admin"}} // the demo loader acts as the installation
	byName := map[string]int64{}
	if s.dir != nil {
		orgs, err := s.dir.Organisations(ctx, system)
		if err != nil {
			return err
		}
		for _, o := range orgs {
			byName[o.Name] = o.ID
		}
	}
	for _, in := range demoEvents(partnershipID) {
		in.Organisers, in.Partners = pick(byName, demoOrganisations[in.Slug][0]), pick(byName, demoOrganisations[in.Slug][1])
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
