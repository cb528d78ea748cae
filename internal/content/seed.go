package content

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/media"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// The demo's content: the report of the 12 January 2026 meeting, the 40th-year programme,
// the pages about the partnership and for contact, the newsletter's privacy notice, and a
// menu. Every text is written for Köprü from the facts in the design notes.

// NewsletterNoticeSlug is the page holding the privacy notice for the newsletter purpose;
// forms that ask for newsletter consent link /{lang}/pages/NewsletterNoticeSlug.
const NewsletterNoticeSlug = "bulten-aydinlatma-metni"

// demoEditor signs the demo's revisions.
var demoEditor = &web.Viewer{Name: "Köprü demo", Roles: []string{"admin"}}

// SeedDemo loads the demo content. It is idempotent: what exists (by slug) is left as it is.
func (s *Service) SeedDemo(ctx context.Context) error {
	cat, err := s.seedCategory(ctx, Category{Slug: "kardes-sehir", Name: Text{TR: "Kardeş şehir", AZ: "Qardaş şəhər", EN: "Sister city"}})
	if err != nil {
		return err
	}
	pages := []struct {
		slug string
		in   Input
	}{
		{"40-yil-programi", programmePage},
		{"hakkinda", aboutPage},
		{"iletisim", contactPage},
		{NewsletterNoticeSlug, newsletterNotice},
	}
	ids := map[string]int64{}
	for _, p := range pages {
		in := p.in
		in.Slug = p.slug
		id, err := s.seedEntry(ctx, Page, in, time.Time{})
		if err != nil {
			return fmt.Errorf("content demo: page %s: %w", p.slug, err)
		}
		ids[p.slug] = id
	}
	article := meetingArticle
	article.CategoryID = cat.ID
	if _, err := entryBySlug(ctx, s.db, News, article.Slug); errors.Is(err, ErrNotFound) {
		if article.CoverID, err = s.seedCover(ctx); err != nil {
			return err
		}
	}
	// 12 January 2026, 16:03 in İzmir.
	published := time.Date(2026, 1, 12, 16, 3, 0, 0, web.HomeZone)
	if _, err := s.seedEntry(ctx, News, article, published); err != nil {
		return fmt.Errorf("content demo: article: %w", err)
	}
	return s.seedMenu(ctx, ids)
}

func (s *Service) seedCategory(ctx context.Context, c Category) (*Category, error) {
	cats, err := listCategories(ctx, s.db)
	if err != nil {
		return nil, err
	}
	for _, have := range cats {
		if have.Slug == c.Slug {
			return &have, nil
		}
	}
	return s.SaveCategory(ctx, demoEditor, c)
}

func (s *Service) seedEntry(ctx context.Context, kind Kind, in Input, published time.Time) (int64, error) {
	if e, err := entryBySlug(ctx, s.db, kind, in.Slug); err == nil {
		return e.ID, nil
	} else if !errors.Is(err, ErrNotFound) {
		return 0, err
	}
	e, err := s.Create(ctx, demoEditor, kind, in, Change{Action: ActionPublish, At: published})
	if err != nil {
		return 0, err
	}
	return e.ID, nil
}

func (s *Service) seedMenu(ctx context.Context, pages map[string]int64) error {
	items, err := listMenu(ctx, s.db)
	if err != nil || len(items) > 0 {
		return err // a menu someone arranged is theirs
	}
	for _, it := range []MenuItem{
		{Label: Text{TR: "Haberler", AZ: "Xəbərlər", EN: "News"}, URL: "/news"},
		{Label: Text{TR: "40. Yıl Programı", AZ: "40-cı il proqramı", EN: "40th-year programme"}, EntryID: pages["40-yil-programi"]},
		{Label: Text{TR: "Kardeşlik Hakkında", AZ: "Qardaşlıq haqqında", EN: "About the partnership"}, EntryID: pages["hakkinda"]},
		{Label: Text{TR: "İletişim", AZ: "Əlaqə", EN: "Contact"}, EntryID: pages["iletisim"]},
	} {
		if _, err := s.AddMenuItem(ctx, demoEditor, it); err != nil {
			return err
		}
	}
	return nil
}

