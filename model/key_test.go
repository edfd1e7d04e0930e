package model

import (
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
