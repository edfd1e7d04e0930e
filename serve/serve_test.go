package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/log"
	"github.com/charmbracelet/ssh"
	gossh "golang.org/x/crypto/ssh"
)

func TestListedKeyGetsTUI(t *testing.T) {
	ts := startServer(t, nil)
	c := ts.mustDial(t, ts.allowed)
	u := openTUI(t, c, tuiOptions{width: 90, height: 25})

	fp := gossh.FingerprintSHA256(ts.allowed.PublicKey())
	m := u.waitFor("user="+fp, 0, 5*time.Second)
	m = u.waitFor("[size=90x25]", 0, 5*time.Second)
	// At least 256 colours, whatever the client's TERM says.
	u.waitFor("[profile=1]", 0, time.Second)

	for i := 1; i <= 3; i++ {
		u.send("j")
		m = u.waitFor(fmt.Sprintf("[keys=%d]", i), m, 5*time.Second)
	}
	if err := u.sess.WindowChange(40, 120); err != nil {
		t.Fatal(err)
	}
	u.waitFor("[size=120x40]", m, 5*time.Second)

	u.send("q")
	if code, err := u.wait(5 * time.Second); err != nil || code != 0 {
		t.Fatalf("exit status %d, err %v; want 0 after quitting", code, err)
	}
	ts.logs.waitFor(t, "disconnect", 5*time.Second)
	logs := ts.logs.String()
	for _, want := range []string{"connect", "user=" + fp, "key=user0@test", "disconnect", "reason=\"closed by client\""} {
		if !strings.Contains(logs, want) {
			t.Errorf("log lacks %q:\n%s", want, logs)
		}
	}
}

func TestLowColourTerminalGets256Colours(t *testing.T) {
	ts := startServer(t, nil)
	u := openTUI(t, ts.mustDial(t, ts.allowed), tuiOptions{term: "vt100"})
	u.waitFor("[profile=1]", 0, 5*time.Second)
}

func TestUnlistedKeyIsRefused(t *testing.T) {
	ts := startServer(t, nil)
	stranger := newClientKey(t)
	c, err := ts.dial(t, stranger)
	if err == nil {
		c.Close()
		t.Fatal("an unlisted key was let in")
	}
	if !strings.Contains(err.Error(), "unable to authenticate") {
		t.Errorf("err = %v, want an authentication failure", err)
	}
	ts.logs.waitFor(t, "refused key", 2*time.Second)
	if !strings.Contains(ts.logs.String(), gossh.FingerprintSHA256(stranger.PublicKey())) {
		t.Errorf("refusal log lacks the key's fingerprint:\n%s", ts.logs.String())
	}
}

func TestNoAuthAndPasswordAreRefused(t *testing.T) {
	ts := startServer(t, nil)
	methods := map[string][]gossh.AuthMethod{
		"none":     nil,
		"password": {gossh.Password("hunter2")},
		"keyboard-interactive": {gossh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) {
			return []string{"hunter2"}, nil
		})},
	}
	for name, auth := range methods {
		c, err := gossh.Dial("tcp", ts.addr, ts.clientConfig(auth...))
		if err == nil {
			c.Close()
			t.Errorf("%s: let in", name)
			continue
		}
		if !strings.Contains(err.Error(), "unable to authenticate") {
			t.Errorf("%s: err = %v, want an authentication failure", name, err)
		}
		// The server offers public keys and nothing else.
		if !strings.Contains(err.Error(), "[none]") && !strings.Contains(err.Error(), "publickey") {
			t.Logf("%s: %v", name, err)
		}
	}
}

func TestSecondOfferedKeyIsTheUser(t *testing.T) {
	ts := startServer(t, func(c *Config) {})
	stranger := newClientKey(t)
	// The client offers the unlisted key first; the session must belong to
	// the key that authenticated.
	c := ts.mustDial(t, stranger, ts.other)
	u := openTUI(t, c, tuiOptions{})
	u.waitFor("user="+gossh.FingerprintSHA256(ts.other.PublicKey()), 0, 5*time.Second)
}

func TestNoPtyAndCommandsAreRefused(t *testing.T) {
	ts := startServer(t, nil)
	c := ts.mustDial(t, ts.allowed)

	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	out, err := sess.CombinedOutput("")
	var ee *gossh.ExitError
	if !errors.As(err, &ee) || ee.ExitStatus() != 1 || !strings.Contains(string(out), "PTY") {
		t.Errorf("no pty: err %v, output %q; want exit 1 and a message about the pty", err, out)
	}

	sess, err = c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	out, err = sess.CombinedOutput("cat /etc/passwd")
	if !errors.As(err, &ee) || ee.ExitStatus() != 1 || !strings.Contains(string(out), "without a command") {
		t.Errorf("command: err %v, output %q; want exit 1 and a refusal", err, out)
	}

	sess, err = c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.RequestSubsystem("sftp"); err == nil {
		t.Errorf("sftp subsystem accepted")
	}
	sess.Close()

	if _, err := c.Dial("tcp", "127.0.0.1:22"); err == nil {
		t.Errorf("port forwarding accepted")
	}
}

