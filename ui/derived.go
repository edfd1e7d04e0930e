package ui

import (
	"sort"
	"strings"

	"github.com/briefing/briefing/model"
)

// derived holds lookups computed once per index so that drawing never walks
// every conflict or agreement.
type derived struct {
	ix *model.Index
	// sentSeverity is attrHard or attrSoft for a sentence in a conflict that
	// is not dismissed (hard wins).
	sentSeverity []uint8
	// sentAgree is the largest Independent count of an agreement that holds
	// the sentence, capped at 255.
	sentAgree []uint8
	// values are the compared values of conflicts, by sentence, as byte
	// ranges of Article.Text.
	values map[int][]model.Span
	// actorTotal is the number of mentions of each actor over all sources.
	actorTotal []int
	topicTotal []int
}

func newDerived(ix *model.Index) *derived {
	d := &derived{
		ix:           ix,
		sentSeverity: make([]uint8, len(ix.Sentences)),
		sentAgree:    make([]uint8, len(ix.Sentences)),
		values:       map[int][]model.Span{},
		actorTotal:   make([]int, len(ix.Actors)),
		topicTotal:   make([]int, len(ix.Topics)),
	}
	for _, c := range ix.Conflicts {
		for _, ref := range c.Claims {
			if !d.validSentence(ref.Sentence) {
				continue
			}
			if sp, ok := d.articleRange(ref.Sentence, ref.ValueStart, ref.ValueEnd); ok && sp.End > sp.Start {
				d.values[ref.Sentence] = append(d.values[ref.Sentence], sp)
			}
		}
	}
	for _, g := range ix.Agreements {
		n := g.Independent
		if n > 255 {
			n = 255
		}
		for _, ref := range g.Claims {
			if d.validSentence(ref.Sentence) && uint8(n) > d.sentAgree[ref.Sentence] {
				d.sentAgree[ref.Sentence] = uint8(n)
			}
		}
	}
	for i, a := range ix.Actors {
		for _, n := range a.Mentions {
			d.actorTotal[i] += n
		}
	}
	for i, t := range ix.Topics {
		for _, n := range t.Mentions {
			d.topicTotal[i] += n
		}
	}
	d.updateSeverity(nil)
	return d
}

func (d *derived) validSentence(i int) bool { return i >= 0 && i < len(d.ix.Sentences) }

// updateSeverity recomputes sentence severities; status gives a conflict's
// triage status so that dismissed conflicts stop shouting.
func (d *derived) updateSeverity(status func(key string) string) {
	for i := range d.sentSeverity {
		d.sentSeverity[i] = 0
	}
	for _, c := range d.ix.Conflicts {
		if status != nil && status(c.Key) == statusDismissed {
			continue
		}
		a := attrSoft
		if c.Severity == model.SeverityHard {
			a = attrHard
		}
		for _, ref := range c.Claims {
			if !d.validSentence(ref.Sentence) {
				continue
			}
			if a == attrHard || d.sentSeverity[ref.Sentence] == 0 {
				d.sentSeverity[ref.Sentence] = a
			}
		}
	}
}

// articleRange turns a byte range of Sentence.Text into one of the
// article's Text. Sentence.Text is normally the article text between Start
// and End; when a stage normalised it, the range is found by content.
func (d *derived) articleRange(sent, start, end int) (model.Span, bool) {
	s := d.ix.Sentences[sent]
	if s.Article < 0 || s.Article >= len(d.ix.Articles) {
		return model.Span{}, false
	}
	text := d.ix.Articles[s.Article].Text
	if start < 0 || end < start || end > len(s.Text) || s.Start < 0 || s.End > len(text) || s.Start > s.End {
		return model.Span{}, false
	}
	if s.Start+end <= s.End && text[s.Start+start:s.Start+end] == s.Text[start:end] {
		return model.Span{Start: s.Start + start, End: s.Start + end}, true
	}
	want := s.Text[start:end]
	if want == "" {
		return model.Span{}, false
	}
	if i := strings.Index(text[s.Start:s.End], want); i >= 0 {
		return model.Span{Start: s.Start + i, End: s.Start + i + len(want)}, true
	}
	return model.Span{}, false
}

// sentenceRange is the sentence's byte range of its article's Text,
// clamped to the text.
func (d *derived) sentenceRange(sent int) (model.Span, bool) {
	if !d.validSentence(sent) {
		return model.Span{}, false
	}
	s := d.ix.Sentences[sent]
	if s.Article < 0 || s.Article >= len(d.ix.Articles) {
		return model.Span{}, false
	}
	n := len(d.ix.Articles[s.Article].Text)
	st, en := max(0, s.Start), min(n, s.End)
	if st >= en {
		return model.Span{}, false
	}
	return model.Span{Start: st, End: en}, true
}

// storyActors are the actors most mentioned over all sources, most first.
func (d *derived) storyActors(n int) []int {
	idx := make([]int, len(d.actorTotal))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return d.actorTotal[idx[a]] > d.actorTotal[idx[b]] })
	if len(idx) > n {
		idx = idx[:n]
	}
	return idx
}

// articlesOf lists the articles an item's claims come from, in claim order,
// without repeats.
func (d *derived) articlesOf(refs []model.ClaimRef) []int {
	var out []int
	for _, r := range refs {
		if !d.validSentence(r.Sentence) {
			continue
		}
		a := d.ix.Sentences[r.Sentence].Article
		dup := false
		for _, x := range out {
			dup = dup || x == a
		}
		if !dup {
			out = append(out, a)
		}
	}
	return out
}
