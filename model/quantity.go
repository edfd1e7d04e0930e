package model

import (
	_ "embed"
	"math"
	"strconv"
	"strings"
)

//go:embed data/numbers.tsv
var qNumbersTSV string

//go:embed data/hedges.tsv
var qHedgesTSV string

//go:embed data/units.tsv
var qUnitsTSV string

// numberWord is one entry of data/numbers.tsv.
type qNumberWord struct {
	val  float64
	kind string // unit, ten, scale, fraction, plural, group
}

// unitInfo is one entry of data/units.tsv.
type qUnit struct {
	name   string // canonical unit
	dim    string // what it measures; values of one dimension compare
	factor float64
}

var (
	qNumberWords = map[string]qNumberWord{}
	qHedges      = newLexPhrases()
	qUnits       = newLexPhrases()
	qUnitByForm  = map[string]qUnit{}
	// unitCanon maps a canonical unit name to its dimension and factor.
	qUnitCanon = map[string]qUnit{}
)

func init() {
	lexReadTSV(qNumbersTSV, func(f []string) {
		if len(f) < 3 {
			return
		}
		v, err := strconv.ParseFloat(f[1], 64)
		if err != nil {
			panic("data/numbers.tsv: " + f[0] + ": " + err.Error())
		}
		qNumberWords[f[0]] = qNumberWord{v, f[2]}
	})
	lexReadTSV(qHedgesTSV, func(f []string) {
		if len(f) >= 2 {
			qHedges.add(f[0], f[1])
		}
	})
	for w := range qNumberWords {
		qStartWords[w] = true
	}
	for w := range qHedges.byFirst {
		qStartWords[w] = true
	}
	lexReadTSV(qUnitsTSV, func(f []string) {
		if len(f) < 4 {
			return
		}
		v, err := strconv.ParseFloat(f[3], 64)
		if err != nil {
			panic("data/units.tsv: " + f[0] + ": " + err.Error())
		}
		qUnitByForm[f[0]] = qUnit{f[1], f[2], v}
		qUnitCanon[f[1]] = qUnit{f[1], f[2], v}
		qUnits.add(f[0], f[0])
	})
}

// parsedNumber is a number expression before hedges and units apply.
type qNumber struct {
	lo, hi     float64 // equal for a single number
	hiOpen     bool    // "tens of thousands" is [10000, 100000)
	step       float64 // place value of the last significant digit
	fraction   bool    // "a fifth": a share, not a count
	vague      bool    // "dozens", "tens of thousands"
	n          int     // tokens used
	wordNumber bool    // spelled out ("three"), not digits
}

// parseQuantities finds every quantity of a sentence: an optional hedge, a
// number expression (digits, words, fractions, vague plurals, ranges) and a
// unit, turned into an interval.
func parseQuantities(s string, toks []ctoken) []Quantity {
	var out []Quantity
	for i := 0; i < len(toks); i++ {
		// Only digits, a number word, a hedge, a currency sign, "a"/"an"
		// or "between" can open a quantity (qStartWords).
		if t := &toks[i]; t.Kind != ctNumber && !t.is(ctfQStart|ctfDigitStart) {
			continue
		} else if t.is(ctfArticle) && (i+1 >= len(toks) || !toks[i+1].is(ctfAfterArticle)) {
			continue
		}
		q, n := qAt(s, toks, i)
		if n > 0 {
			out = append(out, q)
			i += n - 1
		}
	}
	return out
}

// qStartWords are the first words of hedges and number expressions (filled
// by init with the data files).
var qStartWords = map[string]bool{"a": true, "an": true, "between": true, "tens": true, "$": true, "€": true,
	"£": true, "¥": true, "us$": true, "magnitude": true, "half": true}

