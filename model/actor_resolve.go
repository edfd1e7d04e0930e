package model

import (
	"slices"
	"sort"
	"strings"

	"github.com/adrg/strutil/metrics"
)

// actEnt is one actor while the corpus is resolved.
type actEnt struct {
	kind   string
	gaz    int // gazetteer entry, -1 for a name found in the text
	person bool
	key    string // folded name: the full name for people, the key otherwise
	// People: the parts of the name compared when merging.
	given, surname, suffix string
	skel                   string
	// fullBy lists per article the sentences naming the person in full.
	fullBy map[int][]int32
	full   int // full-name mentions
	loc    int // context votes, see actCand
	per    int
	titled int // mentions with a title
}

// actHit is one resolved mention.
type actHit struct {
	ent        int
	sent       int32
	start, end int32
	surface    string
	role       string
	roles      []string
}

type actResolver struct {
	ix      *Index
	g       *gazetteerData
	sc      *actScanner
	ents    []*actEnt
	gazEnt  map[int]int    // gazetteer entry -> entity
	keyEnt  map[string]int // folded key of a non-person name -> entity
	fullEnt map[string]int // folded full name of a person -> entity
	bySkel  map[string][]int
	// Built before one-word names are resolved (resolveSingles).
	byGiven   map[string][]int // person first name -> entities
	byInitial map[string]int   // initials of multi-word names -> entity, -1 when shared
	byFirst   map[string]int   // first word of an organisation's name -> entity, -1 when shared
	hits      []actHit
	jw        *metrics.JaroWinkler
	// sentArt is each sentence's article: asked for every mention, read
	// from a small array rather than from the large Sentences.
	sentArt []int32
	keyBuf  []byte   // scratch for actAppendKey
	folds   []string // scratch for gazWhole
}

func newActResolver(ix *Index, sc *actScanner) *actResolver {
	jw := metrics.NewJaroWinkler()
	jw.CaseSensitive = false
	// Sized by the candidates (on news, about one entity per eight of
	// them): growing maps rehash.
	n := len(sc.cands)
	sentArt := make([]int32, len(ix.Sentences))
	for i := range ix.Sentences {
		sentArt[i] = int32(ix.Sentences[i].Article)
	}
	return &actResolver{
		ix: ix, g: sc.g, sc: sc, sentArt: sentArt,
		gazEnt: make(map[int]int, n/64+16), keyEnt: make(map[string]int, n/8+16), fullEnt: make(map[string]int, n/8+16),
		bySkel: make(map[string][]int, n/8+16), jw: jw,
	}
}

func (r *actResolver) article(sent int32) int { return int(r.sentArt[sent]) }

func (r *actResolver) text(sent int32) string { return r.ix.Sentences[sent].Text }

