// Package store persists the analyst's triage decisions (confirm, dismiss,
// flag, note, undo) in a SQLite database, through the pure-Go driver
// modernc.org/sqlite.
//
// One database holds the decisions of every user. A decision is keyed by
// (User, Key): Key is the stable hash of an item computed by the caller, User
// is the OS user name locally or an SSH key fingerprint when served. Every
// change is also appended to a history table, which is what Undo walks.
//
// The database is opened in WAL mode with a busy timeout, write transactions
// are BEGIN IMMEDIATE, and writes that still meet SQLITE_BUSY are retried, so
// several *Store values and several processes can share one file.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Status is the triage state of one item.
type Status string

// Triage states. An item with no stored decision is StatusOpen.
const (
	StatusOpen      Status = "open"
	StatusConfirmed Status = "confirmed"
	StatusDismissed Status = "dismissed"
	StatusFlagged   Status = "flagged"
)

// Valid reports whether s is one of the four known states.
func (s Status) Valid() bool {
	switch s {
	case StatusOpen, StatusConfirmed, StatusDismissed, StatusFlagged:
		return true
	}
	return false
}

// Item kinds accepted in Decision.Kind.
const (
	KindConflict  = "conflict"
	KindAgreement = "agreement"
	KindClaim     = "claim"
)

// ValidKind reports whether k is one of KindConflict, KindAgreement, KindClaim.
func ValidKind(k string) bool {
	switch k {
	case KindConflict, KindAgreement, KindClaim:
		return true
	}
	return false
}

// Decision is the current triage state of one item for one user.
type Decision struct {
	Key    string // stable item key (hash of the item's normalised sentences)
	Kind   string // KindConflict, KindAgreement or KindClaim
	User   string // whose triage this is: OS user name or SSH key fingerprint
	Status Status
	Note   string
	By     string    // who made the decision; Set defaults it to User
	At     time.Time // when; Set defaults it to time.Now(); read back in UTC
}

// Action says what a history entry records.
type Action string

// History actions.
const (
	ActionSet  Action = "set"
	ActionUndo Action = "undo"
)

// HistoryEntry is one row of the append-only history.
//
// Status and PrevStatus are "" when there was no stored decision (the item
// was, or went back to, its default open state).
type HistoryEntry struct {
	ID         int64
	Action     Action
	User       string
	Key        string
	Kind       string
	Status     Status // state after this entry
	Note       string // note after this entry
	By         string
	At         time.Time
	PrevStatus Status // state before this entry
	PrevNote   string // note before this entry
	Undoes     int64  // ActionUndo: ID of the set entry it reverted
	UndoneBy   int64  // ActionSet: ID of the undo entry that reverted it, 0 if in effect
}

// Errors returned (wrapped, with the path) by Open.
var (
	// ErrNotSQLite: the file is not a SQLite database (corrupt or foreign file).
	ErrNotSQLite = errors.New("is not a SQLite database (corrupt or foreign file)")
	// ErrNotBriefing: the file is a SQLite database of some other program.
	ErrNotBriefing = errors.New("is not a briefing database")
	// ErrNewerSchema: the database was written by a newer briefing.
	ErrNewerSchema = errors.New("has a newer schema than this program supports")
)

// applicationID marks a briefing database (PRAGMA application_id): "BRIF".
const applicationID = 0x42524946

// busyTimeoutMS is SQLite's own wait for a lock, per connection.
const busyTimeoutMS = 5000

// busyRetryBudget bounds how long Set and Undo keep retrying on SQLITE_BUSY
// after busy_timeout has already given up, unless ctx ends earlier.
const busyRetryBudget = 30 * time.Second

// migrations are the schema steps, in order; the database's
// PRAGMA user_version is the number of steps applied. Append only: never edit
// a step that has shipped.
var migrations = []string{
	// 1: decisions, append-only history.
	`
CREATE TABLE decisions (
	user       TEXT    NOT NULL,
	key        TEXT    NOT NULL,
	kind       TEXT    NOT NULL,
	status     TEXT    NOT NULL CHECK (status IN ('open','confirmed','dismissed','flagged')),
	note       TEXT    NOT NULL DEFAULT '',
	decided_by TEXT    NOT NULL,
	at         INTEGER NOT NULL, -- unix nanoseconds
	PRIMARY KEY (user, key)
) WITHOUT ROWID;

CREATE TABLE history (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	user        TEXT    NOT NULL,
	key         TEXT    NOT NULL,
	kind        TEXT    NOT NULL,
	action      TEXT    NOT NULL CHECK (action IN ('set','undo')),
	status      TEXT,            -- after; NULL = no stored decision
	note        TEXT    NOT NULL,
	decided_by  TEXT    NOT NULL,
	at          INTEGER NOT NULL, -- unix nanoseconds
	prev_kind   TEXT,            -- before; all prev_* NULL = no stored decision
	prev_status TEXT,
	prev_note   TEXT,
	prev_by     TEXT,
	prev_at     INTEGER,
	undoes      INTEGER UNIQUE REFERENCES history(id),
	CHECK ((action = 'undo') = (undoes IS NOT NULL))
);
CREATE INDEX history_user ON history(user, id);

CREATE TRIGGER history_no_update BEFORE UPDATE ON history
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER history_no_delete BEFORE DELETE ON history
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
`,
}

