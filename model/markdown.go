package model

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// extractMarkdown reads a Markdown article: optional front matter (title,
// date, source/outlet/site, author/byline) and a body stripped of Markdown
// syntax, one paragraph a line. Soft-wrapped lines of one paragraph are
// joined with a space; every byte of the body maps exactly to the document:
// kept characters to themselves, a joining space or a paragraph break to the
// newline it replaces, a decoded entity (&amp;) to its '&'.
//
// Without a title in the front matter, the title is the first "# " heading
// (or a "===" underlined one). Headings stay in the body, as they do in a
// plain text article.
func extractMarkdown(data []byte) (Extracted, error) {
	ex := Extracted{Format: FormatMarkdown}
	base := 0
	if bytes.HasPrefix(data, utf8BOM) {
		base = len(utf8BOM)
	}
	start := base
	if fm, n, ok := splitFrontMatter(data[base:]); ok {
		start += n
		ex.Title = fm.get("title", "headline")
		ex.Byline = cleanByline(fm.get("author", "byline", "authors", "by"))
		ex.Outlet = fm.get("source", "outlet", "site", "publisher", "site_name", "publication")
		ex.Date = parseDate(fm.get("date", "published", "pubdate", "published_at", "publishdate"))
	}
	w := &mdWriter{data: data}
	title := w.render(start)
	w.trimTrail()
	if ex.Title == "" {
		ex.Title = title
	}
	ex.Body = string(w.b)
	ex.BodyOffsets = append(w.offs, int32(w.end))
	if strings.TrimSpace(ex.Body) == "" {
		return ex, errors.New("no text in Markdown document")
	}
	return ex, nil
}

// frontMatter is the flat key: value map of YAML-ish front matter, keys
// lower-cased.
type frontMatter map[string]string

func (fm frontMatter) get(keys ...string) string {
	for _, k := range keys {
		if v := fm[k]; v != "" {
			return v
		}
	}
	return ""
}

// splitFrontMatter reads front matter between a first line "---" and a
// closing "---" (or "...") line: the values and the length of the front
// matter including its closing line. Only flat "key: value" lines are read
// (values may be quoted or an inline [a, b] list; a key with an empty value
// followed by "- item" lines collects the items); nested YAML is ignored.
func splitFrontMatter(data []byte) (frontMatter, int, bool) {
	first, rest, ok := bytes.Cut(data, []byte("\n"))
	if !ok || string(bytes.TrimRight(first, " \t\r")) != "---" {
		return nil, 0, false
	}
	fm := frontMatter{}
	pos := len(first) + 1
	lastKey := ""
	for len(rest) > 0 {
		line, next, found := bytes.Cut(rest, []byte("\n"))
		lineLen := len(line)
		if found {
			lineLen++
		}
		t := strings.TrimRight(string(line), " \t\r")
		if t == "---" || t == "..." {
			return fm, pos + lineLen, true
		}
		pos += lineLen
		rest = next
		if !found {
			break
		}
		trimmed := strings.TrimSpace(t)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		if strings.HasPrefix(trimmed, "- ") && lastKey != "" {
			if v := unquoteYAML(strings.TrimSpace(trimmed[2:])); v != "" {
				if fm[lastKey] != "" {
					fm[lastKey] += ", "
				}
				fm[lastKey] += v
			}
			continue
		}
		if t[0] == ' ' || t[0] == '\t' {
			continue // nested mapping
		}
		k, v, ok := strings.Cut(t, ":")
		if !ok {
			lastKey = ""
			continue
		}
		key := strings.ToLower(strings.TrimSpace(k))
		val := strings.TrimSpace(v)
		if strings.HasPrefix(val, "[") && strings.HasSuffix(val, "]") {
			var items []string
			for _, it := range strings.Split(val[1:len(val)-1], ",") {
				if it = unquoteYAML(strings.TrimSpace(it)); it != "" {
					items = append(items, it)
				}
			}
			val = strings.Join(items, ", ")
		} else {
			val = unquoteYAML(val)
		}
		lastKey = key
		if _, seen := fm[key]; !seen || fm[key] == "" {
			fm[key] = val
		}
	}
	return nil, 0, false
}

