package model

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// actTok is one word of a sentence as the actor matcher sees it.
type actTok struct {
	fold       string
	info       *actWordInfo // the scanner's lookups of a word it folded, or nil
	start, end int32        // byte range of the word, possessive "'s" excluded
	rawEnd     int32        // end including the possessive
	sep        actSep       // what stands between the previous word and this one
	cap        bool         // starts with a capital ("Putin", "U.S.", "al-Assad")
	allCaps    bool         // two or more letters, all capitals ("NATO", "WASHINGTON")
	hyphen     bool         // joined by a hyphen ("Trump-Putin")
	poss       bool         // followed by a possessive "'s"
	number     bool         // starts with a digit
	initial    bool         // first word of a sentence, a quotation or a clause after ":"
	qOpen      bool         // an opening quotation mark stands right before
	qClose     bool         // a closing quotation mark stands right after
	ownFold    bool         // fold is not the word as written
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

// actTokenizeCached is actTokenize keeping the folds and gazetteer
// lookups of words that are not plain lower-case ASCII in folds (nil, or
// g nil: none kept), so that a repeated "President" is lowered and looked
// up once.
func actTokenizeCached(s string, toks []actTok, g *gazetteerData, folds map[string]*actWordInfo) []actTok {
	toks = toks[:0]
	prevEnd := 0
	first := true
	startSeen := false // a word that is not a number has been read
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if !actASCIIWord[c] {
				i++
				continue
			}
		} else if r, w := utf8.DecodeRuneInString(s[i:]); !actWordRune(r) {
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
		} else if j < len(s) && s[j] == '.' && g != nil && j-st <= 6 && g.abbrevs[actFoldOnly(s[st:j], folds, g)] {
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
		word := s[st:end]
		// The token is built whole and appended once: it is large.
		t := actTok{fold: word, start: int32(st), end: int32(end), rawEnd: int32(j), poss: poss}
		if end > scanned || marks&actMarkFold != 0 {
			// Not plain lower-case ASCII (for which gazFold returns the word).
			t.fold, t.info = actFold(word, folds, g)
			t.ownFold = t.fold != word
		}
		gap := s[prevEnd:st]
		if gap == " " && !first {
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
			if t.info != nil {
				t.allCaps = t.info.allCaps
			} else {
				t.allCaps = actAllCaps(word)
			}
		}
		// A closing quotation mark right after the word (past its
		// sentence punctuation).
		e := j
		for e < len(s) && (s[e] == '.' || s[e] == ',' || s[e] == '!' || s[e] == '?') {
			e++
		}
		if e < len(s) {
			if c := s[e]; c < utf8.RuneSelf {
				t.qClose = c == '"'
			} else {
				r, _ := utf8.DecodeRuneInString(s[e:])
				t.qClose = r == '”' || r == '’'
			}
		}
		// Positions where a capital says nothing: the first word of the
		// sentence or of a quotation, and after a colon or a dash.
		switch {
		case !startSeen:
			if !t.number {
				t.initial, startSeen = true, true
			}
		case t.qOpen:
			t.initial = true
		case gap == " ":
		case actClauseGap(gap):
			t.initial = true
		}
		toks = append(toks, t)
		first = false
		prevEnd = j
		i = j
	}
	return toks
}

// actClauseGap: the gap before a word holds a colon or a dash that starts
// a clause.
func actClauseGap(gap string) bool {
	// Most gaps (", ", ". ") hold neither a colon, a hyphen nor the first
	// byte of a dash.
	for i := 0; i < len(gap); i++ {
		if c := gap[i]; c == ':' || c == '-' || c == 0xE2 {
			return strings.ContainsAny(gap, ":—") || strings.Contains(gap, " – ") || strings.Contains(gap, " - ")
		}
	}
	return false
}

// actLowerOrDigit marks the bytes a-z and 0-9.
var actLowerOrDigit = func() (t [256]bool) {
	for c := range t {
		t[c] = 'a' <= c && c <= 'z' || '0' <= c && c <= '9'
	}
	return t
}()

// actASCIIWord marks the ASCII bytes that are word characters.
var actASCIIWord = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = actWordRune(rune(c))
	}
	return t
}()

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

// actFold is gazFold(w) and, when cache and g are not nil and w needs
// folding, its cached lookups (else nil).
func actFold(w string, cache map[string]*actWordInfo, g *gazetteerData) (string, *actWordInfo) {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			if cache == nil || g == nil {
				return gazFold(w), nil
			}
			if info, ok := cache[w]; ok {
				return info.fold, info
			}
			info := g.wordInfo(gazFold(w))
			info.allCaps = actAllCaps(w)
			cache[w] = info
			return info.fold, info
		}
	}
	return w, nil
}

// actFoldOnly is the fold of actFold.
func actFoldOnly(w string, cache map[string]*actWordInfo, g *gazetteerData) string {
	f, _ := actFold(w, cache, g)
	return f
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
		// Most bytes are lower-case letters: one table look-up each.
		for j < len(s) && actLowerOrDigit[s[j]] {
			j++
		}
		if j == len(s) {
			break
		}
		c := s[j]
		if c < utf8.RuneSelf {
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
