package main

// End-to-end tests: the built binary in a real terminal (tmux), keys sent
// with send-keys and the screen read with capture-pane. They skip when tmux
// is missing; .ci/run installs it.

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/briefing/briefing/model"
)

var (
	buildOnce sync.Once
	builtBin  string
	buildErr  error
)

// buildBinary compiles briefing once per test binary run.
func buildBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "briefing-e2e")
		if err != nil {
			buildErr = err
			return
		}
		builtBin = filepath.Join(dir, "briefing")
		if out, err := exec.Command("go", "build", "-o", builtBin, ".").CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return builtBin
}

// tmuxSession runs argv in a detached tmux session of the given size.
type tmuxSession struct {
	t    *testing.T
	name string
	sock string
}

func startTmux(t *testing.T, w, h int, env []string, argv ...string) *tmuxSession {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux not installed")
	}
	s := &tmuxSession{t: t, name: "briefing-e2e", sock: filepath.Join(t.TempDir(), "tmux.sock")}
	shell := strings.Join(append(env, quoteAll(argv)...), " ")
	args := []string{"-S", s.sock, "-f", "/dev/null", "new-session", "-d", "-s", s.name,
		"-x", fmt.Sprint(w), "-y", fmt.Sprint(h), "env TERM=xterm-256color " + shell}
	if out, err := exec.Command("tmux", args...).CombinedOutput(); err != nil {
		t.Fatalf("tmux: %v\n%s", err, out)
	}
	t.Cleanup(func() { exec.Command("tmux", "-S", s.sock, "kill-server").Run() })
	return s
}

func quoteAll(argv []string) []string {
	out := make([]string, len(argv))
	for i, a := range argv {
		out[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
	}
	return out
}

func (s *tmuxSession) capture() string {
	out, _ := exec.Command("tmux", "-S", s.sock, "capture-pane", "-p", "-t", s.name).Output()
	return string(out)
}

func (s *tmuxSession) send(keys ...string) {
	args := append([]string{"-S", s.sock, "send-keys", "-t", s.name}, keys...)
	if out, err := exec.Command("tmux", args...).CombinedOutput(); err != nil {
		s.t.Fatalf("send-keys %v: %v\n%s", keys, err, out)
	}
}

// waitFor polls the screen until every string shows, or fails after a
// generous deadline (a bound, not a speed assertion).
func (s *tmuxSession) waitFor(want ...string) string {
	s.t.Helper()
	return s.waitUntil(fmt.Sprintf("%q", want), func(screen string) bool {
		for _, w := range want {
			if !strings.Contains(screen, w) {
				return false
			}
		}
		return true
	})
}

func (s *tmuxSession) waitUntil(what string, ok func(screen string) bool) string {
	s.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	var screen string
	for time.Now().Before(deadline) {
		screen = s.capture()
		if ok(screen) {
			return screen
		}
		time.Sleep(100 * time.Millisecond)
	}
	s.t.Fatalf("screen never showed %s:\n%s", what, screen)
	return ""
}

// footer is the last few lines of the screen: status line and help.
func footer(screen string) string {
	lines := strings.Split(strings.TrimRight(screen, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-3):], "\n")
}

func (s *tmuxSession) panePID() int {
	out, err := exec.Command("tmux", "-S", s.sock, "display-message", "-p", "-t", s.name, "#{pane_pid}").Output()
	if err != nil {
		s.t.Fatal(err)
	}
	var pid int
	fmt.Sscan(strings.TrimSpace(string(out)), &pid)
	return pid
}

func TestE2ESeedsSideBySideAndConflictKeys(t *testing.T) {
	if testing.Short() {
		t.Skip("e2e")
	}
	bin := buildBinary(t)
	db := filepath.Join(t.TempDir(), "b.db")
	s := startTmux(t, 160, 48, nil, bin, "--db", db)
	// The first frame shows several sources side by side: outlets found by
	// the metadata stage head their panes.
	s.waitFor("MediaBites", "Imran Malik", "conflicts")
	s.send("n")
	screen := s.waitUntil("c1 in the footer", func(sc string) bool { return strings.Contains(footer(sc), "c1 ") })
	// The footer carries the selected conflict's summary; the panes show the
	// conflict's sentences (marked with the selection gutter).
	ix := seedIndex(t)
	if len(ix.Conflicts) == 0 {
		t.Fatal("no conflicts in the seeds")
	}
	first := ix.Conflicts[0]
	if !strings.Contains(footer(screen), first.Summary[:20]) {
		t.Errorf("footer lacks the first conflict's summary %q:\n%s", first.Summary, footer(screen))
	}
	for _, ref := range first.Claims[:2] {
		a := ix.Articles[ix.Sentences[ref.Sentence].Article]
		label := a.Outlet
		if label == "" {
			label = a.File[:10]
		}
		if !strings.Contains(screen, label) {
			t.Errorf("pane for %s (%s) not shown:\n%s", a.File, label, screen)
		}
	}
	s.send("q")
}

// TestE2ETriageSurvivesSIGKILL triages several conflicts in the TUI, kills
// the process with SIGKILL, and finds every decision in the report.
func TestE2ETriageSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("e2e")
	}
	bin := buildBinary(t)
	db := filepath.Join(t.TempDir(), "b.db")
	s := startTmux(t, 160, 48, nil, bin, "--db", db)
	s.waitFor("MediaBites")
	const n = 3
	for i := 1; i <= n; i++ {
		s.send("n")
		want := fmt.Sprintf("c%d ", i)
		s.waitUntil(want+"in the footer", func(sc string) bool { return strings.Contains(footer(sc), want) })
		s.send("c")
		s.waitFor(fmt.Sprintf("%d/%d triaged", i, len(seedIndex(t).Conflicts)))
	}
	pid := s.panePID()
	// The pane runs `env ... briefing`; env execs, so the pid is briefing.
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		t.Fatalf("kill: %v", err)
	}
	out, err := exec.Command(bin, "report", "--json", "--db", db).Output()
	if err != nil {
		t.Fatalf("report: %v", err)
	}
	var rep model.Report
	if err := json.Unmarshal(out, &rep); err != nil {
		t.Fatal(err)
	}
	confirmed := 0
	for _, c := range rep.Conflicts {
		if c.Triage != nil && c.Triage.Status == "confirmed" {
			confirmed++
		}
	}
	if confirmed != n {
		t.Fatalf("%d conflicts confirmed after SIGKILL, want %d", confirmed, n)
	}
	md, err := exec.Command(bin, "report", "--markdown", "--db", db).Output()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(string(md), "confirmed") < n {
		t.Fatalf("markdown report does not show the %d confirmed conflicts:\n%s", n, md)
	}
}

func seedIndex(t *testing.T) *model.Index {
	t.Helper()
	docs, err := model.LoadEmbedded(seedsFS, "seeds")
	if err != nil {
		t.Fatal(err)
	}
	ix, err := model.Open(docs, nil)
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

func init() {
	// Keep e2e runs from touching the developer's real database or config.
	if os.Getenv("XDG_DATA_HOME") == "" {
		if dir, err := os.MkdirTemp("", "briefing-test-data"); err == nil {
			os.Setenv("XDG_DATA_HOME", dir)
		}
	}
}