// unquoteYAML strips YAML double or single quotes from a scalar.
func unquoteYAML(v string) string {
	if len(v) >= 2 {
		switch {
		case v[0] == '"' && v[len(v)-1] == '"':
			if u, err := strconv.Unquote(v); err == nil {
				return u
			}
			return v[1 : len(v)-1]
		case v[0] == '\'' && v[len(v)-1] == '\'':
			return strings.ReplaceAll(v[1:len(v)-1], "''", "'")
		}
	}
	return v
}

// mdWriter renders Markdown into plain text with an exact offset map.
type mdWriter struct {
	data []byte
	b    []byte
	offs []int32
	end  int // one past the last source byte used

	open      bool  // a paragraph is open and a soft-wrapped line continues it
	sep       byte  // separator owed before the next byte: '\n', ' ' or 0
	sepAt     int32 // its offset
	paraStart int   // len(b) where the open paragraph started
	paraLines int   // source lines in the open paragraph
}

// put writes s, every byte mapped to off; srcEnd is where its source ends.
func (w *mdWriter) put(s string, off, srcEnd int) {
	s = w.trimLead(s)
	if s == "" {
		return
	}
	w.flushSep()
	w.b = append(w.b, s...)
	for range len(s) {
		w.offs = append(w.offs, int32(off))
	}
	w.end = srcEnd
}

// src writes data[i:j], each byte mapped to itself.
func (w *mdWriter) src(i, j int) {
	for i < j && w.atLineStart() && (w.data[i] == ' ' || w.data[i] == '\t') {
		i++
	}
	if i >= j {
		return
	}
	w.flushSep()
	w.b = append(w.b, w.data[i:j]...)
	for k := i; k < j; k++ {
		w.offs = append(w.offs, int32(k))
	}
	w.end = j
}

// atLineStart reports whether the next byte would start an output line,
// where leading blanks (left by removed markup) are dropped.
func (w *mdWriter) atLineStart() bool {
	return w.sep == '\n' || len(w.b) == 0 || w.b[len(w.b)-1] == '\n'
}

func (w *mdWriter) trimLead(s string) string {
	if w.atLineStart() {
		return strings.TrimLeft(s, " \t")
	}
	return s
}

func (w *mdWriter) flushSep() {
	if w.sep == 0 {
		return
	}
	if w.sep == '\n' {
		w.trimTrail()
		w.sepAt = int32(w.end)
	}
	w.b = append(w.b, w.sep)
	w.offs = append(w.offs, w.sepAt)
	if w.sep == '\n' {
		w.paraStart = len(w.b)
	}
	w.sep = 0
}

// trimTrail drops blanks (left by removed markup) ending the output line.
func (w *mdWriter) trimTrail() {
	n := len(w.b)
	for n > 0 && (w.b[n-1] == ' ' || w.b[n-1] == '\t') {
		n--
	}
	if n > 0 && n < len(w.b) {
		w.end = int(w.offs[n-1]) + 1
		w.b, w.offs = w.b[:n], w.offs[:n]
	}
}

// startLine prepares for the content of the source line at ls: a joining
// space when cont and a paragraph is open, mapped to the newline it
// replaces, or else a paragraph break, mapped to the end of the text before
// (one past its last byte, as the end of a range wants).
func (w *mdWriter) startLine(ls int, cont bool) {
	if cont && w.open {
		if len(w.b) > w.paraStart {
			w.sep, w.sepAt = ' ', int32(max(ls-1, 0))
		}
		w.paraLines++
		return
	}
	w.open = true
	w.sep = 0
	if len(w.b) > 0 {
		w.sep, w.sepAt = '\n', int32(w.end)
	}
	w.paraStart = len(w.b) + 1
	if len(w.b) == 0 {
		w.paraStart = 0
	}
	w.paraLines = 1
}

// endPara closes the open paragraph; a separator owed but not used is
// dropped.
func (w *mdWriter) endPara() {
	w.open = false
	if w.sep == ' ' {
		w.sep = 0
	}
}

