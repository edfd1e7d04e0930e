package model

import (
	"strconv"
	"strings"
	"testing"
)

// actTestIndex parses plain-text articles and runs the stages up to topics.
func actTestIndex(t testing.TB, texts ...string) *Index {
	t.Helper()
	var docs []Document
	for i, s := range texts {
		name := "art" + strconv.Itoa(i+1) + ".txt"
		docs = append(docs, Document{Name: name, File: name, Data: []byte(s)})
	}
	return actTestIndexDocs(t, docs)
}

func actTestIndexDocs(t testing.TB, docs []Document) *Index {
	t.Helper()
	var arts []*Article
	for _, d := range docs {
		as, err := ParseDocument(d)
		if err != nil {
			t.Fatalf("%s: %v", d.Name, err)
		}
		arts = append(arts, as...)
	}
	ix := &Index{Articles: arts}
	ix.splitSentences()
	ix.indexActors()
	ix.indexTopics()
	return ix
}

// actNamed returns the actors having name among their name and aliases.
func actNamed(ix *Index, name string) []*Actor {
	var out []*Actor
	for _, a := range ix.Actors {
		if a.Name == name || actContains(a.Aliases, name) {
			out = append(out, a)
		}
	}
	return out
}

// actOne fails unless exactly one actor carries every given name.
func actOne(t *testing.T, ix *Index, names ...string) *Actor {
	t.Helper()
	var found *Actor
	for _, n := range names {
		got := actNamed(ix, n)
		if len(got) != 1 {
			t.Fatalf("%q: %d actors, want 1 (actors: %s)", n, len(got), actDump(ix))
		}
		if found != nil && got[0] != found {
			t.Fatalf("%q and %q are split: %q vs %q", names[0], n, found.Name, got[0].Name)
		}
		found = got[0]
	}
	return found
}

func actDump(ix *Index) string {
	var b strings.Builder
	for _, a := range ix.Actors {
		b.WriteString(a.Name + "(" + a.Kind + ")" + strings.Join(a.Aliases, "|") + "; ")
	}
	return b.String()
}

func TestActorsMergeTitlesAndSurnames(t *testing.T) {
	ix := actTestIndex(t,
		"German Chancellor Angela Merkel met French President Emmanuel Macron in Paris on Monday.\n"+
			"Merkel said the talks on the budget had been useful, and Macron agreed.\n"+
			"Later, Chancellor Merkel flew back to Berlin.\n",
		"Angela Merkel and Emmanuel Macron disagreed on farm subsidies.\n"+
			"According to Merkel, a compromise is near.\n")
	merkel := actOne(t, ix, "Angela Merkel", "Merkel")
	if merkel.Kind != ActorPerson || merkel.Name != "Angela Merkel" {
		t.Errorf("Merkel: name %q kind %q", merkel.Name, merkel.Kind)
	}
	if got := merkel.Roles["art1.txt"]; !actContains(got, "German Chancellor") || !actContains(got, "Chancellor") {
		t.Errorf("Merkel roles in art1: %q", got)
	}
	if merkel.Mentions["art1.txt"] != 3 || merkel.Mentions["art2.txt"] != 2 {
		t.Errorf("Merkel mentions: %v", merkel.Mentions)
	}
	macron := actOne(t, ix, "Emmanuel Macron", "Macron")
	if !actContains(macron.Roles["art1.txt"], "French President") {
		t.Errorf("Macron roles: %v", macron.Roles)
	}
	for _, junk := range []string{"Chancellor", "German Chancellor", "President", "Later", "According", "Monday"} {
		if got := actNamed(ix, junk); len(got) > 0 {
			t.Errorf("%q is not an actor: %s", junk, actDump(ix))
		}
	}
	// The title's demonym is not a second mention; the metonym is.
	germany := actOne(t, ix, "Berlin")
	if germany.Name != "Germany" || germany.Kind != ActorCountry || actContains(germany.Aliases, "German") {
		t.Errorf("Germany: %+v", germany)
	}
}

