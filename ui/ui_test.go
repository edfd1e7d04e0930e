package ui

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/briefing/briefing/model"
)

// memStore is a TriageStore in memory with a history for Undo.
type memStore struct {
	mu      sync.Mutex
	data    map[string]model.Triage
	history []memChange
	sets    []string // "kind key status note", in order
	failSet error
}

type memChange struct {
	key  string
	prev model.Triage
	had  bool
}

func newMemStore() *memStore { return &memStore{data: map[string]model.Triage{}} }

func (s *memStore) Get(key string) (model.Triage, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.data[key]
	return t, ok
}

func (s *memStore) Set(kind, key string, t model.Triage) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failSet != nil {
		return s.failSet
	}
	prev, had := s.data[key]
	s.history = append(s.history, memChange{key, prev, had})
	s.data[key] = t
	s.sets = append(s.sets, strings.TrimSpace(kind+" "+key+" "+t.Status+" "+t.Note))
	return nil
}

func (s *memStore) Undo() (string, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.history) == 0 {
		return "", false, nil
	}
	h := s.history[len(s.history)-1]
	s.history = s.history[:len(s.history)-1]
	if h.had {
		s.data[h.key] = h.prev
	} else {
		delete(s.data, h.key)
	}
	return h.key, true, nil
}

func lines(view string) []string { return strings.Split(view, "\n") }

// requireSize checks that the view is exactly w×h cells.
func requireSize(t *testing.T, view string, w, h int) {
	t.Helper()
	ls := lines(view)
	if len(ls) != h {
		t.Fatalf("view has %d lines, want %d:\n%s", len(ls), h, view)
	}
	for i, l := range ls {
		if got := ansi.StringWidth(l); got != w {
			t.Fatalf("line %d is %d cells wide, want %d: %q", i, got, w, l)
		}
	}
}

func footerOf(view string) string {
	ls := lines(view)
	return ls[len(ls)-2]
}

func mustContain(t *testing.T, view string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(view, w) {
			t.Fatalf("view lacks %q:\n%s", w, view)
		}
	}
}

// mustHaveLine wants one line of the view holding every one of wants.
func mustHaveLine(t *testing.T, view string, wants ...string) {
	t.Helper()
	for _, l := range lines(view) {
		ok := true
		for _, w := range wants {
			ok = ok && strings.Contains(l, w)
		}
		if ok {
			return
		}
	}
	t.Fatalf("no line holds all of %q:\n%s", wants, view)
}

func mustNotContain(t *testing.T, view string, nots ...string) {
	t.Helper()
	for _, w := range nots {
		if strings.Contains(view, w) {
			t.Fatalf("view has %q:\n%s", w, view)
		}
	}
}

func TestInitialViewSizes(t *testing.T) {
	for _, sz := range [][2]int{{80, 24}, {160, 48}, {200, 60}, {100, 30}, {45, 12}} {
		m := newTestModel(t, handIndex(), sz[0], sz[1], nil)
		requireSize(t, m.View(), sz[0], sz[1])
		m = newTestModel(t, seedIndex(t), sz[0], sz[1], nil)
		requireSize(t, m.View(), sz[0], sz[1])
	}
}

func TestEmptyIndexShowsEmptyStates(t *testing.T) {
	ix := handIndex()
	ix.Conflicts, ix.Agreements, ix.Actors, ix.Topics = nil, nil, nil, nil
	m := newTestModel(t, ix, 80, 24, nil)
	v := m.View()
	requireSize(t, v, 80, 24)
	mustContain(t, v, "no conflicts found", "No conflicts found")
	v = press(m, "n")
	mustContain(t, footerOf(v), "no conflicts found")
	v = press(m, "2")
	mustContain(t, v, "no actors indexed")
	v = press(m, "3")
	mustContain(t, v, "no topics indexed")
	v = press(m, "]")
	mustContain(t, footerOf(v), "no agreements found")
}

