package model

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// actTok is one word of a sentence as the actor matcher sees it.
type actTok struct {
	fold       string
	start, end int32  // byte range of the word, possessive "'s" excluded
	rawEnd     int32  // end including the possessive
	sep        actSep // what stands between the previous word and this one
	cap        bool   // starts with a capital ("Putin", "U.S.", "al-Assad")
	allCaps    bool   // two or more letters, all capitals ("NATO", "WASHINGTON")
	hyphen     bool   // joined by a hyphen ("Trump-Putin")
	poss       bool   // followed by a possessive "'s"
	number     bool   // starts with a digit
	initial    bool   // first word of a sentence, a quotation or a clause after ":"
	qOpen      bool   // an opening quotation mark stands right before
	qClose     bool   // a closing quotation mark stands right after
}

// actSep classifies the characters between two words.
type actSep uint8

const (
	sepSpace actSep = iota // white space only (or nothing)
	sepComma               // a comma
	sepBreak               // any other punctuation: parentheses, quotes, dashes, ";"
)

// actTokenize splits s into words. Abbreviations listed in the gazetteer keep
// their period ("Gen.", "Mr."), as do acronyms written with periods ("U.S.")
// and initials ("J."), so that they stay inside a name.
func actTokenize(s string, toks []actTok, g *gazetteerData) []actTok {
	return actTokenizeCached(s, toks, g, nil)
}

// actTokenizeCached is actTokenize keeping the folds of words that are not
// plain lower-case ASCII in folds (nil: none kept), so that a repeated
// "President" is lowered once.
func actTokenizeCached(s string, toks []actTok, g *gazetteerData, folds map[string]string) []actTok {
	toks = toks[:0]
	prevEnd := 0
	first := true
	for i := 0; i < len(s); {
		r, w := actRune(s, i)
		if !actWordRune(r) {
			i += w
			continue
		}
		st := i
		j, marks := actScanWord(s, i)
		scanned := j // s[st:scanned] needs folding only when marks say so
		// Acronyms with periods and initials: "U.S.", "U.K.", "J."
		if j-st == 1 && s[st] >= 'A' && s[st] <= 'Z' && j < len(s) && s[j] == '.' {
			k := j
			for k+2 < len(s) && s[k+1] >= 'A' && s[k+1] <= 'Z' && s[k+2] == '.' {
				k += 2
			}
			if k > j || j+1 == len(s) || s[j+1] == ' ' {
				j = k + 1
			}
		} else if j < len(s) && s[j] == '.' && g != nil && j-st <= 6 && g.abbrevs[actFold(s[st:j], folds)] {
			j++
		}
		end := j
		poss := false
		if marks&actMarkApostrophe != 0 {
			if strings.HasSuffix(s[st:j], "'s") || strings.HasSuffix(s[st:j], "'S") {
				end, poss = j-2, true
			} else if strings.HasSuffix(s[st:j], "’s") || strings.HasSuffix(s[st:j], "’S") {
				end, poss = j-len("’s"), true
			}
			if end <= st {
				end, poss = j, false
			}
		}
		// Filled in place: the token is large.
		toks = append(toks, actTok{start: int32(st), end: int32(end), rawEnd: int32(j), poss: poss})
		t := &toks[len(toks)-1]
		word := s[st:end]
		if end <= scanned && marks&actMarkFold == 0 {
			t.fold = word // plain lower-case ASCII: gazFold returns it as is
		} else {
			t.fold = actFold(word, folds)
		}
		if gap := s[prevEnd:st]; gap == " " && !first {
			t.sep = sepSpace
		} else {
			t.sep, t.qOpen = actClassifySep(gap, first)
		}
		t.hyphen = marks&actMarkHyphen != 0
		if c := word[0]; c < utf8.RuneSelf {
			t.number = '0' <= c && c <= '9'
			t.cap = 'A' <= c && c <= 'Z'
			if !t.cap && t.hyphen && 'a' <= c && c <= 'z' {
				t.cap = actArabicArticle(word)
			}
		} else {
			fr, _ := utf8.DecodeRuneInString(word)
			t.number = unicode.IsDigit(fr)
			t.cap = unicode.IsUpper(fr)
		}
		if t.cap && marks&actMarkApostrophe != 0 && actContraction(word) {
			t.cap = false
		}
		if t.cap {
			t.allCaps = actAllCaps(word)
		}
		first = false
		prevEnd = j
		i = j
	}
	// Closing quotes: a quotation mark right after a word.
	for k := range toks {
		e := int(toks[k].rawEnd)
		for e < len(s) && (s[e] == '.' || s[e] == ',' || s[e] == '!' || s[e] == '?') {
			e++
		}
		if e < len(s) {
			r, _ := utf8.DecodeRuneInString(s[e:])
			toks[k].qClose = r == '”' || r == '"' || r == '’'
		}
	}
	// Positions where a capital says nothing: the first word of the
	// sentence or of a quotation, and after a colon or a dash.
	startSeen := false
	for k := range toks {
		t := &toks[k]
		if !startSeen {
			if t.number {
				continue
			}
			t.initial, startSeen = true, true
			continue
		}
		if t.qOpen {
			t.initial = true
			continue
		}
		gap := s[toks[k-1].rawEnd:t.start]
		if gap == " " {
			continue
		}
		if strings.ContainsAny(gap, ":—") || strings.Contains(gap, " – ") || strings.Contains(gap, " - ") {
			t.initial = true
		}
	}
	return toks
}

