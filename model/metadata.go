package model

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

var (
	// "By Jane Doe", "By Jane Doe, Outlet", "By Jane Doe | Outlet"
	reByline = regexp.MustCompile(`^(?i:by|written by|author:|words by)\s+([\p{Lu}][\p{L}.'’-]*(?:\s+[\p{Lu}][\p{L}.'’-]*){0,4})\s*(?:(?:,|\||-|–|—|for)\s*(.{2,60}))?$`)
	// `Report by “Outlet” International News Desk`
	reReportBy = regexp.MustCompile(`^(?i:report(?:ed)? by|reporting by|from)\s*[“"']([^”"']{2,60})[”"']`)
	// "visit Outlet.com", "at www.outlet.com"
	reVisitSite = regexp.MustCompile(`(?i)\bvisit\s+(?:www\.)?([A-Za-z0-9][A-Za-z0-9-]{1,40})\.(?:com|org|net|news|co|info|tv|pk|in|uk)\b`)
	// "WASHINGTON —", "ANCHORAGE, Alaska —", "LONDON (Reuters) -"
	reDateline  = regexp.MustCompile(`^(\p{Lu}[\p{Lu}.'’ -]{2,30}(?:,\s*\p{Lu}[\p{L}.]+(?:\s+\p{Lu}[\p{L}.]+)?)?)\s*(?:\([^)]{1,40}\)\s*)?(?:—|–|--| - )\s*`)
	reCitedList = regexp.MustCompile(`(?i)sources?\s*:\s*(.+)$`)
	reAndSplit  = regexp.MustCompile(`\s*(?:,\s*and\s+|,\s*|\s+and\s+|;\s*)\s*`)
)

// The tests of the first two bytes skip the regexps for lines they cannot
// match: the alternatives open with by, wr, au, wo (bylines) and re, fr
// (report lines), in either case, and none of these letters has a
// non-ASCII case fold, so a line with other ASCII bytes there cannot match
// and one with a non-ASCII byte goes to the regexp.
func isBylineLine(s string) bool {
	return len(s) < 120 && mayBeByline(s) && reByline.MatchString(s)
}

func mayBeByline(s string) bool { return startsWithPairFold(s, "by", "wr", "wo", "au") }

func isReportByLine(s string) bool {
	return len(s) < 160 && mayBeReportBy(s) && reReportBy.MatchString(s)
}

func mayBeReportBy(s string) bool { return startsWithPairFold(s, "re", "fr") }

// startsWithPairFold reports whether s starts with one of the two-letter
// lower-case pairs, in any case, or with a non-ASCII byte.
func startsWithPairFold(s string, pairs ...string) bool {
	if len(s) < 2 {
		return false
	}
	c0, c1 := s[0], s[1]
	if c0 >= utf8.RuneSelf || c1 >= utf8.RuneSelf {
		return true
	}
	for _, p := range pairs {
		if c0|0x20 == p[0] && c1|0x20 == p[1] {
			return true
		}
	}
	return false
}

// articleMeta is what the lines of one article say about it.
type articleMeta struct {
	byline, outlet, dateline string
	cited                    []string
}

// readMetadata looks at every line, furniture included: an author box at the
// foot of a page is furniture for the text but names the byline.
func readMetadata(lines []line) articleMeta {
	return readMetadataIn(lines, "")
}

