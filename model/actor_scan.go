package model

import "strings"

// actCand is one name found in a sentence before the corpus-level pass
// decides what it refers to: a gazetteer hit (gaz >= 0) or a candidate name.
type actCand struct {
	sent    int32
	toks    []actNameTok // the name's words
	gaz     int32        // gazetteer entry, -1 for a candidate name
	form    gazForm
	surface string // the name as written (possessive dropped)
	role    string // the title before the name or, failing that, after it
	roles   []string
	weak    bool // capitals say nothing here: a title-case line
	initial bool // first word at a sentence or quotation start
	quoted  bool // the whole name stands inside quotation marks
	loc     int8 // context votes: "in X", "X region"
	per     int8 // "X said", a title
}

// actNameTok is one word of a candidate name.
type actNameTok struct {
	start, end int32
	fold       string
	info       *actWordInfo // the word's cached lookups (actTok.info), or nil
	hyphen     bool
	allCaps    bool
}

// actScanner finds names sentence by sentence. Its buffers are reused.
type actScanner struct {
	g        *gazetteerData
	toks     []actTok
	consumed []bool
	cands    []actCand
	// lower marks the words of the names found (true) that the corpus
	// also writes in lower case: a capitalised word at a sentence start
	// that also occurs in lower case is a common word. Only names' words
	// are ever asked about (set by scanActors once all is read).
	lower map[string]bool
	// folds caches the folds and lookups of capitalised and non-ASCII words.
	folds map[string]*actWordInfo
	// keptHint and foldsHint size the next chunk's kept words (scanActors).
	keptHint, foldsHint int
	// nameToks hands out the candidates' words in blocks.
	nameToks []actNameTok
}

// newNameToks is an empty slice with room for n words of a candidate.
func (sc *actScanner) newNameToks(n int) []actNameTok {
	if cap(sc.nameToks)-len(sc.nameToks) < n {
		sc.nameToks = make([]actNameTok, 0, max(n, 1024))
	}
	l := len(sc.nameToks)
	sc.nameToks = sc.nameToks[:l+n]
	return sc.nameToks[l : l : l+n]
}

func newActScanner() *actScanner {
	return &actScanner{g: loadGazetteer(), folds: make(map[string]*actWordInfo, 4096)}
}

// The small word lists of the scanner are switches: they are asked about
// the words around every name.

func actLocative(w string) bool {
	switch w {
	case "in", "at", "near", "from", "into", "across", "outside", "inside", "toward", "towards", "around",
		"throughout", "off":
		return true
	}
	return false
}

func actPlaceNoun(w string) bool {
	switch w {
	case "region", "regions", "city", "cities", "province", "oblast", "area", "district", "county", "state",
		"border", "coast", "port", "town", "village", "peninsula", "island", "capital":
		return true
	}
	return false
}

func actSpeechVerb(w string) bool {
	switch w {
	case "said", "says", "told", "added", "stated", "argued", "noted", "wrote", "insisted", "warned", "urged",
		"announced", "expressed", "hinted", "suggested", "stressed", "tweeted", "posted", "claimed", "denied",
		"explained", "replied", "asked", "admitted", "vowed", "declared", "believes", "thinks", "wants", "hopes":
		return true
	}
	return false
}

// titleCase: a line whose words are all capitalised but for grammar
// words ("Trump Rejects US Troop Deployment in Ukraine") gives no evidence
// of names through its capitals. One lower-case word that is not grammar
// ("John Carter and Maria Lopez met in Geneva") makes it a sentence.
func (sc *actScanner) titleCase(toks []actTok) bool {
	capped := 0
	for i := range toks {
		t := &toks[i]
		switch {
		case t.number:
		case t.cap:
			if len(t.fold) >= 4 && !sc.g.tokIs(t, actWGrammar) {
				capped++
			}
		case !sc.g.grammar[t.fold]:
			return false
		}
	}
	return capped >= 3
}

