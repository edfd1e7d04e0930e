package model

import (
	"strings"
	"testing"
	"time"
)

func TestParseTimes(t *testing.T) {
	// A Saturday: "on Friday" in a report is the day before.
	date := time.Date(2025, 8, 16, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		sentence string
		date     time.Time
		ahead    bool
		want     string // text=norm pairs joined by "; "
	}{
		{"The leaders met in Alaska on Friday.", date, false, "Friday=2025-08-15"},
		{"The leaders will meet on Friday.", time.Date(2025, 8, 12, 0, 0, 0, 0, time.UTC), true, "Friday=2025-08-15"},
		{"They met on Friday.", time.Time{}, false, "Friday=friday"},
		{"It was their first encounter since 2019.", date, false, "since 2019=since 2019"},
		{"The invasion began in February 2022.", date, false, "February 2022=2022-02"},
		{"The deal was signed on Aug. 15, 2025 in Anchorage.", date, false, "Aug. 15, 2025=2025-08-15"},
		{"Talks resumed on 3 March 2024.", date, false, "3 March 2024=2024-03-03"},
		{"Officials met last week.", date, false, "last week=2025-08-09"},
		{"The vote was held yesterday.", date, false, "yesterday=2025-08-15"},
		{"It may rain in May.", date, false, "May=2025-05"},
		{"March on the capital, they said.", date, false, ""},
		{"More than 2022 people came.", date, false, ""},
		{"He served from 2014 until 2019.", time.Time{}, false, "2014=2014; 2019=2019"},
		{"The war has raged since Monday.", date, false, "since Monday=since 2025-08-11"},
	}
	for _, tc := range tests {
		trs := parseTimes(tc.sentence, ctokenize(tc.sentence), tc.date, tc.ahead)
		var got []string
		for _, tr := range trs {
			if tc.sentence[tr.Start:tr.End] != tr.Text {
				t.Errorf("%q: span mismatch %q vs %q", tc.sentence, tc.sentence[tr.Start:tr.End], tr.Text)
			}
			got = append(got, tr.Text+"="+tr.Norm)
		}
		if g := strings.Join(got, "; "); g != tc.want {
			t.Errorf("%q: got %q, want %q", tc.sentence, g, tc.want)
		}
	}
}

func TestTimesDiffer(t *testing.T) {
	p := func(s string) TimeRef {
		trs := parseTimes(s, ctokenize(s), time.Time{}, false)
		if len(trs) != 1 {
			t.Fatalf("%q: %d times", s, len(trs))
		}
		return trs[0]
	}
	tests := []struct {
		a, b   string
		differ bool
	}{
		{"in 2019", "in 2022", true},
		{"in 2022", "in February 2022", false},
		{"in February 2022", "in March 2022", true},
		{"on Friday", "on Thursday", true},
		{"on Friday", "on Friday", false},
		{"since 2019", "in 2019", false},
	}
	for _, tc := range tests {
		if got := timesDiffer(p(tc.a), p(tc.b)); got != tc.differ {
			t.Errorf("%q vs %q: %v, want %v", tc.a, tc.b, got, tc.differ)
		}
	}
}
