package model

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"
)

// confSide is one claim on one side of a conflict with the value compared.
type confSide struct {
	claim      int
	value      string
	start, end int
	order      float64 // figures: the value's point, to list them in order
}

// confCandidate is a disagreement found by one detector, before duplicates
// of the same disagreement are merged.
type confCandidate struct {
	kind     string
	severity string
	score    float64
	what     string        // what the sources disagree on: "duration of the talks"
	whatFn   func() string // computes what, once per merged conflict
	whyFn    func() string // computes why, once per merged conflict
	why      string
	a, b     []confSide
	merge    string // candidates with one merge key are one conflict
	actors   []int
}

// Blocking keys shared by more entries than this are too generic to align
// on ("said", a unit everyone uses); skipping them keeps the cost linear.
const confMaxBucket = 48

// confFinder holds what the detectors share.
type confFinder struct {
	ix       *Index
	lx       *claimLexicon
	story    []int // per article: its story (stories.go)
	srcLabel []string
	lem      *lexLemmatizer
	cand     []confCandidate
	// antonymIDs maps a lemma to the lemmas antonyms.tsv opposes to it
	// (contra_frames.go), built on first use.
	antonymIDs [][]lemmaID
	// Per claim: its article and story, and the squared idf norm of its
	// sentence's lemmas (sentNorms, made on first use): the pair loops
	// read them for every pair they try.
	claimArt, claimStory []int32
	sentNorms            []float64
	// markW holds the squared weight of each lemma of claim marked, 0 for
	// the others (sentCosineFrom).
	markW  []float64
	marked int
}

// newConfFinder prepares what the conflict and agreement stages share.
func newConfFinder(ix *Index) *confFinder {
	f := &confFinder{ix: ix, lx: ix.claimLex, story: ix.claimLex.stories, srcLabel: ix.SourceLabels(), lem: newLexLemmatizer()}
	f.claimArt = make([]int32, len(ix.Claims))
	f.claimStory = make([]int32, len(ix.Claims))
	for ci := range ix.Claims {
		a := ix.Sentences[ix.Claims[ci].Sentence].Article
		f.claimArt[ci], f.claimStory[ci] = int32(a), int32(f.story[a])
	}
	return f
}

// sameArticle: two claims come from one article.
func (f *confFinder) sameArticle(a, b int) bool {
	x, y := f.claimArt[a], f.claimArt[b]
	return x == y || f.ix.Articles[x] == f.ix.Articles[y]
}

// sentOverlap is overlap of the sentence lemmas of two claims.
func (f *confFinder) sentOverlap(a, b int) (cos, shared float64) {
	f.makeSentNorms()
	return f.overlapNormed(f.ix.claimDetails[a].lemmas, f.ix.claimDetails[b].lemmas, f.sentNorms[a], f.sentNorms[b])
}

func (f *confFinder) makeSentNorms() {
	if f.sentNorms == nil {
		f.sentNorms = make([]float64, len(f.ix.claimDetails))
		for ci := range f.ix.claimDetails {
			var n float64
			for _, l := range f.ix.claimDetails[ci].lemmas {
				w := f.weight(l)
				n += w * w
			}
			f.sentNorms[ci] = n
		}
	}
}

// sentCosineFrom is the cosine of sentOverlap(x, y). Blocking pairs come
// with x fixed over a run of y, so x's lemmas are marked once for the run
// and each y costs one look-up per lemma; the shared lemmas are added in
// the same (sorted) order as overlap adds them.
func (f *confFinder) sentCosineFrom(x, y int) float64 {
	f.makeSentNorms()
	wa, wb := f.sentNorms[x], f.sentNorms[y]
	if wa == 0 || wb == 0 {
		return 0
	}
	if f.markW == nil || f.marked != x {
		if f.markW == nil {
			f.markW = make([]float64, len(f.lx.vocab))
		} else {
			for _, l := range f.ix.claimDetails[f.marked].lemmas {
				f.markW[l] = 0
			}
		}
		for _, l := range f.ix.claimDetails[x].lemmas {
			w := f.weight(l)
			f.markW[l] = w * w
		}
		f.marked = x
	}
	// A lemma x lacks adds 0, which leaves the sum as it was: the same
	// sum as adding the shared lemmas alone, without a branch or a second
	// look-up per lemma.
	var cos float64
	for _, l := range f.ix.claimDetails[y].lemmas {
		cos += f.markW[l]
	}
	return cos / math.Sqrt(wa*wb)
}

// overlapNormed is overlap given the sums of squared weights of a and b
// (the same sums, added in the same order, as overlap makes).
func (f *confFinder) overlapNormed(a, b []lemmaID, wa, wb float64) (cos, shared float64) {
	if wa == 0 || wb == 0 {
		return 0, 0
	}
	shared, cos = f.sharedSums(a, b)
	return cos / math.Sqrt(wa*wb), shared
}

// findConflicts aligns claims across sources and within one source and
// compares their slots: quantity intervals, titles, stances, lists of names,
// places, reference times and quoted wording. Every detector blocks on a
// shared key (actor, unit and context word, stance target, list item, event
// word), so the cost grows with the corpus, not with its square.
func (ix *Index) findConflicts() {
	if len(ix.claimDetails) != len(ix.Claims) || ix.claimLex == nil {
		return
	}
	f := newConfFinder(ix)
	f.numeric()
	f.roles()
	f.stances()
	f.negations()
	f.lists()
	f.places()
	f.firsts()
	f.labels()
	f.frameContradictions()
	ix.Conflicts = f.build()
}

// weight is a lemma's floored idf (claimLexicon.weight).
func (f *confFinder) weight(l lemmaID) float64 { return f.lx.weight[l] }

// overlap is the idf-weighted cosine of two sorted lemma sets and the
// weight of what they share.
func (f *confFinder) overlap(a, b []lemmaID) (cos, shared float64) {
	var wa, wb float64
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j >= len(b) || (i < len(a) && a[i] < b[j]):
			w := f.weight(a[i])
			wa += w * w
			i++
		case i >= len(a) || b[j] < a[i]:
			w := f.weight(b[j])
			wb += w * w
			j++
		default:
			w := f.weight(a[i])
			wa += w * w
			wb += w * w
			shared += w
			cos += w * w
			i++
			j++
		}
	}
	if wa == 0 || wb == 0 {
		return 0, 0
	}
	return cos / math.Sqrt(wa*wb), shared
}

// sharedWeight is overlap's shared weight alone (the same matches, added
// in the same order), for callers that do not need the cosine: weights
// are at least 0.5, so overlap's zero-norm case is the empty set, which
// shares nothing here too.
func (f *confFinder) sharedWeight(a, b []lemmaID) float64 {
	shared, _ := f.sharedSums(a, b)
	return shared
}

// sharedSums walks two sorted lemma sets once and adds up the weights of
// the lemmas they share and their squares, in order.
func (f *confFinder) sharedSums(a, b []lemmaID) (shared, squares float64) {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case b[j] < a[i]:
			j++
		default:
			w := f.weight(a[i])
			shared += w
			squares += w * w
			i++
			j++
		}
	}
	return shared, squares
}

func (f *confFinder) article(claim int) *Article {
	return f.ix.Articles[f.ix.Sentences[f.ix.Claims[claim].Sentence].Article]
}

// comparable: two claims come from articles on the same story.
func (f *confFinder) comparable(a, b int) bool {
	sa, sb := f.claimStory[a], f.claimStory[b]
	return sa == sb || sa < 0 || sb < 0
}

// storiesOf is the story of each of n blocking entries, entry i being a
// part of claim claimOf(i) (for confBlocks.storyPairs).
func (f *confFinder) storiesOf(n int, claimOf func(i int) int) []int32 {
	out := make([]int32, n)
	for i := range out {
		out[i] = f.claimStory[claimOf(i)]
	}
	return out
}

