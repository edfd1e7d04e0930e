package model

import "slices"

// nameList is a coordination of names in one sentence: "Donetsk, Luhansk,
// Zaporizhzhia, and Kherson"; "Rubio, Witkoff and Lavrov". Two sources that
// list the same kind of thing with some names in common and some not
// disagree on the list.
type nameList struct {
	items      []listItem
	start, end int       // byte range in the sentence
	ctx        []lemmaID // content lemmas next to the list
}

type listItem struct {
	key        string // who or what: "actor:3" or "name:luhansk"
	start, end int    // the name's byte range
}

// listLeadWords open a list inside a segment: "including Donetsk, ...".
var listLeadWords = map[string]bool{"including": true, "includes": true, "included": true, "such": true, "as": true, "like": true, "namely": true, "among": true}

// parseLists finds coordinated name lists. Items are separated by commas,
// "and", "or", "as well as"; each item is a short segment whose name is its
// last run of capitalised words (titles and a few lower-case words before it
// are allowed: "special envoy to Russia Steve Witkoff"). A list needs its
// items joined by "and", "or" or "as well as".
func parseLists(s string, toks []ctoken) []nameList {
	var out []nameList
	var cur nameList
	// The items of the list being read, in one array for the sentence; a
	// list that is kept gets a copy.
	var itemBuf []listItem
	joined := false // an "and", "or" or "as well as" joined two items
	flush := func() {
		// "A, B, C" without a conjunction is an address or a chain of
		// appositions more often than a list.
		if len(cur.items) >= 2 && joined {
			out = append(out, nameList{items: slices.Clone(cur.items), start: cur.start, end: cur.end, ctx: cur.ctx})
		}
		if cur.items != nil {
			itemBuf = cur.items[:0]
		}
		cur, joined = nameList{}, false
	}
	start := func(it listItem) {
		itemBuf = append(itemBuf[:0], it)
		cur = nameList{items: itemBuf, start: it.start, end: it.end}
	}
	conjunction := false // the connector before this segment had "and"/"or"
	i := 0
	for i < len(toks) {
		a := i
		for i < len(toks) && listConnectorLen(toks, i) == 0 && !listStops(&toks[i]) {
			i++
		}
		if len(cur.items) > 0 {
			if it, closing, ok := listSegmentItem(toks, a, i, false); ok {
				cur.items = append(cur.items, it)
				cur.end = it.end
				joined = joined || conjunction
				if closing {
					flush()
				}
			} else {
				flush()
				if it, _, ok := listSegmentItem(toks, a, i, true); ok {
					start(it)
				}
			}
		} else if it, _, ok := listSegmentItem(toks, a, i, true); ok {
			start(it)
		}
		if i >= len(toks) {
			break
		}
		if n := listConnectorLen(toks, i); n > 0 {
			conjunction = n > 1 || toks[i].Text != ","
			i += n
			continue
		}
		flush()
		i++
	}
	flush()
	return out
}

// listStops: punctuation that ends any list (not a comma, hyphen or
// apostrophe).
func listStops(t *ctoken) bool {
	return t.Kind == ctPunct && t.Text != "," && t.Text != "-" && t.Text != "'" && t.Text != "’"
}

// listConnectorLen returns the length in tokens of a list connector at
// toks[i] (a comma, "and", "or", "&", "as well as", ", and"), or 0.
func listConnectorLen(toks []ctoken, i int) int {
	t := &toks[i]
	if !t.is(ctfListConn) {
		return 0
	}
	switch t.Lower {
	case ",", "and", "or", "&":
		n := 1
		// ", and" / ", as well as" count as one connector.
		if t.Text == "," && i+1 < len(toks) && (toks[i+1].Lower == "and" || toks[i+1].Lower == "or") {
			n = 2
		}
		if t.Text == "," && i+3 < len(toks) && toks[i+1].Lower == "as" && toks[i+2].Lower == "well" && toks[i+3].Lower == "as" {
			n = 4
		}
		return n
	case "as":
		if i+2 < len(toks) && toks[i+1].Lower == "well" && toks[i+2].Lower == "as" {
			return 3
		}
	}
	return 0
}

// listSegmentItem reads the item of one segment toks[a:b]. The first item
// of a list may end a long clause, so it is the segment's last run of
// capitalised words, with at most two lower-case words after it ("the
// Donetsk and Luhansk cities"). A later item is the segment's first run,
// after at most three lower-case words (titles: "special envoy Steve
// Witkoff"); when more than two words follow it, it is the list's last
// item and closing is set.
func listSegmentItem(toks []ctoken, a, b int, first bool) (it listItem, closing, ok bool) {
	if a >= b {
		return listItem{}, false, false
	}
	var st, end int
	if first {
		end = b
		trailing := 0
		for end > a && !toks[end-1].Cap {
			if toks[end-1].Kind != ctWord || toks[end-1].is(ctfFunction) {
				return listItem{}, false, false
			}
			end--
			trailing++
		}
		if end == a || trailing > 2 {
			return listItem{}, false, false
		}
		st = end - 1
		for st > a && (toks[st-1].Cap || (toks[st-1].Lower == "of" && st-1 > a && toks[st-2].Cap)) {
			st--
		}
	} else {
		st = a
		lower := 0
		for st < b && !toks[st].Cap {
			if toks[st].Kind != ctWord || listLeadWords[toks[st].Lower] || !listTitleWord(toks[st].Lower) {
				return listItem{}, false, false
			}
			st++
			lower++
		}
		if st == b || lower > 3 {
			return listItem{}, false, false
		}
		end = st + 1
		for end < b && (toks[end].Cap || (toks[end].Lower == "of" && end+1 < b && toks[end+1].Cap)) {
			end++
		}
		closing = b-end > 2
	}
	// "The", "A" opening the run are not part of the name.
	for st < end-1 && toks[st].is(ctfFunction) {
		st++
	}
	if toks[st].is(ctfFunction) {
		return listItem{}, false, false
	}
	// The key is the claim builder's to give (nameKey).
	return listItem{start: toks[st].Start, end: toks[end-1].End}, closing, true
}

// listTitleWord: a lower-case word that may stand before a name inside a
// list: an article, a title ("special envoy", "chief of staff"), a
// qualifier of a title ("senior aide", "former"). A generic noun ("the
// capital of ...") makes the segment an apposition, not a list item.
func listTitleWord(w string) bool {
	switch w {
	case "the", "of", "to", "for", "and", "then", "new", "newly", "top", "senior", "special",
		"deputy", "former", "acting", "interim", "chief", "staff", "foreign", "defense", "defence",
		"treasury", "state", "interior", "finance", "prime", "vice", "assistant", "veteran", "his", "her", "their":
		return true
	}
	return roleHeads[w] || roleTemporal[w] != ""
}
