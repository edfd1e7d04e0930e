package model

import (
	"bufio"
	"sort"
	"strings"
)

// phraseTable finds multi-word lexicon entries ("at least", "according to")
// in a token stream: entries are grouped by first word and tried longest
// first, so a look-up costs one map access per token.
type lexPhrases struct {
	byFirst map[string][]lexPhrase
}

type lexPhrase struct {
	words []string
	val   string
}

func newLexPhrases() *lexPhrases { return &lexPhrases{byFirst: map[string][]lexPhrase{}} }

// add registers a phrase (words separated by spaces, already lower case).
func (pt *lexPhrases) add(p, val string) {
	words := strings.Fields(strings.ToLower(p))
	if len(words) == 0 {
		return
	}
	l := append(pt.byFirst[words[0]], lexPhrase{words, val})
	sort.SliceStable(l, func(i, j int) bool { return len(l[i].words) > len(l[j].words) })
	pt.byFirst[words[0]] = l
}

// match returns the value and token count of the longest phrase starting at
// toks[i], or ("", 0).
func (pt *lexPhrases) match(toks []ctoken, i int) (string, int) {
	if i >= len(toks) {
		return "", 0
	}
	cands := pt.byFirst[toks[i].Lower]
	for _, p := range cands {
		if i+len(p.words) > len(toks) {
			continue
		}
		ok := true
		for k := 1; k < len(p.words); k++ {
			if toks[i+k].Lower != p.words[k] {
				ok = false
				break
			}
		}
		if ok {
			return p.val, len(p.words)
		}
	}
	return "", 0
}

// readTSV calls fn with the tab-separated fields of every line of a data
// file that is not blank or a "#" comment.
func lexReadTSV(data string, fn func(fields []string)) {
	sc := bufio.NewScanner(strings.NewReader(data))
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		for i := range f {
			f[i] = strings.TrimSpace(f[i])
		}
		fn(f)
	}
}