// sameSentenceText reports whether claims a and b quote the same words
// (one sentence syndicated twice), which is never a conflict.
func (f *confFinder) sameSentenceText(a, b int) bool {
	ix := f.ix
	return ix.Sentences[ix.Claims[a].Sentence].Text == ix.Sentences[ix.Claims[b].Sentence].Text
}

// confBlocks is a blocking index: entries (numbered densely from 0) under
// keys. Pairs are the entries that share a key, each pair once; keys held
// by more than confMaxBucket entries are too generic to align on ("said",
// a unit everyone uses) and are skipped, so the cost stays linear.
//
// add only records (entry, key) in one flat list; pairs sorts it into
// both directions at once, which spares a small slice per key and per
// entry.
type confBlocks[K comparable] struct {
	idx     map[K]int32
	last    []int32 // key -> the entry last added under it
	size    []int32 // key -> how many entries it holds
	adds    []confBlockAdd
	entries int  // 1 + the largest entry added
	unorder bool // an entry was added after a larger one
}

type confBlockAdd struct{ entry, key int32 }

func newConfBlocks[K comparable]() *confBlocks[K] {
	return &confBlocks[K]{idx: map[K]int32{}}
}

// newConfBlocksSized is newConfBlocks for about keys keys and adds
// entries under them: growing the map and the lists step by step costs
// more than the look-ups.
func newConfBlocksSized[K comparable](keys, adds int) *confBlocks[K] {
	return &confBlocks[K]{
		idx:  make(map[K]int32, keys),
		last: make([]int32, 0, keys), size: make([]int32, 0, keys),
		adds: make([]confBlockAdd, 0, adds),
	}
}

func (c *confBlocks[K]) add(k K, entry int) {
	b, ok := c.idx[k]
	if !ok {
		b = int32(len(c.last))
		c.idx[k] = b
		c.last = append(c.last, -1)
		c.size = append(c.size, 0)
	}
	if c.last[b] == int32(entry) {
		return
	}
	c.last[b] = int32(entry)
	c.size[b]++
	c.adds = append(c.adds, confBlockAdd{int32(entry), b})
	c.unorder = c.unorder || entry+1 < c.entries
	c.entries = max(c.entries, entry+1)
}

// pairs calls fn(x, y), x < y, once for every pair of entries that share
// a key, in a fixed order: entries in order, each one's keys in the order
// they were added, each key's entries in the order they were added.
func (c *confBlocks[K]) pairs(fn func(x, y int)) { c.storyPairs(nil, fn) }

// storyPairs is pairs without the pairs of entries on different stories
// (story[e] is entry e's story, negative for none), which every detector
// drops first (confFinder.comparable): most pairs of a multi-story corpus
// are such, and testing them here spares a call and the look-ups of the
// detector. The pairs left come in the order pairs gives them.
func (c *confBlocks[K]) storyPairs(story []int32, fn func(x, y int)) {
	// Key -> entries and entry -> keys, both in the order of adds.
	keyAt := make([]int32, len(c.size)+1)
	for b, n := range c.size {
		keyAt[b+1] = keyAt[b] + n
	}
	entAt := make([]int32, c.entries+1)
	for _, a := range c.adds {
		entAt[a.entry+1]++
	}
	for x := range c.entries {
		entAt[x+1] += entAt[x]
	}
	lists := make([]int32, len(c.adds))
	of := make([]int32, len(c.adds))
	// Where each entry stands in the list of each of its keys: entries
	// added in order make every list ascending, so the entries after x in
	// a list are the ones greater than x.
	at := make([]int32, len(c.adds))
	keyFill := append([]int32(nil), keyAt[:len(c.size)]...)
	entFill := append([]int32(nil), entAt[:c.entries]...)
	for _, a := range c.adds {
		lists[keyFill[a.key]] = a.entry
		keyFill[a.key]++
		of[entFill[a.entry]] = a.key
		at[entFill[a.entry]] = keyFill[a.key] // one past its place
		entFill[a.entry]++
	}
	// The story of each entry of lists, read in the same sequence.
	var listStory []int32
	if story != nil {
		listStory = make([]int32, len(lists))
		for i, y := range lists {
			listStory[i] = story[y]
		}
	}
	stamp := make([]int32, c.entries)
	for i := range stamp {
		stamp[i] = -1
	}
	for x := range c.entries {
		sx := int32(-1)
		if story != nil {
			sx = story[x]
		}
		for k := entAt[x]; k < entAt[x+1]; k++ {
			b := of[k]
			if c.size[b] > confMaxBucket {
				continue
			}
			from := keyAt[b]
			if !c.unorder {
				from = at[k]
			}
			for i := from; i < keyAt[b+1]; i++ {
				y := lists[i]
				if int(y) <= x || stamp[y] == int32(x) {
					continue
				}
				if sx >= 0 {
					if sy := listStory[i]; sy >= 0 && sy != sx {
						continue
					}
				}
				stamp[y] = int32(x)
				fn(x, int(y))
			}
		}
	}
}

// --- numbers ---------------------------------------------------------------

// numericAligned: the words next to two figures are alike and their
// contexts share enough (the near-paraphrase case of numeric).
func (f *confFinder) numericAligned(a, b *confQty) bool {
	frame, _ := f.overlap(a.frame, b.frame)
	if frame < 0.5 {
		return false
	}
	return f.sharedWeight(a.ctx, b.ctx) >= 3
}

type confQty struct {
	claim int
	q     Quantity
	ctx   []lemmaID
	frame []lemmaID
	event bool // how long an event lasted
	modal string
	dim   string
}

