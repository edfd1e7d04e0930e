package model

import (
	"fmt"
	"slices"
	"strings"
)

// Tuning of frame contradictions.
const (
	// contraMinCover is how much of the smaller frame's clause (idf weight
	// of its content words) the other must share: two predications about
	// the same thing, not two uses of one verb.
	contraMinCover = 0.5
	// contraParaphrase is how much of the shorter sentence the other must
	// hold for the two to be one statement told twice, whoever the
	// frames' subjects are: then a negation, an antonym or another figure,
	// date or name is the difference.
	contraParaphrase = 0.7
	// contraParaphraseWords is how many content words a statement told
	// twice shares at least: two short sentences about people killed
	// are not one statement.
	contraParaphraseWords = 2
)

// frameContradictions compares predications of the same subject: the
// same predicate with and without negation ("X signed the treaty" / "X
// did not sign the treaty"), predicates that exclude each other ("won" /
// "lost"), and the same predication with figures that cannot both be true
// ("killed 30" / "killed 45"). Frames are blocked on predicate and actor,
// antonyms under each other's key, so the cost grows with the corpus.
func (f *confFinder) frameContradictions() {
	frames := f.ix.frames()
	// Pairs another detector already set against each other.
	seen := map[uint64]bool{}
	for _, c := range f.cand {
		for _, x := range c.a {
			for _, y := range c.b {
				seen[agrPairKey(x.claim, y.claim)] = true
			}
		}
	}
	var ids []agrFrameID
	// A key is a predicate key and a subject, or a predicate key alone
	// (subject ""): no concatenated strings to make per frame.
	type contraKey struct{ pred, subj string }
	n := 0
	for _, frs := range frames {
		n += len(frs)
	}
	// Measured on news: about one key and 2.5 entries per frame.
	blocks := newConfBlocksSized[contraKey](n, 5*n/2)
	var keys []string
	for ci, frs := range frames {
		for fi := range frs {
			fr := &frs[fi]
			if fr.modal == "possible" {
				continue
			}
			id := len(ids)
			ids = append(ids, agrFrameID{ci, fi})
			class, stem := fr.keys()
			keys = append(keys[:0], class, stem)
			for _, k := range []string{class, stem} {
				if k != "" {
					keys = append(keys, frameAntonyms[k]...)
				}
			}
			for _, k := range keys {
				if k == "" {
					continue
				}
				for _, s := range fr.subjects {
					blocks.add(contraKey{k, s}, id)
				}
				// Paraphrases whose subjects were read apart meet on the
				// predicate alone (a key in many frames blocks nothing).
				blocks.add(contraKey{k, ""}, id)
			}
		}
	}
	blocks.storyPairs(f.storiesOf(len(ids), func(i int) int { return ids[i].claim }), func(x, y int) {
		a, b := ids[x], ids[y]
		if a.claim == b.claim || !f.comparable(a.claim, b.claim) || f.sameSentenceText(a.claim, b.claim) {
			return
		}
		pair := agrPairKey(a.claim, b.claim)
		if seen[pair] {
			return
		}
		fa, fb := &frames[a.claim][a.frame], &frames[b.claim][b.frame]
		if c, ok := f.frameContradiction(a.claim, b.claim, fa, fb); ok {
			seen[pair] = true
			f.cand = append(f.cand, c)
		}
	})
}

