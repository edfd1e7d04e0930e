package model

import (
	_ "embed"
	"sort"
	"strings"
	"sync"

	"github.com/kljensen/snowball/english"
)

// A frame is one predication of a claim: who (the clause's actors and its
// subject) did what (a predicate class or, outside the lexicon, the
// verb's stem), with or without negation, to what (the other content
// words of the clause) and where and when. Agreements line up frames that
// say the same thing in other words ("refused to cede any land" / "will
// not surrender its territory"); the contradiction
// detectors line up frames that say opposite things.

//go:embed data/predicates.tsv
var framePredicatesTSV string

//go:embed data/paraphrases.tsv
var frameParaphrasesTSV string

//go:embed data/antonyms.tsv
var frameAntonymsTSV string

var (
	// framePredVerbs maps verb forms (phrases too: "give up") to their class.
	framePredVerbs = newLexPhrases()
	// framePredNouns maps nouns that name a predication ("talks", "win")
	// to their class.
	framePredNouns = map[string]string{}
	// frameArgPhrases maps words and phrases that name one thing to their
	// class; frameArgMembers lists each class's single words in order.
	frameArgPhrases = newLexPhrases()
	frameArgMembers = map[string][]string{}
	// frameArgClassNum numbers the classes in file order, frameArgClasses
	// names them: the claims stage's reader refers to a class's lemma by
	// number until the corpus lexicon is complete (frameClassRef).
	frameArgClassNum = map[string]int32{}
	frameArgClasses  []string
	// frameAntonyms maps a predicate key to the keys it excludes.
	frameAntonyms = map[string][]string{}
)

func init() {
	classes := map[string]bool{}
	lexReadTSV(framePredicatesTSV, func(f []string) {
		if len(f) < 2 || f[0] == "" {
			return
		}
		classes[f[0]] = true
		for _, v := range strings.Split(f[1], ",") {
			if v = strings.TrimSpace(v); v != "" {
				framePredVerbs.add(v, f[0])
			}
		}
		if len(f) > 2 {
			for _, n := range strings.Split(f[2], ",") {
				if n = strings.TrimSpace(n); n != "" {
					framePredNouns[n] = f[0]
				}
			}
		}
	})
	lexReadTSV(frameParaphrasesTSV, func(f []string) {
		if len(f) < 2 || f[0] == "" {
			return
		}
		for _, m := range strings.Split(f[1], ",") {
			m = strings.TrimSpace(m)
			if m == "" {
				continue
			}
			frameArgPhrases.add(m, f[0])
			if _, ok := frameArgClassNum[f[0]]; !ok {
				frameArgClassNum[f[0]] = int32(len(frameArgClasses))
				frameArgClasses = append(frameArgClasses, f[0])
			}
			if !strings.Contains(m, " ") {
				frameArgMembers[f[0]] = append(frameArgMembers[f[0]], m)
			}
		}
	})
	key := func(w string) string {
		if classes[w] {
			return "c:" + w
		}
		return "s:" + english.Stem(w, false)
	}
	lexReadTSV(frameAntonymsTSV, func(f []string) {
		if len(f) < 2 {
			return
		}
		a, b := key(f[0]), key(f[1])
		frameAntonyms[a] = append(frameAntonyms[a], b)
		frameAntonyms[b] = append(frameAntonyms[b], a)
	})
}

// Grammar words the frame reader needs beyond the function-word list.
var (
	frameAux = lexWordSet(`is are was were be been being am has have had do does did
		will would shall should can could may might must`)
	frameCopulas = lexWordSet(`is are was were be been being am remains remain remained
		became become becomes`)
	// Verbs that carry a noun predication: "held talks", "scored a win".
	frameLightVerbs = lexWordSet(`hold holds held holding have has had conduct conducts
		conducted stage stages staged score scores scored secure secures secured claim
		claims claimed suffer suffers suffered make makes made reach reaches reached
		mark marks marked achieve achieves achieved deliver delivers delivered`)
	frameDeterminers = lexWordSet(`a an the this that these those its his her their our
		my your whose another each every any some`)
	// Words before a verb form that make it a noun or an adjective: "the
	// strike", "of occupied territory".
	frameNotBeforeVerb = lexWordSet(`a an the this that these those its his her their our
		my your whose another each every any some of in on at for from by about into
		over under between against toward towards upon within`)
	// Words that put what follows them in their clause out of the world as
	// it is: "demanding the city surrender ...", "fear the possibility of
	// ...", "whether ...". A predication after one is not asserted.
	frameIrrealis = lexWordSet(`demand demands demanded demanding fear fears feared
		fearing want wants wanted wanting hope hopes hoped hoping urge urges urged
		urging ask asks asked asking possibility prospect prospects whether if unless
		risk risks chance chances wish wishes seek seeks sought seeking call calls
		called calling plan plans proposal effort efforts attempt attempts try tries
		tried trying encourage encourages encouraged encouraging ready willing prepared
		eager keen able must should ought`)
	// Words that open a new clause after a comma.
	frameClauseAfterComma = lexWordSet(`and but or while whereas which who whom whose
		where when although though because as since after before despite following if
		unless until so yet amid amidst`)
	// Words that open a new clause anywhere.
	frameClauseWords = lexWordSet(`but while whereas although though because which who whom`)
	// Words that end the object of a predicate in a summary.
	frameObjectStops = lexWordSet(`and but or as while that which who because if when
		after before despite since following although though so`)
)

// frameFlag marks the word lists a word is on, so that the reader looks
// each word up once (frameFlags).
type frameFlag uint32

const (
	ffFunc frameFlag = 1 << iota
	ffAux
	ffCopula
	ffLight
	ffDet
	ffNotBeforeVerb
	ffIrrealis
	ffAfterComma
	ffClauseWord
	ffObjStop
	ffLocative
	ffSubjPrep
	ffNone
	ffPronoun
	ffPast
	ffIrregular
	ffRealisTo
	ffFiller
	ffNeg
	ffVerbFirst // first word of a verb form of predicates.tsv
	ffArgFirst  // first word of a member of paraphrases.tsv
	ffCueFirst  // first word of a stance or negative cue
	ffPredNoun  // a noun form of predicates.tsv
)

// frameFlags is every listed word with its lists. It is built on first
// use: the phrase tables it reads are filled by init functions.
var (
	frameFlags     map[string]frameFlag
	frameFlagsOnce sync.Once
)