// paraText is the text of the open (or just closed) paragraph.
func (w *mdWriter) paraText() string {
	if w.paraStart > len(w.b) {
		return ""
	}
	return strings.TrimRight(string(w.b[w.paraStart:]), " \t")
}

// render writes the body starting at offset start and returns the title
// heading, if any.
func (w *mdWriter) render(start int) string {
	data := w.data
	title := ""
	var fence byte
	fenceLen := 0
	inComment := false
	for ls := start; ls < len(data); {
		le := bytes.IndexByte(data[ls:], '\n')
		next := len(data)
		if le < 0 {
			le = len(data)
		} else {
			le += ls
			next = le + 1
		}
		line := ls
		end := le
		for end > line && (data[end-1] == '\r' || data[end-1] == ' ' || data[end-1] == '\t') {
			end--
		}
		hardBreak := le-line >= 2 && bytes.HasSuffix(bytes.TrimRight(data[line:le], "\r"), []byte("  ")) ||
			end > line && data[end-1] == '\\'
		i := line
		for i < end && (data[i] == ' ' || data[i] == '\t') {
			i++
		}

		if fence != 0 {
			if n := runOf(data, i, end, fence); n >= fenceLen && strings.TrimSpace(string(data[i+n:end])) == "" {
				fence = 0
				w.endPara()
			} else if i < end {
				w.endPara()
				w.startLine(line, false)
				w.src(i, end)
				w.endPara()
			}
			ls = next
			continue
		}
		if inComment {
			if k := bytes.Index(data[line:end], []byte("-->")); k >= 0 {
				inComment = false
			}
			ls = next
			continue
		}

		// Block quote markers.
		for i < end && data[i] == '>' {
			i++
			for i < end && (data[i] == ' ' || data[i] == '\t') {
				i++
			}
		}
		rest := string(data[i:end])
		switch {
		case rest == "":
			w.endPara()
		case strings.HasPrefix(rest, "```") || strings.HasPrefix(rest, "~~~"):
			fence = rest[0]
			fenceLen = runOf(data, i, end, fence)
			w.endPara()
		case strings.HasPrefix(rest, "<!--"):
			if !strings.Contains(rest, "-->") {
				inComment = true
			}
			w.endPara()
		case isSetextUnderline(rest, '=') && w.open:
			if title == "" && w.paraLines == 1 {
				title = w.paraText()
			}
			w.endPara()
		case isThematicBreak(rest) || isSetextUnderline(rest, '-') && w.open:
			w.endPara()
		case isRefDefinition(rest):
			w.endPara()
		case isTableRule(rest):
			w.endPara()
		default:
			if h := atxLevel(rest); h > 0 {
				w.endPara()
				j := i + h
				for j < end && (data[j] == ' ' || data[j] == '\t') {
					j++
				}
				e := trimClosingHashes(data, j, end)
				w.startLine(line, false)
				w.inline(j, e)
				if h == 1 && title == "" {
					title = w.paraText()
				}
				w.endPara()
				break
			}
			if n := listMarker(rest); n > 0 {
				w.endPara()
				j := i + n
				for j < end && (data[j] == ' ' || data[j] == '\t') {
					j++
				}
				if t := string(data[j:min(end, j+4)]); t == "[ ] " || t == "[x] " || t == "[X] " {
					j += 4
				}
				w.startLine(line, false)
				w.inline(j, end)
				break
			}
			if rest[0] == '|' {
				w.endPara()
				w.startLine(line, false)
				w.inline(i, end)
				w.endPara()
				break
			}
			w.startLine(line, true)
			e := end
			if e > i && data[e-1] == '\\' {
				e--
			}
			w.inline(i, e)
		}
		if hardBreak {
			w.endPara()
		}
		ls = next
	}
	return title
}