func TestPanicEndsOnlyItsSession(t *testing.T) {
	ts := startServer(t, nil)
	a := openTUI(t, ts.mustDial(t, ts.allowed), tuiOptions{})
	b := openTUI(t, ts.mustDial(t, ts.other), tuiOptions{})
	ma := a.waitFor("[keys=0]", 0, 5*time.Second)
	mb := b.waitFor("[keys=0]", 0, 5*time.Second)

	a.send("x")
	a.waitFor("[keys=1]", ma, 5*time.Second)
	a.send("p")
	code, err := a.wait(5 * time.Second)
	if err != nil || code != 1 {
		t.Fatalf("panicking session: exit %d, err %v; want exit status 1", code, err)
	}
	if !strings.Contains(a.stderr(), "internal error") {
		t.Errorf("panicking session's stderr = %q, want an explanation", a.stderr())
	}
	ts.logs.waitFor(t, "panic in session", 2*time.Second)
	if !strings.Contains(ts.logs.String(), "test panic on key p") {
		t.Errorf("the panic value is not logged:\n%s", ts.logs.String())
	}

	// The other session carries on, and new sessions are served.
	for i := 1; i <= 3; i++ {
		b.send("k")
		mb = b.waitFor(fmt.Sprintf("[keys=%d]", i), mb, 5*time.Second)
	}
	c := openTUI(t, ts.mustDial(t, ts.allowed), tuiOptions{})
	c.waitFor("[keys=0]", 0, 5*time.Second)

	// A panic outside the model (here, while building it) is caught too.
	d := openTUI(t, ts.mustDial(t, ts.allowed), tuiOptions{term: "panic-term"})
	if code, err := d.wait(5 * time.Second); err != nil || code != 1 {
		t.Fatalf("session whose model factory panics: exit %d, err %v; want 1", code, err)
	}
	ts.logs.waitFor(t, "panic in session handler", 2*time.Second)
	b.send("k")
	b.waitFor("[keys=4]", mb, 5*time.Second)
	if n := ts.Sessions(); n != 2 {
		t.Errorf("Sessions() = %d, want 2 (b and c)", n)
	}
}

func TestMaxSessions(t *testing.T) {
	ts := startServer(t, func(c *Config) { c.MaxSessions = 2 })
	client := ts.mustDial(t, ts.allowed)
	a := openTUI(t, client, tuiOptions{})
	b := openTUI(t, client, tuiOptions{})
	a.waitFor("[keys=0]", 0, 5*time.Second)
	b.waitFor("[keys=0]", 0, 5*time.Second)

	c := openTUI(t, ts.mustDial(t, ts.other), tuiOptions{})
	code, err := c.wait(5 * time.Second)
	if err != nil || code != 1 || !strings.Contains(c.stderr(), "full") {
		t.Fatalf("third session: exit %d, err %v, stderr %q; want a refusal", code, err, c.stderr())
	}
	ts.logs.waitFor(t, "server full", time.Second)

	a.send("q")
	if _, err := a.wait(5 * time.Second); err != nil {
		t.Fatal(err)
	}
	// The slot is free again.
	d := openTUI(t, ts.mustDial(t, ts.other), tuiOptions{})
	d.waitFor("[keys=0]", 0, 5*time.Second)
}

func TestRateLimitPerAddress(t *testing.T) {
	ts := startServer(t, func(c *Config) { c.RateBurst = 3; c.RatePerSecond = 0.01 })
	for i := 0; i < 3; i++ {
		ts.mustDial(t, ts.allowed)
	}
	c, err := ts.dial(t, ts.allowed)
	if err == nil {
		c.Close()
		t.Fatal("fourth connection in a burst of 3 was accepted")
	}
	ts.logs.waitFor(t, "rate limit", time.Second)
}

func TestHandshakeTimeout(t *testing.T) {
	ts := startServer(t, func(c *Config) { c.HandshakeTimeout = 300 * time.Millisecond })
	conn, err := net.Dial("tcp", ts.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(5 * time.Second))
	start := time.Now()
	// Read the server's version line, then stay silent.
	buf := make([]byte, 256)
	for {
		if _, err := conn.Read(buf); err != nil {
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				t.Fatal("the server kept a silent connection open")
			}
			break
		}
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("dropped after %v, want about 300ms", d)
	}
}

