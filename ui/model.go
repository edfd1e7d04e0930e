package ui

import (
	"os"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/briefing/briefing/model"
)

// Options configure the UI.
type Options struct {
	// Renderer draws every style; over SSH, one per session. Its background
	// must already be settled (termbg.Settle) so that nothing queries the
	// terminal. Nil means lipgloss.DefaultRenderer().
	Renderer *lipgloss.Renderer
	// User is who triages, recorded with each decision.
	User string
	// Store keeps triage decisions; nil disables triage.
	Store TriageStore
	// Width and Height are the initial size until the terminal reports it.
	Width, Height int
	// Export writes the Markdown briefing the user exports with x. Nil
	// writes to the local file system, refusing to overwrite a file until
	// the user confirms. Over SSH, set it: otherwise a remote user writes
	// files on the server.
	Export func(path string, data []byte) error
}

// Layout constants.
const (
	headerLines  = 2
	footerLines  = 2
	minPaneWidth = 40
)

type selKind int

const (
	selNone selKind = iota
	selConflict
	selAgreement
	selClaim // idx is a sentence: one claim triaged on its own
)

type selection struct {
	kind selKind
	idx  int
}

type msgKind int

const (
	msgInfo msgKind = iota
	msgOK
	msgErr
)

// Model is the root of the UI.
type Model struct {
	c    *Common
	opts Options
	now  func() time.Time

	width, height int

	sidebar *Sidebar
	panes   []*Pane // one per article, so each keeps its scroll position
	hl      highlight

	shown   []bool
	order   []int // shown articles in display order
	first   int   // position in order of the leftmost pane
	visible []int // articles drawn now, left to right
	paneX   []int // column of each drawn pane
	sbWidth int
	bodyH   int
	focus   int // -1: sidebar; otherwise a position in visible

	sidebarHidden bool
	zoom          bool
	zoomArt       int

	sel   selection
	actor int // chosen actor, -1 none
	topic int // chosen topic, -1 none

	search searchState
	ov     overlay
	help   help.Model

	status     string
	statusKind msgKind

	triage       map[string]model.Triage
	queue        []triageOp
	inflight     *triageOp
	statusFilter int

	readerCache map[readerKey]string
	exportTo    map[string]bool // paths the user agreed to overwrite

	headerKey   string
	headerCache []string
	helpKey     string
	helpLine    string
}

var _ tea.Model = (*Model)(nil)

// New builds the root model for ix.
func New(ix *model.Index, opts Options) tea.Model {
	return newModel(ix, opts)
}

func newModel(ix *model.Index, opts Options) *Model {
	if ix == nil {
		ix = &model.Index{}
	}
	if opts.Renderer == nil {
		opts.Renderer = lipgloss.DefaultRenderer()
	}
	c := newCommon(ix, opts.Renderer)
	m := &Model{
		c:           c,
		opts:        opts,
		now:         time.Now,
		width:       opts.Width,
		height:      opts.Height,
		actor:       -1,
		topic:       -1,
		triage:      map[string]model.Triage{},
		readerCache: map[readerKey]string{},
		exportTo:    map[string]bool{},
	}
	if m.width <= 0 || m.height <= 0 {
		m.width, m.height = 80, 24
	}
	m.hl = highlight{selected: map[int]bool{}, currentArticle: -1}
	m.help = help.New()
	m.help.Styles = c.Styles.Help
	m.search = newSearch(c)

	if opts.Store != nil {
		for _, cf := range ix.Conflicts {
			if t, ok := opts.Store.Get(cf.Key); ok {
				m.triage[cf.Key] = t
			}
		}
		for _, g := range ix.Agreements {
			if t, ok := opts.Store.Get(g.Key); ok {
				m.triage[g.Key] = t
			}
		}
		c.Derived.updateSeverity(m.statusOf)
	}

	m.shown = make([]bool, len(ix.Articles))
	for i := range ix.Articles {
		m.shown[i] = true
		m.order = append(m.order, i)
		m.panes = append(m.panes, newPane(c, &m.hl, i))
	}
	m.sidebar = newSidebar(c)
	m.sidebar.status = func(i int) string { return m.statusOf(ix.Conflicts[i].Key) }
	m.sidebar.showStatus = opts.Store != nil
	m.sidebar.statusFilter = func() string { return statusFilters[m.statusFilter] }
	m.sidebar.isShown = func(a int) bool { return m.shown[a] }
	m.sidebar.onChoose = m.choose
	m.focus = -1
	m.layout()
	return m
}