func TestNextConflictShowsSummaryAndBothClaims(t *testing.T) {
	m := newTestModel(t, handIndex(), 80, 24, nil)
	press(m, "b") // two panes side by side at 80 columns
	if len(m.visible) != 2 {
		t.Fatalf("visible panes = %v, want 2 at 80 columns without the sidebar", m.visible)
	}
	v := press(m, "n")
	mustContain(t, footerOf(v), "c1 hard numeric", "How long the council debated")
	mustContain(t, v, "three hours", "two hours", "c1 hard numeric · “three hours”", "c1 hard numeric · “two hours”")
	// both claim sentences carry the selected and hard marks in the gutter
	if n := strings.Count(v, ">!"); n < 2 {
		t.Fatalf("want the claim lines marked >! in both panes, got %d:\n%s", n, v)
	}

	v = press(m, "n")
	mustContain(t, footerOf(v), "c2 soft negation", "Whether a budget was adopted")
	v = press(m, "n") // wraps around
	mustContain(t, footerOf(v), "c1 hard numeric")
	v = press(m, "N")
	mustContain(t, footerOf(v), "c2 soft negation")
	requireSize(t, v, 80, 24)
}

func TestPrevConflictFromNothingIsTheLast(t *testing.T) {
	m := newTestModel(t, handIndex(), 80, 24, nil)
	v := press(m, "N")
	mustContain(t, footerOf(v), "c2 soft negation")
}

func TestConflictBringsItsSourcesSideBySide(t *testing.T) {
	ix := handIndex()
	// a conflict between the first and third source
	s0 := ix.Articles[0].FirstSentence + 1
	s2 := ix.Articles[2].FirstSentence + 1
	ix.Conflicts = append(ix.Conflicts, model.Conflict{ID: "c3", Key: "key-c3", Kind: "stance", Severity: model.SeveritySoft,
		Summary: "Chairing vs compromise", Claims: []model.ClaimRef{{Sentence: s0}, {Sentence: s2}}})
	m := newTestModel(t, ix, 80, 24, nil)
	press(m, "b", "N")
	if got := m.visible; len(got) != 2 || got[0] != 0 || got[1] != 2 {
		t.Fatalf("visible = %v, want [0 2]", got)
	}
}

func TestAgreementKeys(t *testing.T) {
	m := newTestModel(t, handIndex(), 160, 48, nil)
	v := press(m, "]")
	mustContain(t, footerOf(v), "g1 agreement, 3 independent", "Officials called the debate civil")
	mustContain(t, v, "g1 agree ×3")
	// every source holds the agreed sentence: the corroboration mark is 3
	if !strings.Contains(v, ">3Officials") && !strings.Contains(v, ">3debate") {
		t.Fatalf("want corroborated, selected lines marked >3:\n%s", v)
	}
	v = press(m, "[")
	mustContain(t, footerOf(v), "g1 agreement")
}

func TestSearchCountsAndWalksMatches(t *testing.T) {
	m := newTestModel(t, handIndex(), 160, 48, nil)
	// from the Conflicts list as from a pane, / searches the sources
	v := press(m, "/", "c", "i", "v", "i", "l")
	mustContain(t, footerOf(v), "/civil", "1/3 matches")
	if strings.Count(v, "/3") < 3 { // match mark, then the corroboration count
		t.Fatalf("want the three matching lines marked /3:\n%s", v)
	}
	v = press(m, "enter")
	mustContain(t, footerOf(v), "/civil", "1/3 matches", "esc leave")
	v = press(m, "n")
	mustContain(t, footerOf(v), "2/3 matches")
	if m.hl.currentArticle != 1 {
		t.Fatalf("current match in article %d, want 1", m.hl.currentArticle)
	}
	v = press(m, "N", "N")
	mustContain(t, footerOf(v), "3/3 matches")
	v = press(m, "esc")
	mustNotContain(t, footerOf(v), "matches")
	// n is back to conflicts
	v = press(m, "n")
	mustContain(t, footerOf(v), "c1 hard numeric")

	v = press(m, "/", "z", "z", "q")
	mustContain(t, footerOf(v), "no matches")
	press(m, "esc")
	if m.search.active || len(m.hl.matches) != 0 {
		t.Fatal("esc left the search active")
	}
}

