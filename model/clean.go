package model

import (
	"bufio"
	"bytes"
	_ "embed"
	"hash/maphash"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

//go:embed data/boilerplate.txt
var boilerplateData string

// furniture is the parsed boilerplate.txt: phrases that mark page widgets.
type furniture struct {
	line   map[string]bool
	prefix []string
	tail   map[string]bool

	// What lets most lines skip the lookups: the longest line and tail
	// phrase and the longest prefix in bytes, and the prefixes by first byte.
	lineMax, tailMax, prefixLen int
	prefixByFirst               [256][]string
}

var (
	furnitureOnce sync.Once
	furnitureSet  furniture
)

func loadFurniture() *furniture {
	furnitureOnce.Do(func() {
		f := furniture{line: map[string]bool{}, tail: map[string]bool{}}
		section := ""
		sc := bufio.NewScanner(strings.NewReader(boilerplateData))
		for sc.Scan() {
			l := strings.TrimSpace(sc.Text())
			if l == "" || strings.HasPrefix(l, "#") {
				continue
			}
			if strings.HasPrefix(l, "[") && strings.HasSuffix(l, "]") && !strings.Contains(l, " ") {
				section = l
				continue
			}
			switch section {
			case "[line]":
				k := foldLine(l)
				f.line[k] = true
				f.lineMax = max(f.lineMax, len(k))
			case "[prefix]":
				p := strings.ToLower(l)
				f.prefix = append(f.prefix, p)
				f.prefixLen = max(f.prefixLen, len(p))
				f.prefixByFirst[p[0]] = append(f.prefixByFirst[p[0]], p)
			case "[tail]":
				k := foldLine(l)
				f.tail[k] = true
				f.tailMax = max(f.tailMax, len(k))
			}
		}
		furnitureSet = f
	})
	return &furnitureSet
}

// foldLine is the form boilerplate phrases are compared in: lower case,
// single spaces, no trailing punctuation.
func foldLine(s string) string {
	s = collapseLower(s)
	s = strings.TrimRight(s, " :!.*|»›>-–—")
	return strings.TrimLeft(s, " «‹<|-–—•")
}

// collapseLower is strings.ToLower(strings.Join(strings.Fields(s), " "))
// in one pass for ASCII text, the common case: every line of every article
// is folded.
func collapseLower(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return strings.ToLower(strings.Join(strings.Fields(s), " "))
		}
	}
	b := make([]byte, 0, len(s))
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c >= '\t' && c <= '\r':
			space = len(b) > 0
			continue
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		}
		if space {
			b = append(b, ' ')
			space = false
		}
		b = append(b, c)
	}
	return string(b)
}

// line is one line of a sanitized article body.
type line struct {
	text  string // trimmed
	start int    // byte offset of text in the sanitized body
	kind  lineKind
}

type lineKind int

const (
	lineBody lineKind = iota
	lineBlank
	lineFurniture
	lineTail // a tail marker and everything after it
	lineDuplicate
	lineMeta // byline, "Report by", cited sources: kept as metadata only
)

var (
	reCommentCount = regexp.MustCompile(`(?i)^\d+\s+(comments?|responses?|replies)$`)
	reCitedLine    = regexp.MustCompile(`(?i)^(\[\d+\]\s*)*sources?\s*:`)
	reCiteMarkers  = regexp.MustCompile(`(?i)^(\[\d+\]\s*sources?\s*)+$`)
)

// splitLines cuts a sanitized body into trimmed lines with their offsets.
func splitLines(body string) []line {
	out := make([]line, 0, strings.Count(body, "\n")+1)
	pos := 0
	for pos <= len(body) {
		end := strings.IndexByte(body[pos:], '\n')
		if end < 0 {
			end = len(body)
		} else {
			end += pos
		}
		raw := body[pos:end]
		lead := len(raw) - len(strings.TrimLeftFunc(raw, unicode.IsSpace))
		t := strings.TrimSpace(raw)
		k := lineBody
		if t == "" {
			k = lineBlank
		}
		out = append(out, line{text: t, start: pos + lead, kind: k})
		pos = end + 1
	}
	return out
}

