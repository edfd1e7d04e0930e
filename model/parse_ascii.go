package model

// asciiClass classifies the bytes below 0x80 for the byte loops of the
// parse stage; a byte from 0x80 up starts or continues a multi-byte rune
// and is decoded instead.
var asciiClass = func() (t [256]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = clsLetter
		t[c-'a'+'A'] = clsLetter
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = clsDigit
	}
	t['\''] = clsApos
	return t
}()

const (
	clsLetter = 1 << iota
	clsDigit
	clsApos
)