// Store is a handle on one briefing database. It is safe for concurrent use.
type Store struct {
	db   *sql.DB
	path string
	// wsem serialises this Store's write transactions, so goroutines of one
	// process queue here (honouring ctx) instead of spinning in SQLite's busy
	// handler; SQLite locking arbitrates between processes.
	wsem chan struct{}
}

// DefaultPath returns $XDG_DATA_HOME/briefing/briefing.db, or
// ~/.local/share/briefing/briefing.db when XDG_DATA_HOME is unset or not
// absolute (as the XDG spec requires).
func DefaultPath() (string, error) {
	if d := os.Getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "briefing", "briefing.db"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("store: locating data directory: %w", err)
	}
	if home == "" {
		return "", errors.New("store: locating data directory: empty home directory")
	}
	return filepath.Join(home, ".local", "share", "briefing", "briefing.db"), nil
}

// dsn builds the driver name for path. busy_timeout and foreign_keys are
// per-connection settings, so they go in the DSN and every pooled connection
// gets them; journal_mode=WAL is persistent and is set by Open only once the
// file is known to be ours, so a foreign file is never converted.
func dsn(abs string) string {
	u := url.URL{Scheme: "file", Path: abs}
	return u.String() + fmt.Sprintf("?_pragma=busy_timeout(%d)&_pragma=foreign_keys(1)&_pragma=synchronous(FULL)&_txlock=immediate", busyTimeoutMS)
}

// sqliteMagic starts every SQLite 3 database file.
const sqliteMagic = "SQLite format 3\x00"

