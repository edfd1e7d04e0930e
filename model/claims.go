package model

import (
	"cmp"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// claimDetail is what the conflict and agreement stages compare beyond the
// exported Claim: the sentence's content lemmas, the context of each
// quantity, stances with their subjects, name lists, titles, and the
// modality right before each value. It is kept per claim, parallel to
// Index.Claims.
type claimDetail struct {
	lemmas  []lemmaID   // sorted, unique content lemmas of the sentence
	qctx    [][]lemmaID // per quantity: content lemmas around it
	qframe  [][]lemmaID // per quantity: content lemmas right next to it
	qmodal  []string    // per quantity: modality cue just before it
	qevent  []bool      // per quantity: it is how long an event lasted
	stances []claimStance
	lists   []nameList
	roles   []roleMention
	firsts  []firstSince
	labels  []quotedLabel
	events  []placeEvent
	persons []string // keys of the people the sentence names, sorted
	preds   []predicate
}

// predicate is "subject (not) verb object": "France did not sign the
// treaty" is France, sign, treaty, negated.
type predicate struct {
	subject    string
	verb       string
	object     []string
	negated    bool
	modal      string
	start, end int
}

// lemmaID numbers a content lemma of the corpus (claimLexicon.vocab), so
// that aligning claims compares integers, not strings.
type lemmaID = int32

// claimLexicon is the lemma vocabulary of one index with what the
// comparisons need per lemma: its weight (idf over sentences, floored) and
// whether it names an event ("talks", "attack").
type claimLexicon struct {
	vocab  []string
	ids    map[string]lemmaID
	weight []float64
	event  []bool
	// stories gives each article's story (stories.go).
	stories []int
}

func (lx *claimLexicon) intern(l string) lemmaID {
	if id, ok := lx.ids[l]; ok {
		return id
	}
	id := lemmaID(len(lx.vocab))
	lx.ids[l] = id
	lx.vocab = append(lx.vocab, l)
	lx.event = append(lx.event, confEventClass[l])
	return id
}

// claimStance is a stance with who holds it.
type claimStance struct {
	polStance
	subject string // key of the actor taking the stance
	modal   string
}

// firstSince is "the first X since T": the reference time of a first.
type firstSince struct {
	what  string // lemma of X
	time  TimeRef
	start int
	end   int
}

// quotedLabel is a sign's wording: "a backdrop that read “Pursuing Peace”".
type quotedLabel struct {
	noun       string // lemma of what carries the words
	text       string
	start, end int
}

// placeEvent is an event put at a place: "met in Alaska".
type placeEvent struct {
	verb       string // lemma of the event word before the place
	place      Value
	modal      string
	negated    bool
	start, end int
}

// claimBuilder holds what extractClaims shares across sentences. Each
// worker has its own (newWorker), sharing the read-only look-ups.
type claimBuilder struct {
	ix        *Index
	lem       *lexLemmatizer
	lx        *claimLexicon
	toks      []ctoken // reused token buffer
	tids      []int32  // per token of toks: its entry in words
	words     *ctCache
	roleCache map[string]roleInfo
	byActor   [][]actorSpan  // per sentence: actor mentions
	bySurface map[string]int // folded alias -> actor
	topicsOf  [][]int        // per sentence: topics
	actorKeys []string       // per actor: claimActorKey
	isPerson  []bool         // per actor: a person
	// scratch collects a lemma set before it is copied into slab, the
	// worker's store of the sets it keeps: one allocation for many
	// sentences. The other slabs do the same for the other small slices
	// a claim keeps (claimTake).
	scratch    []lemmaID
	slab       []lemmaID
	strSlab    []string
	predSlab   []predicate
	intSlab    []int
	lemmaSlabs [][]lemmaID
	boolSlab   []bool
	preds      []predicate       // scratch for predicates
	all        ctFlags           // of the sentence being read (ctokenizeCached)
	nameKeys   map[string]string // nameKeyOf per name

	// Workers number lemmas in their own lexicon; internOrder keeps, per
	// sentence, the lemmas in the order the sentence first interned them,
	// so that the index's numbering is the one a single pass in sentence
	// order gives (see renumber).
	internOrder [][]lemmaID
	seenIn      []int32 // per local lemma: 1 + the last sentence that interned it
	orderBuf    []lemmaID
	sentence    int32
}

type actorSpan struct {
	actor      int
	start, end int
	role       string
}

// claimChunk is how many sentences a worker takes at a time.
const claimChunk = 64

// extractClaims reads every sentence (headlines included) into a Claim:
// actors and topics from the index, quantities as intervals, times, places,
// titles, polarity, modality and attribution, plus the details the conflict
// and agreement stages align on. Sentences are read on every core.
func (ix *Index) extractClaims() {
	b := &claimBuilder{ix: ix, bySurface: map[string]int{}}
	b.byActor = make([][]actorSpan, len(ix.Sentences))
	b.actorKeys = claimActorKeys(len(ix.Actors))
	b.isPerson = make([]bool, len(ix.Actors))
	for ai := range ix.Actors {
		b.isPerson[ai] = ix.Actors[ai].Kind == ActorPerson
	}
	// The mentions of each sentence, in actor order, in one array.
	inSentence := func(si int) bool { return si >= 0 && si < len(ix.Sentences) }
	spanCount := make([]int, len(ix.Sentences))
	total := 0
	for _, a := range ix.Actors {
		for _, m := range a.Spans {
			if inSentence(m.Sentence) {
				spanCount[m.Sentence]++
				total++
			}
		}
	}
	spans := make([]actorSpan, 0, total)
	for si, k := range spanCount {
		if k > 0 {
			b.byActor[si] = spans[len(spans) : len(spans) : len(spans)+k]
			spans = spans[:len(spans)+k]
		}
	}
	var fold []byte
	for ai, a := range ix.Actors {
		for _, m := range a.Spans {
			if inSentence(m.Sentence) {
				b.byActor[m.Sentence] = append(b.byActor[m.Sentence], actorSpan{ai, m.Start, m.End, m.Role})
			}
		}
		for k := -1; k < len(a.Aliases); k++ {
			al := a.Name
			if k >= 0 {
				al = a.Aliases[k]
			}
			fold = claimFoldAppend(fold[:0], al)
			if _, dup := b.bySurface[string(fold)]; !dup {
				b.bySurface[string(fold)] = ai
			}
		}
	}
	for _, as := range b.byActor {
		// The same pdqsort as sort.Slice, hence the same order of ties.
		slices.SortFunc(as, func(x, y actorSpan) int { return cmp.Compare(x.start, y.start) })
	}
	topicCount := make([]int, len(ix.Sentences))
	total = 0
	for _, t := range ix.Topics {
		for _, s := range t.Sentences {
			if inSentence(s) {
				topicCount[s]++
				total++
			}
		}
	}
	topics := make([]int, 0, total)
	b.topicsOf = make([][]int, len(ix.Sentences))
	for si, k := range topicCount {
		if k > 0 {
			b.topicsOf[si] = topics[len(topics) : len(topics) : len(topics)+k]
			topics = topics[:len(topics)+k]
		}
	}
	for ti, t := range ix.Topics {
		for _, s := range t.Sentences {
			if inSentence(s) {
				b.topicsOf[s] = append(b.topicsOf[s], ti)
			}
		}
	}
	ix.Claims = make([]Claim, len(ix.Sentences))
	ix.claimDetails = make([]claimDetail, len(ix.Sentences))
	internOrder := make([][]lemmaID, len(ix.Sentences))
	workerOf := make([]int32, len(ix.Sentences))
	workers := parallelWorkers((len(ix.Sentences) + claimChunk - 1) / claimChunk)
	textBytes := 0
	for i := range ix.Sentences {
		textBytes += len(ix.Sentences[i].Text)
	}
	builders := make([]*claimBuilder, workers)
	for w := range builders {
		builders[w] = b.newWorker(internOrder, textBytes/workers)
		builders[w].lem.shared = ix.stems
	}
	// The frames of each claim are read right after it, from the same
	// tokens and word cache (frames_fused.go): claims and sentences are
	// one to one, and reading them later meant tokenizing every sentence
	// and looking up every word again.
	frameFlagsOnce.Do(buildFrameFlags)
	fx := &frameIndex{frames: make([][]claimFrame, len(ix.Sentences)), words: make([][]lemmaID, len(ix.Sentences))}
	readers := make([]*frameReader, workers)
	for w, wb := range builders {
		readers[w] = newClaimFrameReader(ix, wb)
	}
	forChunksParallel(len(ix.Sentences), claimChunk, workers, func(w, lo, hi int) {
		wb, r := builders[w], readers[w]
		for si := lo; si < hi; si++ {
			wb.claim(si, &ix.Claims[si], &ix.claimDetails[si])
			fx.frames[si], fx.words[si] = r.readClaim(si, wb.toks, wb.tids)
			workerOf[si] = int32(w)
		}
	})
	lx, remap := renumber(ix.claimDetails, internOrder, workerOf, builders)
	// Lemma weights: idf over sentences, floored, because in a small
	// corpus about one event its own vocabulary is in most sentences yet
	// still tells what a sentence is about.
	df := make([]int, len(lx.vocab))
	for _, d := range ix.claimDetails {
		for _, l := range d.lemmas {
			df[l]++
		}
	}
	n := float64(len(ix.claimDetails) + 1)
	lx.weight = make([]float64, len(df))
	for l, c := range df {
		w := 1.0
		if c > 0 {
			w = math.Log(n / float64(c))
		}
		lx.weight[l] = math.Max(w, 0.5)
	}
	lx.stories = articleStories(ix)
	ix.claimLex = lx
	ix.resolveFrames(fx, workerOf, remap, readers)
	ix.claimFrames = fx
}

// newWorker is a builder for one worker: its own buffers, caches and
// lexicon, the shared look-ups of b.
// textBytes, the length of the text it will read, sizes its word cache.
func (b *claimBuilder) newWorker(internOrder [][]lemmaID, textBytes int) *claimBuilder {
	return &claimBuilder{ix: b.ix, byActor: b.byActor, bySurface: b.bySurface, topicsOf: b.topicsOf,
		actorKeys: b.actorKeys, isPerson: b.isPerson,
		// About one new word per 100 bytes of news text, one new lemma
		// per 150.
		words: newCTCache(textBytes / 100), lx: &claimLexicon{ids: make(map[string]lemmaID, max(4096, textBytes/150))},
		nameKeys: map[string]string{}, lem: newLexLemmatizer(), roleCache: map[string]roleInfo{}, internOrder: internOrder}
}

// use notes the first use of a lemma in the current sentence.
func (b *claimBuilder) use(id lemmaID) {
	if int(id) >= len(b.seenIn) {
		b.seenIn = append(b.seenIn, make([]int32, max(int(id)+1, 2*len(b.seenIn), 1024)-len(b.seenIn))...)
	}
	if b.seenIn[id] != b.sentence+1 {
		b.seenIn[id] = b.sentence + 1
		b.orderBuf = append(b.orderBuf, id)
	}
}

// renumber gives the lemmas the numbers one pass over the sentences in
// order gives (first use, first number) in one lexicon, and rewrites the
// details' lemma sets with them: the conflict and agreement stages see the
// same numbers, hence the same order of sums, however the work was shared.
// remap gives per worker its numbers' new ones (nil: they are unchanged).
func renumber(details []claimDetail, internOrder [][]lemmaID, workerOf []int32, builders []*claimBuilder) (*claimLexicon, [][]lemmaID) {
	if len(builders) == 1 {
		// One worker read the sentences in order: its numbers are those.
		return builders[0].lx, nil
	}
	size := 0
	for _, wb := range builders {
		size = max(size, len(wb.lx.vocab))
	}
	lx := &claimLexicon{ids: make(map[string]lemmaID, size)}
	remap := make([][]lemmaID, len(builders))
	for w, wb := range builders {
		remap[w] = make([]lemmaID, len(wb.lx.vocab))
		for i := range remap[w] {
			remap[w][i] = -1
		}
	}
	for si, order := range internOrder {
		m := remap[workerOf[si]]
		vocab := builders[workerOf[si]].lx.vocab
		for _, l := range order {
			if m[l] < 0 {
				m[l] = lx.intern(vocab[l])
			}
		}
		d := &details[si]
		d.lemmas = remapSet(d.lemmas, m)
		for i := range d.qctx {
			d.qctx[i] = remapSet(d.qctx[i], m)
		}
		for i := range d.qframe {
			d.qframe[i] = remapSet(d.qframe[i], m)
		}
		for i := range d.lists {
			d.lists[i].ctx = remapSet(d.lists[i].ctx, m)
		}
	}
	return lx, remap
}

// remapSet renumbers a lemma set in place and sorts it again.
func remapSet(s []lemmaID, m []lemmaID) []lemmaID {
	for i, l := range s {
		s[i] = m[l]
	}
	return lemmaSet(s)
}

func claimFold(s string) string {
	return strings.ToLower(strings.ReplaceAll(strings.ReplaceAll(s, "’", "'"), ".", ""))
}

// claimFoldAppend appends claimFold(s) to b.
func claimFoldAppend(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return append(b, claimFold(s)...)
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '.':
			continue
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}

func claimActorKey(a int) string { return "actor:" + itoa(a) }

// claimActorKeys are the claimActorKey of actors 0 to n-1, cut from one
// string: one allocation rather than one or two per actor.
func claimActorKeys(n int) []string {
	keys := make([]string, n)
	ends := make([]int, n)
	buf := make([]byte, 0, n*len("actor:00000"))
	for a := range n {
		buf = strconv.AppendInt(append(buf, "actor:"...), int64(a), 10)
		ends[a] = len(buf)
	}
	all, start := string(buf), 0
	for a, end := range ends {
		keys[a], start = all[start:end], end
	}
	return keys
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var buf [20]byte
	n := len(buf)
	neg := i < 0
	if neg {
		i = -i
	}
	for i > 0 {
		n--
		buf[n] = byte('0' + i%10)
		i /= 10
	}
	if neg {
		n--
		buf[n] = '-'
	}
	return string(buf[n:])
}

// claim reads sentence si into c and d, which are zero.
func (b *claimBuilder) claim(si int, c *Claim, d *claimDetail) {
	b.sentence = int32(si)
	// The orders of many sentences share one array; a full one is left
	// to the sentences that point into it, not copied.
	if cap(b.orderBuf)-len(b.orderBuf) < 512 {
		b.orderBuf = make([]lemmaID, 0, 1<<14)
	}
	start := len(b.orderBuf)
	b.read(si, c, d)
	b.internOrder[si] = b.orderBuf[start:len(b.orderBuf):len(b.orderBuf)]
}

// read is claim for one sentence.
func (b *claimBuilder) read(si int, c *Claim, d *claimDetail) {
	ix := b.ix
	sent := &ix.Sentences[si]
	art := ix.Articles[sent.Article]
	s := sent.Text
	var all ctFlags // what the sentence's words can start: grammars that need other words are skipped
	b.toks, b.tids, all = ctokenizeCached(b.toks[:0], b.tids[:0], s, b.words)
	b.all = all
	toks := b.toks
	c.Sentence = si

	if spans := b.byActor[si]; len(spans) > 0 {
		c.Actors = claimTake(&b.intSlab, len(spans))
	spans:
		for _, as := range spans {
			for _, a := range c.Actors {
				if a == as.actor {
					continue spans
				}
			}
			c.Actors = append(c.Actors, as.actor)
		}
		slices.Sort(c.Actors)
	}
	c.Topics = b.topicsOf[si]

	if all&ctfModalCue != 0 {
		c.Modality, _ = polModality(toks)
	}
	if all&(ctfNegator|ctfStanceCue|ctfNegPhrase) != 0 {
		c.Negated = polSentenceNegated(toks)
	}
	if all&(ctfAccording|ctfSpeech) != 0 {
		c.Attribution = polAttribution(s, toks)
	}
	ahead := art.Kind == KindPreview || c.Modality == "expected" || c.Modality == "planned"

	c.Quantities = parseQuantities(s, toks)
	if all&(ctfNumberToken|ctfMonth|ctfWeekday|ctfTimeStart) != 0 {
		c.Times = parseTimes(s, toks, art.Date, ahead)
	}
	// A place follows a locative preposition or opens a dateline.
	if all&ctfLocPrep != 0 || len(toks) > 0 && toks[0].Kind == ctWord && toks[0].Cap && geoUpperWord(toks[0].Text) {
		c.Places = parsePlaces(s, toks)
	}

	d.lemmas = b.lemmas(toks)
	if n := len(c.Quantities); n > 0 {
		d.qctx, d.qframe = claimTake(&b.lemmaSlabs, n), claimTake(&b.lemmaSlabs, n)
		d.qmodal, d.qevent = claimTake(&b.strSlab, n), claimTake(&b.boolSlab, n)
	}
	for _, q := range c.Quantities {
		d.qctx = append(d.qctx, b.context(toks, q.Start, q.End, 8))
		d.qframe = append(d.qframe, b.context(toks, q.Start, q.End, 3))
		d.qmodal = append(d.qmodal, claimModalBefore(toks, q.Start))
		d.qevent = append(d.qevent, b.eventLength(toks, q))
	}
	d.roles = b.roles(s, toks, si)
	for _, r := range d.roles {
		c.Roles = append(c.Roles, Value{Text: s[r.start:r.end], Norm: r.role.text, Start: r.start, End: r.end, Actor: r.actor})
	}
	var stances []polStance
	if all&ctfStanceCue != 0 {
		stances = polParseStances(s, toks, b.lem)
	}
	for _, st := range stances {
		subj := b.subjectKey(s, toks, si, st.cue)
		if subj == "" {
			continue
		}
		d.stances = append(d.stances, claimStance{polStance: st, subject: subj, modal: claimModalBefore(toks, st.start)})
	}
	var lists []nameList
	if all&ctfListConn != 0 { // items are joined by a connector
		lists = parseLists(s, toks)
	}
	for _, l := range lists {
		// "Nashville, Tennessee": a place and its container are one item.
		items := l.items[:0]
		for k, it := range l.items {
			if k > 0 && listQualifies(s[l.items[k-1].start:l.items[k-1].end], s[it.start:it.end]) {
				continue
			}
			it.key = b.nameKey(si, s, it.start, it.end)
			items = append(items, it)
		}
		l.items = items
		l.ctx = b.context(toks, l.start, l.end, 8)
		if len(l.items) >= 2 {
			d.lists = append(d.lists, l)
		}
	}
	if all&ctfFirst != 0 {
		d.firsts = b.firsts(s, toks, c.Times)
	}
	if all&ctfLabelVerb != 0 {
		d.labels = b.labels(s, toks)
	}
	d.events = b.placeEvents(toks, c.Places)
	d.persons = b.persons(si, d.roles)
	d.preds = b.predicates(s, toks, si)
}

// listQualifies tells a place written after another to say where it is:
// "Nashville, Tennessee"; "Santa Rosa, California" (a state or country after
// a name the gazetteer does not know).
func listQualifies(prev, next string) bool {
	if placesWithin(prev, next) {
		return true
	}
	if len(geo.lookup(prev)) > 0 {
		return false
	}
	for _, id := range geo.lookup(next) {
		if k := geo.places[id].kind; k == "state" || k == "country" {
			return true
		}
	}
	return false
}

// lemmas are the sentence's content words, folded, sorted and unique.
// toks is b.toks.
func (b *claimBuilder) lemmas(toks []ctoken) []lemmaID {
	out := b.scratch[:0]
	for i := range toks {
		t := &toks[i]
		if t.Kind != ctWord || t.is(ctfFunction) || len(t.Lower) < 2 {
			continue
		}
		out = append(out, b.tokenLemma(i))
	}
	b.scratch = out
	if len(out) == 0 {
		return []lemmaID{}
	}
	return b.keep(lemmaSet(out))
}

// keep copies a lemma set into the worker's slab.
func (b *claimBuilder) keep(s []lemmaID) []lemmaID {
	return append(claimTake(&b.slab, len(s)), s...)
}

// tokenLemma is the lemma of the content word b.toks[i] in the worker's
// lexicon, remembered per word.
func (b *claimBuilder) tokenLemma(i int) lemmaID {
	wi := &b.words.info[b.tids[i]]
	if wi.lemma < 0 {
		wi.lemma = b.lx.intern(b.lemmaAt(i))
	}
	b.use(wi.lemma)
	return wi.lemma
}

// lemmaAt is b.lem.lemma(b.toks[i].Lower), remembered with the word.
func (b *claimBuilder) lemmaAt(i int) string {
	id := b.tids[i]
	l := &b.words.lemma[id]
	if !l.known {
		l.lemma, l.known = b.lem.lemmaOf(b.words.info[id].lower), true
	}
	return l.lemma
}

// lemmaSet sorts lemma IDs and drops duplicates, in place.
func lemmaSet(s []lemmaID) []lemmaID {
	if len(s) < 2 {
		return s
	}
	slices.Sort(s)
	return slices.Compact(s)
}

func claimUniq(s []string) []string {
	if len(s) < 2 {
		return s
	}
	sort.Strings(s)
	return slices.Compact(s)
}

// context lists the content lemmas within n words of a byte range, inside
// the same clause: what a quantity measures ("hours of talks", "lasted").
// toks is b.toks.
func (b *claimBuilder) context(toks []ctoken, start, end, n int) []lemmaID {
	first, last := claimTokenRange(toks, start, end)
	if first < 0 {
		return nil
	}
	out := b.scratch[:0]
	add := func(i int) bool {
		t := &toks[i]
		if t.Kind == ctPunct && (t.Text == ";" || t.Text == ":" || t.Text == "—" || t.Text == "(" || t.Text == ")") {
			return false
		}
		if t.Kind == ctWord && !t.is(ctfFunction) && len(t.Lower) > 1 && !(t.Start >= start && t.End <= end) {
			out = append(out, b.tokenLemma(i))
		}
		return true
	}
	for i := first - 1; i >= 0 && i >= first-n; i-- {
		if !add(i) {
			break
		}
	}
	for i := last + 1; i < len(toks) && i <= last+n; i++ {
		if !add(i) {
			break
		}
	}
	b.scratch = out
	if len(out) == 0 {
		return nil
	}
	return b.keep(lemmaSet(out))
}

// claimTokenRange returns the first token that starts at or after start
// (-1 if none) and the last that ends by end (-1 if none). Tokens are in
// text order and do not overlap, so both are found by bisection.
func claimTokenRange(toks []ctoken, start, end int) (first, last int) {
	first = sort.Search(len(toks), func(i int) bool { return toks[i].Start >= start })
	if first == len(toks) {
		first = -1
	}
	last = sort.Search(len(toks), func(i int) bool { return toks[i].End > end }) - 1
	return first, last
}

// eventLength tells a duration that is how long an event lasted: "lasted
// over three hours", "expected to last up to seven hours", "nearly three
// hours of talks", "a three-hour meeting"; not "within 24 hours" or "three
// days after".
func (b *claimBuilder) eventLength(toks []ctoken, q Quantity) bool {
	if !confShortDuration(q) {
		return false
	}
	first, last := claimTokenRange(toks, q.Start, q.End)
	if first < 0 {
		return false
	}
	for k := first - 1; k >= 0 && k >= first-2; k-- {
		switch toks[k].Lower {
		case "last", "lasted", "lasting", "lasts", "took", "spanned":
			return true
		}
	}
	// "... hours of talks", "a three-hour meeting".
	k := last + 1
	if k < len(toks) && toks[k].Lower == "of" {
		k++
	}
	for ; k < len(toks) && k <= last+3; k++ {
		t := toks[k]
		if t.Kind != ctWord {
			break
		}
		if confEventClass[b.lemmaAt(k)] {
			return true
		}
		if !t.is(ctfFunction) && k > last+1 && toks[last+1].Lower != "of" {
			break
		}
	}
	return false
}

// claimModalBefore finds a modality cue in the five words before a value,
// inside its clause: "was expected to last up to seven hours".
func claimModalBefore(toks []ctoken, start int) string {
	return claimModalAt(toks, sort.Search(len(toks), func(i int) bool { return toks[i].Start >= start }))
}

// claimModalAt is claimModalBefore of the token toks[i] (i == len(toks):
// the sentence's end), for a caller that has the token's index.
func claimModalAt(toks []ctoken, i int) string {
	for k := i - 1; k >= 0 && k >= i-6; k-- {
		if toks[k].Kind == ctPunct && toks[k].Text != "-" {
			break
		}
		if !toks[k].is(ctfModalCue) {
			continue
		}
		if v, n := polModalities.match(toks, k); n > 0 {
			return v
		}
	}
	return ""
}

// roles lists the titles given to people: from the actor index when it has
// them, from the fallback title grammar otherwise.
func (b *claimBuilder) roles(s string, toks []ctoken, si int) []roleMention {
	var out []roleMention
	for _, as := range b.byActor[si] {
		if as.role == "" || !b.isPerson[as.actor] {
			continue
		}
		st, en := as.start, as.end
		// The title usually stands right before the name; a span that
		// already holds it is used as it is.
		if k, _ := claimIndexFold(s[st:en], as.role, false); k < 0 {
			if k, n := claimIndexFold(s[:st], as.role, true); k >= 0 && st-k-n <= 2 {
				st = k
			}
		}
		ri, ok := b.roleCache[as.role]
		if !ok {
			ri = parseRole(as.role)
			b.roleCache[as.role] = ri
		}
		out = append(out, roleMention{actor: as.actor, key: b.actorKeys[as.actor], name: b.ix.Actors[as.actor].Name,
			role: ri, start: st, end: en})
	}
	// Titled names the actor index did not take up: keyed by the actor
	// whose span they overlap (when that mention carried no title) or by
	// name.
	var fallback []roleMention
	// The fallback grammar starts at a role word: most sentences have none.
	for i := 0; i < len(toks) && b.all&ctfRoleHead != 0; i++ {
		if toks[i].Kind == ctWord && toks[i].is(ctfRoleHead) {
			fallback = fallbackRoles(s, toks, b.roleCache)
			break
		}
	}
	for _, fr := range fallback {
		covered := false
		for _, as := range b.byActor[si] {
			if as.start < fr.end && fr.start < as.end {
				if as.role != "" {
					covered = true
				} else {
					fr.actor, fr.key, fr.name = as.actor, b.actorKeys[as.actor], b.ix.Actors[as.actor].Name
				}
				break
			}
		}
		if !covered {
			out = append(out, fr)
		}
	}
	return out
}

// claimIndexFold finds sub in s under Unicode case folding, the first
// match or, with last, the last one, and returns its byte offset in s and
// its byte length there: folding can change a word's length ("İ", "ẞ"), so
// an offset into a lower-cased copy of s would point elsewhere in s.
// (-1, 0) when sub is not there.
func claimIndexFold(s, sub string, last bool) (int, int) {
	if sub == "" {
		if last {
			return len(s), 0
		}
		return 0, 0
	}
	for k := range len(s) {
		i := k
		if last {
			i = len(s) - 1 - k
		}
		if !utf8.RuneStart(s[i]) {
			continue
		}
		if n := foldPrefixLen(s[i:], sub); n >= 0 {
			return i, n
		}
	}
	return -1, 0
}

// foldPrefixLen is the byte length of the start of s that equals sub under
// case folding (as strings.EqualFold compares), or -1.
func foldPrefixLen(s, sub string) int {
	i := 0
	for _, r := range sub {
		if i >= len(s) {
			return -1
		}
		if c := s[i]; c < utf8.RuneSelf && r < utf8.RuneSelf {
			if toLowerASCII(c) != toLowerASCII(byte(r)) {
				return -1
			}
			i++
			continue
		}
		q, w := utf8.DecodeRuneInString(s[i:])
		if !runesFoldEqual(q, r) {
			return -1
		}
		i += w
	}
	return i
}

// runesFoldEqual is strings.EqualFold for two runes: one is in the other's
// orbit of simple case folds.
func runesFoldEqual(a, b rune) bool {
	if a == b {
		return true
	}
	if b < a {
		a, b = b, a
	}
	r := unicode.SimpleFold(a)
	for r != a && r < b {
		r = unicode.SimpleFold(r)
	}
	return r == b
}

// nameKey says who or what a name in a sentence is: the actor whose mention
// overlaps it, or the actor one of whose names it is, or a country, or its
// last word.
func (b *claimBuilder) nameKey(si int, s string, start, end int) string {
	for _, as := range b.byActor[si] {
		if as.start < end && start < as.end {
			return b.actorKeys[as.actor]
		}
	}
	name := s[start:end]
	if k, ok := b.nameKeys[name]; ok {
		return k
	}
	k := b.nameKeyOf(name)
	b.nameKeys[name] = k
	return k
}

// nameKeyOf is nameKey for a name no actor mention overlaps: it depends on
// the name alone.
func (b *claimBuilder) nameKeyOf(name string) string {
	// The folded forms are looked up from a buffer, without a string.
	var buf [64]byte
	key := claimFoldAppend(buf[:0], name)
	if a, ok := b.bySurface[string(key)]; ok {
		return b.actorKeys[a]
	}
	if c, ok := claimCountryOf[string(key)]; ok {
		if a, ok := b.bySurface[string(claimFoldAppend(buf[:0], c))]; ok {
			return b.actorKeys[a]
		}
		return "country:" + c
	}
	last := name
	if k := strings.LastIndexAny(name, " -"); k >= 0 {
		last = name[k+1:]
	}
	key = claimFoldAppend(buf[:0], last)
	if a, ok := b.bySurface[string(key)]; ok {
		return b.actorKeys[a]
	}
	return "name:" + string(key)
}

// claimCountryOf maps country names, aliases, demonyms and metonyms ("the
// Kremlin") to the country, for keying names without the actor index.
var claimCountryOf = func() map[string]string {
	m := map[string]string{}
	lexReadTSV(roleCountriesTSV, func(f []string) {
		if len(f) == 0 || f[0] == "" {
			return
		}
		m[claimFold(f[0])] = f[0]
		for col := 1; col < len(f) && col <= 3; col++ {
			for _, a := range strings.Split(f[col], ",") {
				if a = strings.TrimSpace(a); a != "" {
					m[claimFold(a)] = f[0]
				}
			}
		}
	})
	return m
}()

// subjectKey finds who takes a stance: the nearest actor mention before
// the cue in the same clause, else the nearest capitalised name.
func (b *claimBuilder) subjectKey(s string, toks []ctoken, si, cue int) string {
	cueStart := toks[cue].Start
	// The clause starts after the last ";", ":" or a dash before the cue.
	clause := 0
	for k := cue - 1; k >= 0; k-- {
		if t := toks[k].Text; t == ";" || t == ":" || t == "—" || t == "“" || t == "”" || t == "\"" {
			clause = toks[k].End
			break
		}
	}
	best := -1
	for i, as := range b.byActor[si] {
		if as.end <= cueStart && as.start >= clause {
			best = i
		}
	}
	if best >= 0 {
		as := b.byActor[si][best]
		// Too far back, with a verb in between, is not the subject.
		if cueStart-as.end <= 40 {
			return b.actorKeys[as.actor]
		}
	}
	for k := cue - 1; k >= 0 && k >= cue-6; k-- {
		t := toks[k]
		if t.Start < clause {
			break
		}
		if t.Kind == ctWord && t.Cap && !t.is(ctfFunction) {
			st := k
			for st > 0 && toks[st-1].Kind == ctWord && toks[st-1].Cap {
				st--
			}
			return b.nameKey(si, s, toks[st].Start, t.End)
		}
	}
	return ""
}

// firsts finds "the first X since T" with the time it refers to.
func (b *claimBuilder) firsts(s string, toks []ctoken, times []TimeRef) []firstSince {
	var out []firstSince
	for i := range toks {
		t := &toks[i]
		if t.Lower != "first" {
			continue
		}
		for k := i + 1; k < len(toks) && k <= i+12; k++ {
			if toks[k].Lower != "since" {
				continue
			}
			// The time after "since", possibly at the end of an event
			// clause: "since the invasion began in 2022".
			for _, tr := range times {
				if tr.Start >= toks[k].Start && tr.Start-toks[k].End < 80 && tr.Year != 0 {
					// What is first: a word with a synonym class ("talks",
					// "encounter"), else the head before the first
					// function word ("first visit to ...").
					what := ""
					for j := i + 1; j < k; j++ {
						if toks[j].Kind != ctWord {
							break
						}
						if toks[j].is(ctfFunction) {
							if what == "" && j > i+1 {
								what = b.lemmaAt(j - 1)
							}
							break
						}
						if _, ok := lexSynonymClass[toks[j].Lower]; ok {
							what = b.lemmaAt(j)
							break
						}
					}
					ft := tr
					ft.Since = true
					out = append(out, firstSince{what: what, time: ft, start: t.Start, end: tr.End})
					break
				}
			}
			break
		}
	}
	return out
}

// Verbs that introduce the words written on a sign or backdrop.
var claimLabelVerbs = map[string]bool{"read": true, "reads": true, "reading": true, "marked": true, "saying": true, "said": true, "labeled": true, "labelled": true, "bearing": true, "emblazoned": true, "proclaiming": true}

// labels finds "<noun> (that) read “...”": the wording of a sign.
func (b *claimBuilder) labels(s string, toks []ctoken) []quotedLabel {
	var out []quotedLabel
	for i := range toks {
		t := &toks[i]
		if !t.is(ctfLabelVerb) || i+1 >= len(toks) || !polIsQuote(toks[i+1].Text) {
			continue
		}
		// The carrier noun: the content word before the verb.
		noun := ""
		for k := i - 1; k >= 0 && k >= i-3; k-- {
			if toks[k].Kind == ctWord && !toks[k].is(ctfFunction) {
				noun = b.lemmaAt(k)
				break
			}
		}
		if noun == "" {
			continue
		}
		j := i + 2
		for j < len(toks) && !polIsQuote(toks[j].Text) {
			j++
		}
		if j >= len(toks) || j == i+2 {
			continue
		}
		text := strings.Trim(s[toks[i+2].Start:toks[j-1].End], " .,")
		out = append(out, quotedLabel{noun: noun, text: text, start: toks[i+1].Start, end: toks[j].End})
	}
	return out
}

// placeEvents ties each place to the event word before its preposition:
// "met in Alaska", "a summit in Geneva".
func (b *claimBuilder) placeEvents(toks []ctoken, places []Value) []placeEvent {
	var out []placeEvent
	for _, p := range places {
		i, _ := claimTokenRange(toks, p.Start, p.Start)
		if i < 0 {
			i = len(toks)
		}
		// i is the place's first token; the preposition is before it.
		for k := i - 2; k >= 0 && k >= i-5; k-- {
			t := toks[k]
			if t.Kind == ctPunct {
				break
			}
			if t.Kind == ctWord && !t.Cap && !t.is(ctfFunction) && !geoCompassWords[t.Lower] {
				out = append(out, placeEvent{
					verb: b.lemmaAt(k), place: p, modal: claimModalBefore(toks, t.Start),
					negated: polNegatedAt(toks, k), start: t.Start, end: p.End,
				})
				break
			}
		}
	}
	return out
}

// persons lists the people a sentence names (sorted keys).
func (b *claimBuilder) persons(si int, roles []roleMention) []string {
	n := len(roles)
	for _, as := range b.byActor[si] {
		if b.isPerson[as.actor] {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	out := claimTake(&b.strSlab, n)
	for _, as := range b.byActor[si] {
		if b.isPerson[as.actor] {
			out = append(out, b.actorKeys[as.actor])
		}
	}
	for _, r := range roles {
		out = append(out, r.key)
	}
	return claimUniq(out)
}

// Adverbs and auxiliaries between a subject and its verb.
var claimVerbFillers = map[string]bool{
	"has": true, "have": true, "had": true, "did": true, "does": true, "do": true, "was": true,
	"were": true, "is": true, "are": true, "will": true, "would": true, "could": true, "also": true,
	"still": true, "already": true, "then": true, "reportedly": true, "officially": true,
	"finally": true, "later": true, "never": true, "not": true, "n't": true, "yet": true, "been": true,
}

// predicates reads "Name (aux) (not) verb ... object" clauses: a name, at
// most three fillers (auxiliaries, adverbs, negators), a lower-case verb,
// and up to two content words after it as its object.
func (b *claimBuilder) predicates(s string, toks []ctoken, si int) []predicate {
	out := b.preds[:0]
	defer func() { b.preds = out[:0] }()
	for i := 0; i < len(toks)-1; i++ {
		t := &toks[i]
		if t.Kind != ctWord || !t.Cap || t.is(ctfFunction) {
			continue
		}
		// The end of a name: the next token is not capitalised.
		if toks[i+1].Kind == ctWord && toks[i+1].Cap {
			continue
		}
		st := i
		for st > 0 && toks[st-1].Kind == ctWord && toks[st-1].Cap {
			st--
		}
		k := i + 1
		negated := false
		for k < len(toks) && k <= i+4 && toks[k].Kind == ctWord && toks[k].is(ctfNegator|ctfVerbFiller|ctfLy) {
			if toks[k].is(ctfNegator) {
				negated = true
			}
			k++
		}
		if k >= len(toks) || toks[k].Kind != ctWord || toks[k].Cap || toks[k].is(ctfFunction) || toks[k].is(ctfSpeech) {
			continue
		}
		verb := &toks[k]
		p := predicate{
			subject: b.nameKey(si, s, toks[st].Start, t.End),
			verb:    b.lemmaAt(k), negated: negated,
			modal: claimModalBefore(toks, verb.Start), start: toks[st].Start, end: verb.End,
		}
		var object [2]string
		n := 0
		for j := k + 1; j < len(toks) && j <= k+4 && n < 2; j++ {
			o := &toks[j]
			if o.Kind != ctWord {
				break
			}
			if o.is(ctfFunction) {
				continue
			}
			object[n] = b.lemmaAt(j)
			n++
			p.end = o.End
		}
		if n > 0 {
			p.object = b.keepStrings(object[:n])
		}
		out = append(out, p)
		i = k
	}
	if len(out) == 0 {
		return nil
	}
	return append(claimTake(&b.predSlab, len(out)), out...)
}

// keepStrings copies a few strings into the worker's store of them.
func (b *claimBuilder) keepStrings(s []string) []string {
	return append(claimTake(&b.strSlab, len(s)), s...)
}

// claimTake hands out an empty slice with room for n elements, carved from
// a large array that many sentences share: one allocation for many small
// slices. Each piece's capacity ends where it does, so an append beyond it
// copies rather than writing into the next piece.
func claimTake[T any](slab *[]T, n int) []T {
	if len(*slab)+n > cap(*slab) {
		*slab = make([]T, 0, max(1024, n))
	}
	k := len(*slab)
	*slab = (*slab)[:k+n]
	return (*slab)[k : k : k+n]
}
