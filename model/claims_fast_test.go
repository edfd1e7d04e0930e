package model

import (
	"hash/maphash"
	"strconv"
	"strings"
	"testing"
)

var claimsFastSamples = []string{
	"", " ", "U.S.", "U.S", "Trump's", "TRUMP'S", "Zelenskyy’s plan", "it's", "'s", "’s", "a’S", "x's",
	"65-year-old", "3-hour", "2nd", "250,000", "3.5", "1,2,3", "St. Louis, Missouri", "Saint Petersburg",
	"São Paulo", "İstanbul", "ǅemal", "naïve café", "face-to-face", "don't", "don’t", "co‑op", "co‐op",
	"Aug. 15, 2025", "MAY", "Fridays", "e.g. this", "A.B.C.D", "a-", "-a", "x--y", "x-'y", "9-", "9-a",
	"“Pursuing Peace”", "—", "\t\n\v\f\r\u0085\u00a0x", "\xff\xfe", "a\u0301b", "٣ apples", "Ⅻ",
	"New  York ,  N.Y.", "saint,saint", ",a", "a,", "ÅLAND", "MOSCOW (Reuters) - Russia's", "12th-century",
}

func claimsFastCorpus(t testing.TB) []string {
	out := append([]string(nil), claimsFastSamples...)
	for _, d := range seedDocs(t) {
		out = append(out, strings.Split(string(d.Data), "\n")...)
	}
	return out
}

// The word cache's own hash table finds every word it took, across growth.
func TestCTCacheFindsEveryWord(t *testing.T) {
	c := newCTCache(0)
	ids := map[string]int32{}
	for i := range 40000 {
		w := "w" + strconv.Itoa(i*7919%100003)
		id := c.lookup(w)
		if prev, ok := ids[w]; ok && prev != id {
			t.Fatalf("%q: entry %d, was %d", w, id, prev)
		}
		ids[w] = id
	}
	for w, id := range ids {
		if got := c.lookup(w); got != id || c.info[id].lower != w {
			t.Fatalf("%q: entry %d (%q), want %d", w, got, c.info[got].lower, id)
		}
		if got, _ := c.findBytes(maphash.String(c.seed, w), []byte(w)); got != id {
			t.Fatalf("%q: findBytes %d, want %d", w, got, id)
		}
	}
	if len(c.info) != len(ids) {
		t.Fatalf("%d entries for %d words", len(c.info), len(ids))
	}
}

// claimTokenRange finds what a scan of the tokens finds.
func TestClaimTokenRangeMatchesScan(t *testing.T) {
	for _, s := range claimsFastCorpus(t) {
		toks := ctokenize(s)
		for start := -1; start <= len(s)+1 && start < 80; start++ {
			for end := start; end <= len(s)+1 && end < start+40; end++ {
				first, last := -1, -1
				for i, tk := range toks {
					if tk.Start >= start && first < 0 {
						first = i
					}
					if tk.End <= end {
						last = i
					}
				}
				if f, l := claimTokenRange(toks, start, end); f != first || l != last {
					t.Fatalf("%q [%d,%d): %d %d, want %d %d", s, start, end, f, l, first, last)
				}
			}
		}
	}
}

// claimIndexFold finds what strings.Index and LastIndex find in lower
// case for ASCII, and offsets into the original text when folding changes
// a letter's length.
func TestClaimIndexFold(t *testing.T) {
	for _, s := range []string{"", "a", "President Joe Biden", "the PRESIDENT said president", "U.S. Secretary of State", "aaa"} {
		for _, sub := range []string{"a", "president", "PRESIDENT", "Secretary of State", "aa", "x"} {
			if got, n := claimIndexFold(s, sub, false); got != strings.Index(strings.ToLower(s), strings.ToLower(sub)) || got >= 0 && n != len(sub) {
				t.Errorf("Index(%q, %q) = %d, %d", s, sub, got, n)
			}
			if got, n := claimIndexFold(s, sub, true); got != strings.LastIndex(strings.ToLower(s), strings.ToLower(sub)) || got >= 0 && n != len(sub) {
				t.Errorf("LastIndex(%q, %q) = %d, %d", s, sub, got, n)
			}
		}
	}
	cases := []struct {
		s, sub string
		last   bool
		at, n  int
	}{
		// "İ" lower-cases to three bytes: offsets into a lowered copy
		// would land one byte late per İ.
		{"İİ President Kim", "president", true, 5, 9},
		{"Ünal, PRÄSIDENT Kim", "präsident", true, 7, 10},
		{"der präsident, PRÄSIDENT", "Präsident", false, 4, 10},
		{"Kelvin \u212a", "k", true, 7, 3},
		{"straße", "STRASSE", false, -1, 0},
	}
	for _, c := range cases {
		if at, n := claimIndexFold(c.s, c.sub, c.last); at != c.at || n != c.n {
			t.Errorf("claimIndexFold(%q, %q, %v) = %d, %d; want %d, %d", c.s, c.sub, c.last, at, n, c.at, c.n)
		}
	}
}
