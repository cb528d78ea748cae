package student

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"io"
	"net/http"
	"path"
	"strings"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/media"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Attachments are PDF, JPEG or PNG files. The type is read from the bytes, and a file whose
// bytes are not the type its name claims is refused: a student who sends "passport.pdf"
// must be sending a PDF. Files are kept under unguessable media keys and served only
// through Attachment, which applies the request's read rule and writes an audit row.

const (
	// MaxAttachment is the largest file a request takes.
	MaxAttachment = 10 << 20
	// MaxFilesPerUpload is how many files one form or reply may carry.
	MaxFilesPerUpload = 3
	// maxFilesPerRequest bounds what one request holds in all.
	maxFilesPerRequest = 10
	// UploadBodyLimit bounds a whole multipart request that carries attachments.
	UploadBodyLimit = MaxFilesPerUpload*MaxAttachment + 1<<20
)

// Upload is a file as a form or the API received it, not yet checked.
type Upload struct {
	Name string
	Data []byte
}

var claimedType = map[string]string{".pdf": "application/pdf", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png"}

// checkUpload accepts a file only if it is small enough and its bytes are the allowed type
// its name claims. Errors are field errors on "files".
func checkUpload(u Upload) (*media.Upload, error) {
	if len(u.Data) > MaxAttachment {
		return nil, fail.Fields{"files": "student.error.file_too_large"}
	}
	claimed, ok := claimedType[strings.ToLower(path.Ext(media.CleanName(u.Name)))]
	if !ok {
		return nil, fail.Fields{"files": "student.error.file_type"}
	}
	if http.DetectContentType(u.Data) != claimed {
		return nil, fail.Fields{"files": "student.error.file_mismatch"}
	}
	got, err := media.Inspect(bytes.NewReader(u.Data), u.Name, MaxAttachment)
	switch {
	case errors.Is(err, media.ErrTooLarge):
		return nil, fail.Fields{"files": "student.error.file_too_large"}
	case errors.Is(err, media.ErrType):
		return nil, fail.Fields{"files": "student.error.file_mismatch"}
	case err != nil:
		return nil, fail.Fields{"files": "student.error.file_corrupt"}
	case got.ContentType != claimed:
		return nil, fail.Fields{"files": "student.error.file_mismatch"}
	}
	return got, nil
}

// checkUploads checks every file before anything is stored.
func checkUploads(files []Upload) ([]*media.Upload, error) {
	if len(files) > MaxFilesPerUpload {
		return nil, fail.Fields{"files": "student.error.too_many_files"}
	}
	out := make([]*media.Upload, 0, len(files))
	for _, f := range files {
		u, err := checkUpload(f)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, nil
}

// putFiles stores checked uploads and returns their rows, not yet inserted. On failure
// nothing stays stored.
func (s *Service) putFiles(ctx context.Context, v *web.Viewer, ups []*media.Upload) ([]Attachment, error) {
	if len(ups) > 0 && s.files == nil {
		return nil, fail.Fields{"files": "student.error.no_storage"}
	}
	var out []Attachment
	for _, u := range ups {
		a := Attachment{Name: u.Name, ContentType: u.ContentType, Size: int64(len(u.Data)),
			Key: media.NewKey(u.Ext, s.now()), UploadedBy: v.ID, CreatedAt: s.now()}
		if a.Name == "" {
			a.Name = "file." + u.Ext
		}
		if err := s.files.Put(ctx, a.Key, u.Data, u.ContentType); err != nil {
			s.dropFiles(ctx, out)
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}

// dropFiles deletes stored files whose rows were never written (or were deleted).
func (s *Service) dropFiles(ctx context.Context, list []Attachment) {
	for _, a := range list {
		_ = s.files.Delete(context.WithoutCancel(ctx), a.Key)
	}
}

// addFiles inserts the rows of stored files to request r inside tx, within the request's limit.
func addFiles(ctx context.Context, tx *db.Tx, r *Request, list []Attachment) error {
	if len(list) == 0 {
		return nil
	}
	var n int
	if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM student_attachments WHERE request_id = ?`, r.ID).Scan(&n); err != nil {
		return err
	}
	if n+len(list) > maxFilesPerRequest {
		return fail.Fields{"files": "student.error.too_many_files"}
	}
	for i := range list {
		list[i].RequestID = r.ID
		if err := insertAttachment(ctx, tx, &list[i]); err != nil {
			return err
		}
	}
	return nil
}

// Attachment opens file attachmentID of request requestID for v, who must be allowed to
// read the request; the read is written to the audit log first. The caller closes the file.
func (s *Service) Attachment(ctx context.Context, v *web.Viewer, requestID, attachmentID int64) (*Attachment, io.ReadCloser, error) {
	if _, err := s.readable(ctx, s.db, v, requestID, ""); err != nil {
		return nil, nil, err
	}
	a, err := scanAttachment(s.db.QueryRow(ctx, `SELECT `+attachmentColumns+` FROM student_attachments
		WHERE id = ? AND request_id = ?`, attachmentID, requestID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, ErrNotFound
	}
	if err != nil {
		return nil, nil, err
	}
	if s.files == nil {
		return nil, nil, ErrNotFound
	}
	if err := audit(ctx, s.db, requestID, v.ID, actAttachmentRead, itoa(a.ID)); err != nil {
		return nil, nil, err
	}
	f, _, err := s.files.Open(ctx, a.Key)
	if err != nil {
		return nil, nil, err
	}
	return &a, f, nil
}