func TestSearchIgnoresCaseAndShowsHiddenSources(t *testing.T) {
	m := newTestModel(t, handIndex(), 80, 24, nil)
	press(m, "tab") // focus the only pane
	v := press(m, "/", "A", "N", "A", "L", "Y", "S", "T", "S", "enter")
	mustContain(t, footerOf(v), "1/1 matches")
	if m.visible[0] != 2 {
		t.Fatalf("visible = %v, want the third source brought into view", m.visible)
	}
	mustContain(t, v, "Evening Post")
}

func TestTabCyclesFocus(t *testing.T) {
	m := newTestModel(t, handIndex(), 160, 48, nil)
	if m.focus != -1 {
		t.Fatalf("focus = %d, want the sidebar first", m.focus)
	}
	n := len(m.visible)
	v := press(m, "tab")
	if m.focus != 0 {
		t.Fatalf("focus = %d after tab, want 0", m.focus)
	}
	mustContain(t, v, "▸ Daily Planet")
	for i := 1; i < n; i++ {
		press(m, "tab")
	}
	press(m, "tab")
	if m.focus != -1 {
		t.Fatalf("focus = %d after cycling, want the sidebar", m.focus)
	}
	press(m, "shift+tab")
	if m.focus != n-1 {
		t.Fatalf("focus = %d after shift+tab, want %d", m.focus, n-1)
	}
}

func TestEnterShowsDetailsWithContext(t *testing.T) {
	m := newTestModel(t, handIndex(), 100, 40, nil)
	v := press(m, "n", "tab", "enter")
	mustContain(t, v, "c1 · hard numeric conflict",
		"Why: durations differ by an hour",
		"Mayor Alba Reyes chaired the session", // the sentence before
		"«three hours»", "«two hours»",         // the claims, values marked
		"Officials said the debate was civil.", // the sentence after
		"value: “three hours”",
		"a1 · Daily Planet (report)", "a2 · Harbour Gazette (report)")
	requireSize(t, v, 100, 40)
	v = press(m, "esc")
	mustNotContain(t, v, "Why: durations")

	// from the sidebar, enter details the item under the cursor
	v = press(m, "2", "enter")
	mustContain(t, v, "Actor: Alba Reyes", "Mayor Reyes", "Mayor")
	press(m, "esc")
	v = press(m, "4", "enter")
	mustContain(t, v, "Source a1", "Lois Lane")
}