// frameContradiction judges two frames of one subject, or of one
// statement told twice.
func (f *confFinder) frameContradiction(ca, cb int, a, b *claimFrame) (confCandidate, bool) {
	var none confCandidate
	// Both the same named subject and a statement told twice need a
	// subject on each side (strong and twiceSubjects below): the cheapest
	// test goes first.
	if a.modal != b.modal || a.subj == "" || b.subj == "" {
		return none, false
	}
	same, opposite := a.sameKey(b), a.antonym(b)
	if !same && !opposite {
		return none, false
	}
	x, y := &f.ix.Claims[ca], &f.ix.Claims[cb]
	fx := f.ix.frameIndex()
	// Who: the same named subject is strong evidence of one statement; a
	// statement told twice (the shorter sentence's words, names and
	// figures aside, are in the other) is too, when both name a subject
	// and the subjects do not differ.
	named := frameNamed(a.subj) && frameNamed(b.subj)
	strong := named && frameSameSubject(a, b)
	// "X founded Y" / "Y was founded": the passive's subject is the
	// other's object.
	patient := b.passive && frameHas(a.objNames, b.subj) || a.passive && frameHas(b.objNames, a.subj)
	clash := named && !strong && !patient
	// Subjects that allow a statement told twice; without them and without
	// the same named subject the word tests below cannot help (most pairs
	// end here).
	twiceSubjects := !clash && (!named || strong || patient)
	if !strong && !twiceSubjects {
		return none, false
	}
	// The words that differ by design do not count against it: the two
	// predicates when they are antonyms, two words that are.
	wordsA, wordsB := fx.words[ca], fx.words[cb]
	if opposite {
		wordsA, wordsB = confWithout(wordsA, f.frameHeads(a)), confWithout(wordsB, f.frameHeads(b))
	}
	oppA, oppB, opposedWords := f.frameOpposedWords(a.args, b.args)
	if opposedWords {
		wordsA, wordsB = confWithout(wordsA, []lemmaID{f.lx.ids[oppA]}), confWithout(wordsB, []lemmaID{f.lx.ids[oppB]})
	}
	paraphrase := twiceSubjects && f.frameParaphrase(wordsA, wordsB, confCountShared(a.actors, b.actors))
	if !strong && !paraphrase {
		return none, false
	}
	// One thing: enough of the smaller clause is in the other (less of a
	// named subject's), and the named objects agree.
	cover := f.frameCover(a.args, b.args)
	if (len(a.args) == 0 || len(b.args) == 0) && paraphrase {
		cover = 1 // nothing beside the predicate to tell them apart
	}
	// Less of a named subject's predication is needed to deny it ("X is
	// not married" / "X is married to a tennis player").
	if cover < contraMinCover && !(strong && same && a.predNeg != b.predNeg && cover >= contraMinCover/2) {
		return none, false
	}
	if len(a.objNames) > 0 && len(b.objNames) > 0 && confCountShared(a.objNames, b.objNames) == 0 {
		return none, false
	}
	// Where and when: on one statement told twice a different place or
	// time of the predication itself is the contradiction; another place
	// or time makes another event.
	var placeA, placeB, timeA, timeB *Value
	for _, i := range a.places {
		for _, j := range b.places {
			if placesCompatible(x.Places[i].Norm, y.Places[j].Norm) || placesCompatible(x.Places[i].Text, y.Places[j].Text) {
				continue
			}
			if !frameOwnSlot(a, x.Places[i]) || !frameOwnSlot(b, y.Places[j]) {
				return none, false
			}
			placeA, placeB = &x.Places[i], &y.Places[j]
		}
	}
	for _, i := range a.clauseTimes {
		for _, j := range b.clauseTimes {
			if !timesDiffer(x.Times[i], y.Times[j]) {
				continue
			}
			if !frameOwnSlot(a, x.Times[i].Value) || !frameOwnSlot(b, y.Times[j].Value) {
				return none, false
			}
			timeA, timeB = &x.Times[i].Value, &y.Times[j].Value
		}
	}
	// Within one article two places, dates or figures are usually two
	// events or two parts of one.
	oneArticle := f.article(ca) == f.article(cb)
	if (placeA != nil || timeA != nil) && (!paraphrase || !same || a.neg != b.neg || oneArticle) {
		return none, false
	}
	// The switch below rejects these pairs too, but only after making the
	// candidate's texts: most pairs that get this far end here.
	switch {
	case same && a.predNeg != b.predNeg && a.objNeg == b.objNeg:
	case same && a.neg != b.neg:
		return none, false
	case opposite && a.neg == b.neg, placeA == nil && timeA == nil:
		if !paraphrase {
			return none, false // the negation of antonyms, a figure and opposed words need one statement
		}
	}
	sa := f.ix.Sentences[x.Sentence].Text
	sb := f.ix.Sentences[y.Sentence].Text
	va, vb := confOneSpaced(sa[a.start:a.end]), confOneSpaced(sb[b.start:b.end])
	c := confCandidate{
		severity: SeverityHard,
		a:        []confSide{{ca, sa[a.start:a.end], a.start, a.end, 0}},
		b:        []confSide{{cb, sb[b.start:b.end], b.start, b.end, 0}},
	}
	what := strings.ToLower(va)
	switch {
	case same && a.predNeg != b.predNeg && a.objNeg == b.objNeg:
		c.kind, c.score = "negation", 0.75
		if a.neg {
			c.a, c.b = c.b, c.a
			va, vb = vb, va
			what = strings.ToLower(va)
		}
		c.why = fmt.Sprintf("one source says it happened (%s), the other that it did not (%s)", va, vb)
	case same && a.neg != b.neg:
		return none, false // "escaped" / "escaped without injury"
	case opposite && a.neg == b.neg:
		// A named subject that won and lost: two games, unless the
		// sentences tell one.
		if !paraphrase {
			return none, false
		}
		c.kind, c.score = "negation", 0.7
		c.why = fmt.Sprintf("%s and %s cannot both be true", va, vb)
	case placeA != nil:
		c.kind, c.score = "place", 0.7
		c.why = placeA.Norm + " and " + placeB.Norm + " are different places, neither inside the other"
		c.a = []confSide{{ca, placeA.Text, placeA.Start, placeA.End, 0}}
		c.b = []confSide{{cb, placeB.Text, placeB.Start, placeB.End, 0}}
		what = "place: " + what
	case timeA != nil:
		c.kind, c.score = "time", 0.7
		c.why = "the same event is dated " + timeA.Text + " in one source and " + timeB.Text + " in the other"
		c.a = []confSide{{ca, timeA.Text, timeA.Start, timeA.End, 0}}
		c.b = []confSide{{cb, timeB.Text, timeB.Start, timeB.End, 0}}
		what = "date: " + what
	default:
		if qa, qb, ok := f.frameFigures(x, y, a, b); ok && strong && paraphrase && !oneArticle && frameOwnSlot(a, qa.Value) && frameOwnSlot(b, qb.Value) {
			c.kind, c.score = "numeric", 0.7
			c.why = fmt.Sprintf("%s and %s cannot both be true", confIntervalWords(qa), confIntervalWords(qb))
			if confPoint(qb) < confPoint(qa) {
				qa, qb, ca, cb = qb, qa, cb, ca
			}
			c.a = []confSide{{ca, qa.Text, qa.Start, qa.End, confPoint(qa)}}
			c.b = []confSide{{cb, qb.Text, qb.Start, qb.End, confPoint(qb)}}
			// Figures join the other figures of one thing (joinFigures).
			dim, _ := quantityDim(qa)
			c.merge = "numeric|" + dim + "|" + qa.Norm + "|" + qb.Norm
			c.what = "number of " + qa.Unit
			break
		}
		if opposedWords && paraphrase {
			c.kind, c.score = "negation", 0.65
			c.why = fmt.Sprintf("%s and %s cannot both be true", oppA, oppB)
			break
		}
		return none, false
	}
	if c.what == "" {
		c.what = f.frameSubjectName(a, b, sa) + ": " + what
	} else {
		c.what = f.frameSubjectName(a, b, sa) + ": " + c.what
	}
	if c.merge == "" {
		c.merge = "frame|" + c.kind + "|" + itoa(min(ca, cb)) + "|" + itoa(max(ca, cb))
	}
	// One article reporting both is usually reporting a dispute.
	if f.article(ca) == f.article(cb) {
		c.severity = SeveritySoft
		c.score = 0.5
	}
	if strings.HasPrefix(a.subj, "actor:") {
		var id int
		fmt.Sscanf(a.subj, "actor:%d", &id)
		c.actors = []int{id}
	}
	return c, true
}

