package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

func toNanos(t time.Time) int64 { return t.UnixNano() }

func fromNanos(n int64) time.Time { return time.Unix(0, n).UTC() }

func validate(d Decision) error {
	switch {
	case d.User == "":
		return errors.New("store: decision without User")
	case d.Key == "":
		return errors.New("store: decision without Key")
	case !ValidKind(d.Kind):
		return fmt.Errorf("store: invalid item kind %q", d.Kind)
	case !d.Status.Valid():
		return fmt.Errorf("store: invalid status %q", d.Status)
	}
	return nil
}

// current reads the stored decision for (user, key) inside tx.
func current(ctx context.Context, tx *sql.Tx, user, key string) (Decision, bool, error) {
	d := Decision{User: user, Key: key}
	var at int64
	err := tx.QueryRowContext(ctx,
		`SELECT kind, status, note, decided_by, at FROM decisions WHERE user = ? AND key = ?`,
		user, key).Scan(&d.Kind, &d.Status, &d.Note, &d.By, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return Decision{}, false, nil
	}
	if err != nil {
		return Decision{}, false, err
	}
	d.At = fromNanos(at)
	return d, true, nil
}

// prevArgs are the prev_* history columns for the state prev (NULLs if !ok).
func prevArgs(prev Decision, ok bool) []any {
	if !ok {
		return []any{nil, nil, nil, nil, nil}
	}
	return []any{prev.Kind, string(prev.Status), prev.Note, prev.By, toNanos(prev.At)}
}

// Set stores d as the current decision for (d.User, d.Key), replacing any
// earlier one, and appends it to the history together with the state it
// replaced, in one transaction. It returns after the commit. Empty d.By
// defaults to d.User, zero d.At to time.Now().
func (s *Store) Set(ctx context.Context, d Decision) error {
	if err := validate(d); err != nil {
		return err
	}
	if d.By == "" {
		d.By = d.User
	}
	if d.At.IsZero() {
		d.At = time.Now()
	}
	at := toNanos(d.At)
	return s.write(ctx, func(tx *sql.Tx) error {
		prev, ok, err := current(ctx, tx, d.User, d.Key)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `
INSERT INTO decisions (user, key, kind, status, note, decided_by, at) VALUES (?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (user, key) DO UPDATE SET
	kind = excluded.kind, status = excluded.status, note = excluded.note,
	decided_by = excluded.decided_by, at = excluded.at`,
			d.User, d.Key, d.Kind, string(d.Status), d.Note, d.By, at); err != nil {
			return err
		}
		args := append([]any{d.User, d.Key, d.Kind, string(d.Status), d.Note, d.By, at}, prevArgs(prev, ok)...)
		_, err = tx.ExecContext(ctx, `
INSERT INTO history (user, key, kind, action, status, note, decided_by, at,
	prev_kind, prev_status, prev_note, prev_by, prev_at)
VALUES (?, ?, ?, 'set', ?, ?, ?, ?, ?, ?, ?, ?, ?)`, args...)
		return err
	})
}

// Get returns the stored decision of user for key; ok is false when there is
// none (the item is open).
func (s *Store) Get(ctx context.Context, user, key string) (Decision, bool, error) {
	d := Decision{User: user, Key: key}
	var at int64
	err := s.db.QueryRowContext(ctx,
		`SELECT kind, status, note, decided_by, at FROM decisions WHERE user = ? AND key = ?`,
		user, key).Scan(&d.Kind, &d.Status, &d.Note, &d.By, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return Decision{}, false, nil
	}
	if err != nil {
		return Decision{}, false, fmt.Errorf("store: get: %w", err)
	}
	d.At = fromNanos(at)
	return d, true, nil
}

// All returns every stored decision of user, by key.
func (s *Store) All(ctx context.Context, user string) (map[string]Decision, error) {
	rows, err := s.db.QueryContext(ctx,
		`SELECT key, kind, status, note, decided_by, at FROM decisions WHERE user = ?`, user)
	if err != nil {
		return nil, fmt.Errorf("store: all: %w", err)
	}
	defer rows.Close()
	out := make(map[string]Decision)
	for rows.Next() {
		d := Decision{User: user}
		var at int64
		if err := rows.Scan(&d.Key, &d.Kind, &d.Status, &d.Note, &d.By, &at); err != nil {
			return nil, fmt.Errorf("store: all: %w", err)
		}
		d.At = fromNanos(at)
		out[d.Key] = d
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: all: %w", err)
	}
	return out, nil
}

