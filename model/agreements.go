package model

import (
	"hash/fnv"
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Tuning of agreement finding.
const (
	agrShingle      = 8    // words per shingle when looking for copied text
	agrCopiedRuns   = 4    // shared shingles that make two articles one source
	agrMinCosine    = 0.42 // idf-weighted cosine of two claims that say the same
	agrMinLemmas    = 4    // content words a sentence needs to be a claim worth matching
	agrKeysPerClaim = 5    // rarest lemmas a claim is blocked on
)

// findAgreements groups claims that two or more sources make: sentences
// that say the same (idf-weighted cosine of their content words over a
// threshold) without a slot that contradicts (negation, disjoint figures,
// incompatible places). Each group counts its independent sources: articles
// that share long verbatim runs (copied or wire text) count once.
func (ix *Index) findAgreements() {
	if len(ix.claimDetails) != len(ix.Claims) {
		return
	}
	f := &confFinder{ix: ix, idf: confIDF(ix), srcLabel: ix.SourceLabels(), lem: newLexLemmatizer(), story: articleStories(ix)}
	copied := agrCopiedArticles(ix)

	// Block each claim on its rarest lemmas.
	buckets := map[string][]int{}
	for ci, d := range ix.claimDetails {
		if len(d.lemmas) < agrMinLemmas {
			continue
		}
		for _, l := range f.rarest(d.lemmas, agrKeysPerClaim) {
			buckets[l] = append(buckets[l], ci)
		}
	}
	uf := newAgrUnion(len(ix.Claims))
	linked := make([]bool, len(ix.Claims))
	confPairs(buckets, func(x, y int) {
		if f.article(x) == f.article(y) || !f.comparable(x, y) {
			return
		}
		cos, _ := f.overlap(ix.claimDetails[x].lemmas, ix.claimDetails[y].lemmas)
		if confDebug != nil && cos > 0.2 {
			confDebug("agree %.2f %v\n   %s\n   %s", cos, agrContradict(ix.Claims[x], ix.Claims[y], ix.claimDetails[x], ix.claimDetails[y]), ix.Sentences[x].Text, ix.Sentences[y].Text)
		}
		if cos < agrMinCosine || agrContradict(ix.Claims[x], ix.Claims[y], ix.claimDetails[x], ix.claimDetails[y]) {
			return
		}
		uf.union(x, y)
		linked[x], linked[y] = true, true
	})

	groups := map[int][]int{}
	var roots []int
	for ci := range ix.Claims {
		if !linked[ci] {
			continue
		}
		r := uf.find(ci)
		if _, ok := groups[r]; !ok {
			roots = append(roots, r)
		}
		groups[r] = append(groups[r], ci)
	}
	var out []Agreement
	for _, r := range roots {
		claims := groups[r]
		arts := map[int]bool{}
		for _, c := range claims {
			arts[ix.Sentences[ix.Claims[c].Sentence].Article] = true
		}
		if len(arts) < 2 {
			continue
		}
		g := Agreement{Independent: copied.independent(arts)}
		var sentences []string
		perArt := map[int]bool{}
		for _, c := range claims {
			a := ix.Sentences[ix.Claims[c].Sentence].Article
			// One claim per article keeps a repeated headline from
			// crowding the group.
			if perArt[a] {
				continue
			}
			perArt[a] = true
			g.Claims = append(g.Claims, ClaimRef{Claim: c, Sentence: ix.Claims[c].Sentence})
			sentences = append(sentences, ix.Sentences[ix.Claims[c].Sentence].Text)
		}
		g.Key = StableKey("agreement", sentences...)
		g.Summary = f.agreementSummary(g)
		out = append(out, g)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Independent != out[j].Independent {
			return out[i].Independent > out[j].Independent
		}
		if len(out[i].Claims) != len(out[j].Claims) {
			return len(out[i].Claims) > len(out[j].Claims)
		}
		return out[i].Key < out[j].Key
	})
	for i := range out {
		out[i].ID = "g" + itoa(i+1)
	}
	ix.Agreements = out
}

// rarest returns up to n lemmas of a claim with the highest idf that occur
// in more than one sentence (a lemma only this sentence has blocks nothing).
func (f *confFinder) rarest(lemmas []string, n int) []string {
	type lw struct {
		l string
		w float64
	}
	maxW := math.Log(float64(len(f.ix.claimDetails)+1)/2) + 1e-9
	var ls []lw
	for _, l := range lemmas {
		w := f.weight(l)
		if w > maxW {
			continue
		}
		ls = append(ls, lw{l, w})
	}
	sort.Slice(ls, func(i, j int) bool {
		if ls[i].w != ls[j].w {
			return ls[i].w > ls[j].w
		}
		return ls[i].l < ls[j].l
	})
	out := make([]string, 0, n)
	for i := 0; i < len(ls) && i < n; i++ {
		out = append(out, ls[i].l)
	}
	return out
}

