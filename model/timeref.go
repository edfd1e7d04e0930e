package model

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

var tMonthNames = map[string]int{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
	"may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
	"september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
	"december": 12, "dec": 12,
}

// Short month names that are not abbreviations: a dot after them ends the
// sentence.
var tFullMonthNames = map[string]bool{"may": true, "june": true, "july": true}

var tWeekdayNames = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
}

// Words before a month that make an ambiguous name ("May", "March") a date.
var tMonthCue = map[string]bool{
	"in": true, "since": true, "of": true, "until": true, "by": true, "early": true, "late": true,
	"mid": true, "last": true, "next": true, "this": true, "from": true, "before": true, "after": true,
	"during": true, "on": true, "through": true, "till": true,
}

// tRelativeStart are the lower-case words that can open a time reference.
var tRelativeStart = map[string]bool{"today": true, "yesterday": true, "tomorrow": true, "tonight": true, "last": true, "next": true, "this": true}

// Relative day and period words, resolved against the article's date.
var tRelativeDays = map[string]int{"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}

// parseTimes finds the time references of a sentence: years, months with
// or without day and year, weekdays, "today", "last week", each marked when
// it follows "since". Weekdays and relative words resolve against the
// article date when there is one: backwards for what happened, forwards
// when the sentence or article looks ahead ("next Friday", a preview).
func parseTimes(s string, toks []ctoken, date time.Time, ahead bool) []TimeRef {
	var out []TimeRef
	for i := 0; i < len(toks); i++ {
		// Only numbers, capitalised months and weekdays and a few
		// relative words can open a time (tAt).
		if t := &toks[i]; t.Kind == ctPunct || (t.Kind == ctWord && !(t.Cap && t.is(ctfMonth|ctfWeekday)) && !t.is(ctfTimeStart)) {
			continue
		}
		tr, n := tAt(s, toks, i, date, ahead)
		if n > 0 {
			out = append(out, tr)
			i += n - 1
		}
	}
	return out
}

func tAt(s string, toks []ctoken, i int, date time.Time, ahead bool) (TimeRef, int) {
	t := toks[i]
	tr := TimeRef{Weekday: -1}
	tr.Actor = -1
	prev := ""
	if i > 0 {
		prev = toks[i-1].Lower
	}
	tr.Since = prev == "since"
	start, end := i, i+1
	switch {
	case t.Kind == ctNumber && tYearToken(t):
		// "2022", not "2022 people".
		if i+1 < len(toks) && toks[i+1].Kind == ctWord && qLooksPlural(toks[i+1].Lower) {
			return TimeRef{}, 0
		}
		if prev == "$" || prev == "€" || prev == "£" {
			return TimeRef{}, 0
		}
		tr.Year, _ = strconv.Atoi(t.Lower)
	case t.Kind == ctWord && t.Cap && t.is(ctfMonth):
		m := tMonthNames[strings.TrimSuffix(t.Lower, ".")]
		j := i + 1
		if j < len(toks) && toks[j].Text == "." && len(t.Lower) <= 4 && !tFullMonthNames[t.Lower] && toks[j].Start == t.End { // "Aug."
			j++
		}
		day, year := 0, 0
		if j < len(toks) && toks[j].Kind == ctNumber && len(toks[j].Lower) <= 2 {
			if d, _ := strconv.Atoi(toks[j].Lower); d >= 1 && d <= 31 {
				day = d
				j++
				if j+1 < len(toks) && toks[j].Text == "," && tYearToken(toks[j+1]) {
					j++
				}
			}
		} else if j < len(toks) && toks[j].Kind == ctWord && tOrdinalDay(toks[j].Lower) > 0 {
			day = tOrdinalDay(toks[j].Lower)
			j++
		}
		if j < len(toks) && tYearToken(toks[j]) {
			year, _ = strconv.Atoi(toks[j].Lower)
			j++
		}
		// "15 August": a day before the month.
		if day == 0 && i > 0 && toks[i-1].Kind == ctNumber && len(toks[i-1].Lower) <= 2 {
			if d, _ := strconv.Atoi(toks[i-1].Lower); d >= 1 && d <= 31 {
				day = d
				start = i - 1
				if start > 0 {
					prev = toks[start-1].Lower
					tr.Since = prev == "since"
				}
			}
		}
		short := t.Lower == "may" || t.Lower == "march" || len(t.Lower) <= 4
		if short && day == 0 && year == 0 && !tMonthCue[prev] {
			return TimeRef{}, 0
		}
		tr.Month, tr.Day, tr.Year = m, day, year
		if year == 0 && !date.IsZero() {
			// A month without a year is the nearest one: this year's unless
			// that lies well ahead of a report's date.
			tr.Year = date.Year()
			if !ahead && m > int(date.Month())+1 {
				tr.Year--
			}
		}
		end = j
	case t.Kind == ctWord && t.Cap && t.is(ctfWeekday):
		wd := tWeekdayNames[strings.TrimSuffix(t.Lower, "s")]
		tr.Weekday = int(wd)
		fwd := ahead
		switch prev {
		case "next", "coming", "following":
			fwd = true
		case "last", "past", "since":
			fwd = false
		}
		if prev == "last" || prev == "next" || prev == "this" || prev == "coming" {
			start = i - 1
		}
		if !date.IsZero() {
			d := tResolveWeekday(date, wd, fwd)
			tr.Year, tr.Month, tr.Day = d.Year(), int(d.Month()), d.Day()
		}
	case t.Kind == ctWord:
		if off, ok := tRelativeDays[t.Lower]; ok {
			if !date.IsZero() {
				d := date.AddDate(0, 0, off)
				tr.Year, tr.Month, tr.Day = d.Year(), int(d.Month()), d.Day()
			}
			break
		}
		if (t.Lower == "last" || t.Lower == "next" || t.Lower == "this") && i+1 < len(toks) {
			unit := toks[i+1].Lower
			dir := map[string]int{"last": -1, "next": 1, "this": 0}[t.Lower]
			switch unit {
			case "week", "month", "year":
				end = i + 2
				if !date.IsZero() {
					d := date
					switch unit {
					case "week":
						d = d.AddDate(0, 0, 7*dir)
						tr.Year, tr.Month, tr.Day = d.Year(), int(d.Month()), d.Day()
					case "month":
						d = time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, dir, 0)
						tr.Year, tr.Month = d.Year(), int(d.Month())
					case "year":
						tr.Year = d.Year() + dir
					}
				}
				tr.Text = s[toks[i].Start:toks[end-1].End]
				tr.Start, tr.End = toks[i].Start, toks[end-1].End
				tr.Norm = t.Lower + " " + unit
				if tr.Year != 0 {
					tr.Norm = tNorm(tr)
				}
				return tr, end - i
			}
		}
		return TimeRef{}, 0
	default:
		return TimeRef{}, 0
	}
	if tr.Since && start > 0 {
		start--
	}
	tr.Text = s[toks[start].Start:toks[end-1].End]
	tr.Start, tr.End = toks[start].Start, toks[end-1].End
	tr.Norm = tNorm(tr)
	return tr, end - i
}