// resolve turns the scanner's candidates into hits on entities.
func (r *actResolver) resolve() {
	cands := r.sc.cands
	r.hits = make([]actHit, 0, len(cands)+len(cands)/8)
	// Last names of full names anywhere: a hyphenated "Trump-Putin" whose
	// parts are known is two mentions, "Jean-Claude" is one name.
	surnames := make(map[string]bool, len(cands)/16+16)
	for i := range cands {
		c := &cands[i]
		if c.gaz < 0 && !c.weak && len(c.toks) >= 2 {
			surnames[c.toks[len(c.toks)-1].fold] = true
		}
	}
	type keyInfo struct {
		cands    []int
		loc, per int
	}
	keys := make(map[string]*keyInfo, len(cands)/8+16)
	var keyOrder []string
	singles, gazHits := make([]int, 0, len(cands)/4), make([]int, 0, len(cands)/2)
	var later []int
	// Words seen capitalised where a capital means something.
	capMid := make(map[string]bool, len(cands)/4+16)
	for i := range cands {
		c := &cands[i]
		if c.gaz < 0 && !c.weak && !c.initial {
			for _, t := range c.toks {
				capMid[t.fold] = true
			}
		}
	}
	for i := range cands {
		c := &cands[i]
		if c.gaz >= 0 {
			gazHits = append(gazHits, i)
			continue
		}
		if c.weak || c.quoted && len(c.toks) > 1 || r.knownHyphenParts(c, surnames) {
			later = append(later, i)
			continue
		}
		if c.initial && len(c.toks) > 2 && c.toks[1].fold == "of" && !r.g.nameIs(&c.toks[0], actWOrgHead|actWPlaceHead) && !capMid[c.toks[0].fold] {
			// "Supporters of Navalny" at a sentence start.
			c.toks = c.toks[2:]
			c.surface = r.text(c.sent)[c.toks[0].start:c.toks[len(c.toks)-1].end]
			c.initial = false
		}
		if c.initial && len(c.toks) > 1 && !capMid[c.toks[0].fold] && actInflected(c.toks[0].fold) {
			c.initial = false // "Following Research In Motion": a verb form
			c.toks = c.toks[1:]
			c.surface = r.text(c.sent)[c.toks[0].start:c.toks[len(c.toks)-1].end]
		}
		if c.initial && len(c.toks) > 1 && r.commonWord(&c.toks[0]) && !r.gazStart(c.toks) {
			// "Speaking Monday", "Escalating conflict": the sentence start
			// is an ordinary word; what follows keeps its capital.
			c.toks = c.toks[1:]
			c.surface = r.text(c.sent)[c.toks[0].start:c.toks[len(c.toks)-1].end]
			c.initial = false
		}
		for len(c.toks) > 1 && r.g.nameIs(&c.toks[0], actWNonname) && !r.gazStart(c.toks) {
			// "Monday Jobs": a calendar or furniture word is never a first name.
			c.toks = c.toks[1:]
			c.surface = r.text(c.sent)[c.toks[0].start:c.toks[len(c.toks)-1].end]
			c.initial = false
		}
		if e := r.gazWhole(c); e >= 0 {
			// What is left after the sentence start is a known entry:
			// "Throughout Egypt", "Former FBI".
			c.gaz, c.form = int32(e), gazAlias
			gazHits = append(gazHits, i)
			continue
		}
		if len(c.toks) == 1 {
			singles = append(singles, i)
			continue
		}
		r.keyBuf = actAppendKey(r.keyBuf[:0], c.toks)
		ki := keys[string(r.keyBuf)]
		if ki == nil {
			key := string(r.keyBuf)
			ki = &keyInfo{}
			keys[key] = ki
			keyOrder = append(keyOrder, key)
		}
		ki.cands = append(ki.cands, i)
		ki.loc += int(c.loc)
		ki.per += int(c.per)
	}
	// The kind of a name is decided once for the corpus: its shape first,
	// then how it is used ("in Palm Springs" against "Palm Springs said").
	kinds := make(map[string]string, len(keys))
	var orgKeys []string
	for _, key := range keyOrder {
		ki := keys[key]
		kind := r.classify(&cands[ki.cands[0]])
		if kind == ActorPerson && ki.loc > ki.per {
			kind = ActorPlace
		}
		kinds[key] = kind
		if kind == ActorOrganization {
			orgKeys = append(orgKeys, key)
		}
	}
	// "Betty Ford" where the corpus has a "Betty Ford Center": every
	// beginning of an organisation's name ending in an organisation noun
	// points to the most mentioned such organisation.
	extending := map[string]string{}
	for _, o := range orgKeys {
		if !r.g.orgHeads[o[strings.LastIndexByte(o, ' ')+1:]] {
			continue
		}
		for i := strings.IndexByte(o, ' '); i > 0; i = actNextSpace(o, i) {
			p := o[:i]
			if cur, ok := extending[p]; !ok || len(keys[o].cands) > len(keys[cur].cands) {
				extending[p] = o
			}
		}
	}
	var persons []int
	for _, key := range keyOrder {
		target := key
		if kinds[key] == ActorPlace || kinds[key] == ActorPerson && keys[key].per == 0 {
			// Never a name used as a person's ("Betty Ford said").
			if org, ok := extending[key]; ok {
				target = org
			}
		}
		kind := kinds[target]
		for _, i := range keys[key].cands {
			c := &cands[i]
			if kind == ActorPerson {
				persons = append(persons, i)
				continue
			}
			e := r.keyedKey(target, kind)
			r.keyEnt[key] = e
			r.hit(e, c, c.surface, 0, len(c.toks))
		}
	}
	sort.Ints(persons)
	r.clusterPeople(persons)
	for _, i := range gazHits {
		r.gazHit(&cands[i])
	}
	r.resolveSingles(singles)
	for _, i := range later {
		r.matchKnown(&cands[i])
	}
}

// actNextSpace is the index of the next space in s after i, -1 if none.
func actNextSpace(s string, i int) int {
	j := strings.IndexByte(s[i+1:], ' ')
	if j < 0 {
		return -1
	}
	return i + 1 + j
}

// actInflected: a word ending like a verb form or an adverb ("Speaking",
// "Expected", "Originally").
func actInflected(f string) bool {
	return len(f) > 5 && (strings.HasSuffix(f, "ing") || strings.HasSuffix(f, "ed") || strings.HasSuffix(f, "ly"))
}

var actDirections = map[string]bool{
	"north": true, "south": true, "east": true, "west": true, "northern": true, "southern": true,
	"eastern": true, "western": true, "central": true, "northeast": true, "northwest": true,
	"southeast": true, "southwest": true, "northeastern": true, "northwestern": true,
	"southeastern": true, "southwestern": true, "upper": true, "lower": true, "greater": true,
	"inner": true, "outer": true, "coastal": true, "rural": true, "downtown": true,
}

