package model

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// TestAgreementGold scores agreements against a hand-made gold file (the
// "agreements" key of the eval gold: each with quotes, a file prefix and
// an exact substring). A detected agreement matches a gold one when its
// claims' sentences contain at least two of the gold quotes. It only
// reports; it runs when BRIEFING_GOLD names the gold JSON. The corpus is
// BRIEFING_GOLD_CORPUS, else the gold's "corpus" folder at the repository
// root.
func TestAgreementGold(t *testing.T) {
	path := os.Getenv("BRIEFING_GOLD")
	if path == "" {
		t.Skip("set BRIEFING_GOLD to the gold JSON to evaluate agreements")
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var gold struct {
		Corpus     string `json:"corpus"`
		Agreements []struct {
			ID     string `json:"id"`
			What   string `json:"what"`
			Quotes []struct {
				File  string `json:"file"`
				Quote string `json:"quote"`
			} `json:"quotes"`
		} `json:"agreements"`
	}
	if err := json.Unmarshal(raw, &gold); err != nil {
		t.Fatal(err)
	}
	dir := os.Getenv("BRIEFING_GOLD_CORPUS")
	if dir == "" {
		dir = filepath.Join("..", gold.Corpus)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var docs []Document
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, Document{Name: e.Name(), File: e.Name(), Data: data})
	}
	ix, err := Open(docs, nil)
	if err != nil {
		t.Fatal(err)
	}
	fold := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	matchedGold := map[string]bool{}
	good := 0
	for _, g := range ix.Agreements {
		var hits []string
		for _, ga := range gold.Agreements {
			n := 0
			for _, q := range ga.Quotes {
				for _, c := range g.Claims {
					s := ix.Sentences[c.Sentence]
					if strings.HasPrefix(ix.Articles[s.Article].File, q.File) && strings.Contains(fold(s.Text), fold(q.Quote)) {
						n++
						break
					}
				}
			}
			if n >= 2 {
				hits = append(hits, ga.ID)
				matchedGold[ga.ID] = true
			}
		}
		label := "extra"
		if len(hits) > 0 {
			good++
			label = "gold " + strings.Join(hits, ",")
		}
		t.Logf("%-5s %s [%d independent] %s", g.ID, label, g.Independent, g.Summary)
	}
	var missed []string
	for _, ga := range gold.Agreements {
		if !matchedGold[ga.ID] {
			missed = append(missed, ga.ID)
		}
	}
	sort.Strings(missed)
	recall, precision := 0.0, 0.0
	if len(gold.Agreements) > 0 {
		recall = float64(len(matchedGold)) / float64(len(gold.Agreements))
	}
	if len(ix.Agreements) > 0 {
		precision = float64(good) / float64(len(ix.Agreements))
	}
	t.Logf("agreements: detected=%d gold=%d matched=%d recall=%.2f precision=%.2f missed=%v",
		len(ix.Agreements), len(gold.Agreements), len(matchedGold), recall, precision, missed)
}