func TestIdleTimeout(t *testing.T) {
	const idle = 800 * time.Millisecond
	ts := startServer(t, func(c *Config) { c.IdleTimeout = idle })
	u := openTUI(t, ts.mustDial(t, ts.allowed), tuiOptions{})
	m := u.waitFor("[keys=0]", 0, 5*time.Second)
	// Typing keeps the session alive past the timeout.
	for i := 1; i <= 5; i++ {
		time.Sleep(idle / 2)
		u.send("j")
		m = u.waitFor(fmt.Sprintf("[keys=%d]", i), m, 5*time.Second)
	}
	start := time.Now()
	code, err := u.wait(10 * time.Second)
	if err != nil || code != 0 {
		t.Fatalf("idle session: exit %d, err %v", code, err)
	}
	if d := time.Since(start); d < idle/2 || d > 5*time.Second {
		t.Errorf("idle session ended %v after the last key, want about %v", d, idle)
	}
	if !strings.Contains(u.stderr(), "no input for") {
		t.Errorf("stderr = %q, want the reason", u.stderr())
	}
	ts.logs.waitFor(t, "reason=\"no input for", 2*time.Second)
}

func TestSilentTerminalKeepsItsFirstKey(t *testing.T) {
	ts := startServer(t, nil)
	// A terminal that answers no query: the session must start after the
	// query deadline, and the first key typed after it must not be lost.
	u := openTUI(t, ts.mustDial(t, ts.allowed), tuiOptions{silent: true})
	start := time.Now()
	m := u.waitFor("[keys=0]", 0, 5*time.Second)
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("first frame after %v", d)
	}
	u.send("j")
	u.waitFor("[keys=1]", m, 5*time.Second)
}