// gazWhole is the gazetteer entry a candidate's words spell, -1 if none.
func (r *actResolver) gazWhole(c *actCand) int {
	r.folds = r.folds[:0]
	for _, t := range c.toks {
		r.folds = append(r.folds, t.fold)
	}
	return gazPhraseIn(r.g.namePhrases(&c.toks[0]), r.folds, c.surface)
}

// commonWord: a grammar word, or a word the corpus also writes in lower case.
func (r *actResolver) commonWord(t *actNameTok) bool {
	if r.g.nameIs(t, actWNonname) {
		return true
	}
	return r.sc.lower[t.fold]
}

// knownHyphenParts: a hyphenated word whose parts are known names
// ("Russia-Ukraine", "Trump-Putin") is read part by part.
func (r *actResolver) knownHyphenParts(c *actCand, surnames map[string]bool) bool {
	for _, t := range c.toks {
		if !t.hyphen {
			continue
		}
		for _, p := range actHyphenParts(t.fold) {
			if surnames[p] || len(r.g.phrases[p]) > 0 && r.gazSingle(p) >= 0 {
				return true
			}
		}
	}
	return false
}

func actHyphenParts(f string) []string {
	return strings.FieldsFunc(f, func(r rune) bool { return r == '-' })
}

// gazSingle is the entry of a one-word gazetteer form, -1 if none.
func (r *actResolver) gazSingle(f string) int {
	return gazSingleIn(r.g.phrases[f])
}

// gazSingleIn is gazSingle of a word's phrases.
func gazSingleIn(phrases []gazPhrase) int {
	for _, p := range phrases {
		if len(p.toks) == 1 && !p.acronym {
			return p.entry
		}
	}
	return -1
}

// gazStart: the name begins with a gazetteer form ("New Orleans Saints").
func (r *actResolver) gazStart(toks []actNameTok) bool {
	if len(toks) < 2 {
		return false
	}
	// Every phrase is looked up by the first word.
	phrases := r.g.namePhrases(&toks[0])
	if len(phrases) == 0 {
		return false
	}
	for m := min(4, len(toks)); m >= 2; m-- {
		for _, p := range phrases {
			if len(p.toks) == m && actNameToksEqual(p.toks, toks) {
				return true
			}
		}
	}
	return false
}

// placeStart: the name begins with a place of the gazetteer (not a
// capital standing for a country: "Paris Hilton" stays a person).
func (r *actResolver) placeStart(toks []actNameTok) bool {
	if len(toks) < 2 {
		return false
	}
	phrases := r.g.namePhrases(&toks[0])
	for m := min(3, len(toks)-1); m >= 1; m-- {
		for _, p := range phrases {
			if len(p.toks) == m && p.form != gazMetonym && r.g.entries[p.entry].Kind == ActorPlace && actNameToksEqual(p.toks, toks) {
				return true
			}
		}
	}
	return false
}

// actNameToksEqual: the words of toks start with the folds a.
func actNameToksEqual(a []string, toks []actNameTok) bool {
	for i := range a {
		if a[i] != toks[i].fold {
			return false
		}
	}
	return true
}

// gazAdjective: f is a one-word demonym ("american") or a country's
// acronym ("u.s.", "uk").
func (r *actResolver) gazAdjective(t *actNameTok) bool {
	for _, p := range r.g.namePhrases(t) {
		if len(p.toks) == 1 && (p.form == gazDemonym || p.acronym) {
			return true
		}
	}
	return false
}

// classify decides the kind of a multi-word name from its shape.
func (r *actResolver) classify(c *actCand) string {
	toks := c.toks
	lastTok := &toks[len(toks)-1]
	last := lastTok.fold
	switch {
	case r.g.nameIs(&toks[0], actWPlaceHead) && len(toks) > 2 && toks[1].fold == "of":
		return ActorPlace // "Gulf of Aden", "Bay of Bengal"
	case r.g.nameIs(lastTok, actWOrgHead) || r.g.nameIs(&toks[0], actWOrgHead):
		return ActorOrganization
	case r.g.nameIs(lastTok, actWPlaceHead):
		return ActorPlace
	case r.gazAdjective(&toks[0]):
		// "American Pie", "U.S. Navy": a demonym or a country's acronym
		// does not start a person's name.
		return ActorOrganization
	case len(toks) >= 2 && strings.HasSuffix(last, "s") && r.placeStart(toks):
		// "Kansas City Chiefs", "Indianapolis Colts": a team.
		return ActorOrganization
	case len(toks) > 4:
		return ActorOrganization
	}
	for i, t := range toks {
		if actParticle(t.fold) && (t.fold == "of" || t.fold == "for" || t.fold == "&") {
			return ActorOrganization
		}
		if t.allCaps && len(t.fold) >= 2 && !strings.Contains(t.fold, ".") {
			return ActorOrganization
		}
		if strings.ContainsAny(t.fold, "0123456789") {
			return ActorOrganization // "Q10", "76ers"
		}
		if i == 0 && r.g.nameIs(&toks[0], actWGrammar) {
			return ActorOrganization
		}
	}
	// "Southern California", "Eastern Ukraine": a direction before a known
	// place ("Vodafone Egypt" is a company).
	if e := gazSingleIn(r.g.namePhrases(lastTok)); e >= 0 && r.g.entries[e].Kind != ActorOrganization {
		if actDirections[toks[0].fold] {
			return ActorPlace
		}
		return ActorOrganization
	}
	return ActorPerson
}

