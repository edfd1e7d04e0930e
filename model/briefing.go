package model

import (
	"fmt"
	"sort"
	"strings"
)

// Markdown writes the report as a cited briefing for people: the story, a
// sources table, conflicts grouped by topic with their quotes, sources and
// triage, agreements with independent counts, and open items last.
func Markdown(r *Report) string {
	var b strings.Builder
	b.WriteString("# Briefing")
	if s := storyLine(r); s != "" {
		b.WriteString(": " + mdEscape(s))
	}
	b.WriteString("\n\n")
	hard, soft := 0, 0
	for _, c := range r.Conflicts {
		if c.Severity == SeverityHard {
			hard++
		} else {
			soft++
		}
	}
	fmt.Fprintf(&b, "%d sources, %d conflicts (%d hard, %d soft), %d agreements.\n\n",
		len(r.Articles), len(r.Conflicts), hard, soft, len(r.Agreements))

	b.WriteString("## Sources\n\n")
	b.WriteString("| # | Title | Outlet | Byline | Dateline | Kind | Words |\n")
	b.WriteString("|---|---|---|---|---|---|---|\n")
	for _, a := range r.Articles {
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %d |\n", a.ID, cell(a.Title), cell(a.Outlet),
			cell(a.Byline), cell(a.Dateline), a.Kind, a.Words)
	}
	b.WriteString("\n")
	ids := map[string]string{}
	for _, a := range r.Articles {
		ids[a.File] = a.ID
	}

	if len(r.Conflicts) > 0 {
		b.WriteString("## Conflicts\n\n")
		// Decided items first, grouped by topic; open ones in their own
		// section at the end so the reader sees what is settled first.
		var decided, open []ReportConflict
		for _, c := range r.Conflicts {
			if c.Triage == nil || c.Triage.Status == "open" || c.Triage.Status == "" {
				open = append(open, c)
			} else {
				decided = append(decided, c)
			}
		}
		if r.Conflicts[0].Triage == nil { // no triage data: one list by topic
			decided, open = open, nil
		}
		writeConflictsByTopic(&b, decided, ids)
		if len(open) > 0 {
			b.WriteString("### Open items\n\n")
			writeConflictsByTopic(&b, open, ids)
		}
	}
	if len(r.Agreements) > 0 {
		b.WriteString("## Agreements\n\n")
		for _, g := range r.Agreements {
			fmt.Fprintf(&b, "- **%s** (%d independent of %d sources)%s\n", mdEscape(g.Summary), g.Independent,
				len(g.Claims), triageSuffix(g.Triage))
			for _, c := range g.Claims {
				fmt.Fprintf(&b, "  - %s: “%s”\n", cite(c.File, ids), mdEscape(c.Sentence))
			}
		}
		b.WriteString("\n")
	}
	if len(r.Claims) > 0 {
		b.WriteString("## Claims triaged on their own\n\n")
		for _, c := range r.Claims {
			fmt.Fprintf(&b, "- %s: “%s”%s\n", cite(c.File, ids), mdEscape(c.Sentence), triageSuffix(&c.Triage))
			if c.Triage.Note != "" {
				fmt.Fprintf(&b, "  - note: %s\n", mdEscape(c.Triage.Note))
			}
		}
		b.WriteString("\n")
	}
	if len(r.Warnings) > 0 {
		b.WriteString("## Warnings\n\n")
		for _, w := range r.Warnings {
			b.WriteString("- " + mdEscape(w) + "\n")
		}
	}
	return b.String()
}

func writeConflictsByTopic(b *strings.Builder, cs []ReportConflict, ids map[string]string) {
	byTopic := map[string][]ReportConflict{}
	var topics []string
	for _, c := range cs {
		t := c.Topic
		if t == "" {
			t = "other"
		}
		if _, ok := byTopic[t]; !ok {
			topics = append(topics, t)
		}
		byTopic[t] = append(byTopic[t], c)
	}
	sort.Strings(topics)
	for _, t := range topics {
		fmt.Fprintf(b, "#### %s\n\n", mdEscape(t))
		for _, c := range byTopic[t] {
			fmt.Fprintf(b, "- **%s** [%s, %s]%s\n", mdEscape(c.Summary), c.Kind, c.Severity, triageSuffix(c.Triage))
			if c.Why != "" {
				fmt.Fprintf(b, "  - why: %s\n", mdEscape(c.Why))
			}
			for _, cl := range c.Claims {
				fmt.Fprintf(b, "  - %s: “%s”\n", cite(cl.File, ids), mdEscape(cl.Sentence))
			}
			if c.Triage != nil && c.Triage.Note != "" {
				fmt.Fprintf(b, "  - note: %s\n", mdEscape(c.Triage.Note))
			}
		}
		b.WriteString("\n")
	}
}

func triageSuffix(t *Triage) string {
	if t == nil || t.Status == "" {
		return ""
	}
	s := " — " + t.Status
	if t.By != "" {
		s += " by " + mdEscape(t.By)
	}
	return s
}

func cite(file string, ids map[string]string) string {
	if id, ok := ids[file]; ok {
		return fmt.Sprintf("[%s] %s", id, mdEscape(file))
	}
	return mdEscape(file)
}

// storyLine names the story by its most mentioned actors and first topic.
func storyLine(r *Report) string {
	type named struct {
		name string
		n    int
	}
	var top []named
	for _, a := range r.Actors {
		n := 0
		for _, c := range a.Mentions {
			n += c
		}
		top = append(top, named{a.Name, n})
	}
	sort.SliceStable(top, func(i, j int) bool { return top[i].n > top[j].n })
	var parts []string
	for i := 0; i < len(top) && i < 3; i++ {
		parts = append(parts, top[i].name)
	}
	s := strings.Join(parts, ", ")
	if len(r.Topics) > 0 {
		if s != "" {
			s += " — "
		}
		s += r.Topics[0].Name
	}
	return s
}

func cell(s string) string {
	return strings.ReplaceAll(mdEscape(s), "|", `\|`)
}

// mdEscaper keeps article text from being read as Markdown structure. It
// is built once: building a Replacer costs far more than running it.
var mdEscaper = strings.NewReplacer("*", `\*`, "_", `\_`, "`", "\\`", "<", "&lt;", ">", "&gt;", "[", `\[`, "]", `\]`, "\n", " ")

func mdEscape(s string) string { return mdEscaper.Replace(s) }