func TestActorsTransliterationVariants(t *testing.T) {
	ix := actTestIndex(t,
		"Opposition leader Alexei Navalny was detained on arrival in Moscow.\nNavalny called for protests.\n",
		"Aleksei Navalniy returned to Russia on Sunday.\nSupporters of Navalniy gathered at the airport.\n",
		"Tatiana Ivanova, a lawyer, spoke for the family. Tetiana Ivanova later denied it.\n")
	navalny := actOne(t, ix, "Alexei Navalny", "Aleksei Navalniy", "Navalny", "Navalniy")
	if navalny.Kind != ActorPerson {
		t.Errorf("kind %q", navalny.Kind)
	}
	actOne(t, ix, "Tatiana Ivanova", "Tetiana Ivanova")
	// Similar spelling alone never merges: different first letters.
	ix = actTestIndex(t, "Officials in Russia and historians of Prussia met in Bonn. Russia said little.\n")
	if len(actNamed(ix, "Prussia")) == 1 && actNamed(ix, "Prussia")[0] == actNamed(ix, "Russia")[0] {
		t.Errorf("Russia and Prussia merged: %s", actDump(ix))
	}
}

func TestActorsMetonyms(t *testing.T) {
	ix := actTestIndex(t,
		"Beijing said on Tuesday that the tariffs were unacceptable.\n"+
			"The Élysée confirmed the visit, while Washington wants a deal before the summer.\n"+
			"A spokesman for Downing Street declined to comment, and the Kremlin was silent.\n")
	want := map[string]string{"Beijing": "China", "Élysée": "France", "Washington": "United States", "Downing Street": "United Kingdom", "Kremlin": "Russia"}
	for alias, country := range want {
		a := actOne(t, ix, alias)
		if a.Name != country || a.Kind != ActorCountry {
			t.Errorf("%s: got %q (%s), want %q", alias, a.Name, a.Kind, country)
		}
	}
}

func TestActorsRejectJunk(t *testing.T) {
	ix := actTestIndex(t,
		"Skip to content\n"+
			"Ministers Agree On New Budget\n"+
			"By Jane Roe\n"+
			"However, ministers agreed on Tuesday on a budget that raises spending.\n"+
			"Speaking after the vote, finance minister Paul Durand said it was fair.\n"+
			"Share this article\n"+
			"Durand thanked the opposition.\n"+
			"Jane Roe contributed reporting.\n"+
			"Tags: budget, ministers\n")
	if got := ix.Articles[0].Byline; got != "Jane Roe" {
		t.Fatalf("byline %q", got)
	}
	for _, junk := range []string{"Skip", "However", "Speaking", "Share", "Tags", "Jane Roe", "Roe", "Ministers", "Ministers Agree", "New Budget", "Tuesday"} {
		if got := actNamed(ix, junk); len(got) > 0 {
			t.Errorf("%q is not an actor: %s", junk, actDump(ix))
		}
	}
	d := actOne(t, ix, "Paul Durand", "Durand")
	if !actContains(d.Roles["art1.txt"], "finance minister") {
		t.Errorf("Durand roles: %v", d.Roles)
	}
}

func TestActorsAppositiveRolesAndOrganizations(t *testing.T) {
	ix := actTestIndex(t,
		"Maria Lopez, the chief executive of Acme Corporation, said sales rose.\n"+
			"The Acme Corporation board met in Denver, where Lopez presented the plan.\n"+
			"Officials at the International Monetary Fund (IMF) welcomed it; the IMF said growth would pick up.\n")
	lopez := actOne(t, ix, "Maria Lopez", "Lopez")
	if !actContains(lopez.Roles["art1.txt"], "chief executive of Acme Corporation") {
		t.Errorf("Lopez roles: %v", lopez.Roles)
	}
	if a := actOne(t, ix, "Acme Corporation"); a.Kind != ActorOrganization {
		t.Errorf("Acme kind %q", a.Kind)
	}
	if a := actOne(t, ix, "International Monetary Fund", "IMF"); a.Kind != ActorOrganization {
		t.Errorf("IMF kind %q", a.Kind)
	}
	if a := actOne(t, ix, "Denver"); a.Kind != ActorPlace {
		t.Errorf("Denver kind %q", a.Kind)
	}
}

func TestActorsHyphenAndHeadline(t *testing.T) {
	ix := actTestIndex(t,
		"Biden-Xi Meeting Ends Without Deal On Taiwan\n"+
			"U.S. President Joe Biden and Chinese President Xi Jinping met for three hours.\n"+
			"The Biden-Xi talks covered trade and the US-China rivalry.\n")
	biden := actOne(t, ix, "Joe Biden", "Biden")
	xi := actOne(t, ix, "Xi Jinping", "Xi")
	if biden.Mentions["art1.txt"] != 3 || xi.Mentions["art1.txt"] != 3 {
		t.Errorf("mentions: Biden %v, Xi %v (%s)", biden.Mentions, xi.Mentions, actDump(ix))
	}
	for _, junk := range []string{"Meeting Ends", "Deal", "Biden-Xi", "Ends Without Deal"} {
		if got := actNamed(ix, junk); len(got) > 0 {
			t.Errorf("%q is not an actor: %s", junk, actDump(ix))
		}
	}
	// "U.S." stands in a title: the one mention of the country is "US-China".
	us := actOne(t, ix, "US")
	if us.Name != "United States" || actContains(us.Aliases, "U.S.") || us.Mentions["art1.txt"] != 1 {
		t.Errorf("US: %+v", us)
	}
}

