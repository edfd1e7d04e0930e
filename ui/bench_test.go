package ui

import (
	"io"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

func benchModel(b *testing.B) *Model {
	b.Helper()
	m := newTestModel(b, seedIndex(b), 200, 60, nil)
	if len(m.visible) != 4 {
		b.Fatalf("visible panes = %d, want 4 at 200x60", len(m.visible))
	}
	m.View()
	return m
}

// BenchmarkView is one frame at 200x60 with the sidebar and four panes.
func BenchmarkView(b *testing.B) {
	m := benchModel(b)
	b.ReportAllocs()
	for b.Loop() {
		_ = m.View()
	}
}

// BenchmarkKeypress is what one key costs: Update and the frame after it,
// alternating scrolling and moving between conflicts (which re-highlights
// every pane).
func BenchmarkKeypress(b *testing.B) {
	m := benchModel(b)
	m.Update(keyMsg("tab"))
	keys := []tea.KeyMsg{keyMsg("j"), keyMsg("j"), keyMsg("k"), keyMsg("n"), keyMsg("j"), keyMsg("N")}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		m.Update(keys[i%len(keys)])
		_ = m.View()
		i++
	}
}

// BenchmarkScroll is the cheapest key: a line down in a pane.
func BenchmarkScroll(b *testing.B) {
	m := benchModel(b)
	m.Update(keyMsg("tab"))
	down, up := keyMsg("j"), keyMsg("k")
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if i%40 < 20 {
			m.Update(down)
		} else {
			m.Update(up)
		}
		_ = m.View()
		i++
	}
}

// BenchmarkKeypressTrueColor is BenchmarkKeypress with every escape
// sequence a true-colour terminal gets.
func BenchmarkKeypressTrueColor(b *testing.B) {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.TrueColor)
	r.SetHasDarkBackground(true)
	m := newModel(seedIndex(b), Options{Renderer: r, Width: 200, Height: 60})
	m.Update(tea.WindowSizeMsg{Width: 200, Height: 60})
	m.Update(keyMsg("tab"))
	keys := []tea.KeyMsg{keyMsg("j"), keyMsg("j"), keyMsg("k"), keyMsg("n"), keyMsg("j"), keyMsg("N")}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		m.Update(keys[i%len(keys)])
		_ = m.View()
		i++
	}
}
