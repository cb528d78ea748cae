package volunteer

import (
	"context"
	"errors"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// The demo's volunteering: the anniversary festival's volunteers in İzmir and a youth
// exchange in Bakü. Organisations and roles only, no persons.

// ProgrammeDemoRefs are the demo's other objects the programmes point to.
type ProgrammeDemoRefs struct {
	FestivalEventID int64   // the 40th-anniversary festival in İzmir
	FestivalIssuers []int64 // organisations named on the festival volunteers' certificates
	ExchangeIssuers []int64
}

const (
	demoFestivalSlug = "festival-gonulluleri"
	demoExchangeSlug = "izmir-baku-genclik-degisimi"
)

// demoShift is a shift in the demo, times in the programme's zone.
type demoShift struct {
	role             int
	kind             ShiftKind
	from, to         time.Time
	minutes, places  int
	location, detail string
}

type demoProgramme struct {
	slug   string // the one its title gives
	in     ProgrammeInput
	roles  []RoleInput
	shifts []demoShift
}

// SeedDemoProgrammes adds the demo programmes, published; a programme already there is left alone.
func (s *Service) SeedDemoProgrammes(ctx context.Context, refs ProgrammeDemoRefs) error {
	admin := &web.Viewer{Roles: []string{"admin"}}
	for _, d := range []demoProgramme{festivalDemo(refs), exchangeDemo(refs)} {
		if _, err := programmeBySlug(ctx, s.db, d.slug); err == nil {
			continue
		} else if !errors.Is(err, ErrNotFound) {
			return err
		}
		if err := s.seedProgramme(ctx, admin, d); err != nil {
			return err
		}
	}
	return nil
}

func (s *Service) seedProgramme(ctx context.Context, admin *web.Viewer, d demoProgramme) error {
	p, err := s.CreateProgramme(ctx, admin, d.in)
	if err != nil {
		return err
	}
	roles := make([]int64, len(d.roles))
	for i, r := range d.roles {
		if roles[i], err = s.SaveRole(ctx, admin, p.ID, 0, r); err != nil {
			return err
		}
	}
	for _, sh := range d.shifts {
		in := ShiftInput{RoleID: roles[sh.role], Kind: sh.kind, StartsAt: sh.from, EndsAt: sh.to, Minutes: sh.minutes,
			Places: sh.places, Location: sh.location, ContactName: "Gönüllü koordinasyon masası", ContactDetail: sh.detail}
		if _, err := s.AddShift(ctx, admin, p.ID, in); err != nil {
			return err
		}
	}
	return nil
}

func festivalDemo(refs ProgrammeDemoRefs) demoProgramme {
	izmir := cityZones["izmir"]
	at := func(day, hour, minute int) time.Time { return time.Date(2026, 12, day, hour, minute, 0, 0, izmir) }
	const park, desk = "Kültürpark, Konak", "gonullu@kopru.example.org"
	return demoProgramme{
		slug: demoFestivalSlug,
		in: ProgrammeInput{
			Title: i18n.Text{TR: "Festival gönüllüleri", AZ: "Festival könüllüləri", EN: "Festival volunteers"},
			Description: i18n.Text{
				TR: "Kardeşliğin 40. yılı festivalinde ziyaretçileri karşılayacak, iki dil arasında köprü kuracak ve sahnenin arkasında çalışacak gönüllüler arıyoruz.",
				AZ: "Qardaşlığın 40-cı ili festivalında qonaqları qarşılayacaq, iki dil arasında körpü quracaq və səhnə arxasında çalışacaq könüllülər axtarırıq.",
				EN: "For the festival of the sisterhood's 40th year we are looking for volunteers to welcome visitors, bridge the two languages and work behind the stage.",
			},
			Requirements: i18n.Text{
				TR: "16 yaşını doldurmuş olmak; 18 yaşından küçükler için veli onayı. Vardiyadan önce kısa bir bilgilendirme toplantısına katılmak.",
				AZ: "16 yaşı tamam olmaq; 18 yaşdan kiçiklər üçün valideyn razılığı. Növbədən əvvəl qısa təlimat görüşündə iştirak etmək.",
				EN: "Aged 16 or over; a guardian's consent for those under 18. Attend a short briefing before the shift.",
			},
			City: "izmir", StartsOn: "2026-12-01", EndsOn: "2026-12-13", MinAge: 16, EventID: refs.FestivalEventID,
			Issuers: refs.FestivalIssuers, SignupCloseHours: 12, CancelCloseHours: 24, Published: true,
		},
		roles: []RoleInput{
			{Name: i18n.Text{TR: "Giriş görevlisi", AZ: "Giriş nəzarətçisi", EN: "Gate steward"},
				Description: i18n.Text{TR: "Kapıda biletleri okutur, ziyaretçilere yol gösterir.", AZ: "Girişdə biletləri oxudur, qonaqlara yol göstərir.", EN: "Scans tickets at the gate and shows visitors the way."},
				Languages:   []string{"tr"}},
			{Name: i18n.Text{TR: "Tercüman (Türkçe–Azerbaycanca)", AZ: "Tərcüməçi (türkcə–azərbaycanca)", EN: "Interpreter (Turkish–Azerbaijani)"},
				Description: i18n.Text{TR: "Konuk sanatçılara ve heyetlere eşlik eder.", AZ: "Qonaq sənətçilərə və nümayəndə heyətlərinə müşayiət edir.", EN: "Accompanies guest artists and delegations."},
				Languages:   []string{"tr", "az"}},
			{Name: i18n.Text{TR: "Sahne asistanı", AZ: "Səhnə assistenti", EN: "Stage assistant"},
				Description: i18n.Text{TR: "Sahne kurulumuna ve ekipman taşımaya yardım eder.", AZ: "Səhnənin qurulmasına və avadanlığın daşınmasına kömək edir.", EN: "Helps set up the stage and carry equipment."},
				Languages:   []string{"tr"}},
			{Name: i18n.Text{TR: "Fotoğrafçı", AZ: "Fotoqraf", EN: "Photographer"},
				Description: i18n.Text{TR: "Festivali belgeler; fotoğraflar derneğin arşivine girer.", AZ: "Festivalı sənədləşdirir; fotolar dərnəyin arxivinə daxil olur.", EN: "Documents the festival; the photos go into the association's archive."},
				Languages:   []string{"tr", "en"}},
			{Name: i18n.Text{TR: "Tanıtım ve sosyal medya", AZ: "Tanıtım və sosial media", EN: "Publicity and social media"},
				Description: i18n.Text{TR: "Festival öncesinde duyuruları iki dilde hazırlar; saatlerinizi kendiniz kaydedersiniz.", AZ: "Festivaldan əvvəl elanları iki dildə hazırlayır; saatlarınızı özünüz qeyd edirsiniz.", EN: "Prepares announcements in both languages before the festival; you log your own hours."},
				Languages:   []string{"tr", "az"}},
		},
		shifts: []demoShift{
			{role: 0, kind: Fixed, from: at(12, 16, 30), to: at(12, 20, 0), places: 8, location: park + ", Lozan Kapısı", detail: desk},
			{role: 0, kind: Fixed, from: at(12, 19, 30), to: at(12, 23, 30), places: 8, location: park + ", Lozan Kapısı", detail: desk},
			{role: 1, kind: Fixed, from: at(12, 17, 0), to: at(12, 21, 0), places: 4, location: park + ", Açıkhava Tiyatrosu kulisi", detail: desk},
			{role: 2, kind: Window, from: at(11, 9, 0), to: at(11, 18, 0), minutes: 240, places: 6, location: park + ", Açıkhava Tiyatrosu", detail: desk},
			{role: 3, kind: Fixed, from: at(12, 18, 0), to: at(12, 23, 0), places: 2, location: park, detail: desk},
			{role: 4, kind: Ongoing, from: at(1, 0, 0), to: at(13, 0, 0), places: 5, location: "Çevrim içi", detail: desk},
		},
	}
}

func exchangeDemo(refs ProgrammeDemoRefs) demoProgramme {
	baku := cityZones["baku"]
	at := func(day, hour, minute int) time.Time { return time.Date(2027, 3, day, hour, minute, 0, 0, baku) }
	const centre, desk = "Gənclər Mərkəzi, Bakı", "genclik@kopru.example.org"
	return demoProgramme{
		slug: demoExchangeSlug,
		in: ProgrammeInput{
			Title: i18n.Text{TR: "İzmir–Bakü Gençlik Değişimi", AZ: "İzmir–Bakı Gənclər Mübadiləsi", EN: "İzmir–Baku Youth Exchange"},
			Description: i18n.Text{
				TR: "Novruz haftasında İzmirli ve Bakülü gençler bir hafta boyunca atölyeler, şehir gezileri ve ortak bir gösteri hazırlar. Gönüllüler grupları karşılar ve atölyelerde yardım eder.",
				AZ: "Novruz həftəsində İzmirli və Bakılı gənclər bir həftə ərzində emalatxanalar, şəhər gəzintiləri və birgə tamaşa hazırlayır. Könüllülər qrupları qarşılayır və emalatxanalarda kömək edir.",
				EN: "In Novruz week young people from İzmir and Baku spend a week on workshops, city walks and a joint performance. Volunteers welcome the groups and help in the workshops.",
			},
			Requirements: i18n.Text{
				TR: "16 yaşını doldurmuş olmak; 18 yaşından küçükler için veli onayı.",
				AZ: "16 yaşı tamam olmaq; 18 yaşdan kiçiklər üçün valideyn razılığı.",
				EN: "Aged 16 or over; a guardian's consent for those under 18.",
			},
			City: "baku", StartsOn: "2027-03-15", EndsOn: "2027-03-21", MinAge: 16,
			Issuers: refs.ExchangeIssuers, SignupCloseHours: 24, CancelCloseHours: 48, Published: true,
		},
		roles: []RoleInput{
			{Name: i18n.Text{TR: "Karşılama ekibi", AZ: "Qarşılama qrupu", EN: "Welcome team"},
				Description: i18n.Text{TR: "İzmir'den gelen grubu havalimanında karşılar.", AZ: "İzmirdən gələn qrupu hava limanında qarşılayır.", EN: "Meets the group from İzmir at the airport."},
				Languages:   []string{"tr", "az"}},
			{Name: i18n.Text{TR: "Atölye yardımcısı", AZ: "Emalatxana köməkçisi", EN: "Workshop helper"},
				Description: i18n.Text{TR: "Akşam atölyelerinde malzemeleri hazırlar, gruplara eşlik eder.", AZ: "Axşam emalatxanalarında materialları hazırlayır, qruplara müşayiət edir.", EN: "Prepares materials for the evening workshops and accompanies the groups."},
				Languages:   []string{"az", "en", "ru"}},
		},
		shifts: []demoShift{
			{role: 0, kind: Fixed, from: at(15, 10, 0), to: at(15, 14, 0), places: 4, location: "Heydər Əliyev Beynəlxalq Hava Limanı", detail: desk},
			{role: 1, kind: Fixed, from: at(16, 18, 0), to: at(16, 21, 0), places: 6, location: centre, detail: desk},
			{role: 1, kind: Fixed, from: at(20, 18, 0), to: at(20, 21, 0), places: 6, location: centre, detail: desk},
		},
	}
}
