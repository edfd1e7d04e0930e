package model

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Progress reports how far loading has come: Done of Total steps of a
// Stage ("parsing" counts documents; "indexing" counts index stages).
type Progress struct {
	Stage string
	Done  int
	Total int
}

// ProgressFunc receives progress; it may be called from several
// goroutines and must be cheap (callers throttle what they draw).
type ProgressFunc func(Progress)

// indexStages run in order; each needs the ones before it.
var indexStages = []struct {
	name string
	run  func(*Index)
}{
	{"sentences", (*Index).splitSentences},
	{"actors", (*Index).indexActors},
	{"topics", (*Index).indexTopics},
	{"claims", (*Index).extractClaims},
	{"conflicts", (*Index).findConflicts},
	{"agreements", (*Index).findAgreements},
}

// parseAll parses documents on every core. Results keep the documents'
// order so the index is the same whatever the scheduling.
func parseAll(docs []Document, progress ProgressFunc) ([][]*Article, []error) {
	arts := make([][]*Article, len(docs))
	errs := make([]error, len(docs))
	var done atomic.Int64
	forEachParallel(len(docs), func(i int) {
		arts[i], errs[i] = ParseDocument(docs[i])
		if progress != nil {
			progress(Progress{Stage: "parsing", Done: int(done.Add(1)), Total: len(docs)})
		}
	})
	return arts, errs
}

// parallelWorkers is how many workers share n items: one per core, at most
// one per item, at least one.
func parallelWorkers(n int) int { return max(1, min(runtime.GOMAXPROCS(0), n)) }

// forChunksParallel calls fn(w, lo, hi) on consecutive chunks [lo, hi) of
// [0, n), chunk items at a time, from workers goroutines numbered w = 0 ...
// workers-1, so that a caller can keep one set of buffers per worker. Each
// item is in exactly one chunk; which worker takes it depends on the
// scheduling, so results must not.
func forChunksParallel(n, chunk, workers int, fn func(w, lo, hi int)) {
	if workers <= 1 {
		if n > 0 {
			fn(0, 0, n)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				lo := int(next.Add(int64(chunk)) - int64(chunk))
				if lo >= n {
					return
				}
				fn(w, lo, min(lo+chunk, n))
			}
		}()
	}
	wg.Wait()
}

// forChunksOrdered calls produce(w, lo, hi) on consecutive chunks [lo, hi)
// of [0, n) from workers goroutines, and consume(lo, hi, r) with each result
// on the calling goroutine in chunk order, as soon as the chunks before are
// consumed. At most 2*workers results wait at a time, so a caller can hand
// over large per-chunk results without holding them all.
func forChunksOrdered[R any](n, chunk, workers int, produce func(w, lo, hi int) R, consume func(lo, hi int, r R)) {
	if n <= 0 {
		return
	}
	if workers <= 1 {
		for lo := 0; lo < n; lo += chunk {
			hi := min(lo+chunk, n)
			consume(lo, hi, produce(0, lo, hi))
		}
		return
	}
	chunks := (n + chunk - 1) / chunk
	results := make([]chan R, chunks)
	for i := range results {
		results[i] = make(chan R, 1)
	}
	// A slot is held from taking a chunk until it is consumed. Chunks are
	// taken in order, so the one consume waits for is always taken or
	// free to take.
	slots := make(chan struct{}, 2*workers)
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				slots <- struct{}{}
				c := int(next.Add(1) - 1)
				if c >= chunks {
					<-slots
					return
				}
				lo := c * chunk
				results[c] <- produce(w, lo, min(lo+chunk, n))
			}
		}()
	}
	for c := range chunks {
		lo := c * chunk
		consume(lo, min(lo+chunk, n), <-results[c])
		results[c] = nil
		<-slots
	}
	wg.Wait()
}
