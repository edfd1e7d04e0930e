package model

import (
	"strings"
	"testing"
)

// Triage is keyed by Conflict.Key and Agreement.Key: reordering the
// articles or adding one must leave the keys of the other items alone.
func TestItemKeysSurviveReorderAndAddedArticle(t *testing.T) {
	docs := seedDocs(t)
	base, err := Open(docs, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(base.Conflicts) == 0 {
		t.Fatal("the seeds give no conflicts to key")
	}
	keys := func(ix *Index) map[string]string {
		m := map[string]string{}
		for _, c := range ix.Conflicts {
			m[c.Key] = c.Summary
		}
		for _, g := range ix.Agreements {
			m[g.Key] = g.Summary
		}
		return m
	}
	want := keys(base)

	reversed := make([]Document, len(docs))
	for i, d := range docs {
		reversed[len(docs)-1-i] = d
	}
	extra := Document{Name: "extra.txt", File: "extra.txt", Data: []byte(
		"Harbour workers strike over pay\nDock workers in a port city walked out on Monday after talks on wages failed, a union spokesman said.\n")}
	for name, ds := range map[string][]Document{
		"reversed":      reversed,
		"article added": append(append([]Document(nil), docs...), extra),
	} {
		ix, err := Open(ds, nil)
		if err != nil {
			t.Fatal(err)
		}
		got := keys(ix)
		for k, summary := range want {
			if _, ok := got[k]; !ok {
				t.Errorf("%s: item %q lost its key %s", name, summary, k)
			}
		}
	}
}

func TestReportListsTriagedClaims(t *testing.T) {
	ix, err := Open(seedDocs(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	s := ix.Sentences[3]
	key := StableKey("claim", s.Text)
	rep := NewReport(ix, func(k string) (Triage, bool) {
		if k == key {
			return Triage{Status: "flagged", Note: "check the wire copy", By: "ana"}, true
		}
		return Triage{}, false
	})
	if len(rep.Claims) != 1 || rep.Claims[0].Sentence != s.Text || rep.Claims[0].Triage.Status != "flagged" {
		t.Fatalf("claims = %+v", rep.Claims)
	}
	md := Markdown(rep)
	if !strings.Contains(md, "Claims triaged on their own") || !strings.Contains(md, "check the wire copy") {
		t.Fatalf("markdown lacks the claim:\n%s", md)
	}
	if len(NewReport(ix, nil).Claims) != 0 {
		t.Fatal("claims without triage data")
	}
}

func TestNormalizeForKey(t *testing.T) {
	for in, want := range map[string]string{
		"The  talks lasted 3 hours.": "the talks lasted 3 hours",
		"  --Hello, World!-- ":       "hello world",
		"Ça VA — “Très” bien, 3½!":   "ça va très bien 3",
		"a\xffb":                     "a b",
		"ÖZİL’s goal":                "özil s goal",
		"":                           "",
	} {
		if got := normalizeForKey(in); got != want {
			t.Errorf("normalizeForKey(%q) = %q, want %q", in, got, want)
		}
	}
}
