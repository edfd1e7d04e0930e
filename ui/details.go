package ui

import (
	"fmt"
	"sort"
	"strings"

	"github.com/briefing/briefing/model"
)

// openDetails shows the item under the list cursor (sidebar focused) or the
// selected item, else the focused source.
func (m *Model) openDetails() {
	ix := m.c.Index
	var title string
	var build func(*Model, int) string
	if m.focus < 0 {
		i, ok := m.sidebar.lists[m.sidebar.tab].current()
		if !ok {
			return
		}
		m.choose(m.sidebar.tab, i)
		switch m.sidebar.tab {
		case tabConflicts:
			title, build = m.conflictTitle(i), func(m *Model, w int) string { return m.conflictDetails(i, w) }
		case tabActors:
			title, build = "Actor: "+ix.Actors[i].Name, func(m *Model, w int) string { return m.actorDetails(i, w) }
		case tabTopics:
			title, build = "Topic: "+ix.Topics[i].Name, func(m *Model, w int) string { return m.topicDetails(i, w) }
		case tabSources:
			title, build = "Source "+ix.Articles[i].ID, func(m *Model, w int) string { return m.sourceDetails(i, w) }
		}
	} else {
		switch {
		case m.sel.kind == selConflict:
			i := m.sel.idx
			title, build = m.conflictTitle(i), func(m *Model, w int) string { return m.conflictDetails(i, w) }
		case m.sel.kind == selAgreement:
			i := m.sel.idx
			g := ix.Agreements[i]
			title = fmt.Sprintf("%s · agreement · %d independent", g.ID, g.Independent)
			build = func(m *Model, w int) string { return m.agreementDetails(i, w) }
		case m.actor >= 0:
			i := m.actor
			title, build = "Actor: "+ix.Actors[i].Name, func(m *Model, w int) string { return m.actorDetails(i, w) }
		case m.topic >= 0:
			i := m.topic
			title, build = "Topic: "+ix.Topics[i].Name, func(m *Model, w int) string { return m.topicDetails(i, w) }
		default:
			a := m.focusedArticle()
			if a < 0 {
				return
			}
			title, build = "Source "+ix.Articles[a].ID, func(m *Model, w int) string { return m.sourceDetails(a, w) }
		}
	}
	if build != nil {
		m.openOverlay(newTextBox(title, 100, build))
	}
}

func (m *Model) conflictTitle(i int) string {
	c := m.c.Index.Conflicts[i]
	return fmt.Sprintf("%s · %s %s conflict", c.ID, c.Severity, c.Kind)
}

func (m *Model) conflictDetails(i, w int) string {
	s := m.c.Styles
	c := m.c.Index.Conflicts[i]
	var b strings.Builder
	b.WriteString(m.wrapText(s.Bold.Render(c.Summary), w))
	b.WriteString("\n")
	if c.Why != "" {
		b.WriteString(m.wrapText("Why: "+c.Why, w) + "\n")
	}
	var about []string
	if c.Topic != "" {
		about = append(about, "Topic: "+c.Topic)
	}
	if len(c.Actors) > 0 {
		about = append(about, "Actors: "+strings.Join(c.Actors, ", "))
	}
	if len(about) > 0 {
		b.WriteString(s.Dim.Render(m.wrapText(strings.Join(about, " · "), w)) + "\n")
	}
	b.WriteString(m.triageLine(c.Key, w))
	m.writeClaims(&b, c.Claims, w)
	return strings.TrimRight(b.String(), "\n")
}

func (m *Model) agreementDetails(i, w int) string {
	s := m.c.Styles
	g := m.c.Index.Agreements[i]
	var b strings.Builder
	b.WriteString(m.wrapText(s.Bold.Render(g.Summary), w) + "\n")
	b.WriteString(s.Dim.Render(fmt.Sprintf("%d independent of %s", g.Independent, plural(len(m.c.Derived.articlesOf(g.Claims)), "source"))) + "\n")
	b.WriteString(m.triageLine(g.Key, w))
	m.writeClaims(&b, g.Claims, w)
	return strings.TrimRight(b.String(), "\n")
}

func (m *Model) triageLine(key string, w int) string {
	if m.opts.Store == nil {
		return ""
	}
	s := m.c.Styles
	t, ok := m.triage[key]
	if !ok {
		return "Status: " + s.status(statusOpen).Render(statusOpen) + "\n"
	}
	line := "Status: " + s.status(t.Status).Render(t.Status)
	if t.By != "" {
		line += s.Dim.Render(" by " + t.By)
	}
	if t.At != "" {
		line += s.Dim.Render(" at " + t.At)
	}
	out := m.wrapText(line, w) + "\n"
	if t.Note != "" {
		out += m.wrapText("Note: "+printable(t.Note), w) + "\n"
	}
	return out
}

