package model

import (
	"bytes"
	"errors"
	"mime"
	"net/url"
	"path"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"
)

// extract decides the document's format and pulls out its body and the
// metadata the format carries. A feed yields one Extracted per item. Errors
// name the problem only; the caller prefixes the document name.
func extract(doc Document) ([]Extracted, error) {
	if isBinary(doc.Data) {
		return nil, errors.New("binary content, not an article")
	}
	switch detectFormat(doc) {
	case FormatFeed:
		return extractFeed(doc)
	case FormatHTML:
		ex, err := extractHTML(doc)
		if err != nil {
			return nil, err
		}
		return []Extracted{ex}, nil
	case FormatMarkdown:
		ex, err := extractMarkdown(doc.Data)
		if err != nil {
			return nil, err
		}
		return []Extracted{ex}, nil
	}
	return extractText(doc.Data)
}

// extractText keeps the document as it is: the common pipeline repairs
// encodings and line ends. Only a UTF-8 byte order mark is dropped, which
// needs an offset map.
func extractText(data []byte) ([]Extracted, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, errors.New("empty document")
	}
	ex := Extracted{Format: FormatText}
	if bytes.HasPrefix(data, utf8BOM) {
		ex.Body = string(data[len(utf8BOM):])
		ex.BodyOffsets = make([]int32, len(ex.Body)+1)
		for i := range ex.BodyOffsets {
			ex.BodyOffsets[i] = int32(i + len(utf8BOM))
		}
	} else {
		ex.Body = string(data)
	}
	return []Extracted{ex}, nil
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// detectFormat looks at the content first: the root element of an XML or
// HTML document, Markdown front matter, a density of HTML tags. Only when the
// content says nothing decisive do the file extension, the HTTP Content-Type
// and finally a leading "# " heading decide; anything else is plain text.
func detectFormat(doc Document) Format {
	data := bytes.TrimPrefix(doc.Data, utf8BOM)
	head := data
	if len(head) > 8192 {
		head = head[:8192]
	}
	if f := markupRoot(head); f != "" {
		return f
	}
	if _, _, ok := splitFrontMatter(data); ok {
		return FormatMarkdown
	}
	if countHTMLTags(head) >= 4 {
		return FormatHTML
	}
	switch ext := strings.ToLower(docExt(doc)); ext {
	case ".html", ".htm", ".xhtml", ".shtml":
		return FormatHTML
	case ".rss", ".atom", ".xml":
		return FormatFeed
	case ".md", ".markdown", ".mdown", ".mkd":
		return FormatMarkdown
	}
	if mt, _, err := mime.ParseMediaType(doc.ContentType); err == nil {
		switch mt {
		case "text/html", "application/xhtml+xml":
			return FormatHTML
		case "application/rss+xml", "application/atom+xml", "application/rdf+xml":
			return FormatFeed
		case "text/markdown", "text/x-markdown":
			return FormatMarkdown
		}
	}
	if bytes.HasPrefix(bytes.TrimLeft(head, " \t\r\n"), []byte("# ")) {
		return FormatMarkdown
	}
	return FormatText
}

// docExt is the extension of the document's name, or of a URL's path.
func docExt(doc Document) string {
	name := doc.Name
	if isURL(name) {
		if u, err := url.Parse(name); err == nil {
			return path.Ext(u.Path)
		}
	}
	return filepath.Ext(name)
}

