package model

// The claims stage reads each claim's frames right after the claim, with
// the claim builder's tokens and word cache (extractClaims). The corpus
// lexicon is complete only once every claim is read, so such a reader
// writes the lemma IDs of its worker's lexicon and two kinds of deferred
// IDs (frameClassRef, framePendingRef); resolveFrames turns them into the
// index's IDs, and reads again, the way frameIndex reads, the few claims
// whose reading assumed a paraphrase class the corpus turns out not to
// have.

// newClaimFrameReader is the frame reader of claims worker b.
func newClaimFrameReader(ix *Index, b *claimBuilder) *frameReader {
	// The cache is sized for the words the worker will meet; the frame
	// reader meets most of them, and heads and subjects among them.
	size := cap(b.words.info)
	return &frameReader{ix: ix, lem: b.lem, cache: b.words, classKeys: map[string]string{},
		words: make([]frameWord, 0, size), wordExt: make([]frameWordExt, 0, size/4),
		// The builder's actor keys are all made up front and only
		// read from here on, so the workers share them.
		byCache: make([]int32, size), actorKeys: b.actorKeys}
}

// readClaim reads the frames of claim ci, whose sentence the worker's
// builder has just split into toks (tids: their cache entries).
func (r *frameReader) readClaim(ci int, toks []ctoken, tids []int32) ([]claimFrame, []lemmaID) {
	from := len(r.classUses)
	r.tids, r.reread = tids, false
	frames, words := r.readTokens(ci, toks)
	r.tids = nil
	uses := r.classUses[from:]
	for k := range uses {
		uses[k].claim = int32(ci)
	}
	// One note per claim and class is enough.
	n := from
	for _, u := range uses {
		if n == from || r.classUses[n-1] != u {
			r.classUses[n] = u
			n++
		}
	}
	r.classUses = r.classUses[:n]
	if r.reread {
		r.classUses = append(r.classUses, frameClassUse{claim: int32(ci), class: -1})
	}
	return frames, words
}

// resolveFrames gives the frames fx that the claims workers read (readers,
// workerOf: who read which claim) the index's lemma IDs: remap per worker
// (nil: the worker's IDs are the index's), a class's canonical lemma, and
// the lemma of a word that is no content word when the corpus has it.
func (ix *Index) resolveFrames(fx *frameIndex, workerOf []int32, remap [][]lemmaID, readers []*frameReader) {
	lx := ix.claimLex
	lem := newLexLemmatizer()
	lem.shared = ix.stems
	// canon is frameReader.argID's canon, per class number: -2 until
	// looked up.
	canon := make([]lemmaID, len(frameArgClasses))
	for k := range canon {
		canon[k] = -2
	}
	canonOf := func(k int32) lemmaID {
		if canon[k] == -2 {
			canon[k] = -1
			for _, m := range frameArgMembers[frameArgClasses[k]] {
				if x, found := lx.ids[lem.lemma(m)]; found {
					canon[k] = x
					break
				}
			}
		}
		return canon[k]
	}
	again := make([]bool, len(fx.frames))
	for _, r := range readers {
		for _, u := range r.classUses {
			if u.class < 0 || canonOf(u.class) < 0 {
				again[u.claim] = true
			}
		}
		r.classUses = nil
	}
	for ci := range fx.frames {
		if again[ci] {
			continue
		}
		w := workerOf[ci]
		var m []lemmaID
		if remap != nil {
			m = remap[w]
		}
		cache := readers[w].cache
		resolve := func(id lemmaID) lemmaID {
			switch {
			case id >= framePendingRef:
				if x, found := lx.ids[lem.lemma(cache.info[id-framePendingRef].lower)]; found {
					return x
				}
				return -1
			case id >= frameClassRef:
				return canonOf(id - frameClassRef)
			case id < 0 || m == nil:
				return id
			}
			return m[id]
		}
		set := func(s []lemmaID) []lemmaID {
			changed := false
			for i, id := range s {
				if x := resolve(id); x != id {
					s[i], changed = x, true
				}
			}
			if !changed {
				return s // still sorted and unique
			}
			s = lemmaSet(s)
			return s[:len(s):len(s)] // as slabCopy leaves it
		}
		frames := fx.frames[ci]
		for i := range frames {
			fr := &frames[i]
			fr.args = set(fr.args)
			fr.headLemma = resolve(fr.headLemma)
		}
		fx.words[ci] = set(fx.words[ci])
	}
	var slow *frameReader
	for ci, read := range again {
		if !read {
			continue
		}
		if slow == nil {
			slow = newFrameReader(ix, 256)
		}
		fx.frames[ci], fx.words[ci] = slow.read(ci)
	}
}
