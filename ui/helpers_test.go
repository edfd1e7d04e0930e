package ui

import (
	"io"
	"os"
	"path/filepath"
	"sort"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/briefing/briefing/model"
)

// asciiRenderer draws without any escape sequence, so views compare as
// plain text.
func asciiRenderer() *lipgloss.Renderer {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	r.SetHasDarkBackground(true)
	return r
}

// seedIndex builds the index of the seed corpus the way the CLI does.
func seedIndex(tb testing.TB) *model.Index {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join("..", "seeds", "*"))
	if err != nil || len(files) == 0 {
		tb.Fatalf("no seeds: %v", err)
	}
	sort.Strings(files)
	var docs []model.Document
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		docs = append(docs, model.Document{Name: f, File: filepath.Base(f), Data: b})
	}
	ix, err := model.Open(docs, nil)
	if err != nil {
		tb.Fatal(err)
	}
	return ix
}

func newTestModel(tb testing.TB, ix *model.Index, w, h int, store TriageStore) *Model {
	tb.Helper()
	m := newModel(ix, Options{Renderer: asciiRenderer(), User: "tester", Store: store, Width: w, Height: h})
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return m
}

// handArticle describes a test article: paragraphs of sentences.
type handArticle struct {
	outlet, byline, kind, title string
	paras                       [][]string
}

// handIndex builds a small index by hand: three sources, two conflicts, an
// agreement, an actor and a topic, with every offset computed from the
// text so the fixtures cannot drift from it.
func handIndex() *model.Index {
	arts := []handArticle{
		{outlet: "Daily Planet", byline: "Lois Lane", kind: model.KindReport, title: "Council vote ends in deadlock",
			paras: [][]string{
				{"Council vote ends in deadlock"},
				{"Mayor Alba Reyes chaired the session in Eastbridge on Monday.", "The council debated for three hours before the vote.", "Officials said the debate was civil."},
				{"No budget was adopted.", "Reyes promised a second vote next week."},
			}},
		{outlet: "Harbour Gazette", byline: "Jimmy Olsen", kind: model.KindReport, title: "Budget stalls again",
			paras: [][]string{
				{"Budget stalls again"},
				{"The council debated for two hours before the vote.", "Officials said the debate was civil.", "Mayor Reyes left without comment."},
				{"A revised budget was adopted late on Monday."},
			}},
		{outlet: "Evening Post", byline: "Perry White", kind: model.KindAnalysis, title: "What the deadlock means",
			paras: [][]string{
				{"What the deadlock means"},
				{"Analysts expect the mayor to compromise.", "Officials said the debate was civil."},
			}},
	}
	ix := &model.Index{}
	for ai, h := range arts {
		a := &model.Article{
			ID: "a" + string(rune('1'+ai)), File: "src" + string(rune('1'+ai)) + ".txt", Format: model.FormatText,
			Title: h.title, Outlet: h.outlet, Byline: h.byline, Kind: h.kind,
			FirstSentence: len(ix.Sentences),
		}
		var text []byte
		for pi, p := range h.paras {
			if pi > 0 {
				text = append(text, '\n')
			}
			ps := len(text)
			for si, s := range p {
				if si > 0 {
					text = append(text, ' ')
				}
				ix.Sentences = append(ix.Sentences, model.Sentence{
					Article: ai, Para: pi, Text: s, Start: len(text), End: len(text) + len(s),
					Headline: pi == 0,
				})
				text = append(text, s...)
			}
			a.Paragraphs = append(a.Paragraphs, model.Span{Start: ps, End: len(text)})
		}
		a.Text = string(text)
		a.LastSentence = len(ix.Sentences)
		ix.Articles = append(ix.Articles, a)
	}
	find := func(art int, text string) int {
		for i, s := range ix.Sentences {
			if s.Article == art && s.Text == text {
				return i
			}
		}
		panic("no sentence " + text)
	}
	ref := func(art int, sentence, value string) model.ClaimRef {
		si := find(art, sentence)
		vs := indexOf2(sentence, value)
		ix.Claims = append(ix.Claims, model.Claim{Sentence: si})
		return model.ClaimRef{Claim: len(ix.Claims) - 1, Sentence: si, Value: value, ValueStart: vs, ValueEnd: vs + len(value)}
	}
	ix.Conflicts = []model.Conflict{
		{ID: "c1", Key: "key-c1", Kind: "numeric", Severity: model.SeverityHard, Score: 0.9,
			Summary: "How long the council debated: three hours vs two hours",
			Why:     "durations differ by an hour", Topic: "Budget vote", Actors: []string{"Alba Reyes"},
			Claims: []model.ClaimRef{
				ref(0, "The council debated for three hours before the vote.", "three hours"),
				ref(1, "The council debated for two hours before the vote.", "two hours"),
			}},
		{ID: "c2", Key: "key-c2", Kind: "negation", Severity: model.SeveritySoft, Score: 0.5,
			Summary: "Whether a budget was adopted",
			Why:     "one source says none was, another says a revised one was", Topic: "Budget vote",
			Claims: []model.ClaimRef{
				ref(0, "No budget was adopted.", "No budget"),
				ref(1, "A revised budget was adopted late on Monday.", "revised budget"),
			}},
	}
	ix.Agreements = []model.Agreement{
		{ID: "g1", Key: "key-g1", Summary: "Officials called the debate civil", Independent: 3,
			Claims: []model.ClaimRef{
				ref(0, "Officials said the debate was civil.", ""),
				ref(1, "Officials said the debate was civil.", ""),
				ref(2, "Officials said the debate was civil.", ""),
			}},
	}
	mention := func(art int, sentence, what string) model.Mention {
		si := find(art, sentence)
		st := indexOf2(sentence, what)
		return model.Mention{Sentence: si, Start: st, End: st + len(what)}
	}
	ix.Actors = []*model.Actor{{
		ID: "alba-reyes", Name: "Alba Reyes", Kind: model.ActorPerson, Aliases: []string{"Alba Reyes", "Mayor Reyes", "Reyes"},
		Mentions: map[string]int{"src1.txt": 2, "src2.txt": 1},
		Roles:    map[string][]string{"src1.txt": {"Mayor"}},
		Spans: []model.Mention{
			mention(0, "Mayor Alba Reyes chaired the session in Eastbridge on Monday.", "Alba Reyes"),
			mention(0, "Reyes promised a second vote next week.", "Reyes"),
			mention(1, "Mayor Reyes left without comment.", "Reyes"),
		},
	}, {
		ID: "eastbridge", Name: "Eastbridge", Kind: model.ActorPlace, Aliases: []string{"Eastbridge"},
		Mentions: map[string]int{"src1.txt": 1},
		Spans:    []model.Mention{mention(0, "Mayor Alba Reyes chaired the session in Eastbridge on Monday.", "Eastbridge")},
	}}
	ix.Topics = []*model.Topic{{
		ID: "budget-vote", Name: "Budget vote", Keywords: []string{"budget", "vote"},
		Mentions:  map[string]int{"src1.txt": 3, "src2.txt": 2},
		Sentences: []int{find(0, "No budget was adopted."), find(1, "A revised budget was adopted late on Monday.")},
		Spans: []model.Mention{
			mention(0, "The council debated for three hours before the vote.", "vote"),
			mention(0, "No budget was adopted.", "budget"),
			mention(1, "A revised budget was adopted late on Monday.", "budget"),
		},
	}}
	for i := range ix.Articles {
		a := ix.Articles[i]
		a.Words = len(a.Text) / 6
	}
	return ix
}

