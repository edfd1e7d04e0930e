package serve

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/ssh"
)

// sessionInput reads the SSH channel in a goroutine of its own, so that a
// read can be abandoned at a deadline without losing the bytes that arrive
// after it. wish's renderer queries the terminal (background colour, device
// attributes) on the session input; with an emulated pty its cancellation
// cannot interrupt a blocked read, so a client that never answers would hang
// the session until its first keystroke, and then swallow it. It also
// timestamps input for the idle timeout: output alone (a redraw) is not
// activity.
type sessionInput struct {
	chunks    chan []byte
	done      chan struct{}
	closeOnce sync.Once

	mu      sync.Mutex // one reader at a time; guards pending
	pending []byte

	lastInput atomic.Int64 // unix nanoseconds
	received  atomic.Int64 // bytes
}

// newSessionInput starts reading r. onEOF runs when r ends: the client has
// closed its input, and a TUI that can get no more keys has nothing left to
// do (wish would keep the program running as long as the connection, which
// a multiplexing client keeps open).
func newSessionInput(r io.Reader, onEOF func()) *sessionInput {
	in := &sessionInput{chunks: make(chan []byte), done: make(chan struct{})}
	in.lastInput.Store(time.Now().UnixNano())
	go in.pump(r, onEOF)
	return in
}

// pump ends when the channel reaches EOF (the session's end) or close is
// called.
func (in *sessionInput) pump(r io.Reader, onEOF func()) {
	defer close(in.chunks)
	buf := make([]byte, 4096)
	for {
		n, err := r.Read(buf)
		if n > 0 {
			in.lastInput.Store(time.Now().UnixNano())
			in.received.Add(int64(n))
			select {
			case in.chunks <- bytes.Clone(buf[:n]):
			case <-in.done:
				return
			}
		}
		if err != nil {
			onEOF()
			return
		}
	}
}

// Read blocks until input arrives, the session ends or close is called.
func (in *sessionInput) Read(p []byte) (int, error) { return in.read(p, time.Time{}) }

// close makes every pending and later Read return io.EOF.
func (in *sessionInput) close() { in.closeOnce.Do(func() { close(in.done) }) }

func (in *sessionInput) read(p []byte, deadline time.Time) (int, error) {
	in.mu.Lock()
	defer in.mu.Unlock()
	if len(in.pending) == 0 {
		var expired <-chan time.Time
		if !deadline.IsZero() {
			d := time.Until(deadline)
			if d <= 0 {
				return 0, os.ErrDeadlineExceeded
			}
			t := time.NewTimer(d)
			defer t.Stop()
			expired = t.C
		}
		select {
		case c, ok := <-in.chunks:
			if !ok {
				return 0, io.EOF
			}
			in.pending = c
		case <-in.done:
			return 0, io.EOF
		case <-expired:
			return 0, os.ErrDeadlineExceeded
		}
	}
	n := copy(p, in.pending)
	in.pending = in.pending[n:]
	return n, nil
}

// until returns a reader of the same input whose reads fail once deadline
// has passed.
func (in *sessionInput) until(deadline time.Time) io.Reader {
	return readerFunc(func(p []byte) (int, error) { return in.read(p, deadline) })
}

type readerFunc func([]byte) (int, error)

func (f readerFunc) Read(p []byte) (int, error) { return f(p) }

// querySession is the session as wish's renderer sees it while it queries
// the terminal: the same session, but reading through a deadline.
type querySession struct {
	ssh.Session
	r io.Reader
}

func (q querySession) Read(p []byte) (int, error) { return q.r.Read(p) }

// liveSession is the server's handle on one running session.
type liveSession struct {
	user    string // key fingerprint
	comment string // from authorized_keys, for the logs
	remote  string
	started time.Time

	mu       sync.Mutex
	in       *sessionInput
	prog     *tea.Program
	timer    *time.Timer // idle check or kill fallback
	stopped  bool
	finished bool
	reason   string
	exitCode int
}

// killGrace is how long a program may take to quit before it is killed.
const killGrace = 2 * time.Second

func (ls *liveSession) attachInput(in *sessionInput) bool {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	if ls.stopped {
		return false
	}
	ls.in = in
	return true
}

func (ls *liveSession) attachProgram(p *tea.Program) bool {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	if ls.stopped {
		return false
	}
	ls.prog = p
	return true
}

