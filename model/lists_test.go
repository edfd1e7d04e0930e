package model

import (
	"strings"
	"testing"
)

func TestParseLists(t *testing.T) {
	tests := []struct{ sentence, want string }{
		{"Russia would take control of the Donetsk and Luhansk cities, as well as the Crimean Peninsula, which it occupies.",
			"Donetsk|Luhansk|Crimean Peninsula"},
		{"Russia demanded eastern territories, including Donetsk, Luhansk, Zaporizhzhia, and Kherson, as a condition.",
			"Donetsk|Luhansk|Zaporizhzhia|Kherson"},
		{"It was attended by U.S. Secretary of State Marco Rubio, special envoy Steve Witkoff, and Russian Foreign Minister Sergei Lavrov.",
			"U.S. Secretary of State Marco Rubio|Steve Witkoff|Russian Foreign Minister Sergei Lavrov"},
		{"The delegation included Secretary of State Marco Rubio, special envoy to Russia Steve Witkoff, Treasury Secretary Scott Bessent, and chief of staff Susie Wiles.",
			"Secretary of State Marco Rubio|Russia Steve Witkoff|Treasury Secretary Scott Bessent|Susie Wiles"},
		{"Trump and Putin met in Alaska.", "Trump|Putin"},
		{"He met Putin, who was late.", ""},
		{"Talks were held in Paris, and nothing came of them.", ""},
	}
	for _, tc := range tests {
		var got []string
		for _, l := range parseLists(tc.sentence, ctokenize(tc.sentence)) {
			var items []string
			for _, it := range l.items {
				items = append(items, tc.sentence[it.start:it.end])
			}
			got = append(got, strings.Join(items, "|"))
		}
		if g := strings.Join(got, " / "); g != tc.want {
			t.Errorf("%q:\n got %q\nwant %q", tc.sentence, g, tc.want)
		}
	}
}
