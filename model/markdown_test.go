package model

import (
	"strings"
	"testing"
	"time"
)

// checkMarkdownOffsets asserts the exact map of a Markdown body: a kept byte
// maps to itself, a joining space to the newline it replaces, a decoded
// entity to its '&'; a paragraph break maps between the paragraphs.
func checkMarkdownOffsets(t *testing.T, data []byte, ex Extracted) {
	t.Helper()
	checkOffsetShape(t, data, ex)
	for i := 0; i < len(ex.Body); i++ {
		o := ex.BodyOffsets[i]
		c := ex.Body[i]
		switch {
		case data[o] == c:
		case c == ' ' && data[o] == '\n':
		case c == '\n' && i > 0 && o == ex.BodyOffsets[i-1]+1 && o < ex.BodyOffsets[i+1]:
		case data[o] == '&':
		default:
			t.Fatalf("body byte %d %q maps to %d %q", i, c, o, data[o])
		}
	}
}

func TestMarkdownFrontMatter(t *testing.T) {
	doc := readFixture(t, "front.md")
	exs, err := extract(doc)
	if err != nil {
		t.Fatal(err)
	}
	ex := exs[0]
	if ex.Format != FormatMarkdown || ex.Title != "Wind farm gets green light" || ex.Byline != "Kate O'Neill" ||
		ex.Outlet != "Island Times" || !ex.Date.Equal(time.Date(2024, 2, 20, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("metadata: %+v", ex)
	}
	equalLines(t, ex.Body, []string{
		"Wind farm gets green light",
		"The regional government approved the offshore wind farm on Tuesday, ending a two-year review.",
		"The project will supply power to about 300,000 homes, officials said. See the summary for details.",
		"Construction starts in 2025",
		"Operation from 2028 & beyond",
		`"This is a turning point," said the energy minister.`,
		"Snake_case_words stay, and 5 * 3 stays too.",
	})
	checkMarkdownOffsets(t, doc.Data, ex)
	if strings.Contains(ex.Body, "title:") || strings.Contains(ex.Body, "Turbines") {
		t.Error("front matter or image alt text in the body")
	}
	if got := rawAt(t, doc.Data, ex, "& beyond"); !strings.HasPrefix(got, "&amp; beyond") {
		t.Errorf("entity maps to %q", got)
	}
}

func TestMarkdownNoFrontMatter(t *testing.T) {
	doc := readFixture(t, "plain.md")
	exs, err := extract(doc)
	if err != nil {
		t.Fatal(err)
	}
	ex := exs[0]
	if ex.Title != "Library opens new reading room" || ex.Byline != "" || !ex.Date.IsZero() {
		t.Errorf("metadata: %+v", ex)
	}
	equalLines(t, ex.Body, []string{
		"Library opens new reading room",
		"A quiet space downtown",
		"The city library opened a new reading room on Friday, with 120 seats and late opening hours.",
		"Visitors can book a desk online.",
	})
	checkMarkdownOffsets(t, doc.Data, ex)

	// Without a "# " heading the title stays empty.
	exs, err = extract(Document{Name: "n.md", Data: []byte("## Only a subheading\n\nText.")})
	if err != nil || exs[0].Title != "" || exs[0].Body != "Only a subheading\nText." {
		t.Errorf("%v %+v", err, exs)
	}
}

func TestMarkdownSyntax(t *testing.T) {
	cases := []struct{ in, body, title string }{
		{"A [link](http://x.org/a_(b)) and [ref][r] here.\n\n[r]: http://x.org/r", "A link and ref here.", ""},
		{"Nested [a [b] c](u) link", "Nested a [b] c link", ""},
		{"Keep [sic] brackets and a footnote[^1].\n\n[^1]: The note.", "Keep [sic] brackets and a footnote[^1].\n[^1]: The note.", ""},
		{"![alt](i.png)\nText", "Text", ""},
		{"*em* **strong** ***both*** _u_ __uu__ ~~gone~~ ~tilde~", "em strong both u uu gone ~tilde~", ""},
		{"snake_case and 2 * 3 and a*b*c", "snake_case and 2 * 3 and abc", ""},
		{"Escaped \\*stars\\* and \\_under\\_ and C:\\path", "Escaped *stars* and _under_ and C:\\path", ""},
		{"Code `a * b` span and ``x ` y``", "Code a * b span and x ` y", ""},
		{"Auto <https://x.org/p> and <a@b.org> and <b>bold</b> <br/>", "Auto https://x.org/p and a@b.org and bold", ""},
		{"3 < 4 > 2", "3 < 4 > 2", ""},
		{"Title line\n=====\n\nBody text", "Title line\nBody text", "Title line"},
		{"Sub line\n--------\nBody", "Sub line\nBody", ""},
		{"# Closed heading ##\nText", "Closed heading\nText", "Closed heading"},
		{"#NoSpace is text", "#NoSpace is text", ""},
		{"Para one\n***\nPara two", "Para one\nPara two", ""},
		{"1. First\n2) Second\n   continued\n- [x] Done task", "First\nSecond continued\nDone task", ""},
		{"> Quote line one\n> line two\n>\n> > Nested", "Quote line one line two\nNested", ""},
		{"Hard break  \nnext line\\\nthird", "Hard break\nnext line\nthird", ""},
		{"```go\nx := 1\n\ny := 2\n```\nAfter", "x := 1\ny := 2\nAfter", ""},
		{"<!--\nhidden\n-->\nShown <!-- inline --> text", "Shown  text", ""},
		{"| a | b |\n|---|:-:|\n| 1 | 2 |", "| a | b |\n| 1 | 2 |", ""},
		{"Tom &amp; Jerry &mdash; &#8217;", "Tom & Jerry — ’", ""},
		{"Trailing spaces   \r\nCRLF line\r\n", "Trailing spaces\nCRLF line", ""},
	}
	for _, c := range cases {
		ex, err := extractMarkdown([]byte(c.in))
		if err != nil {
			t.Errorf("%q: %v", c.in, err)
			continue
		}
		if ex.Body != c.body || ex.Title != c.title {
			t.Errorf("%q:\n got %q title %q\nwant %q title %q", c.in, ex.Body, ex.Title, c.body, c.title)
			continue
		}
		checkMarkdownOffsets(t, []byte(c.in), ex)
	}
}

func TestMarkdownFrontMatterForms(t *testing.T) {
	in := "---\r\n" +
		"title: \"Quoted \\\"title\\\"\"\r\n" +
		"date: \"January 2, 2006\"\r\n" +
		"# a comment\r\n" +
		"outlet: Daily Example\r\n" +
		"authors:\r\n" +
		"  - Ann One\r\n" +
		"  - 'Bob Two'\r\n" +
		"extra:\r\n" +
		"  nested: ignored\r\n" +
		"...\r\n" +
		"Body here."
	ex, err := extractMarkdown([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if ex.Title != `Quoted "title"` || ex.Outlet != "Daily Example" || ex.Byline != "Ann One, Bob Two" ||
		!ex.Date.Equal(time.Date(2006, 1, 2, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("%+v", ex)
	}
	if ex.Body != "Body here." || int(ex.BodyOffsets[0]) != strings.Index(in, "Body") {
		t.Errorf("body %q at %d", ex.Body, ex.BodyOffsets[0])
	}

	// RFC 3339 date, byline key, site key, and a BOM before the front matter.
	in = "\xef\xbb\xbf---\nbyline: By Cy Three\nsite: Example Post\ndate: 2024-06-01T12:00:00+02:00\n---\n# H\nText"
	ex, err = extractMarkdown([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if ex.Byline != "Cy Three" || ex.Outlet != "Example Post" || ex.Title != "H" ||
		!ex.Date.Equal(time.Date(2024, 6, 1, 10, 0, 0, 0, time.UTC)) {
		t.Errorf("%+v", ex)
	}
	checkMarkdownOffsets(t, []byte(in), ex)
}
