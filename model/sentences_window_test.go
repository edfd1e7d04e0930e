package model

import (
	"os"
	"reflect"
	"strings"
	"testing"
)

// The windowed splitter must cut exactly where the tokenizer cuts the whole
// paragraph; these cases sit on the edges of its rules: abbreviations,
// initials, ellipses, numbers, quotes after the stop, trailing spaces and
// multi-byte characters at the end.
var sentenceWindowCases = []string{
	"U.S. officials met Gen. Smith at 3 p.m. on Friday. Then they left.",
	"Sen. Jones voted against it. Rep. Lee agreed.",
	"“Nothing will happen,” said a resident. “We wait.”",
	"He said “Yes.”",
	"“Yes.”",
	"Hello. ",
	"Hello.  World.  ",
	"It rose 3.5 per cent. Shares fell.",
	"J. R. R. Tolkien wrote it. He died in 1973.",
	"Wait . . . what? No! Really?! Yes.",
	"See No. 5. It is there.",
	"The F.B.I. said so. The C.I.A. did not.",
	"He left at 5 p.m. The meeting ended.",
	"1. First item. 2. Second item.",
	"Coordinates 1.2.3. were given. Then.",
	"Prices (about $5.) rose. Then fell.",
	"He asked \"why?\" and left. She stayed.",
	"Mr. and Mrs. Smith arrived. Dr. Who did not.",
	"They met in St. Louis. It rained.",
	"A sentence… Another one. And a third one.",
	"Done.\u00a0Next one starts here. End.",
	"Last word is curly.’",
	"a. b. c. d. e. f. g. h.",
	". . . .",
	"..",
	"!",
	"Word.Word. Word!Word? x",
	"The vote was 52-48. Opponents said the bill, which passed on Jan. 5, was rushed.",
	"Ellipsis at the end...",
	"\u0085",
	"\u0085. x",
	"Stop.\u2028Next。 One；two. Three！",
	"He said: “Go.” Then: “Stay.” Then nothing.",
}

func TestSentenceWindowsMatchTokenizer(t *testing.T) {
	paras := append([]string(nil), sentenceWindowCases...)
	for _, d := range append(seedDocs(t), genCorpus(40, 7)...) {
		arts, err := ParseDocument(d)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range arts {
			for _, p := range a.Paragraphs {
				paras = append(paras, a.Text[p.Start:p.End])
			}
		}
	}
	for _, p := range paras {
		checkSentenceWindows(t, p)
	}
}

// TestSentenceWindowsMatchTokenizerOnCorpus compares the two on a folder of
// documents named by $BRIEFING_SPLIT_CORPUS (for example the ECB+ corpus).
func TestSentenceWindowsMatchTokenizerOnCorpus(t *testing.T) {
	dir := os.Getenv("BRIEFING_SPLIT_CORPUS")
	if dir == "" {
		t.Skip("set BRIEFING_SPLIT_CORPUS to a folder of documents")
	}
	docs, _, err := Load([]string{dir}, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, d := range docs {
		arts, err := ParseDocument(d)
		if err != nil {
			continue
		}
		for _, a := range arts {
			for _, p := range a.Paragraphs {
				checkSentenceWindows(t, a.Text[p.Start:p.End])
				n++
			}
		}
	}
	t.Logf("%d paragraphs", n)
}

// splitParagraphWhole is splitParagraph as it was before the windows: the
// same short cuts, and the tokenizer on the whole paragraph.
func splitParagraphWhole(para string) []Span {
	if strings.TrimSpace(para) == "" {
		return nil
	}
	if !strings.ContainsAny(para, ".!?。！？") {
		return appendSentenceSpan(nil, para, 0, len(para))
	}
	return tokenizeParagraph(para)
}

func checkSentenceWindows(t *testing.T, para string) {
	t.Helper()
	got := splitParagraph(para)
	want := splitParagraphWhole(para)
	if len(got) == 0 && len(want) == 0 {
		return
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("windows differ on %q\n got %v\nwant %v", para, got, want)
	}
}

func FuzzSentenceWindows(f *testing.F) {
	for _, c := range sentenceWindowCases {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, para string) {
		checkSentenceWindows(t, para)
	})
}
