package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/briefing/briefing/model"
)

// View implements tea.Model: header, sidebar and panes (or an overlay),
// footer, each line exactly as wide as the terminal.
func (m *Model) View() string {
	var b strings.Builder
	b.Grow((m.width + 16) * m.height)
	for _, l := range m.header() {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	if m.ov != nil {
		body := m.ov.view(m)
		lines := strings.Split(body, "\n")
		for i := 0; i < m.bodyH; i++ {
			if i < len(lines) {
				b.WriteString(padStyled(lines[i], m.width))
			} else {
				b.WriteString(strings.Repeat(" ", m.width))
			}
			b.WriteByte('\n')
		}
	} else {
		m.writeBody(&b)
	}
	f := m.footer()
	b.WriteString(f[0])
	b.WriteByte('\n')
	b.WriteString(f[1])
	return b.String()
}

func (m *Model) writeBody(b *strings.Builder) {
	var sb []string
	if m.sidebarShown() && m.sbWidth > 0 {
		sb = m.sidebar.lines()
	}
	used := m.sbWidth
	for k := range m.visible {
		used += m.panes[m.visible[k]].width
	}
	fill := ""
	if used < m.width {
		fill = strings.Repeat(" ", m.width-used)
	}
	for row := 0; row < m.bodyH; row++ {
		if sb != nil {
			b.WriteString(sb[row])
		}
		for _, a := range m.visible {
			m.panes[a].writeRow(b, row)
		}
		b.WriteString(fill)
		b.WriteByte('\n')
	}
}

// header is the story, the counts and the user.
func (m *Model) header() []string {
	k := fmt.Sprintf("%d/%d", m.width, len(m.triage))
	if k == m.headerKey {
		return m.headerCache
	}
	s := m.c.Styles
	ix := m.c.Index
	story := m.storyLine()
	user := m.opts.User
	if user != "" {
		user = " " + user + " "
	}
	title := ansi.Truncate(" briefing · "+story, max(0, m.width-ansi.StringWidth(user)), "…")
	l1 := s.HeaderTitle.Render(title) + s.HeaderUser.Render(padLeft(user, m.width-ansi.StringWidth(title)))

	hard, soft := 0, 0
	for _, c := range ix.Conflicts {
		if c.Severity == model.SeverityHard {
			hard++
		} else {
			soft++
		}
	}
	counts := fmt.Sprintf(" %s · %s (%d hard, %d soft) · %s",
		plural(len(ix.Articles), "source"), plural(len(ix.Conflicts), "conflict"), hard, soft,
		plural(len(ix.Agreements), "agreement"))
	right := ""
	if m.opts.Store != nil && len(ix.Conflicts) > 0 {
		done := 0
		for _, c := range ix.Conflicts {
			if m.statusOf(c.Key) != statusOpen {
				done++
			}
		}
		right = fmt.Sprintf(" %d/%d triaged ", done, len(ix.Conflicts))
	}
	counts = ansi.Truncate(counts, max(0, m.width-ansi.StringWidth(right)), "…")
	l2 := s.HeaderMeta.Render(counts + padLeft(right, m.width-ansi.StringWidth(counts)))
	m.headerCache = []string{padStyled(l1, m.width), padStyled(l2, m.width)}
	m.headerKey = k
	return m.headerCache
}

// storyLine names the story by its most mentioned actors and first topic,
// or by the first title when nothing is indexed.
func (m *Model) storyLine() string {
	ix := m.c.Index
	var names []string
	for _, i := range m.c.Derived.storyActors(3) {
		if m.c.Derived.actorTotal[i] > 0 {
			names = append(names, ix.Actors[i].Name)
		}
	}
	story := strings.Join(names, ", ")
	if len(ix.Topics) > 0 {
		if story != "" {
			story += " — "
		}
		story += ix.Topics[0].Name
	}
	if story == "" && len(ix.Articles) > 0 {
		story = ix.Articles[0].Title
		if story == "" {
			story = ix.Articles[0].File
		}
	}
	if story == "" {
		story = "no sources"
	}
	return story
}

// footer is the explanation line and the short help.
func (m *Model) footer() [2]string {
	s := m.c.Styles
	var l1 string
	switch {
	case m.search.typing:
		l1 = m.searchLine()
	case m.status != "":
		st := s.Footer
		switch m.statusKind {
		case msgErr:
			st = s.FooterErr
		case msgOK:
			st = s.FooterOK
		}
		l1 = st.Render(ansi.Truncate(" "+m.status, m.width, "…"))
	case m.search.active:
		l1 = m.searchLine()
	default:
		l1 = m.explanation()
	}
	return [2]string{padStyled(l1, m.width), m.shortHelpLine()}
}

// shortHelpLine renders the short help, cached: it changes with the focus
// and mode, not with every key.
func (m *Model) shortHelpLine() string {
	bindings := m.ShortHelp()
	var k strings.Builder
	fmt.Fprintf(&k, "%d", m.width)
	for _, b := range bindings {
		h := b.Help()
		k.WriteString("\x00" + h.Key + "\x00" + h.Desc)
	}
	if k.String() == m.helpKey {
		return m.helpLine
	}
	m.help.Width = m.width
	m.helpKey = k.String()
	m.helpLine = padStyled(m.help.ShortHelpView(bindings), m.width)
	return m.helpLine
}

// explanation is one line about what is selected.
func (m *Model) explanation() string {
	s := m.c.Styles
	ix := m.c.Index
	var out string
	switch {
	case m.sel.kind == selConflict:
		c := ix.Conflicts[m.sel.idx]
		sev := s.SeveritySoft
		if c.Severity == model.SeverityHard {
			sev = s.SeverityHard
		}
		head := sev.Render(fmt.Sprintf(" %s %s %s", c.ID, c.Severity, c.Kind))
		text := ": " + c.Summary
		if c.Why != "" {
			text += " — " + c.Why
		}
		if m.opts.Store != nil {
			st := m.statusOf(c.Key)
			head += " " + s.status(st).Render("["+st+"]")
		}
		out = head + ansi.Truncate(text, max(0, m.width-ansi.StringWidth(head)), "…")
	case m.sel.kind == selAgreement:
		g := ix.Agreements[m.sel.idx]
		head := s.Agree.Render(fmt.Sprintf(" %s agreement, %d independent", g.ID, g.Independent))
		out = head + ansi.Truncate(": "+g.Summary, max(0, m.width-ansi.StringWidth(head)), "…")
	case m.sel.kind == selClaim:
		head := " " + claimLabel(ix, m.sel.idx)
		if m.opts.Store != nil {
			st := m.statusOf(claimKey(ix, m.sel.idx))
			head += " " + s.status(st).Render("["+st+"]")
		}
		text := ": " + printable(ix.Sentences[m.sel.idx].Text)
		out = head + ansi.Truncate(text, max(0, m.width-ansi.StringWidth(head)), "…")
	case m.actor >= 0:
		a := ix.Actors[m.actor]
		out = fmt.Sprintf(" %s (%s): %d mentions in %s", a.Name, a.Kind, m.c.Derived.actorTotal[m.actor],
			plural(len(a.Mentions), "source"))
	case m.topic >= 0:
		t := ix.Topics[m.topic]
		out = fmt.Sprintf(" topic %s: %d mentions in %s", t.Name, m.c.Derived.topicTotal[m.topic],
			plural(len(t.Mentions), "source"))
	case len(ix.Conflicts) == 0:
		out = s.Dim.Render(" No conflicts found between these sources.")
	default:
		out = s.Dim.Render(fmt.Sprintf(" %s: n shows the first", plural(len(ix.Conflicts), "conflict")))
	}
	return ansi.Truncate(out, m.width, "…")
}

// ShortHelp implements help.KeyMap for the part that has focus.
func (m *Model) ShortHelp() []key.Binding {
	k := m.c.Keys
	switch {
	case m.ov != nil:
		return m.ov.help(m)
	case m.search.typing:
		return []key.Binding{
			key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "go")),
			key.NewBinding(key.WithKeys("down"), key.WithHelp("↓/↑", "next/prev match")),
			key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "leave search")),
		}
	case m.focus < 0 && m.sidebar.filtering:
		return []key.Binding{
			key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep filter")),
			key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter")),
		}
	}
	var out []key.Binding
	if m.focus < 0 {
		out = append(out, m.sidebar.ShortHelp()...)
	} else {
		out = append(out, k.NextConflict, k.NextAgreement, k.Details, k.Search, k.FocusNext)
	}
	if m.opts.Store != nil && m.sel.kind != selNone {
		out = append(out, k.Confirm, k.Dismiss, k.Flag, k.Note)
	}
	return append(out, k.Help, k.Quit)
}