// numeric compares quantities of one dimension whose contexts align ("hours
// of talks", "talks lasting ... hours"): disjoint intervals are a hard
// conflict; an expectation against a reported outcome is soft; a preview's
// forecast against a report is none.
func (f *confFinder) numeric() {
	nq := 0
	for ci := range f.ix.Claims {
		nq += len(f.ix.Claims[ci].Quantities)
	}
	qs := make([]confQty, 0, nq) // sized once: the entries are large
	type qkey struct {
		dim string
		l   lemmaID
	}
	blocks := newConfBlocks[qkey]()
	for ci := range f.ix.claimDetails {
		d := &f.ix.claimDetails[ci] // a pointer: a claimDetail is 13 slices
		c := &f.ix.Claims[ci]
		for qi, q := range c.Quantities {
			dim, _ := quantityDim(q)
			if dim == "number" {
				continue
			}
			// A duration measures the event the sentence is about, so the
			// event words of the whole sentence join its context; a count
			// is of what stands next to it.
			ctx := d.qctx[qi]
			if dim == "duration" {
				ctx = append([]lemmaID(nil), ctx...)
				for _, l := range d.lemmas {
					if f.lx.event[l] {
						ctx = append(ctx, l)
					}
				}
				ctx = lemmaSet(ctx)
			}
			id := len(qs)
			qs = append(qs, confQty{claim: ci, q: q, ctx: ctx, frame: d.qframe[qi], event: d.qevent[qi], modal: d.qmodal[qi], dim: dim})
			for _, l := range ctx {
				blocks.add(qkey{dim, l}, id)
			}
		}
	}
	blocks.storyPairs(f.storiesOf(len(qs), func(i int) int { return qs[i].claim }), func(x, y int) {
		// Pointers: copies would escape to the heap (whatFn keeps them)
		// for every pair tried, not only for the candidates.
		a, b := &qs[x], &qs[y]
		if !f.comparable(a.claim, b.claim) {
			return
		}
		if a.claim == b.claim || f.sameSentenceText(a.claim, b.claim) {
			return
		}
		// Cheap tests first: most aligned figures agree.
		if (a.modal == "") == (b.modal == "") && (a.modal != "" || !quantitiesDisjoint(a.q, b.q)) {
			return
		}
		crossSource := f.article(a.claim) != f.article(b.claim)
		// Three ways two figures can be about one thing:
		//   the length in minutes to weeks of the event the sentences
		//   are about ("nearly three hours of talks" / "the meeting
		//   lasted over three hours");
		//   a toll of an event next to the figure ("killed 38" /
		//   "40 dead"), in sentences that are alike;
		//   anything else only in near-paraphrases from two sources.
		// The overlaps are worked out only when a case needs them: the
		// two last ways are for two sources only.
		strong, align := false, 0.0
		switch {
		case a.event && b.event && f.shareEvent(a.ctx, b.ctx):
			strong, align = true, 0.85
		case !crossSource:
			return
		default:
			sent, _ := f.sentOverlap(a.claim, b.claim)
			switch {
			case strings.HasPrefix(a.dim, "count:") && f.shareEvent(a.frame, b.frame) && sent >= 0.4:
				strong, align = true, 0.6+0.3*sent
			case sent >= 0.5 && f.numericAligned(a, b) && confSamePeople(f.ix.claimDetails[a.claim].persons, f.ix.claimDetails[b.claim].persons):
				strong, align = true, 0.5+0.3*sent
			default:
				return
			}
		}
		if confTimesDiffer(f.ix.Claims[a.claim].Times, f.ix.Claims[b.claim].Times) {
			return // figures for different times: a toll that grew, a later season
		}
		if f.figuresOfOthers(a, b) {
			return // one player's passes against another's
		}
		if a.q.Unit == "time" {
			return // "three times": how often, rarely one fact
		}
		pa, pb := confPoint(a.q), confPoint(b.q)
		if pa <= 0 || pb <= 0 || math.Max(pa, pb)/math.Min(pa, pb) > 20 {
			return // different orders of magnitude measure different things
		}
		disjoint := quantitiesDisjoint(a.q, b.q)
		artA, artB := f.article(a.claim), f.article(b.claim)
		ea, eb := confFuture(a.modal), confFuture(b.modal)
		if (ea && artA.Kind == KindPreview && !eb) || (eb && artB.Kind == KindPreview && !ea) {
			return // a forecast written before the event is not contradicted by its outcome
		}
		cand := confCandidate{kind: "numeric", score: align, whatFn: func() string { return f.numericWhat(*a, *b) }}
		switch {
		case (a.modal != "") != (b.modal != ""):
			ratio := math.Max(pa, pb) / math.Min(pa, pb)
			if !disjoint && ratio < 1.5 {
				return
			}
			exp, out := a, b
			if b.modal != "" {
				exp, out = b, a
			}
			cand.severity = SeveritySoft
			cand.score *= 0.8
			cand.why = fmt.Sprintf("an expectation (%s) against a reported figure (%s)", exp.q.Text, out.q.Text)
			cand.a = []confSide{{exp.claim, exp.q.Text, exp.q.Start, exp.q.End, confPoint(exp.q)}}
			cand.b = []confSide{{out.claim, out.q.Text, out.q.Start, out.q.End, confPoint(out.q)}}
			cand.merge = "numeric-exp|" + exp.dim + "|" + exp.q.Norm + "|" + itoa(exp.claim)
		case a.modal == "" && b.modal == "":
			if !disjoint {
				return
			}
			cand.severity = SeverityHard
			// Made only for the candidate a merged conflict keeps: a
			// corpus of many figures gives many candidates per conflict.
			cand.whyFn = func() string {
				return fmt.Sprintf("%s and %s cannot both be true", confIntervalWords(a.q), confIntervalWords(b.q))
			}
			// Exactly the bound the other hedge excludes ("nearly 3" vs "3"),
			// or counts reported on different days, can be rounding or news
			// that moved on.
			if !strong || confTouching(a.q, b.q) || (strings.HasPrefix(a.dim, "count:") && confDaysApart(artA, artB)) {
				cand.severity = SeveritySoft
				cand.score *= 0.7
			}
			lo, hi := a, b
			if confPoint(b.q) < confPoint(a.q) {
				lo, hi = b, a
			}
			cand.a = []confSide{{lo.claim, lo.q.Text, lo.q.Start, lo.q.End, confPoint(lo.q)}}
			cand.b = []confSide{{hi.claim, hi.q.Text, hi.q.Start, hi.q.End, confPoint(hi.q)}}
			cand.merge = "numeric|" + a.dim + "|" + lo.q.Norm + "|" + hi.q.Norm
		default:
			return
		}
		cand.actors = confSharedActors(f.ix.Claims[a.claim].Actors, f.ix.Claims[b.claim].Actors)
		f.cand = append(f.cand, cand)
	})
}

// Synonym classes that name events: a measure in a sentence about one is a
// measure of it.
var confEventClass = map[string]bool{
	"meeting": true, "ceasefire": true, "attack": true, "quake": true, "fire": true,
	"storm": true, "crash": true, "killed": true, "injured": true, "arrested": true,
}

// confSamePeople: two sentences name the same people, or neither names
// any; a figure about one player is not contradicted by another's.
func confSamePeople(a, b []string) bool {
	if len(a) == 0 && len(b) == 0 {
		return true
	}
	return confCountShared(a, b) > 0 && confCountShared(a, b) == min(len(a), len(b))
}

// confShortDuration: a duration in seconds to weeks, the span of an event
// rather than of a career or a war.
func confShortDuration(q Quantity) bool {
	switch q.Unit {
	case "second", "minute", "hour", "day", "week":
		return true
	}
	return false
}

func (f *confFinder) shareEvent(a, b []lemmaID) bool {
	j := 0
	for _, x := range a {
		for j < len(b) && b[j] < x {
			j++
		}
		if j < len(b) && b[j] == x && f.lx.event[x] {
			return true
		}
	}
	return false
}

func confFuture(modal string) bool { return modal == "expected" || modal == "planned" }

// confPoint is a quantity's most likely value in base units.
func confPoint(q Quantity) float64 {
	lo, hi := quantityBase(q)
	if math.IsInf(hi, 1) {
		return lo
	}
	if lo == 0 {
		return hi
	}
	return (lo + hi) / 2
}

// confTouching: the intervals meet at a point one of them excludes and the
// other is exactly that point.
func confTouching(a, b Quantity) bool {
	alo, ahi := quantityBase(a)
	blo, bhi := quantityBase(b)
	return (alo == ahi && (alo == bhi || alo == blo)) || (blo == bhi && (blo == ahi || blo == alo))
}

// confDaysApart: both articles are dated and more than a day apart.
func confDaysApart(a, b *Article) bool {
	if a.Date.IsZero() || b.Date.IsZero() {
		return false
	}
	return math.Abs(a.Date.Sub(b.Date).Hours()) > 36
}

// confIntervalWords says an interval in words: "under 3 hours".
func confIntervalWords(q Quantity) string {
	num := func(v float64) string { return strings.TrimSuffix(fmt.Sprintf("%.6g", v), ".0") }
	val := func(v float64) string {
		n := num(v)
		switch q.Unit {
		case "":
			return n
		case "percent":
			return n + "%"
		case "usd":
			return "$" + n
		case "eur":
			return "€" + n
		case "gbp":
			return "£" + n
		}
		u := q.Unit
		if v != 1 {
			if p, ok := confPluralUnits[u]; ok {
				u = p
			} else if !strings.HasSuffix(u, "s") {
				u += "s"
			}
		}
		return n + " " + u
	}
	switch {
	case math.IsInf(q.Hi, 1):
		return "at least " + val(q.Lo)
	case q.Lo == q.Hi:
		return val(q.Lo)
	case q.LoOpen:
		return "more than " + val(q.Lo)
	case q.HiOpen:
		return "under " + val(q.Hi)
	case q.Lo == 0:
		return "at most " + val(q.Hi)
	}
	return num(q.Lo) + " to " + val(q.Hi)
}

