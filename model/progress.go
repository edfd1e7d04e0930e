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
	workers := min(runtime.GOMAXPROCS(0), len(docs))
	var next, done atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(docs) {
					return
				}
				arts[i], errs[i] = ParseDocument(docs[i])
				if progress != nil {
					progress(Progress{Stage: "parsing", Done: int(done.Add(1)), Total: len(docs)})
				}
			}
		}()
	}
	wg.Wait()
	return arts, errs
}
