package model

import "sync/atomic"

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
