package ui

import "github.com/charmbracelet/bubbles/key"

// KeyMap is the one set of key bindings of the UI; components pick from it
// for their own help.
type KeyMap struct {
	Quit      key.Binding
	Help      key.Binding
	FocusNext key.Binding
	FocusPrev key.Binding
	Tab1      key.Binding
	Tab2      key.Binding
	Tab3      key.Binding
	Tab4      key.Binding

	Up       key.Binding
	Down     key.Binding
	PageUp   key.Binding
	PageDown key.Binding
	Top      key.Binding
	Bottom   key.Binding
	Left     key.Binding
	Right    key.Binding

	NextConflict  key.Binding
	PrevConflict  key.Binding
	NextAgreement key.Binding
	PrevAgreement key.Binding
	Details       key.Binding
	Search        key.Binding
	Filter        key.Binding
	Back          key.Binding
	Sources       key.Binding
	Toggle        key.Binding
	Choose        key.Binding
	Read          key.Binding
	Sidebar       key.Binding
	Zoom          key.Binding
	Claim         key.Binding

	Confirm      key.Binding
	Dismiss      key.Binding
	Flag         key.Binding
	Note         key.Binding
	Undo         key.Binding
	StatusFilter key.Binding
	Export       key.Binding

	Save key.Binding // in the note editor
}

func newKeyMap() *KeyMap {
	b := func(keys []string, k, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(k, desc))
	}
	return &KeyMap{
		Quit:      b([]string{"q", "ctrl+c"}, "q", "quit"),
		Help:      b([]string{"?"}, "?", "help"),
		FocusNext: b([]string{"tab"}, "tab", "focus next"),
		FocusPrev: b([]string{"shift+tab"}, "⇧tab", "focus prev"),
		Tab1:      b([]string{"1"}, "1", "conflicts"),
		Tab2:      b([]string{"2"}, "2", "actors"),
		Tab3:      b([]string{"3"}, "3", "topics"),
		Tab4:      b([]string{"4"}, "4", "sources"),

		Up:       b([]string{"k", "up"}, "k/↑", "up"),
		Down:     b([]string{"j", "down"}, "j/↓", "down"),
		PageUp:   b([]string{"pgup", "ctrl+b"}, "pgup", "page up"),
		PageDown: b([]string{"pgdown", " ", "ctrl+f"}, "pgdn", "page down"),
		Top:      b([]string{"g", "home"}, "g", "top"),
		Bottom:   b([]string{"G", "end"}, "G", "bottom"),
		Left:     b([]string{"h", "left"}, "h/←", "sources left"),
		Right:    b([]string{"l", "right"}, "l/→", "sources right"),

		NextConflict:  b([]string{"n"}, "n", "next conflict"),
		PrevConflict:  b([]string{"N"}, "N", "prev conflict"),
		NextAgreement: b([]string{"]"}, "]", "next agreement"),
		PrevAgreement: b([]string{"["}, "[", "prev agreement"),
		Details:       b([]string{"enter"}, "enter", "details"),
		Search:        b([]string{"/"}, "/", "search"),
		Filter:        b([]string{"/"}, "/", "filter actors/topics"),
		Back:          b([]string{"esc"}, "esc", "back"),
		Sources:       b([]string{"s"}, "s", "choose sources"),
		Toggle:        b([]string{" ", "x"}, "space", "toggle"),
		Choose:        b([]string{" "}, "space", "choose"),
		Read:          b([]string{"r"}, "r", "reading mode"),
		Sidebar:       b([]string{"b"}, "b", "sidebar"),
		Zoom:          b([]string{"z"}, "z", "zoom pane"),
		Claim:         b([]string{"v"}, "v", "select claim"),

		Confirm:      b([]string{"c"}, "c", "confirm"),
		Dismiss:      b([]string{"d"}, "d", "dismiss"),
		Flag:         b([]string{"f"}, "f", "flag"),
		Note:         b([]string{"e"}, "e", "note"),
		Undo:         b([]string{"u"}, "u", "undo"),
		StatusFilter: b([]string{"F"}, "F", "status filter"),
		Export:       b([]string{"x"}, "x", "export briefing"),

		Save: b([]string{"ctrl+s"}, "ctrl+s", "save"),
	}
}
