package serve

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

func TestHostKeyCreatedOnceAndReused(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "ssh_host_ed25519_key")
	first, err := LoadOrCreateHostKey(path)
	if err != nil {
		t.Fatal(err)
	}
	if first.PublicKey().Type() != gossh.KeyAlgoED25519 {
		t.Errorf("host key type %s, want ed25519", first.PublicKey().Type())
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if perm := fi.Mode().Perm(); perm != 0o600 {
		t.Errorf("host key mode %#o, want 0600", perm)
	}
	di, _ := os.Stat(filepath.Dir(path))
	if perm := di.Mode().Perm(); perm != 0o700 {
		t.Errorf("host key directory mode %#o, want 0700", perm)
	}
	pub, err := os.ReadFile(path + ".pub")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(bytes.TrimSpace(pub), bytes.TrimSpace(gossh.MarshalAuthorizedKey(first.PublicKey()))) {
		t.Errorf(".pub = %q, not the host key", pub)
	}
	again, err := LoadOrCreateHostKey(path)
	if err != nil {
		t.Fatal(err)
	}
	if gossh.FingerprintSHA256(again.PublicKey()) != gossh.FingerprintSHA256(first.PublicKey()) {
		t.Error("the host key changed between starts")
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".hostkey-*")); len(left) > 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
}

func TestHostKeyConcurrentFirstStartsAgree(t *testing.T) {
	path := filepath.Join(t.TempDir(), "key")
	fps := make([]string, 8)
	var wg sync.WaitGroup
	for i := range fps {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := LoadOrCreateHostKey(path)
			if err != nil {
				t.Error(err)
				return
			}
			fps[i] = gossh.FingerprintSHA256(s.PublicKey())
		}()
	}
	wg.Wait()
	for _, fp := range fps[1:] {
		if fp != fps[0] {
			t.Fatalf("concurrent starts disagree on the host key: %v", fps)
		}
	}
}

func TestHostKeyTooOpenOrBrokenIsRefused(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "key")
	if _, err := LoadOrCreateHostKey(path); err != nil {
		t.Fatal(err)
	}
	os.Chmod(path, 0o644)
	if _, err := LoadOrCreateHostKey(path); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Errorf("world-readable key: err = %v, want a refusal", err)
	}
	broken := filepath.Join(dir, "broken")
	os.WriteFile(broken, []byte("not a key"), 0o600)
	if _, err := LoadOrCreateHostKey(broken); err == nil {
		t.Error("a broken key file was accepted (or overwritten)")
	}
	if data, _ := os.ReadFile(broken); string(data) != "not a key" {
		t.Error("a broken key file was overwritten")
	}
}

func TestDefaultPathsFollowXDG(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", "/xdg/data")
	t.Setenv("XDG_CONFIG_HOME", "/xdg/config")
	if p, _ := DefaultHostKeyPath(); p != "/xdg/data/briefing/ssh_host_ed25519_key" {
		t.Errorf("host key path %q", p)
	}
	if p, _ := DefaultAuthorizedKeysPath(); p != "/xdg/config/briefing/authorized_keys" {
		t.Errorf("authorized keys path %q", p)
	}
	t.Setenv("XDG_CONFIG_HOME", "relative/is/ignored")
	t.Setenv("HOME", "/home/ana")
	if p, _ := DefaultAuthorizedKeysPath(); p != "/home/ana/.config/briefing/authorized_keys" {
		t.Errorf("authorized keys path with relative XDG_CONFIG_HOME: %q", p)
	}
}

func TestParseAuthorizedKeys(t *testing.T) {
	k := func() string {
		return strings.TrimSpace(string(gossh.MarshalAuthorizedKey(newClientKey(t).PublicKey())))
	}
	plain, restricted, fromOpt, cmdOpt, noPty := k(), k(), k(), k(), k()
	file := fmt.Sprintf(`# team keys

%s ana@laptop
restrict,pty %s ben@desk
from="10.0.0.0/8" %s carl
command="/bin/true" %s dora
no-pty %s eve
garbage line
ssh-ed25519 AAAAnotbase64!!
`, plain, restricted, fromOpt, cmdOpt, noPty)
	keys, problems := parseAuthorizedKeys([]byte(file))
	fp := func(line string) string {
		pk, _, _, _, err := gossh.ParseAuthorizedKey([]byte(line))
		if err != nil {
			t.Fatal(err)
		}
		return gossh.FingerprintSHA256(pk)
	}
	if got := keys[fp(plain)].comment; got != "ana@laptop" {
		t.Errorf("plain key: comment %q, present %v", got, len(keys))
	}
	if _, ok := keys[fp(restricted)]; !ok {
		t.Error("a key with only harmless options was skipped")
	}
	for name, line := range map[string]string{"from=": fromOpt, "command=": cmdOpt, "no-pty": noPty} {
		if _, ok := keys[fp(line)]; ok {
			t.Errorf("a key with %s was accepted: its restriction would be ignored", name)
		}
	}
	if len(keys) != 2 {
		t.Errorf("%d keys, want 2", len(keys))
	}
	var lines []int
	for _, p := range problems {
		lines = append(lines, p.line)
	}
	if fmt.Sprint(lines) != "[5 6 7 8 9]" {
		t.Errorf("problem lines %v, want [5 6 7 8 9]: %+v", lines, problems)
	}
}

func TestIPLimiter(t *testing.T) {
	now := time.Unix(1000, 0)
	l := newIPLimiter(2, 3)
	l.now = func() time.Time { return now }
	a := &net.TCPAddr{IP: net.IPv4(192, 0, 2, 1), Port: 1}
	aOtherPort := &net.TCPAddr{IP: net.IPv4(192, 0, 2, 1), Port: 2}
	b := &net.TCPAddr{IP: net.IPv4(192, 0, 2, 2), Port: 1}
	for i := 0; i < 3; i++ {
		if !l.allow(a) {
			t.Fatalf("burst connection %d refused", i)
		}
	}
	if l.allow(aOtherPort) {
		t.Error("fourth connection of a burst of 3 allowed (ports must not matter)")
	}
	if !l.allow(b) {
		t.Error("another address was limited")
	}
	now = now.Add(500 * time.Millisecond) // one token back at 2/s
	if !l.allow(a) || l.allow(a) {
		t.Error("refill is not 2 per second")
	}

	// IPv6 addresses share a bucket per /64.
	v6a := &net.TCPAddr{IP: net.ParseIP("2001:db8:1:2::1")}
	v6b := &net.TCPAddr{IP: net.ParseIP("2001:db8:1:2:ffff::9")}
	v6c := &net.TCPAddr{IP: net.ParseIP("2001:db8:1:3::1")}
	for i := 0; i < 3; i++ {
		l.allow(v6a)
	}
	if l.allow(v6b) {
		t.Error("an address in the same /64 escaped the limit")
	}
	if !l.allow(v6c) {
		t.Error("another /64 was limited")
	}

	// Idle buckets are forgotten once there are many.
	now = now.Add(time.Hour)
	for i := 0; i < maxBuckets+10; i++ {
		l.allow(&net.TCPAddr{IP: net.IPv4(10, byte(i>>16), byte(i>>8), byte(i))})
		if i%1000 == 0 {
			now = now.Add(2 * time.Second)
		}
	}
	if n := len(l.buckets); n > 1000 {
		t.Errorf("%d buckets kept", n)
	}
}