// qAt tries to read a quantity starting at toks[i].
func qAt(s string, toks []ctoken, i int) (Quantity, int) {
	start := i
	// Most quantities open with a digit, no hedge word: the flag spares
	// them the phrase table's map look-up.
	var hedge string
	var hn int
	if toks[i].is(ctfHedgeFirst) {
		hedge, hn = qHedges.match(toks, i)
	}
	// "some" and "just" are hedges only before a number.
	j := i + hn
	// A currency symbol or "magnitude" may precede the number.
	var prefixUnit string
	if j < len(toks) {
		switch toks[j].Lower {
		case "$", "€", "£", "¥", "us$", "magnitude":
			prefixUnit = toks[j].Lower
			j++
		}
	}
	num, ok := qNumberExpr(toks, j)
	if !ok {
		return Quantity{}, 0
	}
	if hn == 0 && prefixUnit != "" {
		start = j - 1
	} else if hn == 0 {
		start = j
	}
	j += num.n
	// A unit glued to a number word or digits: "65-year-old", "3-hour".
	var unit qUnit
	var unitWord string
	glued := false
	last := toks[j-1]
	if k := strings.IndexByte(last.Lower, '-'); k > 0 && num.n == 1 {
		if u, ok := qUnitByForm[last.Lower[k+1:]]; ok {
			unit, unitWord, glued = u, last.Lower[k+1:], true
		} else if _, isNum := qNumberWords[last.Lower[:k]]; isNum || qDigits(last.Lower[:k]) {
			if _, isNum2 := qNumberWords[last.Lower[k+1:]]; !isNum2 {
				// "three-way", "one-on-one": a compound, not a quantity.
				return Quantity{}, 0
			}
		}
	}
	end := j
	if prefixUnit != "" {
		unit, unitWord = qUnitByForm[prefixUnit], prefixUnit
		// "$5 billion dollars" never happens; "$5 billion" ends here.
	} else if !glued {
		k := j
		// "tens of thousands of people", "a fifth of Ukraine's territory".
		if k < len(toks) && toks[k].Lower == "of" && (num.vague || num.fraction) {
			k++
			for k < len(toks) && (toks[k].Lower == "the" || toks[k].Lower == "its" || toks[k].Lower == "their") {
				k++
			}
		}
		if v, n := qUnits.match(toks, k); n > 0 {
			unit, unitWord = qUnitByForm[v], v
			end = k + n
		} else if num.fraction {
			unit = qUnitCanon["percent"]
			// The whole: "of the town", "of Ukraine's territory".
			if k < len(toks) && toks[k].Kind == ctWord && !toks[k].is(ctfFunction) && k > j {
				end = k + 1
				if k+2 < len(toks) && toks[k+1].isPossessive() && toks[k+2].Kind == ctWord && !toks[k+2].is(ctfFunction) {
					end = k + 3
				}
				unitWord = toks[end-1].Lower
			}
		} else if head, hk := qCountNoun(toks, k, num.hi); head != "" {
			unitWord = head
			unit = qUnit{name: qSingular(head), dim: "count:" + qSingular(head), factor: 1}
			end = hk + 1
		}
	}
	if unit.name == "" {
		// A bare number: a year, a score, a page. Words like "one" are
		// pronouns more often than counts; only digits with a hedge stay.
		if num.wordNumber || hn == 0 || num.fraction {
			return Quantity{}, 0
		}
		unit = qUnit{name: "", dim: "number", factor: 1}
	}
	if qYearLike(toks, j-num.n, num) && unit.dim == "number" {
		return Quantity{}, 0
	}
	// "one of the", "one another": not counts.
	if num.wordNumber && num.lo == 1 && num.hi == 1 && unit.dim != "duration" && !glued && unitWord == "" {
		return Quantity{}, 0
	}
	q := Quantity{Unit: unit.name}
	q.Lo, q.Hi, q.HiOpen = num.lo, num.hi, num.hiOpen
	if num.fraction {
		q.Lo, q.Hi = q.Lo*100, q.Hi*100
		num.step *= 100
	}
	qApplyHedge(&q, hedge, num.step)
	if num.vague {
		q.Approximate = true
	}
	q.Text = s[toks[start].Start:toks[end-1].End]
	q.Start, q.End = toks[start].Start, toks[end-1].End
	q.Actor = -1
	q.Norm = qFormat(q)
	return q, end - i
}

// applyHedge turns a number into the interval its hedge means.
func qApplyHedge(q *Quantity, hedge string, step float64) {
	x := q.Hi
	switch hedge {
	case "below":
		q.Lo, q.Hi, q.HiOpen = x-step/2, x, true
		q.Approximate = true
	case "above":
		q.Lo, q.Hi, q.LoOpen = x, x+step, true
		q.Approximate = true
	case "atleast":
		q.Hi = math.Inf(1)
	case "upto":
		q.Lo = 0
	case "under":
		q.Lo, q.HiOpen = 0, true
	case "about":
		q.Lo, q.Hi = q.Lo-step/2, x+step/2
		q.Approximate = true
	}
}

