package ui

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/briefing/briefing/model"
)

// TriageStore keeps an analyst's decisions on conflicts and agreements,
// keyed by Conflict.Key and Agreement.Key. The UI calls it from one
// goroutine at a time (writes are queued), but not from the goroutine that
// created it.
type TriageStore interface {
	// Get returns the decision stored for key; false when there is none
	// (the item is open).
	Get(key string) (model.Triage, bool)
	// Set stores t for the item; kind is "conflict" or "agreement". It must
	// return only once the decision is durable: the UI shows it as saved
	// after Set returns nil.
	Set(kind, key string, t model.Triage) error
	// Undo reverts the most recent Set not yet undone and names the item it
	// changed; ok is false when there is nothing to undo.
	Undo() (key string, ok bool, err error)
}

// Triage statuses.
const (
	statusOpen      = "open"
	statusConfirmed = "confirmed"
	statusDismissed = "dismissed"
	statusFlagged   = "flagged"
)

// Item kinds passed to TriageStore.Set.
const (
	kindConflict  = "conflict"
	kindAgreement = "agreement"
	kindClaim     = "claim"
)

// statusFilters is what F cycles through on the Conflicts list.
var statusFilters = []string{"", statusOpen, statusConfirmed, statusDismissed, statusFlagged}

// triageOp is one queued write.
type triageOp struct {
	undo  bool
	kind  string
	key   string
	label string // "c3", for messages
	t     model.Triage
}

// triageDoneMsg reports a finished write. For an undo, key is the item the
// store changed and t/found its state afterwards.
type triageDoneMsg struct {
	op    triageOp
	key   string
	t     model.Triage
	found bool
	none  bool // undo had nothing to undo
	err   error
}

// runTriage performs op against the store off the UI goroutine.
func runTriage(store TriageStore, op triageOp) tea.Cmd {
	return func() tea.Msg {
		if op.undo {
			key, ok, err := store.Undo()
			if err != nil || !ok {
				return triageDoneMsg{op: op, none: !ok, err: err}
			}
			t, found := store.Get(key)
			return triageDoneMsg{op: op, key: key, t: t, found: found}
		}
		err := store.Set(op.kind, op.key, op.t)
		return triageDoneMsg{op: op, key: op.key, t: op.t, found: true, err: err}
	}
}

// statusOf is the saved status of an item.
func (m *Model) statusOf(key string) string {
	if t, ok := m.triage[key]; ok && t.Status != "" {
		return t.Status
	}
	return statusOpen
}

// expectedTriage is the item's decision once every queued write is done,
// so that pressing c twice quickly toggles as the user expects.
func (m *Model) expectedTriage(key string) model.Triage {
	t, ok := m.triage[key]
	if !ok || t.Status == "" {
		t = model.Triage{Status: statusOpen}
	}
	if m.inflight != nil && !m.inflight.undo && m.inflight.key == key {
		t = m.inflight.t
	}
	for _, op := range m.queue {
		if !op.undo && op.key == key {
			t = op.t
		}
	}
	return t
}

// selectedItem is the kind, key and label of the selected conflict or
// agreement.
func (m *Model) selectedItem() (kind, key, label string, ok bool) {
	switch m.sel.kind {
	case selConflict:
		c := m.c.Index.Conflicts[m.sel.idx]
		return kindConflict, c.Key, c.ID, true
	case selAgreement:
		g := m.c.Index.Agreements[m.sel.idx]
		return kindAgreement, g.Key, g.ID, true
	case selClaim:
		return kindClaim, claimKey(m.c.Index, m.sel.idx), claimLabel(m.c.Index, m.sel.idx), true
	}
	return "", "", "", false
}

// decide queues setting the selected item's status (pressing the status it
// already has sets it back to open) or note.
func (m *Model) decide(status string, note *string) tea.Cmd {
	if m.opts.Store == nil {
		m.setStatus(msgErr, "no triage store: decisions cannot be saved")
		return nil
	}
	kind, key, label, ok := m.selectedItem()
	if !ok {
		m.setStatus(msgErr, "select a conflict (n), an agreement (]) or a claim (v, click) first")
		return nil
	}
	t := m.expectedTriage(key)
	switch {
	case note != nil:
		t.Note = *note
	case t.Status == status:
		t.Status = statusOpen
	default:
		t.Status = status
	}
	t.By = m.opts.User
	t.At = m.now().UTC().Format(time.RFC3339)
	return m.enqueue(triageOp{kind: kind, key: key, label: label, t: t})
}

func (m *Model) undo() tea.Cmd {
	if m.opts.Store == nil {
		m.setStatus(msgErr, "no triage store: nothing to undo")
		return nil
	}
	return m.enqueue(triageOp{undo: true})
}

// enqueue starts op now or after the writes before it, so that decisions
// reach the store in the order they were made.
func (m *Model) enqueue(op triageOp) tea.Cmd {
	m.queue = append(m.queue, op)
	m.setStatus(msgInfo, "saving…")
	return m.nextWrite()
}

func (m *Model) nextWrite() tea.Cmd {
	if m.inflight != nil || len(m.queue) == 0 {
		return nil
	}
	op := m.queue[0]
	m.queue = m.queue[1:]
	m.inflight = &op
	return runTriage(m.opts.Store, op)
}

// triageDone applies a finished write: only now does the UI show it.
func (m *Model) triageDone(msg triageDoneMsg) tea.Cmd {
	m.inflight = nil
	switch {
	case msg.err != nil:
		m.setStatus(msgErr, "not saved: "+msg.err.Error())
	case msg.none:
		m.setStatus(msgInfo, "nothing to undo")
	default:
		if msg.found {
			m.triage[msg.key] = msg.t
		} else {
			delete(m.triage, msg.key)
		}
		st := m.statusOf(msg.key)
		label := msg.op.label
		if label == "" {
			label = m.labelOfKey(msg.key)
		}
		verb := "saved"
		if msg.op.undo {
			verb = "undone"
		}
		m.setStatus(msgOK, verb+": "+label+" "+st)
		m.triageChanged()
	}
	return m.nextWrite()
}

// triageChanged redraws whatever shows a status.
func (m *Model) triageChanged() {
	m.c.Derived.updateSeverity(m.statusOf)
	m.sidebar.refilter(tabConflicts)
	m.sidebar.invalidate()
	m.headerKey = ""
	m.updateTags()
	m.bump()
}

func (m *Model) labelOfKey(key string) string {
	for _, c := range m.c.Index.Conflicts {
		if c.Key == key {
			return c.ID
		}
	}
	for _, g := range m.c.Index.Agreements {
		if g.Key == key {
			return g.ID
		}
	}
	return key
}

// cycleStatusFilter moves the Conflicts list to the next status filter.
func (m *Model) cycleStatusFilter() {
	m.statusFilter = (m.statusFilter + 1) % len(statusFilters)
	m.sidebar.refilter(tabConflicts)
	f := statusFilters[m.statusFilter]
	if f == "" {
		f = "all"
	}
	m.setStatus(msgInfo, "conflicts shown: "+f)
}

// lookupTriage feeds model.NewReport from what the UI has saved.
func (m *Model) lookupTriage(key string) (model.Triage, bool) {
	t, ok := m.triage[key]
	return t, ok
}
