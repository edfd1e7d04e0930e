package model

import (
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Actors: who appears in the corpus, under every name each source uses.
//
// A rule-and-gazetteer matcher, in two passes. Sentence by sentence
// (actor_scan.go) it reads runs of capitalised words, strips the titles
// before them ("Russian President", "special envoy", reaching back over
// lower-case words) and after them ("Pabriks, the current chair of ..."),
// and looks the rest up in the gazetteer (gazetteer.go: countries with
// demonyms and seats of government, international bodies, places). Then,
// over the whole corpus (actor_resolve.go), full names of people are merged
// on last name and first name, allowing transliteration variants; a lone
// last name goes to the person the same article names in full; a lone
// capitalised word is kept only when a mid-sentence capital vouches for
// it; headlines only confirm names known from running text.

// ActorRef is one actor mention inside a sentence.
type ActorRef struct {
	Actor      int    // index into Index.Actors
	Start, End int    // byte range in Sentence.Text
	Role       string // title given at this mention ("former U.S. President"), if any
}

// SentenceActors returns the actor mentions of sentence s in text order;
// a title before a name is not a separate mention ("Russian President
// Vladimir Putin" is one mention of Putin with Role "Russian President").
// The slice is shared: do not modify it.
func (ix *Index) SentenceActors(s int) []ActorRef {
	if s < 0 || s+1 >= len(ix.actorRefStart) {
		return nil
	}
	return ix.actorRefs[ix.actorRefStart[s]:ix.actorRefStart[s+1]]
}

// ActorByName returns the index in Index.Actors of the actor with this
// name or alias (case and diacritics folded; "the" and a possessive "'s"
// ignored), or -1.
func (ix *Index) ActorByName(name string) int {
	f := actNameKey(name)
	if i, ok := ix.actorByName[f]; ok {
		return i
	}
	return -1
}

func actNameKey(name string) string {
	f := gazFold(strings.Join(strings.Fields(name), " "))
	f = strings.TrimPrefix(f, "the ")
	f = strings.TrimSuffix(f, "'s")
	return f
}

// indexActors fills Index.Actors and the per-sentence lookup.
func (ix *Index) indexActors() {
	sc := ix.scanActors()
	r := newActResolver(ix, sc)
	r.resolve()
	r.build()
}

// actScanChunk is how many sentences a worker scans at a time.
const actScanChunk = 128

// scanActors reads every sentence's names on every core: chunks of
// sentences are scanned on their own and their names joined in sentence
// order, so the result is that of one scan in order.
func (ix *Index) scanActors() *actScanner {
	n := 0
	for i := range ix.Sentences {
		n += len(ix.Sentences[i].Text)
	}
	chunks := (len(ix.Sentences) + actScanChunk - 1) / actScanChunk
	workers := parallelWorkers(chunks)
	scanners := make([]*actScanner, workers)
	for w := range scanners {
		scanners[w] = newActScanner()
		// About one new lower-case word per 40 bytes of text: sized once
		// rather than grown.
		scanners[w].lower = make(map[string]struct{}, n/40/workers+64)
	}
	chunkCands := make([][]actCand, chunks)
	forChunksParallel(len(ix.Sentences), actScanChunk, workers, func(w, lo, hi int) {
		sc := scanners[w]
		bytes := 0
		for si := lo; si < hi; si++ {
			bytes += len(ix.Sentences[si].Text)
		}
		// About one name per 60 bytes.
		sc.cands = make([]actCand, 0, bytes/60+16)
		for si := lo; si < hi; si++ {
			sc.scanSentence(si, ix.Sentences[si].Text)
		}
		chunkCands[lo/actScanChunk] = sc.cands
	})
	sc := scanners[0]
	if workers == 1 {
		return sc
	}
	total := 0
	for _, cs := range chunkCands {
		total += len(cs)
	}
	sc.cands = make([]actCand, 0, total)
	for _, cs := range chunkCands {
		sc.cands = append(sc.cands, cs...)
	}
	for _, o := range scanners[1:] {
		for w := range o.lower {
			sc.lower[w] = struct{}{}
		}
	}
	return sc
}

// build turns the resolved hits into Index.Actors, dropping the articles'
// own authors and each outlet naming itself.
func (r *actResolver) build() {
	ix := r.ix
	authors := map[string]bool{}
	for _, a := range ix.Articles {
		for _, n := range actBylineNames(a.Byline) {
			authors[n] = true
		}
	}
	drop := make([]bool, len(r.ents))
	for key, e := range r.fullEnt {
		if authors[key] {
			drop[e] = true
		}
	}
	for key, e := range r.keyEnt {
		if authors[key] {
			drop[e] = true
		}
	}
	outlets := make([]string, len(ix.Articles))
	for i, a := range ix.Articles {
		outlets[i] = strings.ReplaceAll(gazFold(a.Outlet), " ", "")
	}
	// Hits in text order: actors' spans and the per-sentence lookup follow it.
	order := make([]int32, len(r.hits))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int {
		ha, hb := &r.hits[a], &r.hits[b]
		switch {
		case ha.sent != hb.sent:
			return int(ha.sent - hb.sent)
		case ha.start != hb.start:
			return int(ha.start - hb.start)
		}
		return int(a - b)
	})
	byEnt := make([][]int, len(r.ents))
	for _, oi := range order {
		i := int(oi)
		h := &r.hits[i]
		if drop[h.ent] {
			continue
		}
		if o := outlets[r.article(h.sent)]; o != "" && len(h.surface) >= len(o) && len(h.surface) <= 2*len(o)+2 && strings.ReplaceAll(gazFold(h.surface), " ", "") == o {
			continue
		}
		byEnt[h.ent] = append(byEnt[h.ent], i)
	}
	var actors []*Actor
	actorEnt := map[*Actor]int{}
	for e, hits := range byEnt {
		if len(hits) == 0 {
			continue
		}
		a := r.actor(e, hits)
		actors = append(actors, a)
		actorEnt[a] = e
	}
	totals := make(map[*Actor]int, len(actors))
	for _, a := range actors {
		totals[a] = actTotal(a)
	}
	sort.SliceStable(actors, func(a, b int) bool {
		ta, tb := totals[actors[a]], totals[actors[b]]
		if ta != tb {
			return ta > tb
		}
		return actors[a].Name < actors[b].Name
	})
	ids := slugger{}
	ix.actorByName = map[string]int{}
	for i, a := range actors {
		a.ID = ids.unique(a.Name)
		for _, n := range append([]string{a.Name}, a.Aliases...) {
			if _, ok := ix.actorByName[actNameKey(n)]; !ok {
				ix.actorByName[actNameKey(n)] = i
			}
		}
	}
	ix.Actors = actors
	// The per-sentence lookup, straight from the ordered hits.
	entActor := make([]int, len(r.ents))
	for i, a := range actors {
		entActor[actorEnt[a]] = i
	}
	ix.actorRefs = make([]ActorRef, 0, len(r.hits))
	ix.actorRefStart = make([]int32, len(ix.Sentences)+1)
	for _, hits := range byEnt {
		for _, hi := range hits {
			ix.actorRefStart[r.hits[hi].sent+1]++
		}
	}
	for s := 1; s < len(ix.actorRefStart); s++ {
		ix.actorRefStart[s] += ix.actorRefStart[s-1]
	}
	ix.actorRefs = ix.actorRefs[:ix.actorRefStart[len(ix.Sentences)]]
	fill := append([]int32(nil), ix.actorRefStart[:len(ix.Sentences)]...)
	kept := make([]bool, len(r.hits))
	for _, hits := range byEnt {
		for _, hi := range hits {
			kept[hi] = true
		}
	}
	for _, hi := range order {
		if !kept[hi] {
			continue
		}
		h := &r.hits[hi]
		ix.actorRefs[fill[h.sent]] = ActorRef{Actor: entActor[h.ent], Start: int(h.start), End: int(h.end), Role: h.role}
		fill[h.sent]++
	}
}

