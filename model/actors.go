package model

import (
	"hash/maphash"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
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
	f := gazFold(actSingleSpaced(name))
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
	chunks := (len(ix.Sentences) + actScanChunk - 1) / actScanChunk
	workers := parallelWorkers(chunks)
	scanners := make([]*actScanner, workers)
	for w := range scanners {
		scanners[w] = newActScanner()
	}
	chunkCands := make([][]actCand, chunks)
	ix.actWords = make([]*actKeptWords, chunks)
	forChunksParallel(len(ix.Sentences), actScanChunk, workers, func(w, lo, hi int) {
		sc := scanners[w]
		bytes := 0
		for si := lo; si < hi; si++ {
			bytes += len(ix.Sentences[si].Text)
		}
		// About one name per 60 bytes.
		sc.cands = make([]actCand, 0, bytes/60+16)
		// The words are kept for the topic scan, a chunk of sentences at
		// a time (one worker gets all sentences as one chunk). The chunks
		// of the range share one array, about one word per five bytes:
		// one allocation, sized by the text rather than by the largest
		// chunk.
		words := make([]actTokLite, 0, bytes/5+64)
		for clo := lo; clo < hi; clo += actScanChunk {
			chi := min(clo+actScanChunk, hi)
			if cap(words)-len(words) < sc.keptHint {
				// Short of room for a chunk like the largest so far: a new
				// array for the rest, so that growing copies no earlier chunk.
				words = make([]actTokLite, 0, sc.keptHint*((hi-clo)/actScanChunk+1))
			}
			base := len(words)
			kw := &actKeptWords{at: make([]int32, 0, chi-clo)}
			kw.folds = make([]string, 0, sc.foldsHint)
			for si := clo; si < chi; si++ {
				text := ix.Sentences[si].Text
				sc.scanSentence(si, text)
				words = kw.keep(words, base, text, sc.toks)
			}
			kw.words = words[base:len(words):len(words)]
			sc.keptHint = max(sc.keptHint, len(kw.words))
			sc.foldsHint = max(sc.foldsHint, len(kw.folds))
			ix.actWords[clo/actScanChunk] = kw
		}
		chunkCands[lo/actScanChunk] = sc.cands
	})
	sc := scanners[0]
	if workers > 1 {
		total := 0
		for _, cs := range chunkCands {
			total += len(cs)
		}
		sc.cands = make([]actCand, 0, total)
		for _, cs := range chunkCands {
			sc.cands = append(sc.cands, cs...)
		}
	}
	sc.markLower(ix)
	return sc
}

// actKeptWords are the words of a chunk of sentences, kept from the actor
// scan for the topic scan. They hold no pointers but the folds that are
// not the words themselves, so that keeping them costs the collector
// little.
type actKeptWords struct {
	at    []int32 // per sentence of the chunk: the end of its words
	words []actTokLite
	folds []string
}

// actTokLite is the part of an actTok the topic scan reads.
type actTokLite struct {
	start, end int32
	fold       int32 // index into actKeptWords.folds, -1 when the fold is the word
	flags      uint8 // actSep in the low bits, then actLite*
}

const (
	actLiteCap = 4 << iota
	actLiteAllCaps
	actLiteNumber
	actLiteInitial
)

// keep appends the words of one sentence to words, where the chunk's
// words start at base, and returns it.
func (kw *actKeptWords) keep(words []actTokLite, base int, text string, toks []actTok) []actTokLite {
	for i := range toks {
		t := &toks[i]
		l := actTokLite{start: t.start, end: t.end, fold: -1, flags: uint8(t.sep)}
		if t.ownFold {
			l.fold = int32(len(kw.folds))
			kw.folds = append(kw.folds, t.fold)
		}
		if t.cap {
			l.flags |= actLiteCap
		}
		if t.allCaps {
			l.flags |= actLiteAllCaps
		}
		if t.number {
			l.flags |= actLiteNumber
		}
		if t.initial {
			l.flags |= actLiteInitial
		}
		words = append(words, l)
	}
	kw.at = append(kw.at, int32(len(words)-base))
	return words
}

