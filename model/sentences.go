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
func splitParagraph(para string) []Span {
	if strings.TrimSpace(para) == "" {
		return nil
	}
	// The tokenizer is the slowest part of indexing and breaks only after
	// these marks: a headline, caption or list item without any is one
	// sentence.
	if !strings.ContainsAny(para, sentenceEnders) {
		st, en := 0, len(para)
		for st < en && isSpaceByte(para[st]) {
			st++
		}
		for en > st && isSpaceByte(para[en-1]) {
			en--
		}
		return []Span{{st, en}}
	}
	return tokenizeParagraph(para)
}

// sentenceEnders are the marks after which the tokenizer may end a
// sentence (its english.WordTokenizer and DefaultPunctStrings).
const sentenceEnders = ".!?。！？"

// tokenizeParagraph is splitParagraph through the tokenizer.
func tokenizeParagraph(para string) []Span {
	var spans []Span
	for _, s := range sentenceTokenizer().Tokenize(para) {
		st, en := s.Start, s.End
		for st < en && isSpaceByte(para[st]) {
			st++
		}
		for en > st && isSpaceByte(para[en-1]) {
			en--
		}
		if st < en {
			spans = append(spans, Span{st, en})
		}
	}
	return mergeFalseSplits(para, spans)
}

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
					FileStart: int(a.Offsets[st]),
					FileEnd:   int(a.Offsets[en-1]) + 1,
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
