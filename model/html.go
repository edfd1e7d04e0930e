package model

import (
	"bytes"
	"errors"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// maxReadabilityElems caps the elements handed to readability, whose
// scoring passes grow faster than linearly; bigger pages (and pages the
// HTML parser refuses, such as those nested deeper than 512 elements) fall
// back to the streaming tokenizer walk, which is linear and has no depth.
const maxReadabilityElems = 30000

// extractHTML finds the main text of a web page with readability and turns
// it into one paragraph a line. Title, byline, site name and publication
// time come from readability, or else from the page's <meta> tags.
func extractHTML(doc Document) (Extracted, error) {
	ex := Extracted{Format: FormatHTML}
	var pageURL *url.URL
	if isURL(doc.Name) {
		pageURL, _ = url.Parse(doc.Name)
	}
	var lines []string
	if art, ok := runReadability(doc.Data, pageURL); ok {
		ex.Title = collapseSpace(art.Title)
		ex.Byline = cleanByline(art.Byline)
		ex.Outlet = collapseSpace(art.SiteName)
		if art.PublishedTime != nil {
			ex.Date = *art.PublishedTime
		}
		b := &paraBuilder{}
		for n := art.Node; n != nil; n = n.NextSibling {
			walkHTML(b, n, contentSkip, false)
		}
		lines = b.done()
	}
	if len(lines) == 0 {
		lines = tokenParagraphs(doc.Data, true)
		if len(lines) == 0 {
			lines = tokenParagraphs(doc.Data, false)
		}
	}
	if len(lines) == 0 {
		return ex, errors.New("no readable text in HTML page")
	}

	// The <meta> tags only fill what readability left empty: a second
	// pass over the page that most pages need not pay.
	if ex.Title == "" || ex.Byline == "" || ex.Outlet == "" || ex.Date.IsZero() {
		fillFromMeta(&ex, scanHTMLMeta(doc.Data))
	}

	ex.Body = strings.Join(lines, "\n")
	ex.BodyOffsets, _ = alignOffsets(doc.Data, ex.Body, bodyStart(doc.Data))
	return ex, nil
}

// fillFromMeta fills the fields readability left empty from the page's
// <meta> tags.
func fillFromMeta(ex *Extracted, meta htmlMeta) {
	if ex.Title == "" {
		ex.Title = firstNonEmpty(meta.get("og:title"), meta.title)
	}
	if ex.Byline == "" {
		ex.Byline = cleanByline(meta.get("author", "article:author", "dc.creator", "byl", "parsely-author", "sailthru.author"))
	}
	if ex.Outlet == "" {
		ex.Outlet = meta.get("og:site_name", "application-name")
	}
	if ex.Date.IsZero() {
		ex.Date = parseDate(meta.get("article:published_time", "datepublished", "og:published_time",
			"pubdate", "publish-date", "date", "dc.date", "dc.date.issued", "parsely-pub-date", "sailthru.date"))
	}
}

// runReadability parses the page and runs readability on it. Valid UTF-8 is
// parsed as is, so that the text keeps the bytes of the file (readability's
// own reader guesses a charset and normalises to NFC, which would defeat the
// offset alignment). Other bytes are decoded first by the charset the page
// declares (byte order mark, <meta charset>), else as Windows-1252, as text
// files are: readability's own guess ranks its detectors' answers in the
// order their goroutines finish, so the same page could come out as
// Shift_JIS on one run and GBK on the next.
// A panic inside readability on some odd page is a failed extraction, not a
// crash.
func runReadability(data []byte, pageURL *url.URL) (art readability.Article, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	p := readability.NewParser()
	p.MaxElemsToParse = maxReadabilityElems
	var err error
	if !utf8.Valid(data) {
		enc, _, _ := charset.DetermineEncoding(data, "text/html")
		if data, err = enc.NewDecoder().Bytes(data); err != nil {
			return art, false
		}
	}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return art, false
	}
	art, err = p.ParseAndMutate(doc, pageURL)
	return art, err == nil && art.Node != nil
}

