package model

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ParseDocument turns one document into articles: a feed gives one per item,
// anything else one. The error names what is wrong, not the file: callers
// prefix the document name.
func ParseDocument(doc Document) ([]*Article, error) {
	exs, err := extract(doc)
	if err != nil {
		return nil, err
	}
	var arts []*Article
	var lastErr error
	for _, ex := range exs {
		a, err := newArticle(doc, ex)
		if err != nil {
			lastErr = err
			continue
		}
		arts = append(arts, a)
	}
	if len(arts) == 0 {
		if lastErr == nil {
			lastErr = fmt.Errorf("no article text")
		}
		return nil, lastErr
	}
	return arts, nil
}

// newArticle runs the text pipeline on one extracted body: sanitize, split
// and classify lines, read metadata, keep the body lines with their offsets.
func newArticle(doc Document, ex Extracted) (*Article, error) {
	base := ex.BodyOffsets
	if base != nil && len(base) != len(ex.Body)+1 {
		return nil, fmt.Errorf("internal: offset map has %d entries for %d bytes", len(base), len(ex.Body))
	}
	// offs nil: text byte i is at offset i.
	text, offs := sanitizeNoCopy(ex.Body, base)
	offAt := func(i int) int32 {
		if offs == nil {
			return int32(i)
		}
		return offs[i]
	}
	lines := splitLines(text)
	classifyLines(lines)
	meta := readMetadataIn(lines, text)

	a := &Article{
		File:   visibleControls(doc.File), // a file name is the input too
		Name:   doc.Name,
		Format: ex.Format,
		Title:  StripControls(ex.Title),
		Outlet: StripControls(ex.Outlet),
		Byline: StripControls(ex.Byline),
		Date:   ex.Date,
		Cited:  meta.cited,
	}
	if ex.Item != "" {
		a.File += "#" + ex.Item
	}
	if a.Byline == "" {
		a.Byline = meta.byline
	}
	if a.Outlet == "" {
		a.Outlet = meta.outlet
	}
	size, paras := 0, 0
	first, last := -1, -1
	for i, l := range lines {
		if l.kind == lineBody {
			size += len(l.text) + 1
			paras++
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	// When the kept lines are all the lines from the first to the last, and
	// the body has nothing but one newline between them, their join is a
	// slice of the body: no copy.
	var whole string
	if first >= 0 {
		lo, hi := lines[first].start, lines[last].start+len(lines[last].text)
		if hi-lo == size-1 {
			whole = text[lo:hi]
		}
	}
	var b strings.Builder
	if whole == "" {
		b.Grow(size)
	}
	a.Paragraphs = make([]Span, 0, paras)
	n := 0 // bytes of Text so far
	for _, l := range lines {
		if l.kind != lineBody {
			continue
		}
		if n > 0 {
			if whole == "" {
				b.WriteByte('\n')
			}
			n++
			a.Offsets.Append(offAt(l.start - 1))
		}
		st := n
		if whole == "" {
			b.WriteString(l.text)
		}
		n += len(l.text)
		if offs == nil {
			a.Offsets.appendSeq(int32(l.start), len(l.text))
		} else {
			a.Offsets.appendAll(offs[l.start : l.start+len(l.text)])
		}
		a.Paragraphs = append(a.Paragraphs, Span{st, n})
	}
	a.Text = whole
	if whole == "" {
		a.Text = b.String()
	}
	if len(a.Paragraphs) > 0 {
		last := lines[0]
		for _, l := range lines {
			if l.kind == lineBody {
				last = l
			}
		}
		a.Offsets.Append(offAt(last.start + len(last.text)))
	} else {
		return nil, fmt.Errorf("only page furniture, no article text")
	}
	if a.Title == "" {
		a.Title = a.Text[a.Paragraphs[0].Start:a.Paragraphs[0].End]
	}
	for _, p := range a.Paragraphs[:min(4, len(a.Paragraphs))] {
		if d := findDateline(a.Text[p.Start:p.End]); d != "" {
			a.Dateline = d
			break
		}
	}
	a.Title = ensureTitle(a.Title)
	a.Kind = articleKind(a)
	a.Words = countWords(a.Text)
	return a, nil
}

func countWords(s string) int {
	// A word starts where a word byte follows a non-word byte; ASCII needs
	// no branch for it, a non-ASCII rune is decoded.
	n := 0
	var prev uint8
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			w := countWordByte[c]
			n += int(w &^ prev)
			prev = w
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		var w uint8
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			w = 1
		}
		n += int(w &^ prev)
		prev = w
		i += size
	}
	return n
}

// countWordByte is 1 for the ASCII letters and digits.
var countWordByte = func() (t [utf8.RuneSelf]uint8) {
	for c := range t {
		if asciiClass[c]&(clsLetter|clsDigit) != 0 {
			t[c] = 1
		}
	}
	return t
}()
