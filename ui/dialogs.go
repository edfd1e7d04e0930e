package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textarea"
	tea "github.com/charmbracelet/bubbletea"
)

// sourcesOverlay is the checklist of which sources get panes.
type sourcesOverlay struct {
	cursor, offset int
	w, h           int
}

func newSourcesOverlay(m *Model) overlay { return &sourcesOverlay{} }

func (o *sourcesOverlay) resize(m *Model) tea.Cmd {
	o.w, o.h = m.boxSize(72)
	o.h = max(1, min(o.h-1, len(m.c.Index.Articles))) // a hint line goes under the list
	return nil
}

func (o *sourcesOverlay) update(m *Model, msg tea.Msg) (bool, tea.Cmd) {
	k := m.c.Keys
	n := len(m.c.Index.Articles)
	km, ok := msg.(tea.KeyMsg)
	if !ok || n == 0 {
		if ok && key.Matches(km, k.Back, k.Quit, k.Sources) {
			return true, nil
		}
		return false, nil
	}
	switch {
	case key.Matches(km, k.Back, k.Quit, k.Sources, k.Details):
		return true, nil
	case key.Matches(km, k.Down):
		o.cursor = min(n-1, o.cursor+1)
	case key.Matches(km, k.Up):
		o.cursor = max(0, o.cursor-1)
	case key.Matches(km, k.Top):
		o.cursor = 0
	case key.Matches(km, k.Bottom):
		o.cursor = n - 1
	case key.Matches(km, k.Toggle):
		o.toggle(m, o.cursor)
	case km.String() == "a":
		for i := range m.shown {
			m.shown[i] = true
		}
		m.rebuildOrder(nil)
		m.sidebar.invalidate()
	}
	if o.cursor < o.offset {
		o.offset = o.cursor
	}
	if o.cursor >= o.offset+o.h {
		o.offset = o.cursor - o.h + 1
	}
	return false, nil
}

// toggle shows or hides a source; the last one shown stays.
func (o *sourcesOverlay) toggle(m *Model, a int) {
	if m.shown[a] {
		n := 0
		for _, v := range m.shown {
			if v {
				n++
			}
		}
		if n <= 1 {
			m.setStatus(msgErr, "at least one source stays shown")
			return
		}
	}
	m.shown[a] = !m.shown[a]
	front := append([]int(nil), m.order...)
	m.rebuildOrder(front)
	m.sidebar.invalidate()
}

func (o *sourcesOverlay) view(m *Model) string {
	s := m.c.Styles
	var lines []string
	for i := o.offset; i < len(m.c.Index.Articles) && len(lines) < o.h; i++ {
		a := m.c.Index.Articles[i]
		box := "[ ]"
		if m.shown[i] {
			box = "[x]"
		}
		mark := "  "
		if i == o.cursor {
			mark = "> "
		}
		line := fmt.Sprintf("%s%s %-4s %s", mark, box, a.ID, sourceName(a))
		if a.Kind != "" {
			line += " · " + a.Kind
		}
		line = fit(line, o.w)
		if i == o.cursor {
			line = s.ItemSelected.Render(line)
		}
		lines = append(lines, line)
	}
	if len(lines) == 0 {
		lines = append(lines, s.Dim.Render("no sources"))
	}
	for len(lines) < o.h {
		lines = append(lines, "")
	}
	shown := 0
	for _, v := range m.shown {
		if v {
			shown++
		}
	}
	lines = append(lines, s.Dim.Render(fit(fmt.Sprintf("%d of %d shown · space toggles · a shows all", shown, len(m.shown)), o.w)))
	return m.box("Sources shown", lines, o.w)
}

func (o *sourcesOverlay) help(m *Model) []key.Binding {
	k := m.c.Keys
	return []key.Binding{k.Down, k.Up, k.Toggle,
		key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "show all")),
		key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "done"))}
}

// noteOverlay edits the note of the selected item.
type noteOverlay struct {
	ta    textarea.Model
	label string
	w, h  int
}

func (m *Model) openNote() {
	if m.opts.Store == nil {
		m.setStatus(msgErr, "no triage store: notes cannot be saved")
		return
	}
	_, key, label, ok := m.selectedItem()
	if !ok {
		m.setStatus(msgErr, "select a conflict (n) or agreement (]) first")
		return
	}
	r := m.c.Renderer
	ta := textarea.New()
	st := textarea.Style{
		Base:             r.NewStyle(),
		CursorLine:       r.NewStyle(),
		CursorLineNumber: m.c.Styles.Dim,
		EndOfBuffer:      m.c.Styles.Dim,
		LineNumber:       m.c.Styles.Dim,
		Placeholder:      m.c.Styles.Dim,
		Prompt:           m.c.Styles.Prompt,
		Text:             r.NewStyle(),
	}
	ta.FocusedStyle, ta.BlurredStyle = st, st
	ta.Cursor.Style = r.NewStyle().Reverse(true)
	ta.Cursor.TextStyle = r.NewStyle()
	ta.Cursor.SetMode(cursor.CursorStatic)
	ta.ShowLineNumbers = false
	ta.Placeholder = "Why this decision? Sources checked, calls made…"
	ta.CharLimit = 4000
	ta.SetValue(m.expectedTriage(key).Note)
	ta.Focus()
	m.openOverlay(&noteOverlay{ta: ta, label: label})
}

func (o *noteOverlay) resize(m *Model) tea.Cmd {
	o.w, o.h = m.boxSize(80)
	o.ta.SetWidth(o.w)
	o.ta.SetHeight(max(1, o.h-1))
	return nil
}

func (o *noteOverlay) update(m *Model, msg tea.Msg) (bool, tea.Cmd) {
	if km, ok := msg.(tea.KeyMsg); ok {
		switch {
		case km.Type == tea.KeyEsc:
			m.setStatus(msgInfo, "note not changed")
			return true, nil
		case key.Matches(km, m.c.Keys.Save):
			note := strings.TrimSpace(o.ta.Value())
			return true, m.decide("", &note)
		}
	}
	var cmd tea.Cmd
	o.ta, cmd = o.ta.Update(msg)
	return false, cmd
}

func (o *noteOverlay) view(m *Model) string {
	lines := strings.Split(o.ta.View(), "\n")
	lines = append(lines, m.c.Styles.Dim.Render(fit("ctrl+s save · esc cancel", o.w)))
	return m.box("Note on "+o.label, lines, o.w)
}

func (o *noteOverlay) help(m *Model) []key.Binding {
	return []key.Binding{m.c.Keys.Save, key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel"))}
}
