package model

import (
	"errors"
	"strings"
)

// Open parses every document and builds the index. A document that yields
// no article becomes a warning naming it; only when none yields anything is
// there an error.
func Open(docs []Document, warnings []Warning) (*Index, error) {
	var arts []*Article
	for _, d := range docs {
		as, err := ParseDocument(d)
		if err != nil {
			warnings = append(warnings, Warning{Name: d.Name, Msg: "skipped: " + err.Error()})
			continue
		}
		arts = append(arts, as...)
	}
	if len(arts) == 0 {
		msgs := make([]string, 0, len(warnings))
		for _, w := range warnings {
			msgs = append(msgs, w.String())
		}
		if len(msgs) == 0 {
			return nil, errors.New("no articles loaded: no sources")
		}
		return nil, errors.New("no articles loaded: " + strings.Join(msgs, "; "))
	}
	ix := Build(arts)
	ix.Warnings = warnings
	return ix, nil
}