// agrContradict: two similar sentences that still disagree in a slot are
// not an agreement (the conflict stage judges them).
func agrContradict(a, b Claim, da, db claimDetail) bool {
	if a.Negated != b.Negated {
		return true
	}
	for _, x := range a.Quantities {
		for _, y := range b.Quantities {
			dx, _ := quantityDim(x)
			dy, _ := quantityDim(y)
			if dx == dy && quantitiesDisjoint(x, y) {
				return true
			}
		}
	}
	// Places of the same event ("met in ..."), not every place named.
	for _, x := range da.events {
		for _, y := range db.events {
			if x.verb == y.verb && !placesCompatible(x.place.Norm, y.place.Norm) {
				return true
			}
		}
	}
	return false
}

// agreementSummary: the most representative sentence (the one most like
// the others), shortened, with the sources that make the claim.
func (f *confFinder) agreementSummary(g Agreement) string {
	best, bestScore := 0, -1.0
	for i, x := range g.Claims {
		score := 0.0
		for j, y := range g.Claims {
			if i != j {
				c, _ := f.overlap(f.ix.claimDetails[x.Claim].lemmas, f.ix.claimDetails[y.Claim].lemmas)
				score += c
			}
		}
		// Prefer running text to headlines at equal likeness.
		if !f.ix.Sentences[x.Sentence].Headline {
			score += 0.01
		}
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	text := strings.Join(strings.Fields(f.ix.Sentences[g.Claims[best].Sentence].Text), " ")
	if len(text) > 160 {
		cut := strings.LastIndex(text[:157], " ")
		if cut < 80 {
			cut = 157
		}
		text = text[:cut] + "…"
	}
	var labels []string
	seen := map[string]bool{}
	for _, c := range g.Claims {
		l := f.srcLabel[f.ix.Sentences[c.Sentence].Article]
		if !seen[l] {
			seen[l] = true
			labels = append(labels, l)
		}
	}
	sort.Strings(labels)
	return text + " (" + strings.Join(labels, ", ") + ")"
}

// agrSources groups articles that share long verbatim runs.
type agrSources struct{ uf *agrUnion }

func (s agrSources) independent(arts map[int]bool) int {
	roots := map[int]bool{}
	for a := range arts {
		roots[s.uf.find(a)] = true
	}
	return len(roots)
}

// agrCopiedArticles finds articles that share at least agrCopiedRuns
// shingles of agrShingle words: copied or wire text, one source. It hashes
// every shingle once and counts collisions per article pair, so the cost is
// linear in the text.
func agrCopiedArticles(ix *Index) agrSources {
	uf := newAgrUnion(len(ix.Articles))
	owner := map[uint64]int{}
	shared := map[[2]int]int{}
	for ai, a := range ix.Articles {
		words := agrWordHashes(a.Text)
		seenHere := map[uint64]bool{}
		for i := 0; i+agrShingle <= len(words); i++ {
			h := uint64(14695981039346656037)
			for _, w := range words[i : i+agrShingle] {
				h = (h ^ w) * 1099511628211
			}
			if seenHere[h] {
				continue
			}
			seenHere[h] = true
			if o, ok := owner[h]; ok && o != ai {
				shared[[2]int{o, ai}]++
				continue
			}
			owner[h] = ai
		}
	}
	keys := make([][2]int, 0, len(shared))
	for k := range shared {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i][0] != keys[j][0] {
			return keys[i][0] < keys[j][0]
		}
		return keys[i][1] < keys[j][1]
	})
	for _, k := range keys {
		if shared[k] >= agrCopiedRuns {
			uf.union(k[0], k[1])
		}
	}
	return agrSources{uf}
}

// agrWordHashes hashes the lower-cased words of a text.
func agrWordHashes(text string) []uint64 {
	var out []uint64
	h := fnv.New64a()
	in := false
	flush := func() {
		if in {
			out = append(out, h.Sum64())
			h.Reset()
			in = false
		}
	}
	for _, r := range strings.ToLower(text) {
		if r == '\'' || r == '’' {
			continue
		}
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') || r > 127 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			var buf [4]byte
			n := utf8.EncodeRune(buf[:], r)
			h.Write(buf[:n])
			in = true
			continue
		}
		flush()
	}
	flush()
	return out
}

// agrUnion is a union-find over integers.
type agrUnion struct{ parent []int }

func newAgrUnion(n int) *agrUnion {
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	return &agrUnion{p}
}

func (u *agrUnion) find(x int) int {
	for u.parent[x] != x {
		u.parent[x] = u.parent[u.parent[x]]
		x = u.parent[x]
	}
	return x
}

func (u *agrUnion) union(a, b int) {
	ra, rb := u.find(a), u.find(b)
	if ra == rb {
		return
	}
	// The smaller index is the root, so groups are found in a fixed order.
	if rb < ra {
		ra, rb = rb, ra
	}
	u.parent[rb] = ra
}
