package model

import (
	"encoding/binary"
	"hash/maphash"
)

// topicWordTable maps a folded word to its facts for one worker. A corpus
// repeats its words, so most of the first pass is this look-up, once per
// word of the text. A map[string] of the words reads, per look-up, its
// slot, the key's header and the key's bytes, each mostly out of the
// cache; here a slot holds a word of up to 8 bytes itself, and what the
// scan needs of most words, so that most look-ups read the slot alone.
type topicWordTable struct {
	seed  maphash.Seed
	mult  uint64          // odd, drawn per table, for the hash of short words
	slots []topicWordSlot // a power of two, at most 3/4 full
	shift uint            // 64 - log2(len(slots)): a hash's top bits pick a slot
	// blocks hold the facts, topicWordBlock at a time: their addresses
	// must stay fixed.
	blocks [][]topicWordInfo
	n      uint32
}

// topicWordSlot is a slot of topicWordTable.
type topicWordSlot struct {
	head  uint64 // the word's first 8 bytes (topicWordHead)
	size  uint16 // the word's length, up to 0xffff
	kind  uint8  // wordKind: topicContentKind as far as the word alone decides it
	vocab bool   // the facts' vocab is not empty
	at    uint32 // 1 + the number of its facts; 0: empty
}

const topicWordBlock = 256

// newTopicWordTable makes a table for about words distinct words.
func newTopicWordTable(words int) *topicWordTable {
	size, shift := 64, uint(64-6)
	for 3*size < 4*words {
		size, shift = 2*size, shift-1
	}
	seed := maphash.MakeSeed()
	return &topicWordTable{seed: seed, mult: maphash.String(seed, "") | 1, slots: make([]topicWordSlot, size), shift: shift}
}

// topicWordHead packs the first 8 bytes of a word: with its length, all of
// a word of up to 8 bytes. It reads whole words of memory (the conversions
// do not copy): a loop over the bytes cost as much as the rest of a
// look-up.
func topicWordHead(w string) uint64 {
	switch n := len(w); {
	case n >= 8:
		return binary.LittleEndian.Uint64([]byte(w[:8]))
	case n >= 4:
		// Two overlapping halves: the bytes they share are the same.
		lo := binary.LittleEndian.Uint32([]byte(w[:4]))
		hi := binary.LittleEndian.Uint32([]byte(w[n-4:]))
		return uint64(lo) | uint64(hi)<<(8*(n-4))
	}
	var k uint64
	for i := range len(w) {
		k |= uint64(w[i]) << (8 * i)
	}
	return k
}

// hash spreads a word over the table's top bits: the packed word, which is
// all of a short word, times a random odd number (multiply-shift hashing,
// random so that no text can be made to pile its words in one place), or
// the library hash of a longer word.
func (t *topicWordTable) hash(w string, head uint64) uint64 {
	if len(w) > 8 {
		return maphash.String(t.seed, w)
	}
	return head * t.mult
}

func (t *topicWordTable) info(at uint32) *topicWordInfo {
	at--
	return &t.blocks[at/topicWordBlock][at%topicWordBlock]
}

// find returns the slot of fold and true, or the place of the slot to
// fill and false.
func (t *topicWordTable) find(fold string) (topicWordSlot, int, bool) {
	head := topicWordHead(fold)
	size := uint16(min(len(fold), 0xffff))
	mask := len(t.slots) - 1
	for i := int(t.hash(fold, head) >> t.shift); ; i = (i + 1) & mask {
		s := t.slots[i]
		if s.at == 0 {
			return s, i, false
		}
		if s.head == head && s.size == size && (len(fold) <= 8 || t.info(s.at).fold == fold) {
			return s, i, true
		}
	}
}

// add fills the slot at i, found empty by find, for fold with the kind
// and vocabulary keywords the scan gives it, and returns the slot.
func (t *topicWordTable) add(fold string, i int, kind uint8, vocab []topicPhrase) topicWordSlot {
	if t.n%topicWordBlock == 0 {
		t.blocks = append(t.blocks, make([]topicWordInfo, topicWordBlock))
	}
	t.n++
	in := t.info(t.n)
	in.fold, in.vocab = fold, vocab
	s := topicWordSlot{head: topicWordHead(fold), size: uint16(min(len(fold), 0xffff)), kind: kind, vocab: len(vocab) > 0, at: t.n}
	t.slots[i] = s
	if 4*int(t.n) > 3*len(t.slots) {
		t.grow()
	}
	return s
}

// grow doubles the table; the slots are placed again from their words'
// hashes.
func (t *topicWordTable) grow() {
	old := t.slots
	t.slots, t.shift = make([]topicWordSlot, 2*len(old)), t.shift-1
	mask := len(t.slots) - 1
	for _, s := range old {
		if s.at == 0 {
			continue
		}
		i := int(t.hash(t.info(s.at).fold, s.head) >> t.shift)
		for t.slots[i].at != 0 {
			i = (i + 1) & mask
		}
		t.slots[i] = s
	}
}

// sentenceWords points w.lite and w.folds at the words of sentence si as
// the actor scan kept them (ix.actWords), read in their compact form; a
// sentence whose words were not kept is read again.
func (b *topicBuilder) sentenceWords(w *topicWorker, si int) {
	text := b.ix.Sentences[si].Text
	var kw *actKeptWords
	var from, to int32
	if c := si / actScanChunk; c < len(b.ix.actWords) && b.ix.actWords[c] != nil {
		kw = b.ix.actWords[c]
		k := si % actScanChunk
		if k > 0 {
			from = kw.at[k-1]
		}
		to = kw.at[k]
	} else {
		kw = &w.own
		kw.at, kw.words, kw.folds = kw.at[:0], kw.words[:0], kw.folds[:0]
		w.toks = actTokenize(text, w.toks[:0], b.g)
		kw.words = kw.keep(kw.words, 0, text, w.toks)
		to = kw.at[0]
	}
	w.lite = kw.words[from:to]
	w.folds = w.folds[:0]
	for _, l := range w.lite {
		f := text[l.start:l.end]
		if l.fold >= 0 {
			f = kw.folds[l.fold]
		}
		w.folds = append(w.folds, f)
	}
}