// keyedKey returns the entity of a non-person name, creating it.
func (r *actResolver) keyedKey(key, kind string) int {
	if e, ok := r.keyEnt[key]; ok {
		return e
	}
	r.ents = append(r.ents, &actEnt{kind: kind, gaz: -1, key: key})
	r.keyEnt[key] = len(r.ents) - 1
	return len(r.ents) - 1
}

// actAppendKey appends the key of a name to b: its folded words joined by
// spaces, with one spelling of words spelt two ways. Appended to a
// scratch buffer, lookups by key need no string.
func actAppendKey(b []byte, toks []actNameTok) []byte {
	if len(toks) == 1 {
		return append(b, toks[0].fold...)
	}
	for i, t := range toks {
		if i > 0 {
			b = append(b, ' ')
		}
		b = append(b, actSpelling(t.fold)...)
	}
	return b
}

// actSpelling makes British and American spellings of name words one key.
func actSpelling(w string) string {
	switch w {
	case "centre":
		return "center"
	case "organisation":
		return "organization"
	case "theatre":
		return "theater"
	case "defence":
		return "defense"
	case "programme":
		return "program"
	case "labour":
		return "labor"
	}
	return w
}

// hit records a mention of entity e by tokens [i, j) of candidate c.
func (r *actResolver) hit(e int, c *actCand, surface string, i, j int) {
	h := actHit{ent: e, sent: c.sent, start: c.toks[i].start, end: c.toks[j-1].end, surface: surface}
	if i == 0 {
		h.role, h.roles = c.role, c.roles
	}
	r.hits = append(r.hits, h)
	en := r.ents[e]
	en.loc += int(c.loc)
	en.per += int(c.per)
	if h.role != "" {
		en.titled++
	}
}

func (r *actResolver) gazEntity(entry int) int {
	if e, ok := r.gazEnt[entry]; ok {
		return e
	}
	ge := r.g.entries[entry]
	r.ents = append(r.ents, &actEnt{kind: ge.Kind, gaz: entry, key: gazFold(ge.Name)})
	r.gazEnt[entry] = len(r.ents) - 1
	return len(r.ents) - 1
}

// gazHit records a gazetteer mention, unless the word is the last name of
// a person the same article names in full ("Jordan" after "Michael Jordan").
func (r *actResolver) gazHit(c *actCand) {
	if c.form != gazDemonym && !strings.Contains(c.toks[0].fold, " ") {
		if e := r.personBySurname(c.toks[0].fold, c.sent, true); e >= 0 {
			r.hit(e, c, c.surface, 0, 1)
			return
		}
	}
	r.hit(r.gazEntity(int(c.gaz)), c, c.surface, 0, 1)
}

