package model

import (
	"strings"
	"testing"
)

func TestPlacesCompatible(t *testing.T) {
	tests := []struct {
		a, b string
		ok   bool
	}{
		{"Anchorage", "Alaska", true},
		{"Alaska", "Anchorage", true},
		{"Anchorage", "United States", true},
		{"Anchorage", "U.S.", true},
		{"Alaska", "Moscow", false},
		{"Paris", "Europe", true},
		{"Paris", "Texas", false},
		{"Georgia", "Atlanta", true}, // the U.S. state reading
		{"Georgia", "Tbilisi", true}, // the country reading
		{"Tbilisi", "Atlanta", false},
		{"Springfield", "Moscow", true}, // unknown: never declared different
		{"Saint Petersburg", "Russia", true},
		{"St. Petersburg", "Russia", true},
		{"Brooklyn", "New York", true},
		{"Geneva", "Switzerland", true},
		{"Geneva", "Vienna", false},
		{"Palermo", "Sicily", true}, // a city and a region of one country
		{"Moscow", "Sochi", false},
	}
	for _, tc := range tests {
		if got := placesCompatible(tc.a, tc.b); got != tc.ok {
			t.Errorf("%s / %s: compatible=%v, want %v", tc.a, tc.b, got, tc.ok)
		}
	}
}

func TestParsePlaces(t *testing.T) {
	tests := []struct{ sentence, want string }{
		{"The leaders met in Anchorage, Alaska on Friday.", "Anchorage, Alaska=Anchorage"},
		{"The leaders met in Alaska on Friday.", "Alaska=Alaska"},
		{"Fighting raged in eastern Ukraine and near Kharkiv.", "Ukraine=Ukraine; Kharkiv=Kharkiv"},
		{"Russia said the talks were useful.", ""},
		{"ANCHORAGE, Alaska — The summit opened.", "ANCHORAGE, Alaska=Anchorage"},
		{"He flew to New York City from Los Angeles.", "New York City=New York City; Los Angeles=Los Angeles"},
		{"They met at the White House.", ""},
	}
	for _, tc := range tests {
		var got []string
		for _, v := range parsePlaces(tc.sentence, ctokenize(tc.sentence)) {
			if tc.sentence[v.Start:v.End] != v.Text {
				t.Errorf("%q: span mismatch", tc.sentence)
			}
			got = append(got, v.Text+"="+v.Norm)
		}
		if g := strings.Join(got, "; "); g != tc.want {
			t.Errorf("%q: got %q, want %q", tc.sentence, g, tc.want)
		}
	}
}

func TestGeoNoCycles(t *testing.T) {
	for i := range geo.places {
		a, n := i, 0
		for a >= 0 && n < 10 {
			a = geo.places[a].parent
			n++
		}
		if a >= 0 {
			t.Errorf("%s: parent chain does not end", geo.places[i].name)
		}
	}
	if !placesCompatible("Singapore", "Asia") {
		t.Error("Singapore should lie in Asia")
	}
}