func actTotal(a *Actor) int {
	t := 0
	for _, n := range a.Mentions {
		t += n
	}
	return t
}

// actor assembles one actor from its hits.
func (r *actResolver) actor(e int, hits []int) *Actor {
	en := r.ents[e]
	a := &Actor{Kind: en.kind, Mentions: map[string]int{}, Roles: map[string][]string{}}
	surfaces := map[string]int{}
	for _, hi := range hits {
		h := &r.hits[hi]
		file := r.ix.Articles[r.article(h.sent)].File
		a.Mentions[file]++
		surface := strings.Join(strings.Fields(h.surface), " ")
		surfaces[surface]++
		a.Spans = append(a.Spans, Mention{Sentence: int(h.sent), Start: int(h.start), End: int(h.end), Role: h.role})
		for _, role := range append([]string{h.role}, h.roles...) {
			if role != "" && !actContains(a.Roles[file], role) {
				a.Roles[file] = append(a.Roles[file], role)
			}
		}
	}
	for s := range surfaces {
		a.Aliases = append(a.Aliases, s)
	}
	sort.Strings(a.Aliases)
	switch {
	case en.gaz >= 0:
		a.Name = r.g.entries[en.gaz].Name
	case en.person:
		a.Name = actBestSurface(surfaces, true)
	default:
		a.Name = actBestSurface(surfaces, false)
	}
	if a.Kind == "" {
		// A one-word name never given in full: a person only when a title
		// says so ("Gen. Smith"), a place when used as one ("in Qeshm"),
		// else a company, a brand or a body.
		switch {
		case en.titled > 0:
			a.Kind = ActorPerson
		case en.loc > en.per:
			a.Kind = ActorPlace
		default:
			a.Kind = ActorOrganization
		}
	}
	if len(a.Roles) == 0 {
		a.Roles = nil
	}
	return a
}