func buildFrameFlags() {
	m := map[string]frameFlag{}
	for _, l := range []struct {
		set  map[string]bool
		flag frameFlag
	}{
		{lexFunctionWords, ffFunc}, {frameAux, ffAux}, {frameCopulas, ffCopula}, {frameLightVerbs, ffLight},
		{frameDeterminers, ffDet}, {frameNotBeforeVerb, ffNotBeforeVerb}, {frameIrrealis, ffIrrealis},
		{frameClauseAfterComma, ffAfterComma}, {frameClauseWords, ffClauseWord}, {frameObjectStops, ffObjStop},
		{frameLocatives, ffLocative}, {frameSubjectPreps, ffSubjPrep}, {frameNoneWords, ffNone},
		{framePronouns, ffPronoun}, {framePastForms, ffPast}, {frameIrregularPast, ffIrregular},
		{frameRealisBeforeTo, ffRealisTo}, {claimVerbFillers, ffFiller}, {polNegators, ffNeg},
	} {
		for w := range l.set {
			m[w] |= l.flag
		}
	}
	for w := range framePredVerbs.byFirst {
		m[w] |= ffVerbFirst
	}
	for w := range frameArgPhrases.byFirst {
		m[w] |= ffArgFirst
	}
	for w := range polStances.byFirst {
		m[w] |= ffCueFirst
	}
	for w := range polNegPhrases.byFirst {
		m[w] |= ffCueFirst
	}
	for w := range framePredNouns {
		m[w] |= ffPredNoun
	}
	frameFlags = m
}

// frameMatch is pt.match, skipped for a word no entry starts with.
func frameMatch(pt *lexPhrases, toks []ctoken, fl []frameFlag, i int, first frameFlag) (string, int) {
	if fl[i]&first == 0 {
		return "", 0
	}
	return pt.match(toks, i)
}

// claimFrame is one predication of a claim (see the comment at the top).
type claimFrame struct {
	// What: the predicate class of predicates.tsv ("" outside it) and the
	// Snowball stem of the head word ("n:" before a noun's).
	class, stem string
	// classKey and stemKey are what keys returns, made once per word.
	classKey, stemKey string
	// neg: "did not sign", "refused to give up", "ended without". predNeg
	// is the predicate's own negation ("did not escape"), objNeg the
	// object's ("escaped without injury"); neg is the two together.
	neg, predNeg, objNeg bool
	// modal is the modality cue before the predicate ("possible" for a
	// predication after "fear", "demanding", "whether" ...).
	modal string
	// weak frames were guessed from a word's form ("..., founded by X"):
	// contradictions use them, agreements do not. passive: "was founded",
	// whose subject is what was done to.
	weak, passive bool

	// Who: subj is the subject's key ("actor:3", "name:x", "noun:meeting"),
	// "" when unknown. subjects are the subject and the actors it stands
	// for or with: an official's country and title ("special envoy"), a
	// noun's demonym ("French troops"). core are the named actors of the
	// subject alone ("A and B met"). actors are all those of the clause,
	// objNames the names in the object ("rescued MV Gibe"); all sorted.
	subj                             string
	subjects, core, actors, objNames []string

	// What about, where, when: the clause's content lemmas besides the
	// predicate and the names (sorted), and indexes into the claim's
	// Places, Times and Quantities. times are those of the predication
	// itself; clauseTimes all the clause's: one that differs makes
	// another event even when it is not the predication's own.
	args                             []lemmaID
	places, times, clauseTimes, qtys []int

	// start and end are the predicate with its auxiliaries, negation and
	// object (byte offsets in the sentence), for summaries; subjStart and
	// subjEnd are the subject as written, or -1. subjTok is the token the
	// subject was read from, head the head word's token, headLemma the
	// head word's lemma (or -1).
	start, end, subjStart, subjEnd int
	subjTok, head                  int
	headLemma                      lemmaID
}

// keys are what frames are matched on: the class and the stem.
func (fr *claimFrame) keys() (class, stem string) {
	return fr.classKey, fr.stemKey
}

// sameKey: two frames name the same predicate.
func (fr *claimFrame) sameKey(o *claimFrame) bool {
	return (fr.class != "" && fr.class == o.class) || fr.stem == o.stem
}

// antonym: the predicates exclude each other ("won" / "lost").
func (fr *claimFrame) antonym(o *claimFrame) bool {
	ac, as := fr.keys()
	bc, bs := o.keys()
	for _, k := range []string{ac, as} {
		if k == "" {
			continue
		}
		for _, x := range frameAntonyms[k] {
			if x == bc || x == bs {
				return true
			}
		}
	}
	return false
}

// frameReader reads the frames of the claims of one index.
type frameReader struct {
	ix   *Index
	lem  *lexLemmatizer
	lx   *claimLexicon
	toks []ctoken
	// canon is the lemma that stands for each paraphrase class in this
	// corpus (-1 when the corpus uses none of its words).
	canon map[string]lemmaID
	// wordIdx numbers each lower-case word the reader has met; words holds
	// what the reader needs of it, so that a word is looked up once per
	// token rather than once per list, cache and key. actorKeys is each
	// actor's key.
	wordIdx   map[string]int32
	words     []frameWord
	wordExt   []frameWordExt
	classKeys map[string]string
	actorKeys []string
	// roles are roleCountries' keys and roleNoun's key per title: the
	// same few titles come back in frame after frame.
	roles map[string]*frameRole
	// Per-sentence buffers, reused: see read.
	fl     []frameFlag
	inName []int16
	inRole []bool
	clause []int16
	used   []bool
	argOf  []lemmaID
	wordOf []int32 // per token: its index in words, -1 for punctuation
	preds  []framePred
	// Per-frame scratch lists, copied to the slabs when done: the frames
	// of a corpus are many small lists, and one allocation for many of
	// them is what makes reading them cheap.
	actBuf, subjBuf, coreBuf, objBuf []string
	intBuf                           []int
	lemBuf, wordBuf                  []lemmaID
	strSlab                          []string
	intSlab                          []int
	lemSlab                          []lemmaID
	frameSlab                        []claimFrame

	// Set when the reader runs in a claims worker (readTokens): the
	// tokens are the claim builder's, tids their entries in its word
	// cache, and lemma IDs are the worker's own until resolveFrames.
	cache   *ctCache
	tids    []int32
	byCache []int32 // per cache entry: 1 + its index in words, 0 until met
	// classUses lists the claims that stand for a paraphrase class by its
	// lemma before the corpus is known to have one; reread marks the
	// claim being read as one to read again after the claims stage.
	classUses []frameClassUse
	reread    bool
}

// frameClassUse is a claim read on the assumption that the corpus has a
// lemma for a paraphrase class (resolveFrames checks it).
type frameClassUse struct {
	claim, class int32
}

// Lemma IDs that a reader in a claims worker leaves to resolveFrames: the
// canonical lemma of a class (frameClassRef + its number) and the lemma,
// if the corpus has it, of a word that is no content word (framePendingRef
// + its cache entry). The worker's own IDs are far below either.
const (
	frameClassRef   lemmaID = 1 << 28
	framePendingRef lemmaID = 1 << 29
)

// frameSlabSize is how many entries a slab chunk holds.
const frameSlabSize = 4096

// slabCopy copies src into the slab and returns the copy, nil when src is
// empty. The copy's capacity is its length, so that appending to it
// cannot reach into its neighbours.
func slabCopy[T any](slab *[]T, src []T) []T {
	if len(src) == 0 {
		return nil
	}
	if cap(*slab)-len(*slab) < len(src) {
		*slab = make([]T, 0, max(frameSlabSize, len(src)))
	}
	start := len(*slab)
	*slab = append(*slab, src...)
	return (*slab)[start:len(*slab):len(*slab)]
}

