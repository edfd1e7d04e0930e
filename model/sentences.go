package model

import (
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/neurosnap/sentences"
	"github.com/neurosnap/sentences/english"
)

var (
	tokenizerOnce sync.Once
	tokenizer     *sentences.DefaultSentenceTokenizer
	tokenizerErr  error
)

func sentenceTokenizer() *sentences.DefaultSentenceTokenizer {
	tokenizerOnce.Do(func() {
		tokenizer, tokenizerErr = english.NewSentenceTokenizer(nil)
	})
	if tokenizerErr != nil {
		// The training data is compiled into the library; failing to
		// load it is a broken build, not bad input.
		panic("sentences: english model: " + tokenizerErr.Error())
	}
	return tokenizer
}

// splitParagraph cuts one paragraph into sentence spans (byte offsets into
// para). Paragraphs are never joined: a line break always ends a sentence.
// It cuts where the tokenizer cuts the whole paragraph (tokenizeParagraph),
// reading only windows around the words that may end a sentence.
func splitParagraph(para string) []Span {
	var wordsBuf [64][2]int32
	words := wordsBuf[:0] // [start, end) of each whitespace-separated word
	var candBuf [16]int32
	cands := candBuf[:0] // indexes of words holding ".", "!" or "?"
	inWord, hasEnd, cjkEnd, cjkCut := false, false, false, false
	start := 0
	for i := 0; i < len(para); {
		c := para[i]
		w := 1
		space := false
		if c < utf8.RuneSelf {
			space = asciiSpace[c]
		} else {
			var r rune
			r, w = utf8.DecodeRuneInString(para[i:])
			space = unicode.IsSpace(r)
			switch r {
			case '。', '！', '？':
				cjkEnd, cjkCut = true, true
			case '；':
				cjkCut = true
			}
		}
		if space {
			if inWord {
				if hasEnd {
					cands = append(cands, int32(len(words)))
				}
				words = append(words, [2]int32{int32(start), int32(i)})
				inWord = false
			}
		} else {
			if !inWord {
				inWord, hasEnd, start = true, false, i
			}
			if c == '.' || c == '!' || c == '?' {
				hasEnd = true
			}
		}
		i += w
	}
	if inWord {
		if hasEnd {
			cands = append(cands, int32(len(words)))
		}
		words = append(words, [2]int32{int32(start), int32(len(para))})
	}
	switch {
	case len(words) == 0:
		return nil
	case len(cands) == 0 && !cjkEnd:
		// The tokenizer breaks only after these marks: a headline, caption
		// or list item without any is one sentence.
		return appendSentenceSpan(nil, para, 0, len(para))
	case cjkCut:
		// The tokenizer also cuts words after CJK punctuation, which the
		// windows do not follow: the whole paragraph goes through it.
		return tokenizeParagraph(para)
	}
	return tokenizeWindows(para, words, cands)
}

var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// tokenizeParagraph is splitParagraph through the tokenizer reading the
// whole paragraph.
func tokenizeParagraph(para string) []Span {
	var spans []Span
	for _, s := range sentenceTokenizer().Tokenize(para) {
		spans = appendSentenceSpan(spans, para, s.Start, s.End)
	}
	return mergeFalseSplits(para, spans)
}

// appendSentenceSpan adds para[st:en] without its outer spaces, if any is
// left.
func appendSentenceSpan(spans []Span, para string, st, en int) []Span {
	for st < en && isSpaceByte(para[st]) {
		st++
	}
	for en > st && isSpaceByte(para[en-1]) {
		en--
	}
	if st < en {
		spans = append(spans, Span{st, en})
	}
	return spans
}

// The tokenizer (Punkt) decides whether a word ends a sentence from that
// word, the one before it (". ." is an ellipsis) and the two after it (the
// next word's case and type, which depend on the word after it), and only
// a word holding ".", "!" or "?" can end one. So it gives the same breaks
// when it reads, instead of the whole paragraph, a few words around each
// such word: most of its time went on the words in between.
const (
	windowBefore = 1
	windowAfter  = 2
)