// Init implements tea.Model. The first frame needs nothing from the
// terminal, so there is nothing to wait for.
func (m *Model) Init() tea.Cmd { return nil }

// Update implements tea.Model.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd := m.update(msg)
	m.refresh()
	return m, cmd
}

func (m *Model) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = max(1, msg.Width), max(1, msg.Height)
		m.layout()
		if m.ov != nil {
			return m.ov.resize(m)
		}
		return nil
	case triageDoneMsg:
		return m.triageDone(msg)
	case renderedMsg:
		m.rendered(msg)
		return nil
	case exportedMsg:
		m.exported(msg)
		return nil
	case tea.MouseMsg:
		return m.mouse(msg)
	case tea.KeyMsg:
		return m.key(msg)
	}
	// cursor blinks and the like belong to whichever input is active
	if m.ov != nil {
		_, cmd := m.ov.update(m, msg)
		return cmd
	}
	return nil
}

func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	k := m.c.Keys
	if msg.Type == tea.KeyCtrlC {
		return tea.Quit
	}
	// Bubble Tea v1 hands runes read in one chunk (fast typing, tmux
	// send-keys, SSH) to us as one KeyMsg: "nc" must still be n then c.
	if msg.Type == tea.KeyRunes && len(msg.Runes) > 1 && !msg.Paste {
		var cmds []tea.Cmd
		for _, r := range msg.Runes {
			cmds = append(cmds, m.key(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: msg.Alt}))
		}
		return tea.Batch(cmds...)
	}
	if m.statusKind != msgInfo || m.status != "saving…" {
		m.status = ""
	}
	if m.ov != nil {
		closeIt, cmd := m.ov.update(m, msg)
		if closeIt {
			m.ov = nil
		}
		return cmd
	}
	if m.search.typing {
		return m.searchKey(msg)
	}
	if m.focus < 0 && m.sidebar.filtering {
		_, cmd := m.sidebar.Update(msg)
		return cmd
	}

	switch {
	case key.Matches(msg, k.Quit):
		return tea.Quit
	case key.Matches(msg, k.Help):
		return m.openOverlay(newHelpOverlay(m))
	case key.Matches(msg, k.FocusNext):
		m.cycleFocus(1)
	case key.Matches(msg, k.FocusPrev):
		m.cycleFocus(-1)
	case key.Matches(msg, k.Tab1, k.Tab2, k.Tab3, k.Tab4):
		m.showTab(int(msg.Runes[0] - '1'))
	case key.Matches(msg, k.Left):
		m.shift(-1)
	case key.Matches(msg, k.Right):
		m.shift(1)
	case key.Matches(msg, k.NextConflict):
		if m.search.active {
			m.nextMatch(1)
		} else {
			m.stepConflict(1)
		}
	case key.Matches(msg, k.PrevConflict):
		if m.search.active {
			m.nextMatch(-1)
		} else {
			m.stepConflict(-1)
		}
	case key.Matches(msg, k.NextAgreement):
		m.stepAgreement(1)
	case key.Matches(msg, k.PrevAgreement):
		m.stepAgreement(-1)
	case key.Matches(msg, k.Details):
		m.openDetails()
	case key.Matches(msg, k.Search) && m.focus < 0 && m.sidebar.filterable():
		return m.sidebar.startFiltering()
	case key.Matches(msg, k.Search):
		return m.startSearch()
	case key.Matches(msg, k.Back):
		m.back()
	case key.Matches(msg, k.Sources):
		return m.openOverlay(newSourcesOverlay(m))
	case key.Matches(msg, k.Read):
		return m.openReader()
	case key.Matches(msg, k.Sidebar):
		m.toggleSidebar()
	case key.Matches(msg, k.Claim):
		m.selectClaimAtTop()
	case key.Matches(msg, k.Zoom):
		m.toggleZoom()
	case key.Matches(msg, k.Confirm):
		return m.decide(statusConfirmed, nil)
	case key.Matches(msg, k.Dismiss):
		return m.decide(statusDismissed, nil)
	case key.Matches(msg, k.Flag):
		return m.decide(statusFlagged, nil)
	case key.Matches(msg, k.Note):
		m.openNote()
	case key.Matches(msg, k.Undo):
		return m.undo()
	case key.Matches(msg, k.StatusFilter):
		m.cycleStatusFilter()
	case key.Matches(msg, k.Export):
		return m.openBriefing()
	case m.focus < 0:
		_, cmd := m.sidebar.Update(msg)
		return cmd
	default:
		if p := m.focusedPane(); p != nil {
			_, cmd := p.Update(msg)
			return cmd
		}
	}
	return nil
}

