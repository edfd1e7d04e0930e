package model

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strings"
	"unicode"
)

// StableKey identifies an item by what it says, not where it sits: the
// normalised sentences of its claims, sorted, hashed with the item kind.
// Reordering articles or adding one leaves every other item's key alone, so
// triage decisions stay attached.
func StableKey(kind string, sentences ...string) string {
	norm := make([]string, len(sentences))
	for i, s := range sentences {
		norm[i] = normalizeForKey(s)
	}
	sort.Strings(norm)
	h := sha256.New()
	h.Write([]byte(kind))
	for _, s := range norm {
		h.Write([]byte{0})
		h.Write([]byte(s))
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

func normalizeForKey(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteRune(r)
			space = false
		default:
			space = true
		}
	}
	return b.String()
}

// SentenceKeys lists the sentences of the claims an item refers to.
func (ix *Index) SentenceKeys(refs []ClaimRef) []string {
	out := make([]string, len(refs))
	for i, r := range refs {
		out[i] = ix.Sentences[r.Sentence].Text
	}
	return out
}