// classifyLines marks furniture, tail sections, duplicates and metadata-only
// lines. The rules are about the shape and position of lines, never about
// what one particular page says.
func classifyLines(lines []line) {
	f := loadFurniture()
	total := 0
	for _, l := range lines {
		total += len(l.text) + 1
	}
	var scratch, fold, other []byte
	pos := 0
	seen := newFoldSet(len(lines))
	inTail := false
	for i := range lines {
		l := &lines[i]
		here := pos
		pos += len(l.text) + 1
		if l.kind == lineBlank {
			continue
		}
		if inTail {
			l.kind = lineTail
			continue
		}
		// The folded line is looked up without making a string of it.
		fold = appendFold(fold[:0], l.text)
		switch {
		case !hasLetter(l.text):
			l.kind = lineFurniture
		case (len(fold) <= f.tailMax && f.tail[string(fold)] || isCommentCount(fold)) && here*2 >= total:
			l.kind = lineTail
			inTail = true
		case len(fold) <= f.lineMax && f.line[string(fold)] || isCommentCount(fold) || isCiteMarkers(fold):
			l.kind = lineFurniture
		case f.hasPrefix(l.text, &scratch):
			l.kind = lineFurniture
		case isCitedLine(l.text) || isBylineLine(l.text) || isReportByLine(l.text):
			l.kind = lineMeta
		case seen.has(fold, lines, &other):
			l.kind = lineDuplicate
		}
		if l.kind == lineBody {
			seen.add(fold, i)
		}
	}
	// A teaser cut off with an ellipsis that another line continues is the
	// same text twice; so is any ellipsis-ended line in a list of links.
	// The lines are sorted once and the lines that start with a teaser's
	// stem found by binary search: a page of many teasers would otherwise
	// compare every pair of lines.
	var sorted []int // non-blank lines, by text
	for i := range lines {
		l := &lines[i]
		if l.kind != lineBody {
			continue
		}
		stem, ok := ellipsisStem(l.text)
		if !ok {
			continue
		}
		if sorted == nil {
			sorted = make([]int, 0, len(lines))
			for j := range lines {
				if lines[j].kind != lineBlank {
					sorted = append(sorted, j)
				}
			}
			slices.SortFunc(sorted, func(a, b int) int { return strings.Compare(lines[a].text, lines[b].text) })
		}
		// The lines longer than the stem that start with it follow the
		// first text greater than the stem; line i itself is one of them.
		k, _ := slices.BinarySearchFunc(sorted, stem, func(j int, stem string) int {
			if lines[j].text <= stem {
				return -1
			}
			return 1
		})
		for ; k < len(sorted) && strings.HasPrefix(lines[sorted[k]].text, stem); k++ {
			if sorted[k] != i {
				l.kind = lineDuplicate
				break
			}
		}
	}
}

// ellipsisStem is a line ending in "..." or "…" without it.
func ellipsisStem(t string) (string, bool) {
	for _, e := range []string{"...", "…"} {
		if strings.HasSuffix(t, e) {
			return strings.TrimSpace(t[:len(t)-len(e)]), true
		}
	}
	return "", false
}

func hasLetter(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'a' <= c|0x20 && c|0x20 <= 'z' {
				return true
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsLetter(r) {
			return true
		}
		i += n
	}
	return false
}

// foldSet is a set of folded lines kept as the indexes of lines that fold
// to them, under a hash of the fold: a line adds no string of its own. A
// hash is only a hint; a line is in the set when its fold equals one of
// the lines under its hash, folded again.
type foldSet struct {
	head map[uint64]int32 // hash -> 1 + the last line added with it
	next []int32          // line -> 1 + the line added before it with its hash
}

var foldSeed = maphash.MakeSeed()

func newFoldSet(lines int) foldSet {
	return foldSet{head: make(map[uint64]int32, lines), next: make([]int32, lines)}
}

func (s *foldSet) has(fold []byte, lines []line, scratch *[]byte) bool {
	for j := s.head[maphash.Bytes(foldSeed, fold)]; j != 0; j = s.next[j-1] {
		*scratch = appendFold((*scratch)[:0], lines[j-1].text)
		if bytes.Equal(*scratch, fold) {
			return true
		}
	}
	return false
}

func (s *foldSet) add(fold []byte, i int) {
	h := maphash.Bytes(foldSeed, fold)
	s.next[i] = s.head[h]
	s.head[h] = int32(i + 1)
}

const (
	foldTrimRight = " :!.*|»›>-–—"
	foldTrimLeft  = " «‹<|-–—•"
)

// appendFold appends foldLine(s) to dst.
func appendFold(dst []byte, s string) []byte {
	mark := len(dst)
	// ASCII, the common case: lower every byte through a table (the result
	// is never longer than s), noting on the way what needs more than
	// that. Most lines have single spaces only, and so nothing to collapse.
	dst = slices.Grow(dst, len(s))
	out := dst[mark : mark+len(s)]
	var flags, prev uint8
	for i := 0; i < len(s); i++ {
		c := s[i]
		out[i] = foldLower[c]
		f := foldFlags[c]
		flags |= f | (f&prev&foldSpace)<<1 // foldSpace twice running: foldDouble
		prev = f
	}
	if flags&foldNonASCII == 0 {
		n := len(out)
		if flags&(foldCtlSpace|foldDouble) != 0 || n > 0 && (out[0] == ' ' || out[n-1] == ' ') {
			n = collapseSpaces(out)
		}
		// The ASCII members of the trim sets.
		end := n
		for end > 0 && isFoldTrimRightASCII(out[end-1]) {
			end--
		}
		start := 0
		for start < end && isFoldTrimLeftASCII(out[start]) {
			start++
		}
		k := copy(out, out[start:end])
		return dst[:mark+k]
	}
	dst = dst[:mark]
	// strings.Fields splits at unicode.IsSpace, strings.ToLower maps each
	// rune (an invalid byte becoming U+FFFD): the same, rune by rune.
	space := false
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if unicode.IsSpace(r) {
			space = len(dst) > mark
			continue
		}
		if space {
			dst = append(dst, ' ')
			space = false
		}
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
	}
	t := bytes.TrimLeft(bytes.TrimRight(dst[mark:], foldTrimRight), foldTrimLeft)
	k := copy(dst[mark:], t)
	return dst[:mark+k]
}

