package partnership

import (
	"context"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
)

// DemoSlug names the demo partnership.
const DemoSlug = "izmir-baku"

// SeedDemo creates the İzmir–Bakü partnership and its timeline. Running it again changes
// nothing: the partnership's slug is unique and the milestones go in with it, in one
// transaction, only when the partnership was new.
func (s *Service) SeedDemo(ctx context.Context) error {
	p := demoPartnership()
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		var others int
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM partnerships`).Scan(&others); err != nil {
			return err
		}
		// The demo becomes the home page only on an installation that has no partnership yet.
		p.IsDefault = others == 0
		created, err := insertPartnershipIfAbsent(ctx, tx, p)
		if err != nil || !created {
			return err
		}
		for _, m := range demoMilestones() {
			m.PartnershipID = p.ID
			if err := insertMilestone(ctx, tx, &m); err != nil {
				return err
			}
			if err := s.indexMilestone(ctx, tx, &m); err != nil {
				return err
			}
		}
		return nil
	})
	s.invalidate()
	return err
}

func ymd(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func demoPartnership() *Partnership {
	return &Partnership{
		Slug: DemoSlug,
		A:    City{Name: Text{TR: "İzmir", AZ: "İzmir", EN: "İzmir"}, Country: "TR", Zone: "Europe/Istanbul"},
		B:    City{Name: Text{TR: "Bakü", AZ: "Bakı", EN: "Baku"}, Country: "AZ", Zone: "Asia/Baku"},
		// The sources give only the year of the protocol. 1986-01-01 is a placeholder marked
		// PrecisionYear, so pages and the API say "1986" and never a made-up day.
		ProtocolDate:      ymd(1986, time.January, 1),
		ProtocolPrecision: PrecisionYear,
		Summary: Text{
			TR: "İzmir ile Bakü, 1986'da imzalanan protokolle kardeş şehir oldu. Ege'nin liman kenti ile Hazar kıyısındaki başkent kırk yıldır bu dostluğu yaşatıyor; 2026, İzmir–Bakü Kardeşliğinin 40. Yılı ilan edildi.",
			AZ: "İzmir və Bakı 1986-cı ildə imzalanmış protokolla qardaş şəhər oldu. Egey sahilindəki liman şəhəri ilə Xəzər sahilindəki paytaxt qırx ildir bu dostluğu yaşadır; 2026-cı il İzmir–Bakı qardaşlığının 40-cı ili elan olunub.",
			EN: "İzmir and Baku became sister cities through a protocol signed in 1986. For forty years the Aegean port city and the capital on the Caspian shore have kept that friendship alive, and 2026 has been declared the 40th Year of İzmir–Baku Sisterhood.",
		},
	}
}

// demoMilestones follows the published facts only; the 40th-year programme items carry no
// dates because none have been announced, so they are Planned with year precision.
func demoMilestones() []Milestone {
	planned := func(title, body Text) Milestone {
		return Milestone{Date: ymd(2026, time.January, 1), Precision: PrecisionYear, Kind: KindEvent, Planned: true, Title: title, Body: body}
	}
	return []Milestone{
		{
			Date: ymd(1986, time.January, 1), Precision: PrecisionYear, Kind: KindProtocol,
			Title: Text{TR: "Kardeş şehir protokolü imzalandı", AZ: "Qardaş şəhər protokolu imzalandı", EN: "Sister-city protocol signed"},
			Body: Text{
				TR: "İki kent arasındaki dostluk, imzalanan protokolle resmî bir çerçeveye kavuştu.",
				AZ: "İki şəhər arasındakı dostluq imzalanan protokolla rəsmi çərçivəyə salındı.",
				EN: "The protocol gave the friendship between the two cities a formal framework.",
			},
		},
		{
			Date: ymd(2026, time.January, 1), Precision: PrecisionYear, Kind: KindAnniversary,
			Title: Text{
				TR: "2026, İzmir–Bakü Kardeşliğinin 40. Yılı ilan edildi",
				AZ: "2026-cı il İzmir–Bakı qardaşlığının 40-cı ili elan edildi",
				EN: "2026 declared the 40th Year of İzmir–Baku Sisterhood",
			},
			Body: Text{
				TR: "Protokolün kırkıncı yılı, iki kentin kurumlarını ve halkını bir araya getiren, yıl boyu sürecek bir programla anılıyor.",
				AZ: "Protokolun qırxıncı ili iki şəhərin qurumlarını və sakinlərini bir araya gətirən, il boyu davam edəcək proqramla qeyd olunur.",
				EN: "The protocol's fortieth year is marked by a year-long programme bringing together the institutions and residents of both cities.",
			},
		},
		{
			Date: ymd(2026, time.January, 12), Precision: PrecisionDay, Kind: KindMeeting,
			Title: Text{
				TR: "İZAZDER yönetimi İzmir Büyükşehir Belediye Başkanı ile görüştü",
				AZ: "İZAZDER idarə heyəti İzmir Böyükşəhər Bələdiyyəsinin başçısı ilə görüşdü",
				EN: "İZAZDER board meets the Mayor of İzmir Metropolitan Municipality",
			},
			Body: Text{
				TR: "İzmir Azerbaycan Derneği (İZAZDER) yönetim kurulu, İzmir Büyükşehir Belediye Başkanı ile bir araya geldi. Görüşmenin konusu, kardeşliği kurumsal ve kalıcı bir zemine taşımaktı; dernek ticari, kültürel ve kurumsal işbirliği için hazırladığı proje önerilerini sundu. Belediye, kardeş şehir projelerine destek vermeye hazır olduğunu belirtti.",
				AZ: "İzmir Azərbaycan Dərnəyinin (İZAZDER) idarə heyəti İzmir Böyükşəhər Bələdiyyəsinin başçısı ilə görüşdü. Görüşün mövzusu qardaşlığı institusional və davamlı zəminə keçirmək idi; dərnək ticarət, mədəniyyət və institusional əməkdaşlıq üçün hazırladığı layihə təkliflərini təqdim etdi. Bələdiyyə qardaş şəhər layihələrinə dəstək verməyə hazır olduğunu bildirdi.",
				EN: "The board of the İzmir Azerbaijan Association (İZAZDER) met the Mayor of İzmir Metropolitan Municipality to discuss giving the sisterhood an institutional, lasting footing. The association presented project proposals for commercial, cultural and institutional cooperation, and the municipality said it stands ready to support sister-city projects.",
			},
		},
		planned(
			Text{TR: "Kültür festivalleri", AZ: "Mədəniyyət festivalları", EN: "Cultural festivals"},
			Text{
				TR: "İki kentin müziğini, mutfağını ve sanatını aynı sahnede buluşturan festivaller.",
				AZ: "İki şəhərin musiqisini, mətbəxini və incəsənətini eyni səhnədə bir araya gətirən festivallar.",
				EN: "Festivals that put the music, food and art of both cities on the same stage.",
			}),
		planned(
			Text{TR: "Gençlik ve gönüllülük programları", AZ: "Gənclik və könüllülük proqramları", EN: "Youth and volunteering programmes"},
			Text{
				TR: "İki kentten gençlerin tanıştığı, birlikte proje yürüttüğü ve gönüllü olarak görev aldığı programlar.",
				AZ: "İki şəhərin gənclərinin tanış olduğu, birgə layihələr həyata keçirdiyi və könüllü kimi iştirak etdiyi proqramlar.",
				EN: "Programmes where young people from both cities meet, run projects together and volunteer.",
			}),
		planned(
			Text{TR: "İş forumları ve B2B görüşmeleri", AZ: "Biznes forumları və B2B görüşləri", EN: "Business forums and B2B meetings"},
			Text{
				TR: "İzmir'in limanlarını, sanayi bölgelerini ve üretim gücünü Azerbaycanlı iş insanlarıyla tanıştıran forumlar ve birebir iş görüşmeleri.",
				AZ: "İzmirin limanlarını, sənaye zonalarını və istehsal gücünü azərbaycanlı iş adamlarına tanıdan forumlar və təkbətək işgüzar görüşlər.",
				EN: "Forums and one-to-one meetings introducing Azerbaijani business people to İzmir's ports, industrial zones and production capacity.",
			}),
		planned(
			Text{TR: "Ticaret heyetleri", AZ: "Ticarət nümayəndə heyətləri", EN: "Trade delegations"},
			Text{
				TR: "İki kent arasında karşılıklı ticaret heyeti ziyaretleri.",
				AZ: "İki şəhər arasında ticarət nümayəndə heyətlərinin qarşılıqlı səfərləri.",
				EN: "Trade delegations travelling in both directions between the two cities.",
			}),
		planned(
			Text{TR: "Podcast serisi", AZ: "Podkast seriyası", EN: "Podcast series"},
			Text{
				TR: "Kardeşliğin hikâyesini ve onu yaşatan insanları anlatan bir podcast serisi.",
				AZ: "Qardaşlığın hekayəsini və onu yaşadan insanları danışan podkast seriyası.",
				EN: "A podcast series about the story of the sisterhood and the people who keep it going.",
			}),
	}
}
