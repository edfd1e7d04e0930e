package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

func tempPath(t testing.TB) string {
	t.Helper()
	return filepath.Join(t.TempDir(), "sub", "dir", "briefing.db")
}

func mustOpen(t testing.TB, path string) *Store {
	t.Helper()
	s, err := Open(path)
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// rawDB opens path with the plain driver, bypassing the store.
func rawDB(t testing.TB, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func pragmaInt(t testing.TB, db *sql.DB, name string) int64 {
	t.Helper()
	var v int64
	if err := db.QueryRow("PRAGMA " + name).Scan(&v); err != nil {
		t.Fatalf("PRAGMA %s: %v", name, err)
	}
	return v
}

var ctx = context.Background()

func dec(user, key string, st Status, note string) Decision {
	return Decision{User: user, Key: key, Kind: KindConflict, Status: st, Note: note}
}

func TestDefaultPath(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", "/xdg/data")
	p, err := DefaultPath()
	if err != nil || p != "/xdg/data/briefing/briefing.db" {
		t.Fatalf("DefaultPath = %q, %v", p, err)
	}
	for _, v := range []string{"", "relative/dir"} {
		t.Setenv("XDG_DATA_HOME", v)
		t.Setenv("HOME", "/home/ann")
		p, err = DefaultPath()
		if err != nil || p != "/home/ann/.local/share/briefing/briefing.db" {
			t.Fatalf("XDG_DATA_HOME=%q: DefaultPath = %q, %v", v, p, err)
		}
	}
}

func TestOpenCreatesAndReopens(t *testing.T) {
	path := tempPath(t)
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	if perm := fi.Mode().Perm(); perm != 0o700 {
		t.Errorf("dir perm = %o, want 700", perm)
	}
	if err := s.Set(ctx, dec("ann", "k1", StatusConfirmed, "solid")); err != nil {
		t.Fatal(err)
	}
	var mode string
	if err := s.db.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q, %v", mode, err)
	}
	var fk, bt int
	if err := s.db.QueryRow("PRAGMA foreign_keys").Scan(&fk); err != nil || fk != 1 {
		t.Errorf("foreign_keys = %d, %v", fk, err)
	}
	if err := s.db.QueryRow("PRAGMA busy_timeout").Scan(&bt); err != nil || bt != busyTimeoutMS {
		t.Errorf("busy_timeout = %d, %v", bt, err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	for i := 0; i < 3; i++ {
		s := mustOpen(t, path)
		d, ok, err := s.Get(ctx, "ann", "k1")
		if err != nil || !ok || d.Status != StatusConfirmed || d.Note != "solid" {
			t.Fatalf("reopen %d: Get = %+v, %v, %v", i, d, ok, err)
		}
		s.Close()
	}
	db := rawDB(t, path)
	if v := pragmaInt(t, db, "user_version"); v != int64(len(migrations)) {
		t.Errorf("user_version = %d, want %d", v, len(migrations))
	}
	if v := pragmaInt(t, db, "application_id"); v != applicationID {
		t.Errorf("application_id = %#x", v)
	}
	var n int
	if err := db.QueryRow("SELECT count(*) FROM history").Scan(&n); err != nil || n != 1 {
		t.Errorf("history rows = %d, %v; reopening must not add or lose rows", n, err)
	}
}

func TestMigrationAddedLater(t *testing.T) {
	path := tempPath(t)
	s := mustOpen(t, path)
	if err := s.Set(ctx, dec("ann", "k", StatusFlagged, "")); err != nil {
		t.Fatal(err)
	}
	s.Close()

	saved := migrations
	t.Cleanup(func() { migrations = saved })
	migrations = append(saved[:len(saved):len(saved)], `CREATE TABLE extra (x INTEGER)`)

	for i := 0; i < 2; i++ { // second open: already up to date, no-op
		s := mustOpen(t, path)
		if _, err := s.db.Exec("INSERT INTO extra VALUES (1)"); err != nil {
			t.Fatalf("open %d: new table missing: %v", i, err)
		}
		if _, ok, err := s.Get(ctx, "ann", "k"); err != nil || !ok {
			t.Fatalf("data lost by migration: %v %v", ok, err)
		}
		s.Close()
	}
	db := rawDB(t, path)
	if v := pragmaInt(t, db, "user_version"); v != int64(len(migrations)) {
		t.Errorf("user_version = %d, want %d", v, len(migrations))
	}
	var n int
	if err := db.QueryRow("SELECT count(*) FROM extra").Scan(&n); err != nil || n != 2 {
		t.Errorf("extra rows = %d, %v", n, err)
	}
}

func TestFailedMigrationRollsBack(t *testing.T) {
	path := tempPath(t)
	mustOpen(t, path).Close()
	saved := migrations
	t.Cleanup(func() { migrations = saved })
	migrations = append(saved[:len(saved):len(saved)], `CREATE TABLE half (x); THIS IS NOT SQL`)
	if _, err := Open(path); err == nil {
		t.Fatal("Open with a broken migration succeeded")
	}
	db := rawDB(t, path)
	if v := pragmaInt(t, db, "user_version"); v != int64(len(saved)) {
		t.Errorf("user_version = %d after failed migration, want %d", v, len(saved))
	}
	var n int
	db.QueryRow("SELECT count(*) FROM sqlite_master WHERE name = 'half'").Scan(&n)
	if n != 0 {
		t.Error("failed migration left a table behind")
	}
}

func TestNewerSchemaRefused(t *testing.T) {
	path := tempPath(t)
	mustOpen(t, path).Close()
	db := rawDB(t, path)
	if _, err := db.Exec(fmt.Sprintf("PRAGMA user_version = %d", len(migrations)+1)); err != nil {
		t.Fatal(err)
	}
	db.Close()
	_, err := Open(path)
	if !errors.Is(err, ErrNewerSchema) || !strings.Contains(err.Error(), path) {
		t.Fatalf("Open = %v, want ErrNewerSchema naming %s", err, path)
	}
}

func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = b
	}
	return out
}

func assertUntouched(t *testing.T, dir string, before map[string][]byte) {
	t.Helper()
	after := snapshot(t, dir)
	if len(after) != len(before) {
		t.Errorf("files in %s changed: before %d, after %d", dir, len(before), len(after))
	}
	for name, b := range before {
		if !bytes.Equal(after[name], b) {
			t.Errorf("%s was modified", name)
		}
	}
}

func TestCorruptFileRefused(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	random := make([]byte, 8192)
	for i := range random {
		random[i] = byte(r.UintN(256))
	}
	// A valid header followed by garbage: SQLite itself must reject it.
	badBody := append([]byte(sqliteMagic), random...)
	cases := map[string][]byte{
		"random":      random,
		"short text":  []byte("hello"),
		"header+junk": badBody,
	}
	for name, content := range cases {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "briefing.db")
			if err := os.WriteFile(path, content, 0o600); err != nil {
				t.Fatal(err)
			}
			before := snapshot(t, dir)
			s, err := Open(path)
			if err == nil {
				s.Close()
				t.Fatal("Open succeeded on a corrupt file")
			}
			if !errors.Is(err, ErrNotSQLite) || !strings.Contains(err.Error(), path) ||
				!strings.Contains(err.Error(), "is not a SQLite database") {
				t.Errorf("Open = %v", err)
			}
			assertUntouched(t, dir, before)
		})
	}
}