// markupRoot skips an XML declaration, processing instructions, comments and
// a doctype and names the format of the first element: a feed for rss,
// rdf:RDF and an Atom feed, HTML for html, head and body (or an HTML
// doctype). It returns "" when the data does not start with markup.
func markupRoot(head []byte) Format {
	// Most documents are plain text: no copy for them.
	if t := bytes.TrimLeft(head, " \t\r\n"); len(t) == 0 || t[0] != '<' {
		return ""
	}
	s := strings.ToLower(string(head))
	for {
		s = strings.TrimLeft(s, " \t\r\n")
		switch {
		case strings.HasPrefix(s, "<?"):
			i := strings.Index(s, "?>")
			if i < 0 {
				return ""
			}
			s = s[i+2:]
		case strings.HasPrefix(s, "<!--"):
			i := strings.Index(s, "-->")
			if i < 0 {
				return ""
			}
			s = s[i+3:]
		case strings.HasPrefix(s, "<!doctype"):
			i := strings.IndexByte(s, '>')
			if i < 0 {
				return ""
			}
			if strings.HasPrefix(strings.TrimSpace(s[len("<!doctype"):i]), "html") {
				return FormatHTML
			}
			s = s[i+1:]
		case strings.HasPrefix(s, "<"):
			name := s[1:]
			end := strings.IndexAny(name, " \t\r\n/>")
			if end < 0 {
				return ""
			}
			tag := name[:end]
			switch tag {
			case "rss", "rdf:rdf":
				return FormatFeed
			case "feed":
				gt := strings.IndexByte(name, '>')
				if gt < 0 {
					gt = len(name)
				}
				if strings.Contains(name[:gt], "http://www.w3.org/2005/atom") {
					return FormatFeed
				}
				return ""
			case "html", "head", "body":
				return FormatHTML
			}
			return ""
		default:
			return ""
		}
	}
}

// countHTMLTags counts opening and closing tags of common HTML elements, to
// recognise a saved fragment without <html> or <body>.
func countHTMLTags(head []byte) int {
	if bytes.IndexByte(head, '<') < 0 {
		return 0
	}
	s := strings.ToLower(string(head))
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] != '<' {
			continue
		}
		j := i + 1
		if j < len(s) && s[j] == '/' {
			j++
		}
		k := j
		for k < len(s) && (s[k] >= 'a' && s[k] <= 'z' || s[k] >= '0' && s[k] <= '9') {
			k++
		}
		if k == j || k >= len(s) || !strings.ContainsRune("> \t\r\n/", rune(s[k])) {
			continue
		}
		switch s[j:k] {
		case "p", "div", "span", "a", "br", "h1", "h2", "h3", "h4", "h5", "h6",
			"li", "ul", "ol", "em", "strong", "b", "i", "article", "section",
			"blockquote", "figure", "img", "table", "tr", "td", "meta", "link",
			"script", "style", "nav", "header", "footer", "main", "title":
			n++
		}
	}
	return n
}

// isBinary tells data that is no text at all from text in any encoding: a
// NUL byte, or, in bytes that are not UTF-8, control bytes that no text
// holds. Invalid UTF-8 alone is no sign: a page in Windows-1251 or
// ISO 8859-7 is invalid UTF-8 in almost every letter.
func isBinary(data []byte) bool {
	head := data
	if len(head) > 8192 {
		head = head[:8192]
	}
	// Both tests run many bytes at a time.
	if bytes.IndexByte(head, 0) >= 0 {
		return true
	}
	if utf8.Valid(head) {
		return false
	}
	controls := 0
	for _, c := range head {
		if c < 0x20 && !isTextControl(c) || c == 0x7f {
			controls++
		}
	}
	return controls*50 > len(head)
}

// isTextControl reports the control bytes text does hold: white space,
// and ESC, which starts the terminal sequences Sanitize strips.
func isTextControl(c byte) bool {
	return c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r' || c == 0x1b
}

// dateLayouts are the date forms met in front matter and HTML meta tags.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
	"2006/01/02",
	"January 2, 2006",
	"January 2 2006",
	"Jan 2, 2006",
	"Jan. 2, 2006",
	"2 January 2006",
	"2 Jan 2006",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	time.RFC822Z,
	time.RFC822,
}

// parseDate reads a date in any of dateLayouts; the zero time when none fits.
func parseDate(s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t
		}
	}
	return time.Time{}
}

// isURL reports an http or https URL.
func isURL(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}
