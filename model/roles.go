package model

import (
	_ "embed"
	"strings"
)

// The country table the actor index uses also gives the demonyms that make
// a jurisdiction of a title ("Russian President", "U.S. President").
//
//go:embed data/countries.tsv
var roleCountriesTSV string

// roleJurisdiction maps a folded country name, alias or demonym to the
// country's name.
var roleJurisdiction = func() map[string]string {
	m := map[string]string{}
	lexReadTSV(roleCountriesTSV, func(f []string) {
		if len(f) == 0 || f[0] == "" {
			return
		}
		name := f[0]
		m[roleFold(name)] = name
		for _, col := range []int{1, 2} {
			if col < len(f) && f[col] != "" {
				for _, a := range strings.Split(f[col], ",") {
					if a = strings.TrimSpace(a); a != "" {
						m[roleFold(a)] = name
					}
				}
			}
		}
	})
	return m
}()

func roleFold(s string) string {
	return strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), ".", "")
}

// Words that place a title in time.
var roleTemporal = map[string]string{
	"former": "former", "ex": "former", "ex-": "former", "then": "former", "then-": "former",
	"late": "former", "erstwhile": "former",
	"acting": "acting", "interim": "acting", "caretaker": "acting",
	"current": "current", "sitting": "current", "incumbent": "current", "outgoing": "current",
	"incoming": "future", "designate": "future", "elect": "future",
}

// roleInfo is a title split into what can contradict: when (former,
// current, acting, future), where (the country) and what (the office).
type roleInfo struct {
	temporal     string
	jurisdiction string
	base         string
	text         string
}

// parseRole splits a title: "former U.S. President" is former, United
// States, president; "Russia's president" is Russia, president.
func parseRole(role string) roleInfo {
	ri := roleInfo{text: role}
	toks := ctokenize(role)
	var base []string
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.Kind != ctWord {
			continue
		}
		w := t.Lower
		// "ex-president", "president-elect": a temporal part glued on.
		if strings.HasPrefix(w, "ex-") {
			ri.temporal = "former"
			w = w[3:]
		} else if strings.HasSuffix(w, "-elect") {
			ri.temporal = "future"
			w = strings.TrimSuffix(w, "-elect")
		} else if strings.HasPrefix(w, "then-") {
			ri.temporal = "former"
			w = w[5:]
		}
		if tv, ok := roleTemporal[w]; ok {
			ri.temporal = tv
			continue
		}
		if t.isPossessive() || w == "the" || w == "a" || w == "an" {
			continue
		}
		if ri.jurisdiction == "" {
			// Longest country name first: "United States President".
			matched := false
			for n := min(4, len(toks)-i); n >= 1; n-- {
				form := role[toks[i].Start:toks[i+n-1].End]
				if c, ok := roleJurisdiction[roleFold(form)]; ok && toks[i].Cap {
					ri.jurisdiction = c
					i += n - 1
					matched = true
					break
				}
			}
			if matched {
				continue
			}
		}
		base = append(base, w)
	}
	ri.base = strings.Join(base, " ")
	return ri
}

// rolesClash tells whether two titles of one person cannot both hold when
// written: the same office, in the same or an unstated country, once as
// former and once as current; or the same office of two countries. It
// returns "" for no clash and the reason otherwise.
func rolesClash(a, b roleInfo) string {
	if a.base == "" || a.base != b.base || !roleIsOffice(a.base) {
		return ""
	}
	sameLand := a.jurisdiction == "" || b.jurisdiction == "" || a.jurisdiction == b.jurisdiction
	ta, tb := roleTimeClass(a.temporal), roleTimeClass(b.temporal)
	if sameLand && ta != tb && (ta == "former" || tb == "former") {
		return "former and sitting " + a.base
	}
	if !sameLand && ta != "former" && tb != "former" {
		return a.base + " of two countries"
	}
	return ""
}

