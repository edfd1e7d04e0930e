package model

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// openTexts builds an index from plain-text articles named 001_x.txt,
// 002_x.txt, ... so summaries cite 001, 002.
func openTexts(t testing.TB, texts ...string) *Index {
	t.Helper()
	var docs []Document
	for i, s := range texts {
		name := []string{"001", "002", "003", "004", "005"}[i] + "_test.txt"
		docs = append(docs, Document{Name: name, File: name, Data: []byte(s)})
	}
	ix, err := Open(docs, nil)
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

// conflictsOf lists the conflicts of one kind.
func conflictsOf(ix *Index, kind string) []Conflict {
	var out []Conflict
	for _, c := range ix.Conflicts {
		if c.Kind == kind {
			out = append(out, c)
		}
	}
	return out
}

// checkRefs verifies that every claim reference points at its value.
func checkRefs(t *testing.T, ix *Index, c Conflict) {
	t.Helper()
	for _, r := range c.Claims {
		s := ix.Sentences[r.Sentence].Text
		if r.ValueStart < 0 || r.ValueEnd > len(s) || s[r.ValueStart:r.ValueEnd] != r.Value {
			t.Errorf("%s: value %q not at %d:%d of %q", c.ID, r.Value, r.ValueStart, r.ValueEnd, s)
		}
		if ix.Claims[r.Claim].Sentence != r.Sentence {
			t.Errorf("%s: claim %d is not sentence %d", c.ID, r.Claim, r.Sentence)
		}
	}
}

func TestConflictNumeric(t *testing.T) {
	ix := openTexts(t,
		"Ministers end talks in Brussels\nThe ministers met in Brussels on Monday. Despite nearly three hours of talks, the ministers reached no deal on fishing quotas.\n",
		"Fishing talks stall\nThe ministers met in Brussels on Monday. The meeting lasted over three hours and ended without a deal on fishing quotas.\n",
	)
	got := conflictsOf(ix, "numeric")
	if len(got) != 1 {
		t.Fatalf("want one numeric conflict, got %+v", ix.Conflicts)
	}
	c := got[0]
	if c.Severity != SeverityHard {
		t.Errorf("severity %s, want hard", c.Severity)
	}
	for _, want := range []string{"nearly three hours (001)", "over three hours (002)", "duration"} {
		if !strings.Contains(c.Summary, want) {
			t.Errorf("summary %q lacks %q", c.Summary, want)
		}
	}
	checkRefs(t, ix, c)
	if c.ID != "c1" || c.Key != StableKey("conflict", ix.SentenceKeys(c.Claims)...) {
		t.Errorf("id %s key %s", c.ID, c.Key)
	}
}

func TestConflictExpectationIsSoft(t *testing.T) {
	ix := openTexts(t,
		"Summit ends\nThe summit was expected to last up to seven hours, with both sides under pressure.\nThe leaders met on Friday and talked about trade.\n",
		"Summit ends early\nThe summit lasted over three hours before the leaders left.\nThe leaders met on Friday and talked about trade.\n",
	)
	got := conflictsOf(ix, "numeric")
	if len(got) != 1 || got[0].Severity != SeveritySoft {
		t.Fatalf("want one soft numeric conflict, got %+v", ix.Conflicts)
	}
	if !strings.Contains(got[0].Summary, "up to seven hours (001)") {
		t.Errorf("summary %q", got[0].Summary)
	}
}

func TestConflictPreviewAgainstReportIsNone(t *testing.T) {
	ix := openTexts(t,
		"Leaders will meet for a summit\nThe leaders will meet in Oslo next week. The summit will last two hours, organisers said. Both sides will discuss trade and they are expected to sign a pact.\n",
		"Leaders met for a summit\nThe leaders met in Oslo on Tuesday. The summit lasted over three hours. They signed a pact and discussed trade.\n",
	)
	if ix.Articles[0].Kind != KindPreview || ix.Articles[1].Kind != KindReport {
		t.Fatalf("kinds %s/%s, want preview/report", ix.Articles[0].Kind, ix.Articles[1].Kind)
	}
	if got := conflictsOf(ix, "numeric"); len(got) != 0 {
		t.Errorf("a preview's forecast is no conflict with the report: %+v", got)
	}
}

func TestConflictRole(t *testing.T) {
	ix := openTexts(t,
		"Carter opens summit\nFormer Prime Minister John Carter opened the summit in Geneva on Tuesday. Prime Minister John Carter then spoke about trade.\n",
		"Summit opens\nPrime Minister John Carter opened the summit in Geneva on Tuesday.\n",
		"Summit opens in Geneva\nPrime Minister John Carter welcomed the delegates in Geneva.\n",
	)
	got := conflictsOf(ix, "role")
	if len(got) != 2 {
		t.Fatalf("want a cross-source and an in-source role conflict, got %+v", ix.Conflicts)
	}
	cross, self := got[0], got[1]
	if strings.Contains(cross.Summary, "within one source") {
		cross, self = self, cross
	}
	if cross.Severity != SeverityHard || !strings.Contains(cross.Summary, "(001)") || !strings.Contains(cross.Summary, "002") {
		t.Errorf("cross-source: %+v", cross)
	}
	// One claim per source on the sitting side: 002 and 003, not 001.
	if len(cross.Claims) != 3 {
		t.Errorf("cross-source conflict has %d claims, want 3", len(cross.Claims))
	}
	if !strings.Contains(self.Summary, "within one source") || strings.Contains(self.Summary, "002") {
		t.Errorf("in-source: %q", self.Summary)
	}
	for _, c := range got {
		checkRefs(t, ix, c)
		if len(c.Actors) != 1 || c.Actors[0] != "John Carter" {
			t.Errorf("actors %v", c.Actors)
		}
	}
}

func TestConflictPlace(t *testing.T) {
	ix := openTexts(t,
		"Leaders meet\nPrime Minister John Carter and President Maria Lopez met in Geneva on Tuesday.\n",
		"Leaders meet\nPrime Minister John Carter and President Maria Lopez met in Vienna on Tuesday.\n",
		"Leaders meet\nPrime Minister John Carter and President Maria Lopez met in Switzerland on Tuesday.\n",
	)
	got := conflictsOf(ix, "place")
	if len(got) != 2 {
		t.Fatalf("want Geneva/Vienna and Switzerland/Vienna, got %+v", ix.Conflicts)
	}
	for _, c := range got {
		if strings.Contains(c.Summary, "Geneva") && strings.Contains(c.Summary, "Switzerland") {
			t.Errorf("Geneva lies in Switzerland: %q", c.Summary)
		}
		checkRefs(t, ix, c)
	}
}

func TestConflictPlaceContainment(t *testing.T) {
	ix := openTexts(t,
		"Leaders meet\nPrime Minister John Carter and President Maria Lopez met in Anchorage on Friday.\n",
		"Leaders meet\nPrime Minister John Carter and President Maria Lopez met in Alaska on Friday.\n",
	)
	if got := conflictsOf(ix, "place"); len(got) != 0 {
		t.Errorf("Anchorage is in Alaska: %+v", got)
	}
}

func TestConflictStance(t *testing.T) {
	ix := openTexts(t,
		"Talks resume\nFrance signaled openness to a new meeting with the unions.\n",
		"Talks collapse\nFrance refused to meet the unions again.\n",
	)
	got := conflictsOf(ix, "stance")
	if len(got) != 1 || got[0].Severity != SeverityHard {
		t.Fatalf("want one hard stance conflict, got %+v", ix.Conflicts)
	}
	if !strings.Contains(got[0].Summary, "openness to a new meeting (001)") || !strings.Contains(got[0].Summary, "refused to meet (002)") {
		t.Errorf("summary %q", got[0].Summary)
	}
	checkRefs(t, ix, got[0])
}

func TestConflictNegation(t *testing.T) {
	ix := openTexts(t,
		"Treaty signed\nGermany signed the fisheries treaty in Oslo.\n",
		"Treaty stalls\nGermany did not sign the fisheries treaty in Oslo.\n",
	)
	got := conflictsOf(ix, "negation")
	if len(got) != 1 || got[0].Severity != SeverityHard {
		t.Fatalf("want one hard negation conflict, got %+v", ix.Conflicts)
	}
	checkRefs(t, ix, got[0])
}

func TestConflictList(t *testing.T) {
	ix := openTexts(t,
		"Pact signed\nThe trade pact was signed by France, Germany and Italy after long talks.\n",
		"Pact signed\nThe trade pact was signed by France, Germany and Spain after long talks.\n",
		"Pact signed\nThe trade pact was signed by France and Germany after long talks.\n",
	)
	got := conflictsOf(ix, "other")
	if len(got) != 1 {
		t.Fatalf("want one list conflict (a shorter list is no conflict), got %+v", ix.Conflicts)
	}
	c := got[0]
	if c.Severity != SeverityHard || !strings.Contains(c.Summary, "Italy") || !strings.Contains(c.Summary, "Spain") {
		t.Errorf("list conflict %+v", c)
	}
	checkRefs(t, ix, c)
}

func TestConflictNoneOnAgreement(t *testing.T) {
	ix := openTexts(t,
		"Quake strikes\nAt least 38 people were killed when the earthquake struck the coast on Sunday.\n",
		"Quake kills dozens\nThe earthquake killed 40 people when it struck the coast on Sunday.\n",
	)
	if len(ix.Conflicts) != 0 {
		t.Errorf("at least 38 and 40 agree: %+v", ix.Conflicts)
	}
}

func TestConflictKeysStable(t *testing.T) {
	a := "Ministers end talks in Brussels\nDespite nearly three hours of talks, the ministers reached no deal on fishing quotas.\n"
	b := "Fishing talks stall\nThe meeting lasted over three hours and ended without a deal on fishing quotas.\n"
	c := "Weather report\nIt rained in Madrid on Sunday and the streets flooded.\n"
	ix1 := openTexts(t, a, b)
	ix2 := openTexts(t, c, b, a)
	if len(ix1.Conflicts) != 1 || len(ix2.Conflicts) != 1 {
		t.Fatalf("conflicts: %d and %d", len(ix1.Conflicts), len(ix2.Conflicts))
	}
	if ix1.Conflicts[0].Key != ix2.Conflicts[0].Key {
		t.Errorf("key changed with article order: %s vs %s", ix1.Conflicts[0].Key, ix2.Conflicts[0].Key)
	}
}

func TestConflictOrder(t *testing.T) {
	ix := openTexts(t,
		"Summit ends\nThe summit was expected to last up to seven hours.\nDespite nearly three hours of talks, the ministers reached no deal on fishing quotas.\n",
		"Summit ends early\nThe summit lasted over three hours before the ministers left without a deal on fishing quotas.\n",
	)
	if len(ix.Conflicts) < 2 {
		t.Fatalf("want a hard and a soft conflict, got %+v", ix.Conflicts)
	}
	for i, c := range ix.Conflicts {
		if c.ID != "c"+itoa(i+1) {
			t.Errorf("conflict %d has id %s", i, c.ID)
		}
		if i > 0 && c.Severity == SeverityHard && ix.Conflicts[i-1].Severity == SeveritySoft {
			t.Errorf("hard conflict %s after a soft one", c.ID)
		}
	}
}

func TestSourceLabels(t *testing.T) {
	ix := &Index{Articles: []*Article{{File: "001_a.txt", ID: "a1"}, {File: "002_b.txt", ID: "a2"}}}
	if got := strings.Join(ix.SourceLabels(), ","); got != "001,002" {
		t.Errorf("got %s", got)
	}
	ix = &Index{Articles: []*Article{{File: "5_1ecb.txt", ID: "a1"}, {File: "5_2ecb.txt", ID: "a2"}}}
	if got := strings.Join(ix.SourceLabels(), ","); got != "5_1ecb,5_2ecb" {
		t.Errorf("got %s", got)
	}
	ix = &Index{Articles: []*Article{{File: "feed.xml#item 1", ID: "a1"}, {File: "feed.xml#item 1", ID: "a2"}}}
	if got := strings.Join(ix.SourceLabels(), ","); got != "a1,a2" {
		t.Errorf("got %s", got)
	}
}

// benchClaimCorpus is the seed articles repeated n times under new names,
// with their figures shifted per copy so copies disagree: a corpus with
// many aligned claims, the dense case for blocking.
func benchClaimCorpus(b *testing.B, n int) []Document {
	files, err := filepath.Glob(filepath.Join("..", "seeds", "*"))
	if err != nil || len(files) == 0 {
		b.Skip("no seed articles")
	}
	var docs []Document
	for k := 0; k < n; k++ {
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			text := strings.NewReplacer("three", []string{"three", "four", "two"}[k%3], "seven", []string{"seven", "six"}[k%2]).Replace(string(data))
			name := fmt.Sprintf("%03d_%s", k*len(files)+len(docs)%len(files), filepath.Base(f))
			docs = append(docs, Document{Name: name, File: name, Data: []byte(text)})
		}
	}
	return docs
}

