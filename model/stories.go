package model

import (
	"math"
)

// Tuning of story grouping.
const (
	storyMinOverlap = 0.5 // shared actor weight over the smaller article's
	storyMaxBucket  = 400 // an actor in more articles than this groups nothing
)

// articleStories groups articles into stories: articles whose actors
// (people, organisations, places, weighted by how rare they are across the
// corpus and how often the article names them) are alike cover the same
// story. A corpus about one event is one story; a mixed feed of many events
// is many, and claims of different stories are never compared: "at least
// 20 people were killed" in two stories is two tolls, not a contradiction.
// It returns each article's story as the index of its first article, or
// -1 for an article without actors.
//
// Every pair of articles that share an actor bucket is tested once (a mark
// per article instead of a set of pairs), and the union-find roots every
// story at its smallest article, so the order the pairs are tested in does
// not show in the result.
func articleStories(ix *Index) []int {
	n := len(ix.Articles)
	if n < 2 {
		return make([]int, n)
	}
	// Mentions per article, as actor indexes: appended actor by actor, so
	// each article's run is sorted and the mentions of one actor adjacent.
	perArt := make([]int32, n+1)
	for _, a := range ix.Actors {
		for _, m := range a.Spans {
			if m.Sentence >= 0 && m.Sentence < len(ix.Sentences) {
				perArt[ix.Sentences[m.Sentence].Article+1]++
			}
		}
	}
	for i := 1; i <= n; i++ {
		perArt[i] += perArt[i-1]
	}
	mentions := make([]int32, perArt[n])
	fill := append([]int32(nil), perArt[:n]...)
	for ai, a := range ix.Actors {
		for _, m := range a.Spans {
			if m.Sentence >= 0 && m.Sentence < len(ix.Sentences) {
				art := ix.Sentences[m.Sentence].Article
				mentions[fill[art]] = int32(ai)
				fill[art]++
			}
		}
	}
	type entry struct {
		actor int
		k     int // mentions, then the weight below
		w     float64
	}
	vecs := make([][]entry, n)
	df := make([]int, len(ix.Actors))
	all := make([]entry, 0, len(mentions))
	for art := range vecs {
		ms := mentions[perArt[art]:perArt[art+1]]
		from := len(all)
		for i := 0; i < len(ms); {
			j := i + 1
			for j < len(ms) && ms[j] == ms[i] {
				j++
			}
			all = append(all, entry{actor: int(ms[i]), k: j - i})
			df[ms[i]]++
			i = j
		}
		if len(all) > from {
			vecs[art] = all[from:len(all):len(all)]
		}
	}
	isPerson := make([]bool, len(ix.Actors))
	for a := range ix.Actors {
		isPerson[a] = ix.Actors[a].Kind == ActorPerson
	}
	hub := n / 5
	sums := make([]float64, n)
	for art, v := range vecs {
		for i := range v {
			a := v[i].actor
			w := 1 + math.Log(float64(v[i].k))
			if n >= 20 && df[a] > hub {
				w *= math.Max(0.1, math.Log(float64(n)/float64(df[a]))/math.Log(float64(n)/float64(hub)))
			}
			v[i].w = w
		}
		for _, e := range v {
			sums[art] += e.w
		}
	}
	byActor := make([][]int, len(ix.Actors))
	for art, v := range vecs {
		for _, e := range v {
			byActor[e.actor] = append(byActor[e.actor], art)
		}
	}
	hasPerson := make([]bool, n)
	for art, v := range vecs {
		for _, e := range v {
			if isPerson[e.actor] {
				hasPerson[art] = true
			}
		}
	}
	// The vectors again as parallel arrays of actors and weights, which
	// the merge below reads faster.
	ids := make([]int32, len(all))
	ws := make([]float64, len(all))
	for k, e := range all {
		ids[k], ws[k] = int32(e.actor), e.w
	}
	at := make([]int, n+1) // vecs[x] is all[at[x]:at[x+1]]
	for x := range vecs {
		at[x+1] = at[x] + len(vecs[x])
	}
	overlap := func(x, y int) float64 {
		a, b := ids[at[x]:at[x+1]], ids[at[y]:at[y+1]]
		aw, bw := ws[at[x]:at[x+1]], ws[at[y]:at[y+1]]
		s, i, j := 0.0, 0, 0
		person := false
		for i < len(a) && j < len(b) {
			switch {
			case a[i] < b[j]:
				i++
			case a[i] > b[j]:
				j++
			default:
				s += math.Min(aw[i], bw[j])
				person = person || isPerson[a[i]]
				i++
				j++
			}
		}
		if hasPerson[x] && hasPerson[y] && !person {
			return 0
		}
		return s / math.Min(sums[x], sums[y])
	}
	uf := newAgrUnion(n)
	mark := make([]int, n) // 1 + the last x that tested the article
	// 1 + the last x that shares a person with the article: two articles
	// that name people and share none do not overlap (overlap gives 0),
	// which saves most of the merges.
	samePerson := make([]int, n)
	for x, v := range vecs {
		if sums[x] <= 0 {
			continue
		}
		if hasPerson[x] {
			for _, e := range v {
				if isPerson[e.actor] {
					for _, y := range byActor[e.actor] {
						samePerson[y] = x + 1
					}
				}
			}
		}
		for _, e := range v {
			arts := byActor[e.actor]
			if len(arts) < 2 || len(arts) > storyMaxBucket {
				continue
			}
			for _, y := range arts {
				if y <= x || mark[y] == x+1 {
					continue
				}
				mark[y] = x + 1
				if hasPerson[x] && hasPerson[y] && samePerson[y] != x+1 {
					continue
				}
				if sums[y] > 0 && uf.find(x) != uf.find(y) && overlap(x, y) >= storyMinOverlap {
					uf.union(x, y)
				}
			}
		}
	}
	out := make([]int, n)
	for i := range out {
		out[i] = uf.find(i)
		if len(vecs[i]) == 0 {
			out[i] = -1
		}
	}
	return out
}
