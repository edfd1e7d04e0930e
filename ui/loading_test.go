package ui

import (
	"errors"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/briefing/briefing/model"
)

func TestLoadingShowsProgressThenHandsOver(t *testing.T) {
	ix := handIndex()
	release := make(chan struct{})
	reported := make(chan struct{})
	l := NewLoading(func(p model.ProgressFunc) (*model.Index, error) {
		p(model.Progress{Stage: "parsing", Done: 3, Total: 10})
		close(reported)
		<-release
		return ix, nil
	}, Options{Renderer: asciiRenderer(), User: "tester"})
	cmd := l.Init()
	l.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	if v := l.View(); !strings.Contains(v, "loading") || strings.Contains(v, "3/10") {
		t.Fatalf("a fast load should show no bar yet:\n%s", v)
	}
	// Run the batch: the loader runs in its command, like in the program.
	msgs := make(chan tea.Msg, 4)
	for _, c := range cmd().(tea.BatchMsg) {
		go func(c tea.Cmd) { msgs <- c() }(c)
	}
	<-reported
	l.started = l.started.Add(-time.Second) // loading has now taken a while
	v := l.View()
	if !strings.Contains(v, "parsing 3/10 sources") || !strings.Contains(v, "q quits") {
		t.Fatalf("progress not shown:\n%s", v)
	}
	// While indexing runs, the screen still answers keys.
	if _, cmd := l.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("x")}); cmd != nil {
		t.Fatal("unexpected command for an unbound key")
	}
	close(release)
	var next tea.Model
	for next == nil {
		if m, ok := (<-msgs).(loadedMsg); ok {
			next, _ = l.Update(m)
		}
	}
	ui, ok := next.(*Model)
	if !ok {
		t.Fatalf("handed over to %T", next)
	}
	if v := ui.View(); !strings.Contains(v, "conflicts") || lineCount(v) != 30 {
		t.Fatalf("briefing not shown at the loading screen's size:\n%s", v)
	}
}

func TestLoadingErrorQuits(t *testing.T) {
	l := NewLoading(func(model.ProgressFunc) (*model.Index, error) { return nil, errors.New("no articles loaded") },
		Options{Renderer: asciiRenderer()})
	l.Init()
	_, cmd := l.Update(loadedMsg{err: errors.New("no articles loaded")})
	if l.Err == nil || cmd == nil {
		t.Fatal("error not kept or program not quit")
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Fatal("not a quit")
	}
}

func lineCount(s string) int { return len(strings.Split(s, "\n")) }