// frameWord is what the frame reader keeps of one word, the costly parts
// made on first use.
type frameWord struct {
	lower string
	fl    frameFlag
	id    lemmaID // its own lemma's ID; -1: none, -2: not yet looked up
	ext   int32   // its keys in r.wordExt, -1 until needed
	cid   int32   // its entry in r.cache, when the reader has one
}

// frameWordExt holds the keys of the few words that head a frame or name
// a subject, apart from frameWord to keep that small.
type frameWordExt struct {
	stem string // Snowball stem, "" until needed
	// verbKey and nounStemKey are its stem's frame keys as a verb ("s:"
	// + stem) and as a noun ("s:n:" + stem); nounStem is "n:" + stem.
	verbKey, nounStemKey, nounStem string
	name                           string // "name:" key
	noun                           string // "noun:" key
}

// ext is the frameWordExt of word w.
func (r *frameReader) ext(w int32) *frameWordExt {
	fw := &r.words[w]
	if fw.ext < 0 {
		fw.ext = int32(len(r.wordExt))
		r.wordExt = append(r.wordExt, frameWordExt{})
	}
	return &r.wordExt[fw.ext]
}

// word is the index in r.words of a lower-case word.
func (r *frameReader) word(lower string) int32 {
	if w, ok := r.wordIdx[lower]; ok {
		return w
	}
	w := r.newWord(lower, -1)
	r.wordIdx[lower] = w
	return w
}

// newWord enters a word r.words does not have.
func (r *frameReader) newWord(lower string, cid int32) int32 {
	fl := frameFlags[lower]
	if strings.HasSuffix(lower, "n't") {
		fl |= ffNeg
	}
	w := int32(len(r.words))
	r.words = append(r.words, frameWord{lower: lower, fl: fl, id: -2, ext: -1, cid: cid})
	return w
}

// cachedWord is word for the word of entry cid of r.cache: an index
// instead of a map look-up.
func (r *frameReader) cachedWord(cid int32) int32 {
	if int(cid) >= len(r.byCache) {
		r.byCache = append(r.byCache, make([]int32, max(int(cid)+1, 2*len(r.byCache), 1024)-len(r.byCache))...)
	}
	if w := r.byCache[cid]; w > 0 {
		return w - 1
	}
	w := r.newWord(r.cache.info[cid].lower, cid)
	r.byCache[cid] = w + 1
	return w
}

// ownID is the ID of a word's own lemma, or -1.
func (r *frameReader) ownID(w int32) lemmaID {
	fw := &r.words[w]
	if r.cache != nil {
		// The claim builder interned the lemma of every content word of
		// the sentence; another word's may be in the corpus or not.
		if l := r.cache.info[fw.cid].lemma; l >= 0 {
			return l
		}
		return framePendingRef + fw.cid
	}
	if fw.id == -2 {
		fw.id = -1
		if x, found := r.lx.ids[r.lemma(fw.lower)]; found {
			fw.id = x
		}
	}
	return fw.id
}

// lemma is lexLemmatizer.lemma without its cache: the reader looks each
// word up once (r.words), so caching it twice only costs.
func (r *frameReader) lemma(w string) string { return r.lem.lemmaOf(w) }

func (r *frameReader) wordStem(w int32) string {
	x := r.ext(w)
	if x.stem == "" {
		x.stem = r.lem.stem(r.words[w].lower)
	}
	return x.stem
}

// nounStem is claimFrame.stem of a noun frame headed by word w.
func (r *frameReader) nounStem(w int32) string {
	x := r.ext(w)
	if x.nounStem == "" {
		x.nounStem = "n:" + r.wordStem(w)
	}
	return x.nounStem
}

// stemKey is claimFrame.stemKey of a frame whose head is word w.
func (r *frameReader) stemKey(w int32, noun bool) string {
	x := r.ext(w)
	if noun {
		if x.nounStemKey == "" {
			x.nounStemKey = "s:" + r.nounStem(w)
		}
		return x.nounStemKey
	}
	if x.verbKey == "" {
		x.verbKey = "s:" + r.wordStem(w)
	}
	return x.verbKey
}

// classKey is claimFrame.classKey of a frame of class c.
func (r *frameReader) classKey(c string) string {
	if c == "" {
		return ""
	}
	k, ok := r.classKeys[c]
	if !ok {
		k = "c:" + c
		r.classKeys[c] = k
	}
	return k
}

func (r *frameReader) nameKey(w int32) string {
	x := r.ext(w)
	if x.name == "" {
		x.name = "name:" + r.words[w].lower
	}
	return x.name
}

func (r *frameReader) nounKey(w int32) string {
	x := r.ext(w)
	if x.noun == "" {
		x.noun = "noun:" + r.lem.lemma(r.words[w].lower)
	}
	return x.noun
}

// frameIndex is what the frame reader found in every claim.
type frameIndex struct {
	frames [][]claimFrame // per claim
	// words are per claim the lemmas of its lower-case content words
	// (sorted): what a sentence says apart from the names, places, times
	// and figures it says it of.
	words [][]lemmaID
}

// frames reads every claim's frames once per index: the conflict stage
// reads them and the agreement stage reuses them.
func (ix *Index) frames() [][]claimFrame {
	return ix.frameIndex().frames
}

// frameChunk is how many claims a frame reader worker takes at a time.
const frameChunk = 256

func (ix *Index) frameIndex() *frameIndex {
	if ix.claimFrames != nil {
		return ix.claimFrames
	}
	frameFlagsOnce.Do(buildFrameFlags)
	fx := &frameIndex{frames: make([][]claimFrame, len(ix.Claims)), words: make([][]lemmaID, len(ix.Claims))}
	if ix.claimLex != nil {
		// One reader per worker: a reader's caches hold what a word is,
		// whoever reads it first, so the frames do not depend on which
		// worker reads which claims.
		n := len(ix.Claims)
		workers := parallelWorkers((n + frameChunk - 1) / frameChunk)
		readers := make([]*frameReader, workers)
		forChunksParallel(n, frameChunk, workers, func(w, lo, hi int) {
			r := readers[w]
			if r == nil {
				r = newFrameReader(ix, n/workers)
				readers[w] = r
			}
			for ci := lo; ci < hi; ci++ {
				fx.frames[ci], fx.words[ci] = r.read(ci)
			}
		})
	}
	ix.claimFrames = fx
	return fx
}

// newFrameReader is a reader of its own tokens for about size claims.
func newFrameReader(ix *Index, size int) *frameReader {
	r := &frameReader{ix: ix, lem: newLexLemmatizer(), lx: ix.claimLex, canon: map[string]lemmaID{},
		wordIdx: make(map[string]int32, size), classKeys: map[string]string{},
		words: make([]frameWord, 0, size), actorKeys: make([]string, len(ix.Actors))}
	r.lem.shared = ix.stems // the stems earlier stages found, while the build runs
	return r
}

