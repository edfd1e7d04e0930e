package model

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/neurosnap/sentences"
)

// punktAnnotator gives the sentence breaks the English tokenizer of
// neurosnap/sentences (sentenceTokenizer) gives, the same annotation passes
// written without its regular expressions and per-token allocations: that
// library spent most of the sentence stage there. It reads the tokenizer's
// trained model. Like the windows it serves (tokenizeWindows), it reads
// text without CJK punctuation, which the library tokenizes apart; given
// some it answers through the library. TestPunktMatchesLibrary,
// TestPunktEndChars and the fuzz targets FuzzPunkt, FuzzSentenceWindows
// and FuzzSentences hold it to the library's own result.
type punktAnnotator struct {
	st   *sentences.Storage
	toks []punktTok
	key  []byte
}

// punktTok is one whitespace-separated token and its annotations.
type punktTok struct {
	tok       string
	pos       int // the library's Position: where the token ends
	sentBreak bool
	abbr      bool
	typ       string // Type, once worked out
	typDone   bool
}

func newPunktAnnotator() *punktAnnotator {
	return &punktAnnotator{st: sentenceTokenizer().Storage}
}

// annotate tokenizes and annotates text into a.toks, or returns the
// library's tokens when it had to read the text itself.
func (a *punktAnnotator) annotate(text string) (lib []*sentences.Token) {
	if !a.tokenize(text) {
		return sentenceTokenizer().AnnotatedTokens(text)
	}
	toks := a.toks
	// TypeBasedAnnotation.
	for i := range toks {
		a.typeAnnotation(&toks[i])
	}
	// TokenBasedAnnotation, over pairs in order.
	for i := 0; i+1 < len(toks); i++ {
		a.tokenAnnotation(&toks[i], &toks[i+1])
	}
	// The English MultiPunctWordAnnotation, over pairs in order.
	for i := 0; i+1 < len(toks); i++ {
		a.multiPunctAnnotation(&toks[i], &toks[i+1])
	}
	return nil
}

// tokenize is the library's DefaultWordTokenizer.Tokenize: words between
// white space, each with the position of the space after it, the last
// word counted only when the text ends in a one-byte character (so a
// final word ending in "”" is dropped), and the whole text as one token
// when no word is found. false when text holds CJK punctuation.
func (a *punktAnnotator) tokenize(text string) bool {
	a.toks = a.toks[:0]
	n := len(text)
	if n == 0 {
		return true
	}
	lastSpace := 0
	for i := 0; i < n; {
		c := text[i]
		w := 1
		space := false
		if c < utf8.RuneSelf {
			space = asciiSpace[c]
		} else {
			var r rune
			r, w = utf8.DecodeRuneInString(text[i:])
			if sentences.IsCjkPunct(r) {
				return false
			}
			space = unicode.IsSpace(r)
		}
		if !space && i != n-1 {
			i += w
			continue
		}
		cursor := i
		if i == n-1 {
			cursor = n
		}
		i += w
		word := strings.TrimSpace(text[lastSpace:cursor])
		if word == "" {
			continue
		}
		a.toks = append(a.toks, punktTok{tok: word, pos: cursor})
		lastSpace = cursor
	}
	if len(a.toks) == 0 {
		a.toks = append(a.toks, punktTok{tok: text, pos: n})
	}
	return true
}

// typ is the library's Type: the token lowered, a number at its end made
// "##number##", commas dropped unless it is one character long.
func (a *punktAnnotator) typ(t *punktTok) string {
	if t.typDone {
		return t.typ
	}
	s := strings.ToLower(t.tok)
	if i := punktNumericAt(s); i >= 0 {
		s = s[:i] + "##number##"
	}
	if len(s) != 1 && strings.IndexByte(s, ',') >= 0 {
		s = strings.ReplaceAll(s, ",", "")
	}
	t.typ, t.typDone = s, true
	return s
}

// punktNumericAt is where the library's `-?[\.,]?\d[\d,\.-]*\.?$` first
// matches s, -1 if nowhere. The match runs to the end, so it starts in the
// final run of digits, commas, periods and hyphens, at the first place
// from which the pattern's head fits.
func punktNumericAt(s string) int {
	j := len(s)
	for j > 0 && punktNumChar(s[j-1]) {
		j--
	}
	for i := j; i < len(s); i++ {
		k := i
		if s[k] == '-' {
			k++
		}
		if k < len(s) && (s[k] == '.' || s[k] == ',') {
			k++
		}
		// Only "-?" can take a hyphen and only "[\.,]?" a comma or a
		// period, so the head is read one way.
		if k < len(s) && '0' <= s[k] && s[k] <= '9' {
			return i
		}
	}
	return -1
}

