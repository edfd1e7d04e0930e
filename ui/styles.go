package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/lipgloss"
)

// Text attributes of one byte of article text; a run of bytes with the same
// attributes is rendered with one style.
const (
	attrHard     uint8 = 1 << iota // sentence in a hard conflict
	attrSoft                       // sentence in a soft conflict
	attrValue                      // the compared value inside a conflicting sentence
	attrSelected                   // sentence of the selected conflict or agreement
	attrMention                    // mention of the chosen actor or topic
	attrMatch                      // search match
	attrCurrent                    // the current search match
)

// Styles are every style the UI draws with, built for one renderer.
type Styles struct {
	r *lipgloss.Renderer

	HeaderTitle lipgloss.Style
	HeaderMeta  lipgloss.Style
	HeaderUser  lipgloss.Style

	TabActive   lipgloss.Style
	TabInactive lipgloss.Style
	Border      lipgloss.Style

	ItemSelected   lipgloss.Style // cursor row in the focused list
	ItemCursor     lipgloss.Style // cursor row in a list without focus
	ItemNormal     lipgloss.Style
	Dim            lipgloss.Style
	Bold           lipgloss.Style
	Bar            lipgloss.Style
	SeverityHard   lipgloss.Style
	SeveritySoft   lipgloss.Style
	StatusConfirm  lipgloss.Style
	StatusDismiss  lipgloss.Style
	StatusFlag     lipgloss.Style
	StatusOpen     lipgloss.Style
	Agree          lipgloss.Style
	PaneTitle      lipgloss.Style
	PaneTitleFocus lipgloss.Style
	PaneMeta       lipgloss.Style
	PaneRule       lipgloss.Style

	Footer    lipgloss.Style
	FooterErr lipgloss.Style
	FooterOK  lipgloss.Style
	Prompt    lipgloss.Style

	Overlay      lipgloss.Style
	OverlayTitle lipgloss.Style

	Help help.Styles

	hardBG, softBG, matchBG, currentBG, mentionFG lipgloss.AdaptiveColor

	// border is the vertical rule between panes, rendered once.
	border string

	// text caches the style of each attribute combination; textSGR the
	// escape sequences it wraps a run of text in.
	text    map[uint8]lipgloss.Style
	textSGR map[uint8][2]string
	// gutters caches the rendered gutter marks.
	gutters map[[3]uint8]string
}

func newStyles(r *lipgloss.Renderer) *Styles {
	ac := func(light, dark string) lipgloss.AdaptiveColor {
		return lipgloss.AdaptiveColor{Light: light, Dark: dark}
	}
	accent := ac("#5A4FCF", "#A8A1FF")
	dim := ac("#6C6C6C", "#8A8A8A")
	red := ac("#B00020", "#FF6B6B")
	amber := ac("#8A6100", "#F2C14E")
	green := ac("#1E7B34", "#7BD88F")
	blue := ac("#0B5CAD", "#79B8FF")

	s := &Styles{r: r, text: map[uint8]lipgloss.Style{}, textSGR: map[uint8][2]string{}, gutters: map[[3]uint8]string{}}
	s.HeaderTitle = r.NewStyle().Bold(true).Foreground(accent)
	s.HeaderMeta = r.NewStyle().Foreground(dim)
	s.HeaderUser = r.NewStyle().Foreground(accent)

	s.TabActive = r.NewStyle().Bold(true).Underline(true).Foreground(accent)
	s.TabInactive = r.NewStyle().Foreground(dim)
	s.Border = r.NewStyle().Foreground(ac("#BDBDBD", "#4E4E4E"))
	s.border = s.Border.Render("│")

	s.ItemSelected = r.NewStyle().Reverse(true)
	s.ItemCursor = r.NewStyle().Bold(true)
	s.ItemNormal = r.NewStyle()
	s.Dim = r.NewStyle().Foreground(dim)
	s.Bold = r.NewStyle().Bold(true)
	s.Bar = r.NewStyle().Foreground(blue)
	s.SeverityHard = r.NewStyle().Bold(true).Foreground(red)
	s.SeveritySoft = r.NewStyle().Foreground(amber)
	s.StatusConfirm = r.NewStyle().Foreground(green)
	s.StatusDismiss = r.NewStyle().Foreground(dim).Strikethrough(true)
	s.StatusFlag = r.NewStyle().Bold(true).Foreground(red)
	s.StatusOpen = r.NewStyle().Foreground(dim)
	s.Agree = r.NewStyle().Faint(true).Foreground(green)
	s.PaneTitle = r.NewStyle().Bold(true)
	s.PaneTitleFocus = r.NewStyle().Bold(true).Foreground(accent)
	s.PaneMeta = r.NewStyle().Foreground(dim)
	s.PaneRule = r.NewStyle().Foreground(ac("#BDBDBD", "#4E4E4E"))

	s.Footer = r.NewStyle()
	s.FooterErr = r.NewStyle().Bold(true).Foreground(red)
	s.FooterOK = r.NewStyle().Foreground(green)
	s.Prompt = r.NewStyle().Bold(true).Foreground(accent)

	s.Overlay = r.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(accent).Padding(0, 1)
	s.OverlayTitle = r.NewStyle().Bold(true).Foreground(accent)

	key := r.NewStyle().Foreground(ac("#4A4A4A", "#C0C0C0"))
	desc := r.NewStyle().Foreground(dim)
	sep := r.NewStyle().Foreground(ac("#BDBDBD", "#4E4E4E"))
	s.Help = help.Styles{
		Ellipsis: sep, ShortKey: key, ShortDesc: desc, ShortSeparator: sep,
		FullKey: key, FullDesc: desc, FullSeparator: sep,
	}

	s.hardBG = ac("#FFD6D6", "#5C1F24")
	s.softBG = ac("#FFF1C2", "#4A3B12")
	s.matchBG = ac("#BFE3FF", "#1D4E7A")
	s.currentBG = ac("#7CC4FF", "#2F7BC0")
	s.mentionFG = blue
	return s
}