// readMetadataIn is readMetadata of the lines of body; with the body at hand
// a body with no "visit" in it skips the line-by-line search for one. An
// empty body means unknown.
func readMetadataIn(lines []line, body string) articleMeta {
	var m articleMeta
	for i, l := range lines {
		if l.kind == lineBlank {
			continue
		}
		t := l.text
		if m.byline == "" && isBylineLine(t) {
			sm := reByline.FindStringSubmatch(t)
			m.byline = strings.TrimSpace(sm[1])
			if m.outlet == "" && sm[2] != "" {
				m.outlet = cleanOutlet(sm[2])
			}
			continue
		}
		if m.outlet == "" {
			if sm := findReportBy(t); sm != nil {
				m.outlet = cleanOutlet(sm[1])
				continue
			}
		}
		if m.byline == "" && isAuthorBoxHeading(t) {
			if name := nextNameLine(lines, i); name != "" {
				m.byline = name
			}
		}
		if m.cited == nil && isCitedLine(t) {
			if sm := reCitedList.FindStringSubmatch(t); sm != nil {
				m.cited = splitList(sm[1])
			}
		}
	}
	// "isit" has no space, so it is in a line exactly when it is in the body
	// the lines were cut from.
	if m.outlet == "" && (body == "" || strings.Contains(body, "isit") || strings.Contains(body, "ISIT")) {
		for _, l := range lines {
			// The regexp is slow on long lines; most lines have no "visit".
			if !strings.Contains(l.text, "isit") && !strings.Contains(l.text, "ISIT") {
				continue
			}
			if sm := reVisitSite.FindStringSubmatch(l.text); sm != nil {
				m.outlet = splitCamel(sm[1])
				break
			}
		}
	}
	return m
}

func findReportBy(t string) []string {
	if !mayBeReportBy(t) {
		return nil
	}
	return reReportBy.FindStringSubmatch(t)
}

func isAuthorBoxHeading(t string) bool {
	if len(t) > 40 { // longer than any heading below with its trimmings
		return false
	}
	var buf [64]byte
	switch string(appendFold(buf[:0], t)) {
	case "about author", "about the author", "author", "written by", "posted by":
		return true
	}
	return false
}

// nextNameLine returns the first line after i that looks like a person's
// name (two to five capitalised words, nothing else).
func nextNameLine(lines []line, i int) string {
	for j := i + 1; j < len(lines) && j < i+6; j++ {
		t := lines[j].text
		if t == "" || isAuthorBoxHeading(t) {
			continue
		}
		if looksLikeName(t) {
			return t
		}
		return ""
	}
	return ""
}

func looksLikeName(t string) bool {
	words := strings.Fields(t)
	if len(words) < 2 || len(words) > 5 {
		return false
	}
	for _, w := range words {
		r := []rune(w)
		if !unicode.IsUpper(r[0]) {
			return false
		}
		for _, c := range r {
			if !unicode.IsLetter(c) && c != '.' && c != '-' && c != '\'' && c != '’' {
				return false
			}
		}
	}
	return true
}

func cleanOutlet(s string) string {
	s = strings.TrimSpace(s)
	s = strings.Trim(s, "“”\"'.,|-–— ")
	return s
}

// splitCamel turns a site name like "SomeOutletName" into "Some Outlet Name".
func splitCamel(s string) string {
	var b strings.Builder
	rs := []rune(s)
	for i, r := range rs {
		if i > 0 && unicode.IsUpper(r) && unicode.IsLower(rs[i-1]) {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}

func splitList(s string) []string {
	s = strings.TrimRight(strings.TrimSpace(s), ".")
	var out []string
	for _, p := range reAndSplit.Split(s, -1) {
		p = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(p), "and "))
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

// findDateline returns the dateline opening a paragraph ("ANCHORAGE, Alaska")
// or "". At least the first word must be all capitals.
func findDateline(para string) string {
	if !mayBeDateline(para) {
		return ""
	}
	sm := reDateline.FindStringSubmatch(para)
	if sm == nil {
		return ""
	}
	d := strings.TrimSpace(sm[1])
	first := strings.FieldsFunc(d, func(r rune) bool { return r == ',' || r == ' ' })[0]
	if len([]rune(first)) < 3 || strings.ToUpper(first) != first {
		return ""
	}
	return d
}

// mayBeDateline tests the first two runes as reDateline does: a capital
// letter, then a capital or one of . ' ’ space -.
func mayBeDateline(para string) bool {
	r, n := utf8.DecodeRuneInString(para)
	if !unicode.Is(unicode.Lu, r) {
		return false
	}
	r, _ = utf8.DecodeRuneInString(para[n:])
	switch r {
	case '.', '\'', '’', ' ', '-':
		return true
	}
	return unicode.Is(unicode.Lu, r)
}
