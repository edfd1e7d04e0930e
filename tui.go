package main

import (
	"io"
	"os"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/briefing/briefing/model"
	"github.com/briefing/briefing/ui"
	"github.com/briefing/briefing/ui/termbg"
)

// runTUI indexes the documents behind a progress screen, then shows the
// briefing until the user quits. Triage decisions go to the database of --db
// (or the XDG default) as they are made. Warnings about skipped inputs are
// printed once the screen is given back.
func runTUI(docs []model.Document, warns []model.Warning, lf loadFlags, stderr io.Writer) error {
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
	var ix *model.Index
	load := func(progress model.ProgressFunc) (*model.Index, error) {
		var err error
		ix, err = model.OpenProgress(docs, warns, progress)
		return ix, err
	}
	p := tea.NewProgram(
		ui.NewLoading(load, ui.Options{Renderer: r, User: user, Store: us}),
		tea.WithAltScreen(),
		tea.WithMouseCellMotion(),
	)
	final, err := p.Run()
	if err != nil {
		return err
	}
	if l, ok := final.(*ui.Loading); ok && l.Err != nil {
		return &exitError{code: 2, err: l.Err}
	}
	if ix != nil {
		printWarnings(stderr, ix.Warnings)
	}
	return nil
}