func tYearToken(t ctoken) bool {
	if t.Kind != ctNumber || len(t.Lower) != 4 || !qDigits(t.Lower) {
		return false
	}
	y, _ := strconv.Atoi(t.Lower)
	return y >= 1800 && y <= 2100
}

func tOrdinalDay(w string) int {
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		if strings.HasSuffix(w, suf) && qDigits(w[:len(w)-2]) {
			d, _ := strconv.Atoi(w[:len(w)-2])
			if d >= 1 && d <= 31 {
				return d
			}
		}
	}
	return 0
}

// resolveWeekday finds the weekday nearest the date: on or before it for
// past events, on or after it for what lies ahead.
func tResolveWeekday(date time.Time, wd time.Weekday, forward bool) time.Time {
	diff := int(wd) - int(date.Weekday())
	if forward {
		if diff < 0 {
			diff += 7
		}
	} else if diff > 0 {
		diff -= 7
	}
	return date.AddDate(0, 0, diff)
}

// normTime writes a time reference as its known parts: "2025-08-15",
// "2022-02", "2019", "friday"; "since " in front when it opens a period.
func tNorm(t TimeRef) string {
	var buf [32]byte
	b := buf[:0]
	if t.Since {
		b = append(b, "since "...)
	}
	switch {
	case t.Year != 0 && t.Month != 0 && t.Day != 0:
		b = tAppendPadded(b, t.Year, 4)
		b = tAppendPadded(append(b, '-'), t.Month, 2)
		b = tAppendPadded(append(b, '-'), t.Day, 2)
	case t.Year != 0 && t.Month != 0:
		b = tAppendPadded(b, t.Year, 4)
		b = tAppendPadded(append(b, '-'), t.Month, 2)
	case t.Year != 0:
		b = tAppendPadded(b, t.Year, 4)
	case t.Month != 0 && t.Day != 0:
		b = tAppendPadded(append(b, "--"...), t.Month, 2)
		b = tAppendPadded(append(b, '-'), t.Day, 2)
	case t.Month != 0:
		b = tAppendPadded(append(b, "--"...), t.Month, 2)
	case t.Weekday >= 0:
		b = append(b, strings.ToLower(time.Weekday(t.Weekday).String())...)
	}
	return string(b)
}

// tAppendPadded appends v as fmt's %0<width>d does.
func tAppendPadded(b []byte, v, width int) []byte {
	if v < 0 {
		return fmt.Appendf(b, "%0*d", width, v)
	}
	for n, p := 1, 10; n < width; n, p = n+1, p*10 {
		if v < p {
			b = append(b, '0')
		}
	}
	return strconv.AppendInt(b, int64(v), 10)
}

// timesDiffer tells two time references that cannot name the same time:
// they differ in a part both know (2019 vs 2022, February vs March of one
// year, Thursday vs Friday). A year and a date inside it do not differ.
func timesDiffer(a, b TimeRef) bool {
	if a.Since != b.Since {
		return false
	}
	if a.Year != 0 && b.Year != 0 {
		if a.Year != b.Year {
			return true
		}
		if a.Month != 0 && b.Month != 0 {
			if a.Month != b.Month {
				return true
			}
			return a.Day != 0 && b.Day != 0 && a.Day != b.Day
		}
		return false
	}
	if a.Weekday >= 0 && b.Weekday >= 0 && a.Year == 0 && b.Year == 0 {
		return a.Weekday != b.Weekday
	}
	if a.Month != 0 && b.Month != 0 && (a.Year == 0 || b.Year == 0) {
		return a.Month != b.Month
	}
	return false
}
