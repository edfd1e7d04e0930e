package model

import (
	"math"
	"slices"
	"sort"
	"strings"
)

// Topics: what the story is about, named so a person understands it.
//
// Two sources: the general news vocabulary (data/news_topics.tsv: readable
// names with keywords, matched on snowball stems) and key phrases
// discovered in the corpus: runs of one to three content words (no names,
// no stop words) that recur across sources, grouped by shared stems. A
// discovered phrase that contains a vocabulary keyword joins that topic
// ("ceasefire deal" -> ceasefire); the others become topics named by their
// most frequent wording ("three hours").

// SentenceTopics returns the indexes into Index.Topics of the topics
// sentence s discusses, ascending. The slice is shared: do not modify it.
func (ix *Index) SentenceTopics(s int) []int32 {
	if s < 0 || s+1 >= len(ix.topicRefStart) {
		return nil
	}
	return ix.topicRefs[ix.topicRefStart[s]:ix.topicRefStart[s+1]]
}

// topicMaxDiscovered bounds the phrase topics: beyond a handful they are
// noise to a reader.
const topicMaxDiscovered = 8

// topicGram counts one candidate key phrase.
type topicGram struct {
	key   [3]uint32
	n     int
	tf    int32
	df    int32
	last  int32 // last article counted, +1
	score float64
}

// Content words kept from the first pass, so that the second needs no
// tokenizing: the stem id, with these flags in the high bits.
const (
	topicJoined = 1 << 31 // follows the previous content word with only a space between
	topicNumber = 1 << 30 // a number word: may start a phrase, never end one
	topicIDMask = topicNumber - 1
)

// topicBuilder holds one build's state.
type topicBuilder struct {
	ix    *Index
	lx    *topicLexicon
	g     *gazetteerData
	ids   map[string]uint32
	words []string    // stem by id-1
	folds []string    // by id-1: the first word seen with that stem
	accs  []*topicAcc // by topic: vocabulary topics, then discovered ones
	// The content words of every sentence: word[wordAt[s]:wordAt[s+1]].
	word      []uint32
	wordStart []int32
	wordEnd   []int32
	wordAt    []int32
}

// topicAcc gathers one topic's hits.
type topicAcc struct {
	sentences []int
	spans     []Mention
	surfaces  map[string]int
	order     []string
	lastSent  int
	lastEnd   int
}

// indexTopics fills Index.Topics and the per-sentence lookup.
func (ix *Index) indexTopics() {
	n := 0
	for i := range ix.Sentences {
		n += len(ix.Sentences[i].Text)
	}
	// About one new stem per 80 bytes of text: sized once rather than grown.
	b := &topicBuilder{ix: ix, lx: loadTopicLexicon(), g: loadGazetteer(), ids: make(map[string]uint32, n/80+64)}
	b.accs = make([]*topicAcc, len(b.lx.names))
	grams := b.firstPass()
	matcher, names := b.chooseTopics(grams)
	b.secondPass(matcher)
	ix.Topics = b.topics(names)
	ix.buildTopicRefs()
	ix.actWords = nil // read only by the topic scan
}

// topicChunk is how many sentences a worker reads at a time in the first
// pass.
const topicChunk = 128

// topicScan is what a worker reads from a chunk of sentences for the first
// pass: the vocabulary hits and every content word, in text order.
type topicScan struct {
	hits    []topicHit
	words   []topicWord
	ends    []int32 // per sentence of the chunk: end of its words
	nextHit int     // the first hit not taken up yet
}

// topicHit is a vocabulary keyword found in a sentence.
type topicHit struct {
	topic, sentence int32
	start, end      int32
	surface         string
}

// topicWord is a content word: what is known of the word, the word, and
// whether it is a number word or follows the previous content word across
// a space only.
type topicWord struct {
	info           *topicWordInfo
	fold           string
	start, end     int32
	number, joined bool
}