// clusterPeople merges full names of people: the same last name (spelling
// variants allowed: "Zelenskyy", "Zelenskiy") and compatible first names.
func (r *actResolver) clusterPeople(idx []int) {
	type name struct {
		key                    string
		given, surname, suffix string
		count                  int
		first                  int // first candidate, for a stable order
		ent                    int // the entity it joins
	}
	// "Moviemaker Gary Ross", "Sixteen-year-old Kimani Gray": when the
	// last two or more words are another full name in the corpus, the
	// words before them are a title or a description.
	keys := make(map[string]bool, len(idx)/2+1)
	for _, i := range idx {
		r.keyBuf = actAppendKey(r.keyBuf[:0], r.sc.cands[i].toks)
		if !keys[string(r.keyBuf)] {
			keys[string(r.keyBuf)] = true
		}
	}
	for _, i := range idx {
		c := &r.sc.cands[i]
		for k := 1; k+2 <= len(c.toks) && len(c.toks) >= 3; k++ {
			if actInitial(c.toks[k-1].fold) != "" {
				break // "W. Mark Felt": an initial is part of the name
			}
			if r.keyBuf = actAppendKey(r.keyBuf[:0], c.toks[k:]); !keys[string(r.keyBuf)] {
				continue
			}
			text := r.text(c.sent)
			if c.role == "" {
				c.role = text[c.toks[0].start:c.toks[k-1].end]
			}
			c.toks = c.toks[k:]
			c.surface = text[c.toks[0].start:c.toks[len(c.toks)-1].end]
			break
		}
	}
	byKey := make(map[string]*name, len(keys))
	var order []*name
	names := make([]*name, len(idx)) // per candidate
	for j, i := range idx {
		c := &r.sc.cands[i]
		r.keyBuf = actAppendKey(r.keyBuf[:0], c.toks)
		nm := byKey[string(r.keyBuf)]
		if nm == nil {
			key := string(r.keyBuf)
			nm = &name{key: key, first: i}
			toks := c.toks
			if last := toks[len(toks)-1].fold; r.g.suffixes[last] && len(toks) > 2 {
				nm.suffix = strings.TrimSuffix(last, ".")
				toks = toks[:len(toks)-1]
			}
			nm.given, nm.surname = toks[0].fold, toks[len(toks)-1].fold
			byKey[key] = nm
			order = append(order, nm)
		}
		nm.count++
		names[j] = nm
	}
	// Most frequent names first: they become the clusters others join.
	slices.SortFunc(order, func(a, b *name) int {
		if a.count != b.count {
			return b.count - a.count
		}
		return a.first - b.first // unique: the order is total
	})
	for _, nm := range order {
		e := -1
		sk := actSkeleton(nm.surname)
		for _, cand := range r.bySkel[sk] {
			en := r.ents[cand]
			if r.compatibleSuffix(en, nm.suffix, nm.key) && r.sameName(en.surname, nm.surname) && (r.compatibleGiven(en.given, nm.given) || actSubsequence(nm.key, en.key)) {
				e = cand
				break
			}
		}
		if e < 0 {
			r.ents = append(r.ents, &actEnt{
				kind: ActorPerson, gaz: -1, person: true, key: nm.key,
				given: nm.given, surname: nm.surname, suffix: nm.suffix, skel: sk,
				fullBy: map[int][]int32{},
			})
			e = len(r.ents) - 1
			r.bySkel[sk] = append(r.bySkel[sk], e)
		}
		r.fullEnt[nm.key] = e
		nm.ent = e
	}
	// The candidates come in text order: each person's sentences are
	// gathered by runs of one article, and go to fullBy a run at a time.
	runArt := make([]int, len(r.ents))
	runSents := make([][]int32, len(r.ents))
	flush := func(e int) {
		if runSents[e] != nil {
			fb, a := r.ents[e].fullBy, runArt[e]
			if got, ok := fb[a]; ok {
				fb[a] = append(got, runSents[e]...)
			} else {
				fb[a] = runSents[e]
			}
			runSents[e] = nil
		}
	}
	for j, i := range idx {
		c := &r.sc.cands[i]
		e := names[j].ent
		if a := r.article(c.sent); runSents[e] == nil || runArt[e] != a {
			flush(e)
			runArt[e] = a
		}
		runSents[e] = append(runSents[e], c.sent)
		r.ents[e].full++
		r.hit(e, c, c.surface, 0, len(c.toks))
	}
	for e := range runSents {
		flush(e)
	}
}

// actSubsequence: the words of one name stand in order in the other ("Mark
// Felt" in "W. Mark Felt", "Brian Nichols" in "Brian G. Nichols").
func actSubsequence(a, b string) bool {
	wa, wb := strings.Fields(a), strings.Fields(b)
	if len(wa) > len(wb) {
		wa, wb = wb, wa
	}
	if len(wa) < 2 {
		return false
	}
	j := 0
	for _, w := range wb {
		if j < len(wa) && wa[j] == w {
			j++
		}
	}
	return j == len(wa)
}

// compatibleSuffix: "Jr." and "Sr." keep a father and a son apart, but a
// full name with a middle name is the suffixed person written without the
// suffix ("Arcade Joseph Comeaux" for "Arcade Joseph Comeaux Jr.").
func (r *actResolver) compatibleSuffix(en *actEnt, suffix, key string) bool {
	if en.suffix == suffix {
		return true
	}
	if en.suffix != "" && suffix != "" {
		return false
	}
	withSuffix, without := en.key, key
	if suffix != "" {
		withSuffix, without = key, en.key
	}
	return strings.Count(without, " ") >= 2 && strings.HasPrefix(withSuffix, without+" ")
}

// sameName: equal, or a transliteration variant: same consonant skeleton
// and close in Jaro-Winkler. Similarity alone would join Russia and
// Prussia; the skeleton alone would join Lee and Li.
func (r *actResolver) sameName(a, b string) bool {
	if a == b {
		return true
	}
	if len(a) < 6 || len(b) < 6 || !actSameSkeleton(a, b) {
		return false
	}
	return r.jw.Compare(a, b) >= 0.88
}