// Open opens (creating if needed) the briefing database at path and brings
// its schema up to date. It refuses, without modifying them, files that are
// not SQLite databases, SQLite databases of other programs, and databases
// written by a newer schema.
func Open(path string) (*Store, error) {
	if path == "" {
		return nil, errors.New("store: empty database path")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("store: %s: %w", path, err)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
		return nil, fmt.Errorf("store: creating directory for %s: %w", abs, err)
	}
	if err := checkFile(abs); err != nil {
		return nil, err
	}

	db, err := sql.Open("sqlite", dsn(abs))
	if err != nil {
		return nil, fmt.Errorf("store: opening %s: %w", abs, err)
	}
	// Each connection has its own page cache; a few are plenty, writes are
	// serialised anyway.
	db.SetMaxOpenConns(4)
	db.SetMaxIdleConns(4)
	s := &Store{db: db, path: abs, wsem: make(chan struct{}, 1)}
	if err := s.init(context.Background()); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// checkFile creates path (0600) if it does not exist, and rejects a
// non-empty file that does not start with the SQLite header: SQLite would
// treat a short file as an empty database and overwrite it.
func checkFile(abs string) error {
	f, err := os.OpenFile(abs, os.O_RDONLY|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("store: opening %s: %w", abs, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("store: %s: %w", abs, err)
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("store: %s is not a regular file", abs)
	}
	if fi.Size() == 0 {
		return nil // new (or never initialised) database
	}
	hdr := make([]byte, len(sqliteMagic))
	if _, err := io.ReadFull(f, hdr); err != nil || string(hdr) != sqliteMagic {
		return fmt.Errorf("store: %s %w", abs, ErrNotSQLite)
	}
	return nil
}

// dbState is what Open finds in the file.
type dbState struct {
	appID, version, objects int64
}

func readState(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}) (dbState, error) {
	// One statement, so one snapshot: read separately, another process
	// could commit its first migration between the reads and the file
	// would look like someone else's database.
	var st dbState
	err := q.QueryRowContext(ctx, `SELECT
		(SELECT application_id FROM pragma_application_id),
		(SELECT user_version FROM pragma_user_version),
		(SELECT count(*) FROM sqlite_master)`).Scan(&st.appID, &st.version, &st.objects)
	if err != nil {
		return st, err
	}
	return st, nil
}

// classify returns nil if st is a fresh database or ours at a known version.
func (s *Store) classify(st dbState) error {
	switch {
	case st.appID == applicationID:
		if st.version > int64(len(migrations)) {
			return fmt.Errorf("store: %s %w (schema version %d, this program knows up to %d); upgrade briefing",
				s.path, ErrNewerSchema, st.version, len(migrations))
		}
		return nil
	case st.appID == 0 && st.objects == 0 && st.version == 0:
		return nil // empty database: ours to initialise
	default:
		return fmt.Errorf("store: %s %w (application_id %#x, %d schema objects)", s.path, ErrNotBriefing, st.appID, st.objects)
	}
}

func (s *Store) wrapOpenErr(err error) error {
	if c := sqliteCode(err); c == sqlite3.SQLITE_NOTADB || c == sqlite3.SQLITE_CORRUPT {
		return fmt.Errorf("store: %s %w: %v", s.path, ErrNotSQLite, err)
	}
	return fmt.Errorf("store: opening %s: %w", s.path, err)
}

func (s *Store) init(ctx context.Context) error {
	// Look before touching anything: only read-only statements here.
	var st dbState
	err := s.retryBusy(ctx, func(ctx context.Context) (err error) {
		st, err = readState(ctx, s.db)
		return err
	})
	if err != nil {
		return s.wrapOpenErr(err)
	}
	if err := s.classify(st); err != nil {
		return err
	}
	if err := s.retryBusy(ctx, s.ensureWAL); err != nil {
		return s.wrapOpenErr(err)
	}
	for step := 1; step <= len(migrations); step++ {
		if int64(step) <= st.version {
			continue
		}
		err := s.write(ctx, func(tx *sql.Tx) error { return s.migrate(ctx, tx, step) })
		if err != nil {
			if errors.Is(err, ErrNotBriefing) || errors.Is(err, ErrNewerSchema) {
				return err
			}
			return fmt.Errorf("store: %s: schema migration %d: %w", s.path, step, err)
		}
	}
	return nil
}

func (s *Store) ensureWAL(ctx context.Context) error {
	var mode string
	if err := s.db.QueryRowContext(ctx, "PRAGMA journal_mode=WAL").Scan(&mode); err != nil {
		return err
	}
	if mode != "wal" {
		return fmt.Errorf("journal_mode is %q, want wal", mode)
	}
	return nil
}

// migrate applies step (1-based) inside tx, unless another connection or
// process has applied it meanwhile; the state is re-read under the write lock.
func (s *Store) migrate(ctx context.Context, tx *sql.Tx, step int) error {
	st, err := readState(ctx, tx)
	if err != nil {
		return err
	}
	if err := s.classify(st); err != nil {
		return err
	}
	if st.version >= int64(step) {
		return nil
	}
	if st.version != int64(step-1) {
		return fmt.Errorf("schema version %d, expected %d", st.version, step-1)
	}
	if _, err := tx.ExecContext(ctx, migrations[step-1]); err != nil {
		return err
	}
	if step == 1 {
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", applicationID)); err != nil {
			return err
		}
	}
	_, err = tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", step))
	return err
}

// Path returns the absolute path of the database file.
func (s *Store) Path() string { return s.path }

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

func sqliteCode(err error) int {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() & 0xff
	}
	return 0
}

func isBusy(err error) bool {
	c := sqliteCode(err)
	return c == sqlite3.SQLITE_BUSY || c == sqlite3.SQLITE_LOCKED
}

// retryBusy runs fn until it succeeds, fails with something other than
// SQLITE_BUSY/SQLITE_LOCKED, ctx ends, or busyRetryBudget is spent. Backoff
// starts at 2ms, doubles to 250ms, with jitter.
func (s *Store) retryBusy(ctx context.Context, fn func(context.Context) error) error {
	deadline := time.Now().Add(busyRetryBudget)
	backoff := 2 * time.Millisecond
	for {
		err := fn(ctx)
		if err == nil || !isBusy(err) {
			return err
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("database still locked after %v: %w", busyRetryBudget, err)
		}
		d := backoff/2 + rand.N(backoff/2+1)
		t := time.NewTimer(d)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
		backoff = min(2*backoff, 250*time.Millisecond)
	}
}

// write runs fn in a BEGIN IMMEDIATE transaction (via _txlock=immediate),
// serialised with this Store's other writes, retrying the whole transaction
// on SQLITE_BUSY. fn must be safe to run more than once. write returns after
// the commit.
func (s *Store) write(ctx context.Context, fn func(*sql.Tx) error) error {
	select {
	case s.wsem <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-s.wsem }()
	return s.retryBusy(ctx, func(ctx context.Context) error {
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		if err := fn(tx); err != nil {
			tx.Rollback()
			return err
		}
		return tx.Commit()
	})
}
