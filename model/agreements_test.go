package model

import (
	"strings"
	"testing"
)

func TestAgreementCopiedTextCountsOnce(t *testing.T) {
	wire := "A powerful earthquake struck the northern coast on Sunday, killing 12 people and destroying hundreds of homes, officials said. Rescue teams searched the rubble through the night as aftershocks rattled the region and frightened residents slept in the streets."
	ix := openTexts(t,
		"Quake hits coast\n"+wire+"\n",
		"Deadly earthquake on the coast\n"+wire+"\n",
		"Deadly quake\nTwelve people died when a strong earthquake hit the northern coast on Sunday and destroyed hundreds of homes.\n",
	)
	var found *Agreement
	for i, g := range ix.Agreements {
		arts := map[int]bool{}
		for _, c := range g.Claims {
			arts[ix.Sentences[c.Sentence].Article] = true
		}
		if arts[0] && arts[1] && arts[2] {
			found = &ix.Agreements[i]
		}
	}
	if found == nil {
		t.Fatalf("no agreement of all three sources: %+v", ix.Agreements)
	}
	if found.Independent != 2 {
		t.Errorf("independent = %d, want 2 (001 and 002 share the wire text)", found.Independent)
	}
	if found.Key != StableKey("agreement", ix.SentenceKeys(found.Claims)...) {
		t.Errorf("key %s is not the stable key of its sentences", found.Key)
	}
	if !strings.Contains(found.Summary, "001, 002, 003") {
		t.Errorf("summary %q should name the sources", found.Summary)
	}
	if found.ID != "g1" {
		t.Errorf("the widest agreement should be g1, is %s", found.ID)
	}
}

func TestAgreementNotOnContradiction(t *testing.T) {
	ix := openTexts(t,
		"Treaty signed\nGermany signed the fisheries treaty in Oslo on Monday after long talks.\n",
		"Treaty stalls\nGermany did not sign the fisheries treaty in Oslo on Monday after long talks.\n",
	)
	if len(ix.Agreements) != 0 {
		t.Errorf("a claim and its negation are no agreement: %+v", ix.Agreements)
	}
}