// collapseSpaces joins the ASCII fields of b by single spaces in place and
// returns the new length.
func collapseSpaces(b []byte) int {
	n := 0
	space := false
	for _, c := range b {
		if isASCIISpace(c) {
			space = n > 0
			continue
		}
		if space {
			b[n] = ' '
			n++
			space = false
		}
		b[n] = c
		n++
	}
	return n
}

// foldLower lowers A-Z; foldFlags marks the bytes appendFold's ASCII pass
// must look at again.
var foldLower, foldFlags = func() (low, flags [256]uint8) {
	for c := range low {
		low[c] = uint8(c)
		switch {
		case 'A' <= c && c <= 'Z':
			low[c] = uint8(c + 'a' - 'A')
		case c >= utf8.RuneSelf:
			flags[c] = foldNonASCII
		case c == ' ':
			flags[c] = foldSpace
		case isASCIISpace(uint8(c)):
			flags[c] = foldSpace | foldCtlSpace
		}
	}
	return low, flags
}()

const (
	foldNonASCII = 1 << iota
	foldCtlSpace // whitespace other than ' '
	foldSpace    // any ASCII whitespace
	foldDouble   // two whitespace bytes running (= foldSpace<<1)
)

// isASCIISpace is unicode.IsSpace below 0x80.
func isASCIISpace(c byte) bool { return c == ' ' || c >= '\t' && c <= '\r' }

func isFoldTrimRightASCII(c byte) bool {
	switch c {
	case ' ', ':', '!', '.', '*', '|', '>', '-':
		return true
	}
	return false
}

func isFoldTrimLeftASCII(c byte) bool {
	switch c {
	case ' ', '<', '|', '-':
		return true
	}
	return false
}

// hasPrefix is whether strings.ToLower(s) starts with one of f.prefix. A
// line that opens in ASCII is compared byte by byte with the prefixes of
// its lowered first byte, until a non-ASCII byte of s sends it to
// hasPrefixLowered.
func (f *furniture) hasPrefix(s string, scratch *[]byte) bool {
	if s == "" || s[0] >= utf8.RuneSelf {
		return f.hasPrefixLowered(s, scratch)
	}
	for _, p := range f.prefixByFirst[toLowerASCII(s[0])] {
		switch asciiPrefixFold(s, p) {
		case 1:
			return true
		case -1:
			return f.hasPrefixLowered(s, scratch)
		}
	}
	return false
}

// asciiPrefixFold is 1 if the lowered s starts with p, 0 if not, -1 if a
// non-ASCII byte of s comes before that is known.
func asciiPrefixFold(s, p string) int {
	for k := 0; k < len(p); k++ {
		if k >= len(s) {
			return 0
		}
		c := s[k]
		if c >= utf8.RuneSelf {
			return -1
		}
		if toLowerASCII(c) != p[k] {
			return 0
		}
	}
	return 1
}

// hasPrefixLowered lowers only as many runes of s as the longest prefix
// has bytes: a lowered rune has at least one byte, so no later rune can
// reach a prefix. scratch is reused.
func (f *furniture) hasPrefixLowered(s string, scratch *[]byte) bool {
	b := (*scratch)[:0]
	runes := 0
	for i := 0; i < len(s) && runes < f.prefixLen; runes++ {
		r, n := utf8.DecodeRuneInString(s[i:])
		b = utf8.AppendRune(b, unicode.ToLower(r))
		i += n
	}
	*scratch = b
	for _, p := range f.prefix {
		if len(b) >= len(p) && string(b[:len(p)]) == p {
			return true
		}
	}
	return false
}

// Cheap first-byte tests in front of the line regexps: each regexp is
// anchored at the start and cannot match a line that fails its test, and
// most lines fail it. Under (?i) an "s" also matches "ſ" (U+017F), so a
// line opening with any non-ASCII byte goes to the regexp.

func isCommentCount(folded []byte) bool {
	return len(folded) > 0 && '0' <= folded[0] && folded[0] <= '9' && reCommentCount.Match(folded)
}

func isCiteMarkers(folded []byte) bool {
	return len(folded) > 0 && folded[0] == '[' && reCiteMarkers.Match(folded)
}

func isCitedLine(s string) bool {
	if s == "" {
		return false
	}
	c := s[0]
	return (c == '[' || c|0x20 == 's' || c >= utf8.RuneSelf) && reCitedLine.MatchString(s)
}