// compatibleGiven: "Vladimir"/"Vladimir", "V."/"Vladimir", "Volodymyr"/
// "Wolodymyr".
func (r *actResolver) compatibleGiven(a, b string) bool {
	if a == b || r.sameName(a, b) || r.g.sameGivenName(a, b) {
		return true
	}
	if len(a) >= 5 && len(b) >= 5 && actSameSkeleton(a, b) && r.jw.Compare(a, b) >= 0.8 {
		return true // "Tatiana" / "Tetiana": the last names already agree
	}
	ia, ib := actInitial(a), actInitial(b)
	switch {
	case ia != "" && ib != "":
		return ia == ib
	case ia != "":
		return strings.HasPrefix(b, ia)
	case ib != "":
		return strings.HasPrefix(a, ib)
	}
	return false
}

// actInitial returns the letter of an initial ("j." -> "j"), "" otherwise.
func actInitial(f string) string {
	if len(f) == 2 && f[1] == '.' {
		return f[:1]
	}
	if len(f) == 1 {
		return f
	}
	return ""
}

// actSkeleton is a spelling-insensitive key for names: the first letter,
// then the consonants with common transliteration pairs made equal and
// doubles collapsed ("Zelenskyy", "Zelenskiy", "Zelensky" -> "zlnsk").
func actSkeleton(f string) string {
	var buf [32]byte
	return string(actAppendSkeleton(buf[:0], f))
}

// actAppendSkeleton appends actSkeleton(f) to b: lookups and comparisons
// of skeletons need no string.
func actAppendSkeleton(b []byte, f string) []byte {
	if f == "" {
		return b
	}
	var prev byte
	for i := 0; i < len(f); i++ {
		c := f[i]
		if i == 0 {
			if c == 'w' {
				c = 'v'
			}
			b = append(b, c)
			prev = c
			continue
		}
		switch c {
		case 'a', 'e', 'i', 'o', 'u', 'y', 'j', '\'', '-', '.':
			prev = 0
			continue
		case 'h':
			// "kh" = "h", "ph" = "f", "sh"/"ch"/"zh" keep their first letter.
			continue
		case 'w':
			c = 'v'
		case 'q':
			c = 'k'
		case 'c':
			if i+1 < len(f) && f[i+1] == 'k' {
				continue
			}
			c = 'k'
		case 'x':
			// "Alexei" = "Aleksei"
			if prev != 'k' {
				b = append(b, 'k')
			}
			c, prev = 's', 'k'
		}
		if c == prev {
			continue
		}
		b = append(b, c)
		prev = c
	}
	return b
}

// actSameSkeleton is actSkeleton(a) == actSkeleton(b).
func actSameSkeleton(a, b string) bool {
	var ba, bb [32]byte
	return string(actAppendSkeleton(ba[:0], a)) == string(actAppendSkeleton(bb[:0], b))
}

// skelEnts is r.bySkel[actSkeleton(f)].
func (r *actResolver) skelEnts(f string) []int {
	var buf [32]byte
	return r.bySkel[string(actAppendSkeleton(buf[:0], f))]
}

// personBySurname finds the person a lone last name refers to: one named
// in full in the same article (the nearest before the sentence), else, when
// sameArticle is false, the most mentioned person anywhere.
func (r *actResolver) personBySurname(f string, sent int32, sameArticle bool) int {
	if len(f) < 2 {
		return -1
	}
	art := r.article(sent)
	best, bestSent, bestFull := -1, int32(-1), -1
	var anyBest, anyFull = -1, -1
	for _, e := range r.skelEnts(f) {
		en := r.ents[e]
		if !r.sameName(en.surname, f) {
			continue
		}
		if sents := en.fullBy[art]; len(sents) > 0 {
			// The nearest full mention at or before the sentence; one after
			// it counts as farther than any before.
			s := sents[0] - 1<<20
			for _, x := range sents {
				if x <= sent {
					s = x
				}
			}
			if best < 0 || s > bestSent || s == bestSent && en.full > bestFull {
				best, bestSent, bestFull = e, s, en.full
			}
		}
		if en.full > anyFull {
			anyBest, anyFull = e, en.full
		}
	}
	if best >= 0 || sameArticle {
		return best
	}
	return anyBest
}

// personByGiven: a first name alone for a person the article names in
// full, when only one fits.
func (r *actResolver) personByGiven(f string, sent int32) int {
	art := r.article(sent)
	found := -1
	for _, e := range r.byGiven[f] {
		if len(r.ents[e].fullBy[art]) == 0 || e == found {
			continue
		}
		if found >= 0 {
			return -1
		}
		found = e
	}
	return found
}