func TestResizeReflows(t *testing.T) {
	m := newTestModel(t, handIndex(), 80, 24, nil)
	w1 := m.panes[0].width
	send(m, tea.WindowSizeMsg{Width: 160, Height: 48})
	v := m.View()
	requireSize(t, v, 160, 48)
	if len(m.visible) != 3 {
		t.Fatalf("visible = %v at 160 columns, want all 3 sources", m.visible)
	}
	if m.panes[0].width == w1 {
		t.Fatalf("pane width still %d after resize", w1)
	}
	send(m, tea.WindowSizeMsg{Width: 90, Height: 20})
	requireSize(t, m.View(), 90, 20)
	send(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	if m.panes[0].width != w1 {
		t.Fatalf("pane width %d after resizing back, want %d", m.panes[0].width, w1)
	}
}

func TestSidebarToggleAndZoom(t *testing.T) {
	m := newTestModel(t, handIndex(), 80, 24, nil)
	v := press(m, "b")
	mustNotContain(t, v, "[1 Conf")
	if len(m.visible) != 2 || m.focus != 0 {
		t.Fatalf("visible=%v focus=%d without sidebar, want 2 panes and the first focused", m.visible, m.focus)
	}
	v = press(m, "z")
	if len(m.visible) != 1 || m.panes[m.visible[0]].width != 80 {
		t.Fatalf("zoom: visible=%v width=%d", m.visible, m.panes[m.visible[0]].width)
	}
	mustContain(t, v, "Daily Planet")
	mustNotContain(t, v, "Harbour Gazette")
	v = press(m, "l") // next source, still zoomed
	mustContain(t, v, "Harbour Gazette")
	v = press(m, "z")
	if len(m.visible) != 2 {
		t.Fatalf("unzoomed: visible=%v", m.visible)
	}
	mustContain(t, v, "▸ Harbour Gazette")
	v = press(m, "b")
	mustContain(t, v, "[1 Conf")
	requireSize(t, v, 80, 24)
}

func TestShiftSources(t *testing.T) {
	m := newTestModel(t, handIndex(), 80, 24, nil)
	if m.visible[0] != 0 {
		t.Fatalf("visible = %v", m.visible)
	}
	v := press(m, "l")
	mustContain(t, v, "Harbour Gazette")
	press(m, "l", "l", "l")
	if m.visible[0] != 2 {
		t.Fatalf("visible = %v, want the last source", m.visible)
	}
	press(m, "h", "h", "h")
	if m.visible[0] != 0 {
		t.Fatalf("visible = %v, want the first source", m.visible)
	}
}

func TestTabsAndActorHighlight(t *testing.T) {
	m := newTestModel(t, handIndex(), 160, 48, nil)
	v := press(m, "2")
	mustContain(t, v, "[2 Actor]", "Alba Reyes", "Eastbridge")
	// the bar has one cell per source
	mustContain(t, v, "█▄· 3")
	v = press(m, "j", "k")
	if m.actor != 0 {
		t.Fatalf("actor = %d, want 0", m.actor)
	}
	mustContain(t, footerOf(v), "Alba Reyes (person): 3 mentions in 2 sources")
	if n := len(m.hl.mentions[0]); n != 2 {
		t.Fatalf("mentions in the first source = %d, want 2", n)
	}
	mustContain(t, v, "* Mayor Alba Reyes chaired") // the mention mark in the gutter
	v = press(m, "3")
	mustContain(t, v, "[3 Topic]", "Budget vote")
	press(m, "space") // the only topic: space chooses it where j/k cannot
	if m.topic != 0 || m.actor != -1 || len(m.hl.mentions[1]) != 1 {
		t.Fatalf("topic=%d actor=%d mentions=%v", m.topic, m.actor, m.hl.mentions)
	}
	v = press(m, "4")
	mustContain(t, v, "[4 Src]", "[x] a1 Daily Planet", "3 of 3 sources shown")
	v = press(m, "1")
	mustContain(t, v, "[1 Confl]", "c1 numeric hard")
	press(m, "esc")
	if m.topic != -1 || m.hl.mentions != nil {
		t.Fatal("esc kept the topic")
	}
}

func TestFilterAsYouType(t *testing.T) {
	m := newTestModel(t, handIndex(), 160, 48, nil)
	v := press(m, "2", "/", "e", "a", "s", "t")
	mustContain(t, v, "/east")
	mustNotContain(t, v, "Alba Reyes  ")
	if l := m.sidebar.lists[tabActors].visible; len(l) != 1 || l[0] != 1 {
		t.Fatalf("filtered actors = %v, want [1]", l)
	}
	v = press(m, "enter")
	mustContain(t, v, "1 actor · /east")
	v = press(m, "esc")
	if len(m.sidebar.lists[tabActors].visible) != 2 {
		t.Fatalf("esc kept the filter: %v", m.sidebar.lists[tabActors].visible)
	}
}

func TestSourcesChecklist(t *testing.T) {
	m := newTestModel(t, handIndex(), 160, 48, nil)
	v := press(m, "s")
	mustContain(t, v, "Sources shown", "[x] a1", "[x] a2", "[x] a3")
	v = press(m, "j", "space")
	mustContain(t, v, "[ ] a2", "2 of 3 shown")
	press(m, "esc")
	if indexOf(m.visible, 1) >= 0 || len(m.visible) != 2 {
		t.Fatalf("visible = %v, want a2 hidden", m.visible)
	}
	// the last source cannot be hidden
	press(m, "s", "space", "j", "j", "space")
	if !m.shown[2] {
		t.Fatal("the last shown source was hidden")
	}
	v = press(m, "a")
	mustContain(t, v, "3 of 3 shown")
	press(m, "esc")
	// a conflict shows its sources even when they were hidden
	press(m, "s", "j", "space", "esc", "n")
	if indexOf(m.visible, 1) < 0 {
		t.Fatalf("visible = %v, want a2 back for c1", m.visible)
	}
}

func TestReadingModeRendersInACommandAndCaches(t *testing.T) {
	m := newTestModel(t, handIndex(), 100, 30, nil)
	press(m, "tab")
	_, cmd := m.Update(keyMsg("r"))
	if cmd == nil {
		t.Fatal("r returned no command: rendering must not happen in Update")
	}
	mustContain(t, m.View(), "Rendering…")
	runCmd(m, cmd)
	v := m.View()
	mustContain(t, v, "Reading a1", "Council vote ends in deadlock", "Mayor Alba Reyes chaired")
	if len(m.readerCache) != 1 {
		t.Fatalf("cache has %d renderings", len(m.readerCache))
	}
	press(m, "esc")
	_, cmd = m.Update(keyMsg("r"))
	if cmd != nil {
		t.Fatal("a cached rendering was rendered again")
	}
	mustContain(t, m.View(), "Mayor Alba Reyes chaired")
	press(m, "r") // r closes too
	if m.ov != nil {
		t.Fatal("r did not close reading mode")
	}
}

func TestHelpOverlayHasLegend(t *testing.T) {
	m := newTestModel(t, handIndex(), 80, 24, newMemStore())
	v := press(m, "?")
	mustContain(t, v, "Keys", "next conflict")
	// the legend is further down at this size
	v = press(m, "G")
	mustContain(t, v, "hard conflict", "corroborated by 3", "status filter")
	v = press(m, "?")
	mustNotContain(t, v, "Legend")
}

func TestMouseFocusAndWheel(t *testing.T) {
	ix := handIndex()
	// a long first article so that it scrolls
	a := ix.Articles[0]
	a.Text += strings.Repeat("\nFiller paragraph for scrolling.", 40)
	a.Paragraphs = splitParagraphs(a.Text)
	m := newTestModel(t, ix, 160, 48, nil)
	x := m.paneX[1] + 5
	send(m, tea.MouseMsg{X: x, Y: 10, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress})
	if m.focus != 1 {
		t.Fatalf("focus = %d after a click on the second pane", m.focus)
	}
	send(m, tea.MouseMsg{X: m.paneX[0] + 3, Y: 10, Button: tea.MouseButtonWheelDown, Action: tea.MouseActionPress})
	if m.panes[0].vp.YOffset == 0 {
		t.Fatal("the wheel did not scroll the pane under the pointer")
	}
	if m.focus != 1 {
		t.Fatal("the wheel moved the focus")
	}
	// a click on the second conflict in the sidebar picks it
	send(m, tea.MouseMsg{X: 3, Y: headerLines + sidebarHeadLines + 2, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress})
	if m.focus != -1 || m.sel.kind != selConflict || m.sel.idx != 1 {
		t.Fatalf("focus=%d sel=%+v after clicking c2", m.focus, m.sel)
	}
	// a click on a tab
	send(m, tea.MouseMsg{X: 16, Y: headerLines, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress})
	if m.sidebar.tab != tabActors {
		t.Fatalf("tab = %d after clicking the Actors tab", m.sidebar.tab)
	}
}

func TestScrollKeys(t *testing.T) {
	ix := handIndex()
	a := ix.Articles[0]
	a.Text += strings.Repeat("\nFiller paragraph for scrolling.", 40)
	a.Paragraphs = splitParagraphs(a.Text)
	m := newTestModel(t, ix, 80, 24, nil)
	press(m, "tab", "j", "j")
	p := m.panes[0]
	if p.vp.YOffset != 2 {
		t.Fatalf("YOffset = %d after j j", p.vp.YOffset)
	}
	press(m, "k")
	if p.vp.YOffset != 1 {
		t.Fatalf("YOffset = %d after k", p.vp.YOffset)
	}
	press(m, "G")
	if !p.vp.AtBottom() {
		t.Fatal("G did not reach the bottom")
	}
	press(m, "g")
	if p.vp.YOffset != 0 {
		t.Fatal("g did not reach the top")
	}
	press(m, "pgdown")
	if p.vp.YOffset != p.vp.Height {
		t.Fatalf("pgdown: YOffset = %d, want %d", p.vp.YOffset, p.vp.Height)
	}
	// selecting a conflict scrolls to its claim even after scrolling away
	press(m, "G", "n")
	line := p.wrap.sentenceLine(a, ix.Conflicts[0].Claims[0].Sentence)
	if line < p.vp.YOffset || line >= p.vp.YOffset+p.vp.Height {
		t.Fatalf("claim line %d not within [%d,%d)", line, p.vp.YOffset, p.vp.YOffset+p.vp.Height)
	}
}

func TestQuit(t *testing.T) {
	m := newTestModel(t, handIndex(), 80, 24, nil)
	for _, k := range []string{"q", "ctrl+c"} {
		_, cmd := m.Update(keyMsg(k))
		if cmd == nil {
			t.Fatalf("%s: no command", k)
		}
		if _, ok := cmd().(tea.QuitMsg); !ok {
			t.Fatalf("%s did not quit", k)
		}
	}
}

func TestTriageIsShownOnlyOnceSaved(t *testing.T) {
	st := newMemStore()
	m := newTestModel(t, handIndex(), 160, 48, st)
	press(m, "n")
	_, cmd := m.Update(keyMsg("c"))
	if cmd == nil {
		t.Fatal("c returned no command")
	}
	v := m.View()
	mustContain(t, footerOf(v), "saving…")
	mustNotContain(t, v, "confirmed")
	if len(st.sets) != 0 {
		t.Fatal("Set ran inside Update")
	}
	runCmd(m, cmd)
	if len(st.sets) != 1 || st.sets[0] != "conflict key-c1 confirmed" {
		t.Fatalf("store got %v", st.sets)
	}
	v = m.View()
	mustHaveLine(t, v, "c1 numeric hard", "confirmed")
	mustContain(t, v, "c1 hard numeric · confirmed", "1/2 triaged")
	mustContain(t, footerOf(v), "saved: c1 confirmed")
	got, _ := st.Get("key-c1")
	if got.By != "tester" || got.At == "" {
		t.Fatalf("decision lacks who/when: %+v", got)
	}

	// c again toggles back to open; d dismisses and the highlight goes
	v = press(m, "c")
	mustContain(t, footerOf(v), "saved: c1 open")
	v = press(m, "d")
	mustContain(t, v, "dismissed")
	if m.c.Derived.sentSeverity[ix0(m, 0)] != 0 {
		t.Fatal("a dismissed conflict still colours its sentences")
	}
	v = press(m, "f")
	mustContain(t, v, "flagged")

	// u walks back through the store's history
	v = press(m, "u")
	mustContain(t, footerOf(v), "undone: c1 dismissed")
	press(m, "u", "u", "u")
	if _, ok := st.Get("key-c1"); ok {
		t.Fatal("undo did not reach the start")
	}
	v = press(m, "u")
	mustContain(t, footerOf(v), "nothing to undo")

	// agreements are triaged too
	press(m, "]", "c")
	if got, _ := st.Get("key-g1"); got.Status != statusConfirmed {
		t.Fatalf("agreement status %+v", got)
	}
}

// ix0 is the first claim sentence of conflict i.
func ix0(m *Model, i int) int { return m.c.Index.Conflicts[i].Claims[0].Sentence }

func TestTriageErrorStaysUnsaved(t *testing.T) {
	st := newMemStore()
	st.failSet = errors.New("disk full")
	m := newTestModel(t, handIndex(), 160, 48, st)
	v := press(m, "n", "f")
	mustContain(t, footerOf(v), "not saved: disk full")
	mustNotContain(t, v, "flagged")
	if m.statusOf("key-c1") != statusOpen {
		t.Fatal("a failed write changed the status")
	}
}

func TestTriageQueueKeepsOrder(t *testing.T) {
	st := newMemStore()
	m := newTestModel(t, handIndex(), 160, 48, st)
	press(m, "n")
	_, c1 := m.Update(keyMsg("c"))
	_, c2 := m.Update(keyMsg("d"))
	if c1 == nil || c2 != nil {
		t.Fatal("the second decision must wait for the first")
	}
	runCmd(m, c1) // runs the first and then the queued second
	if len(st.sets) != 2 || st.sets[1] != "conflict key-c1 dismissed" {
		t.Fatalf("store got %v", st.sets)
	}
	if m.statusOf("key-c1") != statusDismissed {
		t.Fatalf("status = %s", m.statusOf("key-c1"))
	}
}

func TestTriageWithoutStoreOrSelection(t *testing.T) {
	m := newTestModel(t, handIndex(), 80, 24, nil)
	v := press(m, "n", "c")
	mustContain(t, footerOf(v), "no triage store")
	m = newTestModel(t, handIndex(), 80, 24, newMemStore())
	v = press(m, "c")
	mustContain(t, footerOf(v), "select a conflict")
}

func TestTriageLoadedFromStore(t *testing.T) {
	st := newMemStore()
	st.data["key-c2"] = model.Triage{Status: statusFlagged, Note: "call the council", By: "ana"}
	m := newTestModel(t, handIndex(), 160, 48, st)
	v := m.View()
	mustHaveLine(t, v, "c2 negation soft", "flagged")
	v = press(m, "N", "tab", "enter")
	mustContain(t, v, "Status: flagged by ana", "Note: call the council")
}

func TestNoteEditor(t *testing.T) {
	st := newMemStore()
	m := newTestModel(t, handIndex(), 100, 30, st)
	v := press(m, "n", "e")
	mustContain(t, v, "Note on c1")
	press(m, "C", "h", "e", "c", "k", "e", "d")
	press(m, "ctrl+s")
	if len(st.sets) != 1 || st.sets[0] != "conflict key-c1 open Checked" {
		t.Fatalf("store got %v", st.sets)
	}
	if m.ov != nil {
		t.Fatal("the editor stayed open")
	}
	// esc leaves the note alone
	press(m, "e", "x", "esc")
	if len(st.sets) != 1 {
		t.Fatalf("esc saved: %v", st.sets)
	}
	v = press(m, "tab", "enter")
	mustContain(t, v, "Note: Checked")
}

func TestStatusFilterCycles(t *testing.T) {
	st := newMemStore()
	m := newTestModel(t, handIndex(), 160, 48, st)
	press(m, "n", "c")
	v := press(m, "F")
	mustContain(t, v, "1 conflict · open", "c2 negation")
	mustNotContain(t, v, "c1 numeric")
	// n walks the filtered list
	v = press(m, "n")
	mustContain(t, footerOf(v), "c2 soft")
	v = press(m, "F")
	mustContain(t, v, "1 conflict · confirmed", "c1 numeric")
	press(m, "F", "F")
	v = press(m, "F")
	mustContain(t, v, "2 conflicts")
}

func TestExportBriefing(t *testing.T) {
	st := newMemStore()
	m := newTestModel(t, handIndex(), 100, 30, st)
	m.now = func() time.Time { return time.Date(2025, 3, 4, 5, 6, 0, 0, time.UTC) }
	press(m, "n", "c")
	v := press(m, "x")
	mustContain(t, v, "Briefing preview", "Save to: briefing-20250304-0506.md")
	mustContain(t, v, "Briefing") // glamour output arrived
	dir := t.TempDir()
	path := filepath.Join(dir, "out.md")
	m.ov.(*briefingOverlay).input.SetValue(path)
	v = press(m, "enter")
	mustContain(t, footerOf(v), "briefing written to")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	mustContain(t, string(b), "# Briefing", "How long the council debated", "confirmed")

	// an existing file is replaced only on a second enter
	press(m, "x")
	m.ov.(*briefingOverlay).input.SetValue(path)
	v = press(m, "enter")
	mustContain(t, footerOf(v), "exists")
	v = press(m, "enter")
	mustContain(t, footerOf(v), "briefing written to")
}

func TestExportUsesOptionsExport(t *testing.T) {
	m := newTestModel(t, handIndex(), 100, 30, nil)
	m.opts.Export = func(string, []byte) error { return errors.New("not over SSH") }
	v := press(m, "x", "enter")
	mustContain(t, footerOf(v), "not written: not over SSH")
}

func TestControlBytesNeverReachTheScreen(t *testing.T) {
	ix := handIndex()
	a := ix.Articles[0]
	// the model strips these; the UI must hold even if it did not
	a.Text = strings.Replace(a.Text, "Monday", "Mon\x1b[31mday\x07\x9b", 1)
	a.Paragraphs = splitParagraphs(a.Text)
	m := newTestModel(t, ix, 80, 24, nil)
	v := m.View()
	if strings.IndexByte(v, 0x1b) >= 0 || strings.IndexByte(v, 0x07) >= 0 || strings.IndexByte(v, 0x9b) >= 0 {
		t.Fatalf("control bytes in the view: %q", v)
	}
}

func TestWrapKeepsEveryWord(t *testing.T) {
	ix := handIndex()
	a := ix.Articles[0]
	for _, w := range []int{4, 7, 20, 48} {
		wr := wrapArticle(ix, a, w)
		var got []string
		for _, l := range wr.lines {
			if l.Start < 0 {
				continue
			}
			s := a.Text[l.Start:l.End]
			if ansi.StringWidth(s) > w {
				t.Fatalf("width %d: line %q too wide", w, s)
			}
			got = append(got, s)
		}
		if strings.Join(strings.Fields(strings.Join(got, " ")), "") != strings.Join(strings.Fields(a.Text), "") {
			t.Fatalf("width %d lost text", w)
		}
		for si := a.FirstSentence; si < a.LastSentence; si++ {
			l := wr.lines[wr.sentenceLine(a, si)]
			s := ix.Sentences[si]
			if int(l.Start) > s.Start || int(l.End) < s.Start {
				t.Fatalf("width %d: sentence %d starts at %d, not on its line [%d,%d)", w, si, s.Start, l.Start, l.End)
			}
		}
	}
}

// Runes that arrive in one read (fast typing, tmux send-keys, SSH) come as
// one KeyMsg; each must still act as its own key.
func TestRunesInOneReadActAsSeparateKeys(t *testing.T) {
	st := newMemStore()
	m := newTestModel(t, handIndex(), 160, 48, st)
	send(m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("nc")})
	if len(st.sets) != 1 || st.sets[0] != "conflict key-c1 confirmed" {
		t.Fatalf("store got %v", st.sets)
	}
	mustContain(t, m.View(), "1/2 triaged")
}