var confPluralUnits = map[string]string{"person": "people", "child": "children", "man": "men", "woman": "women", "age": "years of age", "century": "centuries", "foot": "feet"}

// numericWhat names what two quantities measure: "duration of the talks",
// "number of people killed".
func (f *confFinder) numericWhat(a, b confQty) string {
	noun := f.sharedSurface(a.claim, a.ctx, b.ctx)
	switch {
	case a.dim == "duration":
		if noun != "" {
			return "duration of the " + noun
		}
		return "duration"
	case strings.HasPrefix(a.dim, "count:"):
		s := "number of " + a.q.Unit
		if noun != "" {
			s += " (" + noun + ")"
		}
		return s
	case a.dim == "percent":
		if noun != "" {
			return "share (" + noun + ")"
		}
		return "share"
	}
	if noun != "" {
		return a.dim + " (" + noun + ")"
	}
	return a.dim
}

// sharedSurface finds the word of claim c's sentence whose lemma is the
// rarest lemma the two contexts share, as the sentence writes it.
func (f *confFinder) sharedSurface(c int, x, y []lemmaID) string {
	best, bestW := lemmaID(-1), -1.0
	j := 0
	for _, l := range x {
		for j < len(y) && y[j] < l {
			j++
		}
		if j < len(y) && y[j] == l {
			better := f.weight(l) > bestW
			if best >= 0 && f.lx.event[l] != f.lx.event[best] {
				better = f.lx.event[l]
			}
			if better {
				best, bestW = l, f.weight(l)
			}
		}
	}
	if best < 0 {
		return ""
	}
	for _, t := range ctokenize(f.ix.Sentences[f.ix.Claims[c].Sentence].Text) {
		if t.Kind == ctWord && !lexFunctionWords[t.Lower] && f.lem.lemma(t.Lower) == f.lx.vocab[best] {
			return t.Lower
		}
	}
	return f.lx.vocab[best]
}

func confSharedActors(a, b []int) []int {
	var out []int
	for _, x := range a {
		for _, y := range b {
			if x == y {
				out = append(out, x)
			}
		}
	}
	return out
}

// --- titles ----------------------------------------------------------------

type confRole struct {
	claim int
	rm    roleMention
}

// roles compares the titles given to one person: a former office against
// the same office held now (in the same or an unstated country), or one
// office of two countries. Each person's clash is one conflict across
// sources, and one more for each source that contradicts itself.
func (f *confFinder) roles() {
	byKey := map[string][]confRole{}
	var keys []string
	for ci := range f.ix.claimDetails {
		d := &f.ix.claimDetails[ci]
		for _, r := range d.roles {
			if r.role.base == "" {
				continue
			}
			if _, ok := byKey[r.key]; !ok {
				keys = append(keys, r.key)
			}
			byKey[r.key] = append(byKey[r.key], confRole{ci, r})
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		ms := byKey[k]
		if len(ms) > 4*confMaxBucket {
			ms = ms[:4*confMaxBucket]
		}
		// Group by office, then by time class and country.
		byBase := map[string][]confRole{}
		var bases []string
		for _, m := range ms {
			if _, ok := byBase[m.rm.role.base]; !ok {
				bases = append(bases, m.rm.role.base)
			}
			byBase[m.rm.role.base] = append(byBase[m.rm.role.base], m)
		}
		sort.Strings(bases)
		for _, base := range bases {
			group := byBase[base]
			var former, sitting []confRole
			for _, m := range group {
				if roleTimeClass(m.rm.role.temporal) == "former" {
					former = append(former, m)
				} else if roleTimeClass(m.rm.role.temporal) == "current" {
					sitting = append(sitting, m)
				}
			}
			// Only titles in a country the former title allows clash.
			var clashA, clashB []confRole
			for _, fm := range former {
				for _, sm := range sitting {
					if rolesClash(fm.rm.role, sm.rm.role) != "" {
						clashA = confAddRole(clashA, fm)
						clashB = confAddRole(clashB, sm)
					}
				}
			}
			if len(clashA) > 0 {
				f.roleConflicts(k, "former and sitting "+base, clashA, clashB)
			}
			// One office of two countries among sitting titles.
			byLand := map[string][]confRole{}
			var lands []string
			for _, m := range sitting {
				if j := m.rm.role.jurisdiction; j != "" {
					if _, ok := byLand[j]; !ok {
						lands = append(lands, j)
					}
					byLand[j] = append(byLand[j], m)
				}
			}
			sort.Strings(lands)
			for i := 0; i < len(lands); i++ {
				for j := i + 1; j < len(lands); j++ {
					f.roleConflicts(k, base+" of "+lands[i]+" or of "+lands[j], byLand[lands[i]], byLand[lands[j]])
				}
			}
		}
	}
}

func confAddRole(l []confRole, m confRole) []confRole {
	for _, x := range l {
		if x.claim == m.claim && x.rm.start == m.rm.start {
			return l
		}
	}
	return append(l, m)
}

// roleConflicts emits the clash between two groups of titles of one person:
// one conflict across sources (the fewest sides: one claim per source) and
// one per source that uses both.
func (f *confFinder) roleConflicts(key, reason string, a, b []confRole) {
	srcA, srcB := f.roleSources(a), f.roleSources(b)
	name := a[0].rm.name
	actors := []int(nil)
	if a[0].rm.actor >= 0 {
		actors = []int{a[0].rm.actor}
	}
	side := func(l []confRole, only int, skip map[int]bool) []confSide {
		var out []confSide
		per := map[int]int{}
		texts := map[string]bool{}
		for _, m := range l {
			art := f.ix.Sentences[f.ix.Claims[m.claim].Sentence].Article
			if (only >= 0 && art != only) || skip[art] {
				continue
			}
			text := f.ix.Sentences[f.ix.Claims[m.claim].Sentence].Text
			limit := 1
			if only >= 0 {
				limit = 4
			}
			if per[art] >= limit || texts[text] {
				continue
			}
			per[art]++
			texts[text] = true
			s := f.ix.Sentences[f.ix.Claims[m.claim].Sentence].Text
			out = append(out, confSide{m.claim, s[m.rm.start:m.rm.end], m.rm.start, m.rm.end, 0})
		}
		return out
	}
	// Across sources: each side without the sources only it... every source
	// on side A against every other source on side B.
	crossA := side(a, -1, nil)
	onlyA := map[int]bool{}
	for art := range srcA {
		onlyA[art] = true
	}
	crossB := side(b, -1, onlyA)
	if len(crossA) > 0 && len(crossB) > 0 {
		f.cand = append(f.cand, confCandidate{
			kind: "role", severity: SeverityHard, score: 0.9,
			what: "title of " + name,
			why:  "the sources give " + name + " incompatible titles (" + reason + ")",
			a:    crossA, b: crossB, merge: "role|" + key + "|" + reason, actors: actors,
		})
	}
	// Within one source.
	var arts []int
	for art := range srcA {
		if srcB[art] {
			arts = append(arts, art)
		}
	}
	sort.Ints(arts)
	for _, art := range arts {
		sa, sb := side(a, art, nil), side(b, art, nil)
		if len(sa) == 0 || len(sb) == 0 {
			continue
		}
		f.cand = append(f.cand, confCandidate{
			kind: "role", severity: SeverityHard, score: 0.85,
			what: "title of " + name + " within one source",
			why:  "one article gives " + name + " two incompatible titles (" + reason + ")",
			a:    sa, b: sb, merge: "role-self|" + key + "|" + reason + "|" + itoa(art), actors: actors,
		})
	}
}

func (f *confFinder) roleSources(l []confRole) map[int]bool {
	m := map[int]bool{}
	for _, r := range l {
		m[f.ix.Sentences[f.ix.Claims[r.claim].Sentence].Article] = true
	}
	return m
}

// --- stances ---------------------------------------------------------------

type confStance struct {
	claim int
	st    claimStance
}

// stances compares what one actor is for and against: "refused to meet"
// against "openness to a meeting" on the same target.
func (f *confFinder) stances() {
	var ss []confStance
	blocks := newConfBlocks[string]()
	for ci := range f.ix.claimDetails {
		d := &f.ix.claimDetails[ci]
		for _, st := range d.stances {
			id := len(ss)
			ss = append(ss, confStance{ci, st})
			for _, t := range st.target {
				blocks.add(st.subject+"|"+t, id)
			}
		}
	}
	blocks.storyPairs(f.storiesOf(len(ss), func(i int) int { return ss[i].claim }), func(x, y int) {
		a, b := ss[x], ss[y]
		if !f.comparable(a.claim, b.claim) {
			return
		}
		if a.st.polarity == b.st.polarity || a.claim == b.claim || f.sameSentenceText(a.claim, b.claim) {
			return
		}
		if confTimesDiffer(f.ix.Claims[a.claim].Times, f.ix.Claims[b.claim].Times) {
			return
		}
		artA, artB := f.article(a.claim), f.article(b.claim)
		if (confFuture(a.st.modal) && artA.Kind == KindPreview) || (confFuture(b.st.modal) && artB.Kind == KindPreview) {
			return
		}
		pos, neg := a, b
		if a.st.polarity < 0 {
			pos, neg = b, a
		}
		target := confSharedTarget(a.st.target, b.st.target)
		sa := f.ix.Sentences[f.ix.Claims[pos.claim].Sentence].Text
		sb := f.ix.Sentences[f.ix.Claims[neg.claim].Sentence].Text
		cand := confCandidate{
			kind: "stance", severity: SeverityHard, score: 0.8,
			what:  f.subjectName(pos.st.subject) + " on " + f.targetSurface(pos, target),
			why:   "for and against the same thing: " + sa[pos.st.start:pos.st.end] + " / " + sb[neg.st.start:neg.st.end],
			a:     []confSide{{pos.claim, sa[pos.st.start:pos.st.end], pos.st.start, pos.st.end, 0}},
			b:     []confSide{{neg.claim, sb[neg.st.start:neg.st.end], neg.st.start, neg.st.end, 0}},
			merge: "stance|" + pos.st.subject + "|" + target,
		}
		if a.st.modal != "" || b.st.modal != "" {
			cand.severity = SeveritySoft
			cand.score = 0.5
		}
		if strings.HasPrefix(pos.st.subject, "actor:") {
			var id int
			fmt.Sscanf(pos.st.subject, "actor:%d", &id)
			cand.actors = []int{id}
		}
		f.cand = append(f.cand, cand)
	})
}

func confSharedTarget(a, b []string) string {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return x
			}
		}
	}
	return ""
}