// actAllCaps: w has two or more letters, all capitals.
func actAllCaps(w string) bool {
	letters, upper := 0, 0
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			letters, upper = 0, 0
			for _, r := range w {
				if unicode.IsLetter(r) {
					letters++
					if unicode.IsUpper(r) {
						upper++
					}
				}
			}
			break
		}
		if 'A' <= c && c <= 'Z' {
			letters++
			upper++
		} else if 'a' <= c && c <= 'z' {
			letters++
		}
	}
	return letters >= 2 && upper == letters
}

// actFold is gazFold(w), looked up in cache when w needs folding.
func actFold(w string, cache map[string]string) string {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			if cache == nil {
				return gazFold(w)
			}
			if f, ok := cache[w]; ok {
				return f
			}
			f := gazFold(w)
			cache[w] = f
			return f
		}
	}
	return w
}

func actRune(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

// Marks seen inside a word by actScanWord.
const (
	actMarkApostrophe = 1 << iota
	actMarkHyphen
	actMarkFold // a capital or a non-ASCII character: gazFold changes the word
)

// actScanWord returns the end of the word starting at i: letters and digits
// with inner apostrophes ("O'Brien") and hyphens ("Trump-Putin"), and which
// of those marks it holds.
func actScanWord(s string, i int) (int, int) {
	j, marks := i, 0
	for j < len(s) {
		c := s[j]
		if c < utf8.RuneSelf {
			if 'a' <= c && c <= 'z' || '0' <= c && c <= '9' {
				j++
				continue
			}
			if 'A' <= c && c <= 'Z' {
				marks |= actMarkFold
				j++
				continue
			}
			if (c == '\'' || c == '-') && j > i && j+1 < len(s) {
				r2, _ := actRune(s, j+1)
				if unicode.IsLetter(r2) || c == '-' && unicode.IsDigit(r2) {
					if c == '-' {
						marks |= actMarkHyphen
					} else {
						marks |= actMarkApostrophe
					}
					j++
					continue
				}
			}
			break
		}
		r, w := utf8.DecodeRuneInString(s[j:])
		if actWordRune(r) {
			marks |= actMarkFold
			j += w
			continue
		}
		if j > i && j+w < len(s) && (r == '’' || r == '‐' || r == '–') {
			r2, _ := actRune(s, j+w)
			if unicode.IsLetter(r2) || r != '’' && unicode.IsDigit(r2) {
				if r == '’' {
					marks |= actMarkApostrophe
				} else {
					marks |= actMarkHyphen
				}
				marks |= actMarkFold
				j += w
				continue
			}
		}
		break
	}
	return j, marks
}

func actWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// actArabicArticle: "al-Assad", "bin Salman" style particles start a name
// in lower case.
func actArabicArticle(w string) bool {
	p, rest, ok := strings.Cut(w, "-")
	if !ok || rest == "" {
		return false
	}
	switch p {
	case "al", "el", "ad", "as", "ash", "at", "an", "ar", "az", "ibn", "bin", "abu", "abd", "ben":
		r, _ := utf8.DecodeRuneInString(rest)
		return unicode.IsUpper(r)
	}
	return false
}

// actClassifySep reads the gap between two words. first is true for the
// gap before the first word.
func actClassifySep(gap string, first bool) (actSep, bool) {
	sep := sepSpace
	open := false
	for i := 0; i < len(gap); {
		r, w := actRune(gap, i)
		switch {
		case r == ' ' || r == '\t' || r == '\n' || r == '\u00a0':
		case r == ',':
			if sep == sepSpace {
				sep = sepComma
			}
		case r == '“' || r == '‘' || r == '«':
			sep, open = sepBreak, true
		case r == '"' || r == '\'':
			// A straight quote opens when it starts the sentence or
			// follows a space or a parenthesis; right after a word it closes.
			sep = sepBreak
			if (i == 0 && first) || (i > 0 && (gap[i-1] == ' ' || gap[i-1] == '(')) {
				open = true
			}
		default:
			sep = sepBreak
		}
		i += w
	}
	return sep, open
}

// actContraction: "I'm", "Don't", "We've" are grammar, not names.
func actContraction(w string) bool {
	i := strings.IndexAny(w, "'’")
	if i < 0 {
		return false
	}
	suffix := strings.ToLower(w[i:])
	suffix = strings.TrimLeft(suffix, "'’")
	switch suffix {
	case "m", "ve", "ll", "re", "d":
		return true
	case "t":
		return strings.HasSuffix(strings.ToLower(w[:i]), "n")
	}
	return false
}
