package model

import (
	"cmp"
	"math"
	"math/bits"
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
// noise to a reader. (At most 16: chooseTopics keeps a bit per topic.)
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

// topicGrams are the candidate key phrases counted: the map gives a
// phrase's place in list by topicGramKey, so that it holds no pointers
// and the counts sit together.
type topicGrams struct {
	at   map[uint64]int32
	list []topicGram
}

// topicGramKey is one number for a run of two or three stem ids, which a
// map hashes faster than the ids: a run of two is its two ids (each under
// 2^30), a run of three the place of its first two words' run in
// topicGrams.list and its last id, with the top bit set.
func topicGramKey(key [3]uint32, n int, pair int32) uint64 {
	if n == 2 {
		return uint64(key[0])<<32 | uint64(key[1])
	}
	return 1<<63 | uint64(pair)<<32 | uint64(key[2])
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
	surfaces  map[string]int32 // keyword as written -> its place in order
	counts    []int            // by place in order: how often each is written
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
	// About one new stem per 200 bytes of text: sized once rather than
	// grown.
	b := &topicBuilder{ix: ix, lx: loadTopicLexicon(), g: loadGazetteer(), ids: make(map[string]uint32, n/200+64)}
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

// topicWord is a content word: what is known of the word, and whether it
// is a number word or follows the previous content word across a space
// only.
type topicWord struct {
	info           *topicWordInfo
	start, end     int32
	number, joined bool
}

// topicWordInfo is what the first pass needs of a folded word, worked out
// once per worker: a corpus repeats its words, and each used to cost
// several lookups per occurrence. (What the scan reads of every word is
// in its slot of topicWordTable.)
type topicWordInfo struct {
	fold    string
	vocab   []topicPhrase // vocabulary keywords starting with the word
	stemmed bool
	stem    string
	// id is the stem's id, set by take (on the consuming goroutine only)
	// the first time the word is taken up; 0 before.
	id uint32
}

// topicWorker holds one worker's buffers and caches.
type topicWorker struct {
	// stems are the words this worker stemmed, for the claims stage
	// (Index.stems), which stems the same words.
	stems map[string]string
	// lite and folds are the words of the sentence read: the actor
	// scan's, or read again into own (from toks) when it kept none.
	lite   []actTokLite
	folds  []string
	own    actKeptWords
	toks   []actTok
	kind   []uint8
	byWord *topicWordTable
}

// word returns the slot of fold in the worker's table, with what is known
// of the word.
func (w *topicWorker) word(b *topicBuilder, fold string) topicWordSlot {
	s, i, ok := w.byWord.find(fold)
	if ok {
		return s
	}
	// fold is part of the sentence text or made for this token: either
	// lives as long as the build.
	return w.byWord.add(fold, i, b.wordKind(fold), b.lx.byFirst[fold])
}

// firstPass tokenizes every sentence once: it matches the vocabulary,
// counts every run of one to three content words with the number of
// articles it appears in, and keeps the content words for the second pass.
// Workers read chunks of sentences; their findings are taken up in
// sentence order, so stem ids and hits come in the order of one pass.
func (b *topicBuilder) firstPass() *topicGrams {
	n := len(b.ix.Sentences)
	bytes := 0
	for i := range b.ix.Sentences {
		bytes += len(b.ix.Sentences[i].Text)
	}
	// Sized once rather than grown, from what news text holds: about one
	// content word per 20 bytes, one new word per 100 bytes, one new
	// content word per 200 and one phrase counted per 100.
	grams := &topicGrams{at: make(map[uint64]int32, bytes/100+64), list: make([]topicGram, 0, bytes/100+64)}
	b.wordAt = make([]int32, 0, n+1)
	b.word = make([]uint32, 0, bytes/16+64)
	b.wordStart = make([]int32, 0, bytes/16+64)
	b.wordEnd = make([]int32, 0, bytes/16+64)
	workers := parallelWorkers((n + topicChunk - 1) / topicChunk)
	tw := make([]*topicWorker, workers)
	for w := range tw {
		tw[w] = &topicWorker{
			stems:  make(map[string]string, bytes/200/workers+64),
			byWord: newTopicWordTable(bytes/100/workers + 64),
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
		b.ix.stems.maps = append(b.ix.stems.maps, w.stems)
	}
	return grams
}

// scan reads sentences [lo, hi) for the first pass into sc.
func (b *topicBuilder) scan(w *topicWorker, sc *topicScan, lo, hi int) {
	sc.hits, sc.words, sc.ends, sc.nextHit = sc.hits[:0], sc.words[:0], sc.ends[:0], 0
	for si := lo; si < hi; si++ {
		s := &b.ix.Sentences[si]
		b.sentenceWords(w, si)
		w.kind = w.kind[:0]
		refs := b.ix.SentenceActors(si)
		r := 0
		for i := range w.lite {
			t := &w.lite[i]
			ws := w.word(b, w.folds[i])
			if ws.vocab {
				w.matchVocabulary(si, s.Text, i, w.byWord.info(ws.at).vocab, &sc.hits)
			}
			for r < len(refs) && refs[r].End <= int(t.start) {
				r++
			}
			inActor := r < len(refs) && refs[r].Start < int(t.end)
			k := topicContentKind(t.flags, ws.kind, inActor, s.Headline)
			w.kind = append(w.kind, k)
			if k == 0 {
				continue // only content words are stemmed
			}
			in := w.byWord.info(ws.at)
			if !in.stemmed {
				in.stem, in.stemmed = topicStem(in.fold), true
				if len(in.fold) > 3 {
					// Index.stems holds only the words topicStem stems.
					w.stems[in.fold] = in.stem
				}
			}
			sc.words = append(sc.words, topicWord{
				info: in, start: t.start, end: t.end,
				number: k == 2, joined: i > 0 && w.kind[i-1] != 0 && actSep(t.flags&3) == sepSpace,
			})
		}
		sc.ends = append(sc.ends, int32(len(sc.words)))
	}
}

// take adds one scanned sentence: its vocabulary hits, its content words
// and the runs of one to three of them it counts.
func (b *topicBuilder) take(si int, sc *topicScan, from, to int, grams *topicGrams) {
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
			in.id = b.idFold(in.stem, in.fold)
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
		// Runs of two and three words only. One word alone is too often a
		// verb or an adjective to name a topic (single words reach topics
		// through the vocabulary), and a number word may start a run but
		// not stand in it.
		var key [3]uint32
		key[0] = b.word[i] & topicIDMask
		pair := int32(0) // the run of two, in grams.list, for the run of three
		for n := 2; n <= 3 && i+n <= hi; n++ {
			w := b.word[i+n-1]
			if w&topicNumber != 0 || w&topicJoined == 0 {
				break
			}
			key[n-1] = w & topicIDMask
			at, ok := grams.at[topicGramKey(key, n, pair)]
			if !ok {
				at = int32(len(grams.list))
				grams.list = append(grams.list, topicGram{key: key, n: n})
				grams.at[topicGramKey(key, n, pair)] = at
			}
			pair = at
			gm := &grams.list[at]
			gm.tf++
			if gm.last != art {
				gm.last = art
				gm.df++
			}
		}
	}
}

// matchVocabulary appends to hits the keywords of vocab, those starting
// with the word, that stand at w.lite[i:].
func (w *topicWorker) matchVocabulary(si int, text string, i int, vocab []topicPhrase, hits *[]topicHit) {
	for pi := range vocab {
		p := &vocab[pi]
		if i+len(p.stems) <= len(w.lite) && w.wordsAt(p, i) {
			st, en := w.lite[i].start, w.lite[i+len(p.stems)-1].end
			surface := text[st:en]
			if w.lite[i].flags&actLiteAllCaps == 0 {
				surface = strings.ToLower(surface)
			}
			*hits = append(*hits, topicHit{topic: int32(p.topic), sentence: int32(si), start: st, end: en, surface: surface})
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
		a = &topicAcc{surfaces: map[string]int32{}, lastSent: -1}
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
	at, ok := a.surfaces[surface]
	if !ok {
		at = int32(len(a.order))
		a.order = append(a.order, surface)
		a.counts = append(a.counts, 0)
		a.surfaces[surface] = at
	}
	a.counts[at]++
}

var topicNumberWords = map[string]bool{
	"two": true, "three": true, "four": true, "five": true, "six": true, "seven": true,
	"eight": true, "nine": true, "ten": true, "several": true, "dozens": true, "hundreds": true,
	"thousands": true, "millions": true, "first": true, "second": true, "third": true,
}

// topicContentKind (given a word's actTokLite flags and wordKind of its
// fold): 1 for a word that can be in a key phrase, 2 for a number word that
// can start one ("three hours"), 0 otherwise (names, stop words, digits,
// capitals that are not a sentence start).
func topicContentKind(flags, wordKind uint8, inActor, headline bool) uint8 {
	switch {
	case flags&(actLiteNumber|actLiteAllCaps) != 0 || inActor:
		return 0
	case flags&(actLiteCap|actLiteInitial) == actLiteCap && !headline:
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
			b.folds[id-1] = fold
		}
		return id
	}
	b.words = append(b.words, stem)
	b.folds = append(b.folds, fold) // lives as long as the build
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
func (b *topicBuilder) chooseTopics(grams *topicGrams) (map[uint32][]topicFound, []string) {
	nArts := len(b.ix.Articles)
	minDF, minTF := int32(2), int32(2)
	if nArts < 2 {
		minDF, minTF = 1, 3
	}
	var cands []*topicGram
	for i := range grams.list {
		gm := &grams.list[i]
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
	// The discovered topics a stem id is in, a bit for each: topics
	// share phrases by their words, and a phrase tried against every
	// topic's words cost as much as the rest of the choice.
	groupsOf := make([]uint16, len(b.words)+1)
	groups := 0
	for _, gm := range cands {
		topic := -1
		if t, ok := b.lexTopicOf(gm); ok {
			topic = t
		} else {
			// The first discovered topic whose phrases share a word other
			// than a number word with this one ("rival gang" and "gang
			// members").
			var shared uint16
			for _, a := range gm.key[:gm.n] {
				if !topicNumberWords[b.folds[a-1]] {
					shared |= groupsOf[a]
				}
			}
			if shared != 0 {
				gi := bits.TrailingZeros16(shared)
				topic = len(b.lx.names) + gi
				for _, a := range gm.key[:gm.n] {
					groupsOf[a] |= 1 << gi
				}
			}
		}
		if topic < 0 {
			if groups >= topicMaxDiscovered {
				continue
			}
			for _, a := range gm.key[:gm.n] {
				groupsOf[a] |= 1 << groups
			}
			groups++
			names = append(names, "")
			topic = len(names) - 1
		}
		ids := append([]uint32(nil), gm.key[:gm.n]...)
		list := append(matcher[ids[0]], topicFound{ids: ids, topic: topic})
		slices.SortStableFunc(list, func(x, y topicFound) int { return cmp.Compare(len(y.ids), len(x.ids)) })
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
			if len(p.stems) == 1 || len(p.stems) <= gm.n-k && topicWordsMatch(&p, folds[k:]) {
				return p.topic, true
			}
		}
	}
	return 0, false
}

func topicWordsMatch(p *topicPhrase, folds []string) bool {
	for i := range p.stems {
		if !p.wordMatches(i, folds[i]) {
			return false
		}
	}
	return true
}

// secondPass finds the chosen phrases among the kept content words.
func (b *topicBuilder) secondPass(matcher map[uint32][]topicFound) {
	if len(matcher) == 0 {
		return
	}
	// By first stem id: one index per word instead of a map lookup.
	byID := make([][]topicFound, len(b.words)+1)
	// starts has a bit for each id that starts a phrase: it stays in the
	// cache where byID does not, and most words start none.
	starts := make([]uint64, len(b.words)/64+1)
	for id, list := range matcher {
		byID[id] = list
		starts[id/64] |= 1 << (id % 64)
	}
	for len(b.accs) < len(b.lx.names)+topicMaxDiscovered {
		b.accs = append(b.accs, nil)
	}
	for si := range b.ix.Sentences {
		text := b.ix.Sentences[si].Text
		lo, hi := int(b.wordAt[si]), int(b.wordAt[si+1])
		for i := lo; i+1 < hi; i++ {
			id := b.word[i] & topicIDMask
			// Every phrase has two words or more.
			if b.word[i+1]&topicJoined == 0 || starts[id/64]&(1<<(id%64)) == 0 {
				continue
			}
			for _, p := range byID[id] {
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
		slices.SortStableFunc(a.spans, func(x, y Mention) int {
			if x.Sentence != y.Sentence {
				return cmp.Compare(x.Sentence, y.Sentence)
			}
			return cmp.Compare(x.Start, y.Start)
		})
		t := &Topic{Name: names[ti], Sentences: a.sentences, Spans: a.spans, Mentions: map[string]int{}}
		byCount := make([]int32, len(a.order))
		for i := range byCount {
			byCount[i] = int32(i)
		}
		slices.SortStableFunc(byCount, func(x, y int32) int { return cmp.Compare(a.counts[y], a.counts[x]) })
		kws := make([]string, len(byCount))
		for i, at := range byCount {
			kws[i] = a.order[at]
		}
		if len(kws) > 15 {
			kws = kws[:15]
		}
		t.Keywords = kws
		if t.Name == "" {
			t.Name = kws[0]
		}
		// An article's sentences are consecutive: counted a run at a time.
		for i := 0; i < len(a.sentences); {
			art := b.ix.Sentences[a.sentences[i]].Article
			j := i + 1
			for j < len(a.sentences) && b.ix.Sentences[a.sentences[j]].Article == art {
				j++
			}
			t.Mentions[b.ix.Articles[art].File] += j - i
			i = j
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

// wordsAt: a vocabulary keyword's words stand at w.lite[i:] with only
// spaces between.
func (w *topicWorker) wordsAt(p *topicPhrase, i int) bool {
	for k := range p.stems {
		if k > 0 && (actSep(w.lite[i+k].flags&3) != sepSpace || !p.wordMatches(k, w.folds[i+k])) {
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
