// Package ui is the briefing terminal UI: the sources side by side with
// their conflicts and agreements highlighted, a sidebar of conflicts, actors,
// topics and sources, and triage of conflicts into a TriageStore.
//
// Every style is built from the *lipgloss.Renderer given in Options, so the
// SSH server can run one UI per session with that session's colour profile;
// nothing here keeps styles in package variables.
package ui

import (
	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/briefing/briefing/model"
)

// Component is what every part of the screen implements: a Bubble Tea model
// that is told its size and describes its own keys.
type Component interface {
	tea.Model
	help.KeyMap
	SetSize(width, height int)
}

// Common is the small context every component shares: the index, the
// renderer and what was built from it, and the keys.
type Common struct {
	Index    *model.Index
	Renderer *lipgloss.Renderer
	Styles   *Styles
	Keys     *KeyMap
	// Derived holds per-index lookups built once (sentence severities,
	// agreement counts, compared values).
	Derived *derived
}

func newCommon(ix *model.Index, r *lipgloss.Renderer) *Common {
	return &Common{
		Index:    ix,
		Renderer: r,
		Styles:   newStyles(r),
		Keys:     newKeyMap(),
		Derived:  newDerived(ix),
	}
}

// ascii reports whether the renderer draws no colours or attributes at all
// (NO_COLOR, a dumb terminal, tests); textual markers then carry the meaning.
func (c *Common) ascii() bool {
	return c.Renderer.ColorProfile() == termenv.Ascii
}

// glamourStyle picks glamour's standard style from what the renderer
// already knows, never "auto" (which would query the terminal).
func (c *Common) glamourStyle() string {
	switch {
	case c.ascii():
		return "notty"
	case c.Renderer.HasDarkBackground():
		return "dark"
	default:
		return "light"
	}
}