// Offices someone holds or has left, as opposed to roles relative to
// someone else ("his former lawyer" may be his lawyer again) or forms of
// address. Only offices can be "former" in one source and current in
// another.
var roleOffices = lexWordSet(`president premier chancellor minister secretary senator governor
gov mayor king queen emperor empress pope ceo chairman chairwoman chair speaker director
commissioner commander general admiral chief sultan emir prince ambassador envoy judge
justice prosecutor sheriff congressman congresswoman representative rep sen leader head`)

// roleIsOffice: the title's last word names an office ("foreign
// minister", "secretary of state", "vice president").
func roleIsOffice(base string) bool {
	f := strings.Fields(base)
	if len(f) == 0 {
		return false
	}
	for _, w := range f {
		if roleOffices[strings.TrimSuffix(w, ".")] {
			return true
		}
	}
	return false
}

// roleTimeClass folds acting and unmarked titles into "current": an acting
// president is in office, a former one is not.
func roleTimeClass(t string) string {
	switch t {
	case "former", "future":
		return t
	}
	return "current"
}

// Title heads for the fallback role grammar, used when the actor index
// gives no roles: the office words that can stand right before a name.
var roleHeads = lexWordSet(`president premier chancellor minister secretary senator governor
mayor envoy ambassador king queen prince leader chief spokesman spokeswoman director general
commander chairman chairwoman chair ceo judge speaker representative lawmaker congressman
congresswoman diplomat adviser advisor aide emir sheikh pope cardinal bishop archbishop
sultan marshal admiral colonel lieutenant sergeant captain prosecutor commissioner sheriff`)

// fallbackRoles finds "Title Name" mentions without the actor index: up to
// six title words (time words, a country, office words) before a run of
// capitalised words, the last of which keys the person.
// cache, when not nil, keeps parseRole's results per title: a corpus
// repeats its titles.
func fallbackRoles(s string, toks []ctoken, cache map[string]roleInfo) []roleMention {
	var out []roleMention
	for i := 0; i < len(toks); i++ {
		if toks[i].Kind != ctWord || !toks[i].is(ctfRoleHead) { // roleHeads, looked up at tokenizing
			continue
		}
		// Multi-word offices: "prime minister", "secretary of state".
		j := i + 1
		for j < len(toks) && j < i+4 && toks[j].Kind == ctWord && (roleHeads[toks[j].Lower] || (toks[j].Lower == "of" && j+1 < len(toks) && toks[j+1].Cap && j+2 < len(toks) && toks[j+2].Cap)) {
			if toks[j].Lower == "of" {
				j += 2
				continue
			}
			j++
		}
		// The name: capitalised words right after the title.
		k := j
		for k < len(toks) && toks[k].Kind == ctWord && toks[k].Cap && !roleHeads[toks[k].Lower] {
			k++
		}
		if k == j {
			continue
		}
		// The title's start: time words and a country before the head.
		st := i
		for st > 0 && st > i-4 {
			p := toks[st-1]
			if p.Kind == ctWord && (roleTemporal[p.Lower] != "" || strings.HasPrefix(p.Lower, "ex-") || roleJurisdiction[roleFold(p.Text)] != "" || p.isPossessive() || (p.Cap && roleJurisdiction[roleFold(p.Text+" "+toks[st].Text)] != "")) {
				st--
				continue
			}
			break
		}
		title := s[toks[st].Start:toks[j-1].End]
		ri, ok := cache[title]
		if !ok {
			ri = parseRole(title)
			if cache != nil {
				cache[title] = ri
			}
		}
		out = append(out, roleMention{
			actor: -1, key: "name:" + toks[k-1].Lower,
			name:  s[toks[j].Start:toks[k-1].End],
			role:  ri,
			start: toks[st].Start, end: toks[k-1].End,
		})
		i = k - 1
	}
	return out
}

// roleMention is a title given to a person in one sentence, with the byte
// range of title and name.
type roleMention struct {
	actor      int    // index into Index.Actors, -1 without the actor index
	key        string // who: "actor:3" or "name:trump"
	name       string
	role       roleInfo
	start, end int
}
