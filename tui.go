package main

import (
	"os"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/briefing/briefing/model"
	"github.com/briefing/briefing/ui"
	"github.com/briefing/briefing/ui/termbg"
)

// runTUI shows the index in the terminal UI until the user quits. Triage
// decisions go to the database of --db (or the XDG default) as they are made.
func runTUI(ix *model.Index, lf loadFlags) error {
	user := currentUser()
	db, us, err := openUserStore(lf, user)
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	defer db.Close()
	r := lipgloss.DefaultRenderer()
	// termbg's init already settled the default renderer before Bubble
	// Tea's init could query the terminal; settling again here keeps that
	// true even if a future import order changes.
	termbg.Settle(r, os.Getenv)
	p := tea.NewProgram(
		ui.New(ix, ui.Options{Renderer: r, User: user, Store: us}),
		tea.WithAltScreen(),
		tea.WithMouseCellMotion(),
	)
	_, err = p.Run()
	return err
}