// tokenizeWindows is tokenizeParagraph reading only windows around the
// candidate words (indexes into words, the paragraph's whitespace-separated
// words).
func tokenizeWindows(para string, words [][2]int32, cands []int32) []Span {
	ann := punktPool.Get().(*punktAnnotator)
	defer punktPool.Put(ann)
	var breaksBuf [16]int
	breaks := breaksBuf[:0]
	for k := 0; k < len(cands); {
		// Candidates whose windows overlap share one window.
		first := int(cands[k])
		last := first
		k++
		for k < len(cands) && int(cands[k])-windowBefore <= last+windowAfter+1 {
			last = int(cands[k])
			k++
		}
		lo := max(first-windowBefore, 0)
		hi := min(last+windowAfter, len(words)-1)
		winStart := int(words[lo][0])
		winEnd := len(para)
		if hi+1 < len(words) {
			// Up to the next word, so the last word is followed by space
			// as it is in the paragraph.
			winEnd = int(words[hi+1][0])
		}
		keep := func(pos int) {
			pos += winStart
			// Only the candidates' own verdicts count: the words at the
			// window's edges miss their context. (The paragraph's last
			// word ends at its end, trailing spaces included.)
			if pos < int(words[first][0]) || pos > int(words[last][1]) && pos != len(para) {
				return
			}
			breaks = append(breaks, pos)
		}
		if lib := ann.annotate(para[winStart:winEnd]); lib != nil {
			for _, t := range lib {
				if t.SentBreak {
					keep(t.Position)
				}
			}
		} else {
			for i := range ann.toks {
				if ann.toks[i].sentBreak {
					keep(ann.toks[i].pos)
				}
			}
		}
	}
	var spans []Span
	lastBreak := 0
	for _, b := range breaks {
		spans = appendSentenceSpan(spans, para, lastBreak, b)
		lastBreak = b
	}
	if lastBreak != len(para) {
		spans = appendSentenceSpan(spans, para, lastBreak, len(para))
	}
	return mergeFalseSplits(para, spans)
}

// punktPool holds the annotators of tokenizeWindows: their buffers are
// reused across paragraphs, on every core.
var punktPool = sync.Pool{New: func() any { return newPunktAnnotator() }}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' }

// mergeFalseSplits undoes splits the tokenizer makes after an abbreviation
// it does not know ("Gen.", "Sen.", "St.") or before a sentence that starts
// in lower case or with a closing quote, which is never a new sentence.
func mergeFalseSplits(para string, spans []Span) []Span {
	if len(spans) < 2 {
		return spans
	}
	out := spans[:1]
	for _, s := range spans[1:] {
		prev := &out[len(out)-1]
		before := para[prev.Start:prev.End]
		next := para[s.Start:s.End]
		r, _ := utf8.DecodeRuneInString(next)
		if unicode.IsLower(r) || strings.ContainsRune(",;:)”’", r) || endsWithAbbreviation(before) {
			prev.End = s.End
			continue
		}
		out = append(out, s)
	}
	return out
}

// abbreviations that end with a period but rarely end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "gen": true, "lt": true,
	"col": true, "maj": true, "capt": true, "sgt": true, "adm": true, "sen": true, "rep": true,
	"gov": true, "pres": true, "st": true, "mt": true, "ft": true, "jr": true, "sr": true,
	"vs": true, "approx": true, "est": true, "dept": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "aug": true, "sept": true, "sep": true,
	"oct": true, "nov": true, "dec": true, "rev": true, "hon": true, "amb": true, "cmdr": true,
}

func endsWithAbbreviation(s string) bool {
	if !strings.HasSuffix(s, ".") {
		return false
	}
	i := strings.LastIndexFunc(s[:len(s)-1], func(r rune) bool { return !unicode.IsLetter(r) })
	w := strings.ToLower(s[i+1 : len(s)-1])
	return abbreviations[w]
}

// splitSentences fills Index.Sentences from every article's paragraphs.
// The leading lines that look like headlines (no final punctuation) are
// marked so later stages can weigh them. Articles are split on every core
// (the tokenizer only reads its model) and numbered in article order.
func (ix *Index) splitSentences() {
	spans := make([][][]Span, len(ix.Articles)) // article, paragraph, sentence
	forEachParallel(len(ix.Articles), func(ai int) {
		a := ix.Articles[ai]
		ps := make([][]Span, len(a.Paragraphs))
		for pi, p := range a.Paragraphs {
			ps[pi] = splitParagraph(a.Text[p.Start:p.End])
		}
		spans[ai] = ps
	})
	n := len(ix.Sentences)
	for _, ps := range spans {
		for _, ss := range ps {
			n += len(ss)
		}
	}
	ix.Sentences = slices.Grow(ix.Sentences, n-len(ix.Sentences))
	for ai, a := range ix.Articles {
		a.FirstSentence = len(ix.Sentences)
		for pi, p := range a.Paragraphs {
			para := a.Text[p.Start:p.End]
			headline := pi == 0 || (pi < 3 && isHeadlineLike(para))
			for _, sp := range spans[ai][pi] {
				st, en := p.Start+sp.Start, p.Start+sp.End
				ix.Sentences = append(ix.Sentences, Sentence{
					Article:   ai,
					Para:      pi,
					Text:      a.Text[st:en],
					Start:     st,
					End:       en,
					FileStart: int(a.Offsets.At(st)),
					FileEnd:   int(a.Offsets.At(en-1)) + 1,
					Headline:  headline,
				})
			}
		}
		a.LastSentence = len(ix.Sentences)
	}
}

// forEachParallel calls fn(0) ... fn(n-1) on every core, each index once.
func forEachParallel(n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				fn(i)
			}
		}()
	}
	wg.Wait()
}

// isHeadlineLike: a short line without a sentence's final punctuation.
func isHeadlineLike(p string) bool {
	if len(p) > 220 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(strings.TrimRight(p, "”’\"' "))
	return !strings.ContainsRune(".!?…", r)
}
