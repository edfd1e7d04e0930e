package ui

import (
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"

	"github.com/briefing/briefing/model"
)

// The golden files in testdata/ are the final view of a real program run
// (teatest) with the ASCII colour profile. The seed goldens follow the
// model: when it improves they change on purpose. Regenerate them with
//
//	go test ./ui -run Golden -update
//
// and read the diff before committing.

func runGolden(t *testing.T, ix *model.Index, w, h int, keys ...string) {
	t.Helper()
	m := newModel(ix, Options{Renderer: asciiRenderer(), User: "tester"})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(w, h))
	for _, k := range keys {
		tm.Send(keyMsg(k))
	}
	tm.Send(keyMsg("ctrl+c"))
	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second))
	view := final.View()
	requireSize(t, view, w, h)
	teatest.RequireEqualOutput(t, []byte(view))
}

func TestGoldenSeeds80x24(t *testing.T)  { runGolden(t, seedIndex(t), 80, 24) }
func TestGoldenSeeds160x48(t *testing.T) { runGolden(t, seedIndex(t), 160, 48) }

// The hand-made index does not change with the model: these pin the
// drawing of conflicts, agreements and the sidebar.
func TestGoldenConflict80x24(t *testing.T)  { runGolden(t, handIndex(), 80, 24, "n") }
func TestGoldenConflict160x48(t *testing.T) { runGolden(t, handIndex(), 160, 48, "n", "tab") }
func TestGoldenDetails80x24(t *testing.T)   { runGolden(t, handIndex(), 80, 24, "n", "enter") }
func TestGoldenActors160x48(t *testing.T)   { runGolden(t, handIndex(), 160, 48, "2", "space") }