func (f *confFinder) targetSurface(s confStance, lemma string) string {
	text := f.ix.Sentences[f.ix.Claims[s.claim].Sentence].Text[s.st.start:s.st.end]
	for _, t := range ctokenize(text) {
		if t.Kind == ctWord && f.lem.stem(t.Lower) == lemma {
			return t.Lower
		}
	}
	return lemma
}

// subjectName turns an actor key into a name for summaries.
func (f *confFinder) subjectName(key string) string {
	switch {
	case strings.HasPrefix(key, "actor:"):
		var id int
		fmt.Sscanf(key, "actor:%d", &id)
		if id >= 0 && id < len(f.ix.Actors) {
			return f.ix.Actors[id].Name
		}
	case strings.HasPrefix(key, "country:"):
		return strings.TrimPrefix(key, "country:")
	}
	k := key[strings.IndexByte(key, ':')+1:]
	return confTitle(k)
}

func confTitle(s string) string {
	r := []rune(s)
	if len(r) > 0 {
		r[0] = unicode.ToUpper(r[0])
	}
	return string(r)
}

func confTimesDiffer(a, b []TimeRef) bool {
	for _, x := range a {
		for _, y := range b {
			if timesDiffer(x, y) {
				return true
			}
		}
	}
	return false
}

// --- negation ----------------------------------------------------------------

type confPred struct {
	claim int
	p     predicate
}

// negations compares what one actor did and did not do: "France signed the
// treaty" against "France did not sign the treaty" (same subject, verb and
// object, opposite polarity, both stated as fact).
func (f *confFinder) negations() {
	n := 0
	for ci := range f.ix.claimDetails {
		n += len(f.ix.claimDetails[ci].preds)
	}
	ps := make([]confPred, 0, n) // sized once: the entries are large
	// Keys are subject and verb: a pair, not a string made per predicate.
	type negKey struct{ subject, verb string }
	blocks := newConfBlocksSized[negKey](n, n) // one key per predicate at most
	for ci := range f.ix.claimDetails {
		d := &f.ix.claimDetails[ci]
		for _, p := range d.preds {
			if p.modal != "" {
				continue
			}
			id := len(ps)
			ps = append(ps, confPred{ci, p})
			blocks.add(negKey{p.subject, p.verb}, id)
		}
	}
	blocks.storyPairs(f.storiesOf(len(ps), func(i int) int { return ps[i].claim }), func(x, y int) {
		a, b := ps[x], ps[y]
		if !f.comparable(a.claim, b.claim) {
			return
		}
		if a.p.negated == b.p.negated || a.claim == b.claim || f.sameSentenceText(a.claim, b.claim) {
			return
		}
		// The same object, or none on either side.
		if (len(a.p.object) > 0 || len(b.p.object) > 0) && confSharedTarget(a.p.object, b.p.object) == "" {
			return
		}
		if confTimesDiffer(f.ix.Claims[a.claim].Times, f.ix.Claims[b.claim].Times) {
			return
		}
		if a.p.negated {
			a, b = b, a
		}
		sa := f.ix.Sentences[f.ix.Claims[a.claim].Sentence].Text
		sb := f.ix.Sentences[f.ix.Claims[b.claim].Sentence].Text
		cand := confCandidate{
			kind: "negation", severity: SeverityHard, score: 0.75,
			what:  f.subjectName(a.p.subject) + ": " + strings.ToLower(sa[a.p.start:a.p.end]),
			why:   "one source says it happened, the other that it did not",
			a:     []confSide{{a.claim, sa[a.p.start:a.p.end], a.p.start, a.p.end, 0}},
			b:     []confSide{{b.claim, sb[b.p.start:b.p.end], b.p.start, b.p.end, 0}},
			merge: "negation|" + a.p.subject + "|" + a.p.verb + "|" + strings.Join(a.p.object, " "),
		}
		// One article reporting both is usually reporting a dispute
		// ("prosecutors say he called; he says he did not").
		if f.article(a.claim) == f.article(b.claim) {
			cand.severity = SeveritySoft
			cand.score = 0.5
		}
		if strings.HasPrefix(a.p.subject, "actor:") {
			var id int
			fmt.Sscanf(a.p.subject, "actor:%d", &id)
			cand.actors = []int{id}
		}
		f.cand = append(f.cand, cand)
	})
}

// --- lists -----------------------------------------------------------------

type confList struct {
	claim int
	l     nameList
	kind  string
	keys  map[string]bool
	place []bool // per item: the gazetteer knows it
}

