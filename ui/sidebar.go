package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/briefing/briefing/model"
)

// Sidebar tabs.
const (
	tabConflicts = iota
	tabActors
	tabTopics
	tabSources
	numTabs
)

// tabLabels are the tab names from widest to narrowest; the sidebar uses
// the first that fits.
var tabLabels = [][numTabs]string{
	{"Conflicts", "Actors", "Topics", "Sources"},
	{"Confl", "Actors", "Topics", "Srcs"},
	{"Confl", "Actor", "Topic", "Src"},
	{"Conf", "Act", "Top", "Src"},
	{"C", "A", "T", "S"},
}

// sidebarHeadLines are the tab row and the info/filter row.
const sidebarHeadLines = 2

// list is the state of one tab's list.
type list struct {
	all     []int // item indexes (into Conflicts, Actors, ...), display order
	visible []int // all after the text and status filters
	filter  string
	cursor  int // position in visible
	offset  int // first position drawn
}

func (l *list) current() (int, bool) {
	if l.cursor < 0 || l.cursor >= len(l.visible) {
		return 0, false
	}
	return l.visible[l.cursor], true
}

// Sidebar is the tabbed list of conflicts, actors, topics and sources, with
// filter-as-you-type.
type Sidebar struct {
	c             *Common
	width, height int
	tab           int
	focused       bool
	lists         [numTabs]list

	filter    textinput.Model
	filtering bool

	// Supplied by the root model.
	status       func(conflict int) string // triage status of a conflict
	statusFilter func() string             // "" for all
	isShown      func(article int) bool
	showStatus   bool                // there is a triage store
	onChoose     func(tab, item int) // the cursor moved onto an item

	cache []string
	dirty bool
}

var _ Component = (*Sidebar)(nil)

func newSidebar(c *Common) *Sidebar {
	ti := textinput.New()
	ti.Prompt = "/"
	ti.PromptStyle = c.Styles.Prompt
	ti.TextStyle = c.Renderer.NewStyle()
	ti.PlaceholderStyle = c.Styles.Dim
	ti.Placeholder = "filter"
	ti.Cursor.Style = c.Renderer.NewStyle().Reverse(true)
	ti.Cursor.TextStyle = c.Renderer.NewStyle()
	ti.Cursor.SetMode(cursor.CursorStatic)
	s := &Sidebar{c: c, filter: ti, dirty: true}
	ix := c.Index
	for i := range ix.Conflicts {
		s.lists[tabConflicts].all = append(s.lists[tabConflicts].all, i)
	}
	// actors and topics most mentioned first: that is what an analyst
	// looks for
	for _, i := range c.Derived.storyActors(len(ix.Actors)) {
		s.lists[tabActors].all = append(s.lists[tabActors].all, i)
	}
	topics := make([]int, len(ix.Topics))
	for i := range topics {
		topics[i] = i
	}
	s.lists[tabTopics].all = topics
	for i := range ix.Articles {
		s.lists[tabSources].all = append(s.lists[tabSources].all, i)
	}
	for t := range s.lists {
		s.refilter(t)
	}
	return s
}

// SetSize implements Component.
func (s *Sidebar) SetSize(w, h int) {
	if w != s.width || h != s.height {
		s.width, s.height = w, h
		s.filter.Width = max(1, s.innerWidth()-3)
		s.ensureVisible()
		s.dirty = true
	}
}

func (s *Sidebar) innerWidth() int { return max(1, s.width-1) } // right border

func (s *Sidebar) itemHeight(tab int) int {
	if tab == tabConflicts || tab == tabSources {
		return 2
	}
	return 1
}

func (s *Sidebar) listRows() int { return max(1, s.height-sidebarHeadLines) }

// setTab shows tab t.
func (s *Sidebar) setTab(t int) {
	if t >= 0 && t < numTabs && t != s.tab {
		s.stopFiltering(false)
		s.tab = t
		s.dirty = true
	}
}

func (s *Sidebar) setFocused(f bool) {
	if f != s.focused {
		s.focused = f
		s.dirty = true
	}
}

func (s *Sidebar) invalidate() { s.dirty = true }

