package model

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// Fuzz targets for every stage that reads untrusted bytes. Each checks the
// invariants the later stages and the screen rely on, not just "no panic":
// offsets inside the file and never decreasing, spans inside their text,
// indexes inside their slices and no control character left to drive a
// terminal. Inputs that once failed are kept under testdata/fuzz/<target>.
// Run one for a while with
//
//	go test -run='^$' -fuzz='^FuzzHTML$' -fuzztime=60s -parallel=1 ./model/

// Deadlines for one input: a sentence grammar takes microseconds, a whole
// document through Build well under a second.
const (
	grammarDeadline  = 2 * time.Second
	documentDeadline = 30 * time.Second
)

// watchdog runs fn and ends the process with a panic naming the input when
// fn is still running after d. A loop that never ends, and above all one
// that allocates as it goes, would otherwise run into the test timeout or
// take the machine's memory first; a panic also makes the fuzzer keep the
// input.
func watchdog(d time.Duration, what string, input any, fn func()) {
	done := make(chan struct{})
	timer := time.AfterFunc(d, func() {
		select {
		case <-done:
		default:
			panic(fmt.Sprintf("%s still running after %v (an endless loop?) on input %q", what, d, input))
		}
	})
	defer timer.Stop()
	fn()
	close(done)
}

// fuzzSeedFiles adds the sample corpus and the loader test files.
func fuzzSeedFiles(f *testing.F, add func(data []byte, name string)) {
	var files []string
	for _, pat := range []string{"../seeds/*", "testdata/loaders/*"} {
		m, _ := filepath.Glob(pat)
		files = append(files, m...)
	}
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		add(data, filepath.Base(p))
	}
}

// fuzzTricky are small inputs that reach odd corners of every parser.
var fuzzTricky = []string{
	"",
	"\n\n\n",
	"Headline\nBy Jane Doe, The Daily\nLONDON — The council voted on Monday.\n",
	"Sources: A, B and C.\nShare\n12 comments\n",
	"Title...\nTitle continues here and is longer\n",
	"\x1b]52;c;cm0gLXJmIH4=\x07Evil\n\x1b[2J\x9b31mred\u009d0;t\u0007\n",
	"caf\xe9 \x93quoted\x94 \xff\xfe\r\n\u202eabc\u2028def",
	"Mr. Smith met Gen. Jones at 3 p.m. on Jan. 5. They talked. “Yes.” he said.",
	"About 1,200 people, nearly three hours, $2.5 billion, 45-year-old, 12-15 percent, since 2022.",
	"On Friday, March 3, 2023, and last week, the 1990s.",
	"<html><body><p>Hello <b>world</b> &amp; more&#8217;s</p></body></html>",
	"<rss><channel><title>T</title><item><title>A</title><description>&lt;p&gt;Text here.&lt;/p&gt;</description></item></channel></rss>",
	"---\ntitle: \"Q\"\nauthor: [A, B]\n---\n# Head\n\nSome *text* with [a link](http://x) and `code`.\n",
	strings.Repeat("<div>", 600) + "deep text" + strings.Repeat("</div>", 600),
}

// controlRune is a rune that must not reach a report or the screen: C0
// controls but tab and newline, DEL, C1 controls and bidi overrides.
func controlRune(r rune, allowNewline bool) bool {
	switch {
	case r == '\t', r == '\n' && allowNewline:
		return false
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f, isBidiControl(r):
		return true
	}
	return false
}

func checkNoControls(t *testing.T, what, s string, allowNewline bool) {
	t.Helper()
	for i, r := range s {
		if controlRune(r, allowNewline) {
			t.Fatalf("%s: control %U at byte %d of %q", what, r, i, s)
		}
	}
}

// checkOffsets checks an offset map: n+1 entries, inside [0, size], never
// decreasing.
func checkOffsets(t *testing.T, what string, offs []int32, n, size int) {
	t.Helper()
	if len(offs) != n+1 {
		t.Fatalf("%s: %d offsets for %d bytes", what, len(offs), n)
	}
	for i, o := range offs {
		if o < 0 || int(o) > size {
			t.Fatalf("%s: offset %d = %d outside the %d-byte document", what, i, o, size)
		}
		if i > 0 && o < offs[i-1] {
			t.Fatalf("%s: offset %d = %d goes back from %d", what, i, o, offs[i-1])
		}
	}
}