// lists compares lists of the same kind of thing (territories, attendees)
// that share names but each name something the other leaves out.
func (f *confFinder) lists() {
	var ls []confList
	blocks := newConfBlocks[string]()
	for ci := range f.ix.claimDetails {
		d := &f.ix.claimDetails[ci]
		s := f.ix.Sentences[f.ix.Claims[ci].Sentence].Text
		for _, l := range d.lists {
			keys := map[string]bool{}
			for _, it := range l.items {
				keys[it.key] = true
			}
			if len(keys) < 2 {
				continue
			}
			id := len(ls)
			place := make([]bool, len(l.items))
			for i, it := range l.items {
				place[i] = len(geo.lookup(s[it.start:it.end])) > 0
			}
			ls = append(ls, confList{ci, l, f.listKind(s, l), keys, place})
			for k := range keys {
				blocks.add(k, id)
			}
		}
	}
	blocks.storyPairs(f.storiesOf(len(ls), func(i int) int { return ls[i].claim }), func(x, y int) {
		a, b := ls[x], ls[y]
		if !f.comparable(a.claim, b.claim) {
			return
		}
		if a.claim == b.claim || f.sameSentenceText(a.claim, b.claim) || a.kind != b.kind || (a.kind != ActorPerson && a.kind != ActorPlace) {
			return
		}
		shared := 0
		for k := range a.keys {
			if b.keys[k] {
				shared++
			}
		}
		// A name the other list covers by a place containing it or
		// contained in it ("Asia" and "South Asia") is not left out.
		onlyA, onlyB := f.listUncovered(a, b), f.listUncovered(b, a)
		if shared < 2 || len(onlyA) == 0 || len(onlyB) == 0 || max(len(a.keys), len(b.keys)) < 3 {
			return
		}
		// One side order per pair of lists, so merged pairs line up.
		if confSortedKeys(a.keys) > confSortedKeys(b.keys) {
			a, b = b, a
			onlyA, onlyB = onlyB, onlyA
		}
		// The sentences must be about the same thing beyond the names, and
		// say so next to the lists ("take control of ..." / "demand for
		// control over ... including ...").
		la := confWithout(f.ix.claimDetails[a.claim].lemmas, f.listLemmas(a))
		lb := confWithout(f.ix.claimDetails[b.claim].lemmas, f.listLemmas(b))
		cos, sharedW := f.overlap(la, lb)
		_, near := f.overlap(confWithout(a.l.ctx, f.listLemmas(a)), confWithout(b.l.ctx, f.listLemmas(b)))
		if sharedW < 3.0 || cos < 0.08 || near < 1.5 {
			return
		}
		sa := f.ix.Sentences[f.ix.Claims[a.claim].Sentence].Text
		sb := f.ix.Sentences[f.ix.Claims[b.claim].Sentence].Text
		cand := confCandidate{
			kind: "other", severity: SeverityHard, score: 0.6 + 0.3*math.Min(1, cos*2),
			what: "the " + a.kind + "s named",
			why: fmt.Sprintf("the lists share %d names; only %s names %s, only %s names %s", shared,
				f.srcLabel[f.ix.Sentences[f.ix.Claims[a.claim].Sentence].Article], confAnd(onlyA),
				f.srcLabel[f.ix.Sentences[f.ix.Claims[b.claim].Sentence].Article], confAnd(onlyB)),
			a: []confSide{{a.claim, sa[a.l.start:a.l.end], a.l.start, a.l.end, 0}},
			b: []confSide{{b.claim, sb[b.l.start:b.l.end], b.l.start, b.l.end, 0}},
		}
		// People named as present are often a partial list; places and
		// terms of a deal are a closed set.
		if a.kind == "person" || a.kind == "name" {
			cand.severity = SeveritySoft
			cand.score *= 0.8
		}
		cand.merge = "list|" + confSortedKeys(a.keys) + "|" + confSortedKeys(b.keys)
		f.cand = append(f.cand, cand)
	})
}

// listUncovered names the items of a that b neither names nor covers with
// a place that contains it or lies in it.
func (f *confFinder) listUncovered(a, b confList) []string {
	sa := f.ix.Sentences[f.ix.Claims[a.claim].Sentence].Text
	sb := f.ix.Sentences[f.ix.Claims[b.claim].Sentence].Text
	var out []string
	for i, it := range a.l.items {
		if b.keys[it.key] {
			continue
		}
		covered := false
		for j, jt := range b.l.items {
			if !a.place[i] {
				break
			}
			x, y := sa[it.start:it.end], sb[jt.start:jt.end]
			if b.place[j] && placesCompatible(x, y) {
				covered = true
				break
			}
		}
		if !covered {
			out = append(out, sa[it.start:it.end])
		}
	}
	return out
}

// confAnd joins names: "A", "A and B", "A, B and C".
func confAnd(l []string) string {
	switch len(l) {
	case 0:
		return ""
	case 1:
		return l[0]
	}
	return strings.Join(l[:len(l)-1], ", ") + " and " + l[len(l)-1]
}

func confSortedKeys(m map[string]bool) string {
	l := make([]string, 0, len(m))
	for k := range m {
		l = append(l, k)
	}
	sort.Strings(l)
	return strings.Join(l, ",")
}

// listKind says what a list names: the actors' kind when the index knows
// them, a place when the gazetteer does, else a person when the items look
// like full names, else "name".
func (f *confFinder) listKind(s string, l nameList) string {
	counts := map[string]int{}
	for _, it := range l.items {
		kind := "name"
		if strings.HasPrefix(it.key, "actor:") {
			var id int
			fmt.Sscanf(it.key, "actor:%d", &id)
			kind = f.ix.Actors[id].Kind
			if kind == ActorCountry {
				kind = ActorPlace
			}
		} else if strings.HasPrefix(it.key, "country:") || len(geo.lookup(s[it.start:it.end])) > 0 {
			kind = ActorPlace
		}
		counts[kind]++
	}
	// One kind for (nearly) every item, or the list mixes things up.
	for _, k := range []string{ActorPerson, ActorPlace, ActorOrganization} {
		if counts[k]*3 >= len(l.items)*2 {
			return k
		}
	}
	return "name"
}

func (f *confFinder) listLemmas(l confList) []lemmaID {
	s := f.ix.Sentences[f.ix.Claims[l.claim].Sentence].Text
	var out []lemmaID
	for _, it := range l.l.items {
		for _, t := range ctokenize(s[it.start:it.end]) {
			if t.Kind == ctWord {
				if id, ok := f.lx.ids[f.lem.lemma(t.Lower)]; ok {
					out = append(out, id)
				}
			}
		}
	}
	return lemmaSet(out)
}

// confWithout returns sorted a minus sorted b.
func confWithout(a, b []lemmaID) []lemmaID {
	out := make([]lemmaID, 0, len(a))
	j := 0
	for _, x := range a {
		for j < len(b) && b[j] < x {
			j++
		}
		if j < len(b) && b[j] == x {
			continue
		}
		out = append(out, x)
	}
	return out
}

// --- places ----------------------------------------------------------------

type confPlace struct {
	claim int
	ev    placeEvent
}

