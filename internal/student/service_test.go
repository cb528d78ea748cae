package student

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

func fieldErr(t *testing.T, err error, field, key string) {
	t.Helper()
	var f fail.Fields
	if !errors.As(err, &f) || f[field] != key {
		t.Fatalf("error %v, want field %s = %s", err, field, key)
	}
}

func auditCount(t *testing.T, d *db.DB, requestID int64, action string) int {
	t.Helper()
	var n int
	if err := d.QueryRow(context.Background(), `SELECT COUNT(*) FROM student_audit WHERE request_id = ? AND action = ?`, requestID, action).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestSupportRequestLifecycle(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		svc, p, _ := newFixture(t, d)
		r, err := svc.Open(ctx, p.student, Draft{Category: "accommodation", Subject: "Yurt bulamıyorum", Description: "Eylülden beri kalacak yer arıyorum."},
			[]Upload{{Name: "kira.pdf", Data: pdfBytes()}, {Name: "oda.png", Data: pngBytes(t)}})
		if err != nil {
			t.Fatal(err)
		}
		if r.Status != "new" || r.Sensitive || len(r.Attachments) != 2 {
			t.Fatalf("opened %+v", r)
		}
		// Nobody but the student, the assignee and admins reads it.
		for name, v := range map[string]*web.Viewer{"other": p.other, "coordinator": p.coordinator, "assignee before assignment": p.assignee} {
			if _, err := svc.Request(ctx, v, r.ID); err == nil {
				t.Fatalf("%s read the request", name)
			}
		}
		if _, err := svc.Request(ctx, p.other, r.ID); !errors.Is(err, fail.NotFound) {
			t.Fatalf("another student: %v, want not found", err)
		}
		if _, err := svc.Request(ctx, p.coordinator, r.ID); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("a coordinator: %v, want forbidden", err)
		}
		// A coordinator takes it; a second one cannot take it again.
		if err := svc.Assign(ctx, p.assignee, r.ID, p.assignee.ID); err != nil {
			t.Fatal(err)
		}
		if err := svc.Assign(ctx, p.coordinator, r.ID, p.coordinator.ID); !errors.Is(err, fail.Conflict) {
			t.Fatalf("second take: %v", err)
		}
		if err := svc.Assign(ctx, p.coordinator, r.ID, p.assignee.ID); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("a coordinator assigning someone else: %v", err)
		}
		// A note and a public reply; the student sees only the reply.
		if _, err := svc.Reply(ctx, p.assignee, r.ID, "İç not: yurt müdürlüğünü arayacağım.", true, nil); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Reply(ctx, p.assignee, r.ID, "Merhaba, yurtlarla görüşüyoruz.", false, nil); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Reply(ctx, p.student, r.ID, "Bir not deneyeyim", true, nil); !errors.Is(err, fail.NotFound) {
			t.Fatalf("student writing a note: %v", err)
		}
		seen, err := svc.Request(ctx, p.student, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(seen.Messages) != 1 || strings.Contains(seen.Messages[0].Body, "İç not") {
			t.Fatalf("student sees %+v", seen.Messages)
		}
		staff, err := svc.Request(ctx, p.admin, r.ID)
		if err != nil || len(staff.Messages) != 2 || staff.FirstReplyAt.IsZero() {
			t.Fatalf("admin sees %+v, %v", staff, err)
		}
		if n := auditCount(t, d, r.ID, actRead); n != 2 {
			t.Fatalf("%d read rows, want 2", n)
		}
		// Closing, then the student's reply reopens it.
		if err := svc.Close(ctx, p.coordinator, r.ID, "resolved", ""); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("close by a coordinator who is not the assignee: %v", err)
		}
		if err := svc.Close(ctx, p.assignee, r.ID, "resolved", "Yurt bulundu."); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Reply(ctx, p.student, r.ID, "Yurt iptal oldu, yine yardım lazım.", false, nil); err != nil {
			t.Fatal(err)
		}
		again, _ := requestByID(ctx, d, r.ID, "")
		if again.Status != "open" || again.Outcome != "" || !again.ClosedAt.IsZero() {
			t.Fatalf("after a reply to a closed request: %+v", again)
		}
		if auditCount(t, d, r.ID, actReopened) != 1 {
			t.Fatal("no reopened row")
		}
	})
}