// parseNumberExpr reads a number expression at toks[i]: digits with an
// optional scale word ("1.2 million"), spelled-out numbers ("twenty-five",
// "one hundred and five"), vague plurals ("dozens", "tens of thousands"),
// fractions ("a fifth", "two-thirds", "half") and ranges ("200-250,000",
// "between 3 and 5", "two or three").
func qNumberExpr(toks []ctoken, i int) (qNumber, bool) {
	if i >= len(toks) {
		return qNumber{}, false
	}
	if toks[i].Lower == "between" {
		a, ok := qSingleNumber(toks, i+1)
		if ok && i+1+a.n < len(toks) && toks[i+1+a.n].Lower == "and" {
			if b, ok := qSingleNumber(toks, i+2+a.n); ok {
				return qRange(a, b, 2+a.n+b.n), true
			}
		}
		return qNumber{}, false
	}
	// "tens of thousands", "hundreds of thousands".
	if i+2 < len(toks) && (toks[i].Lower == "tens" || toks[i].Lower == "hundreds") && toks[i+1].Lower == "of" {
		if w, ok := qNumberWords[toks[i+2].Lower]; ok && w.kind == "plural" {
			base := 10.0
			if toks[i].Lower == "hundreds" {
				base = 100
			}
			lo := base * w.val
			return qNumber{lo: lo, hi: lo * 10, hiOpen: true, step: lo, vague: true, n: 3, wordNumber: true}, true
		}
	}
	a, ok := qSingleNumber(toks, i)
	if !ok {
		return qNumber{}, false
	}
	k := i + a.n
	// Ranges: "200-250,000", "3 to 5", "two or three", "5-6 million".
	if k+1 < len(toks) && !a.fraction && !a.vague {
		sep := toks[k].Lower
		if sep == "-" || sep == "–" || sep == "—" || sep == "to" || sep == "or" {
			if b, ok := qSingleNumber(toks, k+1); ok && !b.fraction && !b.vague && b.hi > a.hi {
				if sep == "to" || sep == "or" || toks[k].Start == toks[k-1].End {
					return qRange(a, b, a.n+1+b.n), true
				}
			}
		}
	}
	return a, true
}

// makeRange joins two numbers into [a, b]. A short left side borrows the
// right side's magnitude: "200-250,000" is 200,000 to 250,000 and "5-6
// million" is 5 to 6 million.
func qRange(a, b qNumber, n int) qNumber {
	lo := a.lo
	if lo > 0 && b.hi/lo >= 100 {
		for lo*10 <= b.hi {
			lo *= 10
		}
	}
	hi := b.hi
	if lo > hi { // "between 20 and 10": a range written backwards
		lo, hi = min(a.lo, b.lo), max(a.hi, b.hi)
	}
	return qNumber{lo: lo, hi: hi, step: b.step, n: n, wordNumber: a.wordNumber && b.wordNumber}
}

// singleNumber reads one number at toks[i]: digits (with a scale word),
// spelled-out words, "a"/"an" + scale or fraction, vague plurals.
func qSingleNumber(toks []ctoken, i int) (qNumber, bool) {
	if i >= len(toks) {
		return qNumber{}, false
	}
	t := toks[i]
	if t.Kind == ctNumber || (t.Kind == ctWord && qStartsWithDigit(t.Lower)) {
		text := t.Lower
		if t.Kind == ctWord {
			// "3-hour": the digits before the hyphen.
			k := strings.IndexByte(text, '-')
			if k <= 0 || !qDigits(text[:k]) {
				return qNumber{}, false
			}
			text = text[:k]
		}
		v, err := strconv.ParseFloat(strings.ReplaceAll(text, ",", ""), 64)
		if err != nil {
			return qNumber{}, false
		}
		p := qNumber{lo: v, hi: v, step: qPlaceValue(v), n: 1}
		if t.Kind == ctNumber && i+1 < len(toks) {
			if w, ok := qNumberWords[toks[i+1].Lower]; ok && w.kind == "scale" {
				p.lo, p.hi, p.step = v*w.val, v*w.val, qPlaceValue(v)*w.val
				p.n = 2
			}
		}
		return p, true
	}
	if t.Kind != ctWord {
		return qNumber{}, false
	}
	// "a fifth", "a dozen", "a hundred", "an estimated" is a hedge, not here.
	if (t.Lower == "a" || t.Lower == "an") && i+1 < len(toks) {
		if w, ok := qNumberWords[toks[i+1].Lower]; ok {
			switch w.kind {
			case "fraction":
				if w.val == 0.25 && toks[i+1].Lower == "fourth" {
					// "a fourth summit" is an ordinal.
					if i+2 >= len(toks) || toks[i+2].Lower != "of" {
						return qNumber{}, false
					}
				}
				return qNumber{lo: w.val, hi: w.val, step: w.val, fraction: true, n: 2, wordNumber: true}, true
			case "scale", "group":
				return qNumber{lo: w.val, hi: w.val, step: w.val, n: 2, wordNumber: true}, true
			}
		}
		return qNumber{}, false
	}
	if t.Lower == "half" && i+1 < len(toks) && toks[i+1].Lower == "of" {
		return qNumber{lo: 0.5, hi: 0.5, step: 0.5, fraction: true, n: 1, wordNumber: true}, true
	}
	if w, ok := qNumberWords[t.Lower]; ok && w.kind == "plural" {
		return qNumber{lo: w.val, hi: w.val * 10, hiOpen: true, step: w.val, vague: true, n: 1, wordNumber: true}, true
	}
	return qSpelledNumber(toks, i)
}