// argID is the lemma a word (an index in r.words, or -1 for none) stands
// for among a frame's arguments: its paraphrase class's lemma when it has
// one, else its own.
func (r *frameReader) argID(word int32, class string) (lemmaID, bool) {
	if r.cache != nil {
		return r.argRef(word, class)
	}
	if class != "" {
		id, ok := r.canon[class]
		if !ok {
			id = -1
			for _, m := range frameArgMembers[class] {
				if x, found := r.lx.ids[r.lem.lemma(m)]; found {
					id = x
					break
				}
			}
			r.canon[class] = id
		}
		if id >= 0 {
			return id, true
		}
	}
	if word < 0 {
		return 0, false
	}
	id := r.ownID(word)
	return id, id >= 0
}

// argRef is argID in a claims worker, before the corpus lexicon is
// complete: a class stands for its lemma on the assumption that the corpus
// has one (checked by resolveFrames), and a word for the worker's ID of
// its lemma, which the builder interned for every content word.
func (r *frameReader) argRef(word int32, class string) (lemmaID, bool) {
	if class != "" {
		k := frameArgClassNum[class]
		r.classUses = append(r.classUses, frameClassUse{claim: -1, class: k})
		return frameClassRef + k, true
	}
	if word < 0 {
		return 0, false
	}
	id := r.ownID(word)
	if id >= framePendingRef {
		r.reread = true // not a content word: not expected here
		return 0, false
	}
	return id, true
}

// actorKey is claimActorKey, made once per actor.
func (r *frameReader) actorKey(a int) string {
	if r.actorKeys[a] == "" {
		r.actorKeys[a] = claimActorKey(a)
	}
	return r.actorKeys[a]
}

// framePred is a predicate found in a sentence before its slots are read.
type framePred struct {
	head, n int // head token and its length in tokens ("give up" is 2)
	class   string
	noun    bool // a noun predication ("held talks"), not a verb
	weak    bool // a guess from the word's form alone
}

func (r *frameReader) read(ci int) ([]claimFrame, []lemmaID) {
	r.toks = ctokenizeInto(r.toks[:0], r.ix.Sentences[r.ix.Claims[ci].Sentence].Text)
	return r.readTokens(ci, r.toks)
}

// readTokens is read with the claim's tokens in hand.
func (r *frameReader) readTokens(ci int, toks []ctoken) ([]claimFrame, []lemmaID) {
	ix := r.ix
	c := &ix.Claims[ci]
	sent := &ix.Sentences[c.Sentence]
	s := sent.Text
	if len(toks) < 3 {
		return nil, nil
	}
	refs := ix.SentenceActors(c.Sentence)
	n := len(toks)
	// inName[i] is the actor mention token i lies in, or -1.
	inName, inRole, used := frameBuf(&r.inName, n), frameBuf(&r.inRole, n), frameBuf(&r.used, n)
	for i := range inName {
		inName[i], inRole[i], used[i] = -1, false, false
	}
	// inRole marks the words of a title right before a name: they are
	// part of the mention ("French President" is no name of its own)
	// but still say what the person is ("special envoy").
	for k, ref := range refs {
		start := ref.Start
		if ref.Role != "" && ref.Start > len(ref.Role) && strings.EqualFold(strings.TrimSpace(s[ref.Start-len(ref.Role)-1:ref.Start]), ref.Role) {
			start = ref.Start - len(ref.Role) - 1
		}
		i := sort.Search(len(toks), func(i int) bool { return toks[i].Start >= start })
		for ; i < len(toks) && toks[i].End <= ref.End; i++ {
			inRole[i] = toks[i].End <= ref.Start
			inName[i] = int16(k)
		}
	}
	// One look-up a word for every word list the reader uses.
	fl, wordOf := frameBuf(&r.fl, n), frameBuf(&r.wordOf, n)
	for i := range toks {
		fl[i], wordOf[i] = 0, -1
		if t := &toks[i]; t.Kind == ctWord {
			var w int32
			if r.cache != nil {
				w = r.cachedWord(r.tids[i])
			} else {
				w = r.word(t.Lower)
			}
			wordOf[i], fl[i] = w, r.words[w].fl
		}
	}
	clause := frameClauses(frameBuf(&r.clause, n), toks, fl)

	preds := r.preds[:0]
	for i := 0; i < len(toks); i++ {
		t := &toks[i]
		if t.Kind != ctWord || inName[i] >= 0 || used[i] || (t.Cap && !sent.Headline && i > 0) {
			continue
		}
		if cls, n := frameMatch(framePredVerbs, toks, fl, i, ffVerbFirst); n > 0 && frameVerbUse(toks, fl, i, inName) {
			preds = append(preds, framePred{head: i, n: n, class: cls})
			for k := i; k < i+n; k++ {
				used[k] = true
			}
			i += n - 1
			continue
		}
		if fl[i]&ffFunc != 0 || len(t.Lower) < 2 {
			continue
		}
		if fl[i]&ffPredNoun != 0 {
			cls := framePredNouns[t.Lower]
			if frameNounPredicate(toks, fl, i, clause) {
				// "a summit meeting": one predication, not two.
				if n := len(preds); n > 0 && preds[n-1].class == cls && i-preds[n-1].head <= 2 {
					continue
				}
				preds = append(preds, framePred{head: i, n: 1, class: cls, noun: true})
				used[i] = true
			}
			continue
		}
		if strings.HasSuffix(t.Lower, "ly") || frameCueAt(toks, fl, i) {
			continue // an adverb, or a cue that belongs to the predicate after it
		}
		if frameAfterAux(toks, fl, i, clause) {
			// "is a French movie director": the head of the noun phrase.
			head := i
			for head+1 < len(toks) && head-i < 4 && clause[head+1] == clause[i] && toks[head+1].Kind == ctWord &&
				!toks[head+1].Cap && fl[head+1]&ffFunc == 0 && inName[head+1] < 0 && fl[i-1]&ffDet != 0 {
				head++
			}
			cls := framePredNouns[toks[head].Lower]
			preds = append(preds, framePred{head: head, n: 1, class: cls, noun: cls != ""})
			for k := i; k <= head; k++ {
				used[k] = true
			}
			i = head
			continue
		}
		if frameAfterSubject(toks, fl, i, inName, clause) {
			preds = append(preds, framePred{head: i, n: 1})
			used[i] = true
			continue
		}
		// Any other past form or participle ("Y, founded by X in 1975"):
		// too loose to corroborate with, enough to contradict.
		if w := t.Lower; i > 0 && (strings.HasSuffix(w, "ed") && len(w) > 4 || fl[i]&ffIrregular != 0) && fl[i-1]&ffNotBeforeVerb == 0 {
			preds = append(preds, framePred{head: i, n: 1, weak: true})
			used[i] = true
		}
	}
	r.preds = preds
	// Each word's argument lemma, once per sentence: a phrase ("stop the
	// fighting") on its first word, -2 on the others; -1 for none.
	argOf := frameBuf(&r.argOf, n)
	for i := 0; i < n; i++ {
		t := &toks[i]
		argOf[i] = -1
		if t.Kind != ctWord || (inName[i] >= 0 && (!inRole[i] || t.Cap)) {
			continue
		}
		if cls, m := frameMatch(frameArgPhrases, toks, fl, i, ffArgFirst); m > 1 {
			if id, ok := r.argID(-1, cls); ok {
				argOf[i] = id
				for k := i + 1; k < i+m; k++ {
					argOf[k] = -2
				}
				i += m - 1
				continue
			}
		}
		if fl[i]&ffFunc != 0 || len(t.Lower) < 2 || fl[i]&ffAux != 0 {
			continue
		}
		cls, _ := frameMatch(frameArgPhrases, toks, fl, i, ffArgFirst)
		if id, ok := r.argID(wordOf[i], cls); ok {
			argOf[i] = id
		}
	}
	words := r.wordBuf[:0]
	for i, id := range argOf {
		if id >= 0 && !toks[i].Cap {
			words = append(words, id)
		}
	}
	r.wordBuf = words
	words = slabCopy(&r.lemSlab, lemmaSet(words))
	if len(preds) == 0 {
		return nil, words
	}
	np := len(preds)
	if cap(r.frameSlab)-len(r.frameSlab) < np {
		r.frameSlab = make([]claimFrame, 0, max(frameSlabSize/16, np))
	}
	start := len(r.frameSlab)
	r.frameSlab = r.frameSlab[:start+np]
	out := r.frameSlab[start : start : start+np]
	for _, p := range preds {
		fr := r.frame(ci, toks, fl, refs, inName, clause, argOf, p)
		fr.headLemma = argOf[p.head]
		if fr.headLemma < 0 {
			fr.headLemma = r.ownID(wordOf[p.head])
		}
		out = append(out, fr)
	}
	// "pledged not to sell": the subject of the first verb is the subject
	// of the second.
	for i := range out {
		for j := range i {
			if out[i].subjTok >= 0 && out[i].subjTok == out[j].head {
				out[i].subj, out[i].subjStart, out[i].subjEnd = out[j].subj, out[j].subjStart, out[j].subjEnd
				out[i].subjects, out[i].core = out[j].subjects, out[j].core
			}
		}
	}
	return out, words
}