// scanSentence appends the sentence's names to sc.cands.
func (sc *actScanner) scanSentence(si int, text string) {
	g := sc.g
	sc.toks = actTokenizeCached(text, sc.toks, g, sc.folds)
	toks := sc.toks
	n := len(toks)
	if cap(sc.consumed) < n {
		sc.consumed = make([]bool, n*2)
	}
	consumed := sc.consumed[:n]
	for i := range consumed {
		consumed[i] = false
	}
	// A headline in sentence case is read like any sentence; in title case
	// its capitals say nothing.
	weak := sc.titleCase(toks)

	// Runs of capitalised words, joined by name particles ("Bank of
	// England", "Ursula von der Leyen"); a possessive or punctuation ends one.
	type run struct{ a, b int }
	var runsBuf [16]run
	runs := runsBuf[:0]
	for i := 0; i < n; {
		if !toks[i].cap {
			i++
			continue
		}
		a, b := i, i+1
		for b < n && toks[b].sep == sepSpace && !toks[b-1].poss {
			if toks[b].cap {
				b++
				continue
			}
			if k := sc.particleJoin(toks, b); k > 0 {
				b += k
				continue
			}
			break
		}
		runs = append(runs, run{a, b})
		i = b
	}
	// Right to left, so that a title reaching back over an earlier run
	// ("Russia's president Putin") claims it before it is read as a name.
	for r := len(runs) - 1; r >= 0; r-- {
		a, b := runs[r].a, runs[r].b
		for b > a && consumed[b-1] {
			b--
		}
		if a < b {
			sc.scanRun(si, text, toks, consumed, a, b, weak)
		}
	}
}

// particleJoin is how many tokens from toks[b] (a lower-case word after a
// capitalised one) continue the run: "von der" in a name, "of" or "of the"
// after an organisation, place or role word ("Bank of England", "Republic
// of the Congo", "Secretary of State"), but not after a person's name
// ("James Bodiford of Superior Court" is two names). 0 when none.
func (sc *actScanner) particleJoin(toks []actTok, b int) int {
	t := toks[b]
	if !actParticle(t.fold) || t.poss {
		return 0
	}
	k := 1
	if t.fold == "of" || t.fold == "for" || t.fold == "&" {
		if t.fold != "&" && !sc.g.tokIs(&toks[b-1], actWOrgHead|actWPlaceHead|actWHead|actWModifier) {
			return 0
		}
		if b+2 < len(toks) && toks[b+1].fold == "the" && toks[b+1].sep == sepSpace {
			k = 2
		}
	}
	if b+k < len(toks) && toks[b+k].cap && toks[b+k].sep == sepSpace {
		return k + 1
	}
	return 0
}

func actParticle(w string) bool {
	switch w {
	case "of", "de", "da", "del", "della", "der", "den", "van", "von", "le", "la", "du", "dos", "das", "di", "bin", "ibn", "al", "el", "y", "for", "&":
		return true
	}
	return false
}

// gazAt returns the longest gazetteer phrase starting at toks[i] and ending
// before lim.
func (g *gazetteerData) gazAt(toks []actTok, i, lim int) (gazPhrase, int) {
	t := &toks[i]
	if !t.cap {
		return gazPhrase{}, 0
	}
	// Asked of the same word again and again: looked up once per word.
	var phrases []gazPhrase
	if t.info != nil {
		phrases = t.info.phrases
	} else {
		phrases = g.phrases[t.fold]
	}
	for _, p := range phrases {
		m := len(p.toks)
		if i+m > lim {
			continue
		}
		if p.capsOnly && !t.allCaps {
			continue
		}
		ok := true
		for k := 1; k < m; k++ {
			tk := toks[i+k]
			if tk.fold != p.toks[k] || tk.sep != sepSpace || toks[i+k-1].poss || (!tk.cap && !tk.number && !g.grammar[tk.fold]) {
				ok = false
				break
			}
		}
		if ok {
			return p, m
		}
	}
	return gazPhrase{}, 0
}

