package model

import (
	"math"
	"sort"
	"strings"
)

// Tuning of frame agreements.
const (
	// agrFrameSupport is the evidence two frames of one predicate and one
	// actor need beyond them: the idf weight of the content words they
	// share, plus one for a shared place, one for a shared time and
	// agrFrameActor for each further actor they share.
	agrFrameSupport = 1.0
	agrFrameActor   = 0.5
)

// agrFrameID names one frame: a claim and the frame's place in its list.
type agrFrameID struct{ claim, frame int }

// frameLinks finds the frames of different sources that say the same
// thing: one predicate (its class or its stem), the same polarity, a
// shared actor (or, without actors, the same subject noun), evidence in
// the rest of the clause, and no slot that disagrees (another place, time
// or figure). It calls link for each pair, each pair of claims once.
// Frames are blocked on predicate and actor, so the cost grows with the
// corpus, not with its square.
func (f *confFinder) frameLinks(frames [][]claimFrame, skip func(x, y int) bool, link func(a, b agrFrameID)) {
	var ids []agrFrameID
	// A key is a predicate key and an actor or subject noun: a pair, not
	// a string made for every frame.
	type linkKey struct{ pred, who string }
	n := 0
	for _, frs := range frames {
		n += len(frs)
	}
	// Measured on news: about 1.5 keys and 2 entries per frame.
	blocks := newConfBlocksSized[linkKey](n+n/2, 2*n)
	for ci, frs := range frames {
		for fi := range frs {
			fr := &frs[fi]
			if fr.weak {
				continue
			}
			id := len(ids)
			ids = append(ids, agrFrameID{ci, fi})
			class, stem := fr.keys()
			for _, k := range []string{class, stem} {
				if k == "" {
					continue
				}
				for _, a := range fr.actors {
					blocks.add(linkKey{k, a}, id)
				}
				if len(fr.actors) == 0 && strings.HasPrefix(fr.subj, "noun:") {
					blocks.add(linkKey{k, fr.subj}, id)
				}
			}
		}
	}
	done := map[uint64]bool{}
	blocks.storyPairs(f.storiesOf(len(ids), func(i int) int { return ids[i].claim }), func(x, y int) {
		a, b := ids[x], ids[y]
		if a.claim == b.claim || f.sameArticle(a.claim, b.claim) || !f.comparable(a.claim, b.claim) {
			return
		}
		pair := agrPairKey(a.claim, b.claim)
		if done[pair] || skip(a.claim, b.claim) {
			return
		}
		if f.framesAgree(a.claim, b.claim, &frames[a.claim][a.frame], &frames[b.claim][b.frame]) {
			done[pair] = true
			link(a, b)
		}
	})
}

// framesAgree tells two frames that say the same thing.
func (f *confFinder) framesAgree(ca, cb int, a, b *claimFrame) bool {
	// What may be ("could", "demanding that ...") is no claim of fact to
	// corroborate.
	if !a.sameKey(b) || a.neg != b.neg || a.modal == "possible" || b.modal == "possible" {
		return false
	}
	actors := confCountShared(a.actors, b.actors)
	if actors == 0 && !((len(a.actors) == 0 || len(b.actors) == 0) && a.subj != "" && a.subj == b.subj && strings.HasPrefix(a.subj, "noun:")) {
		return false
	}
	// Two subjects that are not the same actor: someone else did it.
	if a.subj != "" && b.subj != "" && !frameSameSubject(a, b) {
		return false
	}
	// Named objects that differ: another thing was done ("rescued MV
	// Gibe" / "rescued MV Jag Arnav").
	if len(a.objNames) > 0 && len(b.objNames) > 0 && confCountShared(a.objNames, b.objNames) == 0 {
		return false
	}
	x, y := &f.ix.Claims[ca], &f.ix.Claims[cb]
	support := f.sharedWeight(a.args, b.args)
	if actors > 1 {
		support += agrFrameActor * float64(actors-1)
	}
	// Where and when: a shared place or time is evidence, a different one
	// is another event.
	if len(a.places) > 0 && len(b.places) > 0 {
		same := false
		for _, i := range a.places {
			for _, j := range b.places {
				if placesCompatible(x.Places[i].Norm, y.Places[j].Norm) || placesCompatible(x.Places[i].Text, y.Places[j].Text) {
					same = true
				}
			}
		}
		if !same {
			return false
		}
		support++
	}
	for _, i := range a.clauseTimes {
		for _, j := range b.clauseTimes {
			if timesDiffer(x.Times[i], y.Times[j]) {
				return false
			}
		}
	}
	for _, i := range a.times {
		for _, j := range b.times {
			if x.Times[i].Norm != "" && x.Times[i].Norm == y.Times[j].Norm {
				support++
			}
		}
	}
	for _, i := range a.qtys {
		for _, j := range b.qtys {
			if agrSameDim(x.Quantities[i], y.Quantities[j]) && quantitiesDisjoint(x.Quantities[i], y.Quantities[j]) {
				return false
			}
		}
	}
	return support >= agrFrameSupport
}

