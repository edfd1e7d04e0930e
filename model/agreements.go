package model

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
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
// incompatible places), and frames that say the same in other words (one
// predicate class, polarity and actor: agree_match.go). Claims that a
// conflict sets against each other never agree. Each group counts its
// independent sources: articles that share long verbatim runs (copied or
// wire text) count once.
func (ix *Index) findAgreements() {
	if len(ix.claimDetails) != len(ix.Claims) || ix.claimLex == nil {
		return
	}
	f := newConfFinder(ix)
	copied := agrCopiedArticles(ix)

	// Block each claim on its rarest lemmas.
	// About as many rare lemmas as claims, agrKeysPerClaim per claim.
	blocks := newConfBlocksSized[lemmaID](len(ix.claimDetails), agrKeysPerClaim*len(ix.claimDetails))
	var rare []lemmaID
	for ci := range ix.claimDetails {
		d := &ix.claimDetails[ci] // a pointer: a claimDetail is 13 slices
		if len(d.lemmas) < agrMinLemmas {
			continue
		}
		rare = f.rarest(rare[:0], d.lemmas, agrKeysPerClaim)
		for _, l := range rare {
			blocks.add(l, ci)
		}
	}
	uf := newAgrUnion(len(ix.Claims))
	linked := make([]bool, len(ix.Claims))
	links := map[int]int{} // near-copy links of each claim
	conflicting := agrConflicting(ix)
	// Few claims stand in a conflict: a flag per claim spares most pairs
	// the map look-up.
	inConflict := make([]bool, len(ix.Claims))
	for k := range conflicting {
		inConflict[k>>32], inConflict[uint32(k)] = true, true
	}
	skip := func(x, y int) bool { return inConflict[x] && inConflict[y] && conflicting[agrPairKey(x, y)] }
	blocks.storyPairs(f.claimStory, func(x, y int) {
		if f.sameArticle(x, y) || skip(x, y) {
			return
		}
		cos := f.sentCosineFrom(x, y)
		if cos < agrMinCosine || agrContradict(&ix.Claims[x], &ix.Claims[y], &ix.claimDetails[x], &ix.claimDetails[y]) {
			return
		}
		uf.union(x, y)
		linked[x], linked[y] = true, true
		links[x]++
		links[y]++
	})

	// Frames are grouped on their own: one sentence may report two
	// things ("the meeting between A and B is a win for A"), each agreed
	// with by other sources, and the two groups must not merge through it.
	frames := ix.frames()
	frameBase := make([]int, len(frames)+1)
	for ci, frs := range frames {
		frameBase[ci+1] = frameBase[ci] + len(frs)
	}
	fuf := newAgrUnion(frameBase[len(frames)])
	degree := make([]int, frameBase[len(frames)]) // links per frame, at frameBase[claim]+frame
	f.frameLinks(frames, skip, func(a, b agrFrameID) {
		x, y := frameBase[a.claim]+a.frame, frameBase[b.claim]+b.frame
		fuf.union(x, y)
		degree[x]++
		degree[y]++
	})

	// The groups: frame groups first, then sentence groups that no frame
	// group already holds.
	var groups [][]int
	var groupFrames [][]agrFrameID // nil for a sentence group
	members := map[int][]int{}
	memberFrames := map[int][]agrFrameID{}
	var roots []int
	for ci, frs := range frames {
		for fi := range frs {
			id := agrFrameID{ci, fi}
			if degree[frameBase[ci]+fi] == 0 {
				continue
			}
			r := fuf.find(frameBase[ci] + fi)
			if _, ok := members[r]; !ok {
				roots = append(roots, r)
			}
			memberFrames[r] = append(memberFrames[r], id)
			if l := members[r]; len(l) == 0 || l[len(l)-1] != ci {
				members[r] = append(l, ci)
			}
		}
	}
	inFrameGroup := map[int][]int{} // claim -> frame groups holding it
	seenSet := map[string]bool{}
	for _, r := range roots {
		key := agrClaimSetKey(members[r])
		if seenSet[key] {
			continue // two frames of the same sentences: one agreement
		}
		seenSet[key] = true
		for _, c := range members[r] {
			inFrameGroup[c] = append(inFrameGroup[c], len(groups))
		}
		groups = append(groups, members[r])
		groupFrames = append(groupFrames, memberFrames[r])
	}
	sentGroups := map[int][]int{}
	var sentRoots []int
	for ci := range ix.Claims {
		if !linked[ci] {
			continue
		}
		r := uf.find(ci)
		if _, ok := sentGroups[r]; !ok {
			sentRoots = append(sentRoots, r)
		}
		sentGroups[r] = append(sentGroups[r], ci)
	}
	for _, r := range sentRoots {
		if agrCovered(sentGroups[r], inFrameGroup, groups) {
			continue
		}
		groups = append(groups, sentGroups[r])
		groupFrames = append(groupFrames, nil)
	}

	var out []Agreement
	for gi, claims := range groups {
		arts := map[int]bool{}
		for _, c := range claims {
			arts[ix.Sentences[ix.Claims[c].Sentence].Article] = true
		}
		if len(arts) < 2 {
			continue
		}
		g := Agreement{Independent: copied.independent(arts)}
		var sentences []string
		// One claim per article keeps a repeated headline from crowding
		// the group: running text before a headline, then the one linked
		// most often (by this group's frames, for a frame group), then the
		// first.
		// Near-copies count double: a sentence group a frame group took
		// in keeps its sentences.
		score := links
		if groupFrames[gi] != nil {
			score = map[int]int{}
			for _, id := range groupFrames[gi] {
				score[id.claim] += degree[frameBase[id.claim]+id.frame]
			}
			for c := range score {
				score[c] += 2 * links[c]
			}
		}
		best := map[int]int{}
		var order []int
		for _, c := range claims {
			a := ix.Sentences[ix.Claims[c].Sentence].Article
			b, ok := best[a]
			if !ok {
				order = append(order, a)
				best[a] = c
				continue
			}
			hc, hb := ix.Sentences[ix.Claims[c].Sentence].Headline, ix.Sentences[ix.Claims[b].Sentence].Headline
			if (hb && !hc) || (hb == hc && score[c] > score[b]) {
				best[a] = c
			}
		}
		g.Claims = make([]ClaimRef, 0, len(order))
		sentences = make([]string, 0, len(order))
		for _, a := range order {
			c := best[a]
			g.Claims = append(g.Claims, ClaimRef{Claim: c, Sentence: ix.Claims[c].Sentence})
			sentences = append(sentences, ix.Sentences[ix.Claims[c].Sentence].Text)
		}
		g.Key = StableKey("agreement", sentences...)
		// Near-copies read best as their sentence; paraphrases as who did
		// what.
		copies := true
		for _, c := range g.Claims[1:] {
			if !linked[c.Claim] || !linked[g.Claims[0].Claim] || uf.find(c.Claim) != uf.find(g.Claims[0].Claim) {
				copies = false
				break
			}
		}
		if groupFrames[gi] != nil && !copies {
			g.Summary = f.frameSummary(g, groupFrames[gi], frames, func(id agrFrameID) int { return degree[frameBase[id.claim]+id.frame] })
		}
		if g.Summary == "" {
			g.Summary = f.agreementSummary(g)
		}
		out = append(out, g)
	}
	// Most independent sources first, then most claims, then by key
	// (stable: equal keys keep the order of groups).
	slices.SortStableFunc(out, func(a, b Agreement) int {
		if a.Independent != b.Independent {
			return cmp.Compare(b.Independent, a.Independent)
		}
		if len(a.Claims) != len(b.Claims) {
			return cmp.Compare(len(b.Claims), len(a.Claims))
		}
		return strings.Compare(a.Key, b.Key)
	})
	for i := range out {
		out[i].ID = "g" + itoa(i+1)
	}
	ix.Agreements = out
}

