// Package model turns article bytes into a briefing index: articles,
// sentences, actors, topics, claims, conflicts and agreements. It knows
// nothing of terminals; every stage is deterministic and lives in its own
// file (sanitize.go, clean.go, metadata.go, sentences.go, actors.go, ...).
package model

import "time"

// Document is one source as read: a file, a URL body or stdin. Name is what
// the user gave (a path, a URL, "-"); File is what reports cite (the base
// name for files).
type Document struct {
	Name string
	File string
	Data []byte
	// ContentType is the HTTP Content-Type when the document came from a URL.
	ContentType string
}

// Format of a document, decided by content first and extension second.
type Format string

const (
	FormatText     Format = "text"
	FormatMarkdown Format = "markdown"
	FormatHTML     Format = "html"
	FormatFeed     Format = "feed"
)

// Kind of article relative to the event it covers.
const (
	KindPreview  = "preview"  // written before the event: it will happen
	KindReport   = "report"   // written after: it happened
	KindAnalysis = "analysis" // commentary, no clear event report
)

// Extracted is what a format parser hands to the common text pipeline: a
// body of plain text (one paragraph a line) and whatever metadata the format
// itself carries. BodyOffsets maps each byte of Body to its byte offset in the
// document as read; nil means Body is the document itself (offset i is i).
type Extracted struct {
	Format      Format
	Title       string
	Byline      string
	Outlet      string
	Date        time.Time
	Body        string
	BodyOffsets []int32
	// Item distinguishes the articles of a feed ("item 3"); empty otherwise.
	Item string
}

// Article is one cleaned source with its metadata.
type Article struct {
	ID       string // a1, a2, ... in load order
	File     string // as reports cite it
	Name     string // as the user gave it
	Format   Format
	Title    string
	Outlet   string
	Byline   string
	Dateline string
	Date     time.Time
	Cited    []string // sources the article itself cites
	Kind     string   // KindPreview, KindReport, KindAnalysis

	// Text is the cleaned article: kept paragraphs joined by "\n".
	Text string
	// Offsets.At(i) is the byte offset in the original document of Text[i];
	// Offsets.At(len(Text)) is one past the last kept byte.
	Offsets OffsetMap
	// Paragraphs are byte ranges of Text, one per kept line.
	Paragraphs []Span
	// Sentences is the range [First, Last) of Index.Sentences.
	FirstSentence, LastSentence int
	Words                       int
}

// Span is a half-open byte range.
type Span struct{ Start, End int }

// Sentence is one sentence of an article. Start/End are byte offsets in
// Article.Text; FileStart/FileEnd are byte offsets in the file as read.
type Sentence struct {
	Article   int // index into Index.Articles
	Para      int // index into Article.Paragraphs
	Text      string
	Start     int
	End       int
	FileStart int
	FileEnd   int
	Headline  bool // the title or a sub-headline line
}

// Warning is a problem with one input that did not stop the others.
type Warning struct {
	Name string
	Msg  string
}

func (w Warning) String() string { return w.Name + ": " + w.Msg }