// frameOpposedWords finds words of two predications that exclude each
// other ("reported a profit" / "reported a loss"): antonyms.tsv read as
// words.
func (f *confFinder) frameOpposedWords(a, b []lemmaID) (string, string, bool) {
	if f.antonymIDs == nil {
		f.antonymIDs = make([][]lemmaID, len(f.lx.vocab))
		for id, w := range f.lx.vocab {
			for _, o := range frameAntonyms["s:"+w] {
				if oid, ok := f.lx.ids[strings.TrimPrefix(o, "s:")]; ok && strings.HasPrefix(o, "s:") {
					f.antonymIDs[id] = append(f.antonymIDs[id], oid)
				}
			}
		}
	}
	for _, x := range a {
		for _, y := range f.antonymIDs[x] {
			if _, found := slices.BinarySearch(b, y); found {
				return f.lx.vocab[x], f.lx.vocab[y], true
			}
		}
	}
	return "", "", false
}

// frameParaphrase: the shorter word set is (nearly) in the longer, and
// with the names they share (actors) there is enough to be a statement.
func (f *confFinder) frameParaphrase(a, b []lemmaID, actors int) bool {
	return confCountShared(a, b)+actors >= contraParaphraseWords && f.frameCover(a, b) >= contraParaphrase
}

// frameHeads is the lemma of a frame's predicate word, if it has one.
func (f *confFinder) frameHeads(fr *claimFrame) []lemmaID {
	if fr.headLemma < 0 {
		return nil
	}
	return []lemmaID{fr.headLemma}
}

