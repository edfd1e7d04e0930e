package model

import (
	"math"
	"sort"
	"strings"
	"unicode"
)

// Tuning of agreement finding.
const (
	agrShingle      = 8    // words per shingle when looking for copied text
	agrSample       = 4    // one shingle in agrSample is compared
	agrCopiedRuns   = 3    // shared sampled shingles that make two articles one source
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
	if len(ix.claimDetails) != len(ix.Claims) || ix.claimLex == nil {
		return
	}
	f := newConfFinder(ix)
	copied := agrCopiedArticles(ix)

	// Block each claim on its rarest lemmas.
	blocks := newConfBlocks[lemmaID]()
	for ci, d := range ix.claimDetails {
		if len(d.lemmas) < agrMinLemmas {
			continue
		}
		for _, l := range f.rarest(d.lemmas, agrKeysPerClaim) {
			blocks.add(l, ci)
		}
	}
	uf := newAgrUnion(len(ix.Claims))
	linked := make([]bool, len(ix.Claims))
	blocks.pairs(func(x, y int) {
		if f.article(x) == f.article(y) || !f.comparable(x, y) {
			return
		}
		cos, _ := f.overlap(ix.claimDetails[x].lemmas, ix.claimDetails[y].lemmas)
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
func (f *confFinder) rarest(lemmas []lemmaID, n int) []lemmaID {
	maxW := math.Log(float64(len(f.ix.claimDetails)+1)/2) + 1e-9
	ls := make([]lemmaID, 0, len(lemmas))
	for _, l := range lemmas {
		if f.weight(l) <= maxW {
			ls = append(ls, l)
		}
	}
	sort.Slice(ls, func(i, j int) bool {
		wi, wj := f.weight(ls[i]), f.weight(ls[j])
		if wi != wj {
			return wi > wj
		}
		return ls[i] < ls[j]
	})
	if len(ls) > n {
		ls = ls[:n]
	}
	return ls
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
	owner := map[uint64]int32{}
	shared := map[[2]int32]int{}
	var words []uint64
	for ai, a := range ix.Articles {
		words = agrWordHashes(words[:0], a.Text)
		for i := 0; i+agrShingle <= len(words); i++ {
			h := uint64(14695981039346656037)
			for _, w := range words[i : i+agrShingle] {
				h = (h ^ w) * 1099511628211
			}
			// A fixed sample of the shingles (one in agrSample, chosen by
			// hash, so every article samples the same ones) finds long
			// shared runs at a fraction of the cost.
			if h%agrSample != 0 {
				continue
			}
			if o, ok := owner[h]; ok {
				if int(o) != ai {
					shared[[2]int32{o, int32(ai)}]++
				}
				continue
			}
			owner[h] = int32(ai)
		}
	}
	keys := make([][2]int32, 0, len(shared))
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
			uf.union(int(k[0]), int(k[1]))
		}
	}
	return agrSources{uf}
}

// agrWordHashes appends the hashes of the lower-cased words of a text.
func agrWordHashes(out []uint64, text string) []uint64 {
	const offset, prime = 14695981039346656037, 1099511628211
	h := uint64(offset)
	in := false
	for _, r := range text {
		if r == '\'' || r == '’' {
			continue
		}
		if r < 128 {
			if r >= 'A' && r <= 'Z' {
				r += 'a' - 'A'
			}
			if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
				h = (h ^ uint64(r)) * prime
				in = true
				continue
			}
		} else if unicode.IsLetter(r) || unicode.IsDigit(r) {
			h = (h ^ uint64(unicode.ToLower(r))) * prime
			in = true
			continue
		}
		if in {
			out = append(out, h)
			h, in = offset, false
		}
	}
	if in {
		out = append(out, h)
	}
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
