package model

import (
	"reflect"
	"testing"
)

func TestSplitParagraph(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"U.S. officials met Gen. Smith at 3 p.m. on Friday. Then they left.",
			[]string{"U.S. officials met Gen. Smith at 3 p.m. on Friday.", "Then they left."}},
		{"Sen. Jones voted against it. Rep. Lee agreed.", []string{"Sen. Jones voted against it.", "Rep. Lee agreed."}},
		{"“Nothing will happen,” said a resident. “We wait.”", []string{"“Nothing will happen,” said a resident.", "“We wait.”"}},
		{"  A headline without a stop  ", []string{"A headline without a stop"}},
		{"", nil},
	}
	for _, c := range cases {
		var got []string
		for _, sp := range splitParagraph(c.in) {
			got = append(got, c.in[sp.Start:sp.End])
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("splitParagraph(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}

func TestStableKeyIgnoresOrderCaseAndPunctuation(t *testing.T) {
	a := StableKey("conflict", "The talks lasted 3 hours.", "They met on Friday")
	b := StableKey("conflict", "they met on friday!", "The  talks lasted 3 hours")
	if a != b {
		t.Fatalf("keys differ: %s %s", a, b)
	}
	if a == StableKey("agreement", "The talks lasted 3 hours.", "They met on Friday") {
		t.Fatal("kind not part of the key")
	}
}
