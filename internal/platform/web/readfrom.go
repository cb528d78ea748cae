package web

import (
	"io"
	"net/http"
)

// PassReadFrom copies r into w the fastest way the writer beneath allows: net/http's own
// writer sends an *os.File (or a limited section of one) with sendfile, without copying it
// through the program. Wrappers that count or record what a handler writes implement
// io.ReaderFrom with it, so wrapping a response does not turn sendfile off; written is told
// how many bytes went out.
func PassReadFrom(w http.ResponseWriter, r io.Reader, written func(n int64)) (int64, error) {
	var n int64
	var err error
	if rf, ok := w.(io.ReaderFrom); ok {
		n, err = rf.ReadFrom(r)
	} else {
		n, err = io.Copy(writerOnly{w}, r)
	}
	written(n)
	return n, err
}

// writerOnly hides every method but Write, so io.Copy cannot call back into ReadFrom.
type writerOnly struct{ io.Writer }

// ReadFrom lets sendfile through the status recorder.
func (w *statusWriter) ReadFrom(r io.Reader) (int64, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return PassReadFrom(w.ResponseWriter, r, func(n int64) { w.size += int(n) })
}