// inline writes data[s:e] without Markdown inline syntax: emphasis and
// strikethrough markers, code backticks, links (their text kept), images,
// HTML tags and backslash escapes go; autolinks keep their address and
// entities are decoded.
func (w *mdWriter) inline(s, e int) {
	data := w.data
	for i := s; i < e; {
		c := data[i]
		if !mdInlineStop[c] {
			// A run of plain bytes is written as one: the same as byte by
			// byte, as long as no newline (after which blanks are dropped)
			// is inside it.
			k := i + 1
			for k < e && !mdInlineStop[data[k]] {
				k++
			}
			w.src(i, k)
			i = k
			continue
		}
		switch c {
		case '\\':
			if i+1 < e && isASCIIPunct(data[i+1]) {
				w.src(i+1, i+2)
				i += 2
				continue
			}
		case '`':
			n := runOf(data, i, e, '`')
			if k := findRun(data, i+n, e, '`', n); k >= 0 {
				w.src(i+n, k)
				i = k + n
				continue
			}
			w.src(i, i+n)
			i += n
			continue
		case '!':
			if i+1 < e && data[i+1] == '[' {
				if _, _, after := parseLink(data, i+1, e); after > 0 {
					i = after // images carry no article text
					continue
				}
			}
		case '[':
			if ts, te, after := parseLink(data, i, e); after > 0 {
				w.inline(ts, te)
				i = after
				continue
			}
		case '<':
			if n, inner := angle(data, i, e); n > 0 {
				if inner {
					w.src(i+1, i+n-1)
				}
				i += n
				continue
			}
		case '&':
			if n, dec := entityAt(data[:e], i); n > 0 {
				w.put(dec, i, i+n)
				i += n
				continue
			}
		case '*', '_', '~':
			n := runOf(data, i, e, c)
			before, _ := utf8.DecodeLastRune(data[s:i])
			if i == s {
				before = ' '
			}
			after := ' '
			if i+n < e {
				after, _ = utf8.DecodeRune(data[i+n : e])
			}
			sb, sa := unicode.IsSpace(before), unicode.IsSpace(after)
			var drop bool
			switch c {
			case '*':
				drop = !(sb && sa)
			case '_':
				drop = !(sb && sa) && !(isWordRune(before) && isWordRune(after))
			case '~':
				drop = n == 2 && !(sb && sa)
			}
			if !drop {
				w.src(i, i+n)
			}
			i += n
			continue
		}
		w.src(i, i+1)
		i++
	}
}

// mdInlineStop marks the bytes inline looks at one by one: its syntax
// characters and the newline.
var mdInlineStop = func() (t [256]bool) {
	for _, c := range []byte("\\`![<&*_~\n") {
		t[c] = true
	}
	return t
}()

// parseLink reads [text](url "title") or [text][ref] at i (data[i] == '[')
// and returns the text range and the offset after the link, or after 0.
func parseLink(data []byte, i, e int) (ts, te, after int) {
	depth := 0
	j := i
	for ; j < e; j++ {
		switch data[j] {
		case '\\':
			j++
			continue
		case '[':
			depth++
		case ']':
			depth--
		}
		if depth == 0 {
			break
		}
	}
	if j >= e || j+1 >= e {
		return 0, 0, 0
	}
	ts, te = i+1, j
	open, closeCh := data[j+1], byte(0)
	switch open {
	case '(':
		closeCh = ')'
	case '[':
		closeCh = ']'
	default:
		return 0, 0, 0
	}
	depth = 0
	for k := j + 1; k < e; k++ {
		switch data[k] {
		case '\\':
			k++
			continue
		case open:
			depth++
		case closeCh:
			depth--
			if depth == 0 {
				return ts, te, k + 1
			}
		}
	}
	return 0, 0, 0
}

// angle recognises an autolink (<https://...>, <a@b.org>; inner true) or an
// inline HTML tag or comment (inner false) at i, returning its length.
func angle(data []byte, i, e int) (int, bool) {
	k := bytes.IndexByte(data[i:e], '>')
	if k < 2 {
		return 0, false
	}
	body := string(data[i+1 : i+k])
	if strings.ContainsAny(body, "<\n") {
		return 0, false
	}
	if strings.HasPrefix(body, "!--") && strings.HasSuffix(body, "--") {
		return k + 1, false
	}
	if !strings.ContainsAny(body, " \t") {
		if c := strings.Index(body, ":"); c > 1 && isScheme(body[:c]) {
			return k + 1, true
		}
		if a := strings.Index(body, "@"); a > 0 && strings.Contains(body[a:], ".") {
			return k + 1, true
		}
	}
	name := strings.TrimPrefix(body, "/")
	n := 0
	for n < len(name) && (name[n] >= 'a' && name[n] <= 'z' || name[n] >= 'A' && name[n] <= 'Z' || n > 0 && name[n] >= '0' && name[n] <= '9') {
		n++
	}
	if n == 0 || n < len(name) && name[n] != ' ' && name[n] != '/' && name[n] != '\t' {
		return 0, false
	}
	return k + 1, false
}

