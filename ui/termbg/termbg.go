// Package termbg settles whether the terminal background is dark before
// anything can ask the terminal.
//
// Bubble Tea v1 calls lipgloss.HasDarkBackground from its package init,
// which makes termenv send an OSC 11 query and wait up to five seconds for
// an answer some terminals (and multiplexers, and SSH clients) never send.
// An explicit answer on the default renderer makes that call return at once.
// Go initialises packages in import-path order among those whose imports are
// ready, and this package needs only lipgloss (a dependency of Bubble Tea),
// so importing it anywhere in the binary runs this init before Bubble Tea's.
package termbg

import (
	"os"
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"
)

func init() {
	lipgloss.DefaultRenderer().SetHasDarkBackground(Dark(os.Getenv))
}

// Dark decides from the environment alone whether the background is dark:
// BRIEFING_BACKGROUND=light|dark wins, then COLORFGBG ("fg;bg", set by
// rxvt, Konsole, iTerm2 and others), and dark otherwise because most
// terminals are.
func Dark(getenv func(string) string) bool {
	switch strings.ToLower(strings.TrimSpace(getenv("BRIEFING_BACKGROUND"))) {
	case "light":
		return false
	case "dark":
		return true
	}
	fgbg := getenv("COLORFGBG")
	if i := strings.LastIndexByte(fgbg, ';'); i >= 0 {
		if bg, err := strconv.Atoi(fgbg[i+1:]); err == nil {
			// ANSI 7 (light grey) and 9-15 (bright colours) are light
			// backgrounds; 0-6 and 8 are dark.
			return !(bg == 7 || (bg >= 9 && bg <= 15))
		}
	}
	return true
}

// Settle gives r an explicit background so that nothing it renders queries
// the terminal. getenv reads the client's environment (over SSH, the
// session's).
func Settle(r *lipgloss.Renderer, getenv func(string) string) {
	r.SetHasDarkBackground(Dark(getenv))
}
