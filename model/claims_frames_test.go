package model

import (
	"fmt"
	"reflect"
	"runtime"
	"testing"
)

// The claims stage reads the frames with its own tokens and lemma IDs
// resolved afterwards (frames_fused.go); a reader of its own (frameIndex on
// an index without them) must find the same frames, on any core count.
func TestClaimFramesMatchFrameReader(t *testing.T) {
	docs := append(seedDocs(t), genCorpus(200, 7)...)
	var arts []*Article
	for _, d := range docs {
		as, err := ParseDocument(d)
		if err != nil {
			t.Fatal(err)
		}
		arts = append(arts, as...)
	}
	for _, procs := range []int{1, 3} {
		t.Run(fmt.Sprint(procs), func(t *testing.T) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			ix := &Index{Articles: arts}
			for i, a := range arts {
				a.ID = fmt.Sprintf("a%d", i+1)
			}
			for _, st := range indexStages[:3] {
				st.run(ix)
			}
			claimFramesCheck(t, ix)
		})
	}
}

// A phrase of a paraphrase class ("cessation of hostilities") in a corpus
// that uses none of the class's words: the claims stage reads such a claim
// again once the corpus lexicon is known.
func TestClaimFramesClassWithoutLemma(t *testing.T) {
	ix := actTestIndex(t,
		"The rebels agreed to a cessation of hostilities on Monday, officials said.\n\nTalks resumed in the capital.",
		"Government forces announced a cessation of hostilities after the talks.\n\nThe army said it would respect it.")
	lem := newLexLemmatizer()
	claimFramesCheck(t, ix)
	for _, m := range frameArgMembers["ceasefire"] {
		if _, found := ix.claimLex.ids[lem.lemma(m)]; found {
			t.Fatalf("the corpus has a lemma of the class (%q): nothing to read again", m)
		}
	}
}

// FuzzClaimFrames compares the two ways of reading frames on any text.
func FuzzClaimFrames(f *testing.F) {
	f.Add("The rebels agreed to a cessation of hostilities on Monday, officials said.", "Rebels did not agree to a truce.")
	f.Add("President Ana Ruiz said 40 people died.", "Ruiz, the prime minister, denied that 400 people died.")
	for _, s := range fuzzTricky {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		var arts []*Article
		for i, text := range []string{a, b} {
			name := fmt.Sprintf("art%d.txt", i+1)
			as, err := ParseDocument(Document{Name: name, File: name, Data: []byte(text)})
			if err != nil {
				continue
			}
			arts = append(arts, as...)
		}
		ix := &Index{Articles: arts}
		for _, st := range indexStages[:3] {
			st.run(ix)
		}
		claimFramesCheckAny(t, ix)
	})
}

// claimFramesCheck runs the claims stage on ix and compares its frames
// with those a frame reader of its own finds.
func claimFramesCheck(t *testing.T, ix *Index) {
	t.Helper()
	if claimFramesCheckAny(t, ix) == 0 {
		t.Fatal("no frames to compare")
	}
}

// claimFramesCheckAny is claimFramesCheck for an index that may have no
// frames; it returns how many it compared.
func claimFramesCheckAny(t *testing.T, ix *Index) int {
	t.Helper()
	ix.extractClaims()
	fused := ix.claimFrames
	if fused == nil {
		t.Fatal("the claims stage read no frames")
	}
	ix.claimFrames = nil
	own := ix.frameIndex()
	n := 0
	for ci := range own.frames {
		n += len(own.frames[ci])
		if !reflect.DeepEqual(fused.frames[ci], own.frames[ci]) {
			t.Fatalf("claim %d: frames differ:\n%+v\n%+v", ci, fused.frames[ci], own.frames[ci])
		}
		if !reflect.DeepEqual(fused.words[ci], own.words[ci]) {
			t.Fatalf("claim %d: words differ: %v, %v", ci, fused.words[ci], own.words[ci])
		}
	}
	return n
}
