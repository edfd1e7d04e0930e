package ui

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/briefing/briefing/model"
)

// paneHeaderLines is the height of a pane's heading: outlet and kind,
// byline, and a rule that names the selected item when the pane holds one
// of its claims.
const paneHeaderLines = 3

// gutterWidth is the column of markers left of the text: the selected
// claim, then the severity or the number of sources that agree.
const gutterWidth = 2

// highlight is what the root model wants marked in every pane. gen changes
// whenever anything in it does, so panes know when to restyle.
type highlight struct {
	gen int
	// selected are the sentences of the selected conflict or agreement.
	selected map[int]bool
	// mentions are the chosen actor's or topic's mentions, by article, as
	// byte ranges of Article.Text.
	mentions map[int][]model.Span
	// matches are the search matches by article; current is the one the
	// user is on.
	matches        map[int][]model.Span
	currentArticle int
	currentMatch   int
}

// Pane shows one source: its heading and its text, wrapped to the pane's
// width and scrolled in a viewport.
type Pane struct {
	c   *Common
	hl  *highlight
	art int

	width, height int
	border        bool // draw a left border (every pane but the leftmost)
	focused       bool
	// tag names the selected item in the heading rule when the pane holds
	// one of its claims ("c3 hard · confirmed").
	tag string

	vp viewport.Model

	wraps map[int]*wrapping // by text width, so toggling zoom never re-wraps
	wrap  *wrapping
	want  int // byte offset to scroll to once wrapped, -1 for none

	attrs       []uint8  // per byte of the article text, for styledGen
	styled      []string // display lines at wrap.width for styledGen
	styledGen   int
	styledWidth int

	headCache    []string
	headCacheKey headKey
}

// headKey is everything the heading depends on besides the article.
type headKey struct {
	width   int
	focused bool
	border  bool
	tag     string
	pct     int
}

var _ Component = (*Pane)(nil)

func newPane(c *Common, hl *highlight, art int) *Pane {
	vp := viewport.New(0, 0)
	// The root model owns the keys; the viewport keeps the scroll state and
	// handles the mouse wheel.
	vp.KeyMap = viewport.KeyMap{}
	vp.MouseWheelDelta = 3
	return &Pane{c: c, hl: hl, art: art, vp: vp, wraps: map[int]*wrapping{}, styledGen: -1, want: -1}
}

func (p *Pane) article() *model.Article { return p.c.Index.Articles[p.art] }

// SetSize sets the outer size, border included.
func (p *Pane) SetSize(w, h int) {
	p.width, p.height = max(w, 1), max(h, 1)
	p.vp.Width = p.textWidth() + gutterWidth
	p.vp.Height = max(1, p.height-paneHeaderLines)
	p.sync()
}

func (p *Pane) textWidth() int {
	w := p.width - gutterWidth
	if p.border {
		w--
	}
	return max(w, 4)
}

// sync makes the wrapped and styled lines match the current width and
// highlight generation; both are cached so this is cheap when nothing
// changed.
func (p *Pane) sync() {
	tw := p.textWidth()
	if p.wrap == nil || p.wrap.width != tw {
		w, ok := p.wraps[tw]
		if !ok {
			if len(p.wraps) >= 4 {
				clear(p.wraps)
			}
			w = wrapArticle(p.c.Index, p.article(), tw)
			p.wraps[tw] = w
		}
		// keep the same text at the top after a reflow
		top := p.topOffset()
		p.wrap = w
		p.styledGen = -1
		p.restyle()
		p.vp.SetYOffset(w.lineOf(top))
		if p.want >= 0 {
			p.scrollToLine(w.lineOf(p.want))
			p.want = -1
		}
		return
	}
	if p.styledGen != p.hl.gen || p.styledWidth != tw {
		p.restyle()
	}
}

// topOffset is the byte offset of the first visible line.
func (p *Pane) topOffset() int {
	if p.wrap == nil {
		return 0
	}
	for i := p.vp.YOffset; i < len(p.wrap.lines); i++ {
		if p.wrap.lines[i].Start >= 0 {
			return int(p.wrap.lines[i].Start)
		}
	}
	return 0
}