// armTimer replaces the session's timer, unless the session is over.
func (ls *liveSession) armTimer(d time.Duration, f func()) {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	if ls.finished {
		return
	}
	if ls.timer != nil {
		ls.timer.Stop()
	}
	ls.timer = time.AfterFunc(d, f)
}

// stop ends the session from the outside (shutdown, idle, panic): the
// program is asked to quit, restoring the client's terminal, and killed if
// it has not within killGrace. reason is shown to the user afterwards.
func (ls *liveSession) stop(reason string, exitCode int) {
	ls.mu.Lock()
	if ls.stopped {
		ls.mu.Unlock()
		return
	}
	ls.stopped, ls.reason, ls.exitCode = true, reason, exitCode
	in, p := ls.in, ls.prog
	ls.mu.Unlock()
	if in != nil {
		in.close()
	}
	if p != nil {
		ls.armTimer(killGrace, p.Kill)
		go p.Quit() // blocks until the event loop takes it or the program ends
	}
}

// finish marks the session over, cancelling its timer, and returns why it
// was stopped ("" when the user quit).
func (ls *liveSession) finish() (reason string, exitCode int) {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	ls.finished = true
	if ls.timer != nil {
		ls.timer.Stop()
	}
	if ls.in != nil {
		ls.in.close()
	}
	return ls.reason, ls.exitCode
}

func (ls *liveSession) received() int64 {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	if ls.in == nil {
		return 0
	}
	return ls.in.received.Load()
}

// watchIdle stops the session once no input has arrived for timeout.
func (ls *liveSession) watchIdle(timeout time.Duration) {
	if timeout <= 0 {
		return
	}
	var check func()
	check = func() {
		ls.mu.Lock()
		in := ls.in
		ls.mu.Unlock()
		last := time.Unix(0, in.lastInput.Load())
		if rest := time.Until(last.Add(timeout)); rest > 0 {
			ls.armTimer(rest, check)
			return
		}
		ls.stop(fmt.Sprintf("no input for %v; the session was closed", timeout), 0)
	}
	ls.armTimer(timeout, check)
}

// guardModel wraps a session's model. It turns a panic in the model into
// the end of its session: the panic is reported, the session is stopped,
// and the model goes quiet. (A panic in a command's goroutine is caught by
// bubbletea itself, which also ends the program.)
//
// It also splits runs of typed characters into one key each. Bubbletea v1
// reports all the plain characters of one read as a single KeyMsg ("jjj"),
// and over SSH keystrokes typed quickly, or on a slow link, routinely share
// a packet: the model would see one unknown key instead of three moves.
// Pastes (bracketed, marked Paste) stay whole.
type guardModel struct {
	inner   tea.Model
	failed  bool
	onPanic func(v any, stack []byte)
}

func (g *guardModel) fail(v any) {
	g.failed = true
	g.onPanic(v, debug.Stack())
}

func (g *guardModel) Init() (cmd tea.Cmd) {
	defer func() {
		if r := recover(); r != nil {
			g.fail(r)
			cmd = tea.Quit
		}
	}()
	return g.inner.Init()
}

func (g *guardModel) Update(msg tea.Msg) (m tea.Model, cmd tea.Cmd) {
	if g.failed {
		return g, nil
	}
	defer func() {
		if r := recover(); r != nil {
			g.fail(r)
			m, cmd = g, tea.Quit
		}
	}()
	if k, ok := msg.(tea.KeyMsg); ok && k.Type == tea.KeyRunes && !k.Paste && len(k.Runes) > 1 {
		cmds := make([]tea.Cmd, 0, len(k.Runes))
		for _, r := range k.Runes {
			var c tea.Cmd
			g.inner, c = g.inner.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: k.Alt})
			if c != nil {
				cmds = append(cmds, c)
			}
		}
		switch len(cmds) {
		case 0:
			return g, nil
		case 1:
			return g, cmds[0]
		}
		// In order: a key's effects must not overtake an earlier key's.
		return g, tea.Sequence(cmds...)
	}
	g.inner, cmd = g.inner.Update(msg)
	return g, cmd
}

func (g *guardModel) View() (v string) {
	if g.failed {
		return ""
	}
	defer func() {
		if r := recover(); r != nil {
			g.fail(r)
			v = ""
		}
	}()
	return g.inner.View()
}
