package model

import (
	"encoding/json"
	"reflect"
	"runtime"
	"testing"
)

// The stages share their work among the cores (claims, actor scanning, the
// topics' first pass, sentence splitting); the index must not depend on
// how many there are or on how the chunks fell to the workers.
func TestBuildIsDeterministicOnAnyCoreCount(t *testing.T) {
	docs := append(seedDocs(t), genCorpus(300, 11)...)
	build := func(procs int) (*Index, []byte) {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		ix, err := Open(docs, nil)
		if err != nil {
			t.Fatal(err)
		}
		none := func(string) (Triage, bool) { return Triage{}, false }
		b, err := json.Marshal(NewReport(ix, none))
		if err != nil {
			t.Fatal(err)
		}
		return ix, b
	}
	one, oneJSON := build(1)
	for _, procs := range []int{2, 5} {
		ix, js := build(procs)
		if string(js) != string(oneJSON) {
			t.Fatalf("report with %d cores differs from the one with 1", procs)
		}
		// The lemma numbering decides the order of weighted sums in the
		// later stages, so it must be the one-core numbering too.
		if !reflect.DeepEqual(ix.claimLex.vocab, one.claimLex.vocab) {
			t.Fatalf("lemma numbering with %d cores differs", procs)
		}
		if !reflect.DeepEqual(ix.claimDetails, one.claimDetails) {
			t.Fatalf("claim details with %d cores differ", procs)
		}
	}
}