func isScheme(s string) bool {
	for i, c := range []byte(s) {
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '.' || c == '-')
		if !ok {
			return false
		}
	}
	return len(s) >= 2 && len(s) <= 32
}

// runOf is the length of the run of c at data[i:e].
func runOf(data []byte, i, e int, c byte) int {
	n := 0
	for i+n < e && data[i+n] == c {
		n++
	}
	return n
}

// findRun finds a run of exactly n c's in data[i:e].
func findRun(data []byte, i, e int, c byte, n int) int {
	for i < e {
		if data[i] != c {
			i++
			continue
		}
		m := runOf(data, i, e, c)
		if m == n {
			return i
		}
		i += m
	}
	return -1
}

func isASCIIPunct(c byte) bool {
	return c > ' ' && c < 0x7f && !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// atxLevel is the level of an ATX heading ("## Text"), or 0.
func atxLevel(s string) int {
	n := 0
	for n < len(s) && s[n] == '#' {
		n++
	}
	if n == 0 || n > 6 || n < len(s) && s[n] != ' ' && s[n] != '\t' {
		return 0
	}
	return n
}

// trimClosingHashes drops an ATX heading's optional closing "###".
func trimClosingHashes(data []byte, s, e int) int {
	k := e
	for k > s && data[k-1] == '#' {
		k--
	}
	if k == e || k > s && data[k-1] != ' ' && data[k-1] != '\t' {
		return e
	}
	for k > s && (data[k-1] == ' ' || data[k-1] == '\t') {
		k--
	}
	return k
}

// listMarker is the length of a list item marker ("- ", "* ", "+ ",
// "1. ", "2) ") without the space, or 0.
func listMarker(s string) int {
	if len(s) >= 2 && (s[0] == '-' || s[0] == '*' || s[0] == '+') && (s[1] == ' ' || s[1] == '\t') {
		return 1
	}
	n := 0
	for n < len(s) && n < 9 && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	if n > 0 && n+1 < len(s) && (s[n] == '.' || s[n] == ')') && (s[n+1] == ' ' || s[n+1] == '\t') {
		return n + 1
	}
	return 0
}

// isThematicBreak: three or more of one of - * _, with optional spaces.
func isThematicBreak(s string) bool {
	s = strings.ReplaceAll(strings.ReplaceAll(s, " ", ""), "\t", "")
	if len(s) < 3 {
		return false
	}
	c := s[0]
	if c != '-' && c != '*' && c != '_' {
		return false
	}
	return strings.Count(s, string(c)) == len(s)
}

func isSetextUnderline(s string, c byte) bool {
	return len(s) >= 1 && strings.Count(s, string(c)) == len(s) && (c == '=' || len(s) >= 2)
}

// isRefDefinition: "[label]: url". Footnotes ("[^1]: text") are text.
func isRefDefinition(s string) bool {
	if !strings.HasPrefix(s, "[") || strings.HasPrefix(s, "[^") {
		return false
	}
	k := strings.Index(s, "]:")
	return k > 1 && !strings.Contains(s[:k], "](") && strings.TrimSpace(s[k+2:]) != ""
}

// isTableRule: a table's header separator, "|---|:--:|".
func isTableRule(s string) bool {
	if !strings.Contains(s, "-") || !strings.Contains(s, "|") && !strings.Contains(s, ":") {
		return false
	}
	for _, c := range s {
		if !strings.ContainsRune("|-: \t", c) {
			return false
		}
	}
	return true
}
