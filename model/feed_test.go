package model

import (
	"strings"
	"testing"
	"time"
)

func TestFeedRSS(t *testing.T) {
	doc := readFixture(t, "feed.rss")
	exs, err := extract(doc)
	if err != nil {
		t.Fatal(err)
	}
	// Item 3 has no text and is skipped; the others keep their number.
	if len(exs) != 3 {
		t.Fatalf("%d items, want 3", len(exs))
	}
	type want struct {
		item, title, byline string
		date                time.Time
		body                []string
	}
	wants := []want{
		{"item 1", "Flood barrier approved by council", "Tom Becker", time.Date(2024, 3, 4, 8, 0, 0, 0, time.UTC),
			[]string{"The council approved a new flood barrier on Monday.", "Work will start in May and take two years."}},
		{"item 2", "School roof repaired", "Lena Fischer", time.Date(2024, 3, 5, 10, 15, 0, 0, time.UTC),
			[]string{"The roof of the primary school was repaired over the weekend.", "Pupils will return on Wednesday, the head teacher said."}},
		{"item 4", "Market hall to reopen", "", time.Date(2024, 3, 6, 12, 0, 0, 0, time.UTC),
			[]string{"The market hall will reopen on Saturday & traders are ready."}},
	}
	for i, w := range wants {
		ex := exs[i]
		if ex.Format != FormatFeed || ex.Item != w.item || ex.Title != w.title || ex.Byline != w.byline || ex.Outlet != "Valley Gazette" || !ex.Date.Equal(w.date) {
			t.Errorf("item %d: %+v", i, ex)
		}
		equalLines(t, ex.Body, w.body)
		checkOffsetShape(t, doc.Data, ex)
	}
	for _, c := range []struct {
		ex        int
		sub, want string
	}{
		{0, "The council", "The council approved"},
		{0, "Work will", "Work will start"},
		{1, "The roof", "The roof of the primary"},
		{1, "Pupils", "Pupils will return on &lt;b&gt;"},
		{1, "Wednesday", "Wednesday&lt;/b&gt;"},
		{2, "The market", "The market hall"},
		{2, "& traders", "&amp; traders"},
	} {
		if got := rawAt(t, doc.Data, exs[c.ex], c.sub); !strings.HasPrefix(got, c.want) {
			t.Errorf("item %d %q maps to %q, want %q", c.ex, c.sub, got, c.want)
		}
	}
}

func TestFeedAtom(t *testing.T) {
	doc := readFixture(t, "feed.atom")
	exs, err := extract(doc)
	if err != nil {
		t.Fatal(err)
	}
	if len(exs) != 2 {
		t.Fatalf("%d entries", len(exs))
	}
	a, b := exs[0], exs[1]
	if a.Title != "Rail strike called off" || a.Byline != "Sven Olsen" || a.Outlet != "Northern Wire" || a.Item != "item 1" ||
		!a.Date.Equal(time.Date(2024, 5, 2, 17, 0, 0, 0, time.UTC)) {
		t.Errorf("entry 1: %+v", a)
	}
	equalLines(t, a.Body, []string{"Rail unions called off Friday’s strike after talks.", "Trains will run to the normal timetable."})
	// Without a published date the updated one is used; the summary is the
	// text when there is no content.
	if b.Title != "Airport expansion delayed" || b.Byline != "Ida Berg" || !b.Date.Equal(time.Date(2024, 5, 1, 9, 0, 0, 0, time.UTC)) {
		t.Errorf("entry 2: %+v", b)
	}
	equalLines(t, b.Body, []string{"The airport expansion will be delayed by a year, the operator said."})
	for i, ex := range exs {
		checkOffsetShape(t, doc.Data, ex)
		first := lines(ex.Body)[0][:10]
		if got := rawAt(t, doc.Data, ex, first); !strings.HasPrefix(got, first) {
			t.Errorf("entry %d: %q maps to %q", i, first, got)
		}
	}
	if got := rawAt(t, doc.Data, a, "strike after"); !strings.HasPrefix(got, "strike after") {
		t.Errorf("after the doubly escaped apostrophe: %q", got)
	}
}

func TestFeedRDF(t *testing.T) {
	data := `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://old.example/"><title>Old Wire</title><link>https://old.example/</link><description>d</description></channel>
  <item rdf:about="https://old.example/1"><title>Dam inspected</title><link>https://old.example/1</link>
    <description>Inspectors found the dam in good order.</description><dc:creator>Ola Nordmann</dc:creator><dc:date>2024-04-01T08:00:00Z</dc:date></item>
</rdf:RDF>`
	exs, err := extract(Document{Name: "old.rdf", Data: []byte(data)})
	if err != nil {
		t.Fatal(err)
	}
	if len(exs) != 1 || exs[0].Body != "Inspectors found the dam in good order." || exs[0].Outlet != "Old Wire" || exs[0].Byline != "Ola Nordmann" {
		t.Fatalf("%+v", exs)
	}
}

func TestFeedParagraphs(t *testing.T) {
	cases := map[string][]string{
		"One line.":                               {"One line."},
		"Wrapped\nline.\n\n  Next   block.\n":     {"Wrapped line.", "Next block."},
		"<p>A</p><p>B <i>c</i></p>":               {"A", "B c"},
		"Text with a <br> break":                  {"Text with a", "break"},
		"Price 3 < 4 and 5 > 2":                   {"Price 3 < 4 and 5 > 2"},
		"<script>x()</script><p>Only this</p>":    {"Only this"},
		"   ":                                     nil,
		"<p></p>":                                 nil,
		"<div>Block</div>tail<ul><li>x</li></ul>": {"Block", "tail", "x"},
	}
	for in, want := range cases {
		got := feedParagraphs(in)
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("feedParagraphs(%q) = %q, want %q", in, got, want)
		}
	}
}