// frameVerbUse tells a verb form used as a verb from one used as a noun or
// an adjective: not after a determiner or a preposition ("the strike", "of
// occupied territory"), and a form in -ing or -s, which nouns share ("the
// fatal shooting", "other charges"), not after a noun phrase's modifiers
// either. A past form after a noun is a verb: "the meeting ended".
func frameVerbUse(toks []ctoken, fl []frameFlag, i int, inName []int16) bool {
	if i == 0 {
		return true
	}
	if fl[i-1]&ffNotBeforeVerb != 0 {
		return false
	}
	// A past form is a verb wherever it stands: "the meeting ended".
	w := toks[i].Lower
	if strings.HasSuffix(w, "ed") || fl[i]&ffPast != 0 {
		return true
	}
	// Other forms right after a modifier are nouns: "adaptive charging",
	// "defensive end".
	if p := &toks[i-1]; p.Kind == ctWord && !p.Cap && inName[i-1] < 0 && fl[i-1]&ffFunc == 0 && fl[i-1]&ffAux == 0 &&
		fl[i-1]&ffNeg == 0 && !strings.HasSuffix(p.Lower, "ly") && fl[i-1]&ffAfterComma == 0 {
		return false
	}
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		t := &toks[k]
		if t.Kind != ctWord || inName[k] >= 0 || t.Cap {
			return true
		}
		if fl[k]&ffNotBeforeVerb != 0 {
			return false
		}
		if fl[k]&ffFunc != 0 || fl[k]&ffAux != 0 || fl[k]&ffNeg != 0 || strings.HasSuffix(t.Lower, "ly") {
			return true
		}
	}
	return true
}

// frameRealisBeforeTo are verbs whose infinitive did happen: "managed
// to escape", "went on to win", "began to fall".
var frameRealisBeforeTo = lexWordSet(`managed manage manages went go goes began begin begins
	started start starts continued continue continues proceeded came come used happened
	proved turned vowed pledged promised`)

// frameNoneWords before a subject deny what it does: "no gun was found".
var frameNoneWords = lexWordSet(`no neither none never`)

// frameSubjectPreps open a phrase after the head of a subject: "the
// offices around the neighbourhood", "people within a block of the bank".
var frameSubjectPreps = lexWordSet(`of in at near around within from on with for by outside inside`)

// frameLocatives are the prepositions before a place.
var frameLocatives = lexWordSet(`in at near outside inside from of across`)

// framePastForms are the irregular past forms of predicates.tsv: verbs
// even right after a noun ("the vessel sank", "shares fell").
var framePastForms = lexWordSet(`met sat won lost began begun beaten overcame struck slain slew
	fled fell fallen rose risen grew grown shot sold bought quit shut cut hurt withdrew
	withdrawn gave given broke kept sank sunk wed led drew drawn hit`)

// frameClauses numbers the clauses of a sentence: a new clause starts at
// ";", ":", a dash or a bracket, at "but", "which", "because" and the
// like, and after a comma at a conjunction or a participle ("..., marking
// the first talks").
func frameClauses(out []int16, toks []ctoken, fl []frameFlag) []int16 {
	var c int16
	for i := range toks {
		t := &toks[i]
		switch {
		case t.Kind == ctPunct:
			switch t.Text {
			case ";", ":", "—", "–", "-", "(", ")", "[", "]":
				c++
			case ",":
				if i+1 < len(toks) {
					n := &toks[i+1]
					if n.Kind == ctWord && !n.Cap && (fl[i+1]&ffAfterComma != 0 || (strings.HasSuffix(n.Lower, "ing") && len(n.Lower) > 5)) {
						c++
					}
				}
			}
		case t.Kind == ctWord && fl[i]&ffClauseWord != 0 && i > 0:
			c++
		}
		out[i] = c
	}
	return out
}

// frameNounPredicate: a noun names the predication of its clause after a
// light verb or a copula ("held a summit", "is already a diplomatic
// win") or before "between" ("talks between A and B").
func frameNounPredicate(toks []ctoken, fl []frameFlag, i int, clause []int16) bool {
	if i+1 < len(toks) && toks[i+1].Lower == "between" {
		return true
	}
	for k, mods := i-1, 0; k >= 0 && k >= i-5 && clause[k] == clause[i]; k-- {
		t := &toks[k]
		if t.Kind != ctWord {
			return false
		}
		if fl[k]&ffLight != 0 || fl[k]&ffCopula != 0 {
			return true
		}
		if fl[k]&ffDet != 0 || fl[k]&ffNeg != 0 || strings.HasSuffix(t.Lower, "ly") || t.Lower == "already" || t.Lower == "also" {
			continue
		}
		if fl[k]&ffFunc != 0 || t.Cap {
			return false
		}
		// Up to two modifiers: "a high-stakes summit", "a diplomatic win".
		if mods++; mods > 2 {
			return false
		}
	}
	return false
}