// frameCover is the share of the smaller argument set (by idf weight) the
// other holds.
func (f *confFinder) frameCover(a, b []lemmaID) float64 {
	var wa, wb float64
	for _, l := range a {
		wa += f.weight(l)
	}
	for _, l := range b {
		wb += f.weight(l)
	}
	if wa == 0 || wb == 0 {
		return 0
	}
	return f.sharedWeight(a, b) / min(wa, wb)
}

// frameFigures finds the figure of one unit in each predication that
// cannot both be true: "killed 30" / "killed 45". A clause with two
// figures of the unit ("a 27-year-old ... a 20-year-old") does not say
// which is which, and is left alone.
func (f *confFinder) frameFigures(x, y *Claim, a, b *claimFrame) (Quantity, Quantity, bool) {
	only := func(c *Claim, idx []int, unit string) int {
		k := -1
		for _, i := range idx {
			if c.Quantities[i].Unit == unit {
				if k >= 0 {
					return -1
				}
				k = i
			}
		}
		return k
	}
	for _, i := range a.qtys {
		qa := x.Quantities[i]
		// Counts and sums: a duration or a distance in one clause is often
		// of something else ("spent 19 seasons" / "spent four seasons as
		// director").
		dim, _ := quantityDim(qa)
		if qa.Unit == "time" || !(strings.HasPrefix(dim, "count:") || frameMoneyDims[dim]) || only(x, a.qtys, qa.Unit) != i {
			continue
		}
		j := only(y, b.qtys, qa.Unit)
		if j >= 0 && quantitiesDisjoint(qa, y.Quantities[j]) {
			return qa, y.Quantities[j], true
		}
	}
	return Quantity{}, Quantity{}, false
}

// frameOwnSlot: a value lies in the predication's own words or right
// after them.
func frameOwnSlot(fr *claimFrame, v Value) bool {
	return v.Start >= fr.start && v.Start <= fr.end+3
}

// frameNamed: a subject key names someone (an actor or a name).
func frameNamed(k string) bool {
	return strings.HasPrefix(k, "actor:") || strings.HasPrefix(k, "name:") || strings.HasPrefix(k, "country:")
}

// frameSubjectName names the subject two frames share; sa is a's
// sentence.
func (f *confFinder) frameSubjectName(a, b *claimFrame, sa string) string {
	for _, s := range []string{a.subj, b.subj} {
		if strings.HasPrefix(s, "actor:") || strings.HasPrefix(s, "country:") {
			return f.subjectName(s)
		}
	}
	for _, s := range a.subjects {
		if frameHas(b.subjects, s) && (strings.HasPrefix(s, "actor:") || strings.HasPrefix(s, "country:")) {
			return f.subjectName(s)
		}
	}
	if a.subjStart >= 0 {
		return confTitle(confOneSpaced(sa[a.subjStart:a.subjEnd]))
	}
	return f.subjectName(a.subj)
}

// frameMoneyDims are the currencies of units.tsv: a sum is one fact.
var frameMoneyDims = map[string]bool{"usd": true, "eur": true, "gbp": true, "rub": true}

// figuresOfOthers: two figures are each said of a named subject, and the
// subjects differ ("Manning completed 34 passes" / "Garrard completed 41
// passes"), so the figures measure different things.
func (f *confFinder) figuresOfOthers(a, b *confQty) bool {
	fa, fb := f.figureFrame(a), f.figureFrame(b)
	return fa != nil && fb != nil && frameNamed(fa.subj) && frameNamed(fb.subj) && !frameSameSubject(fa, fb)
}

// figureFrame is the frame whose predication holds a figure, or nil.
func (f *confFinder) figureFrame(q *confQty) *claimFrame {
	frs := f.ix.frames()[q.claim]
	for i := range frs {
		if frameOwnSlot(&frs[i], q.q.Value) {
			return &frs[i]
		}
	}
	return nil
}
