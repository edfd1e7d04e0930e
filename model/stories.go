package model

import (
	"math"
	"sort"
)

// Tuning of story grouping.
const (
	storyMinOverlap = 0.5 // shared actor weight over the smaller article's
	storyMaxBucket  = 400 // an actor in more articles than this groups nothing
	// storyDensePairs is the most articles whose pairs are marked in a
	// bit set (n*n bits: 2 MiB at 4096) rather than a map.
	storyDensePairs = 4096
)

// articleStories groups articles into stories: articles whose actors
// (people, organisations, places, weighted by how rare they are across the
// corpus and how often the article names them) are alike cover the same
// story. A corpus about one event is one story; a mixed feed of many events
// is many, and claims of different stories are never compared: "at least
// 20 people were killed" in two stories is two tolls, not a contradiction.
// It returns each article's story as the index of its first article, or
// -1 for an article without actors.
func articleStories(ix *Index) []int {
	n := len(ix.Articles)
	uf := newAgrUnion(n)
	if n < 2 {
		return make([]int, n)
	}
	// Mentions per article and actor.
	counts := make([]map[int]int, n)
	for ai, a := range ix.Actors {
		for _, m := range a.Spans {
			if m.Sentence < 0 || m.Sentence >= len(ix.Sentences) {
				continue
			}
			art := ix.Sentences[m.Sentence].Article
			if counts[art] == nil {
				counts[art] = map[int]int{}
			}
			counts[art][ai]++
		}
	}
	df := make([]int, len(ix.Actors))
	for _, c := range counts {
		for a := range c {
			df[a]++
		}
	}
	// Article vectors: log-scaled mentions. An actor in a large share of
	// a big corpus (a country everyone names) weighs less; in a small
	// corpus every actor counts in full, so five reports of one summit
	// group however many actors each adds of its own.
	type entry struct {
		actor int
		w     float64
	}
	hub := n / 5
	vecs := make([][]entry, n)
	sums := make([]float64, n)
	for art, c := range counts {
		for a, k := range c {
			w := 1 + math.Log(float64(k))
			if n >= 20 && df[a] > hub {
				w *= math.Max(0.1, math.Log(float64(n)/float64(df[a]))/math.Log(float64(n)/float64(hub)))
			}
			vecs[art] = append(vecs[art], entry{a, w})
		}
		// Sorted before summing, so the sum does not depend on map order.
		sort.Slice(vecs[art], func(i, j int) bool { return vecs[art][i].actor < vecs[art][j].actor })
		for _, e := range vecs[art] {
			sums[art] += e.w
		}
	}
	// Candidate pairs share an actor that is not everywhere.
	byActor := make([][]int, len(ix.Actors))
	for art, v := range vecs {
		for _, e := range v {
			byActor[e.actor] = append(byActor[e.actor], art)
		}
	}
	// Overlap coefficient: the weight two articles share over the weight
	// of the smaller, so a short report inside a long one still groups.
	// Two articles that both name people must share one of them: a city
	// or a country is the setting of many stories.
	hasPerson := make([]bool, n)
	for art, v := range vecs {
		for _, e := range v {
			if ix.Actors[e.actor].Kind == ActorPerson {
				hasPerson[art] = true
			}
		}
	}
	overlap := func(x, y int) float64 {
		a, b := vecs[x], vecs[y]
		s, i, j := 0.0, 0, 0
		person := false
		for i < len(a) && j < len(b) {
			switch {
			case a[i].actor < b[j].actor:
				i++
			case a[i].actor > b[j].actor:
				j++
			default:
				s += math.Min(a[i].w, b[j].w)
				person = person || ix.Actors[a[i].actor].Kind == ActorPerson
				i++
				j++
			}
		}
		if hasPerson[x] && hasPerson[y] && !person {
			return 0
		}
		return s / math.Min(sums[x], sums[y])
	}
	// The pairs tried: a bit per pair while that is small, else a map.
	var seenBits []uint64
	var seenMap map[uint64]bool
	if n <= storyDensePairs {
		seenBits = make([]uint64, (n*n+63)/64)
	} else {
		seenMap = map[uint64]bool{}
	}
	trySeen := func(x, y int) bool {
		if seenBits != nil {
			k := x*n + y
			w, bit := k>>6, uint64(1)<<(k&63)
			was := seenBits[w]&bit != 0
			seenBits[w] |= bit
			return was
		}
		k := uint64(x)<<32 | uint64(y)
		was := seenMap[k]
		seenMap[k] = true
		return was
	}
	for _, arts := range byActor {
		if len(arts) < 2 || len(arts) > storyMaxBucket {
			continue
		}
		for i := 0; i < len(arts); i++ {
			for j := i + 1; j < len(arts); j++ {
				x, y := arts[i], arts[j]
				if uf.find(x) == uf.find(y) || trySeen(x, y) {
					continue
				}
				if sums[x] > 0 && sums[y] > 0 && overlap(x, y) >= storyMinOverlap {
					uf.union(x, y)
				}
			}
		}
	}
	out := make([]int, n)
	for i := range out {
		out[i] = uf.find(i)
		// An article that names no actor cannot be placed: -1 lets it
		// meet every story.
		if len(vecs[i]) == 0 {
			out[i] = -1
		}
	}
	return out
}