// topicWordInfo is what the first pass needs of a folded word, worked out
// once per worker: a corpus repeats its words, and each used to cost
// several lookups per occurrence.
type topicWordInfo struct {
	vocab   []topicPhrase // vocabulary keywords starting with the word
	kind    uint8         // topicContentKind as far as the word alone decides it
	stemmed bool
	stem    string
	// id is the stem's id, set by take (on the consuming goroutine only)
	// the first time the word is taken up; 0 before.
	id uint32
}

// topicWorker holds one worker's buffers and caches.
type topicWorker struct {
	stem topicStemmer
	// toks are the words of the sentence read (in buf): the actor scan's,
	// or read again when it kept none.
	toks   []actTok
	buf    []actTok
	kind   []uint8
	infos  []*topicWordInfo // per token of the sentence
	byWord map[string]*topicWordInfo
	recent [2048]struct {
		fold string
		in   *topicWordInfo
	}
	// slab hands out infos in blocks: their addresses must stay fixed.
	slab  []topicWordInfo
	match []topicHit
}

// wordInfo returns the cached facts of fold.
func (w *topicWorker) wordInfo(b *topicBuilder, fold string) *topicWordInfo {
	// Most words are frequent ones: a small table, which stays in cache,
	// answers them before the map, whose lookups mostly miss the cache.
	h := uint32(2166136261)
	for i := 0; i < len(fold); i++ {
		h = (h ^ uint32(fold[i])) * 16777619
	}
	slot := &w.recent[h%uint32(len(w.recent))]
	if slot.in != nil && slot.fold == fold {
		return slot.in
	}
	if in, ok := w.byWord[fold]; ok {
		slot.fold, slot.in = fold, in
		return in
	}
	if len(w.slab) == 0 {
		w.slab = make([]topicWordInfo, 256)
	}
	in := &w.slab[0]
	w.slab = w.slab[1:]
	in.vocab = b.lx.byFirst[fold]
	in.kind = b.wordKind(fold)
	// fold is part of the sentence text or made for this token: either
	// lives as long as the build.
	w.byWord[fold] = in
	slot.fold, slot.in = fold, in
	return in
}

// firstPass tokenizes every sentence once: it matches the vocabulary,
// counts every run of one to three content words with the number of
// articles it appears in, and keeps the content words for the second pass.
// Workers read chunks of sentences; their findings are taken up in
// sentence order, so stem ids and hits come in the order of one pass.
func (b *topicBuilder) firstPass() map[[3]uint32]*topicGram {
	grams := map[[3]uint32]*topicGram{}
	n := len(b.ix.Sentences)
	b.wordAt = make([]int32, 0, n+1)
	workers := parallelWorkers((n + topicChunk - 1) / topicChunk)
	bytes := 0
	for i := range b.ix.Sentences {
		bytes += len(b.ix.Sentences[i].Text)
	}
	tw := make([]*topicWorker, workers)
	for w := range tw {
		// About one new word per 60 bytes of text: sized once rather than
		// grown.
		tw[w] = &topicWorker{
			stem:   topicStemmer{cache: make(map[string]string, bytes/60/workers+64)},
			byWord: make(map[string]*topicWordInfo, bytes/40/workers+64),
		}
	}
	// Scans are handed back for reuse once taken up.
	free := make(chan *topicScan, 2*workers+1)
	forChunksOrdered(n, topicChunk, workers, func(w, lo, hi int) *topicScan {
		var sc *topicScan
		select {
		case sc = <-free:
		default:
			sc = &topicScan{}
		}
		b.scan(tw[w], sc, lo, hi)
		return sc
	}, func(lo, hi int, sc *topicScan) {
		from := 0
		for si := lo; si < hi; si++ {
			b.take(si, sc, from, int(sc.ends[si-lo]), grams)
			from = int(sc.ends[si-lo])
		}
		select {
		case free <- sc:
		default:
		}
	})
	b.wordAt = append(b.wordAt, int32(len(b.word)))
	// The claims stage lemmatizes the same words.
	b.ix.stems = &stemCache{}
	for _, w := range tw {
		b.ix.stems.maps = append(b.ix.stems.maps, w.stem.cache)
	}
	return grams
}

