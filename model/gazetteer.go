package model

import (
	_ "embed"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// General knowledge the actor matcher needs: countries with their demonyms
// and seats of government, international bodies, places, titles, and the
// capitalised words that are never a name. None of it is about one story.

//go:embed data/countries.tsv
var gazCountriesTSV string

//go:embed data/orgs.tsv
var gazOrgsTSV string

//go:embed data/places.txt
var gazPlacesTxt string

//go:embed data/titles.txt
var gazTitlesTxt string

//go:embed data/nonnames.txt
var gazNonnamesTxt string

//go:embed data/name_heads.txt
var gazHeadsTxt string

//go:embed data/nicknames.txt
var gazNicknamesTxt string

// gazForm says how a surface form names its entry.
type gazForm uint8

const (
	gazAlias   gazForm = iota // the name or another name: "U.S.", "NATO"
	gazDemonym                // an adjective or people: "Russian", "Europeans"
	gazMetonym                // a capital or seat standing for the government
)

// gazEntry is one known actor: a country, a body or a place.
type gazEntry struct {
	Name string
	Kind string
}

// gazPhrase is one surface form of an entry as folded tokens.
type gazPhrase struct {
	toks    []string
	key     string // toks joined by spaces
	entry   int
	form    gazForm
	surface string // spelling as listed, used for all-caps text
	// acronym is actAcronym(surface); capsOnly: an acronym without
	// periods ("US"), a name only when written in capitals.
	acronym, capsOnly bool
}

// gazetteerData is the parsed data directory.
type gazetteerData struct {
	entries []gazEntry
	// phrases by their first folded token, longest first.
	phrases map[string][]gazPhrase
	// role heads: single words and phrases ("chief of staff"), by first
	// and by last token, longest first.
	heads        map[string]bool
	headsByFirst map[string][][]string
	headsByLast  map[string][][]string
	modifiers    map[string]bool
	honorifics   map[string]bool
	suffixes     map[string]bool
	nonnames     map[string]bool
	grammar      map[string]bool // the grammar-word part of nonnames
	orgHeads     map[string]bool
	placeHeads   map[string]bool
	// abbrevs keep their final period as part of the token ("Gen.", "Mr.").
	abbrevs map[string]bool
	// nick lists for a given name the groups of its forms ("jim" -> the
	// group of "james"); a name may be in several ("harry", "pat").
	nick map[string][]int
	// wordFlags says for each word of the lists above which lists hold it
	// (actor_words.go): one lookup answers for all.
	wordFlags map[string]actWordFlags
}

var (
	gazOnce sync.Once
	gaz     *gazetteerData
)

// loadGazetteer parses the embedded data once.
func loadGazetteer() *gazetteerData {
	gazOnce.Do(func() {
		g := &gazetteerData{
			phrases:      map[string][]gazPhrase{},
			heads:        map[string]bool{},
			headsByFirst: map[string][][]string{},
			headsByLast:  map[string][][]string{},
			modifiers:    map[string]bool{},
			honorifics:   map[string]bool{},
			suffixes:     map[string]bool{"jr": true, "jr.": true, "sr": true, "sr.": true, "ii": true, "iii": true, "iv": true},
			nonnames:     map[string]bool{},
			grammar:      map[string]bool{},
			orgHeads:     map[string]bool{},
			placeHeads:   map[string]bool{},
			abbrevs:      map[string]bool{"st": true, "jr": true, "sr": true, "mt": true, "ft": true},
		}
		g.parseTitles()
		g.parseNonnames()
		g.parseHeads()
		g.nick = map[string][]int{}
		for gi, l := range dataLines(gazNicknamesTxt) {
			for _, w := range strings.Fields(l) {
				g.nick[w] = append(g.nick[w], gi)
			}
		}
		seen := map[string]bool{}
		g.parseTable(gazCountriesTSV, seen, func(cols []string) (string, []string, []string, []string) {
			return ActorCountry, cols[1:2], cols[2:3], cols[3:4]
		})
		g.parseTable(gazOrgsTSV, seen, func(cols []string) (string, []string, []string, []string) {
			return cols[1], cols[2:3], cols[3:4], nil
		})
		for _, l := range dataLines(gazPlacesTxt) {
			name, aliases, _ := strings.Cut(l, "=")
			name = strings.TrimSpace(name)
			id := g.addEntry(name, ActorPlace)
			g.addForm(id, name, gazAlias, seen)
			for _, a := range strings.Split(aliases, ",") {
				g.addForm(id, a, gazAlias, seen)
			}
		}
		for k, list := range g.phrases {
			sortPhrasesLongestFirst(list)
			g.phrases[k] = list
		}
		g.indexWordFlags()
		gaz = g
	})
	return gaz
}

// sameGivenName: two forms of one given name ("Jim", "James").
func (g *gazetteerData) sameGivenName(a, b string) bool {
	for _, x := range g.nick[a] {
		for _, y := range g.nick[b] {
			if x == y {
				return true
			}
		}
	}
	return false
}

// dataLines are the non-blank, non-comment lines of a data file.
func dataLines(data string) []string {
	var out []string
	for _, l := range strings.Split(data, "\n") {
		l = strings.TrimRight(l, "\r")
		if strings.TrimSpace(l) == "" || strings.HasPrefix(strings.TrimSpace(l), "#") {
			continue
		}
		out = append(out, l)
	}
	return out
}

// dataSections splits a "[section]" file into its sections' lines.
func dataSections(data string) map[string][]string {
	out := map[string][]string{}
	sec := ""
	for _, l := range dataLines(data) {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "[") && strings.HasSuffix(t, "]") {
			sec = t[1 : len(t)-1]
			continue
		}
		out[sec] = append(out[sec], t)
	}
	return out
}