// paraBuilder collects text into paragraphs: whitespace runs collapse to a
// single space and a block boundary ends the current paragraph.
type paraBuilder struct {
	lines []string
	cur   strings.Builder
	space bool
}

func (b *paraBuilder) text(s string) {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf && !isASCIISpace(c) {
			// A run of other ASCII at once; the rest rune by rune, an
			// invalid byte becoming U+FFFD.
			if b.space {
				b.cur.WriteByte(' ')
				b.space = false
			}
			j := i + 1
			for j < len(s) && s[j] < utf8.RuneSelf && !isASCIISpace(s[j]) {
				j++
			}
			b.cur.WriteString(s[i:j])
			i = j
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if unicode.IsSpace(r) {
			b.space = b.cur.Len() > 0
			continue
		}
		if b.space {
			b.cur.WriteByte(' ')
			b.space = false
		}
		b.cur.WriteRune(r)
	}
}

// pre keeps the line breaks of preformatted text.
func (b *paraBuilder) pre(s string) {
	for i, part := range strings.Split(s, "\n") {
		if i > 0 {
			b.brk()
		}
		b.text(part)
	}
}

// sep separates inline boxes that render apart, such as table cells.
func (b *paraBuilder) sep() { b.space = b.cur.Len() > 0 }

// brk ends the current paragraph.
func (b *paraBuilder) brk() {
	if b.cur.Len() > 0 {
		b.lines = append(b.lines, b.cur.String())
		b.cur.Reset()
	}
	b.space = false
}

func (b *paraBuilder) done() []string {
	b.brk()
	return b.lines
}

// blockTags end a paragraph where they open and close.
var blockTags = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Caption: true, atom.Center: true, atom.Dd: true, atom.Details: true,
	atom.Dialog: true, atom.Div: true, atom.Dl: true, atom.Dt: true,
	atom.Fieldset: true, atom.Figcaption: true, atom.Figure: true, atom.Footer: true,
	atom.Form: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Header: true, atom.Hgroup: true, atom.Li: true,
	atom.Main: true, atom.Nav: true, atom.Ol: true, atom.P: true, atom.Pre: true,
	atom.Section: true, atom.Summary: true, atom.Table: true, atom.Tbody: true,
	atom.Thead: true, atom.Tfoot: true, atom.Tr: true, atom.Ul: true, atom.Body: true,
	atom.Html: true, atom.Br: true, atom.Hr: true,
}

// contentSkip are elements whose text is never article text.
var contentSkip = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Svg: true, atom.Math: true, atom.Iframe: true, atom.Object: true,
	atom.Button: true, atom.Select: true, atom.Textarea: true, atom.Input: true,
	atom.Head: true, atom.Title: true, atom.Canvas: true, atom.Audio: true,
	atom.Video: true,
}

// pageSkip adds the page furniture a whole-page walk leaves out.
var pageSkip = func() map[atom.Atom]bool {
	m := map[atom.Atom]bool{
		atom.Nav: true, atom.Header: true, atom.Footer: true, atom.Aside: true,
		atom.Form: true, atom.Menu: true,
	}
	for a := range contentSkip {
		m[a] = true
	}
	return m
}()

// walkHTML writes the text under n as paragraphs: block elements (p, h1-h6,
// li, blockquote, pre, div, ...) and <br> end paragraphs, table cells are
// spaced apart, hidden elements and those in skip are left out. The depth is
// bounded by the HTML parser, which refuses nesting deeper than 512.
func walkHTML(b *paraBuilder, n *html.Node, skip map[atom.Atom]bool, inPre bool) {
	switch n.Type {
	case html.TextNode:
		if inPre {
			b.pre(n.Data)
		} else {
			b.text(n.Data)
		}
		return
	case html.ElementNode:
		if skip[n.DataAtom] || isHidden(n) {
			return
		}
	case html.DocumentNode:
	default:
		return
	}
	block := blockTags[n.DataAtom]
	cell := n.DataAtom == atom.Td || n.DataAtom == atom.Th
	if block {
		b.brk()
	} else if cell {
		b.sep()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walkHTML(b, c, skip, inPre || n.DataAtom == atom.Pre)
	}
	if block {
		b.brk()
	} else if cell {
		b.sep()
	}
}

func isHidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch strings.ToLower(a.Key) {
		case "hidden":
			return true
		case "aria-hidden":
			if strings.EqualFold(a.Val, "true") {
				return true
			}
		case "style":
			v := strings.ToLower(strings.ReplaceAll(a.Val, " ", ""))
			if strings.Contains(v, "display:none") || strings.Contains(v, "visibility:hidden") {
				return true
			}
		}
	}
	return false
}

// fragmentParagraphs turns an HTML fragment (a feed item's content) into
// paragraphs.
func fragmentParagraphs(s string) []string {
	ctx := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(s), ctx)
	if err != nil {
		return tokenParagraphs([]byte(s), false)
	}
	b := &paraBuilder{}
	for _, n := range nodes {
		walkHTML(b, n, contentSkip, false)
	}
	return b.done()
}

// tokenParagraphs is the fallback that needs no tree: a linear walk over the
// tokens with the same block rules. With furniture set it also leaves out
// nav, header, footer, aside and forms.
func tokenParagraphs(data []byte, furniture bool) []string {
	skip := contentSkip
	if furniture {
		skip = pageSkip
	}
	z := html.NewTokenizer(bytes.NewReader(data))
	b := &paraBuilder{}
	var skipping []atom.Atom // open skipped elements, innermost last
	pre := 0
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return b.done()
		case html.TextToken:
			if len(skipping) > 0 {
				continue
			}
			if pre > 0 {
				b.pre(string(z.Text()))
			} else {
				b.text(string(z.Text()))
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			// <head> is not skipped as a whole: its end tag may be missing,
			// and its title, scripts and styles are skipped one by one.
			if skip[a] && a != atom.Head {
				if tt == html.StartTagToken && a != atom.Input {
					skipping = append(skipping, a)
				}
				continue
			}
			if len(skipping) > 0 {
				continue
			}
			switch {
			case blockTags[a]:
				b.brk()
			case a == atom.Td || a == atom.Th:
				b.sep()
			}
			if a == atom.Pre && tt == html.StartTagToken {
				pre++
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if len(skipping) > 0 {
				if skipping[len(skipping)-1] == a {
					skipping = skipping[:len(skipping)-1]
				}
				continue
			}
			switch {
			case blockTags[a]:
				b.brk()
			case a == atom.Td || a == atom.Th:
				b.sep()
			}
			if a == atom.Pre && pre > 0 {
				pre--
			}
		}
	}
}

// htmlMeta holds the <title> and the first value of each <meta> key
// (property, name or itemprop, lower-cased).
type htmlMeta struct {
	title string
	vals  map[string]string
}

func (m htmlMeta) get(keys ...string) string {
	for _, k := range keys {
		if v := m.vals[k]; v != "" {
			return v
		}
	}
	return ""
}

