package model

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// seedDocs reads the embedded sample corpus from the repository.
func seedDocs(t testing.TB) []Document {
	t.Helper()
	files, err := filepath.Glob("../seeds/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no seeds: %v", err)
	}
	var docs []Document
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, Document{Name: f, File: filepath.Base(f), Data: b})
	}
	return docs
}

func TestCleanRemovesFurnitureByShape(t *testing.T) {
	body := strings.Join([]string{
		"Skip to content",
		"Ministers agree on a new budget",
		"By Jane Roe, The Daily Example",
		"CAPITAL CITY — Ministers agreed on Tuesday on a budget that raises spending by 4 percent, officials said after a long night of talks.",
		"READ MORE: Another headline about something else",
		"The opposition said the plan was too timid and promised to vote against it in parliament next week, setting up a close contest.",
		"Ministers agree on a new budget",
		"Opposition leaders meet to plan their response to the...",
		"Opposition leaders meet to plan their response to the budget",
		"[1] Source: Example Wire, Another Agency, and The Third Paper.",
		"3 Comments",
		"Related posts",
		"Some other story entirely",
		"Leave a Reply",
		"Your email address will not be published. Required fields are marked *",
	}, "\n")
	arts, err := ParseDocument(Document{Name: "x.txt", File: "x.txt", Data: []byte(body)})
	if err != nil {
		t.Fatal(err)
	}
	a := arts[0]
	for _, bad := range []string{"Skip to content", "READ MORE", "to the...", "Comments", "Related", "Some other story", "Leave a Reply", "email address", "Source:"} {
		if strings.Contains(a.Text, bad) {
			t.Errorf("kept furniture %q in:\n%s", bad, a.Text)
		}
	}
	if n := strings.Count(a.Text, "Ministers agree on a new budget"); n != 1 {
		t.Errorf("headline kept %d times, want 1", n)
	}
	if !strings.Contains(a.Text, "Opposition leaders meet to plan their response to the budget") {
		t.Errorf("dropped the full line the teaser duplicates")
	}
	if a.Title != "Ministers agree on a new budget" || a.Byline != "Jane Roe" || a.Outlet != "The Daily Example" || a.Dateline != "CAPITAL CITY" {
		t.Errorf("metadata: title=%q byline=%q outlet=%q dateline=%q", a.Title, a.Byline, a.Outlet, a.Dateline)
	}
	if strings.Join(a.Cited, "|") != "Example Wire|Another Agency|The Third Paper" {
		t.Errorf("cited = %q", a.Cited)
	}
	if a.Kind != KindReport {
		t.Errorf("kind = %s, want report", a.Kind)
	}
}

func TestCleanOffsetsMapToFile(t *testing.T) {
	for _, d := range seedDocs(t) {
		arts, err := ParseDocument(d)
		if err != nil {
			t.Fatalf("%s: %v", d.Name, err)
		}
		a := arts[0]
		for i := 0; i < len(a.Text); i++ {
			if a.Text[i] == '\n' {
				continue
			}
			if got := d.Data[a.Offsets.At(i)]; got != a.Text[i] {
				t.Fatalf("%s: text byte %d %q maps to file byte %d %q", d.File, i, a.Text[i], a.Offsets.At(i), got)
			}
		}
	}
}

func TestSeedsMetadata(t *testing.T) {
	ix, err := Open(seedDocs(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(ix.Articles) != 5 {
		t.Fatalf("%d articles", len(ix.Articles))
	}
	want := []struct{ title, outlet, byline, dateline, kind string }{
		{"", "MediaBites", "Imran Malik", "WASHINGTON", KindPreview},
		{"Russian President Vladimir Putin and former U.S. President Donald Trump scheduled to confer", "", "", "", ""},
		{"Trump and Putin meeting concludes without agreement on a Ukrainian truce", "", "", "", KindReport},
		{"", "", "Syed Sadat Hussain Shah", "", KindReport},
		{"", "Safarti Tarjuman", "", "ANCHORAGE", KindReport},
	}
	for i, w := range want {
		a := ix.Articles[i]
		if w.title != "" && !strings.HasPrefix(a.Title, w.title) {
			t.Errorf("%s title %q", a.File, a.Title)
		}
		if w.outlet != "" && a.Outlet != w.outlet {
			t.Errorf("%s outlet %q, want %q", a.File, a.Outlet, w.outlet)
		}
		if w.byline != "" && a.Byline != w.byline {
			t.Errorf("%s byline %q, want %q", a.File, a.Byline, w.byline)
		}
		if w.dateline != "" && !strings.HasPrefix(a.Dateline, w.dateline) {
			t.Errorf("%s dateline %q, want %q", a.File, a.Dateline, w.dateline)
		}
		if w.kind != "" && a.Kind != w.kind {
			t.Errorf("%s kind %q, want %q", a.File, a.Kind, w.kind)
		}
		for _, junk := range []string{"Skip to content", "Leave a Reply", "Spread the love", "Tags", "About Author", "Pingback", "Read also", "Table of Contents"} {
			if strings.Contains(a.Text, junk) {
				t.Errorf("%s kept %q", a.File, junk)
			}
		}
	}
	// Every sentence's file offsets cut exactly that sentence from the file.
	docs := seedDocs(t)
	for _, s := range ix.Sentences {
		raw := docs[s.Article].Data
		if got := string(raw[s.FileStart:s.FileEnd]); got != s.Text {
			t.Errorf("sentence %q cut from file as %q", s.Text, got)
		}
	}
}

func TestOnlyFurnitureIsAnError(t *testing.T) {
	_, err := ParseDocument(Document{Name: "f", File: "f", Data: []byte("Skip to content\nShare\nTags :\n1 Comment\n")})
	if err == nil || !strings.Contains(err.Error(), "furniture") {
		t.Fatalf("err = %v", err)
	}
}
