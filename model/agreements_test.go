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

// agreementOf finds the agreement whose claims come from all the given
// articles (by index), or nil.
func agreementOf(ix *Index, arts ...int) *Agreement {
	for i, g := range ix.Agreements {
		in := map[int]bool{}
		for _, c := range g.Claims {
			in[ix.Sentences[c.Sentence].Article] = true
		}
		all := true
		for _, a := range arts {
			all = all && in[a]
		}
		if all {
			return &ix.Agreements[i]
		}
	}
	return nil
}

func TestAgreementParaphrase(t *testing.T) {
	// One claim in three wordings: a predicate class (surrender, cede,
	// give away), a paraphrase class (territory, land) and the same
	// polarity.
	ix := openTexts(t,
		"Border talks\nArmenia has firmly refused to surrender any of its lands in the talks with its neighbour.\n",
		"Talks go on\nPrime Minister Nikol Pashinyan said Armenia will not cede its territory and called for new guarantees.\n",
		"Envoys meet\nOfficials in Yerevan said on Tuesday that Armenia would never give away territory to anyone.\n",
	)
	g := agreementOf(ix, 0, 1)
	if g == nil {
		t.Fatalf("no agreement of 001 and 002: %+v", ix.Agreements)
	}
	if !strings.HasPrefix(g.Summary, "Armenia: ") || !strings.Contains(g.Summary, "(001, 002") {
		t.Errorf("summary %q should say who did what and cite the sources", g.Summary)
	}
	if g.Independent < 2 {
		t.Errorf("independent = %d, want at least 2", g.Independent)
	}
}

func TestAgreementSamePlaceAndTime(t *testing.T) {
	ix := openTexts(t,
		"Leaders meet\nChancellor Olaf Scholz and President Emmanuel Macron held a summit meeting in Geneva on Monday, their first in a year.\n",
		"Geneva summit\nOlaf Scholz and Emmanuel Macron met in Geneva on Monday to discuss energy prices.\n",
		"Paris summit\nOlaf Scholz and Emmanuel Macron met in Lisbon on Monday to discuss energy prices.\n",
	)
	g := agreementOf(ix, 0, 1)
	if g == nil {
		t.Fatalf("held a summit meeting / met, same people, place and day: want an agreement, got %+v", ix.Agreements)
	}
	if !strings.HasPrefix(g.Summary, "Emmanuel Macron and Olaf Scholz: ") {
		t.Errorf("summary %q should name both who met", g.Summary)
	}
	if g := agreementOf(ix, 1, 2); g != nil {
		t.Errorf("met in Geneva / met in Lisbon is no agreement: %+v", g)
	}
}

func TestAgreementNotOnOtherSubject(t *testing.T) {
	// The same predicate and object with another subject is another claim.
	ix := openTexts(t,
		"Contract awarded\nThe ministry said Boeing won the contract for the new tanker aircraft after a long review.\n",
		"Tanker deal\nOfficials said Airbus won the contract for the new tanker aircraft after a long review.\n",
	)
	for _, g := range ix.Agreements {
		if strings.Contains(g.Summary, "won") && len(g.Claims) > 1 {
			t.Errorf("Boeing won / Airbus won is no agreement: %q", g.Summary)
		}
	}
}

func TestAgreementNotOnWhatMayBe(t *testing.T) {
	// A fear or a demand is no report that it happened.
	ix := openTexts(t,
		"Dam fears\nResidents of Mosul fear the dam could collapse after weeks of heavy rain in the north.\n",
		"Dam collapse\nThe dam near Mosul collapsed after weeks of heavy rain in the north, officials said.\n",
	)
	if g := agreementOf(ix, 0, 1); g != nil && strings.Contains(strings.ToLower(g.Summary), "collapse") {
		t.Errorf("could collapse / collapsed is no agreement: %q", g.Summary)
	}
}

// agrSameDim must answer as comparing quantityDim's dimensions would.
func TestAgrSameDimMatchesQuantityDim(t *testing.T) {
	units := []string{"", "person", "vote", "count:person", "number"}
	for u := range qUnitCanon {
		units = append(units, u)
	}
	for _, x := range units {
		for _, y := range units {
			qx, qy := Quantity{Unit: x}, Quantity{Unit: y}
			dx, _ := quantityDim(qx)
			dy, _ := quantityDim(qy)
			if got := agrSameDim(qx, qy); got != (dx == dy) {
				t.Errorf("agrSameDim(%q, %q) = %v, dims %q and %q", x, y, got, dx, dy)
			}
		}
	}
}
