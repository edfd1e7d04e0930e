package ui

import (
	"fmt"

	"github.com/briefing/briefing/model"
)

// choose reacts to the sidebar cursor landing on an item.
func (m *Model) choose(tab, i int) {
	switch tab {
	case tabConflicts:
		m.selectConflict(i)
	case tabActors:
		m.chooseActor(i)
	case tabTopics:
		m.chooseTopic(i)
	case tabSources:
		if m.shown[i] {
			if k := m.showArticle(i); m.focus >= 0 {
				m.focus = k
			}
		}
	}
}

// stepConflict selects the next (d=1) or previous (d=-1) conflict of the
// Conflicts list as filtered.
func (m *Model) stepConflict(d int) {
	l := &m.sidebar.lists[tabConflicts]
	if len(l.visible) == 0 {
		if len(m.c.Index.Conflicts) == 0 {
			m.setStatus(msgInfo, "no conflicts found")
		} else {
			m.setStatus(msgInfo, "no conflicts match the filter")
		}
		return
	}
	cur := -1
	if m.sel.kind == selConflict {
		cur = m.sel.idx
	}
	next := -1
	if d > 0 {
		next = l.visible[0]
		for _, i := range l.visible {
			if i > cur {
				next = i
				break
			}
		}
		if cur >= l.visible[len(l.visible)-1] {
			next = l.visible[0] // wrap
		}
	} else {
		next = l.visible[len(l.visible)-1]
		for p := len(l.visible) - 1; p >= 0; p-- {
			if cur >= 0 && l.visible[p] < cur {
				next = l.visible[p]
				break
			}
		}
		if cur >= 0 && cur <= l.visible[0] {
			next = l.visible[len(l.visible)-1]
		}
	}
	m.sidebar.selectItem(tabConflicts, next)
	m.selectConflict(next)
}

func (m *Model) stepAgreement(d int) {
	n := len(m.c.Index.Agreements)
	if n == 0 {
		m.setStatus(msgInfo, "no agreements found")
		return
	}
	i := 0
	if m.sel.kind == selAgreement {
		i = ((m.sel.idx+d)%n + n) % n
	} else if d < 0 {
		i = n - 1
	}
	m.selectAgreement(i)
}

func (m *Model) selectConflict(i int) {
	if i < 0 || i >= len(m.c.Index.Conflicts) {
		return
	}
	m.sel = selection{kind: selConflict, idx: i}
	m.sidebar.selectItem(tabConflicts, i)
	m.showClaims(m.c.Index.Conflicts[i].Claims)
}

func (m *Model) selectAgreement(i int) {
	if i < 0 || i >= len(m.c.Index.Agreements) {
		return
	}
	m.sel = selection{kind: selAgreement, idx: i}
	m.showClaims(m.c.Index.Agreements[i].Claims)
}

// showClaims marks the claims, puts their sources side by side from the
// left and scrolls each to its claim.
func (m *Model) showClaims(refs []model.ClaimRef) {
	d := m.c.Derived
	clear(m.hl.selected)
	for _, r := range refs {
		if d.validSentence(r.Sentence) {
			m.hl.selected[r.Sentence] = true
		}
	}
	arts := d.articlesOf(refs)
	for _, a := range arts {
		m.shown[a] = true
	}
	m.bump() // before the layout, so panes restyle once
	m.updateTags()
	m.zoom = false
	m.first = 0
	m.rebuildOrder(arts)
	done := map[int]bool{}
	for _, r := range refs {
		if !d.validSentence(r.Sentence) {
			continue
		}
		a := d.ix.Sentences[r.Sentence].Article
		if done[a] {
			continue
		}
		done[a] = true
		m.panes[a].scrollToSentence(r.Sentence)
	}
	if m.focus >= len(m.visible) {
		m.focus = len(m.visible) - 1
	}
}

// updateTags names the selected item in the heading of each pane that
// holds one of its claims.
func (m *Model) updateTags() {
	for _, p := range m.panes {
		p.tag = ""
	}
	var refs []model.ClaimRef
	var label string
	switch m.sel.kind {
	case selConflict:
		c := m.c.Index.Conflicts[m.sel.idx]
		refs = c.Claims
		label = fmt.Sprintf("%s %s %s", c.ID, c.Severity, c.Kind)
		if st := m.statusOf(c.Key); st != statusOpen {
			label += " · " + st
		}
	case selAgreement:
		g := m.c.Index.Agreements[m.sel.idx]
		refs = g.Claims
		label = fmt.Sprintf("%s agree ×%d", g.ID, g.Independent)
		if st := m.statusOf(g.Key); st != statusOpen {
			label += " · " + st
		}
	case selClaim:
		refs = []model.ClaimRef{{Sentence: m.sel.idx}}
		label = "claim"
		if st := m.statusOf(claimKey(m.c.Index, m.sel.idx)); st != statusOpen {
			label += " · " + st
		}
	default:
		return
	}
	d := m.c.Derived
	for _, r := range refs {
		if !d.validSentence(r.Sentence) {
			continue
		}
		p := m.panes[d.ix.Sentences[r.Sentence].Article]
		if p.tag != "" {
			continue
		}
		p.tag = label
		if r.Value != "" {
			p.tag += " · “" + r.Value + "”"
		}
	}
}

func (m *Model) chooseActor(i int) {
	if i < 0 || i >= len(m.c.Index.Actors) {
		return
	}
	m.actor, m.topic = i, -1
	m.markMentions(m.c.Index.Actors[i].Spans, nil)
}

func (m *Model) chooseTopic(i int) {
	if i < 0 || i >= len(m.c.Index.Topics) {
		return
	}
	m.actor, m.topic = -1, i
	t := m.c.Index.Topics[i]
	m.markMentions(t.Spans, t.Sentences)
}

// markMentions underlines the spans (or, when there are none, the whole
// sentences) in every pane and scrolls each pane to its first one.
func (m *Model) markMentions(spans []model.Mention, sentences []int) {
	d := m.c.Derived
	m.hl.mentions = map[int][]model.Span{}
	add := func(sent int, sp model.Span) {
		a := d.ix.Sentences[sent].Article
		m.hl.mentions[a] = append(m.hl.mentions[a], sp)
	}
	for _, mt := range spans {
		if !d.validSentence(mt.Sentence) {
			continue
		}
		if sp, ok := d.articleRange(mt.Sentence, mt.Start, mt.End); ok {
			add(mt.Sentence, sp)
		}
	}
	if len(spans) == 0 {
		for _, s := range sentences {
			if sp, ok := d.sentenceRange(s); ok {
				add(s, sp)
			}
		}
	}
	m.bump()
	for a, sps := range m.hl.mentions {
		first := sps[0].Start
		for _, sp := range sps {
			first = min(first, sp.Start)
		}
		m.panes[a].scrollToOffset(first)
	}
}
