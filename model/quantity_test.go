package model

import (
	"strings"
	"testing"
)

func TestParseQuantities(t *testing.T) {
	tests := []struct {
		sentence string
		text     string // the quantity's span
		interval string // formatInterval
	}{
		{"Despite nearly three hours of talks, nothing moved.", "nearly three hours", "[2.5,3) hour"},
		{"The meeting lasted over three hours and ended.", "over three hours", "(3,4] hour"},
		{"The summit was expected to last up to seven hours.", "up to seven hours", "[0,7] hour"},
		{"At least 38 people were killed in the blast.", "At least 38 people", "[38,inf] person"},
		{"Russia occupies a fifth of Ukraine's territory.", "a fifth of Ukraine's territory", "[20,20] percent"},
		{"Tens of thousands of people have been killed.", "Tens of thousands of people", "[10000,100000) person"},
		{"An army of 200-250,000 troops massed.", "200-250,000 troops", "[200000,250000] troop"},
		{"The talks lasted 3 hours.", "3 hours", "[3,3] hour"},
		{"They detained twenty-five protesters.", "twenty-five protesters", "[25,25] protester"},
		{"It cost $5 billion to build.", "$5 billion", "[5e+09,5e+09] usd"},
		{"Turnout was 45.5% this year.", "45.5%", "[45.5,45.5] percent"},
		{"Some 300 families fled.", "Some 300 families", "[250,350] family"},
		{"Fewer than ten ships remain.", "Fewer than ten ships", "[0,10) ship"},
		{"Two-thirds of voters agreed.", "Two-thirds of voters", "[66.6666,66.6666] percent"},
		{"A 65-year-old woman spoke.", "65-year-old", "[65,65] age"},
		{"Dozens of homes burned.", "Dozens of homes", "[12,120) home"},
		{"The quake struck with magnitude 6.1 on Sunday.", "magnitude 6.1", "[6.1,6.1] magnitude"},
		{"Between 3 and 5 million people voted.", "Between 3 and 5 million people", "[3e+06,5e+06] person"},
		{"He waited two or three days.", "two or three days", "[2,3] day"},
		{"Half of the town was flooded.", "Half of the town", "[50,50] percent"},
		{"A 3-hour meeting followed.", "3-hour", "[3,3] hour"},
		{"One hundred and five miles of road.", "One hundred and five miles", "[105,105] mile"},
	}
	for _, tc := range tests {
		qs := parseQuantities(tc.sentence, ctokenize(tc.sentence))
		if len(qs) != 1 {
			t.Errorf("%q: got %d quantities %+v, want 1", tc.sentence, len(qs), qs)
			continue
		}
		q := qs[0]
		if tc.sentence[q.Start:q.End] != q.Text {
			t.Errorf("%q: span %d:%d is %q, text %q", tc.sentence, q.Start, q.End, tc.sentence[q.Start:q.End], q.Text)
		}
		if q.Text != tc.text {
			t.Errorf("%q: text %q, want %q", tc.sentence, q.Text, tc.text)
		}
		got := qFormat(q)
		if strings.HasPrefix(tc.interval, "[66.6666") {
			if !strings.HasPrefix(got, "[66.6666") {
				t.Errorf("%q: interval %s, want %s", tc.sentence, got, tc.interval)
			}
			continue
		}
		if got != tc.interval {
			t.Errorf("%q: interval %s, want %s", tc.sentence, got, tc.interval)
		}
	}
}

func TestParseQuantitiesNone(t *testing.T) {
	for _, s := range []string{
		"One of the core disputes was territory.",
		"The war began in 2022.",
		"A three-way meeting could follow.",
		"They met one-on-one.",
		"Both leaders arrived separately.",
		"It was the fourth summit.",
		"Some analysts disagree.",
	} {
		if qs := parseQuantities(s, ctokenize(s)); len(qs) != 0 {
			t.Errorf("%q: got %+v, want none", s, qs)
		}
	}
}

func TestIntervalsDisjoint(t *testing.T) {
	q := func(s string) Quantity {
		qs := parseQuantities(s, ctokenize(s))
		if len(qs) != 1 {
			t.Fatalf("%q: %d quantities", s, len(qs))
		}
		return qs[0]
	}
	tests := []struct {
		a, b     string
		disjoint bool
	}{
		{"nearly three hours", "over three hours", true},
		{"nearly three hours", "about three hours", false},
		{"up to seven hours", "over three hours", false},
		{"three hours", "180 minutes", false},
		{"three hours", "200 minutes", true},
		{"at least 38 people", "40 people", false},
		{"at least 38 people", "30 people", true},
		{"a fifth of it", "20% of it", false},
		{"tens of thousands of people", "5,000 people", true},
	}
	for _, tc := range tests {
		if got := quantitiesDisjoint(q(tc.a), q(tc.b)); got != tc.disjoint {
			t.Errorf("%q vs %q: disjoint=%v, want %v", tc.a, tc.b, got, tc.disjoint)
		}
	}
}

func TestTokenize(t *testing.T) {
	s := "U.S. President Trump's 65-year-old aide won’t go."
	var got []string
	for _, tk := range ctokenize(s) {
		got = append(got, tk.Text)
	}
	want := "U.S.|President|Trump|'s|65-year-old|aide|won’t|go|."
	if strings.Join(got, "|") != want {
		t.Errorf("got %s, want %s", strings.Join(got, "|"), want)
	}
}