// checkArticle checks what newArticle promises about an article of doc.
func checkArticle(t *testing.T, doc Document, a *Article) {
	t.Helper()
	if !utf8.ValidString(a.Text) {
		t.Fatalf("text is not valid UTF-8: %q", a.Text)
	}
	checkNoControls(t, "text", a.Text, true)
	for what, s := range map[string]string{"title": a.Title, "outlet": a.Outlet, "byline": a.Byline, "dateline": a.Dateline} {
		checkNoControls(t, what, s, false)
		if !utf8.ValidString(s) {
			t.Fatalf("%s is not valid UTF-8: %q", what, s)
		}
	}
	for _, c := range a.Cited {
		checkNoControls(t, "cited", c, false)
	}
	checkOffsets(t, "article", a.Offsets.Expand(), len(a.Text), len(doc.Data))
	// Text copied from a plain document maps byte for byte onto it.
	if a.Format == FormatText && utf8.Valid(doc.Data) {
		for i := 0; i < len(a.Text); i++ {
			c := a.Text[i]
			if c >= 0x21 && c < 0x7f && doc.Data[a.Offsets.At(i)] != c {
				t.Fatalf("text byte %d %q maps to document byte %d %q", i, c, a.Offsets.At(i), doc.Data[a.Offsets.At(i)])
			}
		}
	}
	if len(a.Paragraphs) == 0 {
		t.Fatalf("article without paragraphs: %q", a.Text)
	}
	prev := 0
	for i, p := range a.Paragraphs {
		if p.Start < prev || p.End <= p.Start || p.End > len(a.Text) {
			t.Fatalf("paragraph %d %v out of order or range (text %d bytes)", i, p, len(a.Text))
		}
		if strings.ContainsRune(a.Text[p.Start:p.End], '\n') {
			t.Fatalf("paragraph %d spans a line break", i)
		}
		prev = p.End
	}
	switch a.Kind {
	case KindPreview, KindReport, KindAnalysis:
	default:
		t.Fatalf("kind %q", a.Kind)
	}
}

// checkIndex checks that every reference in an index points inside what it
// refers to, and that the report built from it is clean JSON and Markdown.
func checkIndex(t *testing.T, docs []Document, ix *Index) {
	t.Helper()
	size := map[string]int{}
	for _, d := range docs {
		size[d.Name] = len(d.Data)
	}
	ns := len(ix.Sentences)
	for ai, a := range ix.Articles {
		if a.FirstSentence > a.LastSentence || a.LastSentence > ns {
			t.Fatalf("article %d: sentences [%d, %d) of %d", ai, a.FirstSentence, a.LastSentence, ns)
		}
	}
	for si, s := range ix.Sentences {
		if s.Article < 0 || s.Article >= len(ix.Articles) {
			t.Fatalf("sentence %d: article %d", si, s.Article)
		}
		a := ix.Articles[s.Article]
		if si < a.FirstSentence || si >= a.LastSentence {
			t.Fatalf("sentence %d outside its article's range [%d, %d)", si, a.FirstSentence, a.LastSentence)
		}
		if s.Para < 0 || s.Para >= len(a.Paragraphs) {
			t.Fatalf("sentence %d: paragraph %d", si, s.Para)
		}
		p := a.Paragraphs[s.Para]
		if s.Start < p.Start || s.End > p.End || s.Start >= s.End || a.Text[s.Start:s.End] != s.Text {
			t.Fatalf("sentence %d [%d, %d) does not match paragraph %v", si, s.Start, s.End, p)
		}
		if s.FileStart < 0 || s.FileStart > s.FileEnd || s.FileEnd > size[a.Name] {
			t.Fatalf("sentence %d: file range [%d, %d) of %d bytes", si, s.FileStart, s.FileEnd, size[a.Name])
		}
	}
	checkSpan := func(what string, si, st, en int) {
		t.Helper()
		if si < 0 || si >= ns {
			t.Fatalf("%s: sentence %d of %d", what, si, ns)
		}
		if st < 0 || st > en || en > len(ix.Sentences[si].Text) {
			t.Fatalf("%s: range [%d, %d) in a %d-byte sentence", what, st, en, len(ix.Sentences[si].Text))
		}
	}
	for _, a := range ix.Actors {
		checkNoControls(t, "actor", a.Name, false)
		for _, m := range a.Spans {
			checkSpan("actor "+a.Name, m.Sentence, m.Start, m.End)
		}
	}
	for _, tp := range ix.Topics {
		for _, s := range tp.Sentences {
			checkSpan("topic "+tp.Name, s, 0, 0)
		}
		for _, m := range tp.Spans {
			checkSpan("topic "+tp.Name, m.Sentence, m.Start, m.End)
		}
	}
	for ci, c := range ix.Claims {
		checkSpan("claim", c.Sentence, 0, 0)
		for _, a := range c.Actors {
			if a < 0 || a >= len(ix.Actors) {
				t.Fatalf("claim %d: actor %d of %d", ci, a, len(ix.Actors))
			}
		}
		for _, tp := range c.Topics {
			if tp < 0 || tp >= len(ix.Topics) {
				t.Fatalf("claim %d: topic %d of %d", ci, tp, len(ix.Topics))
			}
		}
		var vals []Value
		for _, q := range c.Quantities {
			if math.IsNaN(q.Lo) || math.IsNaN(q.Hi) || q.Lo > q.Hi {
				t.Fatalf("claim %d: quantity %q is [%v, %v]", ci, q.Text, q.Lo, q.Hi)
			}
			vals = append(vals, q.Value)
		}
		for _, tr := range c.Times {
			vals = append(vals, tr.Value)
		}
		vals = append(append(vals, c.Places...), c.Roles...)
		for _, v := range vals {
			checkSpan("claim value "+v.Text, c.Sentence, v.Start, v.End)
			if v.Actor < -1 || v.Actor >= len(ix.Actors) {
				t.Fatalf("claim %d: value %q attached to actor %d of %d", ci, v.Text, v.Actor, len(ix.Actors))
			}
		}
	}
	refs := func(what string, rs []ClaimRef) {
		t.Helper()
		for _, r := range rs {
			if r.Claim < 0 || r.Claim >= len(ix.Claims) {
				t.Fatalf("%s: claim %d of %d", what, r.Claim, len(ix.Claims))
			}
			checkSpan(what, r.Sentence, r.ValueStart, r.ValueEnd)
		}
	}
	for _, c := range ix.Conflicts {
		if len(c.Claims) < 2 {
			t.Fatalf("conflict %s with %d claims", c.ID, len(c.Claims))
		}
		refs("conflict "+c.ID, c.Claims)
	}
	for _, a := range ix.Agreements {
		refs("agreement "+a.ID, a.Claims)
	}

	rep := NewReport(ix, func(string) (Triage, bool) { return Triage{}, false })
	js, err := json.Marshal(rep)
	if err != nil {
		t.Fatalf("report does not marshal: %v", err)
	}
	checkReportBytes(t, "JSON report", js)
	checkReportBytes(t, "Markdown report", []byte(Markdown(rep)))
}