// seedCover draws the article's cover — a bridge over water that turns from the Aegean's
// blue into the Caspian's turquoise — and puts it in the library like an upload.
func (s *Service) seedCover(ctx context.Context) (int64, error) {
	const w, h = 960, 540
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	aegean, caspian := color.RGBA{11, 79, 138, 255}, color.RGBA{10, 107, 115, 255}
	sky := color.RGBA{232, 241, 250, 255}
	mix := func(a, b color.RGBA, t float64) color.RGBA {
		f := func(x, y uint8) uint8 { return uint8(float64(x) + (float64(y)-float64(x))*t) }
		return color.RGBA{f(a.R, b.R), f(a.G, b.G), f(a.B, b.B), 255}
	}
	water := h * 2 / 3
	for y := range h {
		for x := range w {
			t := float64(x) / float64(w-1)
			c := mix(sky, color.RGBA{228, 244, 244, 255}, t)
			if y >= water {
				c = mix(aegean, caspian, t)
				if (y-water)%14 < 2 { // a few calm waves
					c = mix(c, color.RGBA{255, 255, 255, 255}, 0.18)
				}
			}
			img.Set(x, y, c)
		}
	}
	// The bridge: an arch with a deck, in the site's ink colour.
	ink := color.RGBA{23, 33, 43, 255}
	deck := water - 40
	for x := 60; x < w-60; x++ {
		for y := deck; y < deck+10; y++ {
			img.Set(x, y, ink)
		}
		t := float64(x-60) / float64(w-121)
		arch := water - int(150*math.Sin(math.Pi*t))
		for y := arch; y < arch+8 && y < water; y++ {
			img.Set(x, y, ink)
		}
		if (x-60)%60 < 4 && arch < deck {
			for y := arch; y < deck; y++ {
				img.Set(x, y, ink)
			}
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return 0, err
	}
	u, err := media.Inspect(&buf, "kopru-40-yil.png", MaxUpload)
	if err != nil {
		return 0, err
	}
	m, err := s.addMedia(ctx, 0, u,
		Text{TR: "Ege mavisinden Hazar turkuazına uzanan bir köprü çizimi", AZ: "Egey mavisindən Xəzər firuzəyisinə uzanan körpü təsviri", EN: "A drawing of a bridge spanning water that shifts from Aegean blue to Caspian turquoise"},
		Text{TR: "İki kıyıyı birleştiren köprü: kardeşliğin 40. yılı", AZ: "İki sahili birləşdirən körpü: qardaşlığın 40-cı ili", EN: "A bridge joining two shores: the partnership's 40th year"})
	if err != nil {
		return 0, err
	}
	return m.ID, nil
}

var meetingArticle = Input{
	Slug: "izazder-buyuksehir-belediyesi-ile-kardesligi-kurumsallastirma-gorusmesi",
	Title: Text{
		TR: "İZAZDER ile İzmir Büyükşehir Belediyesi kardeşliği kurumsallaştırmak için bir araya geldi",
		AZ: "İZAZDER və İzmir Böyükşəhər Bələdiyyəsi qardaşlığı institusional əsasa keçirmək üçün görüşdü",
		EN: "İZAZDER and İzmir Metropolitan Municipality meet to give the sister-city partnership an institutional footing",
	},
	Lead: Text{
		TR: "İzmir Azerbaycan Derneği yönetimi, Büyükşehir Belediye Başkanı ile görüşerek İzmir–Bakü kardeşliğini kalıcı ve sürdürülebilir bir zemine taşıyacak ticari, kültürel ve kurumsal işbirliği önerilerini sundu.",
		AZ: "İzmir Azərbaycan Dərnəyinin rəhbərliyi Böyükşəhər Bələdiyyəsinin sədri ilə görüşərək İzmir–Bakı qardaşlığını daimi və davamlı əsasa keçirəcək ticarət, mədəniyyət və institusional əməkdaşlıq təkliflərini təqdim etdi.",
		EN: "The board of the İzmir Azerbaijan Association met the mayor of İzmir Metropolitan Municipality and put forward proposals for commercial, cultural and institutional cooperation to give the İzmir–Bakü partnership a lasting, sustainable basis.",
	},
	Body: Text{
		TR: `İzmir Azerbaycan Derneği (İZAZDER) yönetim kurulu, 12 Ocak 2026'da İzmir Büyükşehir Belediye Başkanı'nı ziyaret etti. Görüşmenin ana konusu, 1986'da imzalanan protokolle başlayan İzmir–Bakü kardeşliğinin tek seferlik ziyaretlerin ötesine geçerek kurumsal ve sürdürülebilir bir yapıya kavuşmasıydı.

## Üç başlıkta öneriler

Dernek yönetimi, üç alanda hazırladığı proje önerilerini belediyeye iletti:

- **Ticari işbirliği:** İzmir'in limanlarının, sanayi bölgelerinin ve üretim gücünün Azerbaycanlı iş insanları için somut fırsatlara dönüşmesi.
- **Kültürel işbirliği:** İki kentin sanatçılarını ve gençlerini buluşturacak karşılıklı ziyaretler, kültür etkinlikleri ve gençlik projeleri.
- **Kurumsal işbirliği:** Eğitim, ticaret ve ekonomi alanındaki ortak çalışmaların düzenli bir yapıya bağlanması; İzmir'de okuyan Azerbaycanlı öğrencilerin sosyal, kültürel ve akademik yaşamının desteklenmesi.

## Belediyeden destek mesajı

İzmir Büyükşehir Belediyesi, kardeş şehir projelerini desteklemeye hazır olduğunu ifade etti.

## 40. yıla doğru

2026 yılı “İzmir–Bakü Kardeşliğinin 40. Yılı” olarak ilan edildi. Yıl boyunca kültür festivalleri, gençlik ve gönüllülük programları, iş forumları, B2B görüşmeleri, ticaret heyetleri ve bir podcast serisi planlanıyor. Ayrıntılar [40. Yıl Programı](/tr/pages/40-yil-programi) sayfasında.`,
		AZ: `İzmir Azərbaycan Dərnəyinin (İZAZDER) idarə heyəti 12 yanvar 2026-cı ildə İzmir Böyükşəhər Bələdiyyəsinin sədrini ziyarət etdi. Görüşün əsas mövzusu 1986-cı ildə imzalanmış protokolla başlayan İzmir–Bakı qardaşlığının birdəfəlik səfərlərdən kənara çıxaraq institusional və davamlı bir quruluş qazanması idi.

## Üç istiqamətdə təkliflər

Dərnəyin rəhbərliyi üç sahədə hazırladığı layihə təkliflərini bələdiyyəyə təqdim etdi:

- **Ticarət əməkdaşlığı:** İzmirin limanlarının, sənaye zonalarının və istehsal gücünün azərbaycanlı iş adamları üçün konkret imkanlara çevrilməsi.
- **Mədəni əməkdaşlıq:** İki şəhərin sənətkarlarını və gənclərini bir araya gətirəcək qarşılıqlı səfərlər, mədəni tədbirlər və gənclər layihələri.
- **İnstitusional əməkdaşlıq:** Təhsil, ticarət və iqtisadiyyat sahəsində birgə işlərin müntəzəm quruluşa salınması; İzmirdə təhsil alan azərbaycanlı tələbələrin sosial, mədəni və akademik həyatının dəstəklənməsi.

## Bələdiyyədən dəstək mesajı

İzmir Böyükşəhər Bələdiyyəsi qardaş şəhər layihələrini dəstəkləməyə hazır olduğunu bildirdi.

## 40-cı ilə doğru

2026-cı il “İzmir–Bakı Qardaşlığının 40-cı ili” elan edilib. İl boyu mədəniyyət festivalları, gənclər və könüllülük proqramları, biznes forumları, B2B görüşləri, ticarət nümayəndə heyətləri və podkast seriyası planlaşdırılır. Təfərrüatlar [40-cı il proqramı](/az/pages/40-yil-programi) səhifəsindədir.`,
		EN: `On 12 January 2026 the board of the İzmir Azerbaijan Association (İZAZDER) called on the mayor of İzmir Metropolitan Municipality. The main subject was how the İzmir–Bakü partnership, which began with a protocol signed in 1986, can move beyond one-off visits and become an institutional, sustainable relationship.

## Proposals in three areas

The association's board handed the municipality project proposals in three areas:

- **Commercial cooperation:** turning İzmir's ports, industrial zones and production capacity into concrete opportunities for business people from Azerbaijan.
- **Cultural cooperation:** reciprocal visits, cultural events and youth projects that bring together artists and young people from both cities.
- **Institutional cooperation:** giving joint work in education, trade and the economy a regular structure, and supporting the social, cultural and academic life of Azerbaijani students in İzmir.

## Support from the municipality

İzmir Metropolitan Municipality said it is ready to support sister-city projects.

## Towards the 40th year

2026 has been declared the “40th Year of İzmir–Bakü Sisterhood”. Cultural festivals, youth and volunteering programmes, business forums, B2B meetings, trade delegations and a podcast series are planned for the year. See the [40th-year programme](/en/pages/40-yil-programi) for details.`,
	},
	Author: Author{
		Kind: AuthorOrganisation,
		Name: "İzmir Azerbaycan Derneği (İZAZDER)",
		Bio: Text{
			TR: "İzmir'deki Azerbaycan topluluğunun derneği; kardeş şehir programının önemli bir bölümünü önerir ve yürütür.",
			AZ: "İzmirdəki Azərbaycan icmasının dərnəyi; qardaş şəhər proqramının mühüm hissəsini təklif edir və həyata keçirir.",
			EN: "The association of İzmir's Azerbaijani community; it proposes and runs much of the sister-city programme.",
		},
	},
	Tags: []Tag{{Label: "İZAZDER"}, {Label: "İzmir Büyükşehir Belediyesi"}, {Label: "40. yıl"}},
}

var programmePage = Input{
	Title: Text{
		TR: "İzmir–Bakü Kardeşliğinin 40. Yılı: Program",
		AZ: "İzmir–Bakı Qardaşlığının 40-cı ili: Proqram",
		EN: "The 40th Year of İzmir–Bakü Sisterhood: Programme",
	},
	Body: Text{
		TR: `İzmir ile Bakü, 1986'da imzalanan protokolle kardeş şehir oldu. 2026, bu kardeşliğin 40. yılı olarak kutlanıyor. Yıl boyunca iki kentin insanlarını, kurumlarını ve iş dünyasını buluşturacak bir program hazırlanıyor.

## Planlanan başlıklar

- **Kültür festivalleri** — iki kentin müziğini, sanatını ve mutfağını tanıtan etkinlikler.
- **Gençlik ve gönüllülük programları** — karşılıklı ziyaretler ve ortak gençlik projeleri; gönüllüler için görevler ve vardiyalar.
- **İş forumları ve B2B görüşmeleri** — İzmir'in limanları, sanayi bölgeleri ve üretim gücüyle tanışmak isteyen Azerbaycanlı şirketler için birebir görüşmeler.
- **Ticaret heyetleri** — İzmir'den Bakü'ye ve Bakü'den İzmir'e iş ziyaretleri.
- **Podcast serisi** — kardeşliğin hikâyesini ve bugününü anlatan bölümler.

## Tarihler

Her etkinliğin tarihi ve kayıt bilgileri kesinleştikçe bu sitede duyurulacak. Gelişmeleri [Haberler](/tr/news) sayfasından ve [zaman çizelgesinden](/tr/timeline) izleyebilirsiniz.`,
		AZ: `İzmir və Bakı 1986-cı ildə imzalanmış protokolla qardaş şəhər oldu. 2026-cı il bu qardaşlığın 40-cı ili kimi qeyd olunur. İl boyu iki şəhərin insanlarını, qurumlarını və iş dünyasını bir araya gətirəcək proqram hazırlanır.

## Planlaşdırılan istiqamətlər

- **Mədəniyyət festivalları** — iki şəhərin musiqisini, incəsənətini və mətbəxini tanıdan tədbirlər.
- **Gənclər və könüllülük proqramları** — qarşılıqlı səfərlər və birgə gənclər layihələri; könüllülər üçün tapşırıqlar və növbələr.
- **Biznes forumları və B2B görüşləri** — İzmirin limanları, sənaye zonaları və istehsal gücü ilə tanış olmaq istəyən Azərbaycan şirkətləri üçün təkbətək görüşlər.
- **Ticarət nümayəndə heyətləri** — İzmirdən Bakıya və Bakıdan İzmirə işgüzar səfərlər.
- **Podkast seriyası** — qardaşlığın tarixini və bu gününü danışan buraxılışlar.

## Tarixlər

Hər tədbirin tarixi və qeydiyyat məlumatı dəqiqləşdikcə bu saytda elan olunacaq. Yenilikləri [Xəbərlər](/az/news) səhifəsindən və [zaman xəttindən](/az/timeline) izləyə bilərsiniz.`,
		EN: `İzmir and Bakü became sister cities through a protocol signed in 1986, and 2026 marks the partnership's 40th year. A year-long programme is being prepared to bring together the people, institutions and businesses of both cities.

## What is planned

- **Cultural festivals** — events presenting the music, art and food of both cities.
- **Youth and volunteering programmes** — reciprocal visits and joint youth projects, with roles and shifts for volunteers.
- **Business forums and B2B meetings** — one-to-one meetings for Azerbaijani companies that want to get to know İzmir's ports, industrial zones and production capacity.
- **Trade delegations** — business visits from İzmir to Bakü and from Bakü to İzmir.
- **A podcast series** — episodes on the partnership's history and its present.

## Dates

Dates and registration details are announced on this site as each event is confirmed. Follow the [news](/en/news) and the [timeline](/en/timeline) for updates.`,
	},
}

var aboutPage = Input{
	Title: Text{TR: "Kardeşlik Hakkında", AZ: "Qardaşlıq haqqında", EN: "About the partnership"},
	Body: Text{
		TR: `İzmir (Türkiye) ile Bakü (Azerbaycan), 1986'da imzalanan bir protokolle kardeş şehir oldu. 2026, “İzmir–Bakü Kardeşliğinin 40. Yılı” olarak ilan edildi.

## Kimler yürütüyor

- **İzmir Azerbaycan Derneği (İZAZDER)** programın önemli bir bölümünü önerir ve hayata geçirir.
- **İzmir Büyükşehir Belediyesi** önerileri değerlendirir, destekler ve etkinliklere ev sahipliği yapar.

## Neler için çalışıyoruz

Kardeşliği tek seferlik ziyaretlerden kalıcı bir kurumsal işbirliğine dönüştürmek istiyoruz. Öncelikli alanlar eğitim, ticaret, ekonomik işbirliği ve kültür. İzmir'in limanları, sanayi bölgeleri ve üretim gücü Azerbaycanlı iş insanları için fırsatlar sunuyor; İzmir'de okuyan Azerbaycanlı öğrencilerin sosyal, kültürel ve akademik yaşamı destekleniyor; karşılıklı ziyaretler, kültür etkinlikleri ve gençlik projeleri iki kentin insanlarını yakınlaştırıyor.

Köprü, bu işbirliğinin ortak platformudur: haberler, etkinlikler, projeler ve programlar tek yerde, Türkçe, Azerbaycanca ve İngilizce.`,
		AZ: `İzmir (Türkiyə) və Bakı (Azərbaycan) 1986-cı ildə imzalanmış protokolla qardaş şəhər oldu. 2026-cı il “İzmir–Bakı Qardaşlığının 40-cı ili” elan edilib.

## Kimlər həyata keçirir

- **İzmir Azərbaycan Dərnəyi (İZAZDER)** proqramın mühüm hissəsini təklif edir və reallaşdırır.
- **İzmir Böyükşəhər Bələdiyyəsi** təklifləri qiymətləndirir, dəstəkləyir və tədbirlərə ev sahibliyi edir.

## Nə üçün çalışırıq

Qardaşlığı birdəfəlik səfərlərdən daimi institusional əməkdaşlığa çevirmək istəyirik. Əsas sahələr təhsil, ticarət, iqtisadi əməkdaşlıq və mədəniyyətdir. İzmirin limanları, sənaye zonaları və istehsal gücü azərbaycanlı iş adamları üçün imkanlar yaradır; İzmirdə təhsil alan azərbaycanlı tələbələrin sosial, mədəni və akademik həyatı dəstəklənir; qarşılıqlı səfərlər, mədəni tədbirlər və gənclər layihələri iki şəhərin insanlarını yaxınlaşdırır.

Köprü bu əməkdaşlığın ortaq platformasıdır: xəbərlər, tədbirlər, layihələr və proqramlar bir yerdə — türk, Azərbaycan və ingilis dillərində.`,
		EN: `İzmir (Türkiye) and Bakü (Azerbaijan) became sister cities through a protocol signed in 1986. 2026 has been declared the “40th Year of İzmir–Bakü Sisterhood”.

## Who runs it

- **The İzmir Azerbaijan Association (İZAZDER)** proposes and carries out much of the programme.
- **İzmir Metropolitan Municipality** reviews the proposals, supports them and co-hosts the events.

## What we work for

We want the partnership to grow from one-off visits into lasting institutional cooperation. The priorities are education, trade, economic cooperation and culture. İzmir's ports, industrial zones and production capacity offer opportunities to business people from Azerbaijan; the social, cultural and academic life of Azerbaijani students in İzmir is supported; reciprocal visits, cultural events and youth projects bring the people of both cities closer.

Köprü is the partnership's shared platform: news, events, projects and programmes in one place, in Turkish, Azerbaijani and English.`,
	},
}

var contactPage = Input{
	Title: Text{TR: "İletişim", AZ: "Əlaqə", EN: "Contact"},
	Body: Text{
		TR: `Kardeş şehir programı, etkinlikler ya da bu site hakkındaki sorularınız için bize yazabilirsiniz.

- **Genel sorular ve öneriler:** iletisim@kopru.example.org
- **Basın:** basin@kopru.example.org
- **Kişisel verileriniz hakkındaki başvurular:** kvkk@kopru.example.org

Bu adresler demo içindir; siteyi işleten kurum kendi iletişim bilgileriyle değiştirir. Kişisel verilerin nasıl işlendiğini [hesap aydınlatma metninde](/tr/privacy/account) ve [bülten aydınlatma metninde](/tr/pages/bulten-aydinlatma-metni) bulabilirsiniz.`,
		AZ: `Qardaş şəhər proqramı, tədbirlər və ya bu sayt haqqında suallarınız üçün bizə yaza bilərsiniz.

- **Ümumi suallar və təkliflər:** iletisim@kopru.example.org
- **Mətbuat:** basin@kopru.example.org
- **Şəxsi məlumatlarınızla bağlı müraciətlər:** kvkk@kopru.example.org

Bu ünvanlar demo üçündür; saytı idarə edən qurum onları öz əlaqə məlumatları ilə əvəz edir. Şəxsi məlumatların necə emal edildiyini [hesab üzrə məlumatlandırma mətnində](/az/privacy/account) və [xəbər bülleteni üzrə məlumatlandırma mətnində](/az/pages/bulten-aydinlatma-metni) tapa bilərsiniz.`,
		EN: `Write to us with questions about the sister-city programme, its events or this site.

- **General questions and ideas:** iletisim@kopru.example.org
- **Press:** basin@kopru.example.org
- **Requests about your personal data:** kvkk@kopru.example.org

These addresses are for the demo; the organisation running the site replaces them with its own. How personal data is handled is explained in the [account privacy notice](/en/privacy/account) and the [newsletter privacy notice](/en/pages/bulten-aydinlatma-metni).`,
	},
}

var newsletterNotice = Input{
	Title: Text{
		TR: "Bülten aydınlatma metni",
		AZ: "Xəbər bülleteni üzrə məlumatlandırma mətni",
		EN: "Newsletter privacy notice",
	},
	Body: Text{
		TR: `Sürüm: 2026-01

Köprü bültenine abone olduğunuzda kişisel verilerinizi yalnızca bülteni size göndermek için işleriz. Bu metin, 6698 sayılı Kişisel Verilerin Korunması Kanunu (KVKK) ve Avrupa Birliği Genel Veri Koruma Tüzüğü (GDPR) uyarınca sizi bilgilendirmek içindir.

## Veri sorumlusu

Bu Köprü sitesini işleten kurum.

## Hangi verileri işliyoruz

- E-posta adresiniz ve adınız
- Bültenin hangi dilde gönderileceği
- Onayınızın zamanı ve onay verdiğiniz metnin sürümü

## Amaç ve hukuki sebep

Verileriniz, kardeş şehir programının haberlerini ve etkinlik duyurularını içeren bülteni size göndermek için işlenir. Hukuki sebep açık rızanızdır (KVKK madde 5/1, GDPR madde 6(1)(a)). Bülten isteğe bağlıdır; abone olmamanız hesabınızı ya da başka hiçbir hizmeti etkilemez.

## Kimlerle paylaşıyoruz

Verilerinizi kimseye satmayız ve reklam için kullanmayız. Yalnızca e-postaları bizim adımıza gönderen hizmet sağlayıcı, bu işle sınırlı olarak erişebilir.

## Ne kadar saklıyoruz

Rızanızı geri alana kadar. Geri aldığınızda adresinizi abone listesinden hemen çıkarırız; onay ve geri alma kayıtları, rızanın varlığını kanıtlamak için gereken süre boyunca saklanır.

## Rızanızı geri almak ve diğer haklarınız

Rızanızı istediğiniz zaman Hesabım sayfasından ya da her bültendeki bağlantıdan geri alabilirsiniz. KVKK madde 11 ve GDPR kapsamındaki diğer haklarınız için [hesap aydınlatma metnine](/tr/privacy/account) bakabilirsiniz.`,
		AZ: `Versiya: 2026-01

Köprü xəbər bülleteninə abunə olduqda şəxsi məlumatlarınızı yalnız bülleteni sizə göndərmək üçün emal edirik. Bu mətn Türkiyənin Şəxsi Məlumatların Qorunması Qanununa (KVKK) və Avropa İttifaqının Məlumatların Mühafizəsi üzrə Ümumi Reqlamentinə (GDPR) uyğun olaraq sizi məlumatlandırmaq üçündür.

## Məlumatlara cavabdeh şəxs

Bu Köprü saytını idarə edən qurum.

## Hansı məlumatları emal edirik

- E-poçt ünvanınız və adınız
- Bülletenin hansı dildə göndəriləcəyi
- Razılığınızın vaxtı və razılıq verdiyiniz mətnin versiyası

## Məqsəd və hüquqi əsas

Məlumatlarınız qardaş şəhər proqramının xəbərlərini və tədbir elanlarını əhatə edən bülleteni sizə göndərmək üçün emal olunur. Hüquqi əsas açıq razılığınızdır (KVKK maddə 5/1, GDPR maddə 6(1)(a)). Bülleten könüllüdür; abunə olmamağınız hesabınıza və ya digər xidmətlərə təsir etmir.

## Kimlərlə paylaşırıq

Məlumatlarınızı heç kimə satmırıq və reklam üçün istifadə etmirik. Yalnız e-poçtları bizim adımızdan göndərən xidmət təminatçısı bu işlə məhdud olaraq onlara çıxış əldə edə bilər.

## Nə qədər saxlayırıq

Razılığınızı geri götürənə qədər. Geri götürdükdə ünvanınızı abunəçi siyahısından dərhal çıxarırıq; razılıq və geri götürmə qeydləri razılığın mövcudluğunu sübut etmək üçün lazım olan müddət ərzində saxlanılır.

## Razılığı geri götürmək və digər hüquqlarınız

Razılığınızı istənilən vaxt Hesabım səhifəsindən və ya hər bülletendəki keçiddən geri götürə bilərsiniz. KVKK-nın 11-ci maddəsi və GDPR üzrə digər hüquqlarınız üçün [hesab üzrə məlumatlandırma mətninə](/az/privacy/account) baxın.`,
		EN: `Version: 2026-01

When you subscribe to the Köprü newsletter, we process your personal data only to send you the newsletter. This notice informs you as required by Türkiye's Personal Data Protection Law No. 6698 (KVKK) and the EU General Data Protection Regulation (GDPR).

## Controller

The organisation that runs this Köprü site.

## What we process

- Your email address and name
- The language the newsletter is sent in
- When you consented and the version of the notice you consented to

## Purpose and legal basis

Your data is used to send you the newsletter with news and event announcements of the sister-city programme. The legal basis is your explicit consent (KVKK article 5(1), GDPR article 6(1)(a)). The newsletter is optional: not subscribing affects neither your account nor any other service.

## Who receives it

We never sell your data or use it for advertising. Only the service provider that sends the emails on our behalf can access it, and only for that task.

## How long we keep it

Until you withdraw your consent. When you do, your address leaves the subscriber list at once; the records of consent and withdrawal are kept for as long as needed to prove the consent existed.

## Withdrawing consent and your other rights

You can withdraw your consent at any time on the My account page or through the link in every newsletter. For your other rights under KVKK article 11 and the GDPR, see the [account privacy notice](/en/privacy/account).`,
	},
}
