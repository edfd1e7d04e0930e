package model

import (
	"maps"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Signals of when an article was written relative to its event. English
// grammar, not any story's vocabulary: future and scheduling phrases mark a
// preview, completed-event verbs a report, opinion labels an analysis. Each
// signal is a sequence of lower-case words.
var (
	futureSignals = wordSeqs(
		"will", "shall", "upcoming", "forthcoming", "tomorrow", "ahead of", "next week",
		"scheduled to", "slated to", "due to meet", "plans to", "plan to",
		"is expected to", "are expected to", "is set to", "are set to",
		"later this week", "later this month", "later this year")
	pastSignals = wordSeqs(
		"met", "held", "ended", "concluded", "lasted", "took place", "wrapped up",
		"arrived", "landed", "greeted", "signed", "agreed", "failed to", "voted", "won",
		"lost", "killed", "died", "announced", "unveiled", "was attended", "were attended",
		"stalled", "collapsed", "broke down")
	opinionSignals = wordSeqs("in my view", "i believe", "we believe")
	opinionLabels  = map[string]bool{"analysis": true, "opinion": true, "commentary": true,
		"editorial": true, "explainer": true, "column": true}
)

// wordSeqs indexes phrases by their first word.
func wordSeqs(phrases ...string) map[string][][]string {
	m := map[string][][]string{}
	for _, p := range phrases {
		ws := strings.Fields(p)
		m[ws[0]] = append(m[ws[0]], ws)
	}
	return m
}

// signalSeqs are the phrases of each signal class that start with one word.
type signalSeqs struct {
	first                 string
	future, past, opinion [][]string
}

// signalsByFirst holds the three signal tables under one entry per first
// word, listed by the word's first byte: a word of a text is compared with
// a handful of entries at most, without hashing it. signalLens has, per
// first and last letter (signalEnds), a bit for each length of those words:
// most words of a text are rejected by it alone.
var signalsByFirst, signalLens = buildSignals()

// signalEnds indexes signalLens. The low five bits of a byte are the same
// for a letter in either case; other bytes may share an index with a
// letter, which only lets a word through to the exact test.
func signalEnds(first, last byte) int { return int(first&31)<<5 | int(last&31) }

func buildSignals() (*[256][]*signalSeqs, *[1 << 10]uint64) {
	ix := map[string]*signalSeqs{}
	get := func(w string) *signalSeqs {
		if ix[w] == nil {
			ix[w] = &signalSeqs{first: w}
		}
		return ix[w]
	}
	for w, seqs := range futureSignals {
		get(w).future = seqs
	}
	for w, seqs := range pastSignals {
		get(w).past = seqs
	}
	for w, seqs := range opinionSignals {
		get(w).opinion = seqs
	}
	var by [256][]*signalSeqs
	var lens [1 << 10]uint64
	for _, w := range slices.Sorted(maps.Keys(ix)) {
		if len(w) >= 64 {
			panic("signal word too long for the length mask: " + w)
		}
		by[w[0]] = append(by[w[0]], ix[w])
		lens[signalEnds(w[0], w[len(w)-1])] |= 1 << len(w)
	}
	return &by, &lens
}

// kindWords are the words of one paragraph, runs of letters and
// apostrophes (' and ’), kept without an allocation or a pointer per word:
// an ASCII word is its span of the text, in any case; a word with other
// letters is lowered by strings.ToLower into a side list, and its start is
// -1-(its place there). Compared with eqLower, either is equal to a
// lower-case word exactly when its lower-case form is.
type kindWords struct {
	text    string
	spans   []kindSpan
	lowered []string
}

type kindSpan struct{ start, end int32 }

// kindWordsPool keeps the word buffers from one article to the next, on
// whatever goroutines parse them.
var kindWordsPool = sync.Pool{New: func() any { return new(kindWords) }}

func (k *kindWords) word(i int) string {
	sp := k.spans[i]
	if sp.start < 0 {
		return k.lowered[-1-sp.start]
	}
	return k.text[sp.start:sp.end]
}

// split sets k to the words of text[from:to].
func (k *kindWords) split(text string, from, to int) {
	const word = clsLetter | clsApos
	k.text = text
	k.spans = k.spans[:0]
	k.lowered = k.lowered[:0]
	if k.splitASCII(text, from, to) {
		return
	}
	for i := from; i < to; {
		c := text[i]
		if c < utf8.RuneSelf {
			if asciiClass[c]&word == 0 {
				i++
				continue
			}
		} else if r, n := utf8.DecodeRuneInString(text[i:to]); !isKindWordRune(r) {
			i += n
			continue
		}
		start, ascii := i, true
		for i < to {
			c := text[i]
			if c < utf8.RuneSelf {
				if asciiClass[c]&word == 0 {
					break
				}
				i++
				continue
			}
			r, n := utf8.DecodeRuneInString(text[i:to])
			if !isKindWordRune(r) {
				break
			}
			ascii = false
			i += n
		}
		if ascii {
			k.spans = append(k.spans, kindSpan{int32(start), int32(i)})
		} else {
			k.lowered = append(k.lowered, strings.ToLower(text[start:i]))
			k.spans = append(k.spans, kindSpan{int32(-len(k.lowered)), 0})
		}
	}
}

// splitASCII is split for an all-ASCII text[from:to], without a branch
// on where words start and end, which no predictor guesses: every byte
// writes the next start and the current end, and only a word boundary moves
// them on. It reports false, with nothing set, on a non-ASCII byte.
func (k *kindWords) splitASCII(text string, from, to int) bool {
	text = text[:to]
	// At most one word in two bytes, plus the slot written past the last.
	sp := slices.Grow(k.spans[:0], (to-from)/2+2)
	sp = sp[:cap(sp)]
	starts, ends := 0, 0
	var prev uint8
	for i := from; i < len(text); i++ {
		c := text[i]
		if c >= utf8.RuneSelf {
			return false
		}
		w := kindWordByte[c]
		sp[starts].start = int32(i)
		sp[ends].end = int32(i)
		starts += int(w &^ prev)
		ends += int(prev &^ w)
		prev = w
	}
	if prev != 0 {
		sp[ends].end = int32(len(text))
		ends++
	}
	k.spans = sp[:ends]
	return true
}

// kindWordByte is 1 for the ASCII bytes of words: letters and apostrophe.
var kindWordByte = func() (t [utf8.RuneSelf]uint8) {
	for c := range t {
		if asciiClass[c]&(clsLetter|clsApos) != 0 {
			t[c] = 1
		}
	}
	return t
}()

func isKindWordRune(r rune) bool { return unicode.IsLetter(r) || r == '’' }

// eqLower reports whether word w (from kindWords) lowered is s, a
// lower-case ASCII word. strings.ToLower never gives an ASCII capital, so
// lowering A-Z is all that is left to do.
func eqLower(w, s string) bool {
	if len(w) != len(s) {
		return false
	}
	for i := 0; i < len(w); i++ {
		if toLowerASCII(w[i]) != s[i] {
			return false
		}
	}
	return true
}

func toLowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// matchSignal reports whether one of seqs occurs at word i.
func (k *kindWords) matchSignal(i int, seqs [][]string, skipPerfect bool) bool {
	for _, seq := range seqs {
		if i+len(seq) > len(k.spans) || !k.matchAt(i, seq) {
			continue
		}
		if skipPerfect && k.afterPerfect(i) {
			continue
		}
		return true
	}
	return false
}

// signalCounts counts the future, past and opinion phrases of the words in
// one pass; a past phrase right after has/have/had (an optional -ly adverb
// between) is not counted.
func (k *kindWords) signalCounts() (future, past, opinion int) {
	for i, sp := range k.spans {
		var w string
		if sp.start >= 0 {
			// Most words are rejected by their ends and length.
			if signalLens[signalEnds(k.text[sp.start], k.text[sp.end-1])]>>min(sp.end-sp.start, 63)&1 == 0 {
				continue
			}
			w = k.text[sp.start:sp.end]
		} else {
			w = k.lowered[-1-sp.start]
		}
		var s *signalSeqs
		for _, e := range signalsByFirst[toLowerASCII(w[0])] {
			if eqLower(w, e.first) {
				s = e
				break
			}
		}
		if s == nil {
			continue
		}
		if k.matchSignal(i, s.future, false) {
			future++
		}
		if k.matchSignal(i, s.past, true) {
			past++
		}
		if k.matchSignal(i, s.opinion, false) {
			opinion++
		}
	}
	return future, past, opinion
}

func (k *kindWords) matchAt(i int, seq []string) bool {
	for j, s := range seq {
		if !eqLower(k.word(i+j), s) {
			return false
		}
	}
	return true
}

func (k *kindWords) afterPerfect(i int) bool {
	if i >= 1 && isPerfectAux(k.word(i-1)) {
		return true
	}
	return i >= 2 && endsLy(k.word(i-1)) && isPerfectAux(k.word(i-2))
}

func endsLy(w string) bool {
	n := len(w)
	return n >= 2 && toLowerASCII(w[n-2]) == 'l' && toLowerASCII(w[n-1]) == 'y'
}

// isPerfectAux: "has met", "had already met" are the perfect aspect of an
// earlier step, not the event itself.
func isPerfectAux(w string) bool {
	return eqLower(w, "has") || eqLower(w, "have") || eqLower(w, "had")
}

// articleKind decides preview, report or analysis from the title and lead
// (weighted double) and the rest of the text.
func articleKind(a *Article) string {
	if w := firstLowerWord(a.Title); w != "" && opinionLabels[w] {
		return KindAnalysis
	}
	words := kindWordsPool.Get().(*kindWords)
	defer func() {
		// Keep the buffers, not the text.
		words.text = ""
		clear(words.lowered[:cap(words.lowered)])
		kindWordsPool.Put(words)
	}()
	future, past := 0, 0
	for i, p := range a.Paragraphs {
		words.split(a.Text, p.Start, p.End)
		w := 1
		if i < 3 {
			w = 2
		}
		f, pa, op := words.signalCounts()
		future += w * f
		past += w * pa
		if op > 0 {
			future--
			past--
		}
	}
	switch {
	case future <= 0 && past <= 0:
		return KindAnalysis
	case future > past:
		return KindPreview
	default:
		return KindReport
	}
}

// firstLowerWord is the first lower-case word of s as kindWords splits
// it, or "".
func firstLowerWord(s string) string {
	isWord := func(r rune) bool { return unicode.IsLetter(r) || r == '\'' || r == '’' }
	start := strings.IndexFunc(s, isWord)
	if start < 0 {
		return ""
	}
	end := strings.IndexFunc(s[start:], func(r rune) bool { return !isWord(r) })
	if end < 0 {
		return strings.ToLower(s[start:])
	}
	return strings.ToLower(s[start : start+end])
}

// ensureTitle keeps a title to one line of single spaces, and a sane length:
// a page whose first line is a whole article gets a title cut at a word.
func ensureTitle(s string) string {
	if !isSingleSpaced(s) {
		s = strings.Join(strings.Fields(s), " ")
	}
	const maxTitle = 300
	if len(s) <= maxTitle {
		return s
	}
	cut := strings.LastIndexByte(s[:maxTitle], ' ')
	if cut < maxTitle/2 {
		cut = maxTitle
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
	}
	return s[:cut] + "…"
}

// isSingleSpaced reports whether strings.Join(strings.Fields(s), " ") is s:
// no space at either end, and only single ' ' between words.
func isSingleSpaced(s string) bool {
	prevSpace := true // as at the start
	for i := 0; i < len(s); {
		c := s[i]
		var space bool
		if c < utf8.RuneSelf {
			space = isASCIISpace(c)
			if space && (c != ' ' || prevSpace) {
				return false
			}
			i++
		} else {
			r, n := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				return false
			}
			i += n
		}
		prevSpace = space
	}
	return !prevSpace || s == ""
}
