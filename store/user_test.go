package store

import (
	"context"
	"testing"

	"github.com/briefing/briefing/model"
)

func TestUserStoreRoundTrip(t *testing.T) {
	path := tempPath(t)
	s := mustOpen(t, path)
	ctx := context.Background()
	u, err := s.ForUser(ctx, "ana")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := u.Get("k1"); ok {
		t.Fatal("fresh store has a decision")
	}
	if err := u.Set(KindConflict, "k1", model.Triage{Status: "confirmed", Note: "checked wire copy"}); err != nil {
		t.Fatal(err)
	}
	if err := u.Set(KindConflict, "k1", model.Triage{Status: "flagged", Note: "ask desk"}); err != nil {
		t.Fatal(err)
	}
	got, ok := u.Get("k1")
	if !ok || got.Status != "flagged" || got.Note != "ask desk" || got.By != "ana" || got.At == "" {
		t.Fatalf("got %+v %v", got, ok)
	}
	// A second view (another process) sees what the first wrote.
	s2 := mustOpen(t, path)
	u2, err := s2.ForUser(ctx, "ana")
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := u2.Get("k1"); got.Status != "flagged" {
		t.Fatalf("reopened: %+v", got)
	}
	key, ok, err := u.Undo()
	if err != nil || !ok || key != "k1" {
		t.Fatalf("undo: %q %v %v", key, ok, err)
	}
	if got, _ := u.Get("k1"); got.Status != "confirmed" || got.Note != "checked wire copy" {
		t.Fatalf("after undo: %+v", got)
	}
	if _, _, err := u.Undo(); err != nil {
		t.Fatal(err)
	}
	if _, ok := u.Get("k1"); ok {
		t.Fatal("after undoing everything the item should be open")
	}
	// Another user sees none of it.
	u3, _ := s.ForUser(ctx, "ben")
	if _, ok := u3.Get("k1"); ok {
		t.Fatal("decisions leak across users")
	}
}