func TestShutdownEndsSessions(t *testing.T) {
	ts := startServer(t, nil)
	var tuis []*tui
	for i := 0; i < 3; i++ {
		u := openTUI(t, ts.mustDial(t, ts.allowed), tuiOptions{})
		u.waitFor("[keys=0]", 0, 5*time.Second)
		tuis = append(tuis, u)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	start := time.Now()
	if err := ts.Shutdown(ctx); err != nil {
		t.Fatalf("Shutdown: %v", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("Shutdown took %v", d)
	}
	for i, u := range tuis {
		if _, err := u.wait(5 * time.Second); err != nil {
			t.Errorf("session %d: %v", i, err)
		}
		if !strings.Contains(u.stderr(), "shutting down") {
			t.Errorf("session %d stderr = %q, want the reason", i, u.stderr())
		}
	}
	select {
	case err := <-ts.served:
		if !errors.Is(err, ErrServerClosed) {
			t.Errorf("Serve: %v", err)
		}
		ts.served <- err // for the cleanup's check
	case <-time.After(5 * time.Second):
		t.Fatal("Serve did not return")
	}
	if c, err := ts.dial(t, ts.allowed); err == nil {
		c.Close()
		t.Error("connection accepted after Shutdown")
	}
	if n := ts.Sessions(); n != 0 {
		t.Errorf("%d sessions left", n)
	}
}

func TestAuthorizedKeysReload(t *testing.T) {
	ts := startServer(t, nil)
	newcomer := newClientKey(t)
	if c, err := ts.dial(t, newcomer); err == nil {
		c.Close()
		t.Fatal("unlisted key let in")
	}
	time.Sleep(statInterval + 100*time.Millisecond)
	// Add the newcomer, drop the first key.
	writeAuthorizedKeys(t, ts.akPath, newcomer, ts.other)
	time.Sleep(statInterval + 100*time.Millisecond)
	ts.mustDial(t, newcomer)
	if c, err := ts.dial(t, ts.allowed); err == nil {
		c.Close()
		t.Fatal("revoked key let in")
	}
	ts.logs.waitFor(t, "authorized keys reloaded", time.Second)
}

func TestNewRefusesWithoutKeys(t *testing.T) {
	dir := t.TempDir()
	model := testModelFunc(nil)
	quiet := log.New(&syncBuffer{})
	_, err := New(Config{HostKeyPath: filepath.Join(dir, "hk"), AuthorizedKeysPath: filepath.Join(dir, "missing"),
		NewModel: model, Logger: quiet})
	if err == nil || !strings.Contains(err.Error(), "--allow-any-key") {
		t.Errorf("missing file: err = %v, want a refusal that names --allow-any-key", err)
	}
	empty := filepath.Join(dir, "empty")
	os.WriteFile(empty, []byte("# nobody yet\n"), 0o600)
	_, err = New(Config{HostKeyPath: filepath.Join(dir, "hk"), AuthorizedKeysPath: empty, NewModel: model, Logger: quiet})
	if err == nil || !strings.Contains(err.Error(), "no usable key") {
		t.Errorf("empty file: err = %v, want a refusal", err)
	}
	if _, err := New(Config{HostKeyPath: filepath.Join(dir, "hk"), AuthorizedKeysPath: empty, Logger: quiet}); err == nil {
		t.Error("New accepted a config without NewModel")
	}
}

func TestAllowAnyKey(t *testing.T) {
	ts := startServer(t, func(c *Config) { c.AllowAnyKey = true; c.AuthorizedKeysPath = "" })
	if ts.AuthorizedKeysPath() != "" {
		t.Errorf("AuthorizedKeysPath() = %q with AllowAnyKey", ts.AuthorizedKeysPath())
	}
	anyone := newClientKey(t)
	u := openTUI(t, ts.mustDial(t, anyone), tuiOptions{})
	u.waitFor("user="+gossh.FingerprintSHA256(anyone.PublicKey()), 0, 5*time.Second)
	// Still no way in without a key.
	if c, err := gossh.Dial("tcp", ts.addr, ts.clientConfig()); err == nil {
		c.Close()
		t.Error("no-auth let in with AllowAnyKey")
	}
}

// fakeSession is just enough of an ssh.Session for verifyKeyMiddleware.
type fakeSession struct {
	ssh.Session
	key    ssh.PublicKey
	perms  ssh.Permissions
	stderr strings.Builder
	exit   int
}

func (f *fakeSession) PublicKey() ssh.PublicKey     { return f.key }
func (f *fakeSession) Permissions() ssh.Permissions { return f.perms }
func (f *fakeSession) RemoteAddr() net.Addr {
	return &net.TCPAddr{IP: net.IPv4(192, 0, 2, 1), Port: 4242}
}
func (f *fakeSession) Stderr() io.ReadWriter { return &rw{&f.stderr} }
func (f *fakeSession) Exit(code int) error   { f.exit = code; return nil }
func (f *fakeSession) Close() error          { return nil }

type rw struct{ *strings.Builder }

func (rw) Read([]byte) (int, error) { return 0, io.EOF }

func TestVerifyKeyMiddleware(t *testing.T) {
	s := &Server{log: log.New(&syncBuffer{})}
	authed, other := newClientKey(t).PublicKey(), newClientKey(t).PublicKey()
	perms := func(fp string) ssh.Permissions {
		return ssh.Permissions{Permissions: &gossh.Permissions{Extensions: map[string]string{fingerprintExt: fp}}}
	}
	cases := []struct {
		name string
		sess *fakeSession
		pass bool
	}{
		{"same key", &fakeSession{key: authed, perms: perms(gossh.FingerprintSHA256(authed))}, true},
		{"other key", &fakeSession{key: other, perms: perms(gossh.FingerprintSHA256(authed))}, false},
		{"no record", &fakeSession{key: authed, perms: ssh.Permissions{Permissions: &gossh.Permissions{}}}, false},
		{"no permissions", &fakeSession{key: authed}, false},
		{"no key", &fakeSession{perms: perms(gossh.FingerprintSHA256(authed))}, false},
	}
	for _, c := range cases {
		ran := false
		s.verifyKeyMiddleware(func(ssh.Session) { ran = true })(c.sess)
		if ran != c.pass {
			t.Errorf("%s: handler ran = %v, want %v", c.name, ran, c.pass)
		}
		if !c.pass && (c.sess.exit != 1 || !strings.Contains(c.sess.stderr.String(), "permission denied")) {
			t.Errorf("%s: exit %d, stderr %q", c.name, c.sess.exit, c.sess.stderr.String())
		}
	}
}

func TestClientEOFEndsSession(t *testing.T) {
	ts := startServer(t, nil)
	c := ts.mustDial(t, ts.allowed)
	a := openTUI(t, c, tuiOptions{})
	b := openTUI(t, c, tuiOptions{}) // same connection, as a multiplexing client does
	a.waitFor("[keys=0]", 0, 5*time.Second)
	mb := b.waitFor("[keys=0]", 0, 5*time.Second)
	a.stdin.Close()
	if _, err := a.wait(5 * time.Second); err != nil {
		t.Fatalf("session whose input ended: %v\nlogs:\n%s", err, ts.logs.String())
	}
	waitUntil(t, 5*time.Second, func() bool { return ts.Sessions() == 1 })
	b.send("j")
	b.waitFor("[keys=1]", mb, 5*time.Second)
}