func punktNumChar(c byte) bool {
	return '0' <= c && c <= '9' || c == ',' || c == '.' || c == '-'
}

// typeNoPeriod is the library's TypeNoPeriod.
func (a *punktAnnotator) typeNoPeriod(t *punktTok) string {
	typ := a.typ(t)
	if len(typ) > 1 && typ[len(typ)-1] == '.' {
		return typ[:len(typ)-1]
	}
	return typ
}

// typeNoSentPeriod is the library's TypeNoSentPeriod.
func (a *punktAnnotator) typeNoSentPeriod(t *punktTok) string {
	if t.sentBreak {
		return a.typeNoPeriod(t)
	}
	return a.typ(t)
}

func punktFirstUpper(s string) bool {
	if s == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

func punktFirstLower(s string) bool {
	if s == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

func punktHasPeriodFinal(s string) bool {
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, "。")
}

// punktHasSentEndChars is the English tokenizer's HasSentEndChars: s
// ends in "?" or "!", or in ".", "?" or "!" and a closing mark (see
// punktHasUnreliableEndChars), or holds ".[", ".(", ".\"", ".'", "?[",
// "?(", "![" or "!(".
func punktHasSentEndChars(s string) bool {
	if s == "" {
		return false
	}
	if c := s[len(s)-1]; c == '?' || c == '!' {
		return true
	}
	if punktHasUnreliableEndChars(s) {
		return true
	}
	for i := 0; i+1 < len(s); i++ {
		switch s[i] {
		case '.':
			switch s[i+1] {
			case '[', '(', '"', '\'':
				return true
			}
		case '?', '!':
			switch s[i+1] {
			case '[', '(':
				return true
			}
		}
	}
	return false
}

// punktHasUnreliableEndChars is the English tokenizer's
// HasUnreliableEndChars: s ends in ".", "?" or "!" and one of ", ', ), ’
// and ”.
func punktHasUnreliableEndChars(s string) bool {
	q := 0
	switch {
	case strings.HasSuffix(s, `"`), strings.HasSuffix(s, "'"), strings.HasSuffix(s, ")"):
		q = 1
	case strings.HasSuffix(s, "’"), strings.HasSuffix(s, "”"):
		q = len("’")
	default:
		return false
	}
	if len(s) <= q {
		return false
	}
	c := s[len(s)-q-1]
	return c == '.' || c == '?' || c == '!'
}

// punktIsInitial is `^[A-Za-z]\.$`.
func punktIsInitial(s string) bool {
	return len(s) == 2 && s[1] == '.' && ('a' <= s[0] && s[0] <= 'z' || 'A' <= s[0] && s[0] <= 'Z')
}

// punktIsListNumber is `^\d+.?\)?$`: digits, then at most one character
// (not a line break) and at most one ")".
func punktIsListNumber(s string) bool {
	i := 0
	for i < len(s) && '0' <= s[i] && s[i] <= '9' {
		i++
	}
	if i == 0 {
		return false
	}
	rest := s[i:]
	if rest == "" || rest == ")" {
		return true
	}
	r, w := utf8.DecodeRuneInString(rest)
	if r == '\n' {
		return false
	}
	rest = rest[w:]
	return rest == "" || rest == ")"
}

// punktIsCoordinatePartTwo is `^[0-9]*\.[0-9]*\.[0-9]*\.$`.
func punktIsCoordinatePartTwo(s string) bool {
	if !strings.HasSuffix(s, ".") {
		return false
	}
	dots := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '.':
			dots++
		case '0' <= c && c <= '9':
		default:
			return false
		}
	}
	return dots == 3
}

// punktHasAbbr is whether `((?:[\w]\.)+[\w]*\.)` matches in s: a word
// character and a period, then word characters and a period.
func punktHasAbbr(s string) bool {
	for i := 0; i+2 < len(s); i++ {
		if !punktWordChar(s[i]) || s[i+1] != '.' {
			continue
		}
		k := i + 2
		for k < len(s) && punktWordChar(s[k]) {
			k++
		}
		if k < len(s) && s[k] == '.' {
			return true
		}
	}
	return false
}

func punktWordChar(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_'
}

