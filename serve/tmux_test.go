package serve

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// openSSH drives the real OpenSSH client inside a private tmux server.
type openSSH struct {
	t       testing.TB
	sock    string
	keyPath string
	known   string
	port    string
	signer  gossh.Signer
}

// newOpenSSH writes a client key (OpenSSH format, 0600) and a known_hosts
// entry for ts, or skips the test when tmux or ssh is missing.
func newOpenSSH(t testing.TB, ts *testServer) *openSSH {
	t.Helper()
	for _, tool := range []string{"tmux", "ssh"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed", tool)
		}
	}
	dir := t.TempDir()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	block, err := gossh.MarshalPrivateKey(priv, "tmux-test")
	if err != nil {
		t.Fatal(err)
	}
	o := &openSSH{t: t, sock: filepath.Join(dir, "tmux.sock"), keyPath: filepath.Join(dir, "id_ed25519"),
		known: filepath.Join(dir, "known_hosts")}
	if err := os.WriteFile(o.keyPath, pem.EncodeToMemory(block), 0o600); err != nil {
		t.Fatal(err)
	}
	o.signer, err = gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	_, o.port, _ = net.SplitHostPort(ts.addr)
	line := fmt.Sprintf("[127.0.0.1]:%s %s", o.port, gossh.MarshalAuthorizedKey(ts.hostKey))
	if err := os.WriteFile(o.known, []byte(line), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { exec.Command("tmux", "-S", o.sock, "kill-server").Run() })
	return o
}

// start runs ssh in a new tmux window of the given size.
func (o *openSSH) start(width, height int) {
	o.t.Helper()
	sshCmd := strings.Join([]string{"ssh", "-tt", "-F", "/dev/null",
		"-i", o.keyPath, "-p", o.port,
		"-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none", "-o", "BatchMode=yes",
		"-o", "PasswordAuthentication=no", "-o", "KbdInteractiveAuthentication=no",
		"-o", "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile=" + o.known,
		"-o", "ConnectTimeout=10",
		"analyst@127.0.0.1"}, " ")
	// remain-on-exit keeps the pane (and ssh's last words) after ssh exits.
	cmd := exec.Command("tmux", "-S", o.sock, "-f", "/dev/null", "new-session", "-d",
		"-x", fmt.Sprint(width), "-y", fmt.Sprint(height), sshCmd+"; echo SSH-EXIT=$?; sleep 30")
	cmd.Env = append(os.Environ(), "TERM=xterm-256color")
	if out, err := cmd.CombinedOutput(); err != nil {
		o.t.Fatalf("tmux new-session: %v: %s", err, out)
	}
}

func (o *openSSH) capture() string {
	out, err := exec.Command("tmux", "-S", o.sock, "capture-pane", "-p", "-t", "0").CombinedOutput()
	if err != nil {
		return "capture failed: " + err.Error() + ": " + string(out)
	}
	return string(out)
}

// waitScreen waits until the pane shows want.
func (o *openSSH) waitScreen(want string, within time.Duration) string {
	o.t.Helper()
	deadline := time.Now().Add(within)
	for {
		screen := o.capture()
		if strings.Contains(screen, want) {
			return screen
		}
		if time.Now().After(deadline) {
			o.t.Fatalf("the pane never showed %q within %v; it shows:\n%s", want, within, screen)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (o *openSSH) keys(keys ...string) {
	o.t.Helper()
	args := append([]string{"-S", o.sock, "send-keys", "-t", "0"}, keys...)
	if out, err := exec.Command("tmux", args...).CombinedOutput(); err != nil {
		o.t.Fatalf("tmux send-keys: %v: %s", err, out)
	}
}

func TestOpenSSHClientUnderTmux(t *testing.T) {
	ts := startServer(t, nil)
	o := newOpenSSH(t, ts)
	ts.authorize(t, o.signer)

	o.start(100, 30)
	fp := gossh.FingerprintSHA256(o.signer.PublicKey())
	o.waitScreen("user="+fp, 10*time.Second)
	o.waitScreen("[size=100x30]", 5*time.Second)
	// Sent at once, the keys share a packet; each must count.
	o.keys("j", "j", "j")
	o.waitScreen("[keys=3]", 5*time.Second)
	if out, err := exec.Command("tmux", "-S", o.sock, "resize-window", "-t", "0", "-x", "120", "-y", "40").CombinedOutput(); err != nil {
		t.Fatalf("tmux resize-window: %v: %s", err, out)
	}
	o.waitScreen("[size=120x40]", 5*time.Second)
	o.keys("q")
	o.waitScreen("SSH-EXIT=0", 5*time.Second)
	ts.logs.waitFor(t, "disconnect", 5*time.Second)
}

func TestOpenSSHClientShowsBriefing(t *testing.T) {
	ts, db := startBriefing(t, nil)
	o := newOpenSSH(t, ts)
	ts.authorize(t, o.signer)

	o.start(160, 40)
	fp := gossh.FingerprintSHA256(o.signer.PublicKey())
	o.waitScreen("briefing ·", 10*time.Second)
	o.waitScreen(fp, time.Second)
	o.keys("n")
	o.keys("c")
	o.waitScreen("saved:", 5*time.Second)
	o.keys("q")
	o.waitScreen("SSH-EXIT=0", 5*time.Second)
	got, err := db.All(context.Background(), fp)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 {
		t.Errorf("%d decisions under %s, want 1", len(got), fp)
	}
}