// restyle renders every display line with the current highlights.
func (p *Pane) restyle() {
	a := p.article()
	d := p.c.Derived
	text := a.Text
	if cap(p.attrs) < len(text) {
		p.attrs = make([]uint8, len(text))
	}
	attrs := p.attrs[:len(text)]
	clear(attrs)
	fill := func(sp model.Span, bit uint8) {
		st, en := max(0, sp.Start), min(len(attrs), sp.End)
		for i := st; i < en; i++ {
			attrs[i] |= bit
		}
	}
	first, last := max(0, a.FirstSentence), min(len(d.sentSeverity), a.LastSentence)
	for si := first; si < last; si++ {
		sev := d.sentSeverity[si]
		sel := p.hl.selected[si]
		if sev == 0 && !sel {
			continue
		}
		sp, ok := d.sentenceRange(si)
		if !ok {
			continue
		}
		if sev != 0 {
			fill(sp, sev)
			for _, v := range d.values[si] {
				fill(v, attrValue)
			}
		}
		if sel {
			fill(sp, attrSelected)
		}
	}
	for _, sp := range p.hl.mentions[p.art] {
		fill(sp, attrMention)
	}
	for i, sp := range p.hl.matches[p.art] {
		if p.hl.currentArticle == p.art && p.hl.currentMatch == i {
			fill(sp, attrCurrent)
		} else {
			fill(sp, attrMatch)
		}
	}

	tw := p.wrap.width
	lines := p.styled[:0]
	si := first
	var b strings.Builder
	for _, l := range p.wrap.lines {
		b.Reset()
		if l.Start < 0 {
			b.WriteString(strings.Repeat(" ", gutterWidth+tw))
			lines = append(lines, b.String())
			continue
		}
		st, en := int(l.Start), int(l.End)
		// the sentences touching this line decide its gutter
		for si < last && d.ix.Sentences[si].End <= st {
			si++
		}
		var sev, agree uint8
		selected := false
		for sj := si; sj < last && d.ix.Sentences[sj].Start < en; sj++ {
			switch s := d.sentSeverity[sj]; {
			case s == attrHard:
				sev = attrHard
			case sev == 0:
				sev = s
			}
			agree = max(agree, d.sentAgree[sj])
			selected = selected || p.hl.selected[sj]
		}
		var marks uint8
		for i := st; i < en; i++ {
			marks |= attrs[i]
		}
		lead := byte(' ')
		switch {
		case selected:
			lead = '>'
		case marks&(attrMatch|attrCurrent) != 0:
			lead = '/'
		case marks&attrMention != 0:
			lead = '*'
		}
		b.WriteString(p.c.Styles.gutter(lead, sev, agree))
		w := 0
		for i := st; i < en; {
			j := i + 1
			for j < en && attrs[j] == attrs[i] {
				j++
			}
			run := printable(text[i:j])
			w += ansi.StringWidth(run)
			if attrs[i] == 0 {
				b.WriteString(run)
			} else {
				b.WriteString(p.c.Styles.renderText(attrs[i], run))
			}
			i = j
		}
		line := b.String()
		if w > tw {
			line = ansi.Truncate(line, gutterWidth+tw, "")
		} else if w < tw {
			line += strings.Repeat(" ", tw-w)
		}
		lines = append(lines, line)
	}
	p.styled = lines
	p.styledGen = p.hl.gen
	p.styledWidth = tw
	p.vp.SetContent(strings.Join(lines, "\n"))
}

// printable replaces anything a terminal would interpret (the model already
// strips control sequences; this is the last line of defence): C0 and C1
// controls and tabs become spaces, invalid UTF-8 (a lone 0x9b is a CSI to
// some terminals) becomes U+FFFD.
func printable(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == utf8.RuneError:
			b.WriteRune('\uFFFD')
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Init implements tea.Model.
func (p *Pane) Init() tea.Cmd { return nil }

// Update scrolls the pane with the scroll keys and the mouse wheel.
func (p *Pane) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	k := p.c.Keys
	switch msg := msg.(type) {
	case tea.KeyMsg:
		scrollKey(&p.vp, k, msg)
	case tea.MouseMsg:
		var cmd tea.Cmd
		p.vp, cmd = p.vp.Update(msg)
		return p, cmd
	}
	return p, nil
}

// scrollToLine puts display line l a third of the way down the pane, so
// the sentence before it shows too.
func (p *Pane) scrollToLine(l int) {
	p.vp.SetYOffset(l - p.vp.Height/3)
}

// scrollToSentence scrolls to sentence si (an Index.Sentences index).
func (p *Pane) scrollToSentence(si int) {
	a := p.article()
	if si < a.FirstSentence || si >= a.LastSentence || si >= len(p.c.Index.Sentences) {
		return
	}
	if p.wrap == nil {
		p.want = p.c.Index.Sentences[si].Start
		return
	}
	p.scrollToLine(p.wrap.sentenceLine(a, si))
}

// scrollToOffset scrolls to the line holding byte off of the text; a pane
// never drawn yet does so once it knows its width.
func (p *Pane) scrollToOffset(off int) {
	if p.wrap == nil {
		p.want = off
		return
	}
	p.scrollToLine(p.wrap.lineOf(off))
}

// View implements tea.Model.
func (p *Pane) View() string { return strings.Join(p.lines(), "\n") }

// lines draws the pane as exactly height lines of exactly width cells.
func (p *Pane) lines() []string {
	out := make([]string, p.height)
	var b strings.Builder
	for row := range out {
		b.Reset()
		p.writeRow(&b, row)
		out[row] = b.String()
	}
	return out
}