// refilter recomputes the visible items of tab t, keeping the cursor on the
// same item when it is still there.
func (s *Sidebar) refilter(t int) {
	l := &s.lists[t]
	cur, had := l.current()
	q := strings.ToLower(l.filter)
	sf := ""
	if t == tabConflicts && s.statusFilter != nil {
		sf = s.statusFilter()
	}
	l.visible = l.visible[:0]
	for _, i := range l.all {
		if q != "" && !strings.Contains(strings.ToLower(s.label(t, i)), q) {
			continue
		}
		if sf != "" && s.status != nil && s.status(i) != sf {
			continue
		}
		l.visible = append(l.visible, i)
	}
	l.cursor = 0
	if had {
		for p, i := range l.visible {
			if i == cur {
				l.cursor = p
			}
		}
	}
	s.ensureVisible()
	s.dirty = true
}

// label is the text an item is filtered by.
func (s *Sidebar) label(t, i int) string {
	ix := s.c.Index
	switch t {
	case tabConflicts:
		c := ix.Conflicts[i]
		return c.ID + " " + c.Kind + " " + c.Severity + " " + c.Summary + " " + c.Topic + " " + strings.Join(c.Actors, " ")
	case tabActors:
		a := ix.Actors[i]
		return a.Name + " " + strings.Join(a.Aliases, " ") + " " + a.Kind
	case tabTopics:
		tp := ix.Topics[i]
		return tp.Name + " " + strings.Join(tp.Keywords, " ")
	case tabSources:
		a := ix.Articles[i]
		return a.ID + " " + a.Outlet + " " + a.File + " " + a.Byline + " " + a.Title + " " + a.Kind
	}
	return ""
}

// selectItem moves the cursor of tab t onto item i if it is visible.
func (s *Sidebar) selectItem(t, i int) bool {
	l := &s.lists[t]
	for p, x := range l.visible {
		if x == i {
			if l.cursor != p {
				l.cursor = p
				s.dirty = true
			}
			s.ensureVisible()
			return true
		}
	}
	return false
}

func (s *Sidebar) ensureVisible() {
	for t := range s.lists {
		l := &s.lists[t]
		per := s.itemHeight(t)
		n := max(1, s.listRows()/per)
		if l.cursor < l.offset {
			l.offset = l.cursor
		}
		if l.cursor >= l.offset+n {
			l.offset = l.cursor - n + 1
		}
		l.offset = max(0, min(l.offset, max(0, len(l.visible)-n)))
	}
}

func (s *Sidebar) move(delta int) {
	l := &s.lists[s.tab]
	if len(l.visible) == 0 {
		return
	}
	c := max(0, min(len(l.visible)-1, l.cursor+delta))
	if c == l.cursor {
		return
	}
	l.cursor = c
	s.ensureVisible()
	s.dirty = true
	if s.onChoose != nil {
		s.onChoose(s.tab, l.visible[c])
	}
}

// choose announces the item under the cursor.
func (s *Sidebar) choose() {
	if i, ok := s.lists[s.tab].current(); ok && s.onChoose != nil {
		s.onChoose(s.tab, i)
	}
}

func (s *Sidebar) startFiltering() tea.Cmd {
	s.filtering = true
	s.filter.SetValue(s.lists[s.tab].filter)
	s.filter.CursorEnd()
	s.dirty = true
	return s.filter.Focus()
}

// stopFiltering leaves the filter input; clear also drops the filter.
func (s *Sidebar) stopFiltering(clearIt bool) {
	if !s.filtering && !clearIt {
		return
	}
	s.filtering = false
	s.filter.Blur()
	if clearIt && s.lists[s.tab].filter != "" {
		s.lists[s.tab].filter = ""
		s.refilter(s.tab)
	}
	s.dirty = true
}

// Init implements tea.Model.
func (s *Sidebar) Init() tea.Cmd { return nil }

// Update moves through the list and edits the filter.
func (s *Sidebar) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	k := s.c.Keys
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return s, nil
	}
	if s.filtering {
		switch km.Type {
		case tea.KeyEsc:
			s.stopFiltering(true)
			return s, nil
		case tea.KeyEnter:
			s.stopFiltering(false)
			s.choose()
			return s, nil
		case tea.KeyUp, tea.KeyDown:
			if km.Type == tea.KeyUp {
				s.move(-1)
			} else {
				s.move(1)
			}
			return s, nil
		}
		var cmd tea.Cmd
		s.filter, cmd = s.filter.Update(msg)
		if v := s.filter.Value(); v != s.lists[s.tab].filter {
			s.lists[s.tab].filter = v
			s.refilter(s.tab)
		}
		s.dirty = true
		return s, cmd
	}
	per := max(1, s.listRows()/s.itemHeight(s.tab))
	switch {
	case km.Type == tea.KeySpace:
		s.choose() // what j/k do by moving, for the item already under the cursor
	case key.Matches(km, k.Down):
		s.move(1)
	case key.Matches(km, k.Up):
		s.move(-1)
	case key.Matches(km, k.PageDown):
		s.move(per)
	case key.Matches(km, k.PageUp):
		s.move(-per)
	case key.Matches(km, k.Top):
		s.move(-len(s.lists[s.tab].visible))
	case key.Matches(km, k.Bottom):
		s.move(len(s.lists[s.tab].visible))
	case key.Matches(km, k.Filter) && s.filterable():
		return s, s.startFiltering()
	}
	return s, nil
}

