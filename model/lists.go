package model

// nameList is a coordination of names in one sentence: "Donetsk, Luhansk,
// Zaporizhzhia, and Kherson"; "Rubio, Witkoff and Lavrov". Two sources that
// list the same kind of thing with some names in common and some not
// disagree on the list.
type nameList struct {
	items      []listItem
	start, end int // byte range in the sentence
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
// are allowed: "special envoy to Russia Steve Witkoff"). A list needs two
// items joined by "and"/"or"/"as well as", or three items.
func parseLists(s string, toks []ctoken) []nameList {
	var out []nameList
	var cur nameList
	joined := false // an "and"/"or" joined two items of cur
	flush := func() {
		if len(cur.items) >= 3 || (len(cur.items) == 2 && joined) {
			out = append(out, cur)
		}
		cur, joined = nameList{}, false
	}
	i := 0
	for i < len(toks) {
		// Read one segment up to a connector or other punctuation.
		segStart := i
		for i < len(toks) && !listConnectorAt(toks, i) && !(toks[i].Kind == ctPunct && toks[i].Text != "-" && toks[i].Text != "'") {
			i++
		}
		item, ok := listSegmentItem(toks, segStart, i, len(cur.items) == 0)
		if !ok {
			flush()
			// A long first segment may still end with the first item.
			if item2, ok2 := listSegmentItem(toks, segStart, i, true); ok2 {
				cur.items = append(cur.items, item2)
				cur.start = item2.start
				cur.end = item2.end
			}
		} else {
			if len(cur.items) == 0 {
				cur.start = item.start
			}
			cur.items = append(cur.items, item)
			cur.end = item.end
		}
		if i >= len(toks) {
			break
		}
		// Consume the connector.
		if n := listConnectorLen(toks, i); n > 0 {
			if len(cur.items) > 0 && toks[i].Text != "," || (toks[i].Text == "," && i+1 < len(toks) && listConnectorLen(toks, i+1) > 0 && toks[i+1].Text != ",") {
				joined = joined || len(cur.items) > 0
			}
			i += n
			continue
		}
		// Other punctuation ends any list.
		flush()
		i++
	}
	flush()
	return out
}

// listConnectorAt: a comma, "and", "or", "&", "as well as".
func listConnectorAt(toks []ctoken, i int) bool { return listConnectorLen(toks, i) > 0 }

func listConnectorLen(toks []ctoken, i int) int {
	t := toks[i]
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

// listSegmentItem reads the item of one segment toks[a:b]. A middle item
// must be short: at most three lower-case words before its name and two
// after ("the Donetsk and Luhansk cities"). The first item of a list may
// end a long clause, so only its tail is read.
func listSegmentItem(toks []ctoken, a, b int, first bool) (listItem, bool) {
	if a >= b {
		return listItem{}, false
	}
	// The name: the last run of capitalised words (with inner "of").
	end := b
	trailing := 0
	for end > a && !toks[end-1].Cap {
		if toks[end-1].Kind != ctWord || lexFunctionWords[toks[end-1].Lower] {
			return listItem{}, false
		}
		end--
		trailing++
	}
	if end == a || trailing > 2 {
		return listItem{}, false
	}
	st := end - 1
	for st > a && (toks[st-1].Cap || (toks[st-1].Lower == "of" && st-1 > a && toks[st-2].Cap)) {
		st--
	}
	if !first {
		lower := 0
		for k := a; k < st; k++ {
			if listLeadWords[toks[k].Lower] {
				return listItem{}, false
			}
			if toks[k].Kind == ctWord && !toks[k].Cap {
				lower++
			}
		}
		if lower > 3 {
			return listItem{}, false
		}
	}
	// A sentence-initial capital alone is not a name.
	if st == 0 && end-st == 1 && lexFunctionWords[toks[0].Lower] {
		return listItem{}, false
	}
	return listItem{key: "name:" + toks[end-1].Lower, start: toks[st].Start, end: toks[end-1].End}, true
}