// indexNames builds the lookups of resolveSingles.
func (r *actResolver) indexNames() {
	r.byGiven = make(map[string][]int, len(r.fullEnt))
	seen := make([]bool, len(r.ents))
	for _, e := range r.fullEnt {
		if !seen[e] {
			seen[e] = true
			r.byGiven[r.ents[e].given] = append(r.byGiven[r.ents[e].given], e)
		}
	}
	for _, list := range r.byGiven {
		sort.Ints(list)
	}
	r.byInitial, r.byFirst = make(map[string]int, len(r.keyEnt)), make(map[string]int, len(r.keyEnt))
	note := func(m map[string]int, k string, e int) {
		if old, ok := m[k]; ok && old != e {
			m[k] = -1
			return
		}
		m[k] = e
	}
	for key, e := range r.keyEnt {
		if r.ents[e].kind == ActorPerson || !strings.Contains(key, " ") {
			continue
		}
		var b strings.Builder
		for _, w := range strings.Fields(key) {
			if !actParticle(w) {
				b.WriteByte(w[0])
			}
		}
		note(r.byInitial, b.String(), e)
		if r.ents[e].kind == ActorOrganization && r.g.orgHeads[key[strings.LastIndexByte(key, ' ')+1:]] {
			note(r.byFirst, key[:strings.IndexByte(key, ' ')], e)
		}
	}
}

// orgByAcronym: "NEPC" for a "Northern Europe Policy Centre" in the corpus.
func (r *actResolver) orgByAcronym(f string) int {
	if e, ok := r.byInitial[f]; ok {
		return e
	}
	return -1
}

// orgStartingWith: "Promises" for a "Promises Treatment Center" in the
// corpus, when only one organisation starts so.
func (r *actResolver) orgStartingWith(f string) int {
	if e, ok := r.byFirst[f]; ok {
		return e
	}
	return -1
}

// resolveSingles decides one-word names: a person's last or first name, an
// acronym, or a name of its own when a capital in mid-sentence vouches
// for it.
func (r *actResolver) resolveSingles(idx []int) {
	r.indexNames()
	rest := make(map[string][]int, len(idx)/2+16)
	var restOrder []string
	for _, i := range idx {
		c := &r.sc.cands[i]
		f := c.toks[0].fold
		if e := r.personBySurname(f, c.sent, false); e >= 0 && !r.g.nameIs(&c.toks[0], actWNonname) {
			r.hit(e, c, c.surface, 0, 1)
			continue
		}
		if e := r.personByGiven(f, c.sent); e >= 0 && !r.g.nameIs(&c.toks[0], actWNonname) {
			r.hit(e, c, c.surface, 0, 1)
			continue
		}
		if c.toks[0].allCaps {
			if e := r.orgByAcronym(f); e >= 0 {
				r.hit(e, c, c.surface, 0, 1)
				continue
			}
		}
		if e, ok := r.keyEnt[f]; ok {
			r.hit(e, c, c.surface, 0, 1)
			continue
		}
		if e := r.orgStartingWith(f); e >= 0 && !r.commonWord(&c.toks[0]) {
			r.hit(e, c, c.surface, 0, 1)
			continue
		}
		if _, ok := rest[f]; !ok {
			restOrder = append(restOrder, f)
		}
		rest[f] = append(rest[f], i)
	}
	for _, f := range restOrder {
		list := rest[f]
		if people := r.byGiven[f]; len(people) == 1 && !r.g.nonnames[f] {
			// A first name used alone in an article that never gives the
			// full name, when the corpus knows one person by it.
			for _, i := range list {
				c := &r.sc.cands[i]
				r.hit(people[0], c, c.surface, 0, 1)
			}
			continue
		}
		if !r.plausibleSingle(f, list) {
			continue
		}
		// Same-spelling variants of a name already kept join it.
		e := -1
		for _, other := range r.skelEnts(f) {
			if en := r.ents[other]; !en.person && r.sameName(en.key, f) {
				e = other
				break
			}
		}
		if e < 0 {
			kind := ""
			if r.sc.cands[list[0]].toks[0].allCaps {
				kind = ActorOrganization // an acronym: "TMZ", "NEPC"
			}
			r.ents = append(r.ents, &actEnt{kind: kind, gaz: -1, key: f, surname: f, skel: actSkeleton(f)})
			e = len(r.ents) - 1
			r.bySkel[r.ents[e].skel] = append(r.bySkel[r.ents[e].skel], e)
		}
		r.keyEnt[f] = e
		for _, i := range list {
			c := &r.sc.cands[i]
			r.hit(e, c, c.surface, 0, 1)
		}
	}
}

