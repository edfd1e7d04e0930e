package model

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Token kinds of the claim tokenizer.
const (
	ctWord = iota
	ctNumber
	ctPunct
)

// ctoken is one word, number or punctuation mark of a sentence with its byte
// range. Lower folds case and curly apostrophes so lexicon look-ups need one
// spelling; Cap tells a capitalised word (a name candidate).
type ctoken struct {
	Start, End int
	Text       string
	Lower      string
	Kind       int
	Cap        bool
	flags      ctFlags // the word lists Lower is in
}

// ctFlags tell which of the claim grammars' word lists a token's folded
// form is in: looked up once when a sentence is tokenized rather than at
// every test, since the grammars test most tokens against several lists.
type ctFlags uint16

const (
	ctfFunction  ctFlags = 1 << iota // lexFunctionWords
	ctfNegator                       // polNegators
	ctfSpeech                        // polSpeechVerbs
	ctfStanceCue                     // first word of a polStances phrase
	ctfModalCue                      // first word of a polModalities phrase
	ctfNegPhrase                     // first word of a polNegPhrases phrase
	ctfRoleHead                      // roleHeads
	ctfQStart                        // qStartWords, of the part before a hyphen
	ctfTimeStart                     // tRelativeStart
)

func (t *ctoken) is(f ctFlags) bool { return t.flags&f != 0 }

var (
	ctFlagOnce  sync.Once
	ctFlagTable map[string]ctFlags
)

// ctLexicon maps every word of those lists to its flags. It is built on
// first use, after the init functions that fill some of the lists.
func ctLexicon() map[string]ctFlags {
	ctFlagOnce.Do(func() {
		m := map[string]ctFlags{}
		set := func(words map[string]bool, f ctFlags) {
			for w, in := range words {
				if in {
					m[w] |= f
				}
			}
		}
		first := func(pt *lexPhrases, f ctFlags) {
			for w, l := range pt.byFirst {
				if len(l) > 0 {
					m[w] |= f
				}
			}
		}
		set(lexFunctionWords, ctfFunction)
		set(polNegators, ctfNegator)
		set(polSpeechVerbs, ctfSpeech)
		first(polStances, ctfStanceCue)
		first(polModalities, ctfModalCue)
		first(polNegPhrases, ctfNegPhrase)
		set(roleHeads, ctfRoleHead)
		set(qStartWords, ctfQStart)
		set(tRelativeStart, ctfTimeStart)
		ctFlagTable = m
	})
	return ctFlagTable
}

// ctLookupFlags gives the flags of a folded token.
func ctLookupFlags(lex map[string]ctFlags, lower string) ctFlags {
	f := lex[lower]
	// A hyphenated word opens a quantity by its first part ("half-hour").
	if k := strings.IndexByte(lower, '-'); k > 0 {
		f = f&^ctfQStart | lex[lower[:k]]&ctfQStart
	}
	return f
}

// tokenize splits a sentence for the claim grammars. It keeps hyphenated
// words ("three-way", "65-year-old") and dotted abbreviations ("U.S.") whole,
// splits the possessive "'s" off its noun and keeps thousands separators and
// decimals inside numbers. The grammars work on these tokens, so every slot
// value maps back to a byte range of the sentence.
func ctokenize(s string) []ctoken { return ctokenizeInto(make([]ctoken, 0, len(s)/5+1), s) }

// ctokenizeInto appends the tokens of s to toks (a buffer to reuse).
func ctokenizeInto(toks []ctoken, s string) []ctoken {
	from := len(toks)
	toks = ctokenizeText(toks, s)
	lex := ctLexicon()
	for i := from; i < len(toks); i++ {
		toks[i].flags = ctLookupFlags(lex, toks[i].Lower)
	}
	return toks
}

