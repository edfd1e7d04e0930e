package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// overlay is a modal view drawn over the body (details, help, the source
// checklist, the note editor, reading mode, the briefing export).
type overlay interface {
	// update handles a message; closeIt asks the root to drop the overlay.
	update(m *Model, msg tea.Msg) (closeIt bool, cmd tea.Cmd)
	// view draws the body area.
	view(m *Model) string
	help(m *Model) []key.Binding
	// resize fits the overlay to the body; it may start a rendering.
	resize(m *Model) tea.Cmd
}

func (m *Model) openOverlay(o overlay) tea.Cmd {
	m.ov = o
	return o.resize(m)
}

// boxFrame is what the overlay border and padding take: 2 columns of
// border and 2 of padding, 2 rows of border.
const boxFrameW, boxFrameH = 4, 2

// box draws lines (already cut to the content width) in the overlay frame,
// centred in the body.
func (m *Model) box(title string, lines []string, contentW int) string {
	s := m.c.Styles
	out := make([]string, 0, len(lines)+1)
	out = append(out, s.OverlayTitle.Render(fit(title, contentW)))
	for _, l := range lines {
		out = append(out, padStyled(l, contentW))
	}
	b := s.Overlay.Render(strings.Join(out, "\n"))
	return m.c.Renderer.Place(m.width, m.bodyH, lipgloss.Center, lipgloss.Center, b)
}

// boxSize is the content size of an overlay at most maxW wide; wide ones
// take the whole body.
func (m *Model) boxSize(maxW int) (w, h int) {
	w = max(10, min(m.width-2, maxW)-boxFrameW)
	h = max(1, m.bodyH-boxFrameH-1) // the title takes a line
	return w, h
}

// textBox is a scrolling overlay of text built for its width.
type textBox struct {
	title  string
	maxW   int
	fill   bool // keep the full body height even when the text is short
	build  func(m *Model, width int) string
	vp     viewport.Model
	builtW int
	keys   []key.Binding
}

func newTextBox(title string, maxW int, build func(*Model, int) string) *textBox {
	vp := viewport.New(0, 0)
	vp.KeyMap = viewport.KeyMap{}
	return &textBox{title: title, maxW: maxW, build: build, vp: vp, builtW: -1}
}

func (t *textBox) resize(m *Model) tea.Cmd {
	w, h := m.boxSize(t.maxW)
	t.vp.Width, t.vp.Height = w, h
	if w != t.builtW {
		t.builtW = w
		t.vp.SetContent(t.build(m, w))
	}
	t.fit(h)
	return nil
}

// fit shrinks a box around short text.
func (t *textBox) fit(maxH int) {
	if !t.fill {
		t.vp.Height = max(1, min(maxH, t.vp.TotalLineCount()))
		t.vp.SetYOffset(t.vp.YOffset)
	}
}

func (t *textBox) setContent(s string) { t.vp.SetContent(s) }

func (t *textBox) update(m *Model, msg tea.Msg) (bool, tea.Cmd) {
	k := m.c.Keys
	switch msg := msg.(type) {
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, k.Back, k.Quit, k.Details, k.Help):
			return true, nil
		default:
			scrollKey(&t.vp, k, msg)
		}
	case tea.MouseMsg:
		t.vp, _ = t.vp.Update(msg)
	}
	return false, nil
}

func (t *textBox) view(m *Model) string {
	title := t.title
	if t.vp.TotalLineCount() > t.vp.Height {
		title += fmt.Sprintf("  %3.0f%%", t.vp.ScrollPercent()*100)
	}
	lines := strings.Split(t.vp.View(), "\n")
	return m.box(title, lines, t.vp.Width)
}

func (t *textBox) help(m *Model) []key.Binding {
	k := m.c.Keys
	if t.keys != nil {
		return t.keys
	}
	return []key.Binding{k.Down, k.Up, k.PageDown, key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close"))}
}

// wrapText wraps styled text to width w.
func (m *Model) wrapText(s string, w int) string {
	return m.c.Renderer.NewStyle().Width(w).Render(s)
}

// indent wraps s to w-n columns and indents every line by n spaces.
func (m *Model) indent(s string, w, n int) string {
	lines := strings.Split(m.wrapText(s, max(1, w-n)), "\n")
	pad := strings.Repeat(" ", n)
	for i := range lines {
		lines[i] = pad + strings.TrimRight(lines[i], " ")
	}
	return strings.Join(lines, "\n")
}

// newHelpOverlay is the full help with the colour legend.
func newHelpOverlay(m *Model) overlay {
	tb := newTextBox("Keys", 120, func(m *Model, w int) string {
		var b strings.Builder
		h := m.help
		h.ShowAll = true
		h.Width = 0
		// pack the key groups into rows of columns that fit
		groups := m.FullHelp()
		for len(groups) > 0 {
			n := len(groups)
			for n > 1 && ansi.StringWidth(firstLine(h.FullHelpView(groups[:n]))) > w {
				n--
			}
			b.WriteString(h.FullHelpView(groups[:n]))
			b.WriteString("\n\n")
			groups = groups[n:]
		}
		b.WriteString(m.legend(w))
		return b.String()
	})
	return tb
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// legend explains the marks with samples drawn in the real styles, and the
// gutter characters that carry the same meaning without colour.
func (m *Model) legend(w int) string {
	s := m.c.Styles
	rows := []struct{ mark, sample, what string }{
		{s.SeverityHard.Render("!"), s.textStyle(attrHard).Render("sentence"), "hard conflict: both cannot be true"},
		{s.SeveritySoft.Render("~"), s.textStyle(attrSoft).Render("sentence"), "soft conflict: diverging accounts"},
		{" ", s.textStyle(attrHard | attrValue).Render("value"), "the value compared (bold, underlined)"},
		{s.Agree.Render("3"), "sentence", "corroborated by 3 independent sources"},
		{s.Bold.Render(">"), s.textStyle(attrSelected).Render("sentence"), "claim of the selected item (reversed)"},
		{s.Bold.Render("*"), s.textStyle(attrMention).Render("name"), "mention of the chosen actor or topic"},
		{s.Bold.Render("/"), s.textStyle(attrMatch).Render("match"), "search match (current one brighter)"},
	}
	var b strings.Builder
	b.WriteString(s.Bold.Render("Legend"))
	b.WriteString(s.Dim.Render("  (gutter mark, sample, meaning)"))
	b.WriteByte('\n')
	for _, r := range rows {
		line := " " + r.mark + "  " + padStyled(r.sample, 9) + "  " + r.what
		b.WriteString(ansi.Truncate(line, w, "…"))
		b.WriteByte('\n')
	}
	b.WriteString(s.Dim.Render(ansi.Truncate("Triage status shows in the Conflicts list, the pane heading and the footer.", w, "…")))
	return b.String()
}
