package model

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
)

func TestScratchRTEStats(t *testing.T) {
	path := os.Getenv("BRIEFING_RTE3")
	if path == "" {
		t.Skip()
	}
	f, _ := os.Open(path)
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	st := map[string]int{}
	for sc.Scan() {
		var p struct {
			Label3 string `json:"label3"`
			T, H   string
		}
		json.Unmarshal(sc.Bytes(), &p)
		docs := []Document{
			{Name: "t.txt", File: "t.txt", Data: []byte(os.Getenv("RTE_PREFIX") + strings.TrimSpace(p.T) + "\n")},
			{Name: "h.txt", File: "h.txt", Data: []byte(os.Getenv("RTE_PREFIX") + strings.TrimSpace(p.H) + "\n")},
		}
		ix, _ := Open(docs, nil)
		st["pairs"]++
		if len(ix.Articles) != 2 {
			st["not2articles"]++
			continue
		}
		fr := ix.frames()
		fs := newConfFinder(ix)
		if fs.story[0] != fs.story[1] && fs.story[0] >= 0 && fs.story[1] >= 0 {
			st["diffstory"]++
			st["diffstory-"+p.Label3]++
		}
		for _, s := range ix.Sentences {
			if s.Headline {
				st["headline"]++
			}
		}
		st["sentences"] += len(ix.Sentences)
		for ci := range ix.Claims {
			for _, x := range fr[ci] {
				st["frames"]++
				if x.subj != "" {
					st["withsubj"]++
				}
				if x.class != "" {
					st["lexicon"]++
				}
				if x.neg {
					st["neg"]++
				}
			}
			st["actors"] += len(ix.Claims[ci].Actors)
		}
	}
	t.Logf("%v", st)
}

func TestScratchRTEReasons(t *testing.T) {
	path := os.Getenv("BRIEFING_RTE3")
	if path == "" {
		t.Skip()
	}
	f, _ := os.Open(path)
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	st := map[string]map[string]int{"contradiction": {}, "entailment": {}, "unknown": {}}
	for sc.Scan() {
		var p struct {
			Label3 string `json:"label3"`
			T, H   string
		}
		json.Unmarshal(sc.Bytes(), &p)
		docs := []Document{
			{Name: "t.txt", File: "t.txt", Data: []byte("Text\n\n" + strings.TrimSpace(p.T) + "\n")},
			{Name: "h.txt", File: "h.txt", Data: []byte("Hypothesis\n\n" + strings.TrimSpace(p.H) + "\n")},
		}
		ix, _ := Open(docs, nil)
		if os.Getenv("NEGONLY") != "" && negRe.MatchString(p.H) == negRe.MatchString(p.T) {
			continue
		}
		m := st[p.Label3]
		fr := ix.frames()
		fs := newConfFinder(ix)
		best := "none"
		rank := map[string]int{"none": 0, "key": 1, "subj": 2, "modal": 3, "cover": 4, "slots": 6, "polsame": 7, "objdiff": 8, "timediff": 9, "ok": 10}
		for ca := range ix.Claims {
			for cb := range ix.Claims {
				if ix.Sentences[ix.Claims[ca].Sentence].Article != 0 || ix.Sentences[ix.Claims[cb].Sentence].Article != 1 {
					continue
				}
				for i := range fr[ca] {
					for j := range fr[cb] {
						a, b := &fr[ca][i], &fr[cb][j]
						r := "key"
						if a.sameKey(b) || a.antonym(b) {
							r = "subj"
							if a.subj != "" && b.subj != "" && frameSameSubject(a, b) {
								r = "modal"
								if a.modal == b.modal {
									r = "cover"
									if fs.frameCover(a.args, b.args) >= contraMinCover {
										r = "slots"
										if _, ok := fs.frameContradiction(ca, cb, a, b); ok {
											r = "ok"
										} else if len(a.objNames) > 0 && len(b.objNames) > 0 && confCountShared(a.objNames, b.objNames) == 0 {
											r = "objdiff"
										} else if confTimesDiffer(pick(ix.Claims[ca].Times, a.clauseTimes), pick(ix.Claims[cb].Times, b.clauseTimes)) {
											r = "timediff"
										} else {
											r = "polsame"
										}
									}
								}
							}
						}
						if rank[r] > rank[best] {
							best = r
						}
					}
				}
			}
		}
		m[best]++
	}
	for k, v := range st {
		t.Logf("%s %v", k, v)
	}
}

