package model

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// Sanitize makes article bytes safe to show and index: invalid UTF-8 is
// repaired (stray bytes decoded as Windows-1252, the usual culprit in saved
// web pages), terminal control sequences (CSI, OSC such as OSC 52, DCS, APC,
// lone ESC) and other C0/C1 controls but newline and tab are removed, CR and
// CRLF become LF, and bidi overrides that could disguise text are dropped.
//
// offs maps the input offset base+i of every output byte; out has one extra
// entry for the end. An article must never drive the reader's terminal, so
// every later stage works on this output only.
func Sanitize(in string, base []int32) (string, []int32) {
	if isPlainText(in) {
		if base != nil {
			return in, slices.Clone(base[:len(in)+1])
		}
		offs := make([]int32, len(in)+1)
		for i := range offs {
			offs[i] = int32(i)
		}
		return in, offs
	}
	return sanitizeCopy(in, base)
}

// sanitizeNoCopy is Sanitize for callers that only read the offsets: for
// text with nothing to change it returns in, and base itself as the
// offsets, nil standing for offset i at i.
func sanitizeNoCopy(in string, base []int32) (string, []int32) {
	if isPlainText(in) {
		return in, base
	}
	return sanitizeCopy(in, base)
}

// isPlainText reports whether Sanitize keeps every byte of in where it is:
// printable ASCII, newline, tab and valid UTF-8 runes that are not C1
// controls, BOM, bidi controls, no-break space or Unicode line separators.
func isPlainText(in string) bool {
	for i := 0; i < len(in); {
		// Eight bytes at a time while they are printable ASCII.
		if i+8 <= len(in) && plainASCII8(load64(in, i)) {
			i += 8
			continue
		}
		c := in[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != 0x7f || c == '\n' || c == '\t' {
				i++
				continue
			}
			return false
		}
		r, n := utf8.DecodeRuneInString(in[i:])
		if r == utf8.RuneError && n == 1 || isC1(r) || r == 0xfeff || isBidiControl(r) ||
			r == 0xa0 || r == 0x2028 || r == 0x2029 {
			return false
		}
		i += n
	}
	return true
}

// load64 is the eight bytes of s from i, little-endian (one load).
func load64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// plainASCII8 reports whether each byte of w is in 0x20-0x7e. For bytes
// below 0x80, (x - n) &^ x has the top bit of a byte set exactly when some
// byte is below n: the zero-byte test, used for < 0x20 and for = 0x7f.
func plainASCII8(w uint64) bool {
	const (
		ones = 0x0101010101010101
		high = 0x8080808080808080
		del  = 0x7f7f7f7f7f7f7f7f
	)
	if w&high != 0 {
		return false
	}
	d := w ^ del // 0 where a byte is 0x7f
	return ((w-0x20*ones)&^w|(d-ones)&^d)&high == 0
}

func sanitizeCopy(in string, base []int32) (string, []int32) {
	var b strings.Builder
	b.Grow(len(in))
	offs := make([]int32, 0, len(in)+1)
	at := func(i int) int32 {
		if base != nil {
			return base[i]
		}
		return int32(i)
	}
	emit := func(s string, from int) {
		b.WriteString(s)
		o := at(from)
		for range len(s) {
			offs = append(offs, o)
		}
	}
	for i := 0; i < len(in); {
		c := in[i]
		switch {
		case c == 0x1b: // ESC: skip the whole sequence
			i = skipEscape(in, i)
			continue
		case c == '\r':
			if i+1 < len(in) && in[i+1] == '\n' {
				i++
				continue
			}
			emit("\n", i)
			i++
			continue
		case c == '\n' || c == '\t':
			emit(in[i:i+1], i)
			i++
			continue
		case c < 0x20 || c == 0x7f:
			i++
			continue
		case c < 0x80:
			// Copy a run of plain ASCII at once: the common case.
			j := i + 1
			for j < len(in) && in[j] >= 0x20 && in[j] < 0x7f {
				j++
			}
			b.WriteString(in[i:j])
			for k := i; k < j; k++ {
				offs = append(offs, at(k))
			}
			i = j
			continue
		}
		r, n := utf8.DecodeRuneInString(in[i:])
		if r == utf8.RuneError && n == 1 {
			if d := cp1252[c]; d != 0 && !isC1(d) {
				emit(string(d), i)
			} else if c >= 0xa0 {
				emit(string(rune(c)), i)
			} else {
				emit("\uFFFD", i)
			}
			i++
			continue
		}
		switch {
		case r == 0x9b: // C1 CSI: drop it with its parameters
			i = skipCSIParams(in, i+n)
			continue
		case r == 0x9d || r == 0x90 || r == 0x98 || r == 0x9e || r == 0x9f: // C1 OSC, DCS, SOS, PM, APC
			i = skipString(in, i+n)
			continue
		case isC1(r), r == 0xfeff, isBidiControl(r):
			i += n
			continue
		case r == 0xa0 || r == 0x2028 || r == 0x2029:
			// No-break and Unicode line separators read as plain space/newline.
			if r == 0xa0 {
				emit(" ", i)
			} else {
				emit("\n", i)
			}
			i += n
			continue
		}
		b.WriteString(in[i : i+n])
		// Each byte through the base map: a rune that came from an entity
		// (&#8217;) has all its bytes at the '&', not at '&'+1, '&'+2.
		for k := 0; k < n; k++ {
			offs = append(offs, at(i+k))
		}
		i += n
	}
	// base, when given, has len(in)+1 entries like the offsets we return.
	end := int32(len(in))
	if base != nil {
		end = base[len(in)]
	}
	offs = append(offs, end)
	return b.String(), offs
}

