package model

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestHTMLNewsPage(t *testing.T) {
	doc := readFixture(t, "news.html")
	exs, err := extract(doc)
	if err != nil || len(exs) != 1 {
		t.Fatalf("extract: %v, %d", err, len(exs))
	}
	ex := exs[0]
	if ex.Format != FormatHTML {
		t.Errorf("format %s", ex.Format)
	}
	if ex.Title != "Harbour bridge reopens after repairs" {
		t.Errorf("title %q", ex.Title)
	}
	if ex.Byline != "Maria Lopez" {
		t.Errorf("byline %q", ex.Byline)
	}
	if ex.Outlet != "The Coastal Herald" {
		t.Errorf("outlet %q", ex.Outlet)
	}
	if want := time.Date(2024, 3, 14, 9, 30, 0, 0, time.UTC); !ex.Date.Equal(want) {
		t.Errorf("date %v", ex.Date)
	}
	equalLines(t, ex.Body, []string{
		"PORT ELLEN — The harbour bridge reopened to traffic on Thursday morning after eleven months of repairs, city officials said, ending long detours for commuters on the east side.",
		"The mayor, Daniel Okafor, cut a ribbon at 7 a.m. and said the work had come in “on time and slightly under budget”. The council had approved 42 million euros for the project in 2022.",
		"Cracks found during inspection",
		"Engineers closed the bridge last April after a routine inspection found cracks in two of its steel supports. Divers later found corrosion below the waterline.",
		"We could not take any risk with a structure that carries thirty thousand vehicles a day.",
		"Local shop owners welcomed the reopening. “Our sales fell by a third,” said Aisha Rahman, who runs a bakery near the northern ramp.",
		"Speed limit on the bridge: 50 km/h",
		"Cycle lane open from Monday",
		"The transport department said a second phase of works, on the pedestrian walkways, would begin in the autumn and last about three months.",
	})
	for _, furniture := range []string{"Share on", "Copy link", "Subscribe", "Related stories", "Privacy policy", "All rights reserved", "dataLayer"} {
		if strings.Contains(ex.Body, furniture) {
			t.Errorf("body keeps page furniture %q", furniture)
		}
	}

	checkOffsetShape(t, doc.Data, ex)
	for sub, want := range map[string]string{
		"PORT ELLEN":           "PORT ELLEN &mdash;",
		"— The harbour":        "&mdash; The harbour",
		"“on time":             "&ldquo;on time",
		"42 million":           "42 million euros</strong>",
		"eleven months":        "eleven months of repairs",
		"Cracks found":         "Cracks found during inspection</h2>",
		"We could not":         "We could not take",
		"vehicles a day":       "vehicles a day.</blockquote>",
		"Cycle lane":           "Cycle lane open",
		"The transport":        "The transport department",
		"about three months.":  "about three months.</p>",
		"for commuters on the": "commuters on the east side.",
	} {
		got := rawAt(t, doc.Data, ex, sub)
		if sub == "for commuters on the" {
			// "for" ends a source line: the space before "commuters" maps
			// to the newline and indentation.
			if !strings.Contains(got, want) {
				t.Errorf("%q maps to %q", sub, got)
			}
			continue
		}
		if !strings.HasPrefix(got, want) {
			t.Errorf("%q maps to %q, want it to start with %q", sub, got, want)
		}
	}
	// The end of the body is one past its last byte in the page.
	end := int(ex.BodyOffsets[len(ex.Body)])
	if !strings.HasPrefix(string(doc.Data[end:]), "</p>\n      </div>\n    </article>") {
		t.Errorf("end offset at %q", doc.Data[end:min(end+30, len(doc.Data))])
	}
}

