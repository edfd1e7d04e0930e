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

// TestLoad runs concurrent sessions that type for a while, every fifth key a
// decision written to a real triage database, and checks that every
// keystroke got its frame in bounded time and every decision was stored
// under its session's key. By default it is small (10 sessions, 3 s); set
// BRIEFING_LOAD=1 for the full run (50 sessions, 30 s), or
// BRIEFING_LOAD=sessions,seconds.
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("load test skipped with -short")
	}
	sessions, dur := 10, 3*time.Second
	switch v := os.Getenv("BRIEFING_LOAD"); v {
	case "":
	case "1":
		sessions, dur = 50, 30*time.Second
	default:
		var secs int
		if _, err := fmt.Sscanf(v, "%d,%d", &sessions, &secs); err != nil {
			t.Fatalf("BRIEFING_LOAD=%q: want 1 or sessions,seconds", v)
		}
		dur = time.Duration(secs) * time.Second
	}

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
	signers := make([]gossh.Signer, sessions)
	for i := range signers {
		signers[i] = newClientKey(t)
	}
	writeAuthorizedKeys(t, ts.akPath, signers...)
	time.Sleep(statInterval + 100*time.Millisecond) // let the keyring see the new file

	var peak peakMem
	stopSampling := peak.sample(50 * time.Millisecond)
	goroutinesBefore := runtime.NumGoroutine()

	type result struct {
		latencies []time.Duration
		decisions int
		err       error
	}
	results := make([]result, sessions)
	var wg sync.WaitGroup
	start := time.Now()
	for i := range sessions {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := &results[i]
			c, err := ts.dial(t, signers[i])
			if err != nil {
				r.err = err
				return
			}
			defer c.Close()
			u := openTUI(t, c, tuiOptions{})
			m, err := u.waitForErr("[keys=0]", 0, 10*time.Second)
			if err != nil {
				r.err = err
				return
			}
			deadline := time.Now().Add(dur)
			for n := 1; time.Now().Before(deadline); n++ {
				k := "j"
				if n%5 == 0 {
					k = "c"
					r.decisions++
				}
				sent := time.Now()
				if _, err := u.stdin.Write([]byte(k)); err != nil {
					r.err = err
					return
				}
				if m, err = u.waitForErr(fmt.Sprintf("[keys=%d]", n), m, 5*time.Second); err != nil {
					r.err = fmt.Errorf("key %d: %w", n, err)
					return
				}
				r.latencies = append(r.latencies, time.Since(sent))
				time.Sleep(20 * time.Millisecond) // a fast typist
			}
			if _, err := u.waitForErr(fmt.Sprintf("[saved=%d]", r.decisions), 0, 10*time.Second); err != nil {
				r.err = fmt.Errorf("decisions not all saved: %w", err)
				return
			}
			u.send("q")
			if code, err := u.wait(5 * time.Second); err != nil || code != 0 {
				r.err = fmt.Errorf("quit: exit %d, %v", code, err)
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	stopSampling()

	var all []time.Duration
	for i, r := range results {
		if r.err != nil {
			t.Errorf("session %d: %v", i, r.err)
			continue
		}
		all = append(all, r.latencies...)
		user := gossh.FingerprintSHA256(signers[i].PublicKey())
		got, err := db.All(context.Background(), user)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != r.decisions {
			t.Errorf("session %d: %d decisions stored under %s, want %d", i, len(got), user, r.decisions)
		}
	}
	if len(all) == 0 {
		t.Fatal("no keystroke measured")
	}
	slices.Sort(all)
	pct := func(p float64) time.Duration { return all[min(len(all)-1, int(p*float64(len(all))))] }
	t.Logf("%d sessions x %v: %d keystrokes in %v (%.0f/s); latency p50 %v p90 %v p99 %v max %v",
		sessions, dur, len(all), elapsed.Round(time.Millisecond), float64(len(all))/elapsed.Seconds(),
		pct(0.5), pct(0.9), pct(0.99), all[len(all)-1])
	t.Logf("peak heap in use %.1f MiB, peak memory from the OS %.1f MiB (server and clients in one process)",
		float64(peak.heap.Load())/(1<<20), float64(peak.sys.Load())/(1<<20))

	// Every session's goroutines are gone once the clients have left.
	waitUntil(t, 10*time.Second, func() bool { return ts.Sessions() == 0 })
	waitUntil(t, 10*time.Second, func() bool { return runtime.NumGoroutine() <= goroutinesBefore+10 })
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