func (g *gazetteerData) parseTable(data string, seen map[string]bool, cols func([]string) (kind string, aliases, demonyms, metonyms []string)) {
	for _, l := range dataLines(data) {
		c := strings.Split(l, "\t")
		for len(c) < 4 {
			c = append(c, "")
		}
		kind, aliases, demonyms, metonyms := cols(c)
		name := strings.TrimSpace(c[0])
		id := g.addEntry(name, kind)
		g.addForm(id, name, gazAlias, seen)
		for _, field := range aliases {
			for _, a := range strings.Split(field, ",") {
				g.addForm(id, a, gazAlias, seen)
			}
		}
		for _, field := range demonyms {
			for _, a := range strings.Split(field, ",") {
				g.addForm(id, a, gazDemonym, seen)
			}
		}
		for _, field := range metonyms {
			for _, a := range strings.Split(field, ",") {
				g.addForm(id, a, gazMetonym, seen)
			}
		}
	}
}

func (g *gazetteerData) addEntry(name, kind string) int {
	g.entries = append(g.entries, gazEntry{Name: strings.TrimPrefix(name, "The "), Kind: kind})
	return len(g.entries) - 1
}

// addForm indexes one surface form; the first entry to claim a form keeps
// it (countries are read before bodies and places).
func (g *gazetteerData) addForm(id int, surface string, form gazForm, seen map[string]bool) {
	surface = strings.TrimSpace(surface)
	surface = strings.TrimPrefix(surface, "The ")
	surface = strings.TrimPrefix(surface, "the ")
	if surface == "" {
		return
	}
	toks := actTokenize(surface, nil, g)
	if len(toks) == 0 {
		return
	}
	folded := make([]string, len(toks))
	for i, t := range toks {
		folded[i] = t.fold
	}
	key := strings.Join(folded, " ")
	if seen[key] {
		return
	}
	seen[key] = true
	acronym := actAcronym(surface)
	g.phrases[folded[0]] = append(g.phrases[folded[0]], gazPhrase{
		toks: folded, key: key, entry: id, form: form, surface: surface,
		acronym: acronym, capsOnly: acronym && !strings.Contains(surface, "."),
	})
}

func sortPhrasesLongestFirst(list []gazPhrase) {
	for i := 1; i < len(list); i++ {
		for j := i; j > 0 && len(list[j].toks) > len(list[j-1].toks); j-- {
			list[j], list[j-1] = list[j-1], list[j]
		}
	}
}

func (g *gazetteerData) parseTitles() {
	sec := dataSections(gazTitlesTxt)
	for _, h := range sec["head"] {
		f := strings.Fields(gazFold(h))
		if strings.HasSuffix(h, ".") && len(f) == 1 {
			g.abbrevs[strings.TrimSuffix(f[0], ".")] = true
		}
		if len(f) == 1 {
			g.heads[f[0]] = true
			continue
		}
		g.headsByFirst[f[0]] = append(g.headsByFirst[f[0]], f)
		g.headsByLast[f[len(f)-1]] = append(g.headsByLast[f[len(f)-1]], f)
	}
	for _, m := range sec["modifier"] {
		g.modifiers[gazFold(m)] = true
	}
	for _, h := range sec["honorific"] {
		f := gazFold(h)
		g.honorifics[f] = true
		if strings.HasSuffix(f, ".") {
			g.abbrevs[strings.TrimSuffix(f, ".")] = true
		}
	}
	for _, m := range []map[string][][]string{g.headsByFirst, g.headsByLast} {
		for k, list := range m {
			for i := 1; i < len(list); i++ {
				for j := i; j > 0 && len(list[j]) > len(list[j-1]); j-- {
					list[j], list[j-1] = list[j-1], list[j]
				}
			}
			m[k] = list
		}
	}
}

func (g *gazetteerData) parseNonnames() {
	section := ""
	for _, l := range strings.Split(gazNonnamesTxt, "\n") {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "#") {
			section = t
			continue
		}
		for _, w := range strings.Fields(t) {
			f := gazFold(w)
			g.nonnames[f] = true
			if section == "# grammar words" {
				g.grammar[f] = true
			}
		}
	}
}

func (g *gazetteerData) parseHeads() {
	sec := dataSections(gazHeadsTxt)
	for _, l := range sec["organization"] {
		for _, w := range strings.Fields(l) {
			g.orgHeads[gazFold(w)] = true
		}
	}
	for _, l := range sec["place"] {
		for _, w := range strings.Fields(l) {
			g.placeHeads[gazFold(w)] = true
		}
	}
}

// gazFold is the form names are compared in: lower case, no diacritics,
// typographic apostrophes made plain. ASCII lower-case input is returned
// as is, without allocating.
func gazFold(s string) string {
	ascii, lower := true, true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		if 'A' <= c && c <= 'Z' {
			lower = false
		}
	}
	if ascii {
		if lower {
			return s
		}
		return strings.ToLower(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == '’' || r == '‘' || r == 'ʼ':
			r = '\''
		case r == '‐' || r == '–':
			r = '-'
		case r == 'ß':
			b.WriteString("ss")
			continue
		case r == 'ı':
			r = 'i'
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}