// scan reads sentences [lo, hi) for the first pass into sc.
func (b *topicBuilder) scan(w *topicWorker, sc *topicScan, lo, hi int) {
	sc.hits, sc.words, sc.ends, sc.nextHit = sc.hits[:0], sc.words[:0], sc.ends[:0], 0
	for si := lo; si < hi; si++ {
		s := &b.ix.Sentences[si]
		if w.buf = b.ix.keptWords(si, w.buf[:0]); w.buf == nil {
			w.buf = actTokenize(s.Text, w.buf, b.g)
		}
		w.toks = w.buf
		w.infos = w.infos[:0]
		for i := range w.toks {
			w.infos = append(w.infos, w.wordInfo(b, w.toks[i].fold))
		}
		w.matchVocabulary(si, s.Text, &sc.hits)
		w.kind = w.kind[:0]
		refs := b.ix.SentenceActors(si)
		r := 0
		for i := range w.toks {
			t := &w.toks[i]
			for r < len(refs) && refs[r].End <= int(t.start) {
				r++
			}
			inActor := r < len(refs) && refs[r].Start < int(t.end)
			in := w.infos[i]
			k := topicContentKind(t, in.kind, inActor, s.Headline)
			w.kind = append(w.kind, k)
			if k == 0 {
				continue // only content words are stemmed
			}
			if !in.stemmed {
				in.stem, in.stemmed = w.stem.stem(t.fold), true
			}
			sc.words = append(sc.words, topicWord{
				info: in, fold: t.fold, start: t.start, end: t.end,
				number: k == 2, joined: i > 0 && w.kind[i-1] != 0 && t.sep == sepSpace,
			})
		}
		sc.ends = append(sc.ends, int32(len(sc.words)))
	}
}

// take adds one scanned sentence: its vocabulary hits, its content words
// and the runs of one to three of them it counts.
func (b *topicBuilder) take(si int, sc *topicScan, from, to int, grams map[[3]uint32]*topicGram) {
	for sc.nextHit < len(sc.hits) && int(sc.hits[sc.nextHit].sentence) == si {
		h := &sc.hits[sc.nextHit]
		b.hitSurface(int(h.topic), si, int(h.start), int(h.end), h.surface)
		sc.nextHit++
	}
	lo := len(b.word)
	b.wordAt = append(b.wordAt, int32(lo))
	for _, cw := range sc.words[from:to] {
		in := cw.info
		if in.id == 0 {
			in.id = b.idFold(in.stem, cw.fold)
		}
		w := in.id
		if cw.number {
			w |= topicNumber
		}
		if cw.joined {
			w |= topicJoined
		}
		b.word = append(b.word, w)
		b.wordStart = append(b.wordStart, cw.start)
		b.wordEnd = append(b.wordEnd, cw.end)
	}
	hi := len(b.word)
	art := int32(b.ix.Sentences[si].Article) + 1
	for i := lo; i < hi; i++ {
		var key [3]uint32
		for n := 1; n <= 3 && i+n <= hi; n++ {
			j := i + n - 1
			w := b.word[j]
			if j > i && (w&topicNumber != 0 || w&topicJoined == 0) {
				break
			}
			key[n-1] = w & topicIDMask
			if w&topicNumber != 0 || n == 1 {
				// A number word alone, or one word alone: too often a
				// verb or an adjective to name a topic; single words
				// reach topics through the vocabulary.
				continue
			}
			gm := grams[key]
			if gm == nil {
				gm = &topicGram{key: key, n: n}
				grams[key] = gm
			}
			gm.tf++
			if gm.last != art {
				gm.last = art
				gm.df++
			}
		}
	}
}

// matchVocabulary appends the vocabulary keywords of the sentence in
// w.toks to hits.
func (w *topicWorker) matchVocabulary(si int, text string, hits *[]topicHit) {
	for i := range w.toks {
		for _, p := range w.infos[i].vocab {
			if i+len(p.stems) <= len(w.toks) && topicWordsAt(w.toks, p.stems, i) {
				st, en := w.toks[i].start, w.toks[i+len(p.stems)-1].end
				surface := text[st:en]
				if !w.toks[i].allCaps {
					surface = strings.ToLower(surface)
				}
				*hits = append(*hits, topicHit{topic: int32(p.topic), sentence: int32(si), start: st, end: en, surface: surface})
			}
		}
	}
}

