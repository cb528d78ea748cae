package feed

import (
	"io"
	"testing"
)

// BenchmarkWrite1000 writes the feed of a show with 1,000 episodes, uncached, to
// io.Discard. The target is well under 30 ms; see docs/architecture.md.
func BenchmarkWrite1000(b *testing.B) {
	show, eps := testShow(), manyEpisodes(1000)
	var size int64
	for b.Loop() {
		w := &sizeWriter{}
		if err := Write(w, show, eps); err != nil {
			b.Fatal(err)
		}
		size = w.n
	}
	b.SetBytes(size)
}

// BenchmarkETag1000 computes the validator for the same show: the cost of answering a
// revalidation with 304, apart from the query.
func BenchmarkETag1000(b *testing.B) {
	show, eps := testShow(), manyEpisodes(1000)
	for b.Loop() {
		if ETag(show, eps) == "" {
			b.Fatal("empty tag")
		}
	}
}

type sizeWriter struct{ n int64 }

func (w *sizeWriter) Write(p []byte) (int, error) {
	w.n += int64(len(p))
	return len(p), nil
}

var _ io.Writer = (*sizeWriter)(nil)