// agrClaimSetKey identifies a sorted set of claims.
func agrClaimSetKey(claims []int) string {
	var b strings.Builder
	for _, c := range claims {
		b.WriteString(itoa(c))
		b.WriteByte(',')
	}
	return b.String()
}

// agrCovered: one frame group holds every claim of a sentence group.
func agrCovered(claims []int, inFrameGroup map[int][]int, groups [][]int) bool {
	for _, g := range inFrameGroup[claims[0]] {
		all := true
		for _, c := range claims[1:] {
			if !slices.Contains(groups[g], c) {
				all = false
				break
			}
		}
		if all {
			return true
		}
	}
	return false
}

// rarest returns up to n lemmas of a claim with the highest idf that occur
// in more than one sentence (a lemma only this sentence has blocks nothing).
// The n are kept in order as they are found (highest weight first, then
// lowest ID): the order is total, so this is the first n of the sorted
// list without sorting it. They are appended to out.
func (f *confFinder) rarest(out, lemmas []lemmaID, n int) []lemmaID {
	maxW := math.Log(float64(len(f.ix.claimDetails)+1)/2) + 1e-9
	before := func(x, y lemmaID) bool {
		wx, wy := f.weight(x), f.weight(y)
		return wx > wy || (wx == wy && x < y)
	}
	base := len(out)
	if n <= 0 {
		return out
	}
	for _, l := range lemmas {
		if f.weight(l) > maxW {
			continue
		}
		ls := out[base:]
		if len(ls) == n && !before(l, ls[n-1]) {
			continue
		}
		if len(ls) < n {
			out = append(out, l)
		} else {
			out[len(out)-1] = l
		}
		ls = out[base:]
		for i := len(ls) - 1; i > 0 && before(ls[i], ls[i-1]); i-- {
			ls[i], ls[i-1] = ls[i-1], ls[i]
		}
	}
	return out
}

