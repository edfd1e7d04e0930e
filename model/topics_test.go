package model

import (
	"strings"
	"testing"
)

// topicNamed returns the topic with this name, or nil.
func topicNamed(ix *Index, name string) *Topic {
	for _, t := range ix.Topics {
		if t.Name == name {
			return t
		}
	}
	return nil
}

func topicDump(ix *Index) string {
	var b strings.Builder
	for _, t := range ix.Topics {
		b.WriteString(t.Name + "[" + strings.Join(t.Keywords, "|") + "]; ")
	}
	return b.String()
}

func TestTopicsVocabularyAndDiscoveredPhrases(t *testing.T) {
	ix := actTestIndex(t,
		"Talks in Geneva end without a truce\n"+
			"Negotiators failed to agree on a ceasefire on Monday.\n"+
			"Both sides said the grain corridor must stay open, and a prisoner exchange was discussed.\n"+
			"Shelling continued overnight, killing three civilians.\n",
		"No ceasefire after Geneva talks\n"+
			"The cease-fire talks collapsed, officials said.\n"+
			"Ships kept using the grain corridor through the night.\n"+
			"Officials said the grain corridor was the only point of agreement.\n")
	cf := topicNamed(ix, "ceasefire")
	if cf == nil {
		t.Fatalf("no ceasefire topic: %s", topicDump(ix))
	}
	for _, kw := range []string{"ceasefire", "truce", "cease-fire"} {
		if !actContains(cf.Keywords, kw) {
			t.Errorf("ceasefire keywords %q lack %q", cf.Keywords, kw)
		}
	}
	if cf.Mentions["art1.txt"] != 2 || cf.Mentions["art2.txt"] != 2 {
		t.Errorf("ceasefire sentences per file: %v", cf.Mentions)
	}
	// A phrase that recurs across sources becomes a topic of its own.
	gc := topicNamed(ix, "grain corridor")
	if gc == nil || len(gc.Mentions) != 2 || len(gc.Sentences) != 3 {
		t.Fatalf("grain corridor: %+v (%s)", gc, topicDump(ix))
	}
	for _, m := range gc.Spans {
		if got := ix.Sentences[m.Sentence].Text[m.Start:m.End]; got != "grain corridor" {
			t.Errorf("span %q", got)
		}
	}
	if topicNamed(ix, "prisoners and hostages") == nil || topicNamed(ix, "attacks and casualties") == nil {
		t.Errorf("vocabulary topics missing: %s", topicDump(ix))
	}
	// Names are never key phrases.
	for _, tp := range ix.Topics {
		if strings.Contains(strings.ToLower(tp.Name), "geneva") {
			t.Errorf("name as topic: %q", tp.Name)
		}
	}
	// The per-sentence lookup agrees with the topics' sentences.
	for ti, tp := range ix.Topics {
		for _, s := range tp.Sentences {
			found := false
			for _, x := range ix.SentenceTopics(s) {
				found = found || int(x) == ti
			}
			if !found {
				t.Errorf("sentence %d lacks topic %q", s, tp.Name)
			}
		}
	}
	for i := 1; i < len(ix.Topics); i++ {
		if len(ix.Topics[i].Mentions) > len(ix.Topics[i-1].Mentions) {
			t.Errorf("topics not ordered by coverage at %d", i)
		}
	}
}

func TestTopicsWordForms(t *testing.T) {
	// Keywords match their plural or singular, not whatever shares a stem.
	ix := actTestIndex(t, "The importance of the deal was clear.\nImports of grain fell; sanctions bit.\n")
	et := topicNamed(ix, "economy and trade")
	if et == nil || len(et.Sentences) != 1 || !actContains(et.Keywords, "imports") {
		t.Errorf("economy and trade: %+v", et)
	}
	if topicNamed(ix, "sanctions") == nil {
		t.Errorf("no sanctions topic: %s", topicDump(ix))
	}
}

func TestTopicsSeeds(t *testing.T) {
	ix := actTestIndexDocs(t, seedDocs(t))
	for _, name := range []string{"ceasefire", "territory", "sanctions", "security guarantees", "nuclear arms control", "NATO and alliances"} {
		if topicNamed(ix, name) == nil {
			t.Errorf("no %q topic: %s", name, topicDump(ix))
		}
	}
	var hours bool
	for _, tp := range ix.Topics {
		hours = hours || strings.Contains(tp.Name, "hours")
	}
	if !hours {
		t.Errorf("the recurring phrase about hours is not a topic: %s", topicDump(ix))
	}
}

func BenchmarkIndexTopics(b *testing.B) {
	ix := actBenchIndex(b)
	ix.indexActors()
	b.SetBytes(actSentenceBytes(ix))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ix.indexTopics()
	}
}