// checkReportBytes fails on anything in a report that a terminal would
// act on: ESC, BEL, other C0 controls, C1 controls (raw, or as JSON
// escapes) and bidi overrides.
func checkReportBytes(t *testing.T, what string, out []byte) {
	t.Helper()
	checkNoControls(t, what, string(out), true)
	for _, esc := range []string{`\u001b`, `\u0007`, `\u009b`, `\u009d`, `\u0090`} {
		if bytes.Contains(out, []byte(esc)) {
			t.Fatalf("%s contains %s", what, esc)
		}
	}
}

// FuzzClean is the text pipeline of one plain article: sanitizer, line
// classifier (boilerplate, duplicates, tails), metadata and kind.
func FuzzClean(f *testing.F) {
	fuzzSeedFiles(f, func(data []byte, _ string) { f.Add(string(data)) })
	for _, s := range fuzzTricky {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		text, _ := Sanitize(body, nil)
		lines := splitLines(text)
		for _, l := range lines {
			if got, want := collapseLower(l.text), strings.ToLower(strings.Join(strings.Fields(l.text), " ")); got != want {
				t.Fatalf("collapseLower(%q) = %q, want %q", l.text, got, want)
			}
		}
		classifyLines(lines)
		// No teaser is left whose text another line continues.
		for i, l := range lines {
			stem, ok := ellipsisStem(l.text)
			if l.kind != lineBody || !ok {
				continue
			}
			for j, m := range lines {
				if j != i && m.kind != lineBlank && len(m.text) > len(stem) && strings.HasPrefix(m.text, stem) {
					t.Fatalf("teaser %q kept though line %d %q continues it", l.text, j, m.text)
				}
			}
		}

		doc := Document{Name: "f.txt", File: "f.txt", Data: []byte(body)}
		var a *Article
		var err error
		watchdog(documentDeadline, "newArticle", body, func() { a, err = newArticle(doc, Extracted{Format: FormatText, Body: body}) })
		if err != nil {
			if a != nil {
				t.Fatalf("article and error %v", err)
			}
			return
		}
		checkArticle(t, doc, a)
	})
}