// gazEndingAt finds a gazetteer phrase that ends at toks[k] (for reading a
// title backwards: "U.S. President", "White House press secretary").
func (g *gazetteerData) gazEndingAt(toks []actTok, k int) int {
	for m := 4; m >= 1; m-- {
		i := k - m + 1
		if i < 0 {
			continue
		}
		if _, got := g.gazAt(toks, i, k+1); got == m {
			return m
		}
	}
	return 0
}

func actAcronym(s string) bool {
	letters := 0
	for _, r := range s {
		if r >= 'a' && r <= 'z' {
			return false
		}
		if r >= 'A' && r <= 'Z' {
			letters++
		}
	}
	return letters >= 1 && letters <= 6
}

// headAt is the length of the role (a word or a phrase like "chief of
// staff") starting at toks[i], 0 if none.
func (g *gazetteerData) headAt(toks []actTok, i, lim int) int {
	// Most words are no role's: one look-up of the flags says so.
	fl := g.tokFlags(&toks[i])
	if fl&(actWHeadsFirst|actWHead) == 0 {
		return 0
	}
	var byFirst [][]string
	if fl&actWHeadsFirst != 0 {
		byFirst = g.headsByFirst[toks[i].fold]
	}
	for _, ph := range byFirst {
		m := len(ph)
		if i+m > lim {
			continue
		}
		ok := true
		for k := 1; k < m; k++ {
			if toks[i+k].fold != ph[k] || toks[i+k].sep != sepSpace {
				ok = false
				break
			}
		}
		if ok {
			return m
		}
	}
	if fl&actWHead != 0 {
		return 1
	}
	return 0
}

// headEndingAt is the length of the role ending at toks[k], 0 if none.
func (g *gazetteerData) headEndingAt(toks []actTok, k int) int {
	fl := g.tokFlags(&toks[k])
	if fl&(actWHeadsLast|actWHead) == 0 {
		return 0
	}
	var byLast [][]string
	if fl&actWHeadsLast != 0 {
		byLast = g.headsByLast[toks[k].fold]
	}
	for _, ph := range byLast {
		m := len(ph)
		i := k - m + 1
		if i < 0 {
			continue
		}
		ok := true
		for j := 0; j < m-1; j++ {
			if toks[i+j].fold != ph[j] || (j > 0 && toks[i+j].sep != sepSpace) {
				ok = false
				break
			}
		}
		if ok && toks[k].sep == sepSpace {
			return m
		}
	}
	if fl&actWHead != 0 {
		return 1
	}
	return 0
}

func actConnector(w string) bool { return w == "of" || w == "to" || w == "for" || w == "and" }

