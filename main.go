// Command briefing reads several articles about one event side by side and
// shows where they disagree. See README.md.
package main

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io"
	"os"
	"os/user"
	"runtime/debug"
	"sync"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"

	"github.com/briefing/briefing/model"
	"github.com/briefing/briefing/store"
)

//go:embed seeds
var seedsFS embed.FS

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

// exitError carries a process exit status out of a command.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }

func main() {
	// A soft memory limit keeps the heap of large corpora (10,000 articles)
	// under 1 GiB by collecting harder near it; GOMEMLIMIT overrides it.
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(768 << 20)
	}
	root := newRootCmd(os.Stdin, os.Stdout, os.Stderr)
	if err := root.Execute(); err != nil {
		fmt.Fprintln(os.Stderr, "briefing:", err)
		var ee *exitError
		if errors.As(err, &ee) {
			os.Exit(ee.code)
		}
		os.Exit(1)
	}
}

// loadFlags are the options every command that reads sources shares.
type loadFlags struct {
	maxBytes int64
	db       string
}

func (f *loadFlags) register(cmd *cobra.Command) {
	cmd.Flags().Int64Var(&f.maxBytes, "max-bytes", 10<<20, "refuse sources larger than this many bytes")
	cmd.Flags().StringVar(&f.db, "db", "", "triage database (default $XDG_DATA_HOME/briefing/briefing.db)")
}

// dbPath is --db or the default in the XDG data dir.
func (f *loadFlags) dbPath() (string, error) {
	if f.db != "" {
		return f.db, nil
	}
	return store.DefaultPath()
}

// openUserStore opens the triage database for the current OS user.
func openUserStore(f loadFlags, user string) (*store.Store, *store.UserStore, error) {
	path, err := f.dbPath()
	if err != nil {
		return nil, nil, err
	}
	s, err := store.Open(path)
	if err != nil {
		return nil, nil, err
	}
	u, err := s.ForUser(context.Background(), user)
	if err != nil {
		s.Close()
		return nil, nil, err
	}
	return s, u, nil
}

// currentUser names the local analyst in the triage history.
func currentUser() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	if u := os.Getenv("USER"); u != "" {
		return u
	}
	return "analyst"
}

// loadDocs reads the sources (the embedded seeds when there are none). Exit
// status 2 when nothing at all could be read.
func loadDocs(sources []string, f loadFlags, stdin io.Reader, stderr io.Writer) ([]model.Document, []model.Warning, error) {
	if len(sources) == 0 {
		docs, err := model.LoadEmbedded(seedsFS, "seeds")
		if err != nil {
			return nil, nil, err
		}
		return docs, nil, nil
	}
	docs, warns, err := model.Load(sources, model.LoadOptions{MaxBytes: f.maxBytes, Stdin: stdin})
	if err != nil {
		printWarnings(stderr, warns)
		return nil, nil, &exitError{code: 2, err: err}
	}
	return docs, warns, nil
}

// loadIndex reads the sources and builds the index, with a progress line on
// stderr when it is a terminal, and prints a warning per skipped input.
func loadIndex(sources []string, f loadFlags, stdin io.Reader, stderr io.Writer) (*model.Index, error) {
	docs, warns, err := loadDocs(sources, f, stdin, stderr)
	if err != nil {
		return nil, err
	}
	progress, done := stderrProgress(stderr)
	ix, err := model.OpenProgress(docs, warns, progress)
	done()
	if err != nil {
		return nil, &exitError{code: 2, err: err}
	}
	printWarnings(stderr, ix.Warnings)
	return ix, nil
}

func printWarnings(w io.Writer, warns []model.Warning) {
	for _, x := range warns {
		fmt.Fprintln(w, "briefing: warning:", x)
	}
}

// stderrProgress draws one self-overwriting progress line when stderr is a
// terminal and loading takes more than half a second; done clears it.
func stderrProgress(stderr io.Writer) (model.ProgressFunc, func()) {
	f, ok := stderr.(*os.File)
	if !ok || !isatty.IsTerminal(f.Fd()) {
		return nil, func() {}
	}
	start := time.Now()
	var mu sync.Mutex
	var last time.Time
	drawn := false
	progress := func(p model.Progress) {
		now := time.Now()
		mu.Lock()
		defer mu.Unlock()
		if now.Sub(start) < 500*time.Millisecond || now.Sub(last) < 100*time.Millisecond {
			return
		}
		last, drawn = now, true
		fmt.Fprintf(f, "\r\x1b[Kbriefing: %s %d/%d", p.Stage, p.Done, p.Total)
	}
	done := func() {
		mu.Lock()
		defer mu.Unlock()
		if drawn {
			fmt.Fprint(f, "\r\x1b[K")
		}
	}
	return progress, done
}

func newRootCmd(stdin io.Reader, stdout, stderr io.Writer) *cobra.Command {
	var lf loadFlags
	root := &cobra.Command{
		Use:   "briefing [SOURCES...]",
		Short: "Read several articles about one event side by side and see where they disagree",
		Long: `briefing loads articles about one event (files, folders, globs, - for stdin,
http(s) URLs; plain text, Markdown, HTML pages, RSS/Atom feeds), indexes them
by actor and topic, finds the claims where sources conflict or agree, and
shows the sources side by side in a terminal UI.

With no SOURCES it opens the embedded sample corpus.`,
		Version:       version,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			docs, warns, err := loadDocs(args, lf, stdin, stderr)
			if err != nil {
				return err
			}
			return runTUI(docs, warns, lf, stderr)
		},
	}
	lf.register(root)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.AddCommand(newReportCmd(stdin, stdout, stderr))
	root.AddCommand(newServeCmd(stdin, stdout, stderr))
	return root
}
