package ui

import (
	"fmt"
	"sync"
	"time"

	"github.com/charmbracelet/bubbles/progress"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/briefing/briefing/model"
)

// Loader parses and indexes the sources, reporting progress as it goes.
type Loader func(progress model.ProgressFunc) (*model.Index, error)

// progressAfter is how long loading may take before a bar is worth showing.
const progressAfter = 500 * time.Millisecond

// Loading is the first screen for corpora that take a while: it runs the
// Loader in a tea.Cmd, draws a bubbles/progress bar from what the loader
// reports, and hands over to the briefing UI when the index is ready. The
// screen stays responsive (q quits) while indexing runs.
type Loading struct {
	opts    Options
	load    Loader
	bar     progress.Model
	started time.Time
	width   int
	height  int

	mu   sync.Mutex
	last model.Progress

	// Err is why loading failed; set when the program quits without an index.
	Err error
	// Quit is true when the user left before the index was ready.
	Quit bool
}

type loadedMsg struct {
	ix  *model.Index
	err error
}

type loadTickMsg struct{}

// NewLoading returns the loading screen; the UI it hands over to is built
// with opts.
func NewLoading(load Loader, opts Options) *Loading {
	r := opts.Renderer
	if r == nil {
		r = lipgloss.DefaultRenderer()
		opts.Renderer = r
	}
	return &Loading{
		opts:   opts,
		load:   load,
		bar:    progress.New(progress.WithDefaultGradient(), progress.WithColorProfile(r.ColorProfile())),
		width:  opts.Width,
		height: opts.Height,
	}
}

func (m *Loading) Init() tea.Cmd {
	m.started = time.Now()
	run := func() tea.Msg {
		ix, err := m.load(func(p model.Progress) {
			m.mu.Lock()
			m.last = p
			m.mu.Unlock()
		})
		return loadedMsg{ix: ix, err: err}
	}
	return tea.Batch(run, m.tick())
}

func (m *Loading) tick() tea.Cmd {
	return tea.Tick(100*time.Millisecond, func(time.Time) tea.Msg { return loadTickMsg{} })
}

func (m *Loading) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.bar.Width = max(10, min(60, msg.Width-4))
	case tea.KeyMsg:
		if msg.String() == "q" || msg.Type == tea.KeyCtrlC {
			m.Quit = true
			return m, tea.Quit
		}
	case loadTickMsg:
		return m, m.tick()
	case loadedMsg:
		if msg.err != nil {
			m.Err = msg.err
			return m, tea.Quit
		}
		opts := m.opts
		opts.Width, opts.Height = m.width, m.height
		next := New(msg.ix, opts)
		cmds := []tea.Cmd{next.Init()}
		if m.width > 0 && m.height > 0 {
			var cmd tea.Cmd
			next, cmd = next.Update(tea.WindowSizeMsg{Width: m.width, Height: m.height})
			cmds = append(cmds, cmd)
		}
		return next, tea.Batch(cmds...)
	}
	return m, nil
}

// fraction maps the two loading stages onto one bar: parsing is the first
// 70%, the index stages the rest.
func fraction(p model.Progress) float64 {
	if p.Total == 0 {
		return 0
	}
	f := float64(p.Done) / float64(p.Total)
	if p.Stage == "indexing" {
		return 0.7 + 0.3*f
	}
	return 0.7 * f
}

func (m *Loading) View() string {
	m.mu.Lock()
	p := m.last
	m.mu.Unlock()
	title := m.opts.Renderer.NewStyle().Bold(true).Render("briefing")
	if time.Since(m.started) < progressAfter {
		return title + " · loading…"
	}
	what := "starting"
	if p.Total > 0 {
		what = fmt.Sprintf("%s %d/%d", p.Stage, p.Done, p.Total)
		if p.Stage == "parsing" {
			what = fmt.Sprintf("parsing %d/%d sources", p.Done, p.Total)
		}
	}
	body := lipgloss.JoinVertical(lipgloss.Left,
		title+" · "+what,
		"",
		m.bar.ViewAs(fraction(p)),
		"",
		m.opts.Renderer.NewStyle().Faint(true).Render("q quits"),
	)
	if m.width <= 0 || m.height <= 0 {
		return body
	}
	return m.opts.Renderer.Place(m.width, m.height, lipgloss.Center, lipgloss.Center, body)
}
