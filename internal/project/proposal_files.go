package project

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"net/http"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/media"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Attachments are PDFs only, recognised by their first bytes rather than by the name or
// the browser's word, and at most MaxAttachment each. They are stored under an
// unguessable key and served only through the proposal's own read rule.

const maxAttachments = 10

// AddAttachment keeps a PDF with a draft of v's organisation.
func (s *Service) AddAttachment(ctx context.Context, v *web.Viewer, proposalID int64, name string, data []byte) (*ProposalAttachment, error) {
	if s.files == nil {
		return nil, fail.Fields{"attachment": "project.proposal.error.no_storage"}
	}
	if errs := checkPDF(name, data); len(errs) > 0 {
		return nil, errs
	}
	if _, err := s.draftFor(ctx, s.db, v, proposalID); err != nil {
		return nil, err
	}
	list, err := proposalAttachments(ctx, s.db, proposalID)
	if err != nil {
		return nil, err
	}
	if len(list) >= maxAttachments {
		return nil, fail.Fields{"attachment": "project.proposal.error.too_many_files"}
	}
	a := &ProposalAttachment{Name: cleanFileName(name), Size: int64(len(data)), Key: media.NewKey("pdf", s.now()), CreatedAt: s.now()}
	if err := s.files.Put(ctx, a.Key, data, "application/pdf"); err != nil {
		return nil, err
	}
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		if _, err := s.draftFor(ctx, tx, v, proposalID); err != nil { // submitted meanwhile
			return err
		}
		return tx.WriteRow(ctx, `INSERT INTO proposal_attachments (proposal_id, name, size, storage_key, created_at)
			VALUES (?, ?, ?, ?, ?) RETURNING id`, proposalID, a.Name, a.Size, a.Key, a.CreatedAt).Scan(&a.ID)
	})
	if err != nil {
		_ = s.files.Delete(context.WithoutCancel(ctx), a.Key)
		return nil, err
	}
	return a, nil
}

// checkPDF refuses what is not a PDF of an acceptable size.
func checkPDF(name string, data []byte) fail.Fields {
	switch {
	case len(data) == 0:
		return fail.Fields{"attachment": "form.required"}
	case len(data) > MaxAttachment:
		return fail.Fields{"attachment": "project.proposal.error.too_large"}
	case !bytes.HasPrefix(data, []byte("%PDF-")):
		return fail.Fields{"attachment": "project.proposal.error.not_pdf"}
	case utf8.RuneCountInString(name) > maxRowText:
		return fail.Fields{"attachment": "form.too_long"}
	}
	return nil
}

// RemoveAttachment takes a file off a draft; the stored file goes when no other version
// still lists it.
func (s *Service) RemoveAttachment(ctx context.Context, v *web.Viewer, proposalID, attachmentID int64) error {
	var key string
	var shared int
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		if _, err := s.draftFor(ctx, tx, v, proposalID); err != nil {
			return err
		}
		err := tx.QueryRow(ctx, `SELECT storage_key FROM proposal_attachments WHERE id = ? AND proposal_id = ?`, attachmentID, proposalID).Scan(&key)
		if err != nil {
			return attachmentNotFound(err)
		}
		if _, err := tx.Exec(ctx, `DELETE FROM proposal_attachments WHERE id = ?`, attachmentID); err != nil {
			return err
		}
		return tx.QueryRow(ctx, `SELECT COUNT(*) FROM proposal_attachments WHERE storage_key = ?`, key).Scan(&shared)
	})
	if err != nil || shared > 0 {
		return err
	}
	return s.files.Delete(ctx, key)
}

// ServeAttachment writes attachment attachmentID of proposal proposalID to w, if v may read
// the proposal.
func (s *Service) ServeAttachment(w http.ResponseWriter, r *http.Request, v *web.Viewer, proposalID, attachmentID int64) error {
	p, err := s.Proposal(r.Context(), v, proposalID)
	if err != nil {
		return err
	}
	for _, a := range p.Attachments {
		if a.ID == attachmentID && s.files != nil {
			w.Header().Set("Cache-Control", "private, no-store")
			s.files.ServeFile(w, r, a.Key, a.Name)
			return nil
		}
	}
	return ErrNotFound
}

// cleanFileName keeps the base name a browser sent, ending in .pdf.
func cleanFileName(name string) string {
	name = proposalLine(path.Base(strings.ReplaceAll(name, `\`, "/")))
	if name == "" || name == "." || name == "/" {
		name = "ek"
	}
	if !strings.HasSuffix(strings.ToLower(name), ".pdf") {
		name += ".pdf"
	}
	return name
}

func attachmentNotFound(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	return err
}