// itemAt is the visible position of the item drawn at row y of the sidebar
// (0 is the tab row).
func (s *Sidebar) itemAt(y int) (int, bool) {
	y -= sidebarHeadLines
	if y < 0 {
		return 0, false
	}
	l := &s.lists[s.tab]
	p := l.offset + y/s.itemHeight(s.tab)
	return p, p < len(l.visible)
}

// tabAt is the tab drawn at column x of the tab row.
func (s *Sidebar) tabAt(x int) int {
	_, spans := s.tabRow()
	for t, sp := range spans {
		if x >= sp[0] && x < sp[1] {
			return t
		}
	}
	return -1
}

// clickItem moves the cursor to the visible position p.
func (s *Sidebar) clickItem(p int) {
	l := &s.lists[s.tab]
	if p >= 0 && p < len(l.visible) {
		s.move(p - l.cursor)
		if p == l.cursor {
			s.choose()
		}
	}
}

// filterable reports whether / filters this tab's list; on the others it
// searches the sources, as it does from a pane.
func (s *Sidebar) filterable() bool { return s.tab == tabActors || s.tab == tabTopics }

// ShortHelp implements help.KeyMap.
func (s *Sidebar) ShortHelp() []key.Binding {
	k := s.c.Keys
	slash := k.Search
	if s.filterable() {
		slash = k.Filter
	}
	return []key.Binding{k.Down, k.Up, k.Choose, k.Details, slash, k.FocusNext}
}

// FullHelp implements help.KeyMap.
func (s *Sidebar) FullHelp() [][]key.Binding {
	k := s.c.Keys
	return [][]key.Binding{{k.Down, k.Up, k.PageDown, k.PageUp, k.Top, k.Bottom}, {k.Tab1, k.Tab2, k.Tab3, k.Tab4, k.Choose, k.Filter, k.Details}}
}

// View implements tea.Model.
func (s *Sidebar) View() string { return strings.Join(s.lines(), "\n") }

// tabRow renders the tabs and where each sits.
func (s *Sidebar) tabRow() (string, [numTabs][2]int) {
	w := s.innerWidth()
	var spans [numTabs][2]int
	for _, labels := range tabLabels {
		var b strings.Builder
		x := 0
		for t := 0; t < numTabs; t++ {
			txt := fmt.Sprintf(" %d %s ", t+1, labels[t])
			if t == s.tab {
				txt = fmt.Sprintf("[%d %s]", t+1, labels[t])
			}
			spans[t] = [2]int{x, x + ansi.StringWidth(txt)}
			x += ansi.StringWidth(txt)
			if t == s.tab {
				b.WriteString(s.c.Styles.TabActive.Render(txt))
			} else {
				b.WriteString(s.c.Styles.TabInactive.Render(txt))
			}
		}
		if x <= w {
			return padStyled(b.String(), w), spans
		}
	}
	return padStyled("", w), spans
}

func (s *Sidebar) lines() []string {
	if !s.dirty && len(s.cache) == s.height {
		return s.cache
	}
	st := s.c.Styles
	w := s.innerWidth()
	border := st.Border.Render("│")
	out := make([]string, 0, s.height)
	tabs, _ := s.tabRow()
	out = append(out, tabs+border)

	l := &s.lists[s.tab]
	var info string
	switch {
	case s.filtering:
		info = padStyled(s.filter.View(), w)
	default:
		info = st.Dim.Render(fit(s.infoLine(), w))
	}
	out = append(out, info+border)

	rows := s.listRows()
	if len(l.visible) == 0 {
		out = append(out, st.Dim.Render(fit(" "+s.emptyText(), w))+border)
	}
	per := s.itemHeight(s.tab)
	for p := l.offset; p < len(l.visible) && len(out)+per <= sidebarHeadLines+rows; p++ {
		for _, line := range s.item(s.tab, l.visible[p], p == l.cursor, w) {
			out = append(out, line+border)
		}
	}
	blank := strings.Repeat(" ", w) + border
	for len(out) < s.height {
		out = append(out, blank)
	}
	s.cache = out[:s.height]
	s.dirty = false
	return s.cache
}