// hit records a keyword found in sentence si at text[st:en].
func (b *topicBuilder) hit(topic, si int, text string, st, en int, keepCase bool) {
	surface := text[st:en]
	if !keepCase {
		surface = strings.ToLower(surface)
	}
	b.hitSurface(topic, si, st, en, surface)
}

// hitSurface is hit with the keyword as it is counted.
func (b *topicBuilder) hitSurface(topic, si int, st, en int, surface string) {
	a := b.accs[topic]
	if a == nil {
		a = &topicAcc{surfaces: map[string]int{}, lastSent: -1}
		b.accs[topic] = a
	}
	if a.lastSent == si && st < a.lastEnd {
		return // inside a longer keyword of the same topic
	}
	if a.lastSent != si {
		a.sentences = append(a.sentences, si)
	}
	a.lastSent, a.lastEnd = si, en
	a.spans = append(a.spans, Mention{Sentence: si, Start: st, End: en})
	if a.surfaces[surface] == 0 {
		a.order = append(a.order, surface)
	}
	a.surfaces[surface]++
}

var topicNumberWords = map[string]bool{
	"two": true, "three": true, "four": true, "five": true, "six": true, "seven": true,
	"eight": true, "nine": true, "ten": true, "several": true, "dozens": true, "hundreds": true,
	"thousands": true, "millions": true, "first": true, "second": true, "third": true,
}

// topicContentKind (given wordKind(t.fold)): 1 for a word that can be in a
// key phrase, 2 for a number word that can start one ("three hours"), 0
// otherwise (names, stop words, digits, capitals that are not a sentence
// start).
func topicContentKind(t *actTok, wordKind uint8, inActor, headline bool) uint8 {
	switch {
	case t.number || inActor || t.allCaps:
		return 0
	case t.cap && !t.initial && !headline:
		return 0
	}
	return wordKind
}

// wordKind is the part of topicContentKind that depends on the folded word
// alone.
func (b *topicBuilder) wordKind(f string) uint8 {
	switch {
	case len(f) < 3:
		return 0
	case topicNumberWords[f]:
		return 2
	case b.lx.stop[f] || b.g.nonnames[f] || b.g.heads[f]:
		return 0
	case (strings.IndexByte(f, '\'') >= 0 || strings.Contains(f, "’")) && actContraction(f):
		return 0 // "don't", "i've"
	case topicAdverb(f):
		return 0 // "finally", "completely"
	}
	return 1
}

func (b *topicBuilder) id(stem string) uint32 { return b.idFold(stem, "") }

// idFold is the id of a stem, noting the first word seen with it.
func (b *topicBuilder) idFold(stem, fold string) uint32 {
	if id, ok := b.ids[stem]; ok {
		if fold != "" && b.folds[id-1] == "" {
			b.folds[id-1] = strings.Clone(fold)
		}
		return id
	}
	b.words = append(b.words, stem)
	b.folds = append(b.folds, strings.Clone(fold))
	id := uint32(len(b.words))
	b.ids[stem] = id
	return id
}

func (b *topicBuilder) gramStems(gm *topicGram) []string {
	out := make([]string, 0, gm.n)
	for _, id := range gm.key[:gm.n] {
		out = append(out, b.words[id-1])
	}
	return out
}

// topicFound is a chosen phrase for the second pass.
type topicFound struct {
	ids   []uint32
	topic int
}