func TestForeignDatabaseRefused(t *testing.T) {
	cases := map[string]string{
		"table foo":          `CREATE TABLE foo (a, b); INSERT INTO foo VALUES (1, 2)`,
		"other app id":       `PRAGMA application_id = 1234`,
		"other user_version": `PRAGMA user_version = 7`,
	}
	for name, setup := range cases {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "briefing.db")
			db, err := sql.Open("sqlite", path)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.Exec(setup); err != nil {
				t.Fatal(err)
			}
			db.Close()
			before := snapshot(t, dir)
			s, err := Open(path)
			if err == nil {
				s.Close()
				t.Fatal("Open succeeded on a foreign database")
			}
			if !errors.Is(err, ErrNotBriefing) || !strings.Contains(err.Error(), path) ||
				!strings.Contains(err.Error(), "is not a briefing database") {
				t.Errorf("Open = %v", err)
			}
			assertUntouched(t, dir, before)
		})
	}
}

func TestEmptyFileIsInitialised(t *testing.T) {
	path := filepath.Join(t.TempDir(), "briefing.db")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	s := mustOpen(t, path)
	if err := s.Set(ctx, dec("ann", "k", StatusOpen, "")); err != nil {
		t.Fatal(err)
	}
}

func TestConcurrentOpenOfNewDatabase(t *testing.T) {
	path := tempPath(t)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := 0; i < 8; i++ {
		wg.Go(func() {
			s, err := Open(path)
			if err != nil {
				errs <- err
				return
			}
			errs <- s.Set(ctx, dec("ann", "k"+strconv.Itoa(i), StatusFlagged, ""))
			s.Close()
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	all, err := mustOpen(t, path).All(ctx, "ann")
	if err != nil || len(all) != 8 {
		t.Fatalf("All = %d decisions, %v", len(all), err)
	}
}

func TestSetGetAll(t *testing.T) {
	s := mustOpen(t, tempPath(t))
	if _, ok, err := s.Get(ctx, "ann", "missing"); ok || err != nil {
		t.Fatalf("Get missing = %v, %v", ok, err)
	}
	at := time.Date(2025, 3, 4, 5, 6, 7, 890, time.FixedZone("X", 3600))
	want := Decision{Key: "k1", Kind: KindAgreement, User: "ann", Status: StatusConfirmed,
		Note: "two wires agree ✓\nline 2", By: "ann@host", At: at}
	if err := s.Set(ctx, want); err != nil {
		t.Fatal(err)
	}
	got, ok, err := s.Get(ctx, "ann", "k1")
	if err != nil || !ok {
		t.Fatalf("Get = %v, %v", ok, err)
	}
	if !got.At.Equal(at) || got.At.Location() != time.UTC {
		t.Errorf("At = %v, want %v in UTC", got.At, at)
	}
	got.At = at
	if got != want {
		t.Errorf("Get = %+v\nwant  %+v", got, want)
	}

	// Overwrite: status and note change; By and At default.
	if err := s.Set(ctx, Decision{Key: "k1", Kind: KindAgreement, User: "ann", Status: StatusFlagged}); err != nil {
		t.Fatal(err)
	}
	got, _, _ = s.Get(ctx, "ann", "k1")
	if got.Status != StatusFlagged || got.Note != "" || got.By != "ann" || got.At.IsZero() {
		t.Errorf("after overwrite Get = %+v", got)
	}
	if err := s.Set(ctx, Decision{Key: "k2", Kind: KindClaim, User: "ann", Status: StatusDismissed, Note: "n2"}); err != nil {
		t.Fatal(err)
	}
	all, err := s.All(ctx, "ann")
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 2 || all["k1"].Status != StatusFlagged || all["k2"].Note != "n2" || all["k2"].Kind != KindClaim {
		t.Errorf("All = %+v", all)
	}
	if all, _ := s.All(ctx, "nobody"); len(all) != 0 {
		t.Errorf("All(nobody) = %v", all)
	}
}

func TestSetValidates(t *testing.T) {
	s := mustOpen(t, tempPath(t))
	bad := []Decision{
		{Key: "k", Kind: KindClaim, Status: StatusOpen},
		{User: "u", Kind: KindClaim, Status: StatusOpen},
		{User: "u", Key: "k", Kind: "story", Status: StatusOpen},
		{User: "u", Key: "k", Kind: KindClaim, Status: "maybe"},
		{User: "u", Key: "k", Kind: KindClaim},
	}
	for _, d := range bad {
		if err := s.Set(ctx, d); err == nil {
			t.Errorf("Set(%+v) succeeded", d)
		}
	}
	if h, _ := s.History(ctx, "u", 0); len(h) != 0 {
		t.Errorf("rejected Sets left history: %+v", h)
	}
}

func TestUndo(t *testing.T) {
	s := mustOpen(t, tempPath(t))
	if _, ok, err := s.Undo(ctx, "ann"); ok || err != nil {
		t.Fatalf("Undo on empty store = %v, %v", ok, err)
	}
	steps := []Decision{
		dec("ann", "A", StatusConfirmed, ""),
		dec("ann", "B", StatusDismissed, "noise"),
		dec("ann", "A", StatusFlagged, "check the figure"),
	}
	for _, d := range steps {
		if err := s.Set(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	// 1: A back to confirmed, no note.
	d, ok, err := s.Undo(ctx, "ann")
	if err != nil || !ok || d.Key != "A" || d.Status != StatusConfirmed || d.Note != "" {
		t.Fatalf("undo 1 = %+v, %v, %v", d, ok, err)
	}
	if g, _, _ := s.Get(ctx, "ann", "A"); g.Status != StatusConfirmed || g.Note != "" || g.By != "ann" {
		t.Fatalf("after undo 1 Get A = %+v", g)
	}
	// 2: B had no decision: row goes away, reported as open.
	d, ok, err = s.Undo(ctx, "ann")
	if err != nil || !ok || d.Key != "B" || d.Status != StatusOpen || d.Note != "" {
		t.Fatalf("undo 2 = %+v, %v, %v", d, ok, err)
	}
	if _, ok, _ := s.Get(ctx, "ann", "B"); ok {
		t.Fatal("B still stored after undo 2")
	}
	// A new Set goes on top of the stack.
	if err := s.Set(ctx, dec("ann", "C", StatusFlagged, "c")); err != nil {
		t.Fatal(err)
	}
	d, ok, _ = s.Undo(ctx, "ann")
	if !ok || d.Key != "C" || d.Status != StatusOpen {
		t.Fatalf("undo 3 = %+v", d)
	}
	// 4: A's first decision.
	d, ok, _ = s.Undo(ctx, "ann")
	if !ok || d.Key != "A" || d.Status != StatusOpen {
		t.Fatalf("undo 4 = %+v", d)
	}
	if _, ok, err := s.Undo(ctx, "ann"); ok || err != nil {
		t.Fatalf("undo 5 = %v, %v; want nothing to undo", ok, err)
	}
	if all, _ := s.All(ctx, "ann"); len(all) != 0 {
		t.Fatalf("All after undoing everything = %+v", all)
	}

	h, err := s.History(ctx, "ann", 0)
	if err != nil {
		t.Fatal(err)
	}
	// 4 sets + 4 undos, newest first.
	wantActions := []Action{ActionUndo, ActionUndo, ActionSet, ActionUndo, ActionUndo, ActionSet, ActionSet, ActionSet}
	if len(h) != len(wantActions) {
		t.Fatalf("history has %d entries, want %d: %+v", len(h), len(wantActions), h)
	}
	byID := map[int64]HistoryEntry{}
	for i, e := range h {
		if e.Action != wantActions[i] {
			t.Errorf("history[%d].Action = %s, want %s", i, e.Action, wantActions[i])
		}
		if i > 0 && e.ID >= h[i-1].ID {
			t.Errorf("history not newest first")
		}
		byID[e.ID] = e
	}
	for _, e := range h {
		switch e.Action {
		case ActionSet:
			if e.UndoneBy == 0 || byID[e.UndoneBy].Undoes != e.ID {
				t.Errorf("set %d: UndoneBy = %d", e.ID, e.UndoneBy)
			}
		case ActionUndo:
			set := byID[e.Undoes]
			if set.Action != ActionSet || set.Key != e.Key || e.PrevStatus != set.Status || e.PrevNote != set.Note ||
				e.Status != set.PrevStatus || e.Note != set.PrevNote {
				t.Errorf("undo %+v does not mirror set %+v", e, set)
			}
		}
	}
	// The third Set (A flagged) recorded what it replaced.
	third := h[len(h)-3]
	if third.Key != "A" || third.Status != StatusFlagged || third.Note != "check the figure" ||
		third.PrevStatus != StatusConfirmed || third.PrevNote != "" {
		t.Errorf("third set entry = %+v", third)
	}
	if first := h[len(h)-1]; first.PrevStatus != "" {
		t.Errorf("first set PrevStatus = %q, want empty", first.PrevStatus)
	}
	if h2, _ := s.History(ctx, "ann", 3); len(h2) != 3 || h2[0].ID != h[0].ID {
		t.Errorf("History limit 3 = %+v", h2)
	}
}

func TestUndoRestoresNoteAndBy(t *testing.T) {
	s := mustOpen(t, tempPath(t))
	at := time.Date(2024, 1, 2, 3, 4, 5, 6, time.UTC)
	first := Decision{Key: "k", Kind: KindClaim, User: "ann", Status: StatusConfirmed, Note: "first note", By: "ann@laptop", At: at}
	if err := s.Set(ctx, first); err != nil {
		t.Fatal(err)
	}
	if err := s.Set(ctx, Decision{Key: "k", Kind: KindClaim, User: "ann", Status: StatusConfirmed, Note: "edited"}); err != nil {
		t.Fatal(err)
	}
	d, ok, err := s.Undo(ctx, "ann")
	if err != nil || !ok || d != first {
		t.Fatalf("Undo = %+v, %v, %v; want %+v", d, ok, err, first)
	}
	if g, _, _ := s.Get(ctx, "ann", "k"); g != first {
		t.Fatalf("Get = %+v, want %+v", g, first)
	}
}

func TestHistoryAppendOnly(t *testing.T) {
	s := mustOpen(t, tempPath(t))
	for i := 0; i < 3; i++ {
		if err := s.Set(ctx, dec("ann", "k", StatusConfirmed, strconv.Itoa(i))); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := s.Undo(ctx, "ann"); err != nil {
		t.Fatal(err)
	}
	before, _ := s.History(ctx, "ann", 0)
	for _, q := range []string{
		"UPDATE history SET note = 'x'",
		"DELETE FROM history",
	} {
		if _, err := s.db.Exec(q); err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: err = %v, want append-only refusal", q, err)
		}
	}
	after, _ := s.History(ctx, "ann", 0)
	if len(after) != 4 || len(before) != 4 {
		t.Fatalf("history len before %d after %d, want 4", len(before), len(after))
	}
	for i := range before {
		if before[i] != after[i] {
			t.Errorf("entry %d changed: %+v -> %+v", i, before[i], after[i])
		}
	}
	// Further Sets only add rows; earlier ones are untouched.
	if err := s.Set(ctx, dec("ann", "k", StatusDismissed, "later")); err != nil {
		t.Fatal(err)
	}
	later, _ := s.History(ctx, "ann", 0)
	if len(later) != 5 || later[1] != before[0] {
		t.Errorf("history after another Set: %+v", later)
	}
}

func TestPerUserIsolation(t *testing.T) {
	s := mustOpen(t, tempPath(t))
	if err := s.Set(ctx, dec("ann", "k", StatusConfirmed, "ann's")); err != nil {
		t.Fatal(err)
	}
	if err := s.Set(ctx, dec("SHA256:bobkey", "k", StatusDismissed, "bob's")); err != nil {
		t.Fatal(err)
	}
	a, _, _ := s.Get(ctx, "ann", "k")
	b, _, _ := s.Get(ctx, "SHA256:bobkey", "k")
	if a.Note != "ann's" || b.Note != "bob's" {
		t.Fatalf("ann %+v bob %+v", a, b)
	}
	if d, ok, _ := s.Undo(ctx, "SHA256:bobkey"); !ok || d.User != "SHA256:bobkey" {
		t.Fatalf("bob undo = %+v %v", d, ok)
	}
	if _, ok, _ := s.Undo(ctx, "SHA256:bobkey"); ok {
		t.Fatal("bob could undo ann's decision")
	}
	if a2, ok, _ := s.Get(ctx, "ann", "k"); !ok || a2 != a {
		t.Fatalf("ann's decision changed by bob's undo: %+v", a2)
	}
	if h, _ := s.History(ctx, "ann", 0); len(h) != 1 {
		t.Fatalf("ann history = %+v", h)
	}
	if all, _ := s.All(ctx, "SHA256:bobkey"); len(all) != 0 {
		t.Fatalf("bob All = %+v", all)
	}
}

func TestContextCancelled(t *testing.T) {
	s := mustOpen(t, tempPath(t))
	c, cancel := context.WithCancel(ctx)
	cancel()
	if err := s.Set(c, dec("ann", "k", StatusConfirmed, "")); err == nil {
		t.Fatal("Set with cancelled context succeeded")
	}
	if _, ok, _ := s.Get(ctx, "ann", "k"); ok {
		t.Fatal("cancelled Set was stored")
	}
}

func TestConcurrentWritersTwoStores(t *testing.T) {
	path := tempPath(t)
	stores := []*Store{mustOpen(t, path), mustOpen(t, path)}
	const perStore = 200
	var wg sync.WaitGroup
	errs := make(chan error, 2*perStore)
	for si, s := range stores {
		for i := 0; i < perStore; i++ {
			wg.Go(func() {
				key := fmt.Sprintf("s%d-%d", si, i)
				if err := s.Set(ctx, dec("ann", key, StatusFlagged, key)); err != nil {
					errs <- fmt.Errorf("%s: %w", key, err)
				}
				// Everyone also hammers one shared key.
				if err := s.Set(ctx, dec("ann", "shared", StatusConfirmed, key)); err != nil {
					errs <- err
				}
			})
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	for _, s := range stores {
		all, err := s.All(ctx, "ann")
		if err != nil {
			t.Fatal(err)
		}
		if len(all) != 2*perStore+1 {
			t.Fatalf("All = %d decisions, want %d", len(all), 2*perStore+1)
		}
		for si := range stores {
			for i := 0; i < perStore; i++ {
				key := fmt.Sprintf("s%d-%d", si, i)
				if d := all[key]; d.Note != key || d.Status != StatusFlagged {
					t.Fatalf("%s = %+v", key, d)
				}
			}
		}
	}
	h, err := stores[0].History(ctx, "ann", 0)
	if err != nil || len(h) != 4*perStore {
		t.Fatalf("history = %d entries, %v; want %d", len(h), err, 4*perStore)
	}
	// The history of the shared key is a consistent chain: each Set's
	// previous note is the note of the Set before it.
	prev := ""
	for i := len(h) - 1; i >= 0; i-- {
		e := h[i]
		if e.Key != "shared" {
			continue
		}
		if e.PrevNote != prev {
			t.Fatalf("shared chain broken at %d: prev note %q, want %q", e.ID, e.PrevNote, prev)
		}
		prev = e.Note
	}
}

const helperEnv = "BRIEFING_STORE_HELPER_DB"

// TestHelperProcess is not a real test: TestConcurrentWritersTwoProcesses
// runs the test binary again with only this test selected and helperEnv set,
// making it a second OS process writing to the same database.
func TestHelperProcess(t *testing.T) {
	path := os.Getenv(helperEnv)
	if path == "" {
		t.Skip("helper process only")
	}
	n, _ := strconv.Atoi(os.Getenv(helperEnv + "_N"))
	s, err := Open(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "helper open:", err)
		os.Exit(2)
	}
	var wg sync.WaitGroup
	var failed sync.Once
	code := 0
	for i := 0; i < n; i++ {
		wg.Go(func() {
			key := fmt.Sprintf("proc-%d", i)
			if err := s.Set(ctx, dec("ann", key, StatusDismissed, key)); err != nil {
				failed.Do(func() { fmt.Fprintln(os.Stderr, "helper set:", err); code = 3 })
			}
		})
	}
	wg.Wait()
	if err := s.Close(); err != nil {
		fmt.Fprintln(os.Stderr, "helper close:", err)
		code = 4
	}
	if code != 0 {
		os.Exit(code)
	}
}

func TestConcurrentWritersTwoProcesses(t *testing.T) {
	if os.Getenv(helperEnv) != "" {
		t.Skip("inside helper")
	}
	path := tempPath(t)
	s := mustOpen(t, path)
	const n = 200
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), helperEnv+"="+path, helperEnv+"_N="+strconv.Itoa(n))
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := 0; i < n; i++ {
		wg.Go(func() {
			key := fmt.Sprintf("parent-%d", i)
			if err := s.Set(ctx, dec("ann", key, StatusConfirmed, key)); err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("helper process: %v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "PASS") {
		t.Fatalf("helper process did not run its test:\n%s", out.String())
	}
	all, err := s.All(ctx, "ann")
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 2*n {
		t.Fatalf("All = %d decisions, want %d", len(all), 2*n)
	}
	for i := 0; i < n; i++ {
		for _, k := range []string{fmt.Sprintf("parent-%d", i), fmt.Sprintf("proc-%d", i)} {
			if all[k].Note != k {
				t.Fatalf("%s missing or wrong: %+v", k, all[k])
			}
		}
	}
	if h, _ := s.History(ctx, "ann", 0); len(h) != 2*n {
		t.Fatalf("history = %d entries, want %d", len(h), 2*n)
	}
}

func BenchmarkSet(b *testing.B) {
	s := mustOpen(b, tempPath(b))
	i := 0
	for b.Loop() {
		i++
		if err := s.Set(ctx, dec("ann", "k"+strconv.Itoa(i%500), StatusConfirmed, "note")); err != nil {
			b.Fatal(err)
		}
	}
}
