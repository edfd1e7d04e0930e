package model

import (
	"fmt"
	"strings"
	"unicode"
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
	text, offs := Sanitize(ex.Body, base)
	lines := splitLines(text)
	classifyLines(lines)
	meta := readMetadata(lines)

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
	var b strings.Builder
	for _, l := range lines {
		if l.kind != lineBody {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
			a.Offsets.Append(offs[l.start-1])
		}
		st := b.Len()
		b.WriteString(l.text)
		for _, o := range offs[l.start : l.start+len(l.text)] {
			a.Offsets.Append(o)
		}
		a.Paragraphs = append(a.Paragraphs, Span{st, b.Len()})
	}
	a.Text = b.String()
	if len(a.Paragraphs) > 0 {
		last := lines[0]
		for _, l := range lines {
			if l.kind == lineBody {
				last = l
			}
		}
		a.Offsets.Append(offs[last.start+len(last.text)])
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
	n, in := 0, false
	for _, r := range s {
		w := unicode.IsLetter(r) || unicode.IsDigit(r)
		if w && !in {
			n++
		}
		in = w
	}
	return n
}