// places compares where the same people did the same thing: "met in
// Bavaria" against "met in Vienna" (not Munich: it lies in Bavaria).
func (f *confFinder) places() {
	var ps []confPlace
	blocks := newConfBlocks[string]()
	for ci := range f.ix.claimDetails {
		d := &f.ix.claimDetails[ci]
		if len(d.persons) == 0 {
			continue
		}
		for _, ev := range d.events {
			if ev.modal != "" || ev.negated {
				continue
			}
			id := len(ps)
			ps = append(ps, confPlace{ci, ev})
			for _, p := range d.persons {
				blocks.add(ev.verb+"|"+p, id)
			}
		}
	}
	blocks.storyPairs(f.storiesOf(len(ps), func(i int) int { return ps[i].claim }), func(x, y int) {
		a, b := ps[x], ps[y]
		if !f.comparable(a.claim, b.claim) {
			return
		}
		if a.claim == b.claim || a.ev.verb != b.ev.verb {
			return
		}
		pa, pb := f.ix.claimDetails[a.claim].persons, f.ix.claimDetails[b.claim].persons
		if !confSameStrings(pa, pb) && confCountShared(pa, pb) < 2 {
			return
		}
		if placesCompatible(a.ev.place.Text, b.ev.place.Text) || placesCompatible(a.ev.place.Norm, b.ev.place.Norm) {
			return
		}
		if confTimesDiffer(f.ix.Claims[a.claim].Times, f.ix.Claims[b.claim].Times) {
			return
		}
		if a.ev.place.Norm > b.ev.place.Norm {
			a, b = b, a
		}
		// Past events of the same people in different places are often
		// different events; only a shared time or the headline event of
		// two reports makes them one.
		if !confShareTime(f.ix.Claims[a.claim].Times, f.ix.Claims[b.claim].Times) {
			return
		}
		sa := f.ix.Sentences[f.ix.Claims[a.claim].Sentence].Text
		f.cand = append(f.cand, confCandidate{
			kind: "place", severity: SeverityHard, score: 0.8,
			what:  "place where they " + strings.ToLower(sa[a.ev.start:a.ev.start+strings.IndexAny(sa[a.ev.start:]+" ", " ")]),
			why:   a.ev.place.Norm + " and " + b.ev.place.Norm + " are different places, neither inside the other",
			a:     []confSide{{a.claim, a.ev.place.Text, a.ev.place.Start, a.ev.place.End, 0}},
			b:     []confSide{{b.claim, b.ev.place.Text, b.ev.place.Start, b.ev.place.End, 0}},
			merge: "place|" + a.ev.verb + "|" + confOrdered(a.ev.place.Norm, b.ev.place.Norm),
		})
	})
}

func confOrdered(a, b string) string {
	if a > b {
		a, b = b, a
	}
	return a + "|" + b
}

func confSameStrings(a, b []string) bool {
	if len(a) != len(b) || len(a) == 0 {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// confCountShared counts the items two sorted sets share.
func confCountShared[T cmp.Ordered](a, b []T) int {
	n, j := 0, 0
	for _, x := range a {
		for j < len(b) && b[j] < x {
			j++
		}
		if j < len(b) && b[j] == x {
			n++
		}
	}
	return n
}

func confShareTime(a, b []TimeRef) bool {
	for _, x := range a {
		for _, y := range b {
			if x.Norm != "" && x.Norm == y.Norm {
				return true
			}
		}
	}
	return false
}

// --- reference times of a first ---------------------------------------------

type confFirst struct {
	claim int
	fs    firstSince
}

// firsts compares "the first X since T" framings of the same kind of event
// with different reference years: a divergence worth showing, not proof.
func (f *confFinder) firsts() {
	var fs []confFirst
	blocks := newConfBlocks[string]()
	for ci := range f.ix.claimDetails {
		d := &f.ix.claimDetails[ci]
		for _, x := range d.firsts {
			if x.what == "" {
				continue
			}
			id := len(fs)
			fs = append(fs, confFirst{ci, x})
			blocks.add(x.what, id)
		}
	}
	blocks.storyPairs(f.storiesOf(len(fs), func(i int) int { return fs[i].claim }), func(x, y int) {
		a, b := fs[x], fs[y]
		if !f.comparable(a.claim, b.claim) {
			return
		}
		if a.claim == b.claim || a.fs.time.Year == b.fs.time.Year {
			return
		}
		if a.fs.time.Year > b.fs.time.Year {
			a, b = b, a
		}
		if f.article(a.claim) == f.article(b.claim) {
			return
		}
		sa := f.ix.Sentences[f.ix.Claims[a.claim].Sentence].Text
		sb := f.ix.Sentences[f.ix.Claims[b.claim].Sentence].Text
		f.cand = append(f.cand, confCandidate{
			kind: "time", severity: SeveritySoft, score: 0.45,
			what:  "first " + a.fs.what + " since when",
			why:   fmt.Sprintf("the same first is dated from %d in one source and %d in the other", a.fs.time.Year, b.fs.time.Year),
			a:     []confSide{{a.claim, sa[a.fs.start:a.fs.end], a.fs.start, a.fs.end, 0}},
			b:     []confSide{{b.claim, sb[b.fs.start:b.fs.end], b.fs.start, b.fs.end, 0}},
			merge: "first|" + a.fs.what + "|" + confOrdered(itoa(a.fs.time.Year), itoa(b.fs.time.Year)),
		})
	})
}

// --- quoted wording ----------------------------------------------------------

type confLabel struct {
	claim int
	lb    quotedLabel
}

// labels compares the wording sources give for the same sign or backdrop.
func (f *confFinder) labels() {
	var ls []confLabel
	blocks := newConfBlocks[string]()
	for ci := range f.ix.claimDetails {
		d := &f.ix.claimDetails[ci]
		for _, lb := range d.labels {
			id := len(ls)
			ls = append(ls, confLabel{ci, lb})
			blocks.add(lb.noun, id)
		}
	}
	blocks.storyPairs(f.storiesOf(len(ls), func(i int) int { return ls[i].claim }), func(x, y int) {
		a, b := ls[x], ls[y]
		if !f.comparable(a.claim, b.claim) {
			return
		}
		if f.article(a.claim) == f.article(b.claim) || normalizeForKey(a.lb.text) == normalizeForKey(b.lb.text) {
			return
		}
		if normalizeForKey(a.lb.text) > normalizeForKey(b.lb.text) {
			a, b = b, a
		}
		sa := f.ix.Sentences[f.ix.Claims[a.claim].Sentence].Text
		sb := f.ix.Sentences[f.ix.Claims[b.claim].Sentence].Text
		f.cand = append(f.cand, confCandidate{
			kind: "other", severity: SeveritySoft, score: 0.4,
			what:  "wording on the " + a.lb.noun,
			why:   "the sources quote different words for the same " + a.lb.noun,
			a:     []confSide{{a.claim, sa[a.lb.start:a.lb.end], a.lb.start, a.lb.end, 0}},
			b:     []confSide{{b.claim, sb[b.lb.start:b.lb.end], b.lb.start, b.lb.end, 0}},
			merge: "label|" + a.lb.noun + "|" + confOrdered(normalizeForKey(a.lb.text), normalizeForKey(b.lb.text)),
		})
	})
}

// --- assembly ----------------------------------------------------------------

// build merges candidates that describe one disagreement, writes their
// summaries and orders them: hard first, then by score, then by key.
func (f *confFinder) build() []Conflict {
	f.joinFigures()
	order := []string{}
	merged := map[string]*confCandidate{}
	for i := range f.cand {
		c := f.cand[i]
		if m, ok := merged[c.merge]; ok {
			m.a = confAddSides(m.a, c.a)
			m.b = confAddSides(m.b, c.b)
			m.score = math.Max(m.score, c.score)
			if c.severity == SeverityHard {
				m.severity = SeverityHard
			}
			m.actors = confUnionInts(m.actors, c.actors)
			continue
		}
		cc := c
		merged[c.merge] = &cc
		order = append(order, c.merge)
	}
	out := make([]Conflict, 0, len(order))
	for _, k := range order {
		c := merged[k]
		if c.whyFn != nil {
			c.why = c.whyFn()
		}
		conf := Conflict{
			Kind: c.kind, Severity: c.severity, Score: math.Round(c.score*100) / 100,
			Why: c.why,
		}
		var sentences []string
		c.b = confWithoutSides(c.b, c.a)
		for _, side := range [][]confSide{c.a, c.b} {
			for _, s := range side {
				conf.Claims = append(conf.Claims, ClaimRef{
					Claim: s.claim, Sentence: f.ix.Claims[s.claim].Sentence,
					Value: s.value, ValueStart: s.start, ValueEnd: s.end,
				})
				sentences = append(sentences, f.ix.Sentences[f.ix.Claims[s.claim].Sentence].Text)
			}
		}
		if c.whatFn != nil {
			c.what = c.whatFn()
		}
		if c.kind == "numeric" && strings.HasPrefix(c.merge, "numeric|") {
			conf.Summary = c.what + ": " + f.figureSummary(append(append([]confSide(nil), c.a...), c.b...))
		} else {
			conf.Summary = c.what + ": " + f.sideSummary(c.a) + " vs " + f.sideSummary(c.b)
		}
		conf.Key = StableKey("conflict", sentences...)
		for _, a := range c.actors {
			conf.Actors = append(conf.Actors, f.ix.Actors[a].Name)
		}
		sort.Strings(conf.Actors)
		conf.Topic = f.topicOf(c)
		out = append(out, conf)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if (out[i].Severity == SeverityHard) != (out[j].Severity == SeverityHard) {
			return out[i].Severity == SeverityHard
		}
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].Key < out[j].Key
	})
	for i := range out {
		out[i].ID = "c" + itoa(i+1)
	}
	return out
}