// Undo reverts user's most recent Set that has not been undone yet: it
// restores the decision that Set replaced, or deletes the decision if there
// was none, and appends an "undo" entry to the history. It returns the
// item's state after the undo (Status StatusOpen, empty Note/By and zero At
// when no decision remains) and ok=true; ok is false when there is nothing
// left to undo. Successive Undo calls walk back through the history.
func (s *Store) Undo(ctx context.Context, user string) (Decision, bool, error) {
	var (
		res  Decision
		done bool
	)
	err := s.write(ctx, func(tx *sql.Tx) error {
		res, done = Decision{}, false
		var (
			id                         int64
			key, kind, status, note    string
			pKind, pStatus, pNote, pBy sql.NullString
			pAt                        sql.NullInt64
		)
		err := tx.QueryRowContext(ctx, `
SELECT h.id, h.key, h.kind, h.status, h.note, h.prev_kind, h.prev_status, h.prev_note, h.prev_by, h.prev_at
FROM history h
WHERE h.user = ? AND h.action = 'set'
  AND NOT EXISTS (SELECT 1 FROM history u WHERE u.undoes = h.id)
ORDER BY h.id DESC LIMIT 1`, user).Scan(&id, &key, &kind, &status, &note, &pKind, &pStatus, &pNote, &pBy, &pAt)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		now := toNanos(time.Now())
		res = Decision{User: user, Key: key, Kind: kind, Status: StatusOpen}
		var afterStatus any // NULL: no stored decision
		if pStatus.Valid {
			res = Decision{User: user, Key: key, Kind: pKind.String, Status: Status(pStatus.String),
				Note: pNote.String, By: pBy.String, At: fromNanos(pAt.Int64)}
			afterStatus = pStatus.String
			if _, err := tx.ExecContext(ctx, `
INSERT INTO decisions (user, key, kind, status, note, decided_by, at) VALUES (?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (user, key) DO UPDATE SET
	kind = excluded.kind, status = excluded.status, note = excluded.note,
	decided_by = excluded.decided_by, at = excluded.at`,
				user, key, res.Kind, pStatus.String, pNote.String, pBy.String, pAt.Int64); err != nil {
				return err
			}
		} else if _, err := tx.ExecContext(ctx,
			`DELETE FROM decisions WHERE user = ? AND key = ?`, user, key); err != nil {
			return err
		}
		// The state the undone Set wrote is the undo's "previous" state.
		if _, err := tx.ExecContext(ctx, `
INSERT INTO history (user, key, kind, action, status, note, decided_by, at,
	prev_kind, prev_status, prev_note, prev_by, prev_at, undoes)
SELECT ?, ?, ?, 'undo', ?, ?, ?, ?, h.kind, h.status, h.note, h.decided_by, h.at, h.id
FROM history h WHERE h.id = ?`,
			user, key, res.Kind, afterStatus, res.Note, user, now, id); err != nil {
			return err
		}
		done = true
		return nil
	})
	if err != nil {
		return Decision{}, false, fmt.Errorf("store: undo: %w", err)
	}
	return res, done, nil
}

// History returns user's history, newest first, at most limit entries
// (all when limit <= 0).
func (s *Store) History(ctx context.Context, user string, limit int) ([]HistoryEntry, error) {
	if limit <= 0 {
		limit = -1 // SQLite: no limit
	}
	rows, err := s.db.QueryContext(ctx, `
SELECT h.id, h.action, h.key, h.kind, h.status, h.note, h.decided_by, h.at,
       h.prev_status, h.prev_note, h.undoes, u.id
FROM history h LEFT JOIN history u ON u.undoes = h.id
WHERE h.user = ?
ORDER BY h.id DESC LIMIT ?`, user, limit)
	if err != nil {
		return nil, fmt.Errorf("store: history: %w", err)
	}
	defer rows.Close()
	var out []HistoryEntry
	for rows.Next() {
		e := HistoryEntry{User: user}
		var (
			status, pStatus, pNote sql.NullString
			undoes, undoneBy       sql.NullInt64
			at                     int64
		)
		if err := rows.Scan(&e.ID, &e.Action, &e.Key, &e.Kind, &status, &e.Note, &e.By, &at,
			&pStatus, &pNote, &undoes, &undoneBy); err != nil {
			return nil, fmt.Errorf("store: history: %w", err)
		}
		e.Status, e.PrevStatus, e.PrevNote = Status(status.String), Status(pStatus.String), pNote.String
		e.At = fromNanos(at)
		e.Undoes, e.UndoneBy = undoes.Int64, undoneBy.Int64
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: history: %w", err)
	}
	return out, nil
}
