package model

import (
	"hash/maphash"
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
type ctFlags uint32

const (
	ctfFunction     ctFlags = 1 << iota // lexFunctionWords
	ctfNegator                          // polNegators, or ends in "n't" (polIsNegator)
	ctfSpeech                           // polSpeechVerbs
	ctfStanceCue                        // first word of a polStances phrase
	ctfModalCue                         // first word of a polModalities phrase
	ctfNegPhrase                        // first word of a polNegPhrases phrase
	ctfRoleHead                         // roleHeads
	ctfQStart                           // qStartWords, of the part before a hyphen
	ctfTimeStart                        // tRelativeStart
	ctfMonth                            // tMonthNames, with or without a final "."
	ctfWeekday                          // tWeekdayNames, singular or plural
	ctfLabelVerb                        // claimLabelVerbs
	ctfLocPrep                          // geoLocativePreps
	ctfCompass                          // geoCompassWords
	ctfListConn                         // may open a list connector (listConnectorLen)
	ctfFirst                            // "first"
	ctfAccording                        // "according"
	ctfDigitStart                       // starts with an ASCII digit
	ctfArticle                          // "a", "an": a quantity only before a ctfAfterArticle word
	ctfAfterArticle                     // a number word, or the word after "a"/"an" in a hedge
	ctfVerbFiller                       // claimVerbFillers
	ctfLy                               // ends in "ly"
	ctfHedgeFirst                       // first word of a qHedges phrase
	// ctfNumberToken is never a token's: ctokenizeCached sets it in the
	// flags of a sentence that has a number token.
	ctfNumberToken
)

func (t *ctoken) is(f ctFlags) bool { return t.flags&f != 0 }

var (
	ctFlagOnce  sync.Once
	ctFlagTable map[string]ctFlags
	// ctASCIIFlags are the flags of the one-byte tokens.
	ctASCIIFlags [utf8.RuneSelf]ctFlags
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
		first(qHedges, ctfHedgeFirst)
		set(roleHeads, ctfRoleHead)
		set(qStartWords, ctfQStart)
		set(tRelativeStart, ctfTimeStart)
		for w, month := range tMonthNames {
			if month > 0 {
				set(map[string]bool{w: true, w + ".": true}, ctfMonth)
			}
		}
		for w := range tWeekdayNames {
			set(map[string]bool{w: true, w + "s": true}, ctfWeekday)
		}
		set(claimLabelVerbs, ctfLabelVerb)
		set(geoLocativePreps, ctfLocPrep)
		set(geoCompassWords, ctfCompass)
		set(map[string]bool{",": true, "and": true, "or": true, "&": true, "as": true}, ctfListConn)
		set(map[string]bool{"first": true}, ctfFirst)
		set(map[string]bool{"according": true}, ctfAccording)
		// "a fifth", "a dozen", "a minimum of": qAt reads "a" or "an"
		// only as a hedge or before a number word.
		after := map[string]bool{}
		for w := range qNumberWords {
			after[w] = true
		}
		articles := map[string]bool{"a": true, "an": true}
		for a := range articles {
			for _, p := range qHedges.byFirst[a] {
				if len(p.words) < 2 {
					articles = nil // a hedge of one article: no shortcut
					break
				}
				after[p.words[1]] = true
			}
		}
		set(articles, ctfArticle)
		set(after, ctfAfterArticle)
		set(claimVerbFillers, ctfVerbFiller)
		ctFlagTable = m
		for c := range ctASCIIFlags {
			ctASCIIFlags[c] = m[string(rune(c))]
		}
	})
	return ctFlagTable
}