// BenchmarkFindConflicts times the claim, conflict and agreement stages on
// an index whose earlier stages ran once.
func BenchmarkFindConflicts(b *testing.B) {
	for _, n := range []int{1, 20} {
		b.Run(fmt.Sprintf("seeds-x%d", n), func(b *testing.B) {
			docs := benchClaimCorpus(b, n)
			ix, err := Open(docs, nil)
			if err != nil {
				b.Fatal(err)
			}
			size := 0
			for _, d := range docs {
				size += len(d.Data)
			}
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for b.Loop() {
				ix.extractClaims()
				ix.findConflicts()
				ix.findAgreements()
			}
			b.ReportMetric(float64(len(ix.Conflicts)), "conflicts")
		})
	}
}

func TestConflictStoriesKeptApart(t *testing.T) {
	// Two stories, each told by two sources that agree: the tolls of
	// different storms are not a contradiction.
	a := "Storm hits Lyon\nMayor Claire Dubois said the storm killed 12 people in Lyon on Monday. Mayor Claire Dubois visited the shelters.\n"
	b := "Lyon storm\nThe storm killed 12 people in Lyon on Monday, Mayor Claire Dubois said. Claire Dubois thanked the rescuers.\n"
	c := "Storm hits Porto\nMayor Rui Costa said the storm killed 40 people in Porto on Monday. Mayor Rui Costa visited the shelters.\n"
	d := "Porto storm\nThe storm killed 40 people in Porto on Monday, Mayor Rui Costa said. Rui Costa thanked the rescuers.\n"
	ix := openTexts(t, a, b, c, d)
	if len(ix.Conflicts) != 0 {
		t.Errorf("stories with their own tolls: %+v", ix.Conflicts)
	}
	st := ix.claimLex.stories
	if st[0] != st[1] || st[2] != st[3] || st[0] == st[2] {
		t.Errorf("stories %v, want {0,1} and {2,3}", st)
	}
}

