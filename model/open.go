package model

import (
	"errors"
	"strings"
)

// Open parses every document and builds the index. A document that yields
// no article becomes a warning naming it; only when none yields anything is
// there an error.
func Open(docs []Document, warnings []Warning) (*Index, error) {
	return OpenProgress(docs, warnings, nil)
}

// OpenProgress is Open reporting progress: documents are parsed on every
// core, then the index stages run.
func OpenProgress(docs []Document, warnings []Warning, progress ProgressFunc) (*Index, error) {
	var arts []*Article
	parsed, errs := parseAll(docs, progress)
	for i, d := range docs {
		if errs[i] != nil {
			warnings = append(warnings, newWarning(d.Name, "skipped: "+errs[i].Error()))
			continue
		}
		arts = append(arts, parsed[i]...)
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
	ix := BuildProgress(arts, progress)
	ix.Warnings = warnings
	return ix, nil
}