// markLower fills sc.lower from every sentence's words (ix.actWords). Most lower-case
// words are no name's word: a bit set of the names' words' hashes, small
// enough to stay in cache, turns most of them away before the map. A bit
// is cleared once all its words are found in lower case, so that a common
// word ("police") goes to the map only until it is first seen.
func (sc *actScanner) markLower(ix *Index) {
	sc.lower = make(map[string]bool, len(sc.cands)/2+64)
	const bloomBits = 1 << 18
	bloom := make([]uint64, bloomBits/64)
	// Words of each bit not yet seen in lower case; a count that reaches
	// 255 stays there and its bit set.
	pending := make([]uint8, bloomBits)
	seed := maphash.MakeSeed()
	// Only the words resolve can ask about go in (commonWord and
	// plausibleSingle, on the first word of a candidate once resolve has
	// dropped words from its front): never a gazetteer hit's, a weak or
	// quoted name's, nor a common word's (those are answered before
	// sc.lower is asked, and "of", "the" are among them: left out, they
	// stop at the bit set). resolve drops words other than common ones
	// only at a sentence start (c.initial), so elsewhere only the first
	// word that is not common can be asked about.
	for i := range sc.cands {
		c := &sc.cands[i]
		if c.gaz >= 0 || c.weak || c.quoted && len(c.toks) > 1 {
			continue
		}
		for k := range c.toks {
			t := &c.toks[k]
			if sc.g.nameIs(t, actWNonname) {
				continue
			}
			if _, ok := sc.lower[t.fold]; !ok {
				sc.lower[t.fold] = false
				h := maphash.String(seed, t.fold) % bloomBits
				bloom[h/64] |= 1 << (h % 64)
				if pending[h] < 255 {
					pending[h]++
				}
			}
			if !c.initial {
				break
			}
		}
	}
	for c, kw := range ix.actWords {
		si, from := c*actScanChunk, int32(0)
		for _, to := range kw.at {
			text := ix.Sentences[si].Text
			for _, l := range kw.words[from:to] {
				if l.flags&(actLiteCap|actLiteNumber) != 0 {
					continue
				}
				fold := text[l.start:l.end]
				if l.fold >= 0 {
					fold = kw.folds[l.fold]
				}
				h := maphash.String(seed, fold) % bloomBits
				if bloom[h/64]&(1<<(h%64)) == 0 {
					continue
				}
				if seen, ok := sc.lower[fold]; ok && !seen {
					sc.lower[fold] = true
					if pending[h] < 255 {
						if pending[h]--; pending[h] == 0 {
							bloom[h/64] &^= 1 << (h % 64)
						}
					}
				}
			}
			si, from = si+1, to
		}
	}
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
	order := r.textOrder()
	keptOrder := make([]int32, 0, len(order))
	perEnt := make([]int, len(r.ents))
	for _, oi := range order {
		h := &r.hits[oi]
		if drop[h.ent] {
			continue
		}
		if o := outlets[r.article(h.sent)]; o != "" && len(h.surface) >= len(o) && len(h.surface) <= 2*len(o)+2 && strings.ReplaceAll(gazFold(h.surface), " ", "") == o {
			continue
		}
		keptOrder = append(keptOrder, oi)
		perEnt[h.ent]++
	}
	// Each entity's hits, in text order, cut from one array.
	byEnt := make([][]int, len(r.ents))
	all := make([]int, len(keptOrder))
	for e, n := range perEnt {
		byEnt[e], all = all[:0:n], all[n:]
	}
	for _, oi := range keptOrder {
		e := r.hits[oi].ent
		byEnt[e] = append(byEnt[e], int(oi))
	}
	type ranked struct {
		a               *Actor
		total, was, ent int
	}
	var rank []ranked
	for e, hits := range byEnt {
		if len(hits) == 0 {
			continue
		}
		a := r.actor(e, hits)
		rank = append(rank, ranked{a, actTotal(a), len(rank), e})
	}
	var actors []*Actor // nil when there are none, as before
	if len(rank) > 0 {
		actors = make([]*Actor, len(rank))
	}
	// Ties keep their order (a stable sort, made by the index: faster).
	slices.SortFunc(rank, func(x, y ranked) int {
		if x.total != y.total {
			return y.total - x.total
		}
		if c := strings.Compare(x.a.Name, y.a.Name); c != 0 {
			return c
		}
		return x.was - y.was
	})
	for i := range rank {
		actors[i] = rank[i].a
	}
	ids := make(slugger, len(actors))
	ix.actorByName = make(map[string]int, 2*len(actors))
	for i, a := range actors {
		a.ID = ids.unique(a.Name)
		for k := -1; k < len(a.Aliases); k++ {
			n := a.Name
			if k >= 0 {
				n = a.Aliases[k]
			}
			key := actNameKey(n)
			if _, ok := ix.actorByName[key]; !ok {
				ix.actorByName[key] = i
			}
		}
	}
	ix.Actors = actors
	// The per-sentence lookup, straight from the ordered hits.
	entActor := make([]int, len(r.ents))
	for i := range rank {
		entActor[rank[i].ent] = i
	}
	// keptOrder is in text order, so sentence by sentence.
	ix.actorRefs = make([]ActorRef, len(keptOrder))
	ix.actorRefStart = make([]int32, len(ix.Sentences)+1)
	for k, hi := range keptOrder {
		h := &r.hits[hi]
		ix.actorRefStart[h.sent+1]++
		ix.actorRefs[k] = ActorRef{Actor: entActor[h.ent], Start: int(h.start), End: int(h.end), Role: h.role}
	}
	for s := 1; s < len(ix.actorRefStart); s++ {
		ix.actorRefStart[s] += ix.actorRefStart[s-1]
	}
}