// conflictBetween finds a conflict with claims from both articles.
func conflictBetween(ix *Index, a, b int) *Conflict {
	for i, c := range ix.Conflicts {
		in := map[int]bool{}
		for _, r := range c.Claims {
			in[ix.Sentences[r.Sentence].Article] = true
		}
		if in[a] && in[b] {
			return &ix.Conflicts[i]
		}
	}
	return nil
}

func TestConflictFrameNegation(t *testing.T) {
	// The same subject and predicate, one source denying it.
	ix := openTexts(t,
		"Profile\nMaria Sharapova, the Russian tennis star, is not married.\n",
		"Wedding\nMaria Sharapova is married to a tennis player.\n",
	)
	c := conflictBetween(ix, 0, 1)
	if c == nil || c.Kind != "negation" || c.Severity != SeverityHard {
		t.Fatalf("want a hard negation conflict, got %+v", ix.Conflicts)
	}
	if !strings.HasPrefix(c.Summary, "Maria Sharapova: ") {
		t.Errorf("summary %q should name the subject", c.Summary)
	}
	checkRefs(t, ix, *c)
}

func TestConflictAntonyms(t *testing.T) {
	ix := openTexts(t,
		"Final\nThe Brazilian team won the final against Germany in Yokohama.\n",
		"Final report\nThe Brazilian team lost the final against Germany.\n",
	)
	if c := conflictBetween(ix, 0, 1); c == nil || c.Kind != "negation" {
		t.Fatalf("won / lost the same final: want a conflict, got %+v", ix.Conflicts)
	}
	// Opposed words in one statement told twice.
	ix = openTexts(t,
		"Results\nThe company reported a profit of $5 million in the first quarter of the year.\n",
		"Quarterly results\nThe company reported a loss in the first quarter.\n",
	)
	if c := conflictBetween(ix, 0, 1); c == nil {
		t.Fatalf("a profit / a loss in the same quarter: want a conflict, got %+v", ix.Conflicts)
	}
}

func TestConflictFrameNotOnOtherSubject(t *testing.T) {
	// Two players' figures, one predicate: no contradiction.
	ix := openTexts(t,
		"Game\nPeyton Manning completed 29 of 34 passes for 364 yards in the victory over David Garrard and the Jaguars.\n",
		"Game report\nDavid Garrard completed 28 of 41 passes for 329 yards in the defeat by Peyton Manning and the Colts.\n",
	)
	if c := conflictBetween(ix, 0, 1); c != nil {
		t.Errorf("two players' passes are no conflict: %+v", c)
	}
}

func TestConflictFrameObjectNegationIsNoDenial(t *testing.T) {
	// "escaped without injury" says they escaped.
	ix := openTexts(t,
		"Shooting\nThe other guests at the party escaped, police said.\n",
		"Party shooting\nThe other guests at the party escaped without injury, police said.\n",
	)
	if c := conflictBetween(ix, 0, 1); c != nil && c.Kind == "negation" {
		t.Errorf("escaped / escaped without injury is no denial: %+v", c)
	}
}
