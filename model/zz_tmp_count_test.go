package model

import (
	"fmt"
	"strconv"
	"testing"
)

func TestTmpStories(t *testing.T) {
	docs := genCorpusCached(1000)
	ix, _ := Open(docs, nil)
	st := articleStories(ix)
	// truth: consecutive blocks of genPerStory
	stories := map[int]map[int]bool{}
	for i, s := range st {
		n, _ := strconv.Atoi(ix.Articles[i].File[:5])
		if stories[s] == nil {
			stories[s] = map[int]bool{}
		}
		stories[s][n/genPerStory] = true
	}
	impure := 0
	for _, m := range stories {
		if len(m) > 1 {
			impure++
		}
	}
	fmt.Println("stories", len(stories), "impure", impure, ix.Articles[0].File)
}

func TestTmpStoriesDir(t *testing.T) {
	for _, dir := range []string{"../seeds", "../../shared/corpora/ecbplus/01", "../../shared/corpora/ecbplus/12", "../../shared/corpora/ecbplus/30", "../../shared/corpora/ecbplus/37"} {
		docs, _, _ := Load([]string{dir}, LoadOptions{})
		ix, _ := Open(docs, nil)
		st := articleStories(ix)
		groups := map[int][]string{}
		for i, s := range st {
			groups[s] = append(groups[s], ix.Articles[i].File)
		}
		fmt.Println(dir, len(groups))
		for s, g := range groups {
			fmt.Println("  ", s, g)
		}
	}
}

func TestTmpCount(t *testing.T) {
	docs := genCorpusCached(1000)
	ix, _ := Open(docs, nil)
	kinds := map[string]int{}
	for _, c := range ix.Conflicts {
		kinds[c.Kind+"/"+c.Severity]++
	}
	fmt.Println(len(ix.Articles), len(ix.Sentences), len(ix.Conflicts), kinds, len(ix.Agreements))
	for i, c := range ix.Conflicts {
		if i%15 == 0 {
			fmt.Println(c.Summary)
		}
	}
}

func BenchmarkTmpMine(b *testing.B) {
	docs := genCorpusCached(1000)
	ix, _ := Open(docs, nil)
	size := 0
	for _, d := range docs {
		size += len(d.Data)
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		ix.extractClaims()
		ix.findConflicts()
		ix.findAgreements()
	}
}