// actSingleSpaced is strings.Join(strings.Fields(s), " "), without
// allocating when s is already so.
func actSingleSpaced(s string) string {
	prevSpace := true // no space at the start
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return strings.Join(strings.Fields(s), " ")
		}
		if asciiSpace[c] {
			if c != ' ' || prevSpace {
				return strings.Join(strings.Fields(s), " ")
			}
			prevSpace = true
			continue
		}
		prevSpace = false
	}
	if prevSpace && s != "" {
		return strings.Join(strings.Fields(s), " ") // a space at the end
	}
	return s
}

// textOrder is the indexes of r.hits by sentence, then start, then
// index: counted out by sentence (keeping the index order), then sorted
// by start within each sentence.
func (r *actResolver) textOrder() []int32 {
	at := make([]int32, len(r.ix.Sentences)+1)
	for i := range r.hits {
		at[r.hits[i].sent+1]++
	}
	for s := 1; s < len(at); s++ {
		at[s] += at[s-1]
	}
	order := make([]int32, len(r.hits))
	fill := append([]int32(nil), at[:len(at)-1]...)
	for i := range r.hits {
		s := r.hits[i].sent
		order[fill[s]] = int32(i)
		fill[s]++
	}
	byStart := func(a, b int32) int {
		if sa, sb := r.hits[a].start, r.hits[b].start; sa != sb {
			return int(sa - sb)
		}
		return int(a - b)
	}
	for s := 0; s+1 < len(at); s++ {
		if part := order[at[s]:at[s+1]]; len(part) > 1 {
			slices.SortFunc(part, byStart)
		}
	}
	return order
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
	a := &Actor{Kind: en.kind, Mentions: map[string]int{}}
	// Made when a second spelling turns up: most actors have one.
	var surfaces map[string]int
	a.Spans = make([]Mention, 0, len(hits))
	// Hits come in text order, so a run of them shares an article and
	// often a spelling: counted as runs, they take fewer map updates.
	art, artN := -1, 0
	surf, surfN := "", 0
	var file string
	for _, hi := range hits {
		h := &r.hits[hi]
		if ai := r.article(h.sent); ai != art {
			if artN > 0 {
				a.Mentions[file] += artN
			}
			art, artN, file = ai, 0, r.ix.Articles[ai].File
		}
		artN++
		if surface := actSingleSpaced(h.surface); surface != surf || surfN == 0 {
			if surfN > 0 {
				if surfaces == nil {
					surfaces = map[string]int{}
				}
				surfaces[surf] += surfN
			}
			surf, surfN = surface, 0
		}
		surfN++
		a.Spans = append(a.Spans, Mention{Sentence: int(h.sent), Start: int(h.start), End: int(h.end), Role: h.role})
		if h.role == "" && len(h.roles) == 0 {
			continue
		}
		for _, role := range append([]string{h.role}, h.roles...) {
			if role != "" && !actContains(a.Roles[file], role) {
				if a.Roles == nil {
					a.Roles = map[string][]string{}
				}
				a.Roles[file] = append(a.Roles[file], role)
			}
		}
	}
	if artN > 0 {
		a.Mentions[file] += artN
	}
	switch {
	case surfaces == nil:
		// One spelling: the alias and, failing an entry, the name.
		a.Aliases = []string{surf}
		a.Name = surf
	default:
		surfaces[surf] += surfN
		for s := range surfaces {
			a.Aliases = append(a.Aliases, s)
		}
		sort.Strings(a.Aliases)
		a.Name = actBestSurface(surfaces, en.person)
	}
	if en.gaz >= 0 {
		a.Name = r.g.entries[en.gaz].Name
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
		if strings.IndexByte(s, ' ') >= 0 && actUpperCase(s) {
			n -= 1 << 10 // "DONALD TRUMP" only when nothing else is written
		}
		if n > bestN || n == bestN && (len(s) > len(best) || len(s) == len(best) && s < best) {
			best, bestN = s, n
		}
	}
	return best
}

// actUpperCase is strings.ToUpper(s) == s, without a copy for ASCII.
func actUpperCase(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf {
			return strings.ToUpper(s) == s
		} else if 'a' <= c && c <= 'z' {
			return false
		}
	}
	return true
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
	f := gazFold(name)
	b.Grow(len(f)) // a slug is never longer than the fold
	dash := false
	for _, r := range f {
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
