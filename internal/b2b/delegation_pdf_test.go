package b2b

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
	"github.com/kopru-platform/kopru/ui"
)

// letterText checks that b is a whole PDF embedding DejaVu Sans and returns its text, or ""
// when pdftotext (poppler-utils) is not installed.
func letterText(t *testing.T, b []byte) string {
	t.Helper()
	if !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimRight(b, "\r\n"), []byte("%%EOF")) {
		t.Fatalf("not a whole PDF: %q", b[:min(len(b), 16)])
	}
	if !bytes.Contains(bytes.ToLower(b), []byte("dejavusans")) || !bytes.Contains(b, []byte("/FontFile2")) {
		t.Error("the letter does not embed DejaVu Sans")
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Log("pdftotext not installed (poppler-utils): text not checked")
		return ""
	}
	name := filepath.Join(t.TempDir(), "letter.pdf")
	if err := os.WriteFile(name, b, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", name, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, out)
	}
	// Lines wrap where the page ends; the checks read the text as one line.
	return strings.Join(strings.Fields(string(out)), " ")
}

func TestInvitationLetterInThreeLanguages(t *testing.T) {
	cat, err := i18n.Load(ui.FS, "locales")
	if err != nil {
		t.Fatal(err)
	}
	d := &Delegation{ID: 7, DelegationInput: delegationInput()}
	d.Title.AZ = "Bakı Qida və Logistika Nümayəndə Heyəti"
	m := &Member{ID: 42, DelegationID: 7, Name: "Şəhla İsmayılova", PassportName: "ŞƏHLA İSMAYILOVA", Nationality: "Azərbaycan",
		Role: "interpreter", Organisation: Organisation{ID: 3, Name: "Ege Zeytinyağı Ticaret A.Ş."}, OrganisationID: 3}
	issued := time.Date(2027, 5, 2, 9, 0, 0, 0, time.UTC)
	for lang, want := range map[string][]string{
		"tr": {"Davet Mektubu", "İlgili makama,", "Tercüman", "İzmir şehrinden Bakü şehrine", "Bakü Gıda ve Lojistik Heyeti", "02.05.2027"},
		"az": {"Dəvət Məktubu", "Aidiyyəti orqana,", "Tərcüməçi", "İzmir şəhərindən Bakı şəhərinə", "Bakı Qida və Logistika Nümayəndə Heyəti"},
		"en": {"Letter of Invitation", "To whom it may concern,", "Interpreter", "travelling from İzmir to Baku", "Bakü Food and Logistics Delegation", "Date: 2 May 2027"},
	} {
		t.Run(lang, func(t *testing.T) {
			b, err := InvitationLetterPDF(d, m, lang, issued, func(key string, args ...any) string { return cat.T(lang, key, args...) })
			if err != nil {
				t.Fatal(err)
			}
			text := letterText(t, b)
			if text == "" {
				return
			}
			// What every letter carries: the passport name with its ə, İ and ş, the
			// nationality, the organisation, the host, the dates and the reference.
			want = append(want, "ŞƏHLA İSMAYILOVA", "Azərbaycan", "Ege Zeytinyağı Ticaret A.Ş.", "Bakı Şəhəri İcra Hakimiyyəti",
				"KOPRU-2027-D007-M0042")
			for _, w := range want {
				if !strings.Contains(text, w) {
					t.Errorf("%s letter lacks %q:\n%s", lang, w, text)
				}
			}
			if strings.Contains(text, "b2b.delegation.") {
				t.Errorf("%s letter shows a message key:\n%s", lang, text)
			}
		})
	}
}

func TestInvitationLetterOnlyForTheMemberAndCoordinators(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newDelegationFixture(t, d)
		dl := f.announced(t)
		if _, err := f.dlg.Approve(ctx, f.coordinator, f.application(t, dl).ID); err != nil {
			t.Fatal(err)
		}
		leyla, err := f.dlg.Membership(ctx, f.member, dl.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range []*web.Viewer{f.member, f.coordinator} {
			gd, gm, err := f.dlg.Letter(ctx, v, leyla.ID)
			if err != nil || gd.ID != dl.ID || gm.PassportName != "LEYLA HASANOVA" || gm.Organisation.Name != "Ege Zeytinyağı A.Ş." {
				t.Fatalf("letter for %s: %+v %v", v.Email, gm, err)
			}
		}
		// Ayşe travels in the same delegation and company, yet Leyla's letter is not hers.
		for _, v := range []*web.Viewer{f.exporterColleague, f.carrierMember} {
			if _, _, err := f.dlg.Letter(ctx, v, leyla.ID); !errors.Is(err, fail.NotFound) {
				t.Fatalf("letter for %s: %v", v.Email, err)
			}
		}
		if _, _, err := f.dlg.Letter(ctx, nil, leyla.ID); !errors.Is(err, fail.Unauthorized) {
			t.Fatalf("anonymous letter: %v", err)
		}
		// Back to draft: no letters until it is announced again.
		in := delegationInput()
		in.Status = DelegationDraft
		if _, err := f.dlg.Update(ctx, f.coordinator, dl.ID, in); err != nil {
			t.Fatal(err)
		}
		if _, _, err := f.dlg.Letter(ctx, f.member, leyla.ID); !errors.Is(err, fail.NotFound) {
			t.Fatalf("letter of a draft: %v", err)
		}
	})
}
