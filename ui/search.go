package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/briefing/briefing/model"
)

// searchState is the search across every source.
type searchState struct {
	input  textinput.Model
	typing bool // the input has focus
	active bool // a query is applied: n/N walk its matches
	query  string
	hits   []searchHit
	cur    int
	// folded are the articles' texts with ASCII letters lowered, built on
	// first search; byte offsets match the originals.
	folded []string
}

type searchHit struct {
	art  int
	span model.Span
}

func newSearch(c *Common) searchState {
	ti := textinput.New()
	ti.Prompt = "/"
	ti.PromptStyle = c.Styles.Prompt
	ti.TextStyle = c.Renderer.NewStyle()
	ti.PlaceholderStyle = c.Styles.Dim
	ti.Placeholder = "search every source"
	ti.Cursor.Style = c.Renderer.NewStyle().Reverse(true)
	ti.Cursor.TextStyle = c.Renderer.NewStyle()
	ti.Cursor.SetMode(cursor.CursorStatic)
	ti.CharLimit = 200
	return searchState{input: ti}
}

func (m *Model) startSearch() tea.Cmd {
	m.search.typing = true
	m.search.active = true
	m.search.input.SetValue(m.search.query)
	m.search.input.CursorEnd()
	m.search.input.Width = max(10, m.width/2)
	return m.search.input.Focus()
}

func (m *Model) searchKey(msg tea.KeyMsg) tea.Cmd {
	switch msg.Type {
	case tea.KeyEsc:
		m.search.input.Blur()
		m.search.typing = false
		m.clearSearch()
		return nil
	case tea.KeyEnter:
		m.search.input.Blur()
		m.search.typing = false
		if m.search.query == "" {
			m.clearSearch()
			return nil
		}
		m.gotoMatch()
		return nil
	case tea.KeyDown, tea.KeyCtrlN:
		m.nextMatch(1)
		return nil
	case tea.KeyUp, tea.KeyCtrlP:
		m.nextMatch(-1)
		return nil
	}
	var cmd tea.Cmd
	m.search.input, cmd = m.search.input.Update(msg)
	if v := m.search.input.Value(); v != m.search.query {
		m.setQuery(v)
		m.gotoMatch()
	}
	return cmd
}

// setQuery finds every match of q, ignoring ASCII case, in every source.
func (m *Model) setQuery(q string) {
	s := &m.search
	s.query = q
	s.hits = s.hits[:0]
	s.cur = 0
	m.hl.matches = map[int][]model.Span{}
	if q != "" {
		if s.folded == nil {
			s.folded = make([]string, len(m.c.Index.Articles))
			for i, a := range m.c.Index.Articles {
				s.folded[i] = foldASCII(a.Text)
			}
		}
		fq := foldASCII(q)
		for a, text := range s.folded {
			for off := 0; off <= len(text)-len(fq); {
				i := strings.Index(text[off:], fq)
				if i < 0 {
					break
				}
				sp := model.Span{Start: off + i, End: off + i + len(fq)}
				s.hits = append(s.hits, searchHit{art: a, span: sp})
				m.hl.matches[a] = append(m.hl.matches[a], sp)
				off = sp.End
			}
		}
	}
	m.setCurrent()
}

// setCurrent tells the panes which match is current.
func (m *Model) setCurrent() {
	m.hl.currentArticle, m.hl.currentMatch = -1, -1
	if m.search.cur < len(m.search.hits) {
		h := m.search.hits[m.search.cur]
		m.hl.currentArticle = h.art
		for i, sp := range m.hl.matches[h.art] {
			if sp == h.span {
				m.hl.currentMatch = i
			}
		}
	}
	m.bump()
}

func foldASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if b[j] >= 'A' && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

func (m *Model) clearSearch() {
	s := &m.search
	s.active, s.query, s.hits, s.cur = false, "", s.hits[:0], 0
	m.search.input.SetValue("")
	m.hl.matches = nil
	m.hl.currentArticle, m.hl.currentMatch = -1, -1
	m.bump()
}

func (m *Model) nextMatch(d int) {
	n := len(m.search.hits)
	if n == 0 {
		return
	}
	m.search.cur = ((m.search.cur+d)%n + n) % n
	m.setCurrent()
	m.gotoMatch()
}

// gotoMatch brings the current match's source into view and scrolls to it.
func (m *Model) gotoMatch() {
	if m.search.cur >= len(m.search.hits) {
		return
	}
	h := m.search.hits[m.search.cur]
	k := m.showArticle(h.art)
	if !m.search.typing {
		m.focus = k
	}
	m.panes[h.art].scrollToOffset(h.span.Start)
}

// searchLine is the footer while searching.
func (m *Model) searchLine() string {
	s := &m.search
	count := "no matches"
	switch {
	case s.query == "":
		count = ""
	case len(s.hits) > 0:
		count = fmt.Sprintf("%d/%d matches", s.cur+1, len(s.hits))
	}
	if s.typing {
		return s.input.View() + "  " + m.c.Styles.Dim.Render(count)
	}
	return m.c.Styles.Prompt.Render("/"+s.query) + "  " + m.c.Styles.Dim.Render(count+" · n/N next/prev · esc leave")
}
