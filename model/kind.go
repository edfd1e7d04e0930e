package model

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Signals of when an article was written relative to its event. English
// grammar, not any story's vocabulary: future and scheduling phrases mark a
// preview, completed-event verbs a report, opinion labels an analysis. Each
// signal is a sequence of lower-case words.
var (
	futureSignals = wordSeqs(
		"will", "shall", "upcoming", "forthcoming", "tomorrow", "ahead of", "next week",
		"scheduled to", "slated to", "due to meet", "plans to", "plan to",
		"is expected to", "are expected to", "is set to", "are set to",
		"later this week", "later this month", "later this year")
	pastSignals = wordSeqs(
		"met", "held", "ended", "concluded", "lasted", "took place", "wrapped up",
		"arrived", "landed", "greeted", "signed", "agreed", "failed to", "voted", "won",
		"lost", "killed", "died", "announced", "unveiled", "was attended", "were attended",
		"stalled", "collapsed", "broke down")
	opinionSignals = wordSeqs("in my view", "i believe", "we believe")
	opinionLabels  = map[string]bool{"analysis": true, "opinion": true, "commentary": true,
		"editorial": true, "explainer": true, "column": true}
	// "has met", "had already met": the perfect aspect of an earlier step,
	// not the event itself.
	perfectAux = map[string]bool{"has": true, "have": true, "had": true}
)

// wordSeqs indexes phrases by their first word.
func wordSeqs(phrases ...string) map[string][][]string {
	m := map[string][][]string{}
	for _, p := range phrases {
		ws := strings.Fields(p)
		m[ws[0]] = append(m[ws[0]], ws)
	}
	return m
}

// lowerWords splits s into lower-case words of letters (apostrophes kept).
// It reuses buf to keep the per-paragraph cost to one pass.
func lowerWords(s string, buf []string) []string {
	buf = buf[:0]
	start := -1
	for i, r := range s {
		isWord := unicode.IsLetter(r) || r == '\'' || r == '’'
		if isWord && start < 0 {
			start = i
		} else if !isWord && start >= 0 {
			buf = append(buf, strings.ToLower(s[start:i]))
			start = -1
		}
	}
	if start >= 0 {
		buf = append(buf, strings.ToLower(s[start:]))
	}
	return buf
}

// countSignals counts phrase occurrences in words; with skipPerfect a match
// right after has/have/had (an optional -ly adverb between) is not counted.
func countSignals(words []string, signals map[string][][]string, skipPerfect bool) int {
	n := 0
	for i, w := range words {
		for _, seq := range signals[w] {
			if i+len(seq) > len(words) || !matchAt(words, i, seq) {
				continue
			}
			if skipPerfect && afterPerfect(words, i) {
				continue
			}
			n++
			break
		}
	}
	return n
}

func matchAt(words []string, i int, seq []string) bool {
	for j, s := range seq {
		if words[i+j] != s {
			return false
		}
	}
	return true
}

func afterPerfect(words []string, i int) bool {
	if i >= 1 && perfectAux[words[i-1]] {
		return true
	}
	return i >= 2 && strings.HasSuffix(words[i-1], "ly") && perfectAux[words[i-2]]
}

// articleKind decides preview, report or analysis from the title and lead
// (weighted double) and the rest of the text.
func articleKind(a *Article) string {
	var buf []string
	title := lowerWords(a.Title, buf)
	if len(title) > 0 && opinionLabels[title[0]] {
		return KindAnalysis
	}
	future, past := 0, 0
	for i, p := range a.Paragraphs {
		buf = lowerWords(a.Text[p.Start:p.End], buf)
		w := 1
		if i < 3 {
			w = 2
		}
		future += w * countSignals(buf, futureSignals, false)
		past += w * countSignals(buf, pastSignals, true)
		if countSignals(buf, opinionSignals, false) > 0 {
			future--
			past--
		}
	}
	switch {
	case future <= 0 && past <= 0:
		return KindAnalysis
	case future > past:
		return KindPreview
	default:
		return KindReport
	}
}

// ensureTitle keeps a title to one line of single spaces, and a sane length:
// a page whose first line is a whole article gets a title cut at a word.
func ensureTitle(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	const maxTitle = 300
	if len(s) <= maxTitle {
		return s
	}
	cut := strings.LastIndexByte(s[:maxTitle], ' ')
	if cut < maxTitle/2 {
		cut = maxTitle
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
	}
	return s[:cut] + "…"
}
