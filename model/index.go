package model

import "fmt"

// Build indexes parsed articles: sentences, then actors and topics, then the
// claims each sentence makes, and from those the conflicts and agreements
// between sources. The articles are numbered a1, a2, ... in the given order.
func Build(arts []*Article) *Index {
	ix := &Index{Articles: arts}
	for i, a := range arts {
		a.ID = fmt.Sprintf("a%d", i+1)
	}
	ix.splitSentences() // sentences.go
	ix.indexActors()    // actors.go
	ix.indexTopics()    // topics.go
	ix.extractClaims()  // claims.go
	ix.findConflicts()  // conflicts.go
	ix.findAgreements() // agreements.go
	return ix
}

// ArticleOf returns the article a sentence belongs to.
func (ix *Index) ArticleOf(sentence int) *Article {
	return ix.Articles[ix.Sentences[sentence].Article]
}