// spelledNumber reads "twenty-five", "one hundred and five", "three
// million", and spelled fractions "two-thirds", "three quarters".
func qSpelledNumber(toks []ctoken, i int) (qNumber, bool) {
	total, cur := 0.0, 0.0
	n, last := 0, 1.0
	seen := false
	for k := i; k < len(toks); k++ {
		w := toks[k].Lower
		if w == "and" && seen && k+1 < len(toks) {
			if nw, ok := qNumberWords[toks[k+1].Lower]; ok && (nw.kind == "unit" || nw.kind == "ten") && cur >= 100 {
				n++
				continue
			}
			break
		}
		parts := []string{w}
		if strings.IndexByte(w, '-') > 0 {
			parts = strings.Split(w, "-")
		}
		val, ok := qSpelledParts(parts)
		if ok {
			// "two-thirds": a unit and a fraction in one word.
			if val.kind == "fraction" {
				if !seen {
					return qNumber{}, false
				}
				break
			}
			if val.kind == "scale" {
				if !seen {
					break
				}
				if cur == 0 {
					cur = 1
				}
				cur *= val.val
				if val.val >= 1000 {
					total += cur
					cur = 0
				}
				last = val.val
			} else {
				if seen && cur != 0 && int(cur)%10 != 0 {
					break // "five six" is two numbers
				}
				cur += val.val
				last = qPlaceValue(val.val)
			}
			seen = true
			n = k - i + 1
			continue
		}
		if f, ok := qSpelledFraction(parts); ok && !seen {
			return qNumber{lo: f, hi: f, step: f, fraction: true, n: 1, wordNumber: true}, true
		}
		break
	}
	if !seen {
		return qNumber{}, false
	}
	v := total + cur
	// A spelled fraction after the number: "three quarters of".
	if i+n < len(toks) {
		if w, ok := qNumberWords[toks[i+n].Lower]; ok && w.kind == "fraction" && v < 10 && toks[i+n].Lower != "fourth" && toks[i+n].Lower != "third" {
			f := v * w.val
			return qNumber{lo: f, hi: f, step: w.val, fraction: true, n: n + 1, wordNumber: true}, true
		}
	}
	return qNumber{lo: v, hi: v, step: last, n: n, wordNumber: true}, true
}

// spelledParts values a word or hyphenated compound of number words:
// "twenty-five" is 25, "hundred" a scale.
func qSpelledParts(parts []string) (qNumberWord, bool) {
	if len(parts) == 1 {
		w, ok := qNumberWords[parts[0]]
		if !ok || w.kind == "plural" || w.kind == "group" {
			return qNumberWord{}, false
		}
		return w, true
	}
	if len(parts) == 2 {
		a, ok1 := qNumberWords[parts[0]]
		b, ok2 := qNumberWords[parts[1]]
		if ok1 && ok2 && a.kind == "ten" && b.kind == "unit" && b.val < 10 {
			return qNumberWord{a.val + b.val, "unit"}, true
		}
	}
	return qNumberWord{}, false
}

// spelledFraction values "two-thirds", "one-fifth".
func qSpelledFraction(parts []string) (float64, bool) {
	if len(parts) != 2 {
		return 0, false
	}
	a, ok1 := qNumberWords[parts[0]]
	b, ok2 := qNumberWords[parts[1]]
	if ok1 && ok2 && a.kind == "unit" && b.kind == "fraction" {
		return a.val * b.val, true
	}
	return 0, false
}

// placeValue is the value of the last significant digit: 1 for 3 and 38,
// 10 for 30, 0.1 for 2.5, 10,000 for 250,000.
func qPlaceValue(v float64) float64 {
	v = math.Abs(v)
	if v == 0 {
		return 1
	}
	p := 1e-6
	for p < v*10 {
		r := v / p
		if math.Abs(r-math.Round(r)) < 1e-6*r && int64(math.Round(r))%10 != 0 {
			return p
		}
		p *= 10
	}
	return 1
}

