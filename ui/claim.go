package ui

import (
	"fmt"
	"sort"

	"github.com/briefing/briefing/model"
)

// A single claim (one sentence) can be triaged on its own, like a conflict
// or an agreement: the analyst clicks it, or presses v on a pane to take the
// first sentence shown.

// claimKey is the stable key of the claim a sentence makes: like conflict
// keys, a hash of its normalised text, so it survives reordering sources.
func claimKey(ix *model.Index, si int) string {
	return model.StableKey(kindClaim, ix.Sentences[si].Text)
}

// claimLabel names a claim by its source ("claim in a3").
func claimLabel(ix *model.Index, si int) string {
	return fmt.Sprintf("claim in %s", ix.Articles[ix.Sentences[si].Article].ID)
}

// selectClaim makes sentence si the selection.
func (m *Model) selectClaim(si int) {
	if !m.c.Derived.validSentence(si) {
		return
	}
	// Claims are many; their decisions are read when first selected, not
	// all at start-up like conflicts' and agreements'.
	if key := claimKey(m.c.Index, si); m.opts.Store != nil {
		if _, seen := m.triage[key]; !seen {
			if t, ok := m.opts.Store.Get(key); ok {
				m.triage[key] = t
			}
		}
	}
	m.sel = selection{kind: selClaim, idx: si}
	clear(m.hl.selected)
	m.hl.selected[si] = true
	m.bump()
	m.updateTags()
}

// selectClaimAtTop selects the first sentence shown in the focused pane.
func (m *Model) selectClaimAtTop() {
	if m.focus < 0 || m.focus >= len(m.visible) {
		m.setStatus(msgInfo, "focus a source pane (tab) to pick a claim")
		return
	}
	p := m.panes[m.visible[m.focus]]
	for row := paneHeaderLines; row < paneHeaderLines+max(1, p.vp.Height); row++ {
		if si, ok := p.sentenceAtRow(row); ok {
			m.selectClaim(si)
			return
		}
	}
}

// sentenceAtRow returns the sentence shown on a row of the pane (rows count
// from the pane's top, heading included).
func (p *Pane) sentenceAtRow(row int) (int, bool) {
	if p.wrap == nil {
		return 0, false
	}
	l := p.vp.YOffset + row - paneHeaderLines
	if row < paneHeaderLines || l < 0 || l >= len(p.wrap.lines) || p.wrap.lines[l].Start < 0 {
		return 0, false
	}
	off := int(p.wrap.lines[l].Start)
	a := p.article()
	sents := p.c.Index.Sentences[a.FirstSentence:a.LastSentence]
	k := sort.Search(len(sents), func(k int) bool { return sents[k].End > off })
	if k == len(sents) || sents[k].Start > int(p.wrap.lines[l].End) {
		return 0, false
	}
	return a.FirstSentence + k, true
}