// scanHTMLMeta reads <title> and <meta> tags with the tokenizer, so that it
// works on pages the tree parser refuses.
func scanHTMLMeta(data []byte) htmlMeta {
	m := htmlMeta{vals: map[string]string{}}
	z := html.NewTokenizer(bytes.NewReader(data))
	inTitle := false
	var title strings.Builder
	for {
		switch tt := z.Next(); tt {
		case html.ErrorToken:
			m.title = collapseSpace(title.String())
			return m
		case html.TextToken:
			if inTitle {
				title.Write(z.Text())
			}
		case html.EndTagToken:
			if name, _ := z.TagName(); string(name) == "title" {
				inTitle = false
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			switch string(name) {
			case "title":
				inTitle = tt == html.StartTagToken && title.Len() == 0
			case "meta":
				var key, content string
				for hasAttr {
					var k, v []byte
					k, v, hasAttr = z.TagAttr()
					switch string(k) {
					case "property", "name", "itemprop":
						if key == "" {
							key = strings.ToLower(strings.TrimSpace(string(v)))
						}
					case "content":
						content = collapseSpace(string(v))
					}
				}
				if key == "" || content == "" || m.vals[key] != "" {
					continue
				}
				// article:author is often a profile URL, not a name.
				if (key == "author" || key == "article:author") && isURL(content) {
					continue
				}
				m.vals[key] = content
			}
		}
	}
}

// bodyStart is the offset of <body>, where article text starts; 0 when the
// page has none.
func bodyStart(data []byte) int {
	best := -1
	for _, tag := range []string{"<body", "<BODY", "<Body"} {
		if i := bytes.Index(data, []byte(tag)); i >= 0 && (best < 0 || i < best) {
			best = i
		}
	}
	return max(best, 0)
}

func collapseSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

// cleanByline collapses whitespace and drops a leading "By ".
func cleanByline(s string) string {
	s = collapseSpace(s)
	if len(s) > 3 && strings.EqualFold(s[:3], "by ") {
		s = strings.TrimSpace(s[3:])
	}
	return s
}

func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

// alignOffsets maps each byte of body, whose lines are paragraphs of text
// taken out of markup (HTML, or a feed's XML), to a byte offset in raw. It
// is best effort, by design:
//
//   - Each paragraph is anchored at the first place, at or after the end of
//     the previous one, where its first word (or, failing that, its second
//     word) appears as text, not inside a tag, and from where at least its
//     first 24 bytes match. When only the second word anchors, the first
//     is looked for just before it.
//   - From the anchor the paragraph is matched byte by byte, skipping tags,
//     comments, CDATA markers and escaped tags (&lt;p&gt;), matching an
//     entity (&amp;, &#8217;) to the character it stands for and a space to
//     any whitespace run. After a mismatch (a doubly escaped entity, say)
//     it resyncs on a following word found within 512 bytes, the stretch
//     in between mapped linearly; failing that, the rest of the paragraph
//     is mapped linearly from there.
//   - A paragraph that cannot be anchored collapses to the offset where the
//     previous paragraph ended, so offsets never decrease and a range taken
//     from them is never inverted.
//
// It returns the map (len(body)+1 entries) and the offset where the last
// paragraph ended. The search has a budget proportional to the size of raw,
// so a page of unmatched paragraphs stays linear-ish.
func alignOffsets(raw []byte, body string, from int) ([]int32, int) {
	offs := make([]int32, 0, len(body)+1)
	cursor := min(max(from, 0), len(raw))
	budget := 32*len(raw) + 1<<20
	for li, line := range strings.Split(body, "\n") {
		if li > 0 {
			offs = append(offs, int32(cursor))
		}
		if line == "" {
			continue
		}
		at, skipped := findParagraph(raw, line, cursor, &budget)
		if at < 0 {
			for range len(line) {
				offs = append(offs, int32(cursor))
			}
			continue
		}
		// Anchored on the second word: the first one (with an entity the
		// text does not match, say) usually starts shortly before.
		lead := at
		if skipped > 0 {
			lead = wordBefore(raw, line[:skipped], max(cursor, at-256), at)
		}
		for k := range skipped {
			offs = append(offs, int32(min(lead+k, at)))
		}
		offs, cursor, _ = alignRun(raw, line[skipped:], at, offs, false)
	}
	// A byte of text mapped linearly past a failed match, or collapsed
	// onto a cursor at the very end, would point one past the document,
	// and a sentence's file range (last byte + 1) would run over it.
	if last := int32(max(len(raw)-1, 0)); len(offs) > 0 && offs[len(offs)-1] > last {
		for i := len(offs) - 1; i >= 0 && offs[i] > last; i-- {
			offs[i] = last
		}
	}
	offs = append(offs, int32(cursor))
	return offs, cursor
}

// findParagraph anchors line in raw at or after from, where at least the
// first 24 bytes (or all of a shorter line) match: it returns the offset
// and how many leading bytes of line were left out of the match (when only
// the second word on could be found), or -1.
func findParagraph(raw []byte, line string, from int, budget *int) (int, int) {
	starts := []int{0}
	if i := strings.IndexByte(line, ' '); i > 0 && i+1 < len(line) {
		starts = append(starts, i+1)
	}
	for _, st := range starts {
		rest := line[st:]
		word := rest
		if i := strings.IndexByte(rest, ' '); i > 0 {
			word = rest[:i]
		}
		probe := rest
		if len(probe) > 48 {
			cut := 48
			for cut > 0 && !utf8.RuneStart(probe[cut]) {
				cut--
			}
			probe = probe[:cut]
		}
		pos := from
		for pos < len(raw) && *budget > 0 {
			i := bytes.Index(raw[pos:], []byte(word))
			if i < 0 {
				*budget -= len(raw) - pos
				break
			}
			c := pos + i
			*budget -= i + len(probe)
			if !insideTag(raw, c) {
				if _, _, n := alignRun(raw, probe, c, nil, true); n >= min(len(probe), 24) {
					return c, st
				}
			}
			pos = c + 1
		}
	}
	return -1, 0
}

// wordBefore finds where the letters and digits that start first occur in
// raw[lo:at], last occurrence first; at when they do not.
func wordBefore(raw []byte, first string, lo, at int) int {
	n := 0
	for n < len(first) && (first[n] >= 'a' && first[n] <= 'z' || first[n] >= 'A' && first[n] <= 'Z' || first[n] >= '0' && first[n] <= '9') {
		n++
	}
	if n < 2 || lo >= at {
		return at
	}
	if i := bytes.LastIndex(raw[lo:at], []byte(first[:n])); i >= 0 && !insideTag(raw, lo+i) {
		return lo + i
	}
	return at
}

// insideTag reports whether offset c of raw lies inside a tag (an attribute
// value, say) rather than in text.
func insideTag(raw []byte, c int) bool {
	for i := c - 1; i >= 0 && i >= c-4096; i-- {
		switch raw[i] {
		case '>':
			return false
		case '<':
			return true
		}
	}
	return false
}

// alignRun matches s against raw from p and appends an offset for each
// byte of s. With strict it stops at the first mismatch. Otherwise it
// resyncs on one of the next few words found shortly after in raw, mapping
// the unmatched stretch linearly onto the skipped raw bytes, and maps what
// is left linearly when no word turns up. It returns the offsets, the end
// offset in raw and how many bytes of s matched before the first mismatch.
func alignRun(raw []byte, s string, p int, offs []int32, strict bool) ([]int32, int, int) {
	matched := -1
	i := 0
	for i < len(s) {
		c := s[i]
		if c == ' ' {
			q := skipMarkup(raw, p)
			offs = append(offs, int32(q))
			p = skipSpace(raw, q)
			i++
			continue
		}
		p = skipMarkup(raw, p)
		if p < len(raw) && raw[p] == '&' {
			if n, dec := entityAt(raw, p); n > 0 && strings.HasPrefix(s[i:], dec) {
				for range len(dec) {
					offs = append(offs, int32(p))
				}
				i += len(dec)
				p += n
				continue
			}
		}
		if p < len(raw) && raw[p] == c {
			offs = append(offs, int32(p))
			i++
			p++
			continue
		}
		if n := spaceAt(raw, p); n > 0 {
			// Whitespace the text dropped, such as at a tag boundary.
			p = skipSpace(raw, p)
			continue
		}
		if matched < 0 {
			matched = i
		}
		if strict {
			return offs, p, matched
		}
		j, q := resync(raw, s, i, p)
		if j < 0 {
			for k := i; k < len(s); k++ {
				offs = append(offs, int32(min(p+k-i, len(raw))))
			}
			return offs, min(p+len(s)-i, len(raw)), matched
		}
		for k := i; k < j; k++ {
			offs = append(offs, int32(min(p+k-i, q)))
		}
		i, p = j, q
	}
	if matched < 0 {
		matched = len(s)
	}
	return offs, p, matched
}

// resync looks for one of the next three words of s after i within a short
// window of raw after p, as text (not inside a tag): the word's offset in s
// and in raw, or -1.
func resync(raw []byte, s string, i, p int) (int, int) {
	window := raw[p:min(len(raw), p+512)]
	j := i
	for range 3 {
		k := strings.IndexByte(s[j:], ' ')
		if k < 0 {
			return -1, 0
		}
		j += k + 1
		word := s[j:]
		if e := strings.IndexByte(word, ' '); e >= 0 {
			word = word[:e]
		}
		if len(word) < 2 {
			continue
		}
		for from := 0; from < len(window); {
			at := bytes.Index(window[from:], []byte(word))
			if at < 0 {
				break
			}
			q := p + from + at
			if !insideTag(raw, q) {
				return j, q
			}
			from += at + 1
		}
	}
	return -1, 0
}

// skipMarkup passes tags, comments, CDATA markers and escaped tags.
func skipMarkup(raw []byte, p int) int {
	for p < len(raw) {
		// Every case below opens with one of these: most text bytes are
		// none of them.
		if c := raw[p]; c != '<' && c != ']' && c != '&' {
			return p
		}
		rest := raw[p:]
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			e := bytes.Index(rest, []byte("-->"))
			if e < 0 {
				return len(raw)
			}
			p += e + 3
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			p += len("<![CDATA[")
		case bytes.HasPrefix(rest, []byte("]]>")):
			p += 3
		case rest[0] == '<' && len(rest) > 1 && isTagStart(rest[1]):
			e := bytes.IndexByte(rest, '>')
			if e < 0 {
				return p
			}
			p += e + 1
		case bytes.HasPrefix(rest, []byte("&lt;")) && len(rest) > 4 && isTagStart(rest[4]) && rest[4] != '!' && rest[4] != '?':
			e := bytes.Index(rest, []byte("&gt;"))
			if e < 0 {
				return p
			}
			p += e + 4
		default:
			return p
		}
	}
	return p
}

func isTagStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '/' || c == '!' || c == '?'
}

// skipSpace passes whitespace (including &nbsp; and the like) and markup.
func skipSpace(raw []byte, p int) int {
	for {
		q := skipMarkup(raw, p)
		n := spaceAt(raw, q)
		if n == 0 {
			return q
		}
		p = q + n
	}
}

// spaceAt is the length of a whitespace character or entity at p, or 0.
func spaceAt(raw []byte, p int) int {
	if p >= len(raw) {
		return 0
	}
	if raw[p] == '&' {
		if n, dec := entityAt(raw, p); n > 0 {
			if r, _ := utf8.DecodeRuneInString(dec); unicode.IsSpace(r) {
				return n
			}
		}
		return 0
	}
	r, n := utf8.DecodeRune(raw[p:])
	if unicode.IsSpace(r) {
		return n
	}
	return 0
}

// entityAt decodes an HTML character reference at p: its length and text.
func entityAt(raw []byte, p int) (int, string) {
	end := min(len(raw), p+34)
	e := bytes.IndexByte(raw[p:end], ';')
	if e < 2 {
		return 0, ""
	}
	ref := raw[p : p+e+1]
	for _, c := range ref[1 : len(ref)-1] {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '#') {
			return 0, ""
		}
	}
	dec := html.UnescapeString(string(ref))
	if dec == string(ref) {
		return 0, ""
	}
	return len(ref), dec
}