// FullHelp implements help.KeyMap: every key, grouped.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.c.Keys
	groups := [][]key.Binding{
		{k.FocusNext, k.FocusPrev, k.Tab1, k.Tab2, k.Tab3, k.Tab4, k.Sidebar, k.Zoom, k.Claim},
		{k.Down, k.Up, k.PageDown, k.PageUp, k.Top, k.Bottom, k.Left, k.Right},
		{k.NextConflict, k.PrevConflict, k.NextAgreement, k.PrevAgreement, k.Details, k.Choose, k.Search, k.Filter, k.Back},
		{k.Sources, k.Read, k.Export, k.Help, k.Quit},
	}
	if m.opts.Store != nil {
		groups = append(groups, []key.Binding{k.Confirm, k.Dismiss, k.Flag, k.Note, k.Undo, k.StatusFilter})
	} else {
		groups[3] = append(groups[3], k.StatusFilter)
	}
	return groups
}

// mouse: a click focuses a pane or picks a list item; the wheel scrolls
// what is under the pointer.
func (m *Model) mouse(msg tea.MouseMsg) tea.Cmd {
	if msg.Action != tea.MouseActionPress {
		return nil
	}
	if m.ov != nil {
		if tea.MouseEvent(msg).IsWheel() {
			_, cmd := m.ov.update(m, msg)
			return cmd
		}
		return nil
	}
	row := msg.Y - headerLines
	if row < 0 || row >= m.bodyH {
		return nil
	}
	if m.sidebarShown() && msg.X < m.sbWidth {
		switch {
		case msg.Button == tea.MouseButtonWheelUp:
			m.sidebar.move(-1)
		case msg.Button == tea.MouseButtonWheelDown:
			m.sidebar.move(1)
		case msg.Button == tea.MouseButtonLeft:
			m.focus = -1
			if row == 0 {
				if t := m.sidebar.tabAt(msg.X); t >= 0 {
					m.sidebar.setTab(t)
				}
			} else if p, ok := m.sidebar.itemAt(row); ok {
				m.sidebar.clickItem(p)
			}
		}
		return nil
	}
	for k := len(m.visible) - 1; k >= 0; k-- {
		if msg.X < m.paneX[k] {
			continue
		}
		p := m.panes[m.visible[k]]
		if tea.MouseEvent(msg).IsWheel() {
			_, cmd := p.Update(msg)
			return cmd
		}
		if msg.Button == tea.MouseButtonLeft {
			m.focus = k
			m.sidebar.stopFiltering(false)
			if si, ok := p.sentenceAtRow(msg.Y - headerLines); ok {
				m.selectClaim(si)
			}
		}
		return nil
	}
	return nil
}