func (s *Sidebar) infoLine() string {
	l := &s.lists[s.tab]
	n := len(l.visible)
	var what string
	switch s.tab {
	case tabConflicts:
		what = plural(n, "conflict")
		if s.statusFilter != nil {
			if f := s.statusFilter(); f != "" {
				what += " · " + f
			}
		}
	case tabActors:
		what = plural(n, "actor")
	case tabTopics:
		what = plural(n, "topic")
	case tabSources:
		shown := 0
		for _, i := range l.all {
			if s.isShown == nil || s.isShown(i) {
				shown++
			}
		}
		what = fmt.Sprintf("%d of %s shown", shown, plural(len(l.all), "source"))
	}
	if l.filter != "" {
		what += " · /" + l.filter
	}
	return " " + what
}

func (s *Sidebar) emptyText() string {
	l := &s.lists[s.tab]
	if len(l.all) > 0 {
		return "nothing matches"
	}
	switch s.tab {
	case tabConflicts:
		return "no conflicts found"
	case tabActors:
		return "no actors indexed"
	case tabTopics:
		return "no topics indexed"
	}
	return "no sources"
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// item draws item i of tab t as itemHeight lines of width w.
func (s *Sidebar) item(t, i int, isCursor bool, w int) []string {
	st := s.c.Styles
	ix := s.c.Index
	mark := " "
	if isCursor {
		mark = ">"
	}
	var lines []string
	switch t {
	case tabConflicts:
		c := ix.Conflicts[i]
		sev, sevStyle := "~", st.SeveritySoft
		if c.Severity == "hard" {
			sev, sevStyle = "!", st.SeverityHard
		}
		status := ""
		if s.status != nil && s.showStatus {
			status = s.status(i)
		}
		head := fmt.Sprintf("%s %s %s", c.ID, c.Kind, c.Severity)
		right := " " + status
		head = fit(head, max(0, w-2-ansi.StringWidth(right)))
		l1 := mark + sevStyle.Render(sev) + head + st.status(status).Render(right)
		l2 := "  " + fit(c.Summary, w-2)
		lines = []string{padStyled(l1, w), l2}
	case tabActors, tabTopics:
		var name string
		var mentions map[string]int
		var total int
		if t == tabActors {
			a := ix.Actors[i]
			name, mentions, total = a.Name, a.Mentions, s.c.Derived.actorTotal[i]
		} else {
			tp := ix.Topics[i]
			name, mentions, total = tp.Name, tp.Mentions, s.c.Derived.topicTotal[i]
		}
		right := fmt.Sprintf(" %d", total)
		if len(ix.Articles) <= 12 {
			right = " " + sparkline(ix.Articles, mentions) + right
		}
		l := mark + fit(name, max(0, w-1-ansi.StringWidth(right)))
		lines = []string{l + st.Bar.Render(right)}
	case tabSources:
		a := ix.Articles[i]
		box := "[ ]"
		if s.isShown == nil || s.isShown(i) {
			box = "[x]"
		}
		name := a.Outlet
		if name == "" {
			name = a.File
		}
		l1 := mark + fit(box+" "+a.ID+" "+name, w-1)
		l2 := st.Dim.Render(fit(fmt.Sprintf("     %s · %d words", a.Kind, a.Words), w))
		lines = []string{l1, l2}
	}
	if isCursor {
		style := st.ItemCursor
		if s.focused {
			style = st.ItemSelected
		}
		for k := range lines {
			lines[k] = style.Render(ansi.Strip(lines[k]))
		}
	}
	return lines
}

var sparkLevels = []rune("▁▂▃▄▅▆▇█")

// sparkline draws one cell per article: its mentions relative to the
// article with most, '·' for none.
func sparkline(arts []*model.Article, m map[string]int) string {
	top := 0
	for _, a := range arts {
		top = max(top, m[a.File])
	}
	var b strings.Builder
	for _, a := range arts {
		n := m[a.File]
		if n == 0 || top == 0 {
			b.WriteRune('·')
			continue
		}
		b.WriteRune(sparkLevels[(n*len(sparkLevels)-1)/top])
	}
	return b.String()
}
