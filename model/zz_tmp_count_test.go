package model

import (
	"fmt"
	"testing"
)

func TestTmpCount(t *testing.T) {
	docs := genCorpusCached(1000)
	ix, _ := Open(docs, nil)
	kinds := map[string]int{}
	for _, c := range ix.Conflicts {
		kinds[c.Kind+"/"+c.Severity]++
	}
	st := map[int]bool{}
	for _, s := range ix.claimLex.stories {
		st[s] = true
	}
	fmt.Println(len(ix.Articles), len(ix.Conflicts), kinds, len(ix.Agreements), "stories", len(st))
}