// joinFigures makes one conflict of all reported figures for one thing:
// when five sources give four different counts, the pairs that disagree
// share figures, and the figures they link are one disagreement. An
// expectation against outcomes stays apart (it is soft and says something
// else).
func (f *confFinder) joinFigures() {
	type node struct{ claim, start int }
	ids := map[node]int{}
	id := func(s confSide) int {
		k := node{s.claim, s.start}
		if v, ok := ids[k]; ok {
			return v
		}
		ids[k] = len(ids)
		return ids[k]
	}
	var idx []int
	for i, c := range f.cand {
		if c.kind == "numeric" && strings.HasPrefix(c.merge, "numeric|") {
			idx = append(idx, i)
			id(c.a[0])
			id(c.b[0])
		}
	}
	if len(idx) < 2 {
		return
	}
	uf := newAgrUnion(len(ids))
	for _, i := range idx {
		uf.union(id(f.cand[i].a[0]), id(f.cand[i].b[0]))
	}
	for _, i := range idx {
		c := &f.cand[i]
		c.merge = "numeric|" + itoa(uf.find(id(c.a[0])))
	}
}

func confAddSides(l, add []confSide) []confSide {
	for _, s := range add {
		dup := false
		for _, x := range l {
			if x.claim == s.claim && x.start == s.start {
				dup = true
				break
			}
		}
		if !dup {
			l = append(l, s)
		}
	}
	return l
}

func confUnionInts(a, b []int) []int {
	for _, x := range b {
		if !slices.Contains(a, x) {
			a = append(a, x)
		}
	}
	return a
}

// sideSummary writes one side's values with their sources: "nearly three
// hours (001)"; equal values from several sources share one mention.
func (f *confFinder) sideSummary(side []confSide) string {
	var vals []string
	srcs := map[string][]string{}
	for _, s := range side {
		v := confOneSpaced(s.value)
		if len(v) > 90 {
			v = v[:strings.LastIndex(v[:87], " ")+1] + "…"
		}
		if _, ok := srcs[v]; !ok {
			vals = append(vals, v)
		}
		label := f.srcLabel[f.ix.Sentences[f.ix.Claims[s.claim].Sentence].Article]
		if !slices.Contains(srcs[v], label) {
			srcs[v] = append(srcs[v], label)
		}
	}
	parts := make([]string, len(vals))
	for i, v := range vals {
		parts[i] = v + " (" + strings.Join(srcs[v], ", ") + ")"
	}
	return strings.Join(parts, ", ")
}

// confWithoutSides drops from l the values already on the other side.
func confWithoutSides(l, other []confSide) []confSide {
	out := l[:0:0]
	for _, s := range l {
		if !slices.ContainsFunc(other, func(o confSide) bool { return o.claim == s.claim && o.start == s.start }) {
			out = append(out, s)
		}
	}
	return out
}

// figureSummary lists the figures of one quantity from lowest to highest,
// each with its sources: "nearly three hours (001) vs over three hours
// (002)".
func (f *confFinder) figureSummary(sides []confSide) string {
	sort.SliceStable(sides, func(i, j int) bool { return sides[i].order < sides[j].order })
	var groups [][]confSide
	for _, s := range sides {
		n := len(groups)
		if n > 0 && groups[n-1][0].order == s.order {
			groups[n-1] = append(groups[n-1], s)
			continue
		}
		groups = append(groups, []confSide{s})
	}
	parts := make([]string, len(groups))
	for i, g := range groups {
		parts[i] = f.sideSummary(g)
	}
	return strings.Join(parts, " vs ")
}

// confOneSpaced is strings.Join(strings.Fields(s), " "): s itself, not
// a copy, when it is ASCII with single spaces between words already.
func confOneSpaced(s string) string {
	if s == "" {
		return strings.Join(strings.Fields(s), " ")
	}
	prev := byte(' ')
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r' || (c == ' ' && prev == ' ') {
			return strings.Join(strings.Fields(s), " ")
		}
		prev = c
	}
	if prev == ' ' {
		return strings.Join(strings.Fields(s), " ")
	}
	return s
}

// topicOf names the conflict's topic: a topic every claim shares, else one
// the first claim has, else what the sources disagree on.
func (f *confFinder) topicOf(c *confCandidate) string {
	count := map[int]int{}
	n := 0
	for _, side := range [][]confSide{c.a, c.b} {
		for _, s := range side {
			n++
			for _, t := range f.ix.Claims[s.claim].Topics {
				count[t]++
			}
		}
	}
	best, bestN := -1, 0
	for t, k := range count {
		if k > bestN || (k == bestN && t < best) {
			best, bestN = t, k
		}
	}
	if best >= 0 && bestN >= 2 {
		return f.ix.Topics[best].Name
	}
	return c.what
}

// SourceLabels gives each article the short name summaries refer to it
// by: the leading number of its file name ("001" for
// 001_165394b9f31fcc89.txt) when those are unique, else the file name
// without its extension, else the article ID.
func (ix *Index) SourceLabels() []string {
	try := func(fn func(a *Article) string) []string {
		out := make([]string, len(ix.Articles))
		seen := map[string]bool{}
		for i, a := range ix.Articles {
			l := fn(a)
			if l == "" || seen[l] {
				return nil
			}
			seen[l] = true
			out[i] = l
		}
		return out
	}
	base := func(a *Article) string {
		name := a.File
		if i := strings.LastIndexAny(name, "/\\"); i >= 0 {
			name = name[i+1:]
		}
		return name
	}
	if l := try(func(a *Article) string {
		name := base(a)
		j := 0
		for j < len(name) && name[j] >= '0' && name[j] <= '9' {
			j++
		}
		if j > 0 && (j == len(name) || strings.ContainsRune("_-. ", rune(name[j]))) {
			return name[:j]
		}
		return ""
	}); l != nil {
		return l
	}
	if l := try(func(a *Article) string {
		name := base(a)
		if k := strings.LastIndexByte(name, '.'); k > 0 && !strings.Contains(name[k:], "#") {
			name = name[:k]
		}
		return name
	}); l != nil {
		return l
	}
	out := make([]string, len(ix.Articles))
	for i, a := range ix.Articles {
		out[i] = a.ID
	}
	return out
}
