package termbg

import (
	"io"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

func env(kv ...string) func(string) string {
	return func(k string) string {
		for i := 0; i+1 < len(kv); i += 2 {
			if kv[i] == k {
				return kv[i+1]
			}
		}
		return ""
	}
}

func TestDark(t *testing.T) {
	cases := []struct {
		env  func(string) string
		dark bool
	}{
		{env(), true},
		{env("COLORFGBG", "15;0"), true},
		{env("COLORFGBG", "0;15"), false},
		{env("COLORFGBG", "0;default;7"), false},
		{env("COLORFGBG", "7;8"), true},
		{env("COLORFGBG", "default;default"), true},
		{env("COLORFGBG", "15;0", "BRIEFING_BACKGROUND", "light"), false},
		{env("COLORFGBG", "0;15", "BRIEFING_BACKGROUND", "Dark"), true},
	}
	for i, c := range cases {
		if got := Dark(c.env); got != c.dark {
			t.Errorf("case %d: Dark = %v, want %v", i, got, c.dark)
		}
	}
}

// environ is a termenv.Environ over a fixed list.
type environ []string

func (e environ) Environ() []string { return e }
func (e environ) Getenv(k string) string {
	for _, kv := range e {
		if len(kv) > len(k) && kv[:len(k)] == k && kv[len(k)] == '=' {
			return kv[len(k)+1:]
		}
	}
	return ""
}

// The colour profile comes from the environment, so NO_COLOR turns every
// colour and attribute off; and a settled background never asks the
// terminal (this output is no terminal, so asking would have answered the
// default, dark).
func TestNoColorAndSettle(t *testing.T) {
	colour := lipgloss.NewRenderer(io.Discard, termenv.WithTTY(true),
		termenv.WithEnvironment(environ{"TERM=xterm-256color"}))
	if p := colour.ColorProfile(); p == termenv.Ascii {
		t.Fatalf("profile without NO_COLOR = %v, want colours", p)
	}
	plain := lipgloss.NewRenderer(io.Discard, termenv.WithTTY(true),
		termenv.WithEnvironment(environ{"TERM=xterm-256color", "NO_COLOR=1"}))
	if p := plain.ColorProfile(); p != termenv.Ascii {
		t.Fatalf("profile with NO_COLOR = %v, want Ascii", p)
	}
	if out := plain.NewStyle().Bold(true).Foreground(lipgloss.Color("1")).Render("x"); out != "x" {
		t.Fatalf("NO_COLOR still styles: %q", out)
	}
	Settle(colour, env("COLORFGBG", "0;15"))
	if colour.HasDarkBackground() {
		t.Fatal("Settle did not take COLORFGBG")
	}
}
