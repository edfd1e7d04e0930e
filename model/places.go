package model

import (
	_ "embed"
	"strings"
	"unicode/utf8"
)

//go:embed data/places.tsv
var geoPlacesTSV string

// place is one gazetteer entry; parent is the index of the place that
// contains it, -1 for a top level.
type geoPlace struct {
	name   string // full name, maybe with a disambiguating parenthesis
	kind   string
	parent int
}

// gazetteer is general geography: countries, continents, states and regions
// of large countries, capitals and major cities. Surface forms may be
// ambiguous ("Georgia", "Victoria"), so a look-up yields every reading.
type geoIndex struct {
	places  []geoPlace
	byName  map[string][]int // folded surface form -> places
	maxWord int              // longest surface form in words
}

var geo = loadGeo(geoPlacesTSV)

func loadGeo(data string) *geoIndex {
	g := &geoIndex{byName: map[string][]int{}}
	ids := map[string]int{}
	var parents []string
	lexReadTSV(data, func(f []string) {
		if len(f) < 3 {
			return
		}
		id := len(g.places)
		g.places = append(g.places, geoPlace{name: f[0], kind: f[2], parent: -1})
		parents = append(parents, f[1])
		// Parents are named by their first entry: a city-state's city
		// ("Singapore") must not become its own parent.
		if _, dup := ids[f[0]]; !dup {
			ids[f[0]] = id
		}
		forms := []string{geoDisplayName(f[0])}
		if len(f) > 3 && f[3] != "" {
			forms = append(forms, strings.Split(f[3], "|")...)
		}
		for _, form := range forms {
			key := geoKey(form)
			g.byName[key] = append(g.byName[key], id)
			if n := len(strings.Fields(key)); n > g.maxWord {
				g.maxWord = n
			}
		}
	})
	for i, p := range parents {
		if p == "" {
			continue
		}
		if id, ok := ids[p]; ok && id != i {
			g.places[i].parent = id
		} else {
			panic("data/places.tsv: unknown parent " + p + " of " + g.places[i].name)
		}
	}
	return g
}

// displayName drops a disambiguating parenthesis: "Georgia (U.S. state)".
func geoDisplayName(name string) string {
	if i := strings.Index(name, " ("); i > 0 {
		return name[:i]
	}
	return name
}

// placeKey folds a surface form for look-up: lower case, no dots, ASCII
// apostrophes, "St." and "Saint" alike.
func geoKey(s string) string {
	s = strings.ToLower(s)
	s = geoKeyReplacer.Replace(s)
	f := strings.Fields(s)
	for i, w := range f {
		if w == "saint" {
			f[i] = "st"
		}
	}
	return strings.Join(f, " ")
}

var geoKeyReplacer = strings.NewReplacer(".", "", "’", "'", ",", " ,")

// lookup returns the places a surface form may name.
func (g *geoIndex) lookup(form string) []int {
	var buf [96]byte
	if key, ok := geoAppendKey(buf[:0], form); ok {
		return g.byName[string(key)]
	}
	return g.byName[geoKey(form)]
}

// geoAppendKey appends geoKey(s) to b for an ASCII s, without the string
// copies; ok is false for other text.
func geoAppendKey(b []byte, s string) (_ []byte, ok bool) {
	start := len(b)
	word := -1 // where the current word starts in b; -1 between words
	for i := 0; i <= len(s); i++ {
		c := byte(' ')
		if i < len(s) {
			c = s[i]
		}
		switch {
		case c >= utf8.RuneSelf:
			return b[:start], false
		case c == '.':
			continue
		case c == ' ' || (c >= '\t' && c <= '\r') || c == ',':
			if word >= 0 && string(b[word:]) == "saint" {
				b = append(b[:word], "st"...)
			}
			word = -1
			if c != ',' {
				continue
			}
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		}
		if word < 0 {
			if len(b) > start {
				b = append(b, ' ')
			}
			word = len(b)
		}
		b = append(b, c)
	}
	return b, true
}

// within tells whether place a lies inside place b (or is b).
func (g *geoIndex) within(a, b int) bool {
	// The data has no cycles; the bound keeps a bad edit from hanging.
	for n := 0; a >= 0 && n < 16; n++ {
		if a == b {
			return true
		}
		a = g.places[a].parent
	}
	return false
}

// placesCompatible tells whether two surface forms can name one location:
// one reading of each is the same place or lies inside the other (Anchorage
// and Alaska). Unknown names are never declared incompatible.
func placesCompatible(a, b string) bool {
	ra, rb := geo.lookup(a), geo.lookup(b)
	if len(ra) == 0 || len(rb) == 0 {
		return true
	}
	for _, x := range ra {
		for _, y := range rb {
			if geo.within(x, y) || geo.within(y, x) {
				return true
			}
			// The gazetteer does not place every city in its region: a
			// city and a region of one country may still contain each
			// other (Palermo and Sicily).
			px, py := geo.places[x], geo.places[y]
			if px.kind != py.kind && px.kind != "country" && py.kind != "country" && px.kind != "continent" && py.kind != "continent" {
				if cx, cy := geo.countryOf(x), geo.countryOf(y); cx >= 0 && cx == cy {
					return true
				}
			}
		}
	}
	return false
}