func TestSentenceActorsLookup(t *testing.T) {
	ix := actTestIndex(t, "Russian President Vladimir Putin met Turkish officials in Ankara. Putin left.\n")
	refs := ix.SentenceActors(0)
	var got []string
	for _, r := range refs {
		s := ix.Sentences[0].Text[r.Start:r.End]
		got = append(got, s+"/"+ix.Actors[r.Actor].Name+"/"+r.Role)
	}
	want := "Vladimir Putin/Vladimir Putin/Russian President;Turkish/Turkey/;Ankara/Turkey/"
	if strings.Join(got, ";") != want {
		t.Errorf("got %q, want %q", strings.Join(got, ";"), want)
	}
	if i := ix.ActorByName("the kremlin"); i >= 0 {
		t.Errorf("Kremlin was never mentioned, got %d", i)
	}
	if i := ix.ActorByName("putin"); i < 0 || ix.Actors[i].Name != "Vladimir Putin" {
		t.Errorf("ActorByName(putin) = %d", i)
	}
	if ix.SentenceActors(-1) != nil || ix.SentenceActors(len(ix.Sentences)) != nil {
		t.Error("out of range must be nil")
	}
}

func TestActorsSeeds(t *testing.T) {
	ix := actTestIndexDocs(t, seedDocs(t))
	trump := actOne(t, ix, "Donald Trump", "Trump")
	actOne(t, ix, "Vladimir Putin", "Putin")
	actOne(t, ix, "Volodymyr Zelenskyy", "Zelenskyy", "Zelenskiy", "Volodymyr Zelenskiy")
	actOne(t, ix, "Steve Witkoff")
	actOne(t, ix, "Marco Rubio")
	actOne(t, ix, "Sergei Lavrov")
	actOne(t, ix, "Artis Pabriks", "Pabriks")
	actOne(t, ix, "Tetiana Harkavenko")
	actOne(t, ix, "Russia", "Moscow", "Kremlin", "Russian")
	actOne(t, ix, "Ukraine", "Kyiv", "Ukrainian")
	actOne(t, ix, "United States", "U.S.", "US", "Washington")
	actOne(t, ix, "NATO")
	actOne(t, ix, "Europe", "European")
	if len(trump.Mentions) != 5 {
		t.Errorf("Trump in %d files", len(trump.Mentions))
	}
	var formerFound bool
	for _, roles := range trump.Roles {
		formerFound = formerFound || actContains(roles, "former U.S. President")
	}
	if !formerFound {
		t.Errorf("Trump roles: %v", trump.Roles)
	}
	for _, junk := range []string{"Skip", "Read", "Leave", "Share", "Tags", "Pingback", "Spread", "Latest", "Categories", "Table of Contents", "Related", "Syed Sadat Hussain Shah"} {
		if got := actNamed(ix, junk); len(got) > 0 {
			t.Errorf("%q is not an actor", junk)
		}
	}
	for i := 1; i < len(ix.Actors); i++ {
		if actTotal(ix.Actors[i]) > actTotal(ix.Actors[i-1]) {
			t.Fatalf("actors not ordered by mentions at %d", i)
		}
	}
	// Every span is a name of its actor.
	for _, a := range ix.Actors {
		for _, m := range a.Spans {
			if s := ix.Sentences[m.Sentence].Text[m.Start:m.End]; gazFold(s) == "" {
				t.Errorf("%s: empty span", a.Name)
			}
		}
	}
}

// BenchmarkIndexActors measures the actor stage alone on the seeds,
// repeated to a few hundred kilobytes.
func BenchmarkIndexActors(b *testing.B) {
	ix := actBenchIndex(b)
	b.SetBytes(actSentenceBytes(ix))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ix.indexActors()
	}
}

func actBenchIndex(b *testing.B) *Index {
	seeds := seedDocs(b)
	var docs []Document
	for k := 0; k < 40; k++ {
		for _, d := range seeds {
			d.File = strconv.Itoa(k) + "_" + d.File
			docs = append(docs, d)
		}
	}
	var arts []*Article
	for _, d := range docs {
		as, err := ParseDocument(d)
		if err != nil {
			b.Fatal(err)
		}
		arts = append(arts, as...)
	}
	ix := &Index{Articles: arts}
	ix.splitSentences()
	return ix
}