// A single claim is triaged like a conflict: v takes the first sentence of
// the focused pane, a click the sentence under the pointer.
func TestTriageSingleClaim(t *testing.T) {
	st := newMemStore()
	m := newTestModel(t, handIndex(), 160, 48, st)
	v := press(m, "tab", "v")
	if m.sel.kind != selClaim {
		t.Fatalf("v selected %+v", m.sel)
	}
	si := m.sel.idx
	mustContain(t, footerOf(v), "claim in a")
	v = press(m, "c")
	key := model.StableKey("claim", m.c.Index.Sentences[si].Text)
	if got, _ := st.Get(key); got.Status != statusConfirmed {
		t.Fatalf("claim status %+v (store %v)", got, st.sets)
	}
	mustContain(t, footerOf(v), "confirmed")
	// Reopening finds it: a new model over the same store.
	m2 := newTestModel(t, handIndex(), 160, 48, st)
	press(m2, "tab", "v")
	if m2.statusOf(key) != statusConfirmed {
		t.Fatal("claim decision not found after reopening")
	}
	// A click on a text row of the first pane selects the sentence there.
	m3 := newTestModel(t, handIndex(), 160, 48, st)
	for row := 3; row < 20 && m3.sel.kind != selClaim; row++ {
		send(m3, tea.MouseMsg{X: m3.paneX[0] + 4, Y: headerLines + row, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress})
	}
	if m3.sel.kind != selClaim {
		t.Fatal("no click on the first pane selected a claim")
	}
}