// countryOf returns the country a place lies in, or -1.
func (g *geoIndex) countryOf(a int) int {
	for n := 0; a >= 0 && n < 16; n++ {
		if g.places[a].kind == "country" {
			return a
		}
		a = g.places[a].parent
	}
	return -1
}

// placesWithin tells whether some reading of inner lies inside a reading of
// outer ("Nashville" in "Tennessee").
func placesWithin(inner, outer string) bool {
	a, b := geo.lookup(inner), geo.lookup(outer)
	return len(a) > 0 && len(b) > 0 && geo.anyWithin(a, b)
}

// Prepositions that put an event at a place.
var geoLocativePreps = map[string]bool{
	"in": true, "at": true, "near": true, "outside": true, "inside": true, "from": true,
	"to": true, "into": true, "across": true, "throughout": true,
}

// parsePlaces finds the gazetteer places of a sentence that follow a
// locative preposition ("in Anchorage, Alaska", "near Kharkiv") or stand as
// a dateline. "City, State" joins into the city when the state contains it.
// Places named without a preposition are mostly actors ("Russia said") and
// are left to the actor index.
func parsePlaces(s string, toks []ctoken) []Value {
	var out []Value
	for i := 0; i < len(toks); i++ {
		if toks[i].Kind != ctWord || !toks[i].Cap {
			continue
		}
		prevLoc := i > 0 && toks[i-1].is(ctfLocPrep)
		// Allow one adjective between: "in eastern Ukraine", "in northern Syria".
		if !prevLoc && i > 1 && toks[i-2].is(ctfLocPrep) && toks[i-1].is(ctfCompass) {
			prevLoc = true
		}
		dateline := i == 0 && geoUpperWord(toks[0].Text)
		if !prevLoc && !dateline {
			continue
		}
		id, n := geo.longestAt(toks, i)
		if n == 0 {
			continue
		}
		end := i + n
		// "Anchorage, Alaska": the qualifier is the containing place.
		if end+1 < len(toks) && toks[end].Text == "," && toks[end+1].Cap {
			if pid, pn := geo.longestAt(toks, end+1); pn > 0 && geo.anyWithin(id, pid) {
				end = end + 1 + pn
			}
		}
		out = append(out, Value{
			Text: s[toks[i].Start:toks[end-1].End], Norm: geoDisplayName(geo.places[id[0]].name),
			Start: toks[i].Start, End: toks[end-1].End, Actor: -1,
		})
		i = end - 1
	}
	return out
}

var geoCompassWords = map[string]bool{
	"northern": true, "southern": true, "eastern": true, "western": true, "central": true,
	"north": true, "south": true, "east": true, "west": true, "northeastern": true,
	"northwestern": true, "southeastern": true, "southwestern": true, "downtown": true,
}

// longestAt finds the longest gazetteer name starting at toks[i] made of
// capitalised words (and inner "of", "the", "and", hyphens).
func (g *geoIndex) longestAt(toks []ctoken, i int) ([]int, int) {
	if !toks[i].Cap || toks[i].Kind != ctWord {
		return nil, 0
	}
	// The key is built as geoKey would: lower case, no dots, "saint" as
	// "st", one space between words; the byte buffer is looked up without
	// a string copy.
	var buf [96]byte
	key := buf[:0]
	var best []int
	bestN := 0
	for k := i; k < len(toks) && k-i < g.maxWord; k++ {
		t := toks[k]
		if t.Kind != ctWord {
			break
		}
		if k > i {
			key = append(key, ' ')
		}
		w := t.Lower
		if w == "saint" {
			w = "st"
		}
		for j := 0; j < len(w); j++ {
			if w[j] != '.' {
				key = append(key, w[j])
			}
		}
		if ids, ok := g.byName[string(key)]; ok && t.Cap {
			best, bestN = ids, k-i+1
		}
	}
	return best, bestN
}

// anyWithin: some reading of a lies inside some reading of b.
func (g *geoIndex) anyWithin(a, b []int) bool {
	for _, x := range a {
		for _, y := range b {
			if x != y && g.within(x, y) {
				return true
			}
		}
	}
	return false
}

func geoUpperWord(s string) bool {
	has := false
	for _, r := range s {
		if r >= 'a' && r <= 'z' {
			return false
		}
		if r >= 'A' && r <= 'Z' {
			has = true
		}
	}
	return has && len(s) > 2
}
