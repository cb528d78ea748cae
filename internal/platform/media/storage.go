// Package media keeps uploaded files and checks them on the way in: storage by
// generated key (a local directory or an S3-compatible bucket), upload validation by
// content, image variants, and serving with long-lived cache headers.
package media

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"time"

	"gocloud.dev/blob"
	"gocloud.dev/blob/fileblob"
	"gocloud.dev/blob/memblob"
	"gocloud.dev/gcerrors"

	"github.com/kopru-platform/kopru/internal/platform/fail"
)

// Storage keeps files by key. Local directory by default; an S3-compatible bucket by URL
// for multi-instance deployments.
type Storage struct {
	bucket *blob.Bucket
	dir    string // the local directory of file:// storage; "" for others
}

// Info describes a stored file.
type Info struct {
	Size        int64
	ContentType string
	ModTime     time.Time
}

// OpenStorage opens "file:///abs/path" (created if missing), "s3://bucket?region=…&endpoint=…&use_path_style=true"
// (credentials from the environment, as the AWS SDK finds them) or "mem://" (tests).
func OpenStorage(ctx context.Context, rawURL string) (*Storage, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("media: storage url: %w", err)
	}
	var b *blob.Bucket
	dir := ""
	switch u.Scheme {
	case "file":
		if u.Host != "" && u.Host != "localhost" || !path.IsAbs(u.Path) {
			return nil, fmt.Errorf("media: storage url %q: want file:///absolute/path", rawURL)
		}
		b, err = fileblob.OpenBucket(u.Path, &fileblob.Options{
			CreateDir: true,
			// No .attrs sidecars: the content type follows from the key's extension.
			Metadata: fileblob.MetadataDontWrite,
			// Temporary files beside the final ones, so the rename never crosses mounts
			// (the data directory is often a volume of its own).
			NoTempDir:   true,
			DirFileMode: 0o750,
		})
		dir = u.Path
	case "s3":
		b, err = blob.OpenBucket(ctx, rawURL)
	case "mem":
		b = memblob.OpenBucket(nil)
	default:
		return nil, fmt.Errorf("media: storage url %q: scheme must be file, s3 or mem", rawURL)
	}
	if err != nil {
		return nil, fmt.Errorf("media: open storage: %w", err)
	}
	return &Storage{bucket: b, dir: dir}, nil
}

// Put stores data under key, replacing nothing in practice: keys come from NewKey.
func (s *Storage) Put(ctx context.Context, key string, data []byte, contentType string) error {
	if !ValidKey(key) {
		return fmt.Errorf("media: put: invalid key %q", key)
	}
	if err := s.bucket.WriteAll(ctx, key, data, &blob.WriterOptions{ContentType: contentType}); err != nil {
		return fmt.Errorf("media: put %s: %w", key, err)
	}
	return nil
}

// PutStream stores size bytes read from r under key without holding them in memory: the
// bucket's writer copies them through in small pieces (to a temporary file beside the
// final one, or as a multipart upload to S3). A reader that ends early or holds more than
// size bytes stores nothing, so a half-copied file never appears under key.
func (s *Storage) PutStream(ctx context.Context, key string, r io.Reader, size int64, contentType string) error {
	if !ValidKey(key) {
		return fmt.Errorf("media: put: invalid key %q", key)
	}
	// Cancelling the writer's context before Close discards what was written.
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	w, err := s.bucket.NewWriter(wctx, key, &blob.WriterOptions{ContentType: contentType})
	if err != nil {
		return fmt.Errorf("media: put %s: %w", key, err)
	}
	n, err := io.Copy(w, io.LimitReader(r, size+1))
	if err == nil && n != size {
		err = fmt.Errorf("read %d bytes, want %d", n, size)
	}
	if err != nil {
		cancel()
		_ = w.Close()
		return fmt.Errorf("media: put %s: %w", key, err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("media: put %s: %w", key, err)
	}
	return nil
}

// Open returns the stored file; a missing or malformed key is fail.NotFound.
// The reader also implements io.Seeker. From local storage it is the *os.File itself, so
// net/http sends it with sendfile: a large audio file to many listeners at once costs
// neither copies nor buffers.
func (s *Storage) Open(ctx context.Context, key string) (io.ReadCloser, Info, error) {
	if f, info, ok := s.openLocal(key); ok {
		return f, info, nil
	}
	r, err := s.open(ctx, key)
	if err != nil {
		return nil, Info{}, err
	}
	return r, Info{Size: r.Size(), ContentType: contentTypeOf(key, r.ContentType()), ModTime: r.ModTime()}, nil
}

func (s *Storage) open(ctx context.Context, key string) (*blob.Reader, error) {
	if !ValidKey(key) {
		return nil, fmt.Errorf("media: %q: %w", key, fail.NotFound)
	}
	r, err := s.bucket.NewReader(ctx, key, nil)
	if err != nil {
		return nil, fmt.Errorf("media: open %s: %w", key, notFound(err))
	}
	return r, nil
}

// Delete removes a file; deleting a missing one is not an error, so a retried cleanup succeeds.
func (s *Storage) Delete(ctx context.Context, key string) error {
	if !ValidKey(key) {
		return fmt.Errorf("media: delete: invalid key %q", key)
	}
	if err := s.bucket.Delete(ctx, key); err != nil && gcerrors.Code(err) != gcerrors.NotFound {
		return fmt.Errorf("media: delete %s: %w", key, err)
	}
	return nil
}

// Close releases the bucket.
func (s *Storage) Close() error { return s.bucket.Close() }

func notFound(err error) error {
	if gcerrors.Code(err) == gcerrors.NotFound {
		return errors.Join(fail.NotFound, err)
	}
	return err
}

// contentTypeOf prefers what the bucket stored, but a local directory stores none
// (it reports application/octet-stream), so the key's extension decides there.
func contentTypeOf(key, stored string) string {
	if stored != "" && stored != "application/octet-stream" {
		return stored
	}
	if t, ok := typeByExt[path.Ext(key)]; ok {
		return t
	}
	return "application/octet-stream"
}

// openLocal opens key straight from the local directory; ok is false for other storage,
// an invalid key or a file that is not there (the bucket then gives the answer). Keys are
// checked against their shape first, so they never leave the directory; fileblob stores
// such keys under their own names.
func (s *Storage) openLocal(key string) (*os.File, Info, bool) {
	if s.dir == "" || !ValidKey(key) {
		return nil, Info{}, false
	}
	f, err := os.Open(filepath.Join(s.dir, filepath.FromSlash(key)))
	if err != nil {
		return nil, Info{}, false
	}
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		f.Close()
		return nil, Info{}, false
	}
	// As the bucket does for files without stored attributes: the type follows the extension.
	return f, Info{Size: st.Size(), ContentType: contentTypeOf(key, mime.TypeByExtension(path.Ext(key))), ModTime: st.ModTime()}, true
}