// ctLookupFlags gives the flags of a folded token.
func ctLookupFlags(lex map[string]ctFlags, lower string) ctFlags {
	if len(lower) == 1 && lower[0] < utf8.RuneSelf {
		// Punctuation, digits and "a": the most frequent tokens.
		f := ctASCIIFlags[lower[0]]
		if lower[0] >= '0' && lower[0] <= '9' {
			f |= ctfDigitStart
		}
		return f
	}
	f := lex[lower]
	// A hyphenated word opens a quantity by its first part ("half-hour").
	if k := strings.IndexByte(lower, '-'); k > 0 {
		f = f&^ctfQStart | lex[lower[:k]]&ctfQStart
	}
	if strings.HasSuffix(lower, "n't") {
		f |= ctfNegator
	}
	if lower != "" && lower[0] >= '0' && lower[0] <= '9' {
		f |= ctfDigitStart
	}
	if strings.HasSuffix(lower, "ly") {
		f |= ctfLy
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

// ctCache remembers, per folded token, its flags and (for the claim
// builder) its lemma: a corpus repeats its words, so most tokens cost one
// map look-up, and a capitalised word reuses the folded string of its
// first occurrence instead of allocating one. One cache serves one worker
// and needs no lock.
//
// The table is a small open-addressing hash of its own: with the tens of
// thousands of words of a corpus a Go map misses the processor's caches on
// its control bytes, on its keys and on the text the keys point into; here
// a probe reads an 8-byte slot and the folded words sit together in one
// arena.
type ctCache struct {
	seed  maphash.Seed
	slots []ctSlot // a power of two long, at most half full
	arena []byte   // the folded words, one after the other
	ends  []int32  // ends[id+1] is where word id ends in the arena
	info  []ctWordInfo
	lemma []ctLemma            // parallel to info
	byte  [utf8.RuneSelf]int32 // one-byte tokens: 1 + their entry, 0 until seen
}

// ctSlot is one entry of the hash: the high half of the word's hash and
// 1 + its index in info (0 for a free slot).
type ctSlot struct {
	tag uint32
	id  int32
}

type ctWordInfo struct {
	lower string
	flags ctFlags
	lemma lemmaID // in the owner's lexicon; -1 until asked for
}

// ctLemma is the claim builder's lexLemmatizer.lemma of a word, once asked
// for.
type ctLemma struct {
	known bool
	lemma string
}

// newCTCache makes a cache with room for about words words.
func newCTCache(words int) *ctCache {
	slots := 1 << 10
	for slots < 2*words && slots < 1<<20 {
		slots *= 2
	}
	words = max(words, 256)
	ends := make([]int32, 1, words+1)
	return &ctCache{seed: maphash.MakeSeed(), slots: make([]ctSlot, slots), arena: make([]byte, 0, 8*words),
		ends: ends, info: make([]ctWordInfo, 0, words), lemma: make([]ctLemma, 0, words)}
}

// find returns the entry of a folded word, or -1 and the slot to put it in.
func (c *ctCache) find(h uint64, w string) (int32, int) {
	mask := len(c.slots) - 1
	tag := uint32(h >> 32)
	for i := int(h) & mask; ; i = (i + 1) & mask {
		sl := c.slots[i]
		if sl.id == 0 {
			return -1, i
		}
		if sl.tag == tag && string(c.arena[c.ends[sl.id-1]:c.ends[sl.id]]) == w {
			return sl.id - 1, i
		}
	}
}

// findBytes is find for a word in a buffer.
func (c *ctCache) findBytes(h uint64, w []byte) (int32, int) {
	mask := len(c.slots) - 1
	tag := uint32(h >> 32)
	for i := int(h) & mask; ; i = (i + 1) & mask {
		sl := c.slots[i]
		if sl.id == 0 {
			return -1, i
		}
		if sl.tag == tag && string(c.arena[c.ends[sl.id-1]:c.ends[sl.id]]) == string(w) {
			return sl.id - 1, i
		}
	}
}

// lookup returns the entry of a folded word, entering it if need be.
func (c *ctCache) lookup(lower string) int32 {
	h := maphash.String(c.seed, lower)
	id, slot := c.find(h, lower)
	if id < 0 {
		id = c.add(h, slot, lower)
	}
	return id
}

// ctokenizeCached is ctokenizeInto with the per-word work looked up in c.
// It appends to ids, per token, the token's entry in c.info, and returns
// the union of the new tokens' flags (with ctfNumberToken if one is a
// number), so that a grammar can skip a sentence without its words.
func ctokenizeCached(toks []ctoken, ids []int32, s string, c *ctCache) ([]ctoken, []int32, ctFlags) {
	var all ctFlags
	from := len(toks)
	toks = ctScan(toks, s)
	var buf [64]byte
	for i := from; i < len(toks); i++ {
		t := &toks[i]
		var id int32
		if w := t.Text; len(w) == 1 && w[0] < utf8.RuneSelf && w[0]-'A' >= 26 {
			// Punctuation, digits, "a": no map look-up.
			if id = c.byte[w[0]] - 1; id < 0 {
				id = c.lookup(w)
				c.byte[w[0]] = id + 1
			}
		} else {
			kind := int(t.flags) - 1 // ctScan's hint
			if kind < 0 {
				kind = ctFoldKind(w)
			}
			switch kind {
			case ctFoldNone:
				id = c.lookup(w)
			case ctFoldASCII:
				key := buf[:0]
				if len(w) > len(buf) {
					key = make([]byte, 0, len(w))
				}
				for k := 0; k < len(w); k++ {
					ch := w[k]
					if ch >= 'A' && ch <= 'Z' {
						ch += 'a' - 'A'
					}
					key = append(key, ch)
				}
				h := maphash.Bytes(c.seed, key)
				var slot int
				if id, slot = c.findBytes(h, key); id < 0 {
					id = c.add(h, slot, string(key))
				}
			default:
				id = c.lookup(ctFold(w))
			}
		}
		wi := &c.info[id]
		t.Lower, t.flags = wi.lower, wi.flags
		all |= wi.flags
		if t.Kind == ctNumber {
			all |= ctfNumberToken
		}
		ids = append(ids, id)
	}
	return toks, ids, all
}

// add enters a folded word of hash h, not in the cache, at a free slot.
func (c *ctCache) add(h uint64, slot int, lower string) int32 {
	id := int32(len(c.info))
	c.arena = append(c.arena, lower...)
	c.ends = append(c.ends, int32(len(c.arena)))
	c.info = append(c.info, ctWordInfo{lower: lower, flags: ctLookupFlags(ctLexicon(), lower), lemma: -1})
	c.lemma = append(c.lemma, ctLemma{})
	c.slots[slot] = ctSlot{tag: uint32(h >> 32), id: id + 1}
	if 2*len(c.info) > len(c.slots) {
		c.grow()
	}
	return id
}

// grow doubles the table.
func (c *ctCache) grow() {
	old := c.slots
	c.slots = make([]ctSlot, 2*len(old))
	mask := len(c.slots) - 1
	for _, sl := range old {
		if sl.id == 0 {
			continue
		}
		h := maphash.Bytes(c.seed, c.arena[c.ends[sl.id-1]:c.ends[sl.id]])
		i := int(h) & mask
		for c.slots[i].id != 0 {
			i = (i + 1) & mask
		}
		c.slots[i] = sl
	}
}

func ctokenizeText(toks []ctoken, s string) []ctoken {
	from := len(toks)
	toks = ctScan(toks, s)
	ctFoldTokens(toks[from:])
	return toks
}

// ctScan splits s into tokens with their byte ranges, kinds and Cap; Lower
// and the flags are left to the caller.
func ctScan(toks []ctoken, s string) []ctoken {
	i := 0
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			// ASCII, the bulk of the text: the same cases as below
			// without decoding runes.
			switch {
			case c == ' ' || (c >= '\t' && c <= '\r'):
				i++
			case c >= '0' && c <= '9':
				toks, i = ctScanDigits(toks, s, i)
			case (c|0x20) >= 'a' && (c|0x20) <= 'z':
				// Most words are ASCII letters and digits up to a space
				// or a comma: no hyphen, apostrophe, dot or other rune
				// for ctScanWord to weigh, no possessive to split.
				j := i + 1
				upper := c <= 'Z'
				for j < len(s) {
					if d := s[j]; (d|0x20) >= 'a' && (d|0x20) <= 'z' || d >= '0' && d <= '9' {
						upper = upper || d-'A' < 26
						j++
						continue
					}
					break
				}
				if j < len(s) {
					if d := s[j]; d >= utf8.RuneSelf || d == '-' || d == '\'' || d == '.' {
						toks, i = ctScanLetters(toks, s, i, 1)
						continue
					}
				}
				// The flags hold ctFoldKind + 1 until the caller sets them.
				fold := ctFlags(ctFoldNone + 1)
				if upper {
					fold = ctFoldASCII + 1
				}
				toks = ctAppend(toks, s, i, j, ctWord, c <= 'Z', fold)
				i = j
			default:
				toks = ctAppend(toks, s, i, i+1, ctPunct, false, 0)
				i++
			}
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r) || r == '\u00a0':
			i += w
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			toks, i = ctScanLetters(toks, s, i, w)
		default:
			toks = append(toks, ctoken{Start: i, End: i + w, Text: s[i : i+w], Kind: ctPunct})
			i += w
		}
	}
	return toks
}

