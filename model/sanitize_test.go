package model

import (
	"slices"
	"strings"
	"testing"
)

func TestSanitizeStripsControlSequences(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"plain", "Hello, world.", "Hello, world."},
		{"csi colour", "a\x1b[31mred\x1b[0m b", "ared b"},
		{"osc52 clipboard bel", "x\x1b]52;c;ZXZpbA==\x07y", "xy"},
		{"osc52 clipboard st", "x\x1b]52;c;ZXZpbA==\x1b\\y", "xy"},
		{"osc title", "\x1b]0;pwned\x07title", "title"},
		{"dcs", "a\x1bPq#0;2;0;0;0\x1b\\b", "ab"},
		{"apc", "a\x1b_Gf=100;AAAA\x1b\\b", "ab"},
		{"lone esc", "a\x1bcb", "ab"},
		{"c1 csi", "a\u009b31mb", "ab"},
		{"c1 osc", "a\u009d52;c;AAAA\u0007b", "ab"},
		{"other c0", "a\x00b\x07c\x08d", "abcd"},
		{"keeps tab and newline", "a\tb\nc", "a\tb\nc"},
		{"crlf", "a\r\nb\rc", "a\nb\nc"},
		{"bidi override", "abc\u202edef", "abcdef"},
		{"bom", "\ufeffTitle", "Title"},
		{"nbsp", "a\u00a0b", "a b"},
		{"invalid utf8 as cp1252", "caf\xe9 \x93quoted\x94", "café “quoted”"},
		{"utf8 kept", "Zelenskyy — “a single inch”", "Zelenskyy — “a single inch”"},
		{"unterminated osc stops at line end", "a\x1b]52;c;AAAA\nnext", "a\nnext"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, offs := Sanitize(c.in, nil)
			if got != c.want {
				t.Fatalf("Sanitize(%q) = %q, want %q", c.in, got, c.want)
			}
			if len(offs) != len(got)+1 {
				t.Fatalf("offsets: %d entries for %d bytes", len(offs), len(got))
			}
			for i := 0; i < len(got); i++ {
				if o := offs[i]; o < 0 || int(o) >= len(c.in) {
					t.Fatalf("offset %d out of range: %d", i, o)
				}
			}
			if strings.ContainsAny(got, "\x1b\x07\x00") {
				t.Fatalf("control byte left in %q", got)
			}
		})
	}
}

func TestSanitizeOffsetsPointAtOriginalBytes(t *testing.T) {
	in := "ab\x1b[1mcd\x1b[0m\r\nef"
	got, offs := Sanitize(in, nil)
	if got != "abcd\nef" {
		t.Fatalf("got %q", got)
	}
	for i := 0; i < len(got); i++ {
		if got[i] != '\n' && in[offs[i]] != got[i] {
			t.Errorf("byte %d %q maps to %d (%q)", i, got[i], offs[i], in[offs[i]])
		}
	}
	if int(offs[len(got)]) != len(in) {
		t.Errorf("end offset %d, want %d", offs[len(got)], len(in))
	}
}

func TestSanitizeComposesWithBaseOffsets(t *testing.T) {
	// A body extracted from offset 100 of some file.
	body := "x\x1b[0my"
	base := make([]int32, len(body)+1)
	for i := range base {
		base[i] = int32(100 + i)
	}
	got, offs := Sanitize(body, base)
	if got != "xy" || offs[0] != 100 || offs[1] != 105 || offs[2] != 106 {
		t.Fatalf("got %q %v", got, offs)
	}
}

func FuzzSanitize(f *testing.F) {
	for _, s := range []string{"plain", "\x1b]52;c;AAA\x07", "\x1b[", "\xff\xfe", "a\u009bb", "\r\n\r"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got, offs := Sanitize(in, nil)
		if len(offs) != len(got)+1 {
			t.Fatalf("offsets %d for %d bytes", len(offs), len(got))
		}
		for _, r := range got {
			if r == 0x1b || r == 0x9b || r == 0x9d || (r < 0x20 && r != '\n' && r != '\t') {
				t.Fatalf("control %U survived in %q", r, got)
			}
		}
		for i := 1; i < len(offs); i++ {
			if offs[i] < offs[i-1] {
				t.Fatalf("offsets not monotonic at %d: %v", i, offs)
			}
		}
	})
}

// plainASCII8 is the eight-bytes-at-a-time test behind Sanitize's fast
// path: every byte position and value, next to other kinds of fill.
func TestPlainASCII8(t *testing.T) {
	plain := func(c byte) bool { return c >= 0x20 && c < 0x7f }
	base := []byte("abcdefgh")
	for pos := range 8 {
		for c := range 256 {
			for _, fill := range []byte{'a', ' ', '~', 0x1f, 0x7f, 0x80} {
				w := slices.Clone(base)
				for k := range w {
					if k != pos && k%3 == 0 {
						w[k] = fill
					}
				}
				w[pos] = byte(c)
				want := true
				for _, b := range w {
					want = want && plain(b)
				}
				if got := plainASCII8(load64(string(w), 0)); got != want {
					t.Fatalf("plainASCII8(%q) = %v", w, got)
				}
			}
		}
	}
}
