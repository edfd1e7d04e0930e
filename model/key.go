package model

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"unicode"
	"unicode/utf8"
)

// StableKey identifies an item by what it says, not where it sits: the
// normalised sentences of its claims, sorted, hashed with the item kind.
// Reordering articles or adding one leaves every other item's key alone, so
// triage decisions stay attached.
func StableKey(kind string, sentences ...string) string {
	// The normalised sentences share one buffer (spans into it), sorted
	// as sort.Strings would sort them: no string per sentence.
	var spans [8][2]int
	span := spans[:0]
	n := 0
	for _, s := range sentences {
		n += len(s)
	}
	norm := make([]byte, 0, n)
	for _, s := range sentences {
		start := len(norm)
		norm = appendNormalizedKey(norm, s)
		span = append(span, [2]int{start, len(norm)})
	}
	slices.SortFunc(span, func(a, b [2]int) int {
		return bytes.Compare(norm[a[0]:a[1]], norm[b[0]:b[1]])
	})
	buf := make([]byte, 0, len(kind)+len(span)+len(norm))
	buf = append(buf, kind...)
	for _, sp := range span {
		buf = append(buf, 0)
		buf = append(buf, norm[sp[0]:sp[1]]...)
	}
	sum := sha256.Sum256(buf)
	return hex.EncodeToString(sum[:8])
}

// normalizeForKey lower-cases s and keeps its letters and digits, runs of
// anything else becoming one space between words.
func normalizeForKey(s string) string {
	return string(appendNormalizedKey(make([]byte, 0, len(s)), s))
}

// appendNormalizedKey appends normalizeForKey(s) to dst.
func appendNormalizedKey(dst []byte, s string) []byte {
	base := len(dst)
	// Written by index into room made once: never longer than s when s
	// is ASCII.
	dst = slices.Grow(dst, len(s))[:base+len(s)]
	n := base
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			return appendNormalizedKeyUnicode(dst[:base], s)
		}
		if k := keyASCII[c]; k != 0 {
			if space && n > base {
				dst[n] = ' '
				n++
			}
			dst[n] = k
			n++
			space = false
		} else {
			space = true
		}
	}
	return dst[:n]
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

// appendNormalizedKeyUnicode is appendNormalizedKey for any text:
// strings.ToLower lowers rune by rune with unicode.ToLower (an invalid
// byte reads as utf8.RuneError either way), so the runes are lowered as
// they are read, without a lowered copy of s.
func appendNormalizedKeyUnicode(dst []byte, s string) []byte {
	base := len(dst)
	space := false
	for _, r := range s {
		r = unicode.ToLower(r)
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && len(dst) > base {
				dst = append(dst, ' ')
			}
			dst = utf8.AppendRune(dst, r)
			space = false
		default:
			space = true
		}
	}
	return dst
}

// SentenceKeys lists the sentences of the claims an item refers to.
func (ix *Index) SentenceKeys(refs []ClaimRef) []string {
	out := make([]string, len(refs))
	for i, r := range refs {
		out[i] = ix.Sentences[r.Sentence].Text
	}
	return out
}
