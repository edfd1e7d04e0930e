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
	n := len(kind)
	for _, s := range norm {
		n += 1 + len(s)
	}
	buf := make([]byte, 0, n)
	buf = append(buf, kind...)
	for _, s := range norm {
		buf = append(buf, 0)
		buf = append(buf, s...)
	}
	sum := sha256.Sum256(buf)
	return hex.EncodeToString(sum[:8])
}

// normalizeForKey lower-cases s and keeps its letters and digits, runs of
// anything else becoming one space between words.
func normalizeForKey(s string) string {
	b := make([]byte, len(s)) // never longer than s when s is ASCII
	n := 0
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			return normalizeForKeyUnicode(s)
		}
		if k := keyASCII[c]; k != 0 {
			if space && n > 0 {
				b[n] = ' '
				n++
			}
			b[n] = k
			n++
			space = false
		} else {
			space = true
		}
	}
	return string(b[:n])
}

// keyASCII maps an ASCII letter or digit to itself lower-cased, anything
// else to 0.
var keyASCII = func() (t [128]byte) {
	for c := byte('0'); c <= '9'; c++ {
		t[c] = c
	}
	for c := byte('a'); c <= 'z'; c++ {
		t[c] = c
		t[c-'a'+'A'] = c
	}
	return t
}()

func normalizeForKeyUnicode(s string) string {
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
