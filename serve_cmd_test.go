package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"

	"github.com/briefing/briefing/store"
)

func TestServeRefusesToStartWithoutKeys(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "config"))
	t.Setenv("XDG_DATA_HOME", filepath.Join(dir, "data"))
	var out, errb bytes.Buffer
	cmd := newServeCmd(strings.NewReader(""), &out, &errb)
	cmd.SetArgs([]string{"--addr", "127.0.0.1:0"})
	err := cmd.Execute()
	if err == nil {
		t.Fatal("serve started with no authorized keys")
	}
	want := filepath.Join(dir, "config", "briefing", "authorized_keys")
	if !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "--allow-any-key") {
		t.Errorf("error %q should name %s and --allow-any-key", err, want)
	}
	// Nothing was created: no host key, no database.
	if _, err := os.Stat(filepath.Join(dir, "data")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("serve wrote to the data directory before refusing: %v", err)
	}
}

// TestServeHelperProcess is the server process of TestServeSIGTERM.
func TestServeHelperProcess(t *testing.T) {
	args := os.Getenv("BRIEFING_SERVE_HELPER_ARGS")
	if args == "" {
		t.Skip("runs as a child of TestServeSIGTERM")
	}
	cmd := newServeCmd(os.Stdin, os.Stdout, os.Stderr)
	cmd.SetArgs(strings.Split(args, "\n"))
	if err := cmd.Execute(); err != nil {
		fmt.Fprintln(os.Stderr, "briefing:", err)
		os.Exit(1)
	}
	os.Exit(0)
}

var connectLine = regexp.MustCompile(`connect with: ssh -p (\d+) `)

// TestServeSIGTERM runs `briefing serve` as a process, makes a decision over
// SSH, sends SIGTERM, and checks that the session is told, the process exits
// 0 within 10 seconds, and the decision is in the database under the key's
// fingerprint.
func TestServeSIGTERM(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a server process")
	}
	dir := t.TempDir()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	signer, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	ak := filepath.Join(dir, "authorized_keys")
	if err := os.WriteFile(ak, gossh.MarshalAuthorizedKey(signer.PublicKey()), 0o600); err != nil {
		t.Fatal(err)
	}
	hostKey, db := filepath.Join(dir, "host_key"), filepath.Join(dir, "briefing.db")
	args := []string{"--addr", "127.0.0.1:0", "--host-key", hostKey, "--authorized-keys", ak, "--db", db, "seeds/"}

	proc := exec.Command(os.Args[0], "-test.run=^TestServeHelperProcess$")
	proc.Env = append(os.Environ(), "BRIEFING_SERVE_HELPER_ARGS="+strings.Join(args, "\n"))
	stderr, err := proc.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := proc.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	var logs syncLog
	portc := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			logs.add(sc.Text())
			if m := connectLine.FindStringSubmatch(sc.Text()); m != nil {
				portc <- m[1]
			}
		}
		exited <- proc.Wait()
	}()
	t.Cleanup(func() { proc.Process.Kill() })

	var port string
	select {
	case port = <-portc:
	case err := <-exited:
		t.Fatalf("serve exited at start: %v\n%s", err, logs.String())
	case <-time.After(30 * time.Second):
		t.Fatalf("serve did not start listening\n%s", logs.String())
	}
	hostPub, err := os.ReadFile(hostKey + ".pub")
	if err != nil {
		t.Fatal(err)
	}
	hk, _, _, _, err := gossh.ParseAuthorizedKey(hostPub)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logs.String(), gossh.FingerprintSHA256(hk)) {
		t.Errorf("the host key's fingerprint is not printed at start:\n%s", logs.String())
	}

	client, err := gossh.Dial("tcp", "127.0.0.1:"+port, &gossh.ClientConfig{
		User: "analyst", Auth: []gossh.AuthMethod{gossh.PublicKeys(signer)},
		HostKeyCallback: gossh.FixedHostKey(hk), Timeout: 10 * time.Second,
	})
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	sess := startPtySession(t, client)
	fp := gossh.FingerprintSHA256(signer.PublicKey())
	sess.waitFor(t, fp)
	sess.waitFor(t, "triaged")
	io.WriteString(sess.stdin, "n")
	time.Sleep(100 * time.Millisecond)
	io.WriteString(sess.stdin, "c")
	sess.waitFor(t, "saved:")

	start := time.Now()
	if err := proc.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-exited:
		if err != nil {
			t.Errorf("serve exited with %v after SIGTERM\n%s", err, logs.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("serve still running 10s after SIGTERM\n%s", logs.String())
	}
	t.Logf("exited %v after SIGTERM", time.Since(start).Round(time.Millisecond))
	select {
	case <-sess.done:
	case <-time.After(5 * time.Second):
		t.Error("the client session did not end")
	}
	if !strings.Contains(sess.stderrText(), "shutting down") {
		t.Errorf("the session was not told why it ended: stderr %q", sess.stderrText())
	}

	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	got, err := st.All(context.Background(), fp)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 {
		t.Errorf("%d decisions under %s after the shutdown, want 1", len(got), fp)
	}
}

type syncLog struct {
	mu    sync.Mutex
	lines []string
}

func (l *syncLog) add(s string) {
	l.mu.Lock()
	l.lines = append(l.lines, s)
	l.mu.Unlock()
}

func (l *syncLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.lines, "\n")
}

// ptySession is a client session with a terminal that answers the
// server's device-attributes query, as terminal emulators do.
type ptySession struct {
	stdin      io.WriteCloser
	mu         sync.Mutex
	out, errb  bytes.Buffer
	done       chan struct{}
	readersEnd sync.WaitGroup
}

func startPtySession(t *testing.T, c *gossh.Client) *ptySession {
	t.Helper()
	s, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RequestPty("xterm-256color", 40, 160, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	p := &ptySession{done: make(chan struct{})}
	p.stdin, _ = s.StdinPipe()
	stdout, _ := s.StdoutPipe()
	stderr, _ := s.StderrPipe()
	if err := s.Shell(); err != nil {
		t.Fatal(err)
	}
	copyTo := func(r io.Reader, w *bytes.Buffer, answer bool) {
		defer p.readersEnd.Done()
		buf := make([]byte, 8192)
		for {
			n, err := r.Read(buf)
			p.mu.Lock()
			w.Write(buf[:n])
			p.mu.Unlock()
			if answer && bytes.Contains(buf[:n], []byte("\x1b[c")) {
				io.WriteString(p.stdin, "\x1b[?62;22c")
			}
			if err != nil {
				return
			}
		}
	}
	p.readersEnd.Add(2)
	go copyTo(stdout, &p.out, true)
	go copyTo(stderr, &p.errb, false)
	go func() { s.Wait(); p.readersEnd.Wait(); close(p.done) }()
	return p
}

func (p *ptySession) waitFor(t *testing.T, want string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		p.mu.Lock()
		screen := ansi.Strip(p.out.String())
		p.mu.Unlock()
		if strings.Contains(screen, want) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the session never showed %q; it ends with %q", want, screen[max(0, len(screen)-400):])
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (p *ptySession) stderrText() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.errb.String()
}