func ctokenizeText(toks []ctoken, s string) []ctoken {
	i := 0
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r) || r == '\u00a0':
			i += w
		case r >= '0' && r <= '9':
			j := ctScanNumber(s, i)
			// "65-year-old", "3-hour", "2nd": a number glued to letters stays
			// one word so the quantity grammar can split it knowingly.
			if j < len(s) && (ctLetterAt(s, j) || (s[j] == '-' && ctLetterAt(s, j+1))) {
				j = ctScanWord(s, j)
				toks = append(toks, newCToken(s, i, j, ctWord))
			} else {
				toks = append(toks, newCToken(s, i, j, ctNumber))
			}
			i = j
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := ctScanWord(s, i)
			if j <= i {
				j = i + w // a mark the word scanner does not take: keep going
			}
			// Split a trailing possessive so "Trump's" is the name "Trump".
			if k := ctPossessiveAt(s[i:j]); k > 0 {
				toks = append(toks, newCToken(s, i, i+k, ctWord))
				toks = append(toks, newCToken(s, i+k, j, ctWord))
			} else {
				toks = append(toks, newCToken(s, i, j, ctWord))
			}
			i = j
		default:
			toks = append(toks, newCToken(s, i, i+w, ctPunct))
			i += w
		}
	}
	return toks
}

func newCToken(s string, st, en, kind int) ctoken {
	t := ctoken{Start: st, End: en, Text: s[st:en], Kind: kind}
	t.Lower = ctFold(t.Text)
	if kind == ctWord {
		r, _ := utf8.DecodeRuneInString(t.Text)
		t.Cap = unicode.IsUpper(r)
	}
	return t
}

// foldWord lower-cases and maps typographic apostrophes and dashes to ASCII.
// It allocates only when the word has something to fold.
func ctFold(w string) string {
	upper, ascii := false, true
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 0x80 {
			ascii = false
			break
		}
		if c >= 'A' && c <= 'Z' {
			upper = true
		}
	}
	if ascii {
		if upper {
			return strings.ToLower(w)
		}
		return w
	}
	w = strings.ToLower(w)
	if strings.ContainsAny(w, "’‘‐‑–") {
		w = ctFoldReplacer.Replace(w)
	}
	return w
}

var ctFoldReplacer = strings.NewReplacer("’", "'", "‘", "'", "‐", "-", "‑", "-", "–", "-")

func ctLetterAt(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r)
}

func ctWordRuneAt(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// scanNumber reads digits with inner "," and "." ("250,000", "3.5").
func ctScanNumber(s string, i int) int {
	j := i
	for j < len(s) {
		c := s[j]
		switch {
		case c >= '0' && c <= '9':
			j++
		case (c == ',' || c == '.') && j+1 < len(s) && s[j+1] >= '0' && s[j+1] <= '9' && j > i:
			j++
		default:
			return j
		}
	}
	return j
}

// scanWord reads letters and digits joined by inner hyphens, apostrophes and
// the dots of abbreviations ("U.S.", "face-to-face", "don't").
func ctScanWord(s string, i int) int {
	j := i
	for j < len(s) {
		r, w := utf8.DecodeRuneInString(s[j:])
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			j += w
		case r == '-' || r == '\'' || r == '’' || r == '‑' || r == '‐':
			if ctWordRuneAt(s, j+w) {
				j += w
			} else {
				return j
			}
		case r == '.':
			// "U.S." and "U.S": a dot between single letters, and the final
			// dot of such an abbreviation.
			if j-i == 1 || (j >= 2 && s[j-2] == '.') {
				if ctLetterAt(s, j+1) && (j+2 >= len(s) || !ctLetterAt(s, j+2)) {
					j += w
					continue
				}
				if j >= 2 && s[j-2] == '.' {
					return j + w
				}
			}
			return j
		default:
			return j
		}
	}
	return j
}

// possessiveAt returns where a trailing "'s" starts, or 0.
func ctPossessiveAt(w string) int {
	for _, suf := range []string{"'s", "’s", "'S", "’S"} {
		if len(w) > len(suf) && strings.HasSuffix(w, suf) {
			return len(w) - len(suf)
		}
	}
	return 0
}

// isPossessive tells the split-off "'s" token.
func (t ctoken) isPossessive() bool { return t.Lower == "'s" }
