package model

import (
	_ "embed"
	"strings"
	"sync"

	"github.com/kljensen/snowball/english"
)

//go:embed data/news_topics.tsv
var topicLexiconTSV string

//go:embed data/topic_stopwords.txt
var topicStopwordsTxt string

// topicPhrase is a keyword as a sequence of stems (discovered phrases) or
// of folded words (vocabulary keywords).
type topicPhrase struct {
	stems []string
	// forms are, per word, the forms it matches (topicWordForms), worked
	// out once: matching used to build them for every try.
	forms [][]string
	topic int // index into the topic list it names
}

// wordMatches: a text word matches the phrase's k-th word.
func (p *topicPhrase) wordMatches(k int, fold string) bool {
	for _, f := range p.forms[k] {
		if f == fold {
			return true
		}
	}
	return false
}

// topicLexicon is the general news vocabulary: readable topic names with
// their keywords. Keywords match word for word, a plural or singular
// allowed ("attacks" finds "attack"); stems would be too loose here
// ("imports" and "importance" share one).
type topicLexicon struct {
	names   []string
	byFirst map[string][]topicPhrase // by every accepted form of the first word, longest first
	single  map[string]int           // stems of one-word keywords -> topic, to place discovered phrases
	stop    map[string]bool          // folded words that never make a key phrase
}

var (
	topicLexOnce sync.Once
	topicLex     *topicLexicon
)

func loadTopicLexicon() *topicLexicon {
	topicLexOnce.Do(func() {
		lx := &topicLexicon{byFirst: map[string][]topicPhrase{}, single: map[string]int{}, stop: map[string]bool{}}
		g := loadGazetteer()
		for w := range g.grammar {
			lx.stop[w] = true
		}
		for _, l := range dataLines(topicStopwordsTxt) {
			for _, w := range strings.Fields(l) {
				lx.stop[gazFold(w)] = true
			}
		}
		for _, l := range dataLines(topicLexiconTSV) {
			name, kws, _ := strings.Cut(l, "\t")
			ti := len(lx.names)
			lx.names = append(lx.names, strings.TrimSpace(name))
			for _, kw := range strings.Split(kws, ",") {
				var words []string
				for _, t := range actTokenize(strings.TrimSpace(kw), nil, nil) {
					words = append(words, t.fold)
				}
				if len(words) == 0 {
					continue
				}
				lx.add(topicPhrase{stems: words, topic: ti})
			}
		}
		topicLex = lx
	})
	return topicLex
}

// add indexes a keyword under every accepted form of its first word; the
// first topic to list a keyword keeps it.
func (lx *topicLexicon) add(p topicPhrase) {
	for _, w := range p.stems {
		p.forms = append(p.forms, topicWordForms(w))
	}
	for _, form := range p.forms[0] {
		list := lx.byFirst[form]
		dup := false
		for _, q := range list {
			if strings.Join(q.stems, " ") == strings.Join(p.stems, " ") {
				dup = true
				break
			}
		}
		if dup {
			continue
		}
		list = append(list, p)
		for j := len(list) - 1; j > 0 && len(list[j].stems) > len(list[j-1].stems); j-- {
			list[j], list[j-1] = list[j-1], list[j]
		}
		lx.byFirst[form] = list
	}
	if len(p.stems) == 1 {
		st := topicStem(p.stems[0])
		if _, ok := lx.single[st]; !ok {
			lx.single[st] = p.topic
		}
	}
}

// topicWordForms are the forms a keyword word matches: itself and its
// plural or singular.
func topicWordForms(w string) []string {
	forms := []string{w}
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		forms = append(forms, w[:len(w)-3]+"y")
	case strings.HasSuffix(w, "ses") || strings.HasSuffix(w, "xes") || strings.HasSuffix(w, "ches") || strings.HasSuffix(w, "shes"):
		forms = append(forms, w[:len(w)-2])
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && len(w) > 3:
		forms = append(forms, w[:len(w)-1])
	case strings.HasSuffix(w, "y") && len(w) > 3 && !strings.ContainsRune("aeiou", rune(w[len(w)-2])):
		forms = append(forms, w[:len(w)-1]+"ies")
	case strings.HasSuffix(w, "s") || strings.HasSuffix(w, "x") || strings.HasSuffix(w, "ch") || strings.HasSuffix(w, "sh"):
		forms = append(forms, w+"es")
	default:
		forms = append(forms, w+"s")
	}
	return forms
}

// topicStem is the snowball stem of a folded word; hyphenated words are
// stemmed as a whole ("cease-fire") so they never match their parts.
func topicStem(f string) string {
	if len(f) <= 3 {
		return f
	}
	return english.Stem(f, false)
}
