package model

import (
	"regexp"
	"strings"
)

// Signals of when an article was written relative to its event. English
// grammar, not any story's vocabulary: future and scheduling phrases mark a
// preview, completed-event verbs a report, opinion labels an analysis.
var (
	reFuture = regexp.MustCompile(`(?i)\b(will|shall|is (?:expected|set|scheduled|due|slated) to|are (?:expected|set|scheduled|due|slated) to|scheduled to|plans? to|upcoming|forthcoming|ahead of|next week|tomorrow|later this (?:week|month|year))\b`)
	rePast   = regexp.MustCompile(`(?i)\b(met|held|ended|concluded|lasted|took place|wrapped up|arrived|landed|greeted|signed|agreed|failed to|voted|won|lost|killed|died|announced|unveiled|was attended|were attended|stalled|collapsed|broke down)\b`)
	// "has met", "had already met": perfect aspect of an earlier step, not
	// the event itself.
	rePerfect = regexp.MustCompile(`(?i)\b(has|have|had)(\s+\w+ly)?\s+$`)
	reOpinion = regexp.MustCompile(`(?i)^(analysis|opinion|commentary|editorial|explainer|column)\b|\b(in my view|i believe|we believe)\b`)
)

// articleKind decides preview, report or analysis from the title and lead
// (weighted double) and the rest of the text.
func articleKind(a *Article) string {
	if reOpinion.MatchString(a.Title) {
		return KindAnalysis
	}
	future, past := 0, 0
	for i, p := range a.Paragraphs {
		text := a.Text[p.Start:p.End]
		w := 1
		if i < 3 {
			w = 2
		}
		future += w * len(reFuture.FindAllStringIndex(text, -1))
		for _, m := range rePast.FindAllStringIndex(text, -1) {
			if !rePerfect.MatchString(text[:m[0]]) {
				past += w
			}
		}
		if reOpinion.MatchString(text) {
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

// ensureTitle keeps a title free of page noise and runs of white space.
func ensureTitle(s string) string { return strings.Join(strings.Fields(s), " ") }
