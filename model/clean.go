package model

import (
	"bufio"
	_ "embed"
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
				f.line[foldLine(l)] = true
			case "[prefix]":
				f.prefix = append(f.prefix, strings.ToLower(l))
			case "[tail]":
				f.tail[foldLine(l)] = true
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
	var out []line
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
	pos := 0
	seen := map[string]bool{}
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
		folded := foldLine(l.text)
		lower := strings.ToLower(l.text)
		switch {
		case !hasLetter(l.text):
			l.kind = lineFurniture
		case (f.tail[folded] || reCommentCount.MatchString(folded)) && here*2 >= total:
			l.kind = lineTail
			inTail = true
		case f.line[folded] || reCommentCount.MatchString(folded) || reCiteMarkers.MatchString(folded):
			l.kind = lineFurniture
		case hasAnyPrefix(lower, f.prefix):
			l.kind = lineFurniture
		case reCitedLine.MatchString(l.text) || isBylineLine(l.text) || isReportByLine(l.text):
			l.kind = lineMeta
		case seen[folded]:
			l.kind = lineDuplicate
		}
		if l.kind == lineBody {
			seen[folded] = true
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
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}
