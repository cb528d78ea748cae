package project

import (
	"context"
	"errors"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// DemoCallSlug is the address of the demo's open call.
const DemoCallSlug = "40-yil-ortak-projeleri"

// SeedDemoProposals opens the demo call for the 40th year, coordinated by coordinator, and
// submits two proposals to it by proposer for associationID. Seeding again changes nothing.
func (s *Service) SeedDemoProposals(ctx context.Context, coordinator, proposer *web.Viewer, associationID int64) error {
	if _, err := callBySlug(ctx, s.db, DemoCallSlug); !errors.Is(err, ErrNotFound) {
		return err // there already (nil), or a real failure
	}
	c, err := s.CreateCall(ctx, coordinator, demoCall(s.now()))
	if err != nil {
		return err
	}
	for _, in := range demoProposals(c, associationID) {
		p, err := s.CreateDraft(ctx, proposer, in)
		if err != nil {
			return err
		}
		if _, err := s.Submit(ctx, proposer, p.ID); err != nil {
			return err
		}
	}
	return nil
}

// demoCall opens on the day the association met the mayor and stays open to the end of
// the anniversary year, or two months past now when the demo is loaded later.
func demoCall(now time.Time) CallInput {
	izmir := web.HomeZone
	closes := time.Date(2026, 12, 31, 23, 59, 0, 0, izmir)
	if later := now.In(izmir).AddDate(0, 2, 0); later.After(closes) {
		closes = time.Date(later.Year(), later.Month(), later.Day(), 23, 59, 0, 0, izmir)
	}
	return CallInput{Slug: DemoCallSlug,
		Title: i18n.Text{TR: "40. yıl ortak projeleri", AZ: "40-cı il birgə layihələri", EN: "Joint projects for the 40th year"},
		Description: i18n.Text{
			TR: "İzmir ile Bakü'nün kardeş şehir oluşunun 40. yılında kültür, gençlik, eğitim ve ticaret alanlarında ortak projeler arıyoruz.\n\nÖneriler dernek ve belediyenin değerlendiricileri tarafından birlikte incelenir.",
			AZ: "İzmir və Bakının qardaş şəhər olmasının 40-cı ilində mədəniyyət, gənclik, təhsil və ticarət sahələrində birgə layihələr axtarırıq.",
			EN: "For the 40th year of İzmir and Bakü as sister cities we are looking for joint projects in culture, youth, education and trade."},
		Themes:  []string{"culture", "education", "youth", "trade"},
		OpensAt: time.Date(2026, 1, 12, 9, 0, 0, 0, izmir), ClosesAt: closes, JointApproval: true, Published: true,
		Questions: []CallQuestion{
			{Label: i18n.Text{TR: "Kaç gönüllü yer alacak?", AZ: "Neçə könüllü iştirak edəcək?", EN: "How many volunteers will take part?"}, Kind: QuestionNumber, Required: true},
			{Label: i18n.Text{TR: "Etkinlikler nerede yapılacak?", AZ: "Tədbirlər harada keçiriləcək?", EN: "Where will the activities take place?"}, Kind: QuestionChoice,
				Choices: []string{"İzmir", "Bakü", "İki şehirde"}, Required: true},
		},
		Criteria: []CallCriterion{
			{Name: i18n.Text{TR: "Kardeşliğe katkı", AZ: "Qardaşlığa töhfə", EN: "Contribution to the partnership"}, Weight: 40},
			{Name: i18n.Text{TR: "Sürdürülebilirlik", AZ: "Davamlılıq", EN: "Sustainability"}, Weight: 30},
			{Name: i18n.Text{TR: "Bütçenin gerçekçiliği", AZ: "Büdcənin reallığı", EN: "Realistic budget"}, Weight: 30},
		},
	}
}

func demoProposals(c *Call, org int64) []ProposalInput {
	volunteers, place := c.Questions[0].ID, c.Questions[1].ID
	return []ProposalInput{{
		OrganisationID: org, CallID: c.ID,
		Title:   i18n.Text{TR: "İzmir–Bakü Gençlik Festivali", AZ: "İzmir–Bakı Gənclik Festivalı", EN: "İzmir–Bakü Youth Festival"},
		Summary: i18n.Text{TR: "Kültürpark'ta iki şehrin gençlerini müzik, dans ve atölyelerle buluşturan üç günlük festival.", AZ: "İki şəhərin gənclərini musiqi, rəqs və emalatxanalarla bir araya gətirən üç günlük festival."},
		Themes:  []string{"youth", "culture"}, TargetGroups: []string{"youth", "students", "artists"},
		Partners: []ProposalPartner{{Name: "İzmir Büyükşehir Belediyesi", City: "İzmir"}, {Name: "Bakı Gənclər Mərkəzi (demo)", City: "Bakı"}},
		Activities: []ProposalActivity{{Title: "Hazırlık ve gönüllü eğitimi", StartsOn: "2027-04-01", EndsOn: "2027-05-15"},
			{Title: "Festival günleri", StartsOn: "2027-05-19", EndsOn: "2027-05-21"}},
		Budget: []ProposalBudgetLine{{Label: "Sahne ve ses", Currency: "TRY", Amount: 450000_00, Requested: 300000_00, Cofunding: 150000_00},
			{Label: "Bakü'den sanatçıların yol ve konaklaması", Currency: "AZN", Amount: 18000_00, Requested: 12000_00, Cofunding: 6000_00}},
		Indicators: []ProposalIndicator{{Name: i18n.Text{TR: "Katılımcı", AZ: "İştirakçı", EN: "Participants"}, Unit: "kişi", Target: 5000},
			{Name: i18n.Text{TR: "Gönüllü", AZ: "Könüllü", EN: "Volunteers"}, Unit: "kişi", Target: 120}},
		Answers: map[int64]string{volunteers: "120", place: "İzmir"},
	}, {
		OrganisationID: org, CallID: c.ID,
		Title:   i18n.Text{TR: "Azerbaycanlı öğrenciler için akademik köprü", AZ: "Azərbaycanlı tələbələr üçün akademik körpü", EN: "An academic bridge for Azerbaijani students"},
		Summary: i18n.Text{TR: "İzmir'deki Azerbaycanlı öğrencilere mentorluk, Türkçe yazım atölyeleri ve iki üniversite arasında yaz okulu.", AZ: "İzmirdəki azərbaycanlı tələbələrə mentorluq, yazı emalatxanaları və iki universitet arasında yay məktəbi."},
		Themes:  []string{"education"}, TargetGroups: []string{"students", "diaspora"},
		Partners: []ProposalPartner{{Name: "Ege Üniversitesi", City: "İzmir"}, {Name: "Bakı Dövlət Universiteti (demo)", City: "Bakı"}},
		Activities: []ProposalActivity{{Title: "Mentor eşleştirme", StartsOn: "2027-02-01", EndsOn: "2027-06-30"},
			{Title: "Bakü'de yaz okulu", StartsOn: "2027-07-05", EndsOn: "2027-07-16"}},
		Budget: []ProposalBudgetLine{{Label: "Yaz okulu", Currency: "EUR", Amount: 24000_00, Requested: 16000_00, Cofunding: 8000_00},
			{Label: "Atölye materyalleri", Currency: "TRY", Amount: 60000_00, Requested: 60000_00}},
		Indicators: []ProposalIndicator{{Name: i18n.Text{TR: "Mentorluk alan öğrenci", AZ: "Mentorluq alan tələbə", EN: "Students mentored"}, Unit: "kişi", Target: 80}},
		Answers:    map[int64]string{volunteers: "25", place: "İki şehirde"},
	}}
}