// frameAfterAux: a content word right after an auxiliary chain ("was
// killed", "did not sign", "is dead", "has never been a member") or after
// a stance cue ending in "to" ("refused to comment").
func frameAfterAux(toks []ctoken, fl []frameFlag, i int, clause []int16) bool {
	aux := false
	for k := i - 1; k >= 0 && k >= i-4 && clause[k] == clause[i]; k-- {
		t := &toks[k]
		if t.Kind != ctWord {
			break
		}
		if fl[k]&ffAux != 0 {
			aux = true
			continue
		}
		if fl[k]&ffNeg != 0 || strings.HasSuffix(t.Lower, "ly") || fl[k]&ffDet != 0 || fl[k]&ffFiller != 0 {
			continue
		}
		// "refused to comment", "pledged not to sell": an infinitive after
		// a stance cue or a negator.
		if t.Lower == "to" && k == i-1 && k > 0 {
			if _, j := frameCueEndingAt(toks, fl, k); j >= 0 || fl[k-1]&ffNeg != 0 {
				return true
			}
		}
		break
	}
	return aux
}

// frameAfterSubject: a past form right after its subject ("Chabrol
// directed ...", "the company acquired ...", "she wrote ..."): a verb
// outside the lexicon with no auxiliary before it.
func frameAfterSubject(toks []ctoken, fl []frameFlag, i int, inName []int16, clause []int16) bool {
	w := toks[i].Lower
	if i == 0 || !(strings.HasSuffix(w, "ed") && len(w) > 4 || fl[i]&ffIrregular != 0) {
		return false
	}
	k := i - 1
	if strings.HasSuffix(toks[k].Lower, "ly") && k > 0 {
		k--
	}
	if clause[k] != clause[i] {
		return false
	}
	t := &toks[k]
	switch {
	case inName[k] >= 0, fl[k]&ffPronoun != 0:
		return true
	case t.Kind == ctWord && t.Cap && fl[k]&ffFunc == 0 && k > 0:
		return true
	case t.Kind == ctWord && fl[k]&ffFunc == 0 && k > 0 && fl[k-1]&ffDet != 0:
		return true // "the company acquired"
	}
	return false
}

// framePronouns can be the subject right before a verb.
var framePronouns = lexWordSet(`he she they it we i who which`)

// frameIrregularPast are common irregular past forms: verbs even without
// an auxiliary ("she wrote", "the firm made").
var frameIrregularPast = lexWordSet(`wrote made took became came went saw found built led left
	held brought bought sent spent paid ran began knew thought gave got put set kept fought
	taught caught won lost met sold chose drove flew grew threw rode spoke stole wore broke
	hid bit shot struck stood understood forgot sank sang drank swam fell rose ate fed felt
	heard meant read sat slept won lent bore beat cost cut hit hurt let quit shut split spread
	sought sold told`)

// frameCueAt: a stance or negative cue starts at toks[i] ("refused to",
// "failed to").
func frameCueAt(toks []ctoken, fl []frameFlag, i int) bool {
	if fl[i]&ffCueFirst == 0 {
		return false
	}
	if _, n := polStances.match(toks, i); n > 0 {
		return true
	}
	_, n := polNegPhrases.match(toks, i)
	return n > 0
}

// frameCueEndingAt finds a stance or negative cue ("refused to", "failed
// to") whose last token is toks[k]; it returns the cue's value and first
// token, or -1.
func frameCueEndingAt(toks []ctoken, fl []frameFlag, k int) (string, int) {
	for j := k; j >= 0 && j >= k-3; j-- {
		if fl[j]&ffCueFirst == 0 {
			continue
		}
		if v, n := polStances.match(toks, j); n > 0 && j+n-1 == k {
			return v, j
		}
		if _, n := polNegPhrases.match(toks, j); n > 0 && j+n-1 == k {
			return "-", j
		}
	}
	return "", -1
}

