package model

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// readFixture reads a file of testdata/loaders as a Document.
func readFixture(t *testing.T, name string) Document {
	t.Helper()
	p := filepath.Join("testdata", "loaders", name)
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return Document{Name: p, File: name, Data: data}
}

// checkOffsetShape asserts what every offset map must satisfy: one entry a
// byte plus the end, inside the document, never decreasing.
func checkOffsetShape(t *testing.T, data []byte, ex Extracted) {
	t.Helper()
	if ex.BodyOffsets == nil {
		return
	}
	if len(ex.BodyOffsets) != len(ex.Body)+1 {
		t.Fatalf("%d offsets for %d body bytes", len(ex.BodyOffsets), len(ex.Body))
	}
	prev := int32(0)
	for i, o := range ex.BodyOffsets {
		if o < 0 || int(o) > len(data) {
			t.Fatalf("offset %d of byte %d is outside the %d-byte document", o, i, len(data))
		}
		if o < prev {
			t.Fatalf("offset of byte %d goes back: %d after %d", i, o, prev)
		}
		prev = o
	}
}

// rawAt is the document text at the offset of the first occurrence of sub
// in the body.
func rawAt(t *testing.T, data []byte, ex Extracted, sub string) string {
	t.Helper()
	i := strings.Index(ex.Body, sub)
	if i < 0 {
		t.Fatalf("body lacks %q:\n%s", sub, ex.Body)
	}
	o := int(ex.BodyOffsets[i])
	return string(data[o:min(len(data), o+len(sub)+40)])
}

func lines(body string) []string { return strings.Split(body, "\n") }

func equalLines(t *testing.T, got string, want []string) {
	t.Helper()
	g := lines(got)
	if len(g) != len(want) {
		t.Fatalf("got %d lines, want %d:\n%s", len(g), len(want), got)
	}
	for i := range g {
		if g[i] != want[i] {
			t.Errorf("line %d:\n got %q\nwant %q", i, g[i], want[i])
		}
	}
}