// writeRow writes row of the pane (0 is the top of the heading) into b;
// the frame is built from these without copying whole lines.
func (p *Pane) writeRow(b *strings.Builder, row int) {
	if row < paneHeaderLines {
		if h := p.heading(); row < len(h) {
			b.WriteString(h[row])
			return
		}
	}
	if p.border {
		b.WriteString(p.c.Styles.border)
	}
	l := p.vp.YOffset + row - paneHeaderLines
	if l >= 0 && l < len(p.styled) {
		b.WriteString(p.styled[l])
		return
	}
	for i := gutterWidth + p.textWidth(); i > 0; i-- {
		b.WriteByte(' ')
	}
}

func (p *Pane) heading() []string {
	pct := 100
	if n := len(p.styled) - p.vp.Height; n > 0 {
		pct = min(100, p.vp.YOffset*100/n)
	}
	k := headKey{p.width, p.focused, p.border, p.tag, pct}
	if k == p.headCacheKey && p.headCache != nil {
		return p.headCache
	}
	s := p.c.Styles
	a := p.article()
	inner := p.width
	border := ""
	if p.border {
		inner--
		border = s.Border.Render("│")
	}
	name := a.Outlet
	if name == "" {
		name = a.File
	}
	mark, title := "  ", s.PaneTitle
	if p.focused {
		mark, title = "▸ ", s.PaneTitleFocus
	}
	right := fmt.Sprintf(" %s %3d%%", a.ID, pct)
	left := mark + name
	if a.Kind != "" {
		left += " · " + a.Kind
	}
	left = ansi.Truncate(left, max(0, inner-ansi.StringWidth(right)), "…")
	l1 := title.Render(left) + s.PaneMeta.Render(padLeft(right, inner-ansi.StringWidth(left)))

	var meta []string
	if a.Byline != "" {
		meta = append(meta, a.Byline)
	}
	if !a.Date.IsZero() {
		meta = append(meta, a.Date.Format("2006-01-02"))
	} else if a.Dateline != "" {
		meta = append(meta, a.Dateline)
	}
	if len(meta) == 0 && a.Title != "" {
		meta = append(meta, a.Title)
	}
	if len(meta) == 0 {
		meta = append(meta, a.File)
	}
	l2 := s.PaneMeta.Render(fit("  "+strings.Join(meta, " · "), inner))

	var l3 string
	if p.tag != "" {
		t := ansi.Truncate("── "+p.tag+" ", inner, "…")
		l3 = s.PaneTitleFocus.Render(t) + s.PaneRule.Render(strings.Repeat("─", max(0, inner-ansi.StringWidth(t))))
	} else {
		l3 = s.PaneRule.Render(strings.Repeat("─", inner))
	}
	p.headCache = []string{border + l1, border + l2, border + l3}
	p.headCacheKey = k
	return p.headCache
}

// ShortHelp implements help.KeyMap.
func (p *Pane) ShortHelp() []key.Binding {
	k := p.c.Keys
	return []key.Binding{k.Down, k.Up, k.Left, k.Right, k.Read, k.Zoom, k.Claim}
}

// FullHelp implements help.KeyMap.
func (p *Pane) FullHelp() [][]key.Binding {
	k := p.c.Keys
	return [][]key.Binding{{k.Down, k.Up, k.PageDown, k.PageUp, k.Top, k.Bottom}, {k.Left, k.Right, k.Read, k.Zoom, k.Claim}}
}

// fit truncates or pads s (plain text) to exactly w cells.
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	sw := ansi.StringWidth(s)
	if sw > w {
		return ansi.Truncate(s, w, "…")
	}
	return s + strings.Repeat(" ", w-sw)
}

// padLeft right-aligns s (plain text) in w cells.
func padLeft(s string, w int) string {
	sw := ansi.StringWidth(s)
	if sw >= w {
		return s
	}
	return strings.Repeat(" ", w-sw) + s
}

// padStyled pads or cuts a styled string to exactly w cells.
func padStyled(s string, w int) string {
	sw := ansi.StringWidth(s)
	if sw > w {
		return ansi.Truncate(s, w, "")
	}
	return s + strings.Repeat(" ", w-sw)
}

// scrollKey moves a viewport for the scroll keys every scrolling view shares;
// it reports whether msg was one of them.
func scrollKey(vp *viewport.Model, k *KeyMap, msg tea.KeyMsg) bool {
	switch {
	case key.Matches(msg, k.Down):
		vp.ScrollDown(1)
	case key.Matches(msg, k.Up):
		vp.ScrollUp(1)
	case key.Matches(msg, k.PageDown):
		vp.PageDown()
	case key.Matches(msg, k.PageUp):
		vp.PageUp()
	case key.Matches(msg, k.Top):
		vp.GotoTop()
	case key.Matches(msg, k.Bottom):
		vp.GotoBottom()
	default:
		return false
	}
	return true
}