// frame reads the slots of one predicate.
func (r *frameReader) frame(ci int, toks []ctoken, fl []frameFlag, refs []ActorRef, inName []int16, clause []int16, argOf []lemmaID, p framePred) claimFrame {
	ix := r.ix
	c := &ix.Claims[ci]
	fr := claimFrame{class: p.class, stem: r.wordStem(r.wordOf[p.head]), subjStart: -1, subjEnd: -1, subjTok: -1, head: p.head, weak: p.weak}
	if p.noun {
		// "an achievement" is not "achieved": nouns match verbs by class only.
		fr.stem = r.nounStem(r.wordOf[p.head])
	}
	fr.classKey, fr.stemKey = r.classKey(p.class), r.stemKey(r.wordOf[p.head], p.noun)
	cl := clause[p.head]

	// Walk back over auxiliaries, negators, adverbs, modifiers of a noun
	// predicate and stance cues: they belong to the predicate.
	neg := false
	first := p.head
	for k := p.head - 1; k >= 0 && k >= p.head-7 && clause[k] == cl; k-- {
		t := &toks[k]
		if t.Kind != ctWord || inName[k] >= 0 {
			break
		}
		if t.Lower == "to" {
			if v, j := frameCueEndingAt(toks, fl, k); j >= 0 {
				if v == "-" {
					neg = !neg
				}
				first, k = j, j
				continue
			}
		}
		if fl[k]&ffNeg != 0 {
			neg = !neg
			first = k
			continue
		}
		if fl[k]&ffAux != 0 || fl[k]&ffCopula != 0 || fl[k]&ffFiller != 0 || strings.HasSuffix(t.Lower, "ly") || t.Lower == "to" ||
			(p.noun && (fl[k]&ffDet != 0 || fl[k]&ffLight != 0 || (!t.Cap && fl[k]&ffFunc == 0 && p.head-k <= 3))) {
			first = k
			continue
		}
		// "managed to flee", "was expected to last": the verb before
		// "to" belongs to the predicate, and its subject is the subject.
		if !t.Cap && strings.HasSuffix(t.Lower, "ed") && k+1 < len(toks) && toks[k+1].Lower == "to" && fl[k]&ffFunc == 0 {
			first = k
			continue
		}
		if v, j := frameCueEndingAt(toks, fl, k); j >= 0 {
			if v == "-" {
				neg = !neg
			}
			first, k = j, j
			continue
		}
		break
	}
	// "ended without agreement", "reached no deal": the object is denied.
	after := p.head + p.n
	fr.predNeg = neg
	if after < len(toks) && (toks[after].Lower == "without" || toks[after].Lower == "no" || toks[after].Lower == "nothing") {
		neg = !neg
		fr.objNeg = true
	}
	fr.neg = neg
	fr.modal = claimModalAt(toks, p.head)
	if w := toks[p.head].Lower; !p.noun && (strings.HasSuffix(w, "ed") || fl[p.head]&ffPast != 0 || fl[p.head]&ffIrregular != 0) {
		for k := first; k < p.head; k++ {
			switch toks[k].Lower {
			case "is", "are", "was", "were", "be", "been", "being":
				fr.passive = true
			}
		}
	}
	if fr.modal == "" {
		for k := first - 1; k >= 0 && k >= first-8 && clause[k] == cl; k-- {
			if fl[k]&ffIrrealis != 0 {
				fr.modal = "possible"
				break
			}
		}
	}
	// "was negotiating to purchase": an infinitive after a verb is what
	// someone aims at, unless the verb says it happened ("managed to",
	// "went on to") or is a stance cue ("refused to", "pledged not to").
	if k := p.head - 1; fr.modal == "" && k > 0 && toks[k].Lower == "to" {
		v := k - 1
		for v > 0 && fl[v]&ffNeg != 0 {
			v--
		}
		if w := toks[v]; w.Kind == ctWord && !w.Cap && fl[v]&ffFunc == 0 && fl[v]&ffAux == 0 && fl[v]&ffRealisTo == 0 && !frameCueAt(toks, fl, v) {
			if _, j := frameCueEndingAt(toks, fl, k); j < 0 {
				fr.modal = "possible"
			}
		}
	}

	// The object, for summaries: up to seven words, to punctuation (not
	// quotation marks) or a word that opens another clause.
	// It ends before a preposition once it has three words and a noun,
	// and never on a grammar word ("met in Geneva for talks on a").
	end := toks[p.head+p.n-1].End
	content := false
	for k, words := after, 0; k < len(toks) && clause[k] == cl && words < 7; k++ {
		t := &toks[k]
		if t.Kind == ctPunct {
			if polIsQuote(t.Text) {
				continue
			}
			break
		}
		fn := fl[k]&ffFunc != 0
		if fl[k]&ffObjStop != 0 || (fn && content && words >= 3 && fl[k]&ffDet == 0) {
			break
		}
		words++
		if !fn {
			content = true
			end = t.End
		}
	}
	fr.start, fr.end = toks[first].Start, end

	// Actors of the clause, the titles' countries ("French President
	// ...") and the names the actor index left out.
	// Clause numbers never decrease along the sentence: the clause is
	// the run of tokens around the head with its number.
	lo, hi := p.head, p.head
	for lo > 0 && clause[lo-1] == cl {
		lo--
	}
	for hi+1 < len(toks) && clause[hi+1] == cl {
		hi++
	}
	cStart, cEnd := toks[lo].Start, toks[hi].End
	actors, objNames := r.actBuf[:0], r.objBuf[:0]
	objStart := toks[p.head+p.n-1].End
	for _, ref := range refs {
		if ref.Start < cStart || ref.End > cEnd {
			continue
		}
		actors = append(actors, r.actorKey(ref.Actor))
		// Places are compared as places: "met in Lyon" and "met in
		// France" name no different things.
		if ref.Start >= objStart && ref.End <= end && ix.Actors[ref.Actor].Kind != ActorPlace && !frameInSlot(c, ref.Start, ref.End) {
			objNames = append(objNames, r.actorKey(ref.Actor))
		}
		if ref.Role != "" {
			actors = r.roleCountries(actors, ref.Role)
		}
	}
	if !ix.Sentences[c.Sentence].Headline {
		for i := lo; i <= hi; i++ {
			t := &toks[i]
			if t.Kind != ctWord || !t.Cap || inName[i] >= 0 || fl[i]&ffFunc != 0 || i == 0 || frameInSlot(c, t.Start, t.End) {
				continue
			}
			if i+1 <= hi && toks[i+1].Kind == ctWord && toks[i+1].Cap && inName[i+1] < 0 {
				continue // the last word of a name stands for it
			}
			key := r.nameKey(r.wordOf[i])
			actors = append(actors, key)
			if t.Start >= objStart && t.End <= end {
				objNames = append(objNames, key)
			}
		}
	}
	sort.Strings(objNames)
	fr.objNames = slabCopy(&r.strSlab, objNames)
	r.objBuf = objNames

	// The subject: the name, pronoun or noun right before the predicate,
	// else the first actor of the clause before it.
	k := first - 1
	if p.noun && p.head+1 <= hi && toks[p.head+1].Lower == "between" {
		// "talks between A and B": A and B are who talked.
		k = p.head + 2
		for k < hi && fl[k]&ffDet != 0 {
			k++
		}
		if inName[k] >= 0 {
			// The last name of "A and B" is read as the subject, and the
			// span reaches back to the first.
			for k+1 <= hi && (inName[k+1] >= 0 || (toks[k+1].Lower == "and" && k+2 <= hi && inName[k+2] >= 0)) {
				k++
			}
		}
	}
	// "A supermarket in Surrey has been destroyed": a place after a
	// preposition is where, not who.
	for k > lo+1 && (inName[k] >= 0 && ix.Actors[refs[inName[k]].Actor].Kind == ActorPlace || frameInSlot(c, toks[k].Start, toks[k].End)) {
		j := k
		for j > lo && (inName[j-1] >= 0 && inName[j-1] == inName[k] || frameInSlot(c, toks[j-1].Start, toks[j-1].End) && frameInSlot(c, toks[k].Start, toks[k].End)) {
			j--
		}
		if j-1 < lo || fl[j-1]&ffLocative == 0 {
			break
		}
		k = j - 2
	}
	if k >= lo {
		t := &toks[k]
		fr.subjTok = k
		switch {
		case inName[k] >= 0:
			ref := refs[inName[k]]
			fr.subj = r.actorKey(ref.Actor)
			fr.subjStart, fr.subjEnd = ref.Start, ref.End
			// "A and B met", "A, B and C met": all are the subject (not
			// "Unlike A and B, C is ...").
			j := k - 1
			for j >= lo && inName[j] == inName[k] {
				j-- // the rest of this name and its title
			}
			for j > lo && toks[j].Lower == "and" && inName[j-1] >= 0 {
				for j--; j >= lo && (inName[j] >= 0 || toks[j].Text == ","); j-- {
					if inName[j] >= 0 {
						fr.subjStart = min(fr.subjStart, refs[inName[j]].Start)
					}
				}
			}
		case t.Lower == "he" || t.Lower == "she":
			if a := r.antecedent(c.Sentence, t.Start); a >= 0 {
				fr.subj = r.actorKey(a)
				fr.subjStart, fr.subjEnd = t.Start, t.End
				actors = append(actors, fr.subj)
			}
		case t.Kind == ctWord && t.Cap && fl[k]&ffFunc == 0:
			fr.subj = r.nameKey(r.wordOf[k])
			fr.subjStart, fr.subjEnd = t.Start, t.End
		case t.Kind == ctWord && fl[k]&ffFunc == 0 && len(t.Lower) > 1:
			// The head of the noun phrase before any phrase that follows
			// it: "people living within a block of the bank were ...".
			head, st := k, k
			for hops := 0; ; hops++ {
				st = head
				for st > lo && toks[st-1].Kind == ctWord && (fl[st-1]&ffDet != 0 || fl[st-1]&ffFunc == 0) && fl[st-1]&ffNeg == 0 && inName[st-1] < 0 && head-st < 3 {
					st--
				}
				if hops == 2 || st-2 < lo || fl[st-1]&ffSubjPrep == 0 || toks[st-2].Kind != ctWord || fl[st-2]&ffFunc != 0 || inName[st-2] >= 0 {
					break
				}
				head = st - 2
			}
			fr.subj = r.nounKey(r.wordOf[head])
			fr.subjStart, fr.subjEnd = toks[st].Start, toks[head].End
			// "No gun has been recovered": the subject's quantifier
			// denies the predicate.
			if st > lo && fl[st-1]&ffNone != 0 {
				fr.neg, fr.predNeg = !fr.neg, !fr.predNeg
			}
		}
	}
	// "Esther Williams, the actress who starred in ..., has died": after
	// an aside the subject is the name the sentence opens with.
	if fr.subj == "" && first > 0 && toks[first-1].Text == "," && len(refs) > 0 && refs[0].Start <= toks[min(2, len(toks)-1)].Start {
		fr.subj = r.actorKey(refs[0].Actor)
		fr.subjStart, fr.subjEnd = refs[0].Start, refs[0].End
	}
	if fr.subj == "" {
		for _, ref := range refs {
			if ref.Start >= cStart && ref.End <= toks[first].Start {
				fr.subj = r.actorKey(ref.Actor)
				fr.subjStart, fr.subjEnd = ref.Start, ref.End
				break
			}
		}
	}
	if fr.subj != "" {
		subjects, core := append(r.subjBuf[:0], fr.subj), r.coreBuf[:0]
		// The actors the subject is written with: a title's country, a
		// demonym or name before a noun ("French troops", "Scholz and
		// Macron meeting").
		noun := strings.HasPrefix(fr.subj, "noun:")
		for _, ref := range refs {
			if fr.subjStart >= 0 && ref.End <= fr.subjEnd && (ref.Start >= fr.subjStart || noun && ref.End >= fr.subjStart-4 && ref.Start >= fr.subjStart-40) {
				key := r.actorKey(ref.Actor)
				subjects = append(subjects, key)
				if ref.Start >= fr.subjStart {
					core = append(core, key)
				}
				if ref.Role != "" {
					subjects = r.roleCountries(subjects, ref.Role)
					// The title's head noun: "UN special envoy Jane
					// Doe" is the envoy another source names.
					if noun := r.roleNoun(ref.Role); noun != "" {
						subjects = append(subjects, noun)
					}
				}
			}
		}
		// claimUniq sorts.
		fr.subjects = slabCopy(&r.strSlab, claimUniq(subjects))
		fr.core = slabCopy(&r.strSlab, claimUniq(core))
		r.subjBuf, r.coreBuf = subjects, core
	}
	fr.actors = slabCopy(&r.strSlab, claimUniq(actors))
	r.actBuf = actors

	// Arguments: the clause's content words, paraphrases folded.
	args := r.lemBuf[:0]
	for i := lo; i <= hi; i++ {
		if argOf[i] >= 0 && (i < p.head || i >= p.head+p.n) {
			args = append(args, argOf[i])
		}
	}
	r.lemBuf = args
	fr.args = slabCopy(&r.lemSlab, lemmaSet(args))
	if fr.args == nil {
		fr.args = []lemmaID{} // as before: an empty set, not none
	}
	// Places and times of the predication: before it in its clause, or
	// right after it ("met in Lyon, France on Friday"), not those of a
	// later phrase ("... to prepare the Paris summit").
	near := func(v Value) bool {
		return v.Start >= cStart && v.End <= cEnd && (v.End <= toks[p.head].Start || v.Start <= end+25)
	}
	ints := r.intBuf[:0]
	for k, v := range c.Places {
		if near(v) {
			ints = append(ints, k)
		}
	}
	fr.places = slabCopy(&r.intSlab, ints)
	ints = ints[:0]
	for k, v := range c.Times {
		if near(v.Value) {
			ints = append(ints, k)
		}
	}
	fr.times = slabCopy(&r.intSlab, ints)
	ints = ints[:0]
	for k, v := range c.Times {
		if v.Start >= cStart && v.End <= cEnd {
			ints = append(ints, k)
		}
	}
	fr.clauseTimes = slabCopy(&r.intSlab, ints)
	ints = ints[:0]
	for k, v := range c.Quantities {
		if v.Start >= cStart && v.End <= cEnd {
			ints = append(ints, k)
		}
	}
	fr.qtys = slabCopy(&r.intSlab, ints)
	r.intBuf = ints
	return fr
}

