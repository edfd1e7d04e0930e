package serve

import (
	"errors"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/log"
	"github.com/charmbracelet/ssh"

	"github.com/briefing/briefing/model"
	"github.com/briefing/briefing/store"
	"github.com/briefing/briefing/ui"
	"github.com/briefing/briefing/ui/termbg"
)

// Briefing returns the ModelFunc of the briefing TUI: every session shows
// the same index (read only, shared), with the triage that db holds for the
// session's key. A session whose triage cannot be loaded is read-only, and
// says so when the user tries to decide.
func Briefing(ix *model.Index, db *store.Store, logger *log.Logger) ModelFunc {
	if logger == nil {
		logger = log.Default()
	}
	return func(sess ssh.Session, r *lipgloss.Renderer, user string) tea.Model {
		getenv := environ(sess.Environ()).get
		if getenv("BRIEFING_BACKGROUND") != "" {
			termbg.Settle(r, getenv)
		} else {
			// wish's renderer asked the client's terminal; make its answer
			// (or the fallback when there was none) explicit, so that
			// nothing asks again.
			r.SetHasDarkBackground(r.HasDarkBackground())
		}
		var triage ui.TriageStore
		if db != nil {
			if us, err := db.ForUser(sess.Context(), user); err != nil {
				logger.Error("loading triage; the session is read-only", "user", user, "err", err)
			} else {
				triage = us
			}
		}
		pty, _, _ := sess.Pty()
		return ui.New(ix, ui.Options{
			Renderer: r,
			User:     user,
			Store:    triage,
			Width:    pty.Window.Width,
			Height:   pty.Window.Height,
			Export:   refuseRemoteExport,
		})
	}
}

// refuseRemoteExport keeps remote users from writing files on the server.
func refuseRemoteExport(string, []byte) error {
	return errors.New("export is not available over SSH; run `briefing report --markdown` on your own machine")
}

// environ is a session's environment (what the client sent with SendEnv).
type environ []string

func (e environ) get(key string) string {
	for _, kv := range e {
		if k, v, ok := strings.Cut(kv, "="); ok && k == key {
			return v
		}
	}
	return ""
}