// countNoun finds the counted noun after a number: the first plural-looking
// word within three content words for counts above one ("38 people were
// killed", "two Russian jets"), the first word for one. It stops at
// function words and punctuation.
func qCountNoun(toks []ctoken, k int, n float64) (string, int) {
	first, firstAt := "", -1
	for j := k; j < len(toks) && j < k+3; j++ {
		t := toks[j]
		if t.Kind != ctWord || t.is(ctfFunction) || t.isPossessive() {
			break
		}
		if _, isNum := qNumberWords[t.Lower]; isNum {
			break
		}
		if first == "" {
			first, firstAt = t.Lower, j
			if n == 1 {
				break
			}
		}
		if qLooksPlural(t.Lower) {
			return t.Lower, j
		}
	}
	if first == "" || (n != 1 && !qLooksPlural(first)) {
		return "", -1
	}
	return first, firstAt
}

var qIrregularPlurals = map[string]string{
	"people": "person", "children": "child", "men": "man", "women": "woman",
	"police": "police", "personnel": "personnel", "staff": "staff", "feet": "foot",
	"mice": "mouse", "teeth": "tooth", "geese": "goose", "crew": "crew", "aircraft": "aircraft",
	"sheep": "sheep", "cattle": "cattle", "livestock": "livestock", "fish": "fish",
}

func qLooksPlural(w string) bool {
	if _, ok := qIrregularPlurals[w]; ok {
		return true
	}
	return len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is")
}

// singular maps a plural noun to its singular ("people" to "person",
// "casualties" to "casualty") so counts of one thing share a unit.
func qSingular(w string) string {
	if s, ok := qIrregularPlurals[w]; ok {
		return s
	}
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "ches") || strings.HasSuffix(w, "shes") || strings.HasSuffix(w, "sses") || strings.HasSuffix(w, "xes"):
		return w[:len(w)-2]
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && len(w) > 3:
		return w[:len(w)-1]
	}
	return w
}

// isYearLike: a bare four-digit number from 1800 to 2100 reads as a year.
func qYearLike(toks []ctoken, i int, num qNumber) bool {
	if num.n != 1 || num.lo != num.hi || toks[i].Kind != ctNumber {
		return false
	}
	return len(toks[i].Lower) == 4 && num.lo >= 1800 && num.lo <= 2100
}

func qDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func qStartsWithDigit(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }

// intervalsDisjoint tells two quantities of one dimension that cannot both
// be true.
func quantitiesDisjoint(a, b Quantity) bool {
	alo, ahi := quantityBase(a)
	blo, bhi := quantityBase(b)
	const eps = 1e-9
	if ahi < blo-eps*math.Abs(blo) || bhi < alo-eps*math.Abs(alo) {
		return true
	}
	if math.Abs(ahi-blo) <= eps*math.Abs(blo) && (a.HiOpen || b.LoOpen) {
		return true
	}
	if math.Abs(bhi-alo) <= eps*math.Abs(alo) && (b.HiOpen || a.LoOpen) {
		return true
	}
	return false
}

// formatInterval writes a quantity's interval for tests and debugging:
// "[2.5,3) hour".
func qFormat(q Quantity) string {
	lb, rb := "[", "]"
	if q.LoOpen {
		lb = "("
	}
	if q.HiOpen {
		rb = ")"
	}
	f := func(b []byte, v float64) []byte {
		if math.IsInf(v, 1) {
			return append(b, "inf"...)
		}
		return strconv.AppendFloat(b, v, 'g', -1, 64)
	}
	var buf [64]byte
	b := append(buf[:0], lb...)
	b = append(f(b, q.Lo), ',')
	b = append(f(b, q.Hi), rb...)
	if q.Unit != "" {
		b = append(append(b, ' '), q.Unit...)
	}
	return string(b)
}

// quantityDim returns what a quantity measures and the factor to that
// dimension's base unit: hours and minutes are both durations in seconds; a
// count of people is the dimension "count:person".
func quantityDim(q Quantity) (string, float64) {
	if u, ok := qUnitCanon[q.Unit]; ok {
		return u.dim, u.factor
	}
	if q.Unit == "" {
		return "number", 1
	}
	return "count:" + q.Unit, 1
}

// quantityBase is the interval in the dimension's base unit.
func quantityBase(q Quantity) (lo, hi float64) {
	f := 1.0
	if u, ok := qUnitCanon[q.Unit]; ok {
		f = u.factor
	}
	lo, hi = q.Lo*f, q.Hi*f
	if math.IsInf(q.Hi, 1) {
		hi = q.Hi
	}
	return lo, hi
}
