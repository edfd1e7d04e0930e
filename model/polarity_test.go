package model

import (
	"strings"
	"testing"
)

func TestPolarityAndModality(t *testing.T) {
	tests := []struct {
		sentence    string
		negated     bool
		modality    string
		attribution string
	}{
		{"The talks did not result in a ceasefire.", true, "", ""},
		{"The meeting ended without agreement.", true, "", ""},
		{"Russia refused to meet Zelenskyy directly.", true, "", ""},
		{"Putin made no concessions.", true, "", ""},
		{"The minister failed to attend, officials said.", true, "", "officials"},
		{"He denied the report.", true, "", "He"},
		{"The leaders met in Geneva.", false, "", ""},
		{"The summit is expected to last seven hours.", false, "expected", ""},
		{"Moscow might be willing to consider a compromise.", false, "possible", ""},
		{"The government plans to raise taxes.", false, "planned", ""},
		{"Leaders will meet on Friday.", false, "expected", ""},
		{"May 5 was the day of the vote.", false, "", ""},
		{"Russia occupies a fifth of the territory, according to US and other media.", false, "", "US and other media"},
		{"Sources say Russia is demanding land.", false, "", "Sources"},
		{"“Nothing good will happen there,” said 65-year-old Tetiana Harkavenko.", false, "", "65-year-old Tetiana Harkavenko"},
		{"A senior European diplomat told MediaBites the gap is wide.", false, "", "senior European diplomat"},
	}
	for _, tc := range tests {
		toks := ctokenize(tc.sentence)
		neg := polSentenceNegated(toks)
		mod, _ := polModality(toks)
		att := polAttribution(tc.sentence, toks)
		if neg != tc.negated {
			t.Errorf("%q: negated=%v, want %v", tc.sentence, neg, tc.negated)
		}
		if mod != tc.modality {
			t.Errorf("%q: modality=%q, want %q", tc.sentence, mod, tc.modality)
		}
		if att != tc.attribution {
			t.Errorf("%q: attribution=%q, want %q", tc.sentence, att, tc.attribution)
		}
	}
}

func TestParseStances(t *testing.T) {
	tests := []struct {
		sentence string
		want     string // polarity:target|...
	}{
		{"The Kremlin also signaled openness to a three-way meeting.", "+:three-way,meet"},
		{"Russia refused to meet Zelenskyy directly.", "-:meet"},
		{"Kyiv rejected any territorial concessions.", "-:territori,concess"},
		{"Berlin is not willing to send tanks.", "-:send,tank"},
		{"Paris welcomed the proposal and agreed to talks.", "+:propos|+:talk"},
		{"The leaders met in Geneva.", ""},
	}
	lem := newLexLemmatizer()
	for _, tc := range tests {
		var got []string
		for _, st := range polParseStances(tc.sentence, ctokenize(tc.sentence), lem) {
			p := "+"
			if st.polarity < 0 {
				p = "-"
			}
			got = append(got, p+":"+strings.Join(st.target, ","))
			if tc.sentence[st.start:st.end] == "" {
				t.Errorf("%q: empty stance span", tc.sentence)
			}
		}
		if g := strings.Join(got, "|"); g != tc.want {
			t.Errorf("%q: got %q, want %q", tc.sentence, g, tc.want)
		}
	}
}