func TestSupportRequestRules(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		svc, p, dir := newFixture(t, d)
		_, err := svc.Open(ctx, p.student, Draft{Category: "health", Subject: "Doktor", Description: "Sigorta"}, nil)
		fieldErr(t, err, "consent", "student.error.consent")
		h, err := svc.Open(ctx, p.student, Draft{Category: "health", Subject: "Doktor", Description: "Sigorta", Consent: true}, nil)
		if err != nil || !h.Sensitive || h.ConsentNotice != NoticeVersion || h.ConsentAt.IsZero() {
			t.Fatalf("health request %+v, %v", h, err)
		}
		// Lying and oversized files are refused and nothing is written.
		draft := Draft{Category: "academic", Subject: "Ders", Description: "Kayıt"}
		_, err = svc.Open(ctx, p.student, draft, []Upload{{Name: "transkript.pdf", Data: pngBytes(t)}})
		fieldErr(t, err, "files", "student.error.file_mismatch")
		_, err = svc.Open(ctx, p.student, draft, []Upload{{Name: "kimlik.png", Data: []byte("<html><script>alert(1)</script>")}})
		fieldErr(t, err, "files", "student.error.file_mismatch")
		_, err = svc.Open(ctx, p.student, draft, []Upload{{Name: "büyük.pdf", Data: append(pdfBytes(), make([]byte, MaxAttachment)...)}})
		fieldErr(t, err, "files", "student.error.file_too_large")
		_, err = svc.Open(ctx, p.student, draft, []Upload{{Name: "x.exe", Data: pdfBytes()}})
		fieldErr(t, err, "files", "student.error.file_type")
		var n int
		_ = d.QueryRow(ctx, `SELECT COUNT(*) FROM student_requests`).Scan(&n)
		if n != 1 || countFiles(t, dir) != 0 {
			t.Fatalf("%d requests and %d files after refusals", n, countFiles(t, dir))
		}
		// The triage list hides a sensitive subject.
		rows, err := svc.Triage(ctx, p.coordinator, TriageFilter{})
		if err != nil || len(rows) != 1 || rows[0].Subject != "" || !rows[0].Sensitive {
			t.Fatalf("triage %+v, %v", rows, err)
		}
		if _, err := svc.Triage(ctx, p.student, TriageFilter{}); err == nil {
			t.Fatal("a student read the triage list")
		}
	})
}

func TestSupportAttachmentsAndDeletion(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		svc, p, dir := newFixture(t, d)
		r, err := svc.Open(ctx, p.student, Draft{Category: "residence_legal", Subject: "İkamet izni", Description: "Randevu"},
			[]Upload{{Name: "pasaport.pdf", Data: pdfBytes()}})
		if err != nil {
			t.Fatal(err)
		}
		aid := r.Attachments[0].ID
		if _, _, err := svc.Attachment(ctx, p.other, r.ID, aid); !errors.Is(err, fail.NotFound) {
			t.Fatalf("another student's download: %v", err)
		}
		a, f, err := svc.Attachment(ctx, p.student, r.ID, aid)
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(f)
		f.Close()
		if a.ContentType != "application/pdf" || string(data) != string(pdfBytes()) {
			t.Fatalf("downloaded %s %q", a.ContentType, data)
		}
		if auditCount(t, d, r.ID, actAttachmentRead) != 1 {
			t.Fatal("no audit row for the download")
		}
		if err := svc.Assign(ctx, p.admin, r.ID, p.assignee.ID); err != nil {
			t.Fatal(err)
		}
		if err := svc.ConfirmDeletion(ctx, p.assignee, r.ID); err == nil {
			t.Fatal("deleted without the student asking")
		}
		if err := svc.AskDeletion(ctx, p.other, r.ID); !errors.Is(err, fail.NotFound) {
			t.Fatalf("another student asking deletion: %v", err)
		}
		if err := svc.AskDeletion(ctx, p.student, r.ID); err != nil {
			t.Fatal(err)
		}
		if err := svc.ConfirmDeletion(ctx, p.coordinator, r.ID); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("deletion by a coordinator who is not the assignee: %v", err)
		}
		if err := svc.ConfirmDeletion(ctx, p.assignee, r.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Request(ctx, p.student, r.ID); !errors.Is(err, fail.NotFound) {
			t.Fatalf("deleted request: %v", err)
		}
		if countFiles(t, dir) != 0 {
			t.Fatal("the file outlived its request")
		}
		log, err := svc.Audit(ctx, p.admin, 100)
		if err != nil {
			t.Fatal(err)
		}
		if log[0].Action != actDeleted || log[0].RequestID != r.ID || log[0].Actor != "Koordinatör Sorumlu" {
			t.Fatalf("latest audit row %+v", log[0])
		}
		if _, err := svc.Audit(ctx, p.assignee, 10); err == nil {
			t.Fatal("a coordinator read the whole audit log")
		}
	})
}

