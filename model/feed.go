package model

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/mmcdole/gofeed"
)

// extractFeed reads an RSS, Atom or RDF feed: each item with text becomes
// one Extracted. An item without text is skipped; a feed without any item
// with text is an error.
func extractFeed(doc Document) ([]Extracted, error) {
	data := bytes.TrimPrefix(doc.Data, utf8BOM)
	feed, err := gofeed.NewParser().ParseString(string(data))
	if err != nil {
		return nil, fmt.Errorf("malformed feed: %v", err)
	}
	outlet := collapseSpace(feed.Title)
	starts := itemStarts(doc.Data, len(feed.Items))
	var out []Extracted
	cursor := 0
	for i, it := range feed.Items {
		if it == nil {
			continue
		}
		lines := feedParagraphs(it.Content)
		if len(lines) == 0 {
			lines = feedParagraphs(it.Description)
		}
		if len(lines) == 0 {
			continue
		}
		ex := Extracted{
			Format: FormatFeed,
			Title:  collapseSpace(it.Title),
			Byline: itemByline(it),
			Outlet: outlet,
			Item:   fmt.Sprintf("item %d", i+1),
			Body:   strings.Join(lines, "\n"),
		}
		if it.PublishedParsed != nil {
			ex.Date = *it.PublishedParsed
		} else if it.UpdatedParsed != nil {
			ex.Date = *it.UpdatedParsed
		}
		if starts != nil {
			cursor = max(cursor, starts[i])
		}
		ex.BodyOffsets, cursor = alignOffsets(doc.Data, ex.Body, cursor)
		out = append(out, ex)
	}
	if len(out) == 0 {
		if len(feed.Items) == 0 {
			return nil, errors.New("empty feed: no items")
		}
		return nil, fmt.Errorf("empty feed: none of its %d items has any text", len(feed.Items))
	}
	return out, nil
}

// itemByline joins the item's author names; failing those, its Dublin Core
// creator.
func itemByline(it *gofeed.Item) string {
	var names []string
	for _, p := range it.Authors {
		if p != nil && strings.TrimSpace(p.Name) != "" {
			names = append(names, collapseSpace(p.Name))
		}
	}
	if len(names) == 0 && it.Author != nil && it.Author.Name != "" {
		names = append(names, collapseSpace(it.Author.Name))
	}
	if len(names) == 0 && it.DublinCoreExt != nil {
		for _, c := range it.DublinCoreExt.Creator {
			if c = collapseSpace(c); c != "" {
				names = append(names, c)
			}
		}
	}
	return cleanByline(strings.Join(names, ", "))
}

var blankLineRe = regexp.MustCompile(`\n[ \t\r]*\n`)

var htmlTagRe = regexp.MustCompile(`</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>`)

// feedParagraphs turns an item's content into paragraphs: HTML through the
// same walker as web pages (not readability: an item is a fragment, all of
// it content), plain text by blank-line separated blocks, each block's lines
// joined.
func feedParagraphs(s string) []string {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	if htmlTagRe.MatchString(s) {
		return fragmentParagraphs(s)
	}
	var out []string
	for _, block := range blankLineRe.Split(s, -1) {
		if p := collapseSpace(block); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// itemStarts finds where each of n items (<item> or <entry>) starts in the
// raw feed, so that the alignment of an item's text starts there; nil when
// the count does not match what the parser found.
func itemStarts(raw []byte, n int) []int {
	var starts []int
	for _, tag := range []string{"<item", "<entry"} {
		starts = starts[:0]
		for p := 0; ; {
			i := bytes.Index(raw[p:], []byte(tag))
			if i < 0 {
				break
			}
			p += i + len(tag)
			if p < len(raw) && (raw[p] == '>' || raw[p] == ' ' || raw[p] == '\n' || raw[p] == '\t' || raw[p] == '\r') {
				starts = append(starts, p)
			}
		}
		if len(starts) == n && n > 0 {
			return starts
		}
	}
	return nil
}