// roleCountries adds the country a title names ("French President",
// "German Foreign Minister"): an official speaks and acts for it.
func (r *frameReader) roleCountries(actors []string, role string) []string {
	return append(actors, r.role(role).countries...)
}

// roleNoun is the key of a title's head noun ("noun:envoy" for "UN
// special envoy"), "" for a title without words.
func (r *frameReader) roleNoun(role string) string {
	return r.role(role).noun
}

// frameRole is what the frame reader keys on in a title.
type frameRole struct {
	countries []string
	noun      string
}

// role is the frameRole of a title, worked out on its first use.
func (r *frameReader) role(role string) *frameRole {
	if x, ok := r.roles[role]; ok {
		return x
	}
	x := &frameRole{}
	words := strings.Fields(role)
	for _, w := range words {
		country, ok := claimCountryOf[claimFold(w)]
		if !ok {
			continue
		}
		if a := r.ix.ActorByName(country); a >= 0 {
			x.countries = append(x.countries, r.actorKey(a))
		} else {
			x.countries = append(x.countries, "country:"+country)
		}
	}
	if len(words) > 0 {
		x.noun = "noun:" + r.lem.lemma(strings.ToLower(words[len(words)-1]))
	}
	if r.roles == nil {
		r.roles = map[string]*frameRole{}
	}
	r.roles[role] = x
	return x
}

// antecedent finds whom "he" or "she" at byte offset off of sentence si
// refers to: the last person named before it in the sentence, else in
// the three sentences before it in the same article.
func (r *frameReader) antecedent(si, off int) int {
	ix := r.ix
	art := ix.Sentences[si].Article
	for s := si; s >= 0 && s >= si-3 && ix.Sentences[s].Article == art; s-- {
		refs := ix.SentenceActors(s)
		for k := len(refs) - 1; k >= 0; k-- {
			if s == si && refs[k].End > off {
				continue
			}
			if ix.Actors[refs[k].Actor].Kind == ActorPerson {
				return refs[k].Actor
			}
		}
	}
	return -1
}

// frameInSlot: a token lies in a place or a time of the claim, which the
// frame compares as such, not as a name.
func frameInSlot(c *Claim, start, end int) bool {
	for i := range c.Places {
		if v := &c.Places[i]; start >= v.Start && end <= v.End {
			return true
		}
	}
	for i := range c.Times {
		if v := &c.Times[i]; start >= v.Start && end <= v.End {
			return true
		}
	}
	return false
}

// frameBuf returns *buf resized to n (its old contents are garbage).
func frameBuf[T any](buf *[]T, n int) []T {
	if cap(*buf) < n {
		*buf = make([]T, n, n+n/2)
	}
	*buf = (*buf)[:n]
	return *buf
}