// ctAppend appends the token s[st:en]. It fills a slot field by field: a
// composite literal is copied in with a bulk write barrier while the
// collector runs, which costs more than the two pointers written here.
func ctAppend(toks []ctoken, s string, st, en, kind int, capital bool, flags ctFlags) []ctoken {
	n := len(toks)
	if n < cap(toks) {
		toks = toks[:n+1]
	} else {
		toks = append(toks, ctoken{})
	}
	t := &toks[n]
	t.Start, t.End, t.Kind, t.Cap, t.flags = st, en, kind, capital, flags
	t.Text, t.Lower = s[st:en], ""
	return toks
}

// ctScanDigits reads a token that starts with an ASCII digit at s[i].
func ctScanDigits(toks []ctoken, s string, i int) ([]ctoken, int) {
	j := ctScanNumber(s, i)
	// "65-year-old", "3-hour", "2nd": a number glued to letters stays
	// one word so the quantity grammar can split it knowingly.
	if j < len(s) && (ctLetterAt(s, j) || (s[j] == '-' && ctLetterAt(s, j+1))) {
		j = ctScanWord(s, j)
		return append(toks, ctoken{Start: i, End: j, Text: s[i:j], Kind: ctWord}), j
	}
	return append(toks, ctoken{Start: i, End: j, Text: s[i:j], Kind: ctNumber}), j
}