// back leaves the innermost state: search, then the list filter, then the
// chosen actor or topic, then the selection.
func (m *Model) back() {
	switch {
	case m.search.active:
		m.clearSearch()
	case m.focus < 0 && m.sidebar.lists[m.sidebar.tab].filter != "":
		m.sidebar.stopFiltering(true)
	case m.actor >= 0 || m.topic >= 0:
		m.actor, m.topic = -1, -1
		m.hl.mentions = nil
		m.bump()
	case m.sel.kind != selNone:
		m.sel = selection{}
		clear(m.hl.selected)
		m.updateTags()
		m.bump()
	case m.zoom:
		m.toggleZoom()
	}
}

func (m *Model) setStatus(k msgKind, s string) {
	m.statusKind, m.status = k, s
}

// bump marks every highlight as changed.
func (m *Model) bump() { m.hl.gen++ }

// refresh brings the drawn panes up to date; View only reads.
func (m *Model) refresh() {
	for k, a := range m.visible {
		p := m.panes[a]
		p.focused = m.focus == k
		p.sync()
	}
	m.sidebar.setFocused(m.focus < 0)
}

func (m *Model) focusedPane() *Pane {
	if m.focus >= 0 && m.focus < len(m.visible) {
		return m.panes[m.visible[m.focus]]
	}
	return nil
}

// focusedArticle is the article of the focused pane, or of the leftmost.
func (m *Model) focusedArticle() int {
	if p := m.focusedPane(); p != nil {
		return p.art
	}
	if len(m.visible) > 0 {
		return m.visible[0]
	}
	return -1
}

func (m *Model) sidebarShown() bool { return !m.sidebarHidden && !m.zoom }

// layout recomputes which panes are drawn where.
func (m *Model) layout() {
	m.bodyH = max(1, m.height-headerLines-footerLines)
	m.sbWidth = 0
	if m.sidebarShown() {
		m.sbWidth = 30
		if m.width >= 100 {
			m.sbWidth = 36
		}
		if len(m.order) == 0 || m.width < 50 {
			// nothing else fits: the list gets the screen
			m.sbWidth = m.width
		}
	}
	avail := m.width - m.sbWidth
	m.visible = m.visible[:0]
	m.paneX = m.paneX[:0]
	switch {
	case avail <= 0 || len(m.order) == 0:
	case m.zoom:
		m.visible = append(m.visible, m.zoomArt)
	default:
		n := max(1, min(avail/minPaneWidth, len(m.order)))
		m.first = max(0, min(m.first, len(m.order)-n))
		m.visible = append(m.visible, m.order[m.first:m.first+n]...)
	}
	x := m.sbWidth
	n := len(m.visible)
	for k, a := range m.visible {
		w := avail / n
		if k >= n-avail%n {
			w++ // the rightmost panes take the remainder
		}
		p := m.panes[a]
		p.border = k > 0
		p.SetSize(w, m.bodyH)
		m.paneX = append(m.paneX, x)
		x += w
	}
	if m.sidebarShown() {
		m.sidebar.SetSize(m.sbWidth, m.bodyH)
	}
	switch {
	case n == 0:
		m.focus = -1
	case m.focus >= n:
		m.focus = n - 1
	case m.focus < 0 && !m.sidebarShown():
		m.focus = 0
	}
	m.help.Width = m.width
	m.headerKey = ""
}

