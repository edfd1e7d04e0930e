package model

// findConflicts is filled in by its own issue; until then the index has none.
func (ix *Index) findConflicts() {}
