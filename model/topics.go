package model

import (
	"math"
	"sort"
	"strconv"
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

// topicBuilder holds one build's state.
type topicBuilder struct {
	ix    *Index
	lx    *topicLexicon
	g     *gazetteerData
	stem  topicStemmer
	ids   map[string]uint32
	words []string // stem by id-1
	toks  []actTok
	stems []string
}

// indexTopics fills Index.Topics and the per-sentence lookup.
func (ix *Index) indexTopics() {
	b := &topicBuilder{
		ix: ix, lx: loadTopicLexicon(), g: loadGazetteer(),
		stem: topicStemmer{cache: map[string]string{}}, ids: map[string]uint32{},
	}
	grams := b.countPhrases()
	matcher, names := b.chooseTopics(grams)
	ix.Topics = b.collect(matcher, names)
	ix.buildTopicRefs()
}

// tokenize fills b.toks and b.stems for sentence si; stems of tokens that
// cannot be part of a key phrase are "".
func (b *topicBuilder) tokenize(si int) {
	s := &b.ix.Sentences[si]
	b.toks = actTokenize(s.Text, b.toks, b.g)
	b.stems = b.stems[:0]
	for i := range b.toks {
		b.stems = append(b.stems, b.stem.stem(b.toks[i].fold))
	}
}

// countPhrases is the first pass: every run of one to three content words
// counted with the number of articles it appears in.
func (b *topicBuilder) countPhrases() map[[3]uint32]*topicGram {
	grams := map[[3]uint32]*topicGram{}
	var kind []uint8 // per token: 0 not content, 1 content, 2 number word (may start a phrase)
	for si := range b.ix.Sentences {
		s := &b.ix.Sentences[si]
		b.tokenize(si)
		kind = kind[:0]
		refs := b.ix.SentenceActors(si)
		r := 0
		for i := range b.toks {
			t := &b.toks[i]
			for r < len(refs) && refs[r].End <= int(t.start) {
				r++
			}
			inActor := r < len(refs) && refs[r].Start < int(t.end)
			kind = append(kind, b.contentKind(t, inActor, s.Headline))
		}
		art := int32(s.Article) + 1
		for i := range b.toks {
			if kind[i] == 0 {
				continue
			}
			var key [3]uint32
			for n := 1; n <= 3 && i+n <= len(b.toks); n++ {
				j := i + n - 1
				if kind[j] == 0 || j > i && (kind[j] == 2 || b.toks[j].sep != sepSpace) {
					break
				}
				key[n-1] = b.id(b.stems[j])
				if kind[j] == 2 || n == 1 && len(b.toks[j].fold) < 4 {
					continue // a number word alone, or a short word alone
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
	return grams
}

var topicNumberWords = map[string]bool{
	"two": true, "three": true, "four": true, "five": true, "six": true, "seven": true,
	"eight": true, "nine": true, "ten": true, "several": true, "dozens": true, "hundreds": true,
	"thousands": true, "millions": true, "first": true, "second": true, "third": true,
}

// contentKind: 1 for a word that can be in a key phrase, 2 for a number
// word that can start one ("three hours"), 0 otherwise (names, stop words,
// digits, capitals that are not a sentence start).
func (b *topicBuilder) contentKind(t *actTok, inActor, headline bool) uint8 {
	f := t.fold
	switch {
	case t.number || inActor || t.allCaps || len(f) < 3:
		return 0
	case t.cap && !t.initial && !headline:
		return 0
	case topicNumberWords[f]:
		return 2
	case b.lx.stop[f] || b.g.nonnames[f] || b.g.heads[f]:
		return 0
	}
	return 1
}

func (b *topicBuilder) id(stem string) uint32 {
	if id, ok := b.ids[stem]; ok {
		return id
	}
	b.words = append(b.words, stem)
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

// chooseTopics picks the recurring phrases and builds the matcher of the
// second pass: vocabulary keywords, plus each chosen phrase under its
// vocabulary topic or its own. It returns the matcher (by first stem) and
// the topic names (vocabulary topics first; "" for a discovered topic,
// named later by its wording).
func (b *topicBuilder) chooseTopics(grams map[[3]uint32]*topicGram) (map[string][]topicPhrase, []string) {
	nArts := len(b.ix.Articles)
	minDF, minTF := int32(2), int32(2)
	if nArts < 2 {
		minDF, minTF = 1, 3
	}
	var cands []*topicGram
	for _, gm := range grams {
		if gm.df < minDF || gm.tf < minTF || gm.n < 2 {
			// One word alone is too often a verb or an adjective to name
			// a topic; it still reaches one through the vocabulary.
			continue
		}
		bonus := []float64{0, 1, 1.6, 2}[gm.n]
		gm.score = float64(gm.df) * (1 + math.Log(float64(gm.tf))) * bonus
		cands = append(cands, gm)
	}
	sort.Slice(cands, func(i, j int) bool {
		if cands[i].score != cands[j].score {
			return cands[i].score > cands[j].score
		}
		if cands[i].n != cands[j].n {
			return cands[i].n > cands[j].n
		}
		return strings.Join(b.gramStems(cands[i]), " ") < strings.Join(b.gramStems(cands[j]), " ")
	})
	matcher := map[string][]topicPhrase{} // discovered phrases, by first stem
	names := append([]string(nil), b.lx.names...)
	var groups [][]string // stems of each discovered topic's phrases, flattened
	add := func(p topicPhrase) {
		list := matcher[p.stems[0]]
		for _, q := range list {
			if strings.Join(q.stems, " ") == strings.Join(p.stems, " ") {
				return
			}
		}
		list = append(list, p)
		sort.SliceStable(list, func(i, j int) bool { return len(list[i].stems) > len(list[j].stems) })
		matcher[p.stems[0]] = list
	}
	for _, gm := range cands {
		stems := b.gramStems(gm)
		if t, ok := b.lexTopicOf(stems); ok {
			add(topicPhrase{stems: stems, topic: t})
			continue
		}
		joined := -1
		for gi, gs := range groups {
			if topicSubset(stems, gs) {
				joined = gi
				break
			}
		}
		if joined >= 0 {
			add(topicPhrase{stems: stems, topic: len(b.lx.names) + joined})
			continue
		}
		if len(groups) >= topicMaxDiscovered {
			continue
		}
		groups = append(groups, stems)
		names = append(names, "")
		add(topicPhrase{stems: stems, topic: len(names) - 1})
	}
	return matcher, names
}

// lexTopicOf: the vocabulary topic of a phrase that contains one of its
// one-word keywords.
func (b *topicBuilder) lexTopicOf(stems []string) (int, bool) {
	for _, s := range stems {
		if t, ok := b.lx.single[s]; ok {
			return t, true
		}
	}
	return 0, false
}

// topicSubset: every stem of a is in b, or every stem of b is in a.
func topicSubset(a, b []string) bool {
	in := func(x []string, s string) bool {
		for _, y := range x {
			if y == s {
				return true
			}
		}
		return false
	}
	all := func(x, y []string) bool {
		for _, s := range x {
			if !in(y, s) {
				return false
			}
		}
		return true
	}
	return all(a, b) || all(b, a)
}

// topicAcc gathers one topic's hits in the second pass.
type topicAcc struct {
	sentences []int
	spans     []Mention
	surfaces  map[string]int
	order     []string
	lastSent  int
	lastEnd   int
}

// collect is the second pass: every keyword and phrase matched sentence by
// sentence; topics without a hit are dropped.
func (b *topicBuilder) collect(matcher map[string][]topicPhrase, names []string) []*Topic {
	accs := make([]*topicAcc, len(names))
	for si := range b.ix.Sentences {
		b.tokenize(si)
		text := b.ix.Sentences[si].Text
		for i := range b.toks {
			lexical := b.lx.byFirst[b.toks[i].fold]
			found := matcher[b.stems[i]]
			for k := 0; k < len(lexical)+len(found); k++ {
				var p topicPhrase
				if k < len(lexical) {
					p = lexical[k]
					if i+len(p.stems) > len(b.toks) || !b.matchWordsAt(p.stems, i) {
						continue
					}
				} else {
					p = found[k-len(lexical)]
					if i+len(p.stems) > len(b.toks) || !b.matchAt(p.stems, i) {
						continue
					}
				}
				n := len(p.stems)
				a := accs[p.topic]
				if a == nil {
					a = &topicAcc{surfaces: map[string]int{}, lastSent: -1}
					accs[p.topic] = a
				}
				st, en := int(b.toks[i].start), int(b.toks[i+n-1].end)
				if a.lastSent == si && st < a.lastEnd {
					continue // inside a longer keyword of the same topic
				}
				if a.lastSent != si {
					a.sentences = append(a.sentences, si)
				}
				a.lastSent, a.lastEnd = si, en
				a.spans = append(a.spans, Mention{Sentence: si, Start: st, End: en})
				surface := text[st:en]
				if !b.toks[i].allCaps {
					surface = strings.ToLower(surface)
				}
				if a.surfaces[surface] == 0 {
					a.order = append(a.order, surface)
				}
				a.surfaces[surface]++
			}
		}
	}
	var topics []*Topic
	for ti, a := range accs {
		if a == nil {
			continue
		}
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
	ids := map[string]int{}
	for _, t := range topics {
		id := actSlug(t.Name)
		if n := ids[id]; n > 0 {
			ids[id] = n + 1
			id += "-" + strconv.Itoa(n+1)
		} else {
			ids[id] = 1
		}
		t.ID = id
	}
	return topics
}

// matchAt: the phrase's stems stand at tokens i... with only spaces between.
func (b *topicBuilder) matchAt(stems []string, i int) bool {
	for k, s := range stems {
		if b.stems[i+k] != s || k > 0 && b.toks[i+k].sep != sepSpace {
			return false
		}
	}
	return true
}

// matchWordsAt: a vocabulary keyword's words stand at tokens i... with
// only spaces between.
func (b *topicBuilder) matchWordsAt(words []string, i int) bool {
	for k, w := range words {
		if k > 0 && (b.toks[i+k].sep != sepSpace || !topicWordMatches(w, b.toks[i+k].fold)) {
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