func (m *Model) cycleFocus(d int) {
	lo := 0
	if m.sidebarShown() {
		lo = -1
	}
	n := len(m.visible)
	if n == 0 {
		return
	}
	span := n - lo
	m.focus = ((m.focus-lo+d)%span+span)%span + lo
	m.sidebar.stopFiltering(false)
}

func (m *Model) showTab(t int) {
	if m.sidebarHidden || m.zoom {
		m.sidebarHidden, m.zoom = false, false
		m.layout()
	}
	m.sidebar.setTab(t)
	m.focus = -1
}

// shift moves the window of drawn sources left or right.
func (m *Model) shift(d int) {
	if len(m.order) == 0 {
		return
	}
	if m.zoom {
		pos := indexOf(m.order, m.zoomArt)
		pos = max(0, min(len(m.order)-1, pos+d))
		m.zoomArt = m.order[pos]
		m.layout()
		return
	}
	m.first += d
	m.layout()
}

func (m *Model) toggleSidebar() {
	if m.zoom {
		m.zoom = false
		m.sidebarHidden = false
	} else {
		m.sidebarHidden = !m.sidebarHidden
	}
	if m.sidebarHidden && m.focus < 0 {
		m.focus = 0
	}
	m.layout()
}

func (m *Model) toggleZoom() {
	if m.zoom {
		m.zoom = false
		m.layout()
		if indexOf(m.visible, m.zoomArt) < 0 {
			m.first = indexOf(m.order, m.zoomArt)
			m.layout()
		}
		m.focus = max(0, indexOf(m.visible, m.zoomArt))
		return
	}
	a := m.focusedArticle()
	if a < 0 {
		return
	}
	m.zoom, m.zoomArt, m.focus = true, a, 0
	m.layout()
}

// showArticle makes article a drawn (checking it in the source list if
// needed) and returns its pane position.
func (m *Model) showArticle(a int) int {
	if !m.shown[a] {
		m.shown[a] = true
		m.rebuildOrder(nil)
	}
	if m.zoom {
		m.zoomArt = a
		m.layout()
		return 0
	}
	if k := indexOf(m.visible, a); k >= 0 {
		return k
	}
	pos := indexOf(m.order, a)
	if pos < m.first {
		m.first = pos
	} else {
		m.first = pos - max(1, len(m.visible)) + 1
	}
	m.layout()
	return max(0, indexOf(m.visible, a))
}

// rebuildOrder lays out the shown articles: front first, then the others in
// load order.
func (m *Model) rebuildOrder(front []int) {
	m.order = m.order[:0]
	for _, a := range front {
		if m.shown[a] && indexOf(m.order, a) < 0 {
			m.order = append(m.order, a)
		}
	}
	for a := range m.shown {
		if m.shown[a] && indexOf(m.order, a) < 0 {
			m.order = append(m.order, a)
		}
	}
	if m.zoom && !m.shown[m.zoomArt] && len(m.order) > 0 {
		m.zoomArt = m.order[0]
	}
	m.sidebar.invalidate() // the Sources tab shows what is shown
	m.layout()
}

func indexOf(xs []int, x int) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return -1
}

// defaultExport writes a new file, or replaces one the user agreed to.
func defaultExport(path string, data []byte, overwrite bool) error {
	flags := os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	if !overwrite {
		flags |= os.O_EXCL
	}
	f, err := os.OpenFile(path, flags, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