var negRe = regexp.MustCompile(`(?i)\b(not|no|never|n't|none|nobody|nothing|without|neither|nor|cannot|failed|refused|denied)\b`)

func pick(ts []TimeRef, idx []int) []TimeRef {
	var out []TimeRef
	for _, i := range idx {
		out = append(out, ts[i])
	}
	return out
}

func TestScratchRTECover(t *testing.T) {
	path := os.Getenv("BRIEFING_RTE3")
	if path == "" {
		t.Skip()
	}
	f, _ := os.Open(path)
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	st := map[string]map[int]int{"contradiction": {}, "entailment": {}, "unknown": {}}
	for sc.Scan() {
		var p struct {
			Label3 string `json:"label3"`
			T, H   string
		}
		json.Unmarshal(sc.Bytes(), &p)
		docs := []Document{
			{Name: "t.txt", File: "t.txt", Data: []byte("Text\n\n" + strings.TrimSpace(p.T) + "\n")},
			{Name: "h.txt", File: "h.txt", Data: []byte("Hypothesis\n\n" + strings.TrimSpace(p.H) + "\n")},
		}
		ix, _ := Open(docs, nil)
		fs := newConfFinder(ix)
		best := 0.0
		for ca := range ix.Claims {
			for cb := range ix.Claims {
				if ix.Sentences[ix.Claims[ca].Sentence].Article != 0 || ix.Sentences[ix.Claims[cb].Sentence].Article != 1 || ix.Sentences[ix.Claims[cb].Sentence].Headline || ix.Sentences[ix.Claims[ca].Sentence].Headline {
					continue
				}
				c := fs.frameCover(ix.claimDetails[ca].lemmas, ix.claimDetails[cb].lemmas)
				if c > best {
					best = c
				}
			}
		}
		st[p.Label3][int(best*10)]++
	}
	for k, v := range st {
		t.Logf("%s %v", k, v)
	}
}

func TestScratchContraExamples(t *testing.T) {
	pairs := [][2]string{
		{"The Italian parliament approved the new budget on Tuesday after a long debate.", "The Italian parliament did not approve the new budget."},
		{"Bill Gates founded Microsoft in 1975 with Paul Allen in Albuquerque.", "Microsoft was founded in 1980."},
		{"The company reported a profit of $5 million in the first quarter of the year.", "The company reported a loss in the first quarter."},
		{"Police arrested the suspect in Paris on Monday after a long chase.", "The suspect was arrested in Berlin."},
		{"The Brazilian team won the final against Germany in Yokohama.", "The Brazilian team lost the final against Germany."},
		{"At least 30 people were killed when a bus crashed into a river near Lima.", "45 people were killed when a bus crashed into a river."},
		{"Maria Sharapova, the Russian tennis star, is not married.", "Maria Sharapova is married to a tennis player."},
		{"John Smith was elected mayor of Springfield in 2004 by a wide margin.", "Peter Jones was elected mayor of Springfield in 2004."},
	}
	for _, p := range pairs {
		ix := openTexts(t, "Text\n\n"+p[0]+"\n", "Hypothesis\n\n"+p[1]+"\n")
		fr := ix.frames()
		fmt.Println("T:", p[0], "\nH:", p[1])
		for ci := range ix.Claims {
			s := ix.Sentences[ix.Claims[ci].Sentence].Text
			for _, x := range fr[ci] {
				fmt.Printf("   a%d [%s/%s neg=%v mod=%s subj=%s %v] %q actors=%v obj=%v\n", ix.Sentences[ix.Claims[ci].Sentence].Article, x.class, x.stem, x.neg, x.modal, x.subj, x.subjects, s[x.start:x.end], x.actors, x.objNames)
			}
		}
		for _, c := range ix.Conflicts {
			fmt.Println("   CONFLICT", c.Kind, c.Summary)
		}
	}
}