// StripControls is Sanitize without the offset map, for metadata and any
// other string that reaches a screen.
func StripControls(s string) string {
	if isPlainText(s) {
		return s
	}
	out, _ := sanitizeCopy(s, nil)
	return out
}

func isC1(r rune) bool { return r >= 0x80 && r <= 0x9f }

func isBidiControl(r rune) bool {
	return (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0x200e || r == 0x200f || r == 0x061c
}

// skipEscape returns the index after the escape sequence starting at in[i].
func skipEscape(in string, i int) int {
	i++ // ESC
	if i >= len(in) {
		return i
	}
	switch in[i] {
	case '[':
		return skipCSIParams(in, i+1)
	case ']', 'P', 'X', '^', '_':
		return skipString(in, i+1)
	}
	// Intermediate bytes then one final byte (e.g. ESC ( B, ESC c).
	for i < len(in) && in[i] >= 0x20 && in[i] <= 0x2f {
		i++
	}
	if i < len(in) && in[i] >= 0x30 && in[i] <= 0x7e {
		i++
	}
	return i
}

// skipCSIParams skips parameter and intermediate bytes and the final byte.
func skipCSIParams(in string, i int) int {
	for i < len(in) {
		c := in[i]
		i++
		if c >= 0x40 && c <= 0x7e {
			return i
		}
		if c < 0x20 || c > 0x7e {
			return i - 1 // malformed: stop before the odd byte
		}
	}
	return i
}

// skipString skips an OSC/DCS/APC payload up to BEL or ST (ESC \ or C1 ST).
// A payload is capped at 64 KiB so a stray opener cannot swallow an article.
func skipString(in string, i int) int {
	limit := min(len(in), i+65536)
	for j := i; j < limit; j++ {
		switch in[j] {
		case 0x07:
			return j + 1
		case 0x1b:
			if j+1 < len(in) && in[j+1] == '\\' {
				return j + 2
			}
			return j + 1
		case 0xc2:
			if j+1 < len(in) && in[j+1] == 0x9c {
				return j + 2
			}
		case '\n':
			// Terminals end an unterminated string at nothing; for text we
			// stop at the line end so the rest of the article survives.
			return j
		}
	}
	return limit
}

// cp1252 maps the bytes 0x80-0x9f of Windows-1252 to their runes; other
// bytes of the range 0xa0-0xff decode as Latin-1.
var cp1252 = [256]rune{
	0x80: '€', 0x82: '‚', 0x83: 'ƒ', 0x84: '„', 0x85: '…', 0x86: '†', 0x87: '‡',
	0x88: 'ˆ', 0x89: '‰', 0x8a: 'Š', 0x8b: '‹', 0x8c: 'Œ', 0x8e: 'Ž',
	0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—',
	0x98: '˜', 0x99: '™', 0x9a: 'š', 0x9b: '›', 0x9c: 'œ', 0x9e: 'ž', 0x9f: 'Ÿ',
}