// scanRun reads one run of capitalised words [a, b): a title at its start
// or reaching back before it, then the name, then gazetteer hits inside.
func (sc *actScanner) scanRun(si int, text string, toks []actTok, consumed []bool, a, b int, weak bool) {
	g := sc.g
	// Title inside the run: "U.S. Secretary of State", "Russian President".
	j, lastHead := a, -1
	for j < b {
		t := &toks[j]
		if j > a && toks[j-1].poss {
			break
		}
		if _, m := g.gazAt(toks, j, b); m > 0 {
			j += m
			continue
		}
		if g.tokIs(t, actWHonorific) {
			j++
			lastHead = j - 1
			continue
		}
		if m := g.headAt(toks, j, b); m > 0 {
			j += m
			lastHead = j - 1
			continue
		}
		if g.tokIs(t, actWModifier) && !actConnector(t.fold) {
			j++
			continue
		}
		break
	}
	if lastHead < a {
		// A role inside a longer run: "Los Angeles Superior Court Judge
		// James Dabney", "Santa Monica City Attorney Terry White".
		lastHead = sc.innerHead(toks, a, b)
	}
	ns := a
	titleStart, titleEnd := -1, -1 // token range of the title
	if lastHead >= a && lastHead+1 < b && !sc.allHeads(toks, lastHead+1, b) {
		ns = lastHead + 1
		titleStart, titleEnd = a, lastHead+1
	} else if lastHead == b-1 {
		// Only a title ("Russian President", "Foreign Minister"): no
		// name, but a country in it is still mentioned.
		sc.emitGaz(si, text, toks, a, b, weak)
		return
	}
	// A title reaching back before the run: "special envoy Steve Witkoff",
	// "former U.S. President", "Russia's president Putin".
	from := ns
	if titleStart >= 0 {
		from = titleStart
	}
	if k := sc.titleBefore(toks, from, titleStart < 0); k < from {
		if titleStart < 0 {
			titleEnd = from
		}
		titleStart = k
		for i := k; i < from; i++ {
			consumed[i] = true
		}
	}
	// Strip grammar words and honorifics at the front ("The", "However"),
	// and generic nouns at the end ("Ukraine Peace Deal").
	stripped := false
	for ns < b {
		if _, m := g.gazAt(toks, ns, b); m > 0 {
			break
		}
		if !g.tokIs(&toks[ns], actWGrammar|actWHonorific) && !strings.HasSuffix(toks[ns].fold, "-year-old") {
			break
		}
		if g.tokIs(&toks[ns], actWGrammar) && !toks[ns].initial && !weak && ns+1 < b {
			if _, m := g.gazAt(toks, ns+1, b); m == 0 {
				break // mid-sentence, a capitalised "The" or "Us" is part of a name
			}
		}
		ns++
		stripped = true
	}
	if ns < b {
		if _, m := g.gazAt(toks, ns, b); m != b-ns {
			for b > ns && g.tokIs(&toks[b-1], actWNonname) && !g.tokIs(&toks[b-1], actWOrgHead|actWPlaceHead) && !sc.gazCovers(toks, ns, b, b-1) {
				b--
			}
		}
	}
	if ns >= b {
		return
	}
	// The name part is one gazetteer entry or a row of them.
	if sc.allGaz(toks, ns, b) {
		sc.emitGaz(si, text, toks, ns, b, weak)
		return
	}
	// A country before a full name belongs to a title ending in "to" or
	// "for" ("special envoy to Russia Steve Witkoff"); otherwise it is a
	// mention of its own.
	if _, m := g.gazAt(toks, ns, b); m > 0 && b-ns-m >= 2 && !sc.hasHead(toks, ns+m, b) && toks[ns+m].cap {
		if titleStart < 0 && ns > 1 && actConnector(toks[ns-1].fold) && toks[ns].sep == sepSpace && g.headEndingAt(toks, ns-2) > 0 {
			k := sc.titleBefore(toks, ns-1, true)
			titleStart, titleEnd = k, ns+m
			for i := k; i < ns; i++ {
				consumed[i] = true
			}
		} else {
			sc.emitGaz(si, text, toks, ns, ns+m, weak)
		}
		ns += m
	}
	c := actCand{
		sent: int32(si), gaz: -1, weak: weak,
		initial: toks[ns].initial && ns == a && titleStart < 0 && !stripped,
		quoted:  toks[ns].qOpen && toks[b-1].qClose,
	}
	if titleStart >= 0 && !sc.onlyHonorifics(toks, titleStart, titleEnd) {
		c.role = strings.TrimSpace(text[toks[titleStart].start:toks[titleEnd-1].rawEnd])
	}
	c.toks = sc.newNameToks(b - ns)
	for i := ns; i < b; i++ {
		t := toks[i]
		c.toks = append(c.toks, actNameTok{start: t.start, end: t.end, fold: t.fold, info: t.info, hyphen: t.hyphen, allCaps: t.allCaps})
	}
	c.surface = text[toks[ns].start:toks[b-1].end]
	before := ns - 1
	if titleStart >= 0 {
		before = titleStart - 1
		c.per++
	}
	if before >= 0 && !toks[before].cap && actLocative(toks[before].fold) {
		c.loc++
	}
	if b < len(toks) && !toks[b].cap {
		if actPlaceNoun(toks[b].fold) {
			c.loc++
		}
		if actSpeechVerb(toks[b].fold) && toks[b].sep == sepSpace && !toks[b-1].poss {
			c.per++
		}
	}
	c.roles = sc.appositiveRoles(text, toks, b)
	if c.role == "" && len(c.roles) > 0 {
		c.role = c.roles[0]
	}
	sc.cands = append(sc.cands, c)
}