func TestScratchRTENum(t *testing.T) {
	path := os.Getenv("BRIEFING_RTE3")
	if path == "" {
		t.Skip()
	}
	f, _ := os.Open(path)
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	st := map[string]map[string]int{"contradiction": {}, "entailment": {}, "unknown": {}}
	for sc.Scan() {
		var p struct {
			Label3 string `json:"label3"`
			T, H   string
		}
		json.Unmarshal(sc.Bytes(), &p)
		docs := []Document{
			{Name: "t.txt", File: "t.txt", Data: []byte("Text\n\n" + strings.TrimSpace(p.T) + "\n")},
			{Name: "h.txt", File: "h.txt", Data: []byte("Hypothesis\n\n" + strings.TrimSpace(p.H) + "\n")},
		}
		ix, _ := Open(docs, nil)
		fs := newConfFinder(ix)
		fx := ix.frameIndex()
		m := st[p.Label3]
		hit := map[string]bool{}
		for ca := range ix.Claims {
			for cb := range ix.Claims {
				if ix.Sentences[ix.Claims[ca].Sentence].Article != 0 || ix.Sentences[ix.Claims[cb].Sentence].Article != 1 || ix.Sentences[ix.Claims[cb].Sentence].Headline || ix.Sentences[ix.Claims[ca].Sentence].Headline {
					continue
				}
				para := fs.frameCover(fx.words[ca], fx.words[cb])
				T, H := ix.Claims[ca], ix.Claims[cb]
				for _, q := range H.Quantities {
					same, any := false, false
					for _, r := range T.Quantities {
						if r.Unit == q.Unit {
							any = true
							if !quantitiesDisjoint(q, r) {
								same = true
							}
						}
					}
					if any && !same {
						hit[fmt.Sprintf("qty%.1f", min(para, 0.9))] = true
					}
				}
				for _, q := range H.Places {
					same, any := false, false
					for _, r := range T.Places {
						any = true
						if placesCompatible(q.Norm, r.Norm) || placesCompatible(q.Text, r.Text) {
							same = true
						}
					}
					if any && !same {
						hit[fmt.Sprintf("place%.1f", min(para, 0.9))] = true
					}
				}
				for _, a := range H.Actors {
					if ix.Actors[a].Kind != ActorPerson {
						continue
					}
					in := false
					for _, b := range T.Actors {
						if a == b {
							in = true
						}
					}
					if !in {
						hit[fmt.Sprintf("person%.1f", min(para, 0.9))] = true
					}
				}
				for _, q := range H.Times {
					if q.Year == 0 {
						continue
					}
					same, any := false, false
					for _, r := range T.Times {
						if r.Year != 0 {
							any = true
							if r.Year == q.Year {
								same = true
							}
						}
					}
					if any && !same {
						hit[fmt.Sprintf("year%.1f", min(para, 0.9))] = true
					}
				}
			}
		}
		for k := range hit {
			m[k]++
		}
	}
	for k, v := range st {
		t.Logf("%s %v", k, v)
	}
}

func TestScratchPairDebug(t *testing.T) {
	dir := os.Getenv("SCRATCH_DIR")
	pat := os.Getenv("SCRATCH_PAT")
	if dir == "" {
		t.Skip()
	}
	docs, _, _ := Load([]string{dir}, LoadOptions{})
	ix, _ := Open(docs, nil)
	fr := ix.frames()
	for ci := range ix.Claims {
		s := ix.Sentences[ix.Claims[ci].Sentence].Text
		if !strings.Contains(s, pat) && !strings.Contains(s, os.Getenv("SCRATCH_PAT2")) {
			continue
		}
		fmt.Println(ix.Articles[ix.Sentences[ix.Claims[ci].Sentence].Article].File, s)
		for _, x := range fr[ci] {
			fmt.Printf("   [%s/%s neg=%v/%v/%v mod=%s subj=%s %v pass=%v weak=%v] %q args=%d actors=%v obj=%v\n", x.class, x.stem, x.neg, x.predNeg, x.objNeg, x.modal, x.subj, x.subjects, x.passive, x.weak, s[x.start:x.end], len(x.args), x.actors, x.objNames)
		}
	}
}
