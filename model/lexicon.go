package model

import (
	_ "embed"
	"strings"

	"github.com/kljensen/snowball/english"
)

//go:embed data/function_words.txt
var lexFunctionWordsTxt string

// functionWords are English grammar words: never a counted noun, a content
// word to align claims on, or a name.
var lexFunctionWords = lexWordSet(lexFunctionWordsTxt)

// wordSet reads a whitespace-separated word list with "#" comment lines.
func lexWordSet(data string) map[string]bool {
	m := map[string]bool{}
	for _, line := range strings.Split(data, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		for _, w := range strings.Fields(line) {
			m[strings.ToLower(w)] = true
		}
	}
	return m
}

//go:embed data/synonyms.tsv
var lexSynonymsTSV string

// synonymClass maps a news word to the class of words that name the same
// thing ("talks", "summit", "discussions" are all a meeting).
var lexSynonymClass = func() map[string]string {
	m := map[string]string{}
	lexReadTSV(lexSynonymsTSV, func(f []string) {
		if len(f) < 2 {
			return
		}
		for _, w := range strings.Fields(f[1]) {
			m[w] = f[0]
		}
	})
	return m
}()

// lexSynonymStem maps the stems of the synonym words to their class, so
// inflections the list leaves out ("negotiating", "truces") join it.
var lexSynonymStem = func() map[string]string {
	m := map[string]string{}
	for w, c := range lexSynonymClass {
		m[english.Stem(w, false)] = c
	}
	return m
}()

// lexLemmatizer folds content words to a comparable form: the synonym class
// when the word has one, its Snowball stem otherwise. One lemmatizer serves
// one worker of one Build, so its cache needs no lock and dies with the
// build.
type lexLemmatizer struct {
	cache map[string]string
	stems map[string]string
	// shared, when set, holds the stems an earlier stage found.
	shared *stemCache
}

// stemCache holds the Snowball stems an earlier stage of the build found
// (Index.stems): a corpus repeats its words and stemming is slow. Each map
// is a word -> stem cache of one topics worker, read-only once the topics
// stage is done, so workers of later stages read them without locks.
type stemCache struct{ maps []map[string]string }

func (c *stemCache) stem(w string) string {
	// The topics stage keeps words of three letters or fewer unstemmed.
	if c != nil && len(w) > 3 {
		for _, m := range c.maps {
			if v, ok := m[w]; ok {
				return v
			}
		}
	}
	return english.Stem(w, false)
}

func newLexLemmatizer() *lexLemmatizer {
	return &lexLemmatizer{cache: make(map[string]string, 1024), stems: make(map[string]string, 64)}
}

func (l *lexLemmatizer) lemma(w string) string {
	if v, ok := l.cache[w]; ok {
		return v
	}
	v := l.lemmaOf(w)
	l.cache[w] = v
	return v
}

// lemmaOf is lemma without the cache, for callers that keep their own.
func (l *lexLemmatizer) lemmaOf(w string) string {
	if c, ok := lexSynonymClass[w]; ok {
		return c
	}
	v := l.shared.stem(w)
	if c, ok := lexSynonymStem[v]; ok {
		v = c
	}
	return v
}

// stem is the Snowball stem without synonym classes: stances compare the
// action itself ("meet" in "refused to meet" and "a three-way meeting"),
// where a class would equate "discuss" with "meet".
func (l *lexLemmatizer) stem(w string) string {
	if v, ok := l.stems[w]; ok {
		return v
	}
	v := l.shared.stem(w)
	l.stems[w] = v
	return v
}
