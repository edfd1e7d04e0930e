package model

import (
	"fmt"
	"testing"
)

// The word table tells apart words that share their first 8 bytes, words
// that differ only by a trailing zero byte, and keeps every word through
// its growth.
func TestTopicWordTable(t *testing.T) {
	words := []string{
		"", "a", "ab", "ab\x00", "abc", "abcd", "abcde", "abcdefg", "abcdefgh",
		"abcdefghi", "abcdefghj", "abcdefghij", "ceasefire", "cease-fire", "réfugié",
	}
	for i := range 3000 {
		words = append(words, fmt.Sprintf("w%d", i), fmt.Sprintf("longerword%d", i))
	}
	tab := newTopicWordTable(4) // grows many times
	for k, w := range words {
		if _, _, ok := tab.find(w); ok {
			t.Fatalf("%q found before it was added", w)
		}
		_, i, _ := tab.find(w)
		tab.add(w, i, uint8(k%3), nil)
	}
	for k, w := range words {
		s, _, ok := tab.find(w)
		if !ok {
			t.Fatalf("%q not found", w)
		}
		if got := tab.info(s.at).fold; got != w {
			t.Fatalf("%q found as %q", w, got)
		}
		if s.kind != uint8(k%3) {
			t.Fatalf("%q: kind %d, want %d", w, s.kind, k%3)
		}
	}
	for _, w := range []string{"abcdefghk", "ab\x00\x00", "abcdefgh\x00", "w3000", "longerword3000"} {
		if _, _, ok := tab.find(w); ok {
			t.Errorf("%q found but never added", w)
		}
	}
}
