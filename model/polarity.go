package model

import _ "embed"

//go:embed data/stance.tsv
var polStanceTSV string

//go:embed data/modality.tsv
var polModalityTSV string

//go:embed data/negation.txt
var polNegationTxt string

//go:embed data/speech_verbs.txt
var polSpeechVerbsTxt string

// polNegPhrases negate the predicate after them without "not".
var polNegPhrases = func() *lexPhrases {
	pt := newLexPhrases()
	for _, p := range []string{"failed to", "fail to", "fails to", "failing to", "unable to",
		"denied", "denies", "deny", "denying", "refrained from", "declined to", "declines to"} {
		pt.add(p, "-")
	}
	return pt
}()

var (
	polStances     = newLexPhrases()
	polModalities  = newLexPhrases()
	polNegators    = lexWordSet(polNegationTxt)
	polSpeechVerbs = lexWordSet(polSpeechVerbsTxt)
)

func init() {
	lexReadTSV(polStanceTSV, func(f []string) {
		if len(f) >= 2 {
			polStances.add(f[0], f[1])
		}
	})
	lexReadTSV(polModalityTSV, func(f []string) {
		if len(f) >= 2 {
			polModalities.add(f[0], f[1])
		}
	})
}

// isNegator tells a word that negates what it governs ("not", "didn't").
func polIsNegator(t ctoken) bool {
	// The flag has the "n't" forms too (ctLookupFlags).
	return t.is(ctfNegator)
}

// negatedAt tells whether the predicate at toks[i] is negated: a negator
// within the three words before it, inside the same clause ("did not
// meet", "has never met", "no agreement").
func polNegatedAt(toks []ctoken, i int) bool {
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		t := toks[k]
		if t.Kind == ctPunct {
			return false
		}
		if polIsNegator(t) {
			return true
		}
	}
	return false
}

// sentenceNegated: a negator or a negative stance verb anywhere outside
// quotation marks.
func polSentenceNegated(toks []ctoken) bool {
	quoted := false
	for i := range toks {
		t := &toks[i]
		if polIsQuote(t.Text) {
			quoted = !quoted
			continue
		}
		if quoted {
			continue
		}
		if t.is(ctfNegator) {
			return true
		}
		if !t.is(ctfStanceCue | ctfNegPhrase) {
			continue
		}
		if v, n := polStances.match(toks, i); n > 0 && v == "-" {
			return true
		}
		if _, n := polNegPhrases.match(toks, i); n > 0 {
			return true
		}
	}
	return false
}

func polIsQuote(s string) bool {
	return s == "\"" || s == "“" || s == "”"
}

// sentenceModality finds the first modality cue outside quotation marks:
// "expected", "possible" or "planned"; "" for a plain assertion. It returns
// the token index of the cue too.
func polModality(toks []ctoken) (string, int) {
	quoted := false
	for i := range toks {
		t := &toks[i]
		if polIsQuote(t.Text) {
			quoted = !quoted
			continue
		}
		if quoted || t.Kind != ctWord || !t.is(ctfModalCue) {
			continue
		}
		// "May" opening a sentence is the month only before a number.
		if t.Text == "May" && (i > 0 || (i+1 < len(toks) && toks[i+1].Kind == ctNumber)) {
			continue
		}
		if v, n := polModalities.match(toks, i); n > 0 {
			return v, i
		}
	}
	return "", -1
}

// Subjects that attribute without naming anyone.
var polAnonymousSources = map[string]bool{
	"sources": true, "source": true, "officials": true, "official": true, "analysts": true,
	"experts": true, "witnesses": true, "diplomats": true, "diplomat": true, "reports": true,
	"media": true, "observers": true, "critics": true, "residents": true, "police": true,
	"authorities": true, "spokesman": true, "spokeswoman": true, "spokesperson": true,
}