// When readability finds no article the whole page is walked, without its
// navigation, header, footer and scripts.
func TestHTMLFallbackWalk(t *testing.T) {
	page := `<html><head><title>Short note</title><style>p{color:red}</style></head><body>
<nav><a href="/">Home</a></nav>
<p>One short line.</p><p>Another<br>line two</p>
<table><tr><td>cell a</td><td>cell b</td></tr></table>
<pre>code  line 1
code line 2</pre>
<div hidden>secret</div><span style="display: none">hidden too</span>
<footer>Footer text</footer>
</body></html>`
	lines := tokenParagraphs([]byte(page), true)
	want := []string{"One short line.", "Another", "line two", "cell a cell b", "code line 1", "code line 2"}
	got := strings.Join(lines, "|")
	if !strings.HasPrefix(got, strings.Join(want, "|")) {
		t.Errorf("token walk: %q", got)
	}
	if strings.Contains(got, "Home") || strings.Contains(got, "Footer") || strings.Contains(got, "color") {
		t.Errorf("token walk keeps furniture: %q", got)
	}

	// The tree walk also drops hidden elements.
	ps := fragmentParagraphs(`<p>Seen</p><div hidden>secret</div><p aria-hidden="true">x</p><span style="display: none">hidden</span><ul><li>one</li><li>two</li></ul>`)
	if strings.Join(ps, "|") != "Seen|one|two" {
		t.Errorf("fragment walk: %q", ps)
	}

	// A <head> without its end tag must not swallow the page.
	lines = tokenParagraphs([]byte("<html><head><title>x</title><body><p>Body text.</p>"), true)
	if strings.Join(lines, "|") != "Body text." {
		t.Errorf("unclosed head: %q", lines)
	}
}

func TestHTMLAlignOffsets(t *testing.T) {
	raw := []byte(`<div class="x" title="Alpha beta gamma"><p>Alpha  beta<br/>
gamma &amp; <em>delta</em>&nbsp;epsilon.</p><p>Zeta&amp;amp;eta theta iota kappa.</p></div>`)
	body := "Alpha beta gamma & delta epsilon.\nZeta&eta theta iota kappa.\nNever found anywhere."
	offs, end := alignOffsets(raw, body, 0)
	ex := Extracted{Body: body, BodyOffsets: offs}
	checkOffsetShape(t, raw, ex)
	for sub, want := range map[string]string{
		"Alpha":   "Alpha  beta<br/>", // not the attribute
		"gamma":   "gamma &amp;",
		"&":       "&amp;",
		"delta":   "delta</em>",
		"epsilon": "epsilon.</p>",
		"Zeta":    "Zeta&amp;amp;",
		"theta":   "theta iota", // resynced after the doubly escaped entity
	} {
		if got := rawAt(t, raw, ex, sub); !strings.HasPrefix(got, want) {
			t.Errorf("%q maps to %q, want %q", sub, got, want)
		}
	}
	// The unfound paragraph collapses to where the previous one ended.
	i := strings.Index(body, "Never")
	prevEnd := int(offs[i-1])
	if int(offs[i]) != prevEnd || !strings.HasPrefix(string(raw[prevEnd:]), "</p></div>") || end != prevEnd {
		t.Errorf("unfound paragraph at %d, previous end %d, end %d", offs[i], prevEnd, end)
	}
}

// A page that is not UTF-8 is decoded by the charset it declares, and the
// same bytes give the same text on every run.
func TestHTMLDeclaredCharset(t *testing.T) {
	// "Les négociations ont repris à Genève jeudi." in ISO 8859-1.
	line := []byte("Les n\xe9gociations ont repris \xe0 Gen\xe8ve jeudi, selon les d\xe9l\xe9gations.")
	var page bytes.Buffer
	page.WriteString(`<html><head><meta charset="iso-8859-1"><title>Talks</title></head><body><article>`)
	for range 6 {
		page.WriteString("<p>")
		for range 4 {
			page.Write(line)
			page.WriteByte(' ')
		}
		page.WriteString("</p>")
	}
	page.WriteString(`</article></body></html>`)
	doc := Document{Name: "talks.html", File: "talks.html", Data: page.Bytes()}
	first, err := extract(doc)
	if err != nil || len(first) == 0 {
		t.Fatalf("extract: %v, %d articles", err, len(first))
	}
	if !strings.Contains(first[0].Body, "Les négociations ont repris à Genève jeudi") {
		t.Fatalf("not decoded as ISO 8859-1: %q", first[0].Body[:min(len(first[0].Body), 120)])
	}
	for range 10 {
		again, err := extract(doc)
		if err != nil || len(again) != len(first) || again[0].Body != first[0].Body {
			t.Fatalf("a second run gave another text")
		}
	}
}