// chooseTopics picks the recurring phrases: each joins the vocabulary
// topic one of its words is a keyword of, or a discovered topic sharing its
// words, or starts a new one. It returns the phrases by first stem id and
// the topic names (vocabulary topics first; "" for a discovered topic,
// named later by its wording).
func (b *topicBuilder) chooseTopics(grams map[[3]uint32]*topicGram) (map[uint32][]topicFound, []string) {
	nArts := len(b.ix.Articles)
	minDF, minTF := int32(2), int32(2)
	if nArts < 2 {
		minDF, minTF = 1, 3
	}
	var cands []*topicGram
	for _, gm := range grams {
		if gm.df < minDF || gm.tf < minTF || gm.n < 2 {
			continue
		}
		bonus := []float64{0, 1, 1.6, 2}[gm.n]
		gm.score = float64(gm.df) * (1 + math.Log(float64(gm.tf))) * bonus
		cands = append(cands, gm)
	}
	// The order is total (no two phrases have the same stems), so any
	// sort gives it; the stems joined, for ties, are worked out once.
	type ranked struct {
		gm     *topicGram
		joined string
	}
	rank := make([]ranked, len(cands))
	for i, gm := range cands {
		rank[i] = ranked{gm, strings.Join(b.gramStems(gm), " ")}
	}
	slices.SortFunc(rank, func(x, y ranked) int {
		if x.gm.score != y.gm.score {
			if x.gm.score > y.gm.score {
				return -1
			}
			return 1
		}
		if x.gm.n != y.gm.n {
			return y.gm.n - x.gm.n
		}
		return strings.Compare(x.joined, y.joined)
	})
	for i := range rank {
		cands[i] = rank[i].gm
	}
	matcher := map[uint32][]topicFound{}
	names := append([]string(nil), b.lx.names...)
	var groups [][]uint32 // content stems of each discovered topic's phrases
	for _, gm := range cands {
		topic := -1
		if t, ok := b.lexTopicOf(gm); ok {
			topic = t
		} else {
			for gi, gs := range groups {
				if topicShares(gm.key[:gm.n], gs, b) {
					topic = len(b.lx.names) + gi
					groups[gi] = append(gs, gm.key[:gm.n]...)
					break
				}
			}
		}
		if topic < 0 {
			if len(groups) >= topicMaxDiscovered {
				continue
			}
			groups = append(groups, append([]uint32(nil), gm.key[:gm.n]...))
			names = append(names, "")
			topic = len(names) - 1
		}
		ids := append([]uint32(nil), gm.key[:gm.n]...)
		list := append(matcher[ids[0]], topicFound{ids: ids, topic: topic})
		sort.SliceStable(list, func(i, j int) bool { return len(list[i].ids) > len(list[j].ids) })
		matcher[ids[0]] = list
	}
	return matcher, names
}

// lexTopicOf: the vocabulary topic of a phrase that holds one of its
// one-word keywords ("ceasefire deal") or is one of its keywords.
func (b *topicBuilder) lexTopicOf(gm *topicGram) (int, bool) {
	folds := make([]string, gm.n)
	for k, id := range gm.key[:gm.n] {
		folds[k] = b.folds[id-1]
	}
	for k, f := range folds {
		for _, p := range b.lx.byFirst[f] {
			if len(p.stems) == 1 || len(p.stems) <= gm.n-k && b.wordsMatch(p.stems, folds[k:]) {
				return p.topic, true
			}
		}
	}
	return 0, false
}

func (b *topicBuilder) wordsMatch(words, folds []string) bool {
	for i, w := range words {
		if !topicWordMatches(w, folds[i]) {
			return false
		}
	}
	return true
}

// topicShares: the phrase shares a word other than a number word with a
// discovered topic's phrases ("rival gang" and "gang members").
func topicShares(ids, group []uint32, b *topicBuilder) bool {
	for _, a := range ids {
		if topicNumberWords[b.folds[a-1]] {
			continue
		}
		for _, g := range group {
			if a == g {
				return true
			}
		}
	}
	return false
}