func actSentenceBytes(ix *Index) int64 {
	var n int64
	for _, s := range ix.Sentences {
		n += int64(len(s.Text))
	}
	return n
}

// TestActorsOddInputDoesNotPanic feeds the matcher sentences made of
// punctuation, lone marks and unusual scripts.
func TestActorsOddInputDoesNotPanic(t *testing.T) {
	odd := []string{
		"", "'s", "’s", "—", "U.S.", "A.", "Mr.", "O'", "-X-", "X-", "Y'all", "al-", "von der",
		"U.S. U.S. U.S.", "THE END OF THE WORLD AS WE KNOW IT", "Él. Ñ. Ü", "Президент Путин сказал",
		"“Quoted Title” and ‘Another One’", "Secretary of", "special envoy to", "Gen. Mr. Dr.",
		"Bosnia and", "of the Congo", "Smith, the", "Smith, the chief of", "A-B-C-D", "1. 2. 3.",
		"İstanbul’s mayor Ekrem İmamoğlu spoke.", "Jones Jr. Sr. III", "🙂 Emoji Person 🙂 said",
	}
	ix := &Index{Articles: []*Article{{File: "odd.txt"}}}
	for _, s := range odd {
		ix.Sentences = append(ix.Sentences, Sentence{Text: s})
	}
	ix.indexActors()
	ix.indexTopics()
	for si := range ix.Sentences {
		for _, r := range ix.SentenceActors(si) {
			if r.Start < 0 || r.End > len(ix.Sentences[si].Text) || r.Start >= r.End {
				t.Errorf("sentence %d: bad span %+v", si, r)
			}
		}
	}
}

func TestActorsNamesOnlySentenceIsNotTitleCase(t *testing.T) {
	// Every long word is a name, but "met" is lower case: a sentence, not a
	// title-case headline, so its capitals are evidence.
	ix := actTestIndex(t, "Leaders meet\nPrime Minister John Carter and President Maria Lopez met in Geneva on Tuesday.\n")
	carter := actOne(t, ix, "John Carter")
	if !actContains(carter.Roles["art1.txt"], "Prime Minister") {
		t.Errorf("Carter roles %v", carter.Roles)
	}
	actOne(t, ix, "Maria Lopez")
	// A title-case headline only confirms names known from the text.
	ix = actTestIndex(t, "Carter Meets Lopez In Geneva As Talks Stall\nJohn Carter arrived on Monday.\n")
	actOne(t, ix, "John Carter", "Carter")
	if got := actNamed(ix, "Lopez"); len(got) > 0 {
		t.Errorf("headline-only name kept: %s", actDump(ix))
	}
}

func TestActSingleSpaced(t *testing.T) {
	for _, s := range []string{"", " ", "a", "a b", " a", "a ", "a  b", "a\tb", "a\nb", "Vladimir Putin", "José  Martí", "a\u00a0b", "a\u2003b", "\u00a0"} {
		if got, want := actSingleSpaced(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("actSingleSpaced(%q) = %q, want %q", s, got, want)
		}
	}
}

// FuzzActTokenize: the folds the tokenizer hands out, with and without
// its cache, are gazFold of the words.
func FuzzActTokenize(f *testing.F) {
	for _, s := range []string{"U.S. President Donald Trump's envoy", "Zelenskyy’s al-Assad O'Brien", "Gen. Smith met J. Doe", "ÉCOLE Straße İstanbul", "Trump-Putin ‐ 3–4 NATO's", "mr. jones"} {
		f.Add(s)
	}
	g := loadGazetteer()
	f.Fuzz(func(t *testing.T, s string) {
		cache := map[string]*actWordInfo{}
		plain := actTokenize(s, nil, g)
		cached := actTokenizeCached(s, nil, g, cache)
		again := actTokenizeCached(s, nil, g, cache)
		if len(plain) != len(cached) || len(plain) != len(again) {
			t.Fatalf("%q: %d, %d and %d tokens", s, len(plain), len(cached), len(again))
		}
		for i := range plain {
			cached[i].info, again[i].info = nil, nil
			if want := gazFold(s[plain[i].start:plain[i].end]); plain[i].fold != want || cached[i] != plain[i] || again[i] != plain[i] {
				t.Fatalf("%q: token %d folds to %q, %q and %q, want %q", s, i, plain[i].fold, cached[i].fold, again[i].fold, want)
			}
		}
	})
}
