package model

import "testing"

func TestParseRole(t *testing.T) {
	tests := []struct{ role, temporal, land, base string }{
		{"former U.S. President", "former", "United States", "president"},
		{"US President", "", "United States", "president"},
		{"United States President", "", "United States", "president"},
		{"Russia's president", "", "Russia", "president"},
		{"Russian Foreign Minister", "", "Russia", "foreign minister"},
		{"ex-President", "former", "", "president"},
		{"President-elect", "future", "", "president"},
		{"acting Prime Minister", "acting", "", "prime minister"},
	}
	for _, tc := range tests {
		r := parseRole(tc.role)
		if r.temporal != tc.temporal || r.jurisdiction != tc.land || r.base != tc.base {
			t.Errorf("%q: got %q/%q/%q, want %q/%q/%q", tc.role, r.temporal, r.jurisdiction, r.base, tc.temporal, tc.land, tc.base)
		}
	}
}

func TestRolesClash(t *testing.T) {
	tests := []struct {
		a, b  string
		clash bool
	}{
		{"former U.S. President", "U.S. President", true},
		{"former U.S. President", "President", true},
		{"former U.S. President", "United States President", true},
		{"US President", "U.S. president", false},
		{"acting President", "President", false},
		{"former Latvian defense minister", "current chair", false},
		{"Russian President", "Ukrainian President", true},
		{"former Russian President", "Ukrainian President", false},
		{"Secretary of State", "special envoy", false},
	}
	for _, tc := range tests {
		got := rolesClash(parseRole(tc.a), parseRole(tc.b)) != ""
		if got != tc.clash {
			t.Errorf("%q vs %q: clash=%v, want %v", tc.a, tc.b, got, tc.clash)
		}
	}
}

func TestFallbackRoles(t *testing.T) {
	s := "Russian President Vladimir Putin and former U.S. President Donald Trump met Secretary of State Marco Rubio."
	got := fallbackRoles(s, ctokenize(s), nil)
	want := []struct{ key, span, base, temporal string }{
		{"name:putin", "Russian President Vladimir Putin", "president", ""},
		{"name:trump", "former U.S. President Donald Trump", "president", "former"},
		{"name:rubio", "Secretary of State Marco Rubio", "secretary of state", ""},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d roles: %+v", len(got), got)
	}
	for i, w := range want {
		g := got[i]
		if g.key != w.key || s[g.start:g.end] != w.span || g.role.base != w.base || g.role.temporal != w.temporal {
			t.Errorf("role %d: got %s %q %q %q, want %+v", i, g.key, s[g.start:g.end], g.role.base, g.role.temporal, w)
		}
	}
}