func indexOf2(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	panic("no " + sub + " in " + s)
}

func keyMsg(s string) tea.KeyMsg {
	switch s {
	case "tab":
		return tea.KeyMsg{Type: tea.KeyTab}
	case "shift+tab":
		return tea.KeyMsg{Type: tea.KeyShiftTab}
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	case "space":
		return tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
	case "down":
		return tea.KeyMsg{Type: tea.KeyDown}
	case "up":
		return tea.KeyMsg{Type: tea.KeyUp}
	case "pgdown":
		return tea.KeyMsg{Type: tea.KeyPgDown}
	case "ctrl+s":
		return tea.KeyMsg{Type: tea.KeyCtrlS}
	case "ctrl+c":
		return tea.KeyMsg{Type: tea.KeyCtrlC}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)}
}

// press sends keys one by one, running any command that comes back (and the
// messages those produce) the way the program would, and returns the view.
func press(m *Model, keys ...string) string {
	for _, k := range keys {
		send(m, keyMsg(k))
	}
	return m.View()
}

// send delivers msg and then runs the commands it returns to completion,
// except tea.Quit.
func send(m *Model, msg tea.Msg) {
	_, cmd := m.Update(msg)
	runCmd(m, cmd)
}

func runCmd(m *Model, cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	msg := cmd()
	switch msg := msg.(type) {
	case nil:
	case tea.QuitMsg:
	case tea.BatchMsg:
		for _, c := range msg {
			runCmd(m, c)
		}
	default:
		if _, isBlink := msg.(interface{ blink() }); isBlink {
			return
		}
		_, next := m.Update(msg)
		runCmd(m, next)
	}
}
