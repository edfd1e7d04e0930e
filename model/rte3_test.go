package model

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
)

// TestRTE3Contradictions evaluates the conflict finder on the RTE-3 pairs
// with 3-way labels: each pair becomes two one-sentence articles (text and
// hypothesis) and a conflict between them predicts "contradiction". It
// only reports precision and recall; it runs when BRIEFING_RTE3 names the
// pairs file (one JSON object a line: id, task, label3, t, h).
func TestRTE3Contradictions(t *testing.T) {
	path := os.Getenv("BRIEFING_RTE3")
	if path == "" {
		t.Skip("set BRIEFING_RTE3 to the RTE-3 pairs.jsonl to evaluate")
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	type pair struct {
		ID     int    `json:"id"`
		Task   string `json:"task"`
		Label3 string `json:"label3"`
		T      string `json:"t"`
		H      string `json:"h"`
	}
	type counts struct{ tp, fp, fn, n int }
	anyC, hardC := map[string]*counts{}, map[string]*counts{}
	kinds := map[string]int{}
	verbose := os.Getenv("BRIEFING_RTE3_VERBOSE") != ""
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var p pair
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			t.Fatalf("bad line: %v", err)
		}
		// One paragraph per article under a neutral title line: a lone
		// line would be read as the article's headline, and headlines are
		// read differently (title case, names only confirmed by the body).
		docs := []Document{
			{Name: "t.txt", File: "t.txt", Data: []byte("Text\n\n" + strings.TrimSpace(p.T) + "\n")},
			{Name: "h.txt", File: "h.txt", Data: []byte("Hypothesis\n\n" + strings.TrimSpace(p.H) + "\n")},
		}
		ix, err := Open(docs, nil)
		if err != nil {
			t.Fatalf("pair %d: %v", p.ID, err)
		}
		gold := p.Label3 == "contradiction"
		predAny, predHard := false, false
		for _, c := range ix.Conflicts {
			arts := map[int]bool{}
			for _, r := range c.Claims {
				arts[ix.Sentences[r.Sentence].Article] = true
			}
			if len(arts) < 2 {
				continue // a conflict inside the text is not about the hypothesis
			}
			predAny = true
			if c.Severity == SeverityHard {
				predHard = true
			}
			kinds[c.Kind]++
			if verbose {
				fmt.Printf("%d %s gold=%s %s: %s\n", p.ID, p.Task, p.Label3, c.Kind, c.Summary)
			}
		}
		for _, m := range []struct {
			c    map[string]*counts
			pred bool
		}{{anyC, predAny}, {hardC, predHard}} {
			for _, key := range []string{"all", p.Task} {
				c := m.c[key]
				if c == nil {
					c = &counts{}
					m.c[key] = c
				}
				c.n++
				switch {
				case m.pred && gold:
					c.tp++
				case m.pred && !gold:
					c.fp++
				case !m.pred && gold:
					c.fn++
				}
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	report := func(name string, m map[string]*counts) {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			c := m[k]
			p, r, f1 := 0.0, 0.0, 0.0
			if c.tp+c.fp > 0 {
				p = float64(c.tp) / float64(c.tp+c.fp)
			}
			if c.tp+c.fn > 0 {
				r = float64(c.tp) / float64(c.tp+c.fn)
			}
			if p+r > 0 {
				f1 = 2 * p * r / (p + r)
			}
			t.Logf("%-4s %-4s pairs=%3d flagged=%3d tp=%2d fp=%2d fn=%2d  P=%.3f R=%.3f F1=%.3f",
				name, k, c.n, c.tp+c.fp, c.tp, c.fp, c.fn, p, r, f1)
		}
	}
	report("any", anyC)
	report("hard", hardC)
	t.Logf("conflict kinds flagged: %v", kinds)
}
