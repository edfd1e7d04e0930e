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
	// folds caches the folds of capitalised and non-ASCII words.
	folds map[string]string
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
	return &actScanner{g: loadGazetteer(), folds: make(map[string]string, 4096)}
}

var actLocatives = map[string]bool{
	"in": true, "at": true, "near": true, "from": true, "into": true, "across": true,
	"outside": true, "inside": true, "toward": true, "towards": true, "around": true,
	"throughout": true, "off": true,
}

var actPlaceNouns = map[string]bool{
	"region": true, "regions": true, "city": true, "cities": true, "province": true, "oblast": true,
	"area": true, "district": true, "county": true, "state": true, "border": true, "coast": true,
	"port": true, "town": true, "village": true, "peninsula": true, "island": true, "capital": true,
}

var actSpeechVerbs = map[string]bool{
	"said": true, "says": true, "told": true, "added": true, "stated": true, "argued": true,
	"noted": true, "wrote": true, "insisted": true, "warned": true, "urged": true,
	"announced": true, "expressed": true, "hinted": true, "suggested": true, "stressed": true,
	"tweeted": true, "posted": true, "claimed": true, "denied": true, "explained": true,
	"replied": true, "asked": true, "admitted": true, "vowed": true, "declared": true,
	"believes": true, "thinks": true, "wants": true, "hopes": true,
}

// titleCase: a line whose words are all capitalised but for grammar
// words ("Trump Rejects US Troop Deployment in Ukraine") gives no evidence
// of names through its capitals. One lower-case word that is not grammar
// ("John Carter and Maria Lopez met in Geneva") makes it a sentence.
func (sc *actScanner) titleCase(toks []actTok) bool {
	capped := 0
	for _, t := range toks {
		switch {
		case t.number:
		case t.cap:
			if len(t.fold) >= 4 && !sc.g.grammar[t.fold] {
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
		prev := toks[b-1].fold
		g := sc.g
		if t.fold != "&" && !g.orgHeads[prev] && !g.placeHeads[prev] && !g.heads[prev] && !g.modifiers[prev] {
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
	t := toks[i]
	if !t.cap {
		return gazPhrase{}, 0
	}
	for _, p := range g.phrases[t.fold] {
		m := len(p.toks)
		if i+m > lim {
			continue
		}
		if actAcronym(p.surface) && !t.allCaps && !strings.Contains(p.surface, ".") {
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
	for _, ph := range g.headsByFirst[toks[i].fold] {
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
	if g.heads[toks[i].fold] {
		return 1
	}
	return 0
}

// headEndingAt is the length of the role ending at toks[k], 0 if none.
func (g *gazetteerData) headEndingAt(toks []actTok, k int) int {
	for _, ph := range g.headsByLast[toks[k].fold] {
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
	if g.heads[toks[k].fold] {
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
		t := toks[j]
		if j > a && toks[j-1].poss {
			break
		}
		if _, m := g.gazAt(toks, j, b); m > 0 {
			j += m
			continue
		}
		if g.honorifics[t.fold] {
			j++
			lastHead = j - 1
			continue
		}
		if m := g.headAt(toks, j, b); m > 0 {
			j += m
			lastHead = j - 1
			continue
		}
		if g.modifiers[t.fold] && !actConnector(t.fold) {
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
		if !g.grammar[toks[ns].fold] && !g.honorifics[toks[ns].fold] && !strings.HasSuffix(toks[ns].fold, "-year-old") {
			break
		}
		if g.grammar[toks[ns].fold] && !toks[ns].initial && !weak && ns+1 < b {
			if _, m := g.gazAt(toks, ns+1, b); m == 0 {
				break // mid-sentence, a capitalised "The" or "Us" is part of a name
			}
		}
		ns++
		stripped = true
	}
	if ns < b {
		if _, m := g.gazAt(toks, ns, b); m != b-ns {
			for b > ns && g.nonnames[toks[b-1].fold] && !g.orgHeads[toks[b-1].fold] && !g.placeHeads[toks[b-1].fold] && !sc.gazCovers(toks, ns, b, b-1) {
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
		c.toks = append(c.toks, actNameTok{start: t.start, end: t.end, fold: t.fold, hyphen: t.hyphen, allCaps: t.allCaps})
	}
	c.surface = text[toks[ns].start:toks[b-1].end]
	before := ns - 1
	if titleStart >= 0 {
		before = titleStart - 1
		c.per++
	}
	if before >= 0 && !toks[before].cap && actLocatives[toks[before].fold] {
		c.loc++
	}
	if b < len(toks) && !toks[b].cap {
		if actPlaceNouns[toks[b].fold] {
			c.loc++
		}
		if actSpeechVerbs[toks[b].fold] && toks[b].sep == sepSpace && !toks[b-1].poss {
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
		if toks[h].poss || !g.heads[toks[h].fold] && g.headEndingAt(toks, h) == 0 {
			continue
		}
		if b-h-1 > 3 {
			return -1
		}
		for k := h + 1; k < b; k++ {
			f := toks[k].fold
			if g.heads[f] || g.modifiers[f] || g.orgHeads[f] || g.placeHeads[f] || g.nonnames[f] || toks[k].allCaps && actInitial(f) == "" {
				return -1
			}
		}
		return h
	}
	return -1
}

func (sc *actScanner) allHeads(toks []actTok, i, b int) bool {
	for ; i < b; i++ {
		f := toks[i].fold
		if !sc.g.orgHeads[f] && !sc.g.placeHeads[f] && !sc.g.heads[f] {
			return false
		}
	}
	return true
}

func (sc *actScanner) hasHead(toks []actTok, i, b int) bool {
	for ; i < b; i++ {
		if sc.g.orgHeads[toks[i].fold] || sc.g.placeHeads[toks[i].fold] {
			return true
		}
	}
	return false
}

func (sc *actScanner) onlyHonorifics(toks []actTok, i, j int) bool {
	for ; i < j; i++ {
		if !sc.g.honorifics[toks[i].fold] {
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
		t := toks[k]
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
		if g.modifiers[t.fold] {
			if actConnector(t.fold) {
				// "defense and foreign minister", "envoy to": only between
				// role words, never joining a country or a name.
				if k == 0 || toks[k-1].cap || !(g.modifiers[toks[k-1].fold] || g.headEndingAt(toks, k-1) > 0) {
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
		if toks[i].allCaps && !actAcronym(p.surface) {
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
		if g.modifiers[toks[k].fold] && !actConnector(toks[k].fold) {
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
					if g.orgHeads[toks[e-1].fold] || g.placeHeads[toks[e-1].fold] {
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