// orthoHeuristic is the library's OrthoContext.Heuristic: 1 when the
// token starts a sentence, 0 when it does not, -1 when unknown.
func (a *punktAnnotator) orthoHeuristic(t *punktTok) int {
	switch t.tok {
	case ";", ":", ",", ".", "!", "?", "；", "：", "，", "。", "！", "？":
		return 0
	}
	ctx := a.st.OrthoContext[a.typeNoSentPeriod(t)]
	const (
		begUc = 1 << 1
		midUc = 1 << 2
		unkUc = 1 << 3
		begLc = 1 << 4
		midLc = 1 << 5
		unkLc = 1 << 6
		uc    = begUc + midUc + unkUc
		lc    = begLc + midLc + unkLc
	)
	if punktFirstUpper(t.tok) && (ctx&lc > 0 && ctx&midUc == 0) {
		return 1
	}
	if punktFirstLower(t.tok) && (ctx&uc > 0 || ctx&begLc == 0) {
		return 0
	}
	return -1
}

// typeAnnotation is the library's TypeBasedAnnotation of one token.
func (a *punktAnnotator) typeAnnotation(t *punktTok) {
	if punktHasSentEndChars(t.tok) {
		t.sentBreak = true
		return
	}
	if punktHasPeriodFinal(t.tok) && !strings.HasSuffix(t.tok, "..") {
		// The library cuts the token at its count of runes less one, in
		// bytes: only the period for ASCII, more before it otherwise.
		noPeriod := strings.ToLower(t.tok[:utf8.RuneCountInString(t.tok)-1])
		lastHyph := noPeriod
		if i := strings.LastIndexByte(noPeriod, '-'); i >= 0 {
			lastHyph = noPeriod[i+1:]
		}
		if a.st.AbbrevTypes[noPeriod] != 0 || a.st.AbbrevTypes[lastHyph] != 0 {
			t.abbr = true
		} else {
			t.sentBreak = true
		}
	}
}

// tokenAnnotation is the library's TokenBasedAnnotation of a pair.
func (a *punktAnnotator) tokenAnnotation(one, two *punktTok) {
	if !punktHasPeriodFinal(one.tok) {
		return
	}
	typ := a.typeNoPeriod(one)
	nextTyp := a.typeNoSentPeriod(two)
	initial := punktIsInitial(one.tok)
	a.key = append(append(append(a.key[:0], typ...), ','), nextTyp...)
	if a.st.Collocations[string(a.key)] != 0 {
		one.sentBreak, one.abbr = false, true
		return
	}
	if (one.abbr || strings.HasSuffix(one.tok, "..")) && !initial {
		if a.orthoHeuristic(two) == 1 {
			one.sentBreak = true
			return
		}
		if punktFirstUpper(two.tok) && a.st.SentStarters[nextTyp] != 0 {
			one.sentBreak = true
			return
		}
	}
	if one.tok == "." && two.tok == "." {
		one.sentBreak, two.sentBreak = false, false
		return
	}
	if initial || typ == "##number##" {
		h := a.orthoHeuristic(two)
		if h == 0 {
			one.sentBreak, one.abbr = false, true
			return
		}
		if h == -1 && initial && punktFirstUpper(two.tok) && a.st.OrthoContext[nextTyp]&(1<<4+1<<5+1<<6) == 0 {
			one.sentBreak, one.abbr = false, true
			return
		}
	}
}

// multiPunctAnnotation is the English MultiPunctWordAnnotation of a pair.
func (a *punktAnnotator) multiPunctAnnotation(one, two *punktTok) {
	if punktIsListNumber(one.tok) || one.tok == "N°." {
		one.sentBreak = false
		return
	}
	if strings.HasSuffix(one.tok, ".") && two.tok == "." {
		one.sentBreak = false
		return
	}
	if !punktHasAbbr(one.tok) && one.tok != "." && !punktHasUnreliableEndChars(one.tok) && !punktIsCoordinatePartTwo(one.tok) {
		return
	}
	if punktIsInitial(one.tok) {
		return
	}
	one.abbr, one.sentBreak = true, false
	nextTyp := a.typeNoSentPeriod(two)
	if a.orthoHeuristic(two) == 1 {
		one.sentBreak = true
		return
	}
	if punktFirstUpper(two.tok) && (a.st.SentStarters[nextTyp] != 0 || punktHasUnreliableEndChars(one.tok) || one.tok == "." || punktIsCoordinatePartTwo(one.tok)) {
		one.sentBreak = true
	}
}