// FuzzSentences is the sentence splitter, on one paragraph and on the
// paragraphs of a cleaned article.
func FuzzSentences(f *testing.F) {
	fuzzSeedFiles(f, func(data []byte, _ string) { f.Add(string(data)) })
	for _, s := range fuzzTricky {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, para string) {
		// The splitter sees the trimmed lines of sanitized text.
		text, _ := Sanitize(para, nil)
		for _, l := range splitLines(text) {
			spans := splitParagraph(l.text)
			if l.text != "" && !slices.Equal(spans, tokenizeParagraph(l.text)) {
				t.Fatalf("splitParagraph(%q) = %v, the tokenizer says %v", l.text, spans, tokenizeParagraph(l.text))
			}
			prev := 0
			for _, sp := range spans {
				if sp.Start < prev || sp.End <= sp.Start || sp.End > len(l.text) {
					t.Fatalf("span %v after %d in a %d-byte paragraph", sp, prev, len(l.text))
				}
				if isSpaceByte(l.text[sp.Start]) || isSpaceByte(l.text[sp.End-1]) {
					t.Fatalf("span %v not trimmed: %q", sp, l.text[sp.Start:sp.End])
				}
				prev = sp.End
			}
		}
		doc := Document{Name: "f.txt", File: "f.txt", Data: []byte(para)}
		a, err := newArticle(doc, Extracted{Format: FormatText, Body: para})
		if err != nil {
			return
		}
		ix := &Index{Articles: []*Article{a}}
		watchdog(documentDeadline, "splitSentences", para, ix.splitSentences)
		checkIndex(t, []Document{doc}, ix)
	})
}

// FuzzQuantities is the number and unit grammar on one sentence.
func FuzzQuantities(f *testing.F) {
	for _, s := range fuzzTricky {
		f.Add(s)
	}
	for _, s := range []string{
		"between 12 and 15 per cent", "1.5m people", "a dozen", "tens of thousands of troops",
		"three-and-a-half hours", "up to 40%", "1,2,3", "9999999999999999999999 km", "½ mile",
		"-5 degrees", "0.000000001 seconds", "$", "$ $ 5", "nine hundred ninety nine thousand",
		"2-3-4-5 days", "1e308 1e309", "one and a half dozen hundred",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var qs []Quantity
		watchdog(grammarDeadline, "parseQuantities", s, func() { qs = parseQuantities(s, ctokenize(s)) })
		for _, q := range qs {
			if q.Start < 0 || q.Start > q.End || q.End > len(s) || s[q.Start:q.End] != q.Text {
				t.Fatalf("quantity %q at [%d, %d) of %q", q.Text, q.Start, q.End, s)
			}
			if math.IsNaN(q.Lo) || math.IsNaN(q.Hi) || q.Lo > q.Hi {
				t.Fatalf("quantity %q is [%v, %v] in %q", q.Text, q.Lo, q.Hi, s)
			}
			qFormat(q)
		}
	})
}

// FuzzTimes is the date and weekday grammar, resolved against an article
// date or none.
func FuzzTimes(f *testing.F) {
	for _, s := range fuzzTricky {
		f.Add(s, int64(0), false)
	}
	for _, s := range []string{
		"on Friday", "next Tuesday", "last week", "since 2022", "March 3, 2023", "3 March", "the 1990s",
		"yesterday and tomorrow", "on the 31st of February", "in May 99999", "Monday 2 p.m.", "Sept. 30th",
	} {
		f.Add(s, int64(1692316800), true)
	}
	f.Fuzz(func(t *testing.T, s string, unix int64, ahead bool) {
		var date time.Time
		if unix != 0 {
			date = time.Unix(unix%(1<<40), 0).UTC()
		}
		var trs []TimeRef
		watchdog(grammarDeadline, "parseTimes", s, func() { trs = parseTimes(s, ctokenize(s), date, ahead) })
		for _, tr := range trs {
			if tr.Start < 0 || tr.Start > tr.End || tr.End > len(s) || s[tr.Start:tr.End] != tr.Text {
				t.Fatalf("time %q at [%d, %d) of %q", tr.Text, tr.Start, tr.End, s)
			}
			if tr.Month < 0 || tr.Month > 12 || tr.Day < 0 || tr.Day > 31 || tr.Weekday < -1 || tr.Weekday > 6 {
				t.Fatalf("time %q: %+v", tr.Text, tr)
			}
			tNorm(tr)
		}
	})
}

