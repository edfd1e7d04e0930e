package serve

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"github.com/briefing/briefing/model"
	"github.com/briefing/briefing/store"
)

var (
	seedsOnce  sync.Once
	seedsIndex *model.Index
	seedsErr   error
)

// seeds is the index of the sample corpus, built once for all tests: the
// server shares one index between sessions the same way.
func seeds(t testing.TB) *model.Index {
	t.Helper()
	seedsOnce.Do(func() {
		docs, warns, err := model.Load([]string{filepath.Join("..", "seeds")}, model.LoadOptions{})
		if err != nil {
			seedsErr = err
			return
		}
		seedsIndex, seedsErr = model.Open(docs, warns)
	})
	if seedsErr != nil {
		t.Fatalf("loading the seeds: %v", seedsErr)
	}
	if len(seedsIndex.Conflicts) == 0 {
		t.Skip("the seeds yield no conflict to triage")
	}
	return seedsIndex
}

// startBriefing serves the real TUI on the seeds, with a fresh database.
func startBriefing(t testing.TB, tweak func(*Config)) (*testServer, *store.Store) {
	t.Helper()
	ix := seeds(t)
	db, err := store.Open(filepath.Join(t.TempDir(), "briefing.db"))
	if err != nil {
		t.Fatal(err)
	}
	ts := startServer(t, func(c *Config) {
		c.NewModel = Briefing(ix, db, c.Logger)
		if tweak != nil {
			tweak(c)
		}
	})
	// Cleanups run last-in first-out: the server stops before the database
	// closes.
	t.Cleanup(func() { db.Close() })
	return ts, db
}

func triagedLine(n, of int) string { return fmt.Sprintf("%d/%d triaged", n, of) }

func TestBriefingDecisionLandsUnderKeyFingerprint(t *testing.T) {
	ts, db := startBriefing(t, nil)
	nConflicts := len(seeds(t).Conflicts)
	fp := gossh.FingerprintSHA256(ts.allowed.PublicKey())

	u := openTUI(t, ts.mustDial(t, ts.allowed), tuiOptions{width: 160, height: 40})
	m := u.waitFor(fp, 0, 10*time.Second) // the header names the user
	u.waitFor(triagedLine(0, nConflicts), 0, time.Second)
	u.send("n")
	u.send("c")
	m = u.waitFor("saved:", m, 10*time.Second)
	u.waitFor(triagedLine(1, nConflicts), 0, 5*time.Second)
	u.send("q")
	if code, err := u.wait(5 * time.Second); err != nil || code != 0 {
		t.Fatalf("quit: exit %d, %v", code, err)
	}

	got, err := db.All(context.Background(), fp)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 {
		t.Fatalf("%d decisions under %s, want 1: %+v", len(got), fp, got)
	}
	for _, d := range got {
		if d.Status != store.StatusConfirmed || d.By != fp || d.Kind != store.KindConflict {
			t.Errorf("decision %+v, want a confirmed conflict by %s", d, fp)
		}
	}

	// Another key has its own, empty, triage; the first key gets its
	// decision back on a new connection.
	other := openTUI(t, ts.mustDial(t, ts.other), tuiOptions{width: 160, height: 40})
	other.waitFor(gossh.FingerprintSHA256(ts.other.PublicKey()), 0, 10*time.Second)
	other.waitFor(triagedLine(0, nConflicts), 0, time.Second)
	again := openTUI(t, ts.mustDial(t, ts.allowed), tuiOptions{width: 160, height: 40})
	again.waitFor(triagedLine(1, nConflicts), 0, 10*time.Second)
}

func TestBriefingExportWritesNoFileOnServer(t *testing.T) {
	ts, _ := startBriefing(t, nil)
	before, _ := filepath.Glob("briefing-*.md")
	u := openTUI(t, ts.mustDial(t, ts.allowed), tuiOptions{width: 160, height: 40})
	m := u.waitFor("triaged", 0, 10*time.Second)
	u.send("x")
	m = u.waitFor("Save to:", m, 5*time.Second)
	u.send("\r")
	u.waitFor("not available over SSH", m, 5*time.Second)
	after, _ := filepath.Glob("briefing-*.md")
	if len(after) != len(before) {
		t.Errorf("a remote export wrote a file on the server: %v", after)
	}
}
