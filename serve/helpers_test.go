package serve

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/log"
	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"
)

// syncBuffer is a goroutine-safe log sink.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// waitLog waits until the log contains want.
func (b *syncBuffer) waitFor(t testing.TB, want string, within time.Duration) {
	t.Helper()
	deadline := time.Now().Add(within)
	for !strings.Contains(b.String(), want) {
		if time.Now().After(deadline) {
			t.Fatalf("log never contained %q within %v; log:\n%s", want, within, b.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func newClientKey(t testing.TB) gossh.Signer {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func writeAuthorizedKeys(t testing.TB, path string, keys ...gossh.Signer) {
	t.Helper()
	var b bytes.Buffer
	for i, k := range keys {
		line := bytes.TrimSpace(gossh.MarshalAuthorizedKey(k.PublicKey()))
		fmt.Fprintf(&b, "%s user%d@test\n", line, i)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
}

// testModel shows who it serves, the window size and the number of keys
// received; "p" panics, "q" quits, "c" records a decision through onDecide
// off the UI goroutine, as a real UI would, and counts it once saved.
type testModel struct {
	user     string
	r        *lipgloss.Renderer
	keys     int
	saved    int
	w, h     int
	onDecide func(user string, n int) error
}

type savedMsg struct{ err error }

func (m *testModel) Init() tea.Cmd { return nil }

func (m *testModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.w, m.h = msg.Width, msg.Height
	case tea.KeyMsg:
		m.keys++
		switch msg.String() {
		case "p":
			panic("test panic on key p")
		case "q":
			return m, tea.Quit
		case "c":
			if m.onDecide != nil {
				user, n := m.user, m.keys
				return m, func() tea.Msg { return savedMsg{m.onDecide(user, n)} }
			}
		}
	case savedMsg:
		if msg.err != nil {
			panic(msg.err)
		}
		m.saved++
	}
	return m, nil
}

func (m *testModel) View() string {
	style := m.r.NewStyle().Foreground(lipgloss.Color("205"))
	return style.Render("briefing-test") + fmt.Sprintf(" user=%s\n[keys=%d] [saved=%d] [size=%dx%d] [profile=%d]\n",
		m.user, m.keys, m.saved, m.w, m.h, m.r.ColorProfile())
}

func testModelFunc(onDecide func(string, int) error) ModelFunc {
	return func(sess ssh.Session, r *lipgloss.Renderer, user string) tea.Model {
		pty, _, _ := sess.Pty()
		if pty.Term == "panic-term" {
			panic("test panic while building the model")
		}
		return &testModel{user: user, r: r, onDecide: onDecide}
	}
}

// testServer is a running server on 127.0.0.1:0 with its keys.
type testServer struct {
	*Server
	addr    string
	logs    *syncBuffer
	allowed gossh.Signer // listed in authorized_keys
	other   gossh.Signer // listed too
	akPath  string
	served  chan error
}

func startServer(t testing.TB, tweak func(*Config)) *testServer {
	t.Helper()
	dir := t.TempDir()
	ts := &testServer{logs: &syncBuffer{}, allowed: newClientKey(t), other: newClientKey(t),
		akPath: filepath.Join(dir, "authorized_keys"), served: make(chan error, 1)}
	writeAuthorizedKeys(t, ts.akPath, ts.allowed, ts.other)
	cfg := Config{
		HostKeyPath:        filepath.Join(dir, "host_key"),
		AuthorizedKeysPath: ts.akPath,
		Logger:             log.NewWithOptions(ts.logs, log.Options{Level: log.DebugLevel}),
		NewModel:           testModelFunc(nil),
		RateBurst:          200,
		RatePerSecond:      100,
	}
	if tweak != nil {
		tweak(&cfg)
	}
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ts.Server, ts.addr = srv, ln.Addr().String()
	go func() { ts.served <- srv.Serve(ln) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := srv.Shutdown(ctx); err != nil {
			t.Errorf("shutdown: %v", err)
		}
		select {
		case err := <-ts.served:
			if !errors.Is(err, ErrServerClosed) {
				t.Errorf("Serve returned %v, want ErrServerClosed", err)
			}
		case <-time.After(5 * time.Second):
			t.Errorf("Serve did not return after Shutdown")
		}
	})
	return ts
}

// authorize replaces the authorized keys and makes the server read them at
// its next authentication, rather than within statInterval.
func (ts *testServer) authorize(t testing.TB, keys ...gossh.Signer) {
	t.Helper()
	writeAuthorizedKeys(t, ts.akPath, keys...)
	ts.keys.mu.Lock()
	ts.keys.checked = time.Time{}
	ts.keys.mu.Unlock()
}

func (ts *testServer) clientConfig(auth ...gossh.AuthMethod) *gossh.ClientConfig {
	return &gossh.ClientConfig{
		User:            "analyst",
		Auth:            auth,
		HostKeyCallback: gossh.FixedHostKey(ts.hostKey),
		Timeout:         10 * time.Second,
	}
}

func (ts *testServer) dial(t testing.TB, signers ...gossh.Signer) (*gossh.Client, error) {
	t.Helper()
	var auth []gossh.AuthMethod
	if len(signers) > 0 {
		auth = append(auth, gossh.PublicKeys(signers...))
	}
	return gossh.Dial("tcp", ts.addr, ts.clientConfig(auth...))
}

func (ts *testServer) mustDial(t testing.TB, signers ...gossh.Signer) *gossh.Client {
	t.Helper()
	c, err := ts.dial(t, signers...)
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// tui is a client session with a pty. Its reader answers the terminal
// queries wish's renderer sends (background colour, device attributes), as
// a terminal emulator would, unless silent is set.
type tui struct {
	t      testing.TB
	sess   *gossh.Session
	stdin  io.WriteCloser
	mu     sync.Mutex
	cond   *sync.Cond
	out    bytes.Buffer // output from offset base on
	base   int
	errOut bytes.Buffer
	eof    bool
	done   chan error // Wait's result
}

type tuiOptions struct {
	term          string
	width, height int
	silent        bool // do not answer terminal queries
}

func openTUI(t testing.TB, c *gossh.Client, o tuiOptions) *tui {
	t.Helper()
	if o.term == "" {
		o.term = "xterm-256color"
	}
	if o.width == 0 {
		o.width, o.height = 100, 30
	}
	sess, err := c.NewSession()
	if err != nil {
		t.Fatalf("new session: %v", err)
	}
	u := &tui{t: t, sess: sess, done: make(chan error, 1)}
	u.cond = sync.NewCond(&u.mu)
	if err := sess.RequestPty(o.term, o.height, o.width, gossh.TerminalModes{gossh.ECHO: 0}); err != nil {
		t.Fatalf("pty: %v", err)
	}
	u.stdin, err = sess.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := sess.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	stderr, err := sess.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatalf("shell: %v", err)
	}
	var readers sync.WaitGroup
	readers.Add(2)
	go func() { defer readers.Done(); u.read(stdout, &u.out, !o.silent) }()
	go func() { defer readers.Done(); u.read(stderr, &u.errOut, false) }()
	go func() {
		err := sess.Wait()
		readers.Wait()
		u.mu.Lock()
		u.eof = true
		u.cond.Broadcast()
		u.mu.Unlock()
		u.done <- err
	}()
	t.Cleanup(func() { sess.Close() })
	return u
}

const da1Query = "\x1b[c"

func (u *tui) read(r io.Reader, into *bytes.Buffer, answer bool) {
	buf := make([]byte, 8192)
	for {
		n, err := r.Read(buf)
		if n > 0 {
			u.mu.Lock()
			into.Write(buf[:n])
			u.cond.Broadcast()
			u.mu.Unlock()
			if answer && bytes.Contains(buf[:n], []byte(da1Query)) {
				// A dark background, then a VT220's device attributes.
				io.WriteString(u.stdin, "\x1b]11;rgb:1c1c/1c1c/1c1c\x1b\\\x1b[?62;22c")
			}
		}
		if err != nil {
			return
		}
	}
}

// waitFor waits until the plain text of the output since mark contains
// want, and returns the output length to use as the next mark.
func (u *tui) waitFor(want string, mark int, within time.Duration) int {
	u.t.Helper()
	n, err := u.waitForErr(want, mark, within)
	if err != nil {
		u.t.Fatal(err)
	}
	return n
}

func (u *tui) waitForErr(want string, mark int, within time.Duration) (int, error) {
	deadline := time.Now().Add(within)
	timer := time.AfterFunc(within, func() {
		u.mu.Lock()
		u.cond.Broadcast()
		u.mu.Unlock()
	})
	defer timer.Stop()
	u.mu.Lock()
	defer u.mu.Unlock()
	for {
		if bytes.Contains([]byte(ansi.Strip(string(u.out.Bytes()[max(0, mark-u.base):]))), []byte(want)) {
			return u.base + u.out.Len(), nil
		}
		if u.eof || time.Now().After(deadline) {
			return 0, fmt.Errorf("output never showed %q within %v (eof=%v); it ends with:\n%q\nstderr: %q",
				want, within, u.eof, tail(ansi.Strip(u.out.String()), 400), u.errOut.String())
		}
		u.cond.Wait()
	}
}

func (u *tui) mark() int {
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.base + u.out.Len()
}

// discard forgets the output before mark, so that a long session does not
// keep all it was sent.
func (u *tui) discard(mark int) {
	u.mu.Lock()
	defer u.mu.Unlock()
	if n := mark - u.base; n > 0 {
		u.out.Next(n)
		u.base = mark
	}
}

func (u *tui) stderr() string {
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.errOut.String()
}

func (u *tui) send(s string) {
	u.t.Helper()
	if _, err := io.WriteString(u.stdin, s); err != nil {
		u.t.Fatalf("send %q: %v", s, err)
	}
}

// wait waits for the session to end and returns its exit status.
func (u *tui) wait(within time.Duration) (int, error) {
	select {
	case err := <-u.done:
		if err == nil {
			return 0, nil
		}
		var ee *gossh.ExitError
		if errors.As(err, &ee) {
			return ee.ExitStatus(), nil
		}
		return -1, err
	case <-time.After(within):
		return -1, fmt.Errorf("session still running after %v", within)
	}
}

// waitOutput waits until there is output past mark and returns its end.
func (u *tui) waitOutput(mark int, within time.Duration) (int, error) {
	deadline := time.Now().Add(within)
	timer := time.AfterFunc(within, func() {
		u.mu.Lock()
		u.cond.Broadcast()
		u.mu.Unlock()
	})
	defer timer.Stop()
	u.mu.Lock()
	defer u.mu.Unlock()
	for u.base+u.out.Len() <= mark {
		if u.eof || time.Now().After(deadline) {
			return 0, fmt.Errorf("no output within %v (eof=%v)", within, u.eof)
		}
		u.cond.Wait()
	}
	return u.base + u.out.Len(), nil
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n:]
}
