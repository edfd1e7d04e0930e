package model

import "fmt"

// Build indexes parsed articles: sentences, then actors and topics, then the
// claims each sentence makes, and from those the conflicts and agreements
// between sources. The articles are numbered a1, a2, ... in the given order.
// Stages live in sentences.go, actors.go, topics.go, claims.go,
// conflicts.go and agreements.go (see indexStages in progress.go).
func Build(arts []*Article) *Index { return BuildProgress(arts, nil) }

// BuildProgress is Build reporting each finished stage to progress.
func BuildProgress(arts []*Article, progress ProgressFunc) *Index {
	ix := &Index{Articles: arts}
	for i, a := range arts {
		a.ID = fmt.Sprintf("a%d", i+1)
	}
	for i, st := range indexStages {
		st.run(ix)
		if progress != nil {
			progress(Progress{Stage: "indexing", Done: i + 1, Total: len(indexStages)})
		}
	}
	// Working state of the stages that nothing reads once the index is
	// built; the UI keeps the index for the whole session.
	ix.stems = nil
	ix.claimFrames = nil
	ix.actWords = nil
	return ix
}

// ArticleOf returns the article a sentence belongs to.
func (ix *Index) ArticleOf(sentence int) *Article {
	return ix.Articles[ix.Sentences[sentence].Article]
}
