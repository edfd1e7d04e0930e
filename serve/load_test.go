package serve

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"github.com/briefing/briefing/store"
)

// keyTimeout bounds the response to every keystroke of a load test;
// generous, because the machine running the tests may be busy.
const keyTimeout = 10 * time.Second

// Load tests run concurrent sessions that type for a while, some keys
// decisions written to a real triage database, and check that every
// keystroke got its response in bounded time (keyTimeout) and every decision was
// stored under its session's key. By default they are small (10 sessions,
// 3 s); BRIEFING_LOAD=1 runs the full size (50 sessions, 30 s), and
// BRIEFING_LOAD=sessions,seconds any other. -short skips them.
func loadSize(t *testing.T) (int, time.Duration) {
	if testing.Short() {
		t.Skip("load test skipped with -short")
	}
	switch v := os.Getenv("BRIEFING_LOAD"); v {
	case "":
		return 10, 3 * time.Second
	case "1":
		return 50, 30 * time.Second
	default:
		var sessions, secs int
		if _, err := fmt.Sscanf(v, "%d,%d", &sessions, &secs); err != nil || sessions <= 0 || secs <= 0 {
			t.Fatalf("BRIEFING_LOAD=%q: want 1 or sessions,seconds", v)
		}
		return sessions, time.Duration(secs) * time.Second
	}
}

// typist drives one session: press sends the n-th key (from 1) and waits
// for its response, reporting whether it was a decision.
type typist struct {
	ready string // shown by the first frame
	press func(u *tui, n, mark int) (newMark int, decided bool, err error)
	// settle waits, after the last key, until every decision is saved.
	settle func(u *tui, decisions int) error
}

type sessionLoad struct {
	nav, decide []time.Duration
	decisions   int
	err         error
}

// runLoad connects one client per signer, all typing at once for dur.
func runLoad(t *testing.T, ts *testServer, signers []gossh.Signer, dur time.Duration, ty typist) []sessionLoad {
	ts.authorize(t, signers...)

	var peak peakMem
	stopSampling := peak.sample(50 * time.Millisecond)
	goroutinesBefore := runtime.NumGoroutine()
	results := make([]sessionLoad, len(signers))
	var wg sync.WaitGroup
	start := time.Now()
	for i := range signers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := &results[i]
			r.err = typeFor(t, ts, signers[i], dur, ty, r)
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	stopSampling()

	var nav, decide []time.Duration
	for i, r := range results {
		if r.err != nil {
			t.Errorf("session %d: %v", i, r.err)
		}
		nav = append(nav, r.nav...)
		decide = append(decide, r.decide...)
	}
	t.Logf("%d sessions x %v: %d keystrokes in %v (%.0f/s)", len(signers), dur, len(nav)+len(decide),
		elapsed.Round(time.Millisecond), float64(len(nav)+len(decide))/elapsed.Seconds())
	t.Logf("navigation key to first byte of its frame: %s", latencies(nav))
	t.Logf("decision key to the frame showing it saved: %s", latencies(decide))
	t.Logf("peak heap in use %.1f MiB, peak memory from the OS %.1f MiB (server and clients in one process)",
		float64(peak.heap.Load())/(1<<20), float64(peak.sys.Load())/(1<<20))

	// Every session's goroutines are gone once the clients have left.
	waitUntil(t, 10*time.Second, func() bool { return ts.Sessions() == 0 })
	waitUntil(t, 10*time.Second, func() bool { return runtime.NumGoroutine() <= goroutinesBefore+10 })
	return results
}

func typeFor(t *testing.T, ts *testServer, signer gossh.Signer, dur time.Duration, ty typist, r *sessionLoad) error {
	c, err := ts.dial(t, signer)
	if err != nil {
		return err
	}
	defer c.Close()
	u := openTUI(t, c, tuiOptions{width: 160, height: 40})
	m, err := u.waitForErr(ty.ready, 0, 10*time.Second)
	if err != nil {
		return err
	}
	deadline := time.Now().Add(dur)
	for n := 1; time.Now().Before(deadline); n++ {
		u.discard(m) // the last frame stays, for settle
		sent := time.Now()
		var decided bool
		if m, decided, err = ty.press(u, n, m); err != nil {
			return fmt.Errorf("key %d: %w", n, err)
		}
		if decided {
			r.decisions++
			r.decide = append(r.decide, time.Since(sent))
		} else {
			r.nav = append(r.nav, time.Since(sent))
		}
		time.Sleep(20 * time.Millisecond) // a fast typist
	}
	if ty.settle != nil {
		if err := ty.settle(u, r.decisions); err != nil {
			return err
		}
	}
	u.send("q")
	if code, err := u.wait(5 * time.Second); err != nil || code != 0 {
		return fmt.Errorf("quit: exit %d, %v", code, err)
	}
	return nil
}