// FuzzClaims runs the whole of Build (actors, topics, claims, conflicts,
// agreements) on two sources and checks the index and its reports.
func FuzzClaims(f *testing.F) {
	var seeds []string
	fuzzSeedFiles(f, func(data []byte, name string) {
		if strings.HasSuffix(name, ".txt") {
			seeds = append(seeds, string(data))
		}
	})
	for i := range seeds {
		f.Add(seeds[i], seeds[(i+1)%len(seeds)])
	}
	f.Add("The talks lasted three hours on Friday in Geneva, officials said.", "The talks lasted five hours on Saturday in Vienna, officials said.")
	f.Add("President Ana Ruiz said 40 people died.", "Ruiz, the prime minister, denied that 400 people died.")
	for _, s := range fuzzTricky {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		docs := []Document{
			{Name: "a.txt", File: "a.txt", Data: []byte(a)},
			{Name: "b.txt", File: "b.txt", Data: []byte(b)},
		}
		var ix *Index
		var err error
		watchdog(documentDeadline, "Open", [2]string{a, b}, func() { ix, err = Open(docs, nil) })
		if err != nil {
			return
		}
		for _, art := range ix.Articles {
			for _, d := range docs {
				if d.Name == art.Name {
					checkArticle(t, d, art)
				}
			}
		}
		checkIndex(t, docs, ix)
	})
}

// fuzzDocument parses one document of any format and checks its articles
// and the index built from them.
func fuzzDocument(t *testing.T, doc Document) {
	var arts []*Article
	var err error
	watchdog(documentDeadline, "ParseDocument", doc.Data, func() { arts, err = ParseDocument(doc) })
	if err != nil {
		if arts != nil {
			t.Fatalf("articles and error %v", err)
		}
		return
	}
	for _, a := range arts {
		checkArticle(t, doc, a)
	}
	var ix *Index
	watchdog(documentDeadline, "Build", doc.Data, func() { ix = Build(arts) })
	checkIndex(t, []Document{doc}, ix)
}

// FuzzHTML is the web page loader: readability, the token walk fallback
// and the alignment of the text with the page's bytes.
func FuzzHTML(f *testing.F) {
	fuzzSeedFiles(f, func(data []byte, name string) {
		if strings.HasSuffix(name, ".html") {
			f.Add(data)
		}
	})
	for _, s := range fuzzTricky {
		f.Add([]byte(s))
	}
	f.Add([]byte(`<p>a &lt;b&gt; &amp;amp; <!-- c --> <![CDATA[d]]> e</p><script>f</script><pre>g
h</pre><table><tr><td>i</td><td>j</td></tr></table><div hidden>k</div>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc := Document{Name: "f.html", File: "f.html", Data: data}
		if ex, err := extractHTML(doc); err == nil {
			checkOffsets(t, "HTML body", ex.BodyOffsets, len(ex.Body), len(data))
		}
		fuzzDocument(t, doc)
	})
}

// FuzzFeed is the RSS/Atom loader: one article per item with text, each
// aligned with its place in the feed.
func FuzzFeed(f *testing.F) {
	fuzzSeedFiles(f, func(data []byte, name string) {
		if strings.HasPrefix(name, "feed.") {
			f.Add(data)
		}
	})
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><title>A</title><content type="html">&lt;p&gt;One.&lt;/p&gt;</content></entry><entry><summary>Two
words.</summary></entry></feed>`))
	f.Add([]byte(`<rss><channel><item><description><![CDATA[<p>x</p>]]></description></item><item></item></channel></rss>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc := Document{Name: "f.rss", File: "f.rss", Data: data}
		if exs, err := extractFeed(doc); err == nil {
			for _, ex := range exs {
				checkOffsets(t, "feed "+ex.Item, ex.BodyOffsets, len(ex.Body), len(data))
			}
		}
		fuzzDocument(t, doc)
	})
}

// FuzzMarkdown is the Markdown loader with its front matter, whose body
// maps byte for byte onto the document.
func FuzzMarkdown(f *testing.F) {
	fuzzSeedFiles(f, func(data []byte, name string) {
		if strings.HasSuffix(name, ".md") {
			f.Add(data)
		}
	})
	for _, s := range fuzzTricky {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc := Document{Name: "f.md", File: "f.md", Data: data}
		if ex, err := extractMarkdown(data); err == nil {
			checkOffsets(t, "Markdown body", ex.BodyOffsets, len(ex.Body), len(data))
		}
		fuzzDocument(t, doc)
	})
}

// FuzzDocument is format detection over any bytes and name, then the
// format's loader.
func FuzzDocument(f *testing.F) {
	fuzzSeedFiles(f, func(data []byte, name string) { f.Add(data, name) })
	for _, s := range fuzzTricky {
		f.Add([]byte(s), "x.txt")
	}
	f.Fuzz(func(t *testing.T, data []byte, name string) {
		fuzzDocument(t, Document{Name: name, File: name, Data: data})
	})
}
