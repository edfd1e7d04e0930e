package store

import (
	"context"
	"sync"
	"time"

	"github.com/briefing/briefing/model"
)

// UserStore is one user's view of the store, the shape the TUI and reports
// need: lookups by item key without a query per frame, and writes that
// return only after they are committed.
type UserStore struct {
	s    *Store
	user string
	mu   sync.RWMutex
	// cache mirrors the user's rows; it is refreshed from each write's
	// result, so a decision shows as saved only once it is on disk.
	cache map[string]Decision
}

// ForUser loads the user's current decisions and returns a view bound to
// that user (an OS user name locally, a key fingerprint over SSH).
func (s *Store) ForUser(ctx context.Context, user string) (*UserStore, error) {
	all, err := s.All(ctx, user)
	if err != nil {
		return nil, err
	}
	return &UserStore{s: s, user: user, cache: all}, nil
}

// User is the name decisions are stored under.
func (u *UserStore) User() string { return u.user }

// Get returns the decision on an item as the report shows it.
func (u *UserStore) Get(key string) (model.Triage, bool) {
	u.mu.RLock()
	d, ok := u.cache[key]
	u.mu.RUnlock()
	if !ok {
		return model.Triage{}, false
	}
	return toTriage(d), true
}

// Set stores a decision on an item (kind is conflict, agreement or claim).
func (u *UserStore) Set(kind, key string, t model.Triage) error {
	d := Decision{Key: key, Kind: kind, User: u.user, Status: Status(t.Status), Note: t.Note, By: t.By, At: time.Now()}
	if d.Status == "" {
		d.Status = StatusOpen
	}
	if err := u.s.Set(context.Background(), d); err != nil {
		return err
	}
	if d.By == "" {
		d.By = u.user
	}
	u.mu.Lock()
	u.cache[key] = d
	u.mu.Unlock()
	return nil
}

// Undo reverts the user's last decision and returns the key it touched.
func (u *UserStore) Undo() (string, bool, error) {
	d, ok, err := u.s.Undo(context.Background(), u.user)
	if err != nil || !ok {
		return "", ok, err
	}
	u.mu.Lock()
	if d.Status == StatusOpen && d.At.IsZero() {
		delete(u.cache, d.Key)
	} else {
		u.cache[d.Key] = d
	}
	u.mu.Unlock()
	return d.Key, true, nil
}

// Lookup adapts the view to model.NewReport.
func (u *UserStore) Lookup(key string) (model.Triage, bool) { return u.Get(key) }

func toTriage(d Decision) model.Triage {
	t := model.Triage{Status: string(d.Status), Note: d.Note, By: d.By}
	if !d.At.IsZero() {
		t.At = d.At.Format(time.RFC3339)
	}
	return t
}
