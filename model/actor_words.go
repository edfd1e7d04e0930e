package model

// Per-word lookups of the name scanner. A capitalised word is looked up in
// the gazetteer's word lists once per distinct spelling (actFold caches it
// with its fold); the scanner asks about the same words again and again
// while it reads titles and names.

// actWordFlags says which of the gazetteer's word lists hold a word.
type actWordFlags uint16

const (
	actWGrammar actWordFlags = 1 << iota
	actWHonorific
	actWHead
	actWModifier
	actWNonname
	actWOrgHead
	actWPlaceHead
	actWHeadsFirst // starts a role phrase ("chief of staff")
	actWHeadsLast  // ends a role phrase
)

// actWordInfo is a word's fold and its lookups.
type actWordInfo struct {
	fold    string
	phrases []gazPhrase // g.phrases[fold]
	flags   actWordFlags
	allCaps bool // actAllCaps of the word as written
}

func (g *gazetteerData) wordInfo(fold string) *actWordInfo {
	return &actWordInfo{fold: fold, phrases: g.phrases[fold], flags: g.wordFlags[fold]}
}

// indexWordFlags fills g.wordFlags from the word lists.
func (g *gazetteerData) indexWordFlags() {
	g.wordFlags = map[string]actWordFlags{}
	for _, l := range []struct {
		f    actWordFlags
		list map[string]bool
	}{
		{actWGrammar, g.grammar}, {actWHonorific, g.honorifics}, {actWHead, g.heads},
		{actWModifier, g.modifiers}, {actWNonname, g.nonnames}, {actWOrgHead, g.orgHeads},
		{actWPlaceHead, g.placeHeads},
	} {
		for w, in := range l.list {
			if in {
				g.wordFlags[w] |= l.f
			}
		}
	}
	for w, list := range g.headsByFirst {
		if len(list) > 0 {
			g.wordFlags[w] |= actWHeadsFirst
		}
	}
	for w, list := range g.headsByLast {
		if len(list) > 0 {
			g.wordFlags[w] |= actWHeadsLast
		}
	}
}

// wordIs: fold is in any of the lists f names.
func (g *gazetteerData) wordIs(fold string, f actWordFlags) bool {
	return g.wordFlags[fold]&f != 0
}

// tokFlags: the lists that hold t's word, from its cached lookups when it
// has them.
func (g *gazetteerData) tokFlags(t *actTok) actWordFlags {
	if t.info != nil {
		return t.info.flags
	}
	return g.wordFlags[t.fold]
}

// tokIs: t's word is in any of the lists f names.
func (g *gazetteerData) tokIs(t *actTok, f actWordFlags) bool {
	return g.tokFlags(t)&f != 0
}

// nameIs is tokIs for a word of a candidate name.
func (g *gazetteerData) nameIs(t *actNameTok, f actWordFlags) bool {
	if t.info != nil {
		return t.info.flags&f != 0
	}
	return g.wordIs(t.fold, f)
}

// namePhrases: the gazetteer forms starting with a word of a candidate
// name.
func (g *gazetteerData) namePhrases(t *actNameTok) []gazPhrase {
	if t.info != nil {
		return t.info.phrases
	}
	return g.phrases[t.fold]
}