// agrContradict: two similar sentences that still disagree in a slot are
// not an agreement (the conflict stage judges them).
func agrContradict(a, b *Claim, da, db *claimDetail) bool {
	// What may be ("the dam could collapse") does not corroborate what is.
	if a.Negated != b.Negated || (a.Modality == "possible") != (b.Modality == "possible") {
		return true
	}
	for _, x := range a.Quantities {
		for _, y := range b.Quantities {
			if agrSameDim(x, y) && quantitiesDisjoint(x, y) {
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

// agrSameDim tells whether quantityDim gives x and y one dimension,
// without making the "count:" string of each (the pair loops ask it for
// every pair of figures).
func agrSameDim(x, y Quantity) bool {
	ux, kx := qUnitCanon[x.Unit]
	uy, ky := qUnitCanon[y.Unit]
	switch {
	case kx && ky:
		return ux.dim == uy.dim
	case !kx && !ky:
		return x.Unit == y.Unit // "number" for both, or one "count:" unit
	case kx:
		return agrDimIs(ux.dim, y.Unit)
	default:
		return agrDimIs(uy.dim, x.Unit)
	}
}

// agrDimIs tells whether dim is quantityDim's dimension of a unit that
// units.tsv does not know.
func agrDimIs(dim, unit string) bool {
	if unit == "" {
		return dim == "number"
	}
	return len(dim) == len("count:")+len(unit) && strings.HasPrefix(dim, "count:") && dim[len("count:"):] == unit
}

// agreementSummary: the most representative sentence (the one most like
// the others), shortened, with the sources that make the claim.
func (f *confFinder) agreementSummary(g Agreement) string {
	// The cosine is symmetric (the same shared lemmas, added in the same
	// order): each pair is computed once and added to both sums. Each sum
	// still adds its terms with j ascending, so it is the same float.
	scores := make([]float64, len(g.Claims))
	for i, x := range g.Claims {
		for j := i + 1; j < len(g.Claims); j++ {
			c := f.sentCosineFrom(x.Claim, g.Claims[j].Claim)
			scores[i] += c
			scores[j] += c
		}
	}
	best, bestScore := 0, -1.0
	for i, x := range g.Claims {
		score := scores[i]
		// Prefer running text to headlines at equal likeness.
		if !f.ix.Sentences[x.Sentence].Headline {
			score += 0.01
		}
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	text := confOneSpaced(f.ix.Sentences[g.Claims[best].Sentence].Text)
	if len(text) > 160 {
		cut := strings.LastIndex(text[:157], " ")
		if cut < 80 {
			cut = 157
		}
		text = text[:cut] + "…"
	}
	return text + " (" + strings.Join(f.groupLabels(g), ", ") + ")"
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
	// Sized for the sampled shingles of the corpus (about one word in six
	// bytes, one shingle in agrSample kept): growing it is a good part of
	// the cost.
	text := 0
	for _, a := range ix.Articles {
		text += len(a.Text)
	}
	owner := make(map[uint64]int32, text/(6*agrSample))
	shared := map[uint64]int{} // article pair (first<<32 | second) -> shingles

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
					shared[uint64(o)<<32|uint64(ai)]++
				}
				continue
			}
			owner[h] = int32(ai)
		}
	}
	keys := make([]uint64, 0, len(shared))
	for k, n := range shared {
		if n >= agrCopiedRuns {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys) // by first article, then second
	for _, k := range keys {
		uf.union(int(k>>32), int(uint32(k)))
	}
	return agrSources{uf}
}

// agrWordHashes appends the hashes of the lower-cased words of a text.
func agrWordHashes(out []uint64, text string) []uint64 {
	const offset, prime = 14695981039346656037, 1099511628211
	h := uint64(offset)
	in := false
	for i := 0; i < len(text); {
		// Bytes below 0x80 are their own runes (keyASCII lower-cases
		// letters and digits); others are decoded as range would (an
		// invalid byte is utf8.RuneError, one byte long).
		if c := text[i]; c < utf8.RuneSelf {
			i++
			if k := keyASCII[c]; k != 0 {
				h = (h ^ uint64(k)) * prime
				in = true
				continue
			}
			if c == '\'' {
				continue
			}
			if in {
				out = append(out, h)
				h, in = offset, false
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		i += n
		if r == '’' {
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
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