func latencies(d []time.Duration) string {
	if len(d) == 0 {
		return "none"
	}
	slices.Sort(d)
	pct := func(p float64) time.Duration { return d[min(len(d)-1, int(p*float64(len(d))))] }
	return fmt.Sprintf("n=%d p50 %v p90 %v p99 %v max %v", len(d),
		pct(0.5).Round(10*time.Microsecond), pct(0.9).Round(10*time.Microsecond),
		pct(0.99).Round(10*time.Microsecond), d[len(d)-1].Round(10*time.Microsecond))
}

func newSigners(t *testing.T, n int) []gossh.Signer {
	signers := make([]gossh.Signer, n)
	for i := range signers {
		signers[i] = newClientKey(t)
	}
	return signers
}

// TestLoad measures the server itself, with a model that costs next to
// nothing: every fifth key is a decision written by the model's command.
func TestLoad(t *testing.T) {
	sessions, dur := loadSize(t)
	db, err := store.Open(filepath.Join(t.TempDir(), "load.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	decide := func(user string, n int) error {
		return db.Set(context.Background(), store.Decision{
			Key: "item-" + strconv.Itoa(n), Kind: store.KindConflict, User: user, Status: store.StatusConfirmed,
		})
	}
	ts := startServer(t, func(c *Config) {
		c.MaxSessions = sessions
		c.NewModel = testModelFunc(decide)
	})
	signers := newSigners(t, sessions)
	results := runLoad(t, ts, signers, dur, typist{
		ready: "[keys=0]",
		press: func(u *tui, n, mark int) (int, bool, error) {
			k := "j"
			if n%5 == 0 {
				k = "c"
			}
			if _, err := u.stdin.Write([]byte(k)); err != nil {
				return mark, false, err
			}
			m, err := u.waitForErr(fmt.Sprintf("[keys=%d]", n), mark, keyTimeout)
			return m, k == "c", err
		},
		settle: func(u *tui, decisions int) error {
			_, err := u.waitForErr(fmt.Sprintf("[saved=%d]", decisions), 0, 10*time.Second)
			return err
		},
	})
	for i, r := range results {
		user := gossh.FingerprintSHA256(signers[i].PublicKey())
		got, err := db.All(context.Background(), user)
		if err != nil {
			t.Fatal(err)
		}
		if r.err == nil && len(got) != r.decisions {
			t.Errorf("session %d: %d decisions stored under %s, want %d", i, len(got), user, r.decisions)
		}
	}
}

// TestLoadBriefing types into the real TUI on the seeds: next conflict
// three times, then confirm (which toggles), each decision awaited until the
// TUI says it is saved.
func TestLoadBriefing(t *testing.T) {
	sessions, dur := loadSize(t)
	ts, db := startBriefing(t, func(c *Config) { c.MaxSessions = sessions })
	signers := newSigners(t, sessions)
	results := runLoad(t, ts, signers, dur, typist{
		ready: "triaged",
		press: func(u *tui, n, mark int) (int, bool, error) {
			if n%4 != 0 {
				if _, err := u.stdin.Write([]byte("n")); err != nil {
					return mark, false, err
				}
				m, err := u.waitOutput(mark, keyTimeout)
				return m, false, err
			}
			if _, err := u.stdin.Write([]byte("c")); err != nil {
				return mark, false, err
			}
			m, err := u.waitForErr("saved:", mark, keyTimeout)
			return m, true, err
		},
	})
	for i, r := range results {
		user := gossh.FingerprintSHA256(signers[i].PublicKey())
		hist, err := db.History(context.Background(), user, 0)
		if err != nil {
			t.Fatal(err)
		}
		if r.err == nil && len(hist) != r.decisions {
			t.Errorf("session %d: %d history entries under %s, want one per decision, %d", i, len(hist), user, r.decisions)
		}
	}
}

func waitUntil(t *testing.T, within time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(within)
	for !cond() {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<20)
			t.Fatalf("condition not met within %v; goroutines:\n%s", within, buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// peakMem samples the process's memory and keeps the highest values seen.
type peakMem struct {
	heap, sys atomic.Uint64
}

func (p *peakMem) sample(every time.Duration) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > p.heap.Load() {
				p.heap.Store(ms.HeapInuse)
			}
			if ms.Sys > p.sys.Load() {
				p.sys.Store(ms.Sys)
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() { close(done); <-finished }
}
