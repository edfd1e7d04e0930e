package ui

import (
	"errors"
	"os"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/glamour"
	"github.com/muesli/termenv"

	"github.com/briefing/briefing/model"
)

// readerKey names one glamour rendering; the article and width decide it
// (the style is fixed for a session).
type readerKey struct {
	art   int // -1 for the briefing
	width int
}

// renderedMsg carries a finished glamour rendering.
type renderedMsg struct {
	key readerKey
	out string
	err error
}

// renderMarkdown runs glamour off the UI goroutine: a long article takes
// long enough to drop keypresses if done in Update.
func renderMarkdown(k readerKey, md string, style string, profile termenv.Profile) tea.Cmd {
	return func() tea.Msg {
		r, err := glamour.NewTermRenderer(
			glamour.WithStandardStyle(style),
			glamour.WithWordWrap(k.width),
			glamour.WithColorProfile(profile),
		)
		if err != nil {
			return renderedMsg{key: k, err: err}
		}
		out, err := r.Render(md)
		return renderedMsg{key: k, out: strings.TrimRight(out, "\n"), err: err}
	}
}

// readerOverlay shows a glamour rendering once it is ready.
type readerOverlay struct {
	*textBox
	key readerKey
	art int
}

func (m *Model) openReader() tea.Cmd {
	a := m.focusedArticle()
	if a < 0 {
		return nil
	}
	art := m.c.Index.Articles[a]
	o := &readerOverlay{art: a}
	o.textBox = newTextBox("Reading "+art.ID+" · "+sourceName(art), 100, func(m *Model, w int) string {
		o.key = readerKey{art: a, width: w}
		if out, ok := m.readerCache[o.key]; ok {
			return out
		}
		return m.c.Styles.Dim.Render("Rendering…")
	})
	o.fill = true
	return m.openOverlay(o)
}

// resize re-renders for a new width unless that width is cached.
func (o *readerOverlay) resize(m *Model) tea.Cmd {
	o.textBox.resize(m)
	art := m.c.Index.Articles[o.art]
	return m.ensureRendered(o.key, func() string { return articleMarkdown(art) })
}

func (o *readerOverlay) update(m *Model, msg tea.Msg) (bool, tea.Cmd) {
	if km, ok := msg.(tea.KeyMsg); ok && key.Matches(km, m.c.Keys.Read) {
		return true, nil
	}
	return o.textBox.update(m, msg)
}

// ensureRendered starts a rendering unless the cache has it.
func (m *Model) ensureRendered(k readerKey, md func() string) tea.Cmd {
	if _, ok := m.readerCache[k]; ok {
		return nil
	}
	return renderMarkdown(k, md(), m.c.glamourStyle(), m.c.Renderer.ColorProfile())
}

// rendered stores a rendering and shows it if its overlay is still open.
func (m *Model) rendered(msg renderedMsg) {
	out := msg.out
	if msg.err != nil {
		out = m.c.Styles.FooterErr.Render("cannot render: " + msg.err.Error())
	} else if msg.key.art >= 0 {
		m.readerCache[msg.key] = out
	}
	switch o := m.ov.(type) {
	case *readerOverlay:
		if o.key == msg.key {
			o.setContent(out)
		}
	case *briefingOverlay:
		if o.key == msg.key {
			o.setContent(out)
		}
	}
}

// articleMarkdown is an article as Markdown for reading mode: its text is
// escaped so that nothing in it is taken for markup.
func articleMarkdown(a *model.Article) string {
	var b strings.Builder
	title := a.Title
	if title == "" {
		title = a.File
	}
	b.WriteString("# " + mdEscape(title) + "\n\n")
	var meta []string
	for _, s := range []string{a.Outlet, a.Byline, a.Dateline} {
		if s != "" {
			meta = append(meta, s)
		}
	}
	if !a.Date.IsZero() {
		meta = append(meta, a.Date.Format("2 January 2006"))
	}
	if a.Kind != "" {
		meta = append(meta, a.Kind)
	}
	if len(meta) > 0 {
		b.WriteString("*" + mdEscape(strings.Join(meta, " · ")) + "*\n\n")
	}
	paras := a.Paragraphs
	if len(paras) == 0 {
		paras = splitParagraphs(a.Text)
	}
	for i, p := range paras {
		st, en := max(0, p.Start), min(len(a.Text), p.End)
		if st >= en {
			continue
		}
		text := strings.TrimSpace(a.Text[st:en])
		if i == 0 && text == strings.TrimSpace(a.Title) {
			continue // the title is already the heading
		}
		b.WriteString(mdEscape(text) + "\n\n")
	}
	return b.String()
}