// actBestSurface: the most used spelling; for people a full name wins over
// a last name alone; ties go to the longer, then the first in order.
func actBestSurface(surfaces map[string]int, fullFirst bool) string {
	best, bestN := "", math.MinInt
	for s, n := range surfaces {
		if fullFirst && !strings.Contains(s, " ") {
			n -= 1 << 20
		}
		if strings.ToUpper(s) == s && strings.ContainsAny(s, " ") {
			n -= 1 << 10 // "DONALD TRUMP" only when nothing else is written
		}
		if n > bestN || n == bestN && (len(s) > len(best) || len(s) == len(best) && s < best) {
			best, bestN = s, n
		}
	}
	return best
}

func actContains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// actBylineNames are the folded author names of a byline ("By A and B, Outlet").
func actBylineNames(byline string) []string {
	var out []string
	f := gazFold(byline)
	f = strings.TrimPrefix(f, "by ")
	for _, part := range strings.FieldsFunc(f, func(r rune) bool { return r == ',' || r == '&' || r == ';' || r == '|' }) {
		for _, n := range strings.Split(part, " and ") {
			n = strings.Join(strings.Fields(n), " ")
			if strings.Contains(n, " ") {
				out = append(out, n)
			}
		}
	}
	return out
}

// actSlug is an ID made of the name: "Vladimir Putin" -> "vladimir-putin".
func actSlug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range gazFold(name) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// slugger hands out report IDs: the slug of a name, with -2, -3, ... for
// later names that slug the same.
type slugger map[string]int

func (s slugger) unique(name string) string {
	id := actSlug(name)
	s[id]++
	if n := s[id]; n > 1 {
		id += "-" + strconv.Itoa(n)
	}
	return id
}
