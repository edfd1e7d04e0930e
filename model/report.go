package model

import (
	"sort"
	"time"
)

// Report is the machine-readable briefing: the schema of `briefing report
// --json` (see README). Lists are never nil so scripts can rely on them.
type Report struct {
	Articles   []ReportArticle   `json:"articles"`
	Actors     []ReportActor     `json:"actors"`
	Topics     []ReportTopic     `json:"topics"`
	Conflicts  []ReportConflict  `json:"conflicts"`
	Agreements []ReportAgreement `json:"agreements"`
	// Claims are single sentences the analyst triaged on their own.
	Claims   []ReportTriagedClaim `json:"claims,omitempty"`
	Warnings []string             `json:"warnings,omitempty"`
}

type ReportArticle struct {
	ID        string   `json:"id"`
	File      string   `json:"file"`
	Title     string   `json:"title"`
	Outlet    string   `json:"outlet"`
	Byline    string   `json:"byline"`
	Dateline  string   `json:"dateline"`
	Date      string   `json:"date,omitempty"`
	Kind      string   `json:"kind"`
	Format    string   `json:"format"`
	Cited     []string `json:"cited,omitempty"`
	Sentences int      `json:"sentences"`
	Words     int      `json:"words"`
}

type ReportActor struct {
	ID       string              `json:"id"`
	Name     string              `json:"name"`
	Kind     string              `json:"kind"`
	Aliases  []string            `json:"aliases"`
	Mentions map[string]int      `json:"mentions"`
	Roles    map[string][]string `json:"roles,omitempty"`
}

type ReportTopic struct {
	ID       string         `json:"id"`
	Name     string         `json:"name"`
	Keywords []string       `json:"keywords"`
	Mentions map[string]int `json:"mentions"`
}

type ReportClaim struct {
	File     string `json:"file"`
	Sentence string `json:"sentence"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Value    string `json:"value,omitempty"`
}

// Triage is an analyst's decision on a conflict or agreement.
type Triage struct {
	Status string `json:"status"`
	Note   string `json:"note,omitempty"`
	By     string `json:"by,omitempty"`
	At     string `json:"at,omitempty"`
}

type ReportConflict struct {
	ID       string        `json:"id"`
	Key      string        `json:"key"`
	Kind     string        `json:"kind"`
	Severity string        `json:"severity"`
	Score    float64       `json:"score"`
	Summary  string        `json:"summary"`
	Why      string        `json:"why,omitempty"`
	Topic    string        `json:"topic"`
	Actors   []string      `json:"actors"`
	Claims   []ReportClaim `json:"claims"`
	Triage   *Triage       `json:"triage,omitempty"`
}

// ReportTriagedClaim is one sentence triaged by itself.
type ReportTriagedClaim struct {
	Key string `json:"key"`
	ReportClaim
	Triage Triage `json:"triage"`
}

type ReportAgreement struct {
	ID          string        `json:"id"`
	Key         string        `json:"key"`
	Summary     string        `json:"summary"`
	Independent int           `json:"independent"`
	Claims      []ReportClaim `json:"claims"`
	Triage      *Triage       `json:"triage,omitempty"`
}

// TriageLookup returns the decision stored for an item key, if any.
type TriageLookup func(key string) (Triage, bool)

// NewReport builds the report; lookup may be nil (no triage data).
func NewReport(ix *Index, lookup TriageLookup) *Report {
	r := &Report{
		Articles:   []ReportArticle{},
		Actors:     []ReportActor{},
		Topics:     []ReportTopic{},
		Conflicts:  []ReportConflict{},
		Agreements: []ReportAgreement{},
	}
	for _, a := range ix.Articles {
		ra := ReportArticle{
			ID: a.ID, File: a.File, Title: a.Title, Outlet: a.Outlet, Byline: a.Byline,
			Dateline: a.Dateline, Kind: a.Kind, Format: string(a.Format), Cited: a.Cited,
			Sentences: a.LastSentence - a.FirstSentence, Words: a.Words,
		}
		if !a.Date.IsZero() {
			ra.Date = a.Date.Format(time.RFC3339)
		}
		r.Articles = append(r.Articles, ra)
	}
	for _, ac := range ix.Actors {
		r.Actors = append(r.Actors, ReportActor{
			ID: ac.ID, Name: ac.Name, Kind: ac.Kind, Aliases: nonNil(ac.Aliases),
			Mentions: ac.Mentions, Roles: ac.Roles,
		})
	}
	for _, t := range ix.Topics {
		r.Topics = append(r.Topics, ReportTopic{
			ID: t.ID, Name: t.Name, Keywords: nonNil(t.Keywords), Mentions: t.Mentions,
		})
	}
	triage := func(key string) *Triage {
		if lookup == nil {
			return nil
		}
		t, ok := lookup(key)
		if !ok {
			t = Triage{Status: "open"}
		}
		return &t
	}
	for _, c := range ix.Conflicts {
		r.Conflicts = append(r.Conflicts, ReportConflict{
			ID: c.ID, Key: c.Key, Kind: c.Kind, Severity: c.Severity, Score: c.Score,
			Summary: c.Summary, Why: c.Why, Topic: c.Topic, Actors: nonNil(c.Actors),
			Claims: ix.reportClaims(c.Claims), Triage: triage(c.Key),
		})
	}
	for _, g := range ix.Agreements {
		r.Agreements = append(r.Agreements, ReportAgreement{
			ID: g.ID, Key: g.Key, Summary: g.Summary, Independent: g.Independent,
			Claims: ix.reportClaims(g.Claims), Triage: triage(g.Key),
		})
	}
	if lookup != nil {
		for si, s := range ix.Sentences {
			key := StableKey("claim", s.Text)
			if t, ok := lookup(key); ok && t.Status != "" && t.Status != "open" {
				r.Claims = append(r.Claims, ReportTriagedClaim{Key: key, Triage: t,
					ReportClaim: ix.reportClaims([]ClaimRef{{Sentence: si}})[0]})
			}
		}
	}
	for _, w := range ix.Warnings {
		r.Warnings = append(r.Warnings, w.String())
	}
	return r
}

func (ix *Index) reportClaims(refs []ClaimRef) []ReportClaim {
	out := make([]ReportClaim, 0, len(refs))
	for _, ref := range refs {
		s := ix.Sentences[ref.Sentence]
		out = append(out, ReportClaim{
			File: ix.Articles[s.Article].File, Sentence: s.Text,
			Start: s.FileStart, End: s.FileEnd, Value: ref.Value,
		})
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	out := append([]string(nil), s...)
	sort.Strings(out)
	return out
}