// writeClaims writes each claim with the sentence before and after it, its
// compared value and its source.
func (m *Model) writeClaims(b *strings.Builder, refs []model.ClaimRef, w int) {
	s := m.c.Styles
	ix := m.c.Index
	d := m.c.Derived
	for _, r := range refs {
		if !d.validSentence(r.Sentence) {
			continue
		}
		sent := ix.Sentences[r.Sentence]
		a := ix.Articles[sent.Article]
		name := a.Outlet
		if name == "" {
			name = a.File
		}
		head := fmt.Sprintf("%s · %s", a.ID, name)
		if a.Kind != "" {
			head += " (" + a.Kind + ")"
		}
		if a.Outlet != "" && a.File != "" {
			head += " · " + a.File
		}
		b.WriteString("\n" + m.wrapText(s.Bold.Render(head), w) + "\n")
		if r.Sentence-1 >= a.FirstSentence {
			b.WriteString(s.Dim.Render(m.indent(printable(ix.Sentences[r.Sentence-1].Text), w, 4)) + "\n")
		}
		b.WriteString("  > " + strings.TrimLeft(m.indent(m.emphasise(sent.Text, r.ValueStart, r.ValueEnd), w, 4), " ") + "\n")
		if r.Sentence+1 < a.LastSentence && r.Sentence+1 < len(ix.Sentences) {
			b.WriteString(s.Dim.Render(m.indent(printable(ix.Sentences[r.Sentence+1].Text), w, 4)) + "\n")
		}
		if r.Value != "" {
			b.WriteString(m.indent("value: “"+printable(r.Value)+"”", w, 4) + "\n")
		}
	}
}

// emphasise marks text[vs:ve] as the compared value; without colour the
// value is set in «guillemets» so it still stands out.
func (m *Model) emphasise(text string, vs, ve int) string {
	if vs < 0 || ve <= vs || ve > len(text) {
		return printable(text)
	}
	v := printable(text[vs:ve])
	if m.c.ascii() {
		v = "«" + v + "»"
	} else {
		v = m.c.Styles.textStyle(attrValue).Render(v)
	}
	return printable(text[:vs]) + v + printable(text[ve:])
}

func (m *Model) actorDetails(i, w int) string {
	s := m.c.Styles
	ix := m.c.Index
	a := ix.Actors[i]
	var b strings.Builder
	b.WriteString(fmt.Sprintf("%s · %s · %d mentions\n", a.Name, a.Kind, m.c.Derived.actorTotal[i]))
	if len(a.Aliases) > 0 {
		b.WriteString(m.wrapText("Also: "+strings.Join(a.Aliases, ", "), w) + "\n")
	}
	b.WriteString("\n" + s.Bold.Render("By source") + "\n")
	for _, art := range ix.Articles {
		n := a.Mentions[art.File]
		line := fmt.Sprintf("%-4s %3d  %s", art.ID, n, sourceName(art))
		if roles := a.Roles[art.File]; len(roles) > 0 {
			line += " — " + strings.Join(roles, "; ")
		}
		if n == 0 {
			line = s.Dim.Render(line)
		}
		b.WriteString(m.indent(line, w, 1) + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

func (m *Model) topicDetails(i, w int) string {
	s := m.c.Styles
	ix := m.c.Index
	t := ix.Topics[i]
	var b strings.Builder
	b.WriteString(fmt.Sprintf("%s · %d mentions\n", t.Name, m.c.Derived.topicTotal[i]))
	if len(t.Keywords) > 0 {
		kw := append([]string(nil), t.Keywords...)
		sort.Strings(kw)
		b.WriteString(m.wrapText("Keywords: "+strings.Join(kw, ", "), w) + "\n")
	}
	b.WriteString("\n" + s.Bold.Render("By source") + "\n")
	for _, art := range ix.Articles {
		n := t.Mentions[art.File]
		line := fmt.Sprintf("%-4s %3d  %s", art.ID, n, sourceName(art))
		if n == 0 {
			line = s.Dim.Render(line)
		}
		b.WriteString(m.indent(line, w, 1) + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

func (m *Model) sourceDetails(i, w int) string {
	a := m.c.Index.Articles[i]
	rows := [][2]string{
		{"Title", a.Title}, {"Outlet", a.Outlet}, {"Byline", a.Byline}, {"Dateline", a.Dateline},
		{"Kind", a.Kind}, {"Format", string(a.Format)}, {"File", a.File},
		{"Words", fmt.Sprint(a.Words)}, {"Sentences", fmt.Sprint(a.LastSentence - a.FirstSentence)},
	}
	if a.Name != "" && a.Name != a.File {
		rows = append(rows, [2]string{"Name", a.Name})
	}
	if !a.Date.IsZero() {
		rows = append(rows, [2]string{"Date", a.Date.Format("2006-01-02 15:04 MST")})
	}
	if len(a.Cited) > 0 {
		rows = append(rows, [2]string{"Cites", strings.Join(a.Cited, ", ")})
	}
	var b strings.Builder
	for _, r := range rows {
		if r[1] == "" {
			continue
		}
		label := m.c.Styles.Bold.Render(fmt.Sprintf("%-10s", r[0]))
		b.WriteString(label + strings.TrimLeft(m.indent(printable(r[1]), w, 10), " ") + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

func sourceName(a *model.Article) string {
	if a.Outlet != "" {
		return a.Outlet
	}
	return a.File
}