// secondPass finds the chosen phrases among the kept content words.
func (b *topicBuilder) secondPass(matcher map[uint32][]topicFound) {
	if len(matcher) == 0 {
		return
	}
	// By first stem id: one index per word instead of a map lookup.
	byID := make([][]topicFound, len(b.words)+1)
	for id, list := range matcher {
		byID[id] = list
	}
	for len(b.accs) < len(b.lx.names)+topicMaxDiscovered {
		b.accs = append(b.accs, nil)
	}
	for si := range b.ix.Sentences {
		text := b.ix.Sentences[si].Text
		lo, hi := int(b.wordAt[si]), int(b.wordAt[si+1])
		for i := lo; i < hi; i++ {
			for _, p := range byID[b.word[i]&topicIDMask] {
				n := len(p.ids)
				if i+n > hi {
					continue
				}
				ok := true
				for k := 1; k < n && ok; k++ {
					w := b.word[i+k]
					ok = w&topicJoined != 0 && w&topicIDMask == p.ids[k]
				}
				if ok {
					b.hit(p.topic, si, text, int(b.wordStart[i]), int(b.wordEnd[i+n-1]), false)
				}
			}
		}
	}
}

// topics turns the accumulated hits into Index.Topics; a topic without a
// hit is dropped.
func (b *topicBuilder) topics(names []string) []*Topic {
	var topics []*Topic
	for ti, a := range b.accs {
		if a == nil {
			continue
		}
		sort.Ints(a.sentences)
		a.sentences = slicesCompactInts(a.sentences)
		sort.SliceStable(a.spans, func(i, j int) bool {
			if a.spans[i].Sentence != a.spans[j].Sentence {
				return a.spans[i].Sentence < a.spans[j].Sentence
			}
			return a.spans[i].Start < a.spans[j].Start
		})
		t := &Topic{Name: names[ti], Sentences: a.sentences, Spans: a.spans, Mentions: map[string]int{}}
		kws := append([]string(nil), a.order...)
		sort.SliceStable(kws, func(i, j int) bool { return a.surfaces[kws[i]] > a.surfaces[kws[j]] })
		if len(kws) > 15 {
			kws = kws[:15]
		}
		t.Keywords = kws
		if t.Name == "" {
			t.Name = kws[0]
		}
		for _, s := range a.sentences {
			t.Mentions[b.ix.ArticleOf(s).File]++
		}
		topics = append(topics, t)
	}
	sort.SliceStable(topics, func(i, j int) bool {
		if len(topics[i].Mentions) != len(topics[j].Mentions) {
			return len(topics[i].Mentions) > len(topics[j].Mentions)
		}
		if len(topics[i].Sentences) != len(topics[j].Sentences) {
			return len(topics[i].Sentences) > len(topics[j].Sentences)
		}
		return topics[i].Name < topics[j].Name
	})
	ids := slugger{}
	for _, t := range topics {
		t.ID = ids.unique(t.Name)
	}
	return topics
}

// slicesCompactInts drops repeats from a sorted slice.
func slicesCompactInts(s []int) []int {
	out := s[:0]
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// topicWordsAt: a vocabulary keyword's words stand at toks[i:] with only
// spaces between.
func topicWordsAt(toks []actTok, words []string, i int) bool {
	for k, w := range words {
		if k > 0 && (toks[i+k].sep != sepSpace || !topicWordMatches(w, toks[i+k].fold)) {
			return false
		}
	}
	return true
}

// buildTopicRefs indexes the topics by sentence.
func (ix *Index) buildTopicRefs() {
	counts := make([]int32, len(ix.Sentences)+1)
	for _, t := range ix.Topics {
		for _, s := range t.Sentences {
			counts[s+1]++
		}
	}
	for s := 1; s < len(counts); s++ {
		counts[s] += counts[s-1]
	}
	refs := make([]int32, counts[len(counts)-1])
	fill := append([]int32(nil), counts[:len(counts)-1]...)
	for ti, t := range ix.Topics {
		for _, s := range t.Sentences {
			refs[fill[s]] = int32(ti)
			fill[s]++
		}
	}
	ix.topicRefs, ix.topicRefStart = refs, counts
}

// topicAdverb: an -ly adverb ("finally", "reportedly"), told from nouns
// like "family" or "assembly" by the letter before "ly".
func topicAdverb(f string) bool {
	if len(f) < 6 || !strings.HasSuffix(f, "ly") {
		return false
	}
	switch f[len(f)-3] {
	case 'l', 'e', 't', 'd', 's', 'k', 'r', 'n', 'w', 'g', 'h', 'v':
		return true
	}
	return false
}