// innerHead finds the last role word of a run that is followed by one to
// three name words, -1 if none.
func (sc *actScanner) innerHead(toks []actTok, a, b int) int {
	g := sc.g
	for h := b - 2; h > a; h-- {
		if toks[h].poss || !g.tokIs(&toks[h], actWHead) && g.headEndingAt(toks, h) == 0 {
			continue
		}
		if b-h-1 > 3 {
			return -1
		}
		for k := h + 1; k < b; k++ {
			if g.tokIs(&toks[k], actWHead|actWModifier|actWOrgHead|actWPlaceHead|actWNonname) || toks[k].allCaps && actInitial(toks[k].fold) == "" {
				return -1
			}
		}
		return h
	}
	return -1
}

func (sc *actScanner) allHeads(toks []actTok, i, b int) bool {
	for ; i < b; i++ {
		if !sc.g.tokIs(&toks[i], actWOrgHead|actWPlaceHead|actWHead) {
			return false
		}
	}
	return true
}

func (sc *actScanner) hasHead(toks []actTok, i, b int) bool {
	for ; i < b; i++ {
		if sc.g.tokIs(&toks[i], actWOrgHead|actWPlaceHead) {
			return true
		}
	}
	return false
}

func (sc *actScanner) onlyHonorifics(toks []actTok, i, j int) bool {
	for ; i < j; i++ {
		if !sc.g.tokIs(&toks[i], actWHonorific) {
			return false
		}
	}
	return true
}

// titleBefore reads a title backwards from toks[from-1] and returns where
// it starts (from when there is none). needHead: the word right before the
// name must be a role ("envoy", "chief of staff").
func (sc *actScanner) titleBefore(toks []actTok, from int, needHead bool) int {
	g := sc.g
	k := from - 1
	start := from
	for k >= 0 {
		if toks[k+1].sep != sepSpace {
			break
		}
		t := &toks[k]
		if t.poss && k != from-1 {
			// Only a country's possessive belongs to a title: "Russia's president".
			if m := g.gazEndingAt(toks, k); m == 0 {
				break
			}
		} else if t.poss {
			break
		}
		if needHead {
			m := g.headEndingAt(toks, k)
			if m == 0 {
				break
			}
			k -= m
			start = k + 1
			needHead = false
			continue
		}
		if m := g.headEndingAt(toks, k); m > 0 {
			k -= m
			start = k + 1
			continue
		}
		if t.cap {
			if m := g.gazEndingAt(toks, k); m > 0 {
				k -= m
				start = k + 1
				continue
			}
		}
		if g.tokIs(t, actWModifier) {
			if actConnector(t.fold) {
				// "defense and foreign minister", "envoy to": only between
				// role words, never joining a country or a name.
				if k == 0 || toks[k-1].cap || !(g.tokIs(&toks[k-1], actWModifier) || g.headEndingAt(toks, k-1) > 0) {
					break
				}
			}
			k--
			start = k + 1
			continue
		}
		break
	}
	for start < from && actConnector(toks[start].fold) {
		start++
	}
	return start
}

// allGaz: tokens [i, b) are one or more gazetteer entries back to back.
func (sc *actScanner) allGaz(toks []actTok, i, b int) bool {
	for i < b {
		_, m := sc.g.gazAt(toks, i, b)
		if m == 0 {
			return false
		}
		i += m
	}
	return true
}

