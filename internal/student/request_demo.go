package student

import (
	"context"

	"github.com/kopru-platform/kopru/internal/platform/web"
)

// SeedDemo files two demo support requests by the demo student account: an accommodation
// request taken by the demo coordinator, with a public reply and an internal note, and an
// unassigned academic one waiting in the triage list. Nothing in them is sensitive.
func (s *Service) SeedDemo(ctx context.Context, student, coordinator *web.Viewer) error {
	home, err := s.Open(ctx, student, Draft{Category: "accommodation",
		Subject: "Ekim ayından itibaren yurt ya da paylaşımlı ev arıyorum",
		Description: "Bornova'daki üniversitede yüksek lisansa başlıyorum. Devlet yurdu başvurum sonuçlanmadı; " +
			"kampüse yakın, bütçeme uygun bir oda için hangi kurumlara başvurabileceğimi öğrenmek istiyorum."}, nil)
	if err != nil {
		return err
	}
	if err := s.Assign(ctx, coordinator, home.ID, coordinator.ID); err != nil {
		return err
	}
	if _, err := s.Reply(ctx, coordinator, home.ID,
		"İl müdürlüğüyle ve dernek üyesi ev sahipleriyle görüşüp bu hafta içinde size seçenekleri yazacağız.", true, nil); err != nil {
		return err
	}
	if _, err := s.Reply(ctx, coordinator, home.ID,
		"Merhaba, talebinizi aldık. Yurt başvurunuzun numarasını ve taşınmak istediğiniz tarihi yazar mısınız?", false, nil); err != nil {
		return err
	}
	_, err = s.Open(ctx, student, Draft{Category: "academic",
		Subject:     "Bakü'deki derslerimin denkliği",
		Description: "Bakü'de tamamladığım iki dersin burada sayılması için hangi belgeleri hazırlamam gerektiğini soruyorum."}, nil)
	return err
}