// mdEscape backslash-escapes ASCII punctuation (CommonMark allows it for
// every punctuation character) and drops control characters.
func mdEscape(s string) string {
	s = printable(s)
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if strings.IndexByte("\\`*_{}[]()#+-.!|<>~&", c) >= 0 {
			b.WriteByte('\\')
		}
		b.WriteByte(c)
	}
	return b.String()
}

// exportedMsg reports writing the briefing.
type exportedMsg struct {
	path   string
	err    error
	exists bool
}

// briefingOverlay previews the Markdown briefing and asks where to save it.
type briefingOverlay struct {
	*textBox
	key   readerKey
	md    string
	input textinput.Model
}

func (m *Model) openBriefing() tea.Cmd {
	var lookup model.TriageLookup
	if m.opts.Store != nil {
		lookup = m.lookupTriage
	}
	md := model.Markdown(model.NewReport(m.c.Index, lookup))
	ti := textinput.New()
	ti.Prompt = "Save to: "
	ti.PromptStyle = m.c.Styles.Prompt
	ti.TextStyle = m.c.Renderer.NewStyle()
	ti.Cursor.Style = m.c.Renderer.NewStyle().Reverse(true)
	ti.Cursor.TextStyle = m.c.Renderer.NewStyle()
	ti.Cursor.SetMode(cursor.CursorStatic)
	ti.SetValue("briefing-" + m.now().Format("20060102-1504") + ".md")
	ti.CursorEnd()
	ti.Focus()
	o := &briefingOverlay{md: md, input: ti}
	o.textBox = newTextBox("Briefing preview", 100, func(m *Model, w int) string {
		o.key = readerKey{art: -1, width: w}
		return m.c.Styles.Dim.Render("Rendering…")
	})
	o.fill = true
	return m.openOverlay(o)
}

// resize re-renders the preview when the width changes.
func (o *briefingOverlay) resize(m *Model) tea.Cmd {
	w := o.builtW
	o.textBox.resize(m)
	o.vp.Height = max(1, o.vp.Height-1) // the path input
	o.input.Width = max(1, o.vp.Width-len(o.input.Prompt)-1)
	if w == o.builtW {
		return nil
	}
	return renderMarkdown(o.key, o.md, m.c.glamourStyle(), m.c.Renderer.ColorProfile())
}

func (o *briefingOverlay) update(m *Model, msg tea.Msg) (bool, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		if mm, ok := msg.(tea.MouseMsg); ok {
			o.vp, _ = o.vp.Update(mm)
		}
		return false, nil
	}
	switch km.Type {
	case tea.KeyEsc:
		return true, nil
	case tea.KeyEnter:
		path := strings.TrimSpace(o.input.Value())
		if path == "" {
			m.setStatus(msgErr, "give a file name")
			return false, nil
		}
		return false, m.export(path, o.md)
	case tea.KeyUp:
		o.vp.ScrollUp(1)
		return false, nil
	case tea.KeyDown:
		o.vp.ScrollDown(1)
		return false, nil
	case tea.KeyPgUp:
		o.vp.PageUp()
		return false, nil
	case tea.KeyPgDown:
		o.vp.PageDown()
		return false, nil
	}
	var cmd tea.Cmd
	o.input, cmd = o.input.Update(msg)
	return false, cmd
}

func (o *briefingOverlay) view(m *Model) string {
	title := o.title
	lines := strings.Split(o.vp.View(), "\n")
	lines = append(lines, o.input.View())
	return m.box(title, lines, o.vp.Width)
}

func (o *briefingOverlay) help(m *Model) []key.Binding {
	return []key.Binding{
		key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "save")),
		key.NewBinding(key.WithKeys("up"), key.WithHelp("↑/↓ pgup/pgdn", "scroll")),
		key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close")),
	}
}

// export writes the briefing in a command; a file already there is only
// replaced when the user presses enter again for the same path.
func (m *Model) export(path, md string) tea.Cmd {
	custom := m.opts.Export
	overwrite := m.exportTo[path]
	data := []byte(md)
	m.setStatus(msgInfo, "writing "+path+"…")
	return func() tea.Msg {
		var err error
		if custom != nil {
			err = custom(path, data)
		} else {
			err = defaultExport(path, data, overwrite)
		}
		return exportedMsg{path: path, err: err, exists: errors.Is(err, os.ErrExist)}
	}
}

func (m *Model) exported(msg exportedMsg) {
	switch {
	case msg.exists:
		m.exportTo[msg.path] = true
		m.setStatus(msgErr, msg.path+" exists: press enter again to replace it")
	case msg.err != nil:
		m.setStatus(msgErr, "not written: "+msg.err.Error())
	default:
		delete(m.exportTo, msg.path)
		m.setStatus(msgOK, "briefing written to "+msg.path)
		if _, ok := m.ov.(*briefingOverlay); ok {
			m.ov = nil
		}
	}
}