// attribution names who a sentence says a claim comes from: "according to
// X", "X said", "said X", "sources say". It returns "" when the sentence
// asserts in the article's own voice.
func polAttribution(s string, toks []ctoken) string {
	for i := range toks {
		if toks[i].is(ctfAccording) && i+1 < len(toks) && toks[i+1].Lower == "to" {
			return polPhraseAfter(s, toks, i+2, 8)
		}
	}
	for i := range toks {
		t := &toks[i]
		if t.Kind != ctWord || !t.is(ctfSpeech) || t.Lower == "according" {
			continue
		}
		// "X said": the subject right before the verb.
		if subj := polSubjectBefore(s, toks, i); subj != "" {
			return subj
		}
		// "..., said Tetiana Harkavenko": a name after the verb.
		if i+1 < len(toks) && (toks[i+1].Cap || qStartsWithDigit(toks[i+1].Lower)) && i > 0 && (toks[i-1].Kind == ctPunct) {
			return polPhraseAfter(s, toks, i+1, 6)
		}
	}
	return ""
}

// subjectBefore returns the name or source noun phrase that ends right
// before toks[i] ("a senior European diplomat", "Trump", "sources").
func polSubjectBefore(s string, toks []ctoken, i int) string {
	k := i - 1
	// Skip an adverb or auxiliary: "Trump also said", "officials have said".
	for k >= 0 && k >= i-3 && toks[k].Kind == ctWord && !toks[k].Cap && (toks[k].is(ctfLy) || polAuxiliaries[toks[k].Lower]) {
		k--
	}
	if k < 0 || toks[k].Kind != ctWord {
		return ""
	}
	if !toks[k].Cap && !polAnonymousSources[toks[k].Lower] && toks[k].Lower != "he" && toks[k].Lower != "she" && toks[k].Lower != "they" {
		return ""
	}
	end := k
	start := k
	for start > 0 && start > k-5 {
		p := toks[start-1]
		if p.Kind != ctWord || p.is(ctfFunction) && p.Lower != "of" {
			break
		}
		start--
	}
	return s[toks[start].Start:toks[end].End]
}

var polAuxiliaries = map[string]bool{
	"has": true, "have": true, "had": true, "was": true, "were": true, "is": true, "are": true,
	"also": true, "then": true, "later": true, "had been": true, "would": true, "will": true,
	"repeatedly": true, "previously": true,
}

// phraseAfter returns up to max words from toks[i] up to punctuation.
func polPhraseAfter(s string, toks []ctoken, i, max int) string {
	if i >= len(toks) {
		return ""
	}
	j := i
	for j < len(toks) && j < i+max && toks[j].Kind != ctPunct {
		j++
	}
	if j == i {
		return ""
	}
	return s[toks[i].Start:toks[j-1].End]
}

// stance is one stance cue with what it is for or against: "refused to
// meet Zelenskyy" is negative toward "meet".
type polStance struct {
	cue      int // token index of the cue
	polarity int // +1 for, -1 against
	target   []string
	start    int // byte range of cue and target in the sentence
	end      int
}

// parseStances finds the stance cues of a sentence and their targets (the
// first content words after the cue). A negator before a cue flips it:
// "not willing to" is against.
func polParseStances(s string, toks []ctoken, lem *lexLemmatizer) []polStance {
	var out []polStance
	for i := 0; i < len(toks); i++ {
		if !toks[i].is(ctfStanceCue) {
			continue
		}
		v, n := polStances.match(toks, i)
		if n == 0 {
			continue
		}
		pol := 1
		if v == "-" {
			pol = -1
		}
		if polNegatedAt(toks, i) {
			pol = -pol
		}
		st := polStance{cue: i, polarity: pol, start: toks[i].Start}
		end := toks[i+n-1].End
		for k := i + n; k < len(toks) && k < i+n+5 && len(st.target) < 2; k++ {
			t := toks[k]
			if t.Kind != ctWord || t.Lower == "and" || t.Lower == "but" {
				break
			}
			if t.is(ctfFunction) || t.Cap {
				if len(st.target) > 0 {
					break
				}
				continue
			}
			st.target = append(st.target, lem.stem(t.Lower))
			end = t.End
		}
		if len(st.target) > 0 {
			st.end = end
			out = append(out, st)
		}
		i += n - 1
	}
	return out
}