// agrConflicting lists the pairs of claims that a conflict sets against
// each other: they are never an agreement. Claims that give a conflict
// the same value stand on one side of it ("16 points" in three sources
// against "15 points" in a fourth) and may agree.
func agrConflicting(ix *Index) map[uint64]bool {
	out := map[uint64]bool{}
	for _, c := range ix.Conflicts {
		for i, x := range c.Claims {
			for _, y := range c.Claims[i+1:] {
				if !strings.EqualFold(confOneSpaced(x.Value), confOneSpaced(y.Value)) {
					out[agrPairKey(x.Claim, y.Claim)] = true
				}
			}
		}
	}
	return out
}

// agrPairKey is one key for the unordered pair of claims x and y.
func agrPairKey(x, y int) uint64 {
	return uint64(min(x, y))<<32 | uint64(uint32(max(x, y)))
}

// frameSummary says who did what for an agreement of frames: "Armenia:
// will not surrender its territory (001, 002)". The subject is the actor
// most of the frames have as theirs; the wording is that of the frame
// linked most often, shortest first.
func (f *confFinder) frameSummary(g Agreement, group []agrFrameID, frames [][]claimFrame, degree func(agrFrameID) int) string {
	inGroup := map[int]bool{}
	for _, c := range g.Claims {
		inGroup[c.Claim] = true
	}
	var cands []agrFrameID
	for _, id := range group {
		if inGroup[id.claim] {
			cands = append(cands, id)
		}
	}
	if len(cands) == 0 {
		return ""
	}
	sort.Slice(cands, func(i, j int) bool {
		if cands[i].claim != cands[j].claim {
			return cands[i].claim < cands[j].claim
		}
		return cands[i].frame < cands[j].frame
	})
	subjects := map[string]int{}
	for _, id := range cands {
		if s := frames[id.claim][id.frame].subj; s != "" {
			subjects[s]++
		}
	}
	subject, best := "", 0
	for s, n := range subjects {
		if n > best || (n == best && s < subject) {
			subject, best = s, n
		}
	}
	rep, repScore := cands[0], math.Inf(-1)
	for _, id := range cands {
		fr := &frames[id.claim][id.frame]
		score := float64(min(degree(id), 3))
		if fr.subj == subject {
			score++
		}
		if !f.ix.Sentences[f.ix.Claims[id.claim].Sentence].Headline {
			score += 5
		}
		if !strings.HasPrefix(fr.stem, "n:") {
			score += 3 // a verb says what happened better than a noun
		}
		if fr.modal != "" {
			score -= 2 // what happened before what was expected
		}
		// Short of a bare verb, the shorter the better.
		if fr.end-fr.start < 16 {
			score -= 3
		}
		score -= float64(fr.end-fr.start) / 1000
		if score > repScore {
			rep, repScore = id, score
		}
	}
	fr := &frames[rep.claim][rep.frame]
	if fr.class == "" || fr.subj == "" {
		// Outside the predicate lexicon, or without a subject, a frame's
		// wording is a guess: the sentence says it better.
		return ""
	}
	text := f.ix.Sentences[f.ix.Claims[rep.claim].Sentence].Text
	who := ""
	switch {
	case len(fr.core) >= 2 && frameHas(fr.core, subject):
		// "Emmanuel Macron and Olaf Scholz: met in ..."
		names := make([]string, len(fr.core))
		for i, k := range fr.core {
			names[i] = f.subjectName(k)
		}
		sort.Strings(names)
		who = strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
	case strings.HasPrefix(subject, "actor:") || strings.HasPrefix(subject, "country:"):
		who = f.subjectName(subject)
	case fr.subjStart >= 0 && fr.subj == subject:
		who = confTitle(confOneSpaced(text[fr.subjStart:fr.subjEnd]))
	}
	what := confOneSpaced(text[fr.start:fr.end])
	if len(what) > 120 {
		cut := strings.LastIndex(what[:117], " ")
		if cut < 40 {
			cut = 117
		}
		what = what[:cut] + "…"
	}
	if who != "" {
		what = who + ": " + what
	} else {
		what = confTitle(what)
	}
	return what + " (" + strings.Join(f.groupLabels(g), ", ") + ")"
}

// groupLabels are the sources of an agreement, sorted.
func (f *confFinder) groupLabels(g Agreement) []string {
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
	return labels
}

// frameHas tells whether a sorted key list holds k.
func frameHas(l []string, k string) bool {
	i := sort.SearchStrings(l, k)
	return i < len(l) && l[i] == k
}

// frameSameSubject: two frames' subjects name one actor (an official
// stands for the country: "French President Emmanuel Macron" and
// "France"; a noun for its demonym: "French troops" and "France").
// Two subjects of several named actors each must share two: "A and B
// met" is not "A and C met".
func frameSameSubject(a, b *claimFrame) bool {
	if len(a.core) >= 2 && len(b.core) >= 2 {
		return confCountShared(a.core, b.core) >= 2
	}
	return a.subj == b.subj || confCountShared(a.subjects, b.subjects) > 0
}
