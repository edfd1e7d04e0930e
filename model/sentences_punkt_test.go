package model

import (
	"os"
	"regexp"
	"testing"

	"github.com/neurosnap/sentences"
	"github.com/neurosnap/sentences/english"
)

// punktCases add to sentenceWindowCases the shapes of the annotator's own
// rules: numbers with signs and separators, list numbers, coordinates,
// abbreviations with several periods, collocations, runes before a final
// period, and text without a word.
var punktCases = []string{
	"It fell -3.5. Then it rose ,5. And -.5. Also 1,000. Done.",
	"Item 12a) was next. 12.) too. 3)) also. 4ab) not.",
	"See 1.2.3. and 12..3. and .1.2. here. Next.",
	"He met e.g. Smith. Then a.b.c.d. left. a.. b. c_d. E.",
	"It was Jan. 5. The U.S. Army left. Café. Über. Ñandú.",
	"Año. Éire. İstanbul. Ωmega. ωmega. x",
	"N°. 5 was there. Then N°. 6.",
	"word.” Next. word.’ next. “Quote.” Then.",
	"Stop.[1] Then.(2) more. What?[3] No!(4) yes.",
	"   ",
	"x",
	"é",
	"Done.\u00a0",
	"A. B. C. D.",
	"i. ii. iii. iv. Then.",
	"No. 10 Downing St. is there. St. Louis too.",
	"He said: “No.” . . . Then.",
	"The 1990s. The 90s. The '90s. Then.",
	"Ph.D. holders. M.A. degrees. Then.",
}

func punktLibBreaks(text string) [][2]int {
	var out [][2]int
	for _, t := range sentenceTokenizer().AnnotatedTokens(text) {
		b := 0
		if t.SentBreak {
			b = 1
		}
		out = append(out, [2]int{t.Position, b})
	}
	return out
}

func checkPunkt(t *testing.T, a *punktAnnotator, text string) {
	t.Helper()
	want := punktLibBreaks(text)
	lib := a.annotate(text)
	if lib != nil {
		return // the library read it
	}
	var got [][2]int
	for _, tk := range a.toks {
		b := 0
		if tk.sentBreak {
			b = 1
		}
		got = append(got, [2]int{tk.pos, b})
	}
	if len(got) != len(want) {
		t.Fatalf("%q: %d tokens, the library has %d:\n got %v\nwant %v", text, len(got), len(want), got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("%q: token %d (%q) is %v, the library says %v", text, i, a.toks[i].tok, got[i], want[i])
		}
	}
}

func TestPunktMatchesLibrary(t *testing.T) {
	a := newPunktAnnotator()
	for _, c := range append(append([]string(nil), sentenceWindowCases...), punktCases...) {
		checkPunkt(t, a, c)
		// Every suffix and prefix at a byte that starts a character, as
		// windows cut paragraphs.
		for i := 1; i < len(c); i++ {
			if c[i]&0xC0 != 0x80 {
				checkPunkt(t, a, c[i:])
				checkPunkt(t, a, c[:i])
			}
		}
	}
}

func TestPunktNumericAt(t *testing.T) {
	for _, s := range []string{"", "a", "5", "-5", "--5", ".5", ",5", "-.5", "-,5", "a-.5", "a.-5", "1,000.", "x1-2-3", "1a", "a1.", ".", "-", "-.", "ab-", "1..", "a.,5"} {
		want := -1
		if loc := reNumericForTest.FindStringIndex(s); loc != nil {
			want = loc[0]
		}
		if got := punktNumericAt(s); got != want {
			t.Errorf("punktNumericAt(%q) = %d, want %d", s, got, want)
		}
	}
}

// TestPunktOnCorpus compares the annotator with the library on every
// paragraph of a corpus (BRIEFING_SPLIT_CORPUS, as for the windows).
func TestPunktOnCorpus(t *testing.T) {
	dir := os.Getenv("BRIEFING_SPLIT_CORPUS")
	if dir == "" {
		t.Skip("set BRIEFING_SPLIT_CORPUS to a folder of documents")
	}
	docs, _, err := Load([]string{dir}, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	a := newPunktAnnotator()
	for _, d := range docs {
		arts, err := ParseDocument(d)
		if err != nil {
			continue
		}
		for _, art := range arts {
			for _, p := range art.Paragraphs {
				checkPunkt(t, a, art.Text[p.Start:p.End])
			}
		}
	}
}

func FuzzPunkt(f *testing.F) {
	for _, c := range sentenceWindowCases {
		f.Add(c)
	}
	for _, c := range punktCases {
		f.Add(c)
	}
	a := newPunktAnnotator()
	f.Fuzz(func(t *testing.T, text string) {
		checkPunkt(t, a, text)
	})
}

// reNumericForTest is the library's pattern for numbers at a word's end.
var reNumericForTest = regexp.MustCompile(`-?[\.,]?\d[\d,\.-]*\.?$`)

// TestPunktEndChars checks the end-mark predicates against the library's
// on every string of up to four marks and letters.
func TestPunktEndChars(t *testing.T) {
	w := english.NewWordTokenizer(sentences.NewPunctStrings())
	alphabet := []string{"a", "1", ".", "?", "!", `"`, "'", ")", "’", "”", "[", "(", "-", ","}
	var gen func(s string, n int)
	gen = func(s string, n int) {
		tk := sentences.NewToken(s)
		if got, want := punktHasSentEndChars(s), w.HasSentEndChars(tk); got != want {
			t.Errorf("punktHasSentEndChars(%q) = %v, want %v", s, got, want)
		}
		if got, want := punktHasUnreliableEndChars(s), w.HasUnreliableEndChars(tk); got != want {
			t.Errorf("punktHasUnreliableEndChars(%q) = %v, want %v", s, got, want)
		}
		if got, want := punktIsListNumber(s), w.IsListNumber(tk); got != want {
			t.Errorf("punktIsListNumber(%q) = %v, want %v", s, got, want)
		}
		if got, want := punktIsCoordinatePartTwo(s), w.IsCoordinatePartTwo(tk); got != want {
			t.Errorf("punktIsCoordinatePartTwo(%q) = %v, want %v", s, got, want)
		}
		if got, want := punktIsInitial(s), w.IsInitial(tk); got != want {
			t.Errorf("punktIsInitial(%q) = %v, want %v", s, got, want)
		}
		if got, want := punktHasAbbr(s), reAbbrForTest.MatchString(s); got != want {
			t.Errorf("punktHasAbbr(%q) = %v, want %v", s, got, want)
		}
		if n == 0 {
			return
		}
		for _, c := range alphabet {
			gen(s+c, n-1)
		}
	}
	gen("", 4)
}

// reAbbrForTest is the English tokenizer's pattern for abbreviations.
var reAbbrForTest = regexp.MustCompile(`((?:[\w]\.)+[\w]*\.)`)