// ctScanLetters reads a word that starts with a letter or a non-ASCII
// digit of w bytes at s[i].
func ctScanLetters(toks []ctoken, s string, i, w int) ([]ctoken, int) {
	j := ctScanWord(s, i)
	if j <= i {
		j = i + w // a mark the word scanner does not take: keep going
	}
	capital := ctUpperAt(s, i)
	// Split a trailing possessive so "Trump's" is the name "Trump".
	if k := ctPossessiveAt(s[i:j]); k > 0 {
		toks = append(toks, ctoken{Start: i, End: i + k, Text: s[i : i+k], Kind: ctWord, Cap: capital},
			ctoken{Start: i + k, End: j, Text: s[i+k : j], Kind: ctWord, Cap: ctUpperAt(s, i+k)})
	} else {
		toks = append(toks, ctoken{Start: i, End: j, Text: s[i:j], Kind: ctWord, Cap: capital})
	}
	return toks, j
}

// ctUpperAt tells an upper-case letter at s[i].
func ctUpperAt(s string, i int) bool {
	if c := s[i]; c < utf8.RuneSelf {
		return c >= 'A' && c <= 'Z'
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsUpper(r)
}

// ctFoldTokens sets Lower for tokens of one sentence. The folded forms that
// differ from the text share one string, so a sentence costs one
// allocation rather than one per capitalised word.
func ctFoldTokens(toks []ctoken) {
	var bufArr [256]byte
	var endArr [64]int32
	buf, ends := bufArr[:0], endArr[:0]
	for i := range toks {
		t := &toks[i]
		kind := int(t.flags) - 1 // ctScan's hint
		if kind < 0 {
			kind = ctFoldKind(t.Text)
			t.flags = ctFlags(kind + 1)
		}
		switch kind {
		case ctFoldNone:
			t.Lower = t.Text
		case ctFoldASCII:
			for k := 0; k < len(t.Text); k++ {
				c := t.Text[k]
				if c >= 'A' && c <= 'Z' {
					c += 'a' - 'A'
				}
				buf = append(buf, c)
			}
			ends = append(ends, int32(len(buf)))
		default:
			t.Lower = ctFold(t.Text)
		}
	}
	var all string
	if len(ends) > 0 {
		all = string(buf)
	}
	at, n := 0, 0
	for i := range toks {
		t := &toks[i]
		if t.flags == ctFoldASCII+1 {
			t.Lower = all[at:ends[n]]
			at = int(ends[n])
			n++
		}
		t.flags = 0
	}
}

// How ctFold changes a word.
const (
	ctFoldNone  = iota // it is its own folded form
	ctFoldASCII        // ASCII with upper-case letters
	ctFoldOther        // not ASCII
)

func ctFoldKind(w string) int {
	upper := false
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return ctFoldOther
		}
		if c >= 'A' && c <= 'Z' {
			upper = true
		}
	}
	if upper {
		return ctFoldASCII
	}
	return ctFoldNone
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
	if c := s[i]; c < utf8.RuneSelf {
		return (c|0x20) >= 'a' && (c|0x20) <= 'z'
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r)
}

func ctWordRuneAt(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	if c := s[i]; c < utf8.RuneSelf {
		return (c|0x20) >= 'a' && (c|0x20) <= 'z' || c >= '0' && c <= '9'
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
		if c := s[j]; c < utf8.RuneSelf {
			if (c|0x20) >= 'a' && (c|0x20) <= 'z' || c >= '0' && c <= '9' {
				j++
				continue
			}
			if c != '-' && c != '\'' && c != '.' {
				return j // the cases below take no other ASCII
			}
		}
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
	n := len(w)
	if n < 3 || (w[n-1] != 's' && w[n-1] != 'S') {
		return 0
	}
	if w[n-2] == '\'' {
		return n - 2
	}
	// "’" is E2 80 99.
	if n > 4 && w[n-2] == 0x99 && w[n-3] == 0x80 && w[n-4] == 0xE2 {
		return n - 4
	}
	return 0
}

// isPossessive tells the split-off "'s" token.
func (t ctoken) isPossessive() bool { return t.Lower == "'s" }