// plausibleSingle: a lone capitalised word is a name when it is not a
// grammar, calendar, furniture or title word, not a common word the corpus
// also writes in lower case, and at least once stands capitalised where a
// capital means something (mid-sentence, outside quotes).
func (r *actResolver) plausibleSingle(f string, list []int) bool {
	g := r.g
	if g.nameIs(&r.sc.cands[list[0]].toks[0], actWNonname|actWHead|actWModifier|actWHonorific|actWOrgHead|actWPlaceHead) || g.suffixes[f] || len(f) < 2 {
		return false
	}
	if r.sc.cands[list[0]].toks[0].allCaps && len(f) <= 2 {
		return false // an unknown two-letter acronym is too ambiguous
	}
	if r.sc.lower[f] {
		return false
	}
	if actInitial(f) != "" {
		return false
	}
	if s := r.sc.cands[list[0]].surface; strings.Contains(s, "-") {
		// "D-list", "Kyiv-based": a lower-case part makes it a word.
		for _, part := range strings.Split(s, "-") {
			if part == "" || strings.ToLower(part[:1]) == part[:1] {
				return false
			}
		}
	}
	for _, i := range list {
		c := &r.sc.cands[i]
		if !c.initial && !c.quoted {
			return true
		}
	}
	return false
}

// matchKnown reads a headline, a quoted title or a hyphenated compound
// word by word, keeping only names known from elsewhere.
func (r *actResolver) matchKnown(c *actCand) {
	type part struct {
		start, end int32
		fold       string
	}
	var parts []part
	text := r.text(c.sent)
	for _, t := range c.toks {
		if !t.hyphen {
			parts = append(parts, part{t.start, t.end, t.fold})
			continue
		}
		// Split "Trump-Putin" at its hyphens, keeping byte offsets.
		w := text[t.start:t.end]
		st := 0
		for i := 0; i <= len(w); {
			if i == len(w) || w[i] == '-' || strings.HasPrefix(w[i:], "‐") || strings.HasPrefix(w[i:], "–") {
				if i > st {
					parts = append(parts, part{t.start + int32(st), t.start + int32(i), gazFold(w[st:i])})
				}
				if i == len(w) {
					break
				}
				if w[i] == '-' {
					i++
				} else {
					i += len("–")
				}
				st = i
				continue
			}
			i++
		}
	}
	for i := 0; i < len(parts); {
		matched := 0
		for m := min(4, len(parts)-i); m >= 1 && matched == 0; m-- {
			// The key is the folds joined by spaces, in a scratch buffer:
			// most are looked up in vain.
			r.folds, r.keyBuf = r.folds[:0], r.keyBuf[:0]
			for k := 0; k < m; k++ {
				if k > 0 {
					r.keyBuf = append(r.keyBuf, ' ')
				}
				r.folds = append(r.folds, parts[i+k].fold)
				r.keyBuf = append(r.keyBuf, parts[i+k].fold...)
			}
			surface := text[parts[i].start:parts[i+m-1].end]
			e := -1
			if pe, ok := r.fullEnt[string(r.keyBuf)]; ok {
				e = pe
			} else if ke, ok := r.keyEnt[string(r.keyBuf)]; ok {
				e = ke
			} else if m == 1 {
				if pe := r.personBySurname(parts[i].fold, c.sent, false); pe >= 0 {
					e = pe
				} else if pe := r.personByGiven(parts[i].fold, c.sent); pe >= 0 {
					e = pe // "Xi" for "Xi Jinping"
				}
			}
			if e < 0 {
				if ge := r.gazPhraseFolds(r.folds, surface); ge >= 0 {
					e = r.gazEntity(ge)
				}
			}
			if e >= 0 {
				sub := actCand{sent: c.sent, toks: []actNameTok{{start: parts[i].start, end: parts[i+m-1].end}}}
				if i == 0 {
					sub.role, sub.roles = c.role, c.roles
				}
				r.hit(e, &sub, surface, 0, 1)
				matched = m
			}
		}
		if matched == 0 {
			matched = 1
		}
		i += matched
	}
}

// gazPhraseFolds finds the gazetteer entry whose form is exactly folds; an
// acronym form ("US") must be written in capitals.
func (r *actResolver) gazPhraseFolds(folds []string, surface string) int {
	return gazPhraseIn(r.g.phrases[folds[0]], folds, surface)
}

// gazPhraseIn is gazPhraseFolds among the phrases of folds[0].
func gazPhraseIn(phrases []gazPhrase, folds []string, surface string) int {
	for _, p := range phrases {
		if len(p.toks) != len(folds) {
			continue
		}
		if p.acronym && strings.ToUpper(surface) != surface {
			continue
		}
		ok := true
		for k := range folds {
			if p.toks[k] != folds[k] {
				ok = false
				break
			}
		}
		if ok {
			return p.entry
		}
	}
	return -1
}