func (sc *actScanner) gazCovers(toks []actTok, i, b, k int) bool {
	for i < b {
		_, m := sc.g.gazAt(toks, i, b)
		if m == 0 {
			i++
			continue
		}
		if i <= k && k < i+m {
			return true
		}
		i += m
	}
	return false
}

// emitGaz records every gazetteer entry in toks[i:b].
func (sc *actScanner) emitGaz(si int, text string, toks []actTok, i, b int, weak bool) {
	for i < b {
		p, m := sc.g.gazAt(toks, i, b)
		if m == 0 {
			i++
			continue
		}
		surface := text[toks[i].start:toks[i+m-1].end]
		if toks[i].allCaps && !p.acronym {
			surface = p.surface
		}
		c := actCand{
			sent: int32(si), gaz: int32(p.entry), form: p.form, surface: surface, weak: weak,
		}
		c.toks = append(sc.newNameToks(1), actNameTok{start: toks[i].start, end: toks[i+m-1].end, fold: p.key})
		sc.cands = append(sc.cands, c)
		i += m
	}
}

// appositiveRoles reads roles after a name: "Artis Pabriks, the current
// chair of the X Centre and a former Latvian defense minister, said".
func (sc *actScanner) appositiveRoles(text string, toks []actTok, b int) []string {
	if b >= len(toks) || toks[b].sep != sepComma || toks[b-1].poss {
		return nil
	}
	var roles []string
	k := b
	for {
		if k < len(toks) && (toks[k].fold == "the" || toks[k].fold == "a" || toks[k].fold == "an") {
			k++
		}
		role, next := sc.rolePhrase(text, toks, k)
		if role == "" {
			break
		}
		roles = append(roles, role)
		if next+1 < len(toks) && toks[next].fold == "and" && toks[next].sep == sepSpace {
			k = next + 1
			continue
		}
		break
	}
	return roles
}

// rolePhrase reads "current chair of the Northern Europe Policy Centre"
// starting at toks[k]; it returns the phrase and the index after it.
func (sc *actScanner) rolePhrase(text string, toks []actTok, k int) (string, int) {
	g := sc.g
	st, end := k, -1
	for k < len(toks) {
		if k > st && toks[k].sep != sepSpace {
			break
		}
		if m := g.headAt(toks, k, len(toks)); m > 0 {
			k += m
			end = k
			continue
		}
		if _, m := g.gazAt(toks, k, len(toks)); m > 0 {
			k += m
			continue
		}
		if g.tokIs(&toks[k], actWModifier) && !actConnector(toks[k].fold) {
			k++
			continue
		}
		if toks[k].fold == "and" && end < 0 && k > st {
			// "defense and foreign minister"
			k++
			continue
		}
		break
	}
	if end < 0 {
		return "", st
	}
	if end < len(toks) && toks[end].sep == sepSpace && !toks[end-1].poss {
		switch toks[end].fold {
		case "of", "at", "for", "to":
			m := end + 1
			if m < len(toks) && toks[m].fold == "the" && toks[m].sep == sepSpace {
				m++
			}
			if m < len(toks) && toks[m].cap && toks[m].sep == sepSpace {
				// "of the Northern Europe Policy Centre", "to Russia": an
				// organisation or a known entry, never a person's name.
				if _, gm := g.gazAt(toks, m, len(toks)); gm > 0 {
					end = m + gm
				} else {
					e := m + 1
					for e < len(toks) && toks[e].sep == sepSpace && (toks[e].cap || actParticle(toks[e].fold) && e+1 < len(toks) && toks[e+1].cap) && !toks[e-1].poss {
						e++
					}
					if g.tokIs(&toks[e-1], actWOrgHead|actWPlaceHead) {
						end = e
					}
				}
			}
		}
	}
	if end < len(toks) && toks[end].cap && toks[end].sep == sepSpace {
		// A name follows: this is the next person's title, as in a list
		// ("Marco Rubio, special envoy Steve Witkoff, and ...").
		return "", st
	}
	return strings.TrimSpace(text[toks[st].start:toks[end-1].rawEnd]), end
}