// textStyle is the style of article text with the given attributes.
func (s *Styles) textStyle(a uint8) lipgloss.Style {
	if st, ok := s.text[a]; ok {
		return st
	}
	st := s.r.NewStyle()
	switch {
	case a&attrCurrent != 0:
		st = st.Background(s.currentBG)
	case a&attrMatch != 0:
		st = st.Background(s.matchBG)
	case a&attrHard != 0:
		st = st.Background(s.hardBG)
	case a&attrSoft != 0:
		st = st.Background(s.softBG)
	}
	if a&attrValue != 0 {
		st = st.Bold(true).Underline(true)
	}
	if a&attrMention != 0 {
		st = st.Underline(true).Foreground(s.mentionFG)
	}
	if a&attrSelected != 0 {
		st = st.Reverse(true)
	}
	s.text[a] = st
	return st
}

// renderText styles a run of article text. Rendering a run with lipgloss
// for every run of every line is most of the cost of re-highlighting, so the
// style's opening and closing sequences are worked out once per attribute
// set and wrapped around the run.
func (s *Styles) renderText(a uint8, run string) string {
	sgr, ok := s.textSGR[a]
	if !ok {
		const mark = "\x00"
		out := s.textStyle(a).Render(mark)
		if i := strings.Index(out, mark); i >= 0 && strings.Count(out, mark) == 1 {
			sgr = [2]string{out[:i], out[i+len(mark):]}
		} else {
			sgr = [2]string{"\x00", ""} // cannot split: render each run
		}
		s.textSGR[a] = sgr
	}
	if sgr[0] == "\x00" {
		return s.textStyle(a).Render(run)
	}
	return sgr[0] + run + sgr[1]
}

// status styles a triage status word.
func (s *Styles) status(st string) lipgloss.Style {
	switch st {
	case statusConfirmed:
		return s.StatusConfirm
	case statusDismissed:
		return s.StatusDismiss
	case statusFlagged:
		return s.StatusFlag
	}
	return s.StatusOpen
}

// gutter is the two-cell mark left of a line: lead is '>' on the selected
// item's claims, '/' on a search match, '*' on a mention of the chosen actor
// or topic; then '!' hard or '~' soft conflict, or the number of
// independent sources that agree ('+' past 9). The marks carry the meaning
// where colour cannot (NO_COLOR, monochrome terminals).
func (s *Styles) gutter(lead byte, sev, agree uint8) string {
	if agree > 10 {
		agree = 10
	}
	k := [3]uint8{lead, sev, agree}
	if g, ok := s.gutters[k]; ok {
		return g
	}
	g := " "
	if lead != ' ' {
		g = s.Bold.Render(string(rune(lead)))
	}
	switch {
	case sev == attrHard:
		g += s.SeverityHard.Render("!")
	case sev == attrSoft:
		g += s.SeveritySoft.Render("~")
	case agree >= 2 && agree <= 9:
		g += s.Agree.Render(string(rune('0' + agree)))
	case agree > 9:
		g += s.Agree.Render("+")
	default:
		g += " "
	}
	s.gutters[k] = g
	return g
}