func TestFormatDetect(t *testing.T) {
	cases := []struct {
		name, ct, data string
		want           Format
	}{
		{"a.txt", "", "Just a plain article.\nSecond paragraph.", FormatText},
		{"a.txt", "", "<!DOCTYPE html><html><body><p>x</p></body></html>", FormatHTML},
		{"a.txt", "", "  <html lang=\"en\"><p>x</p>", FormatHTML},
		{"noext", "", "<body><p>x</p></body>", FormatHTML},
		{"noext", "", "<p>One</p><p>Two</p><p>Three <a href=\"x\">link</a></p>", FormatHTML},
		{"a.html", "", "Text with no tags at all.", FormatHTML},
		{"a.txt", "", "<?xml version=\"1.0\"?>\n<!-- c -->\n<rss version=\"2.0\"><channel></channel></rss>", FormatFeed},
		{"a.txt", "", "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>x</title></feed>", FormatFeed},
		{"a.txt", "", "<feed><title>not atom</title></feed>", FormatText},
		{"a.txt", "", "<?xml version=\"1.0\"?><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"></rdf:RDF>", FormatFeed},
		{"a.xml", "", "<note>hi</note>", FormatFeed},
		{"a.txt", "", "<?xml version=\"1.0\"?>\n<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"></html>", FormatHTML},
		{"a.txt", "", "---\ntitle: x\n---\nBody", FormatMarkdown},
		{"a.txt", "", "---\nno closing line\nBody", FormatText},
		{"a.md", "", "Body only", FormatMarkdown},
		{"a.markdown", "", "Body only", FormatMarkdown},
		{"noext", "", "# Heading\n\nBody", FormatMarkdown},
		{"noext", "", "#hashtag is not a heading", FormatText},
		{"https://x.example/story", "text/html; charset=utf-8", "Story text", FormatHTML},
		{"https://x.example/feed", "application/rss+xml", "<x/>", FormatFeed},
		{"https://x.example/a.md?x=1", "text/plain", "Body", FormatMarkdown},
		{"noext", "", "\xef\xbb\xbf<!doctype html><p>x", FormatHTML},
	}
	for _, c := range cases {
		got := detectFormat(Document{Name: c.name, ContentType: c.ct, Data: []byte(c.data)})
		if got != c.want {
			t.Errorf("detectFormat(%s, %q) = %s, want %s", c.name, c.data, got, c.want)
		}
	}
}

func TestFormatTextExact(t *testing.T) {
	doc := readFixture(t, "plain.txt")
	exs, err := extract(doc)
	if err != nil || len(exs) != 1 {
		t.Fatalf("extract: %v, %d", err, len(exs))
	}
	ex := exs[0]
	if ex.Format != FormatText || ex.Body != string(doc.Data) || ex.BodyOffsets != nil {
		t.Fatalf("plain text must come back as is: %+v", ex)
	}

	// A byte order mark is dropped, with an exact map.
	bom := append([]byte{0xEF, 0xBB, 0xBF}, "Héllo\nworld"...)
	exs, err = extract(Document{Name: "b.txt", Data: bom})
	if err != nil {
		t.Fatal(err)
	}
	ex = exs[0]
	checkOffsetShape(t, bom, ex)
	if ex.Body != "Héllo\nworld" {
		t.Fatalf("body %q", ex.Body)
	}
	for i := range len(ex.Body) {
		if bom[ex.BodyOffsets[i]] != ex.Body[i] {
			t.Fatalf("byte %d maps to %q", i, bom[ex.BodyOffsets[i]])
		}
	}
}

func TestFormatBadInput(t *testing.T) {
	cases := []struct {
		name, data, want string
	}{
		{"x.bin", "PK\x03\x04\x00\x00binary", "binary content, not an article"},
		{"x.txt", "   \n\t\n", "empty document"},
		{"x.html", "<html><head><title>t</title><script>var a=1;</script></head><body><nav></nav></body></html>", "no readable text in HTML page"},
		{"x.rss", "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>x</title><item><title>a</item></channel>", "malformed feed: "},
		{"x.rss", "<rss version=\"2.0\"><channel><title>x</title></channel></rss>", "empty feed: no items"},
		{"x.rss", "<rss version=\"2.0\"><channel><title>x</title><item><title>only a title</title></item></channel></rss>", "empty feed: none of its 1 items has any text"},
		{"x.md", "---\ntitle: Nothing\n---\n\n<!-- draft -->\n", "no text in Markdown document"},
	}
	for _, c := range cases {
		_, err := extract(Document{Name: c.name, Data: []byte(c.data)})
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%s %q: error %v, want %q", c.name, c.data, err, c.want)
		}
	}
}

// Text in an 8-bit encoding is invalid UTF-8 in almost every letter, yet
// text; bytes with the control codes of machine data are not.
func TestIsBinary(t *testing.T) {
	// "Переговоры в Женеве" in Windows-1251, a line of it.
	cyr := []byte{0xcf, 0xe5, 0xf0, 0xe5, 0xe3, 0xee, 0xe2, 0xee, 0xf0, 0xfb, ' ', 0xe2, ' ', 0xc6, 0xe5, 0xed, 0xe5, 0xe2, 0xe5, '.', '\n'}
	noNUL := make([]byte, 4096)
	for i := range noNUL {
		noNUL[i] = byte(i*7919%255 + 1) // every byte value but 0, spread out
	}
	cases := []struct {
		name   string
		data   []byte
		binary bool
	}{
		{"utf-8", []byte("Talks in Geneva.\n"), false},
		{"windows-1251", bytes.Repeat(cyr, 40), false},
		{"ansi in latin-1", []byte("\x1b[31mD\xe9l\xe9gations\x1b[0m \xe0 Gen\xe8ve\r\n"), false},
		{"nul", []byte("GIF89a\x00\x01"), true},
		{"machine bytes without nul", noNUL, true},
	}
	for _, c := range cases {
		if got := isBinary(c.data); got != c.binary {
			t.Errorf("%s: isBinary = %v", c.name, got)
		}
	}
}

func TestHTMLDeepNesting(t *testing.T) {
	head := `<html><head><title>Deep page</title>
<meta property="og:site_name" content="Deep News">
<meta name="author" content="By Ann Example">
<meta property="article:published_time" content="2024-01-05T10:00:00+01:00">
</head><body>`
	for _, tag := range []string{"div", "span", "b"} {
		var b bytes.Buffer
		b.WriteString(head)
		for i := range 10000 {
			b.WriteString("<" + tag + ">")
			if i%2500 == 0 {
				b.WriteString("Level text. ")
			}
		}
		b.WriteString("The deepest sentence is still read.")
		for range 10000 {
			b.WriteString("</" + tag + ">")
		}
		b.WriteString("</body></html>")
		data := b.Bytes()

		start := time.Now()
		exs, err := extract(Document{Name: "deep.html", Data: data})
		if err != nil {
			t.Fatalf("%s: %v", tag, err)
		}
		if d := time.Since(start); d > 10*time.Second {
			t.Fatalf("%s: took %s", tag, d)
		}
		ex := exs[0]
		checkOffsetShape(t, data, ex)
		if !strings.Contains(ex.Body, "The deepest sentence is still read.") {
			t.Fatalf("%s: body lost the text: %q", tag, ex.Body)
		}
		if got := rawAt(t, data, ex, "The deepest"); !strings.HasPrefix(got, "The deepest") {
			t.Errorf("%s: offset points at %q", tag, got)
		}
		if ex.Title != "Deep page" || ex.Outlet != "Deep News" || ex.Byline != "Ann Example" {
			t.Errorf("%s: meta fallback: title %q outlet %q byline %q", tag, ex.Title, ex.Outlet, ex.Byline)
		}
		if want := time.Date(2024, 1, 5, 9, 0, 0, 0, time.UTC); !ex.Date.Equal(want) {
			t.Errorf("%s: date %v, want %v", tag, ex.Date, want)
		}
	}
}

func TestFormatParseDate(t *testing.T) {
	want := time.Date(2024, 2, 20, 0, 0, 0, 0, time.UTC)
	for _, s := range []string{"2024-02-20", "February 20, 2024", "Feb 20, 2024", "20 February 2024", "2024-02-20T00:00:00Z", " 2024/02/20 "} {
		if got := parseDate(s); !got.Equal(want) {
			t.Errorf("parseDate(%q) = %v", s, got)
		}
	}
	if got := parseDate("2024-02-20T10:30:00+02:00"); !got.Equal(time.Date(2024, 2, 20, 8, 30, 0, 0, time.UTC)) {
		t.Errorf("RFC 3339: %v", got)
	}
	if got := parseDate("last Tuesday"); !got.IsZero() {
		t.Errorf("nonsense parsed as %v", got)
	}
}
