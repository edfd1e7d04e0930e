package ui

import (
	"sort"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"github.com/briefing/briefing/model"
)

// wrapLine is one display line: a byte range of Article.Text, or a blank
// line between paragraphs when Start < 0.
type wrapLine struct{ Start, End int32 }

// wrapping is an article word-wrapped to one width. It is computed once per
// width and kept, so scrolling and re-highlighting never re-wrap.
type wrapping struct {
	width int
	lines []wrapLine
	// sentLine maps a sentence (index into Index.Sentences minus the
	// article's FirstSentence) to the display line holding its start.
	sentLine []int
}

// wrapArticle wraps a's paragraphs to width display cells, greedily at
// spaces, breaking words longer than a line.
func wrapArticle(ix *model.Index, a *model.Article, width int) *wrapping {
	width = max(width, 4)
	w := &wrapping{width: width}
	paras := a.Paragraphs
	if len(paras) == 0 && a.Text != "" {
		paras = splitParagraphs(a.Text)
	}
	text := a.Text
	for pi, p := range paras {
		st, en := max(0, p.Start), min(len(text), p.End)
		if st >= en {
			continue
		}
		if pi > 0 && len(w.lines) > 0 {
			w.lines = append(w.lines, wrapLine{-1, -1})
		}
		w.wrapParagraph(text, st, en)
	}
	n := max(0, a.LastSentence-a.FirstSentence)
	w.sentLine = make([]int, n)
	for i := 0; i < n; i++ {
		si := a.FirstSentence + i
		if si < 0 || si >= len(ix.Sentences) {
			continue
		}
		w.sentLine[i] = w.lineOf(ix.Sentences[si].Start)
	}
	return w
}

func splitParagraphs(text string) []model.Span {
	var out []model.Span
	start := 0
	for i := 0; i <= len(text); i++ {
		if i == len(text) || text[i] == '\n' {
			if i > start {
				out = append(out, model.Span{Start: start, End: i})
			}
			start = i + 1
		}
	}
	return out
}

func (w *wrapping) wrapParagraph(text string, st, en int) {
	lineStart, lineEnd, lineW := -1, -1, 0
	flush := func() {
		if lineStart >= 0 {
			w.lines = append(w.lines, wrapLine{int32(lineStart), int32(lineEnd)})
		}
		lineStart, lineEnd, lineW = -1, -1, 0
	}
	i := st
	for i < en {
		// skip spaces between words; they are re-created by the byte range
		for i < en && isBreakSpace(text[i]) {
			i++
		}
		if i >= en {
			break
		}
		ws := i
		for i < en && !isBreakSpace(text[i]) {
			i++
		}
		we := i
		ww := ansi.StringWidth(text[ws:we])
		switch {
		case lineStart >= 0 && lineW+(ws-lineEnd)+ww <= w.width:
			// the gap keeps its own spaces, one cell per byte (tabs are
			// drawn as one space)
			lineW += (ws - lineEnd) + ww
			lineEnd = we
			continue
		case lineStart >= 0:
			flush()
		}
		if ww <= w.width {
			lineStart, lineEnd, lineW = ws, we, ww
			continue
		}
		// a word wider than the line: cut it at rune boundaries
		for ws < we {
			cut, cw := ws, 0
			for cut < we {
				r, size := utf8.DecodeRuneInString(text[cut:we])
				rw := ansi.StringWidth(string(r))
				if cw+rw > w.width && cut > ws {
					break
				}
				cw += rw
				cut += size
			}
			lineStart, lineEnd, lineW = ws, cut, cw
			if cut < we {
				flush()
			}
			ws = cut
		}
	}
	flush()
}

func isBreakSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }

// lineOf is the display line holding byte offset off (the nearest line
// before it when off falls in a gap).
func (w *wrapping) lineOf(off int) int {
	if len(w.lines) == 0 {
		return 0
	}
	// lines are in text order; blank lines carry Start -1 and are skipped by
	// searching for the last text line that starts at or before off.
	i := sort.Search(len(w.lines), func(i int) bool {
		j := i
		for j < len(w.lines) && w.lines[j].Start < 0 {
			j++
		}
		if j == len(w.lines) {
			return true
		}
		return int(w.lines[j].Start) > off
	})
	i--
	for i > 0 && w.lines[i].Start < 0 {
		i--
	}
	return max(0, i)
}

// sentenceLine is the display line of sentence si (an Index.Sentences
// index of this article).
func (w *wrapping) sentenceLine(a *model.Article, si int) int {
	i := si - a.FirstSentence
	if i < 0 || i >= len(w.sentLine) {
		return 0
	}
	return w.sentLine[i]
}