func TestSupportExportAndReport(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		svc, p, _ := newFixture(t, d)
		r, err := svc.Open(ctx, p.student, Draft{Category: "financial", Subject: "Burs gecikti", Description: "Kira ödeyemiyorum."}, nil)
		if err != nil {
			t.Fatal(err)
		}
		_ = svc.Assign(ctx, p.assignee, r.ID, p.assignee.ID)
		_, _ = svc.Reply(ctx, p.assignee, r.ID, "GİZLİ-NOT", true, nil)
		_, _ = svc.Reply(ctx, p.assignee, r.ID, "Bursiyer ofisine yazdık.", false, nil)
		if err := svc.Close(ctx, p.assignee, r.ID, "referred", ""); err != nil {
			t.Fatal(err)
		}
		exp, err := svc.Export(ctx, p.student)
		if err != nil || len(exp.Requests) != 1 || len(exp.Requests[0].Messages) != 1 {
			t.Fatalf("export %+v, %v", exp, err)
		}
		if exp.Requests[0].Messages[0].Body == "GİZLİ-NOT" {
			t.Fatal("the export holds an internal note")
		}
		if other, _ := svc.Export(ctx, p.other); len(other.Requests) != 0 {
			t.Fatal("another student's export holds the request")
		}
		rep, err := svc.Report(ctx, p.coordinator)
		if err != nil {
			t.Fatal(err)
		}
		if rep.Total != 1 || rep.ByCategory["financial"] != 1 || rep.ByOutcome["referred"] != 1 || rep.MedianCloseHours == nil || rep.Open != 0 {
			t.Fatalf("report %+v", rep)
		}
		var csv strings.Builder
		for _, row := range rep.CSV() {
			csv.WriteString(strings.Join(row, ",") + "\n")
		}
		for _, secret := range []string{"Burs", "Kira", "Öğrenci", "example.org", "GİZLİ"} {
			if strings.Contains(csv.String(), secret) {
				t.Fatalf("the report CSV holds %q:\n%s", secret, csv.String())
			}
		}
		if _, err := svc.Report(ctx, p.student); err == nil {
			t.Fatal("a student read the report")
		}
	})
}

func TestSupportConcurrentTakesGiveOneAssignee(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		svc, p, _ := newFixture(t, d)
		r, err := svc.Open(ctx, p.student, Draft{Category: "academic", Subject: "Ders kaydı", Description: "Kayıt haftası"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		errs := make(chan error, 2)
		for _, v := range []*web.Viewer{p.coordinator, p.assignee} {
			go func() { errs <- svc.Assign(ctx, v, r.ID, v.ID) }()
		}
		won := 0
		for range 2 {
			switch err := <-errs; {
			case err == nil:
				won++
			case !errors.Is(err, fail.Conflict):
				t.Fatalf("take: %v", err)
			}
		}
		got, _ := requestByID(ctx, d, r.ID, "")
		if won != 1 || got.AssigneeID == 0 || auditCount(t, d, r.ID, actAssigned) != 1 {
			t.Fatalf("%d takes won, assignee %d", won, got.AssigneeID)
		}
	})
}

func TestSupportDemo(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		svc, p, _ := newFixture(t, d)
		if err := svc.SeedDemo(ctx, p.student, p.assignee); err != nil {
			t.Fatal(err)
		}
		mine, err := svc.Mine(ctx, p.student)
		if err != nil || len(mine) != 2 {
			t.Fatalf("demo requests %d, %v", len(mine), err)
		}
		rows, _ := svc.Triage(ctx, p.coordinator, TriageFilter{Assignee: "none"})
		if len(rows) != 1 || rows[0].Category != "academic" {
			t.Fatalf("unassigned demo requests %+v", rows)
		}
	})
}
