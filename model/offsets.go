package model

import "sort"

// OffsetMap maps each byte of an article's Text to its byte offset in the
// file as read. Kept text is mostly long runs copied byte for byte, so the
// map stores one entry per run instead of four bytes per text byte (72 MB
// on a 10,000-article corpus before).
type OffsetMap struct {
	runs []offsetRun
	n    int // bytes mapped
}

// offsetRun: text byte Text+k maps to file byte File+k until the next run.
type offsetRun struct{ Text, File int32 }

// Append maps the next text byte to file offset o.
func (m *OffsetMap) Append(o int32) {
	if k := len(m.runs); k > 0 {
		last := m.runs[k-1]
		if last.File+int32(m.n)-last.Text == o {
			m.n++
			return
		}
	}
	m.runs = append(m.runs, offsetRun{Text: int32(m.n), File: o})
	m.n++
}

// appendSeq maps the next n text bytes to file offsets o, o+1, ...: the
// same as n calls of Append.
func (m *OffsetMap) appendSeq(o int32, n int) {
	if n <= 0 {
		return
	}
	m.Append(o)
	m.n += n - 1
}

// appendAll is Append of each of offs, a run at a time.
func (m *OffsetMap) appendAll(offs []int32) {
	for i := 0; i < len(offs); {
		j := i + 1
		for j < len(offs) && offs[j] == offs[j-1]+1 {
			j++
		}
		m.appendSeq(offs[i], j-i)
		i = j
	}
}

// Len is the number of bytes mapped.
func (m *OffsetMap) Len() int { return m.n }

// At returns the file offset of text byte i (0 <= i < Len()).
func (m *OffsetMap) At(i int) int32 {
	k := sort.Search(len(m.runs), func(k int) bool { return int(m.runs[k].Text) > i }) - 1
	if k < 0 {
		return 0
	}
	r := m.runs[k]
	return r.File + int32(i) - r.Text
}

// Expand returns the map as one offset per byte, for checks and tests.
func (m *OffsetMap) Expand() []int32 {
	out := make([]int32, m.n)
	for i := range out {
		out[i] = m.At(i)
	}
	return out
}
