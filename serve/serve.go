// Package serve serves a bubbletea program over SSH, one program per
// session, with wish.
//
// It is secure by default: public-key authentication only (never passwords,
// keyboard-interactive, or the no-auth mode an SSH server falls back to when
// it has no auth handler), keys from an OpenSSH authorized_keys file that is
// re-read when it changes (or any key, only when asked explicitly), a
// persistent ed25519 host key, a pty required, and limits on sessions,
// connections, connection rate per address, handshake time and idle time. A
// panic ends its own session, never the server.
//
// Each session's user is the SHA256 fingerprint of its key; the model
// factory (Config.NewModel; Briefing for the briefing TUI) receives it, and
// a lipgloss renderer built for that session's terminal (at least 256
// colours).
package serve

import (
	"context"
	"errors"
	"fmt"
	"net"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/log"
	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
	"github.com/charmbracelet/wish/activeterm"
	bm "github.com/charmbracelet/wish/bubbletea"
	"github.com/muesli/termenv"
	gossh "golang.org/x/crypto/ssh"
)

// ModelFunc builds the model for one session. r is the renderer to build
// every style from (it knows the client's colour profile and background);
// user is the fingerprint of the session's key ("SHA256:...").
type ModelFunc func(sess ssh.Session, r *lipgloss.Renderer, user string) tea.Model

// Config configures a Server. Zero values get the defaults noted.
type Config struct {
	// Addr is where ListenAndServe listens. Default DefaultAddr (loopback).
	Addr string
	// HostKeyPath is the host key, created on first use. Default
	// DefaultHostKeyPath().
	HostKeyPath string
	// AuthorizedKeysPath lists the keys allowed in (OpenSSH format).
	// Default DefaultAuthorizedKeysPath(). Ignored when AllowAnyKey is set.
	AuthorizedKeysPath string
	// AllowAnyKey lets in any client that proves it holds some key. Its
	// fingerprint still identifies the user.
	AllowAnyKey bool
	// MaxSessions bounds concurrent sessions. Default 64.
	MaxSessions int
	// MaxConns bounds concurrent connections, authenticated or not.
	// Default 2*MaxSessions+16.
	MaxConns int
	// IdleTimeout ends a session after this long without input, and a
	// connection a few seconds (connIdleGrace) later without traffic.
	// Default 30 minutes;
	// negative disables it.
	IdleTimeout time.Duration
	// HandshakeTimeout bounds the time from connect to authenticated.
	// Default 30 seconds.
	HandshakeTimeout time.Duration
	// RatePerSecond and RateBurst bound new connections per client address
	// (IPv6: per /64). Default 1 per second after a burst of 20.
	RatePerSecond float64
	RateBurst     int
	// NewModel builds each session's model. Required.
	NewModel ModelFunc
	// ProgramOptions are added to each session's program (after the
	// server's own: session input and output, alternate screen, no signal
	// handler), e.g. tea.WithMouseCellMotion().
	ProgramOptions []tea.ProgramOption
	// Logger receives structured logs of connects, disconnects, refusals
	// and panics. Default log.Default().
	Logger *log.Logger
}

// DefaultAddr is the default listen address: loopback only.
const DefaultAddr = "127.0.0.1:23234"

// queryTimeout bounds the renderer's terminal query at session start. It
// is shorter than wish's own (1 s) so that our deadline, not wish's
// cancellation, ends an unanswered query: then no later byte is lost.
const queryTimeout = 900 * time.Millisecond

// Server is an SSH server running one bubbletea program per session.
type Server struct {
	cfg     Config
	log     *log.Logger
	srv     *ssh.Server
	keys    *keyring // nil: any key
	hostKey gossh.PublicKey
	limiter *ipLimiter
	conns   atomic.Int64
	slots   chan struct{}

	mu        sync.Mutex
	live      map[ssh.Session]*liveSession
	listeners map[net.Listener]struct{}
	closing   bool
	sessWG    sync.WaitGroup
	addr      net.Addr
}

// New checks cfg and prepares a server: it loads (or creates) the host key
// and reads the authorized keys. It refuses a configuration that would let
// nobody in or anybody in without being asked to.
func New(cfg Config) (*Server, error) {
	if cfg.NewModel == nil {
		return nil, errors.New("serve: Config.NewModel is required")
	}
	if cfg.Addr == "" {
		cfg.Addr = DefaultAddr
	}
	if cfg.MaxSessions <= 0 {
		cfg.MaxSessions = 64
	}
	if cfg.MaxConns <= 0 {
		cfg.MaxConns = 2*cfg.MaxSessions + 16
	}
	if cfg.IdleTimeout == 0 {
		cfg.IdleTimeout = 30 * time.Minute
	}
	if cfg.HandshakeTimeout <= 0 {
		cfg.HandshakeTimeout = 30 * time.Second
	}
	if cfg.RatePerSecond <= 0 {
		cfg.RatePerSecond = 1
	}
	if cfg.RateBurst <= 0 {
		cfg.RateBurst = 20
	}
	if cfg.Logger == nil {
		cfg.Logger = log.Default()
	}
	s := &Server{
		cfg:     cfg,
		log:     cfg.Logger,
		limiter: newIPLimiter(cfg.RatePerSecond, cfg.RateBurst),
		slots:   make(chan struct{}, cfg.MaxSessions),
		live:    make(map[ssh.Session]*liveSession),

		listeners: make(map[net.Listener]struct{}),
	}

	if !cfg.AllowAnyKey {
		path := cfg.AuthorizedKeysPath
		if path == "" {
			p, err := DefaultAuthorizedKeysPath()
			if err != nil {
				return nil, err
			}
			path = p
		}
		keys, err := newKeyring(path, s.log)
		if err != nil {
			return nil, err
		}
		s.keys = keys
		s.cfg.AuthorizedKeysPath = path
	}

	hostPath := cfg.HostKeyPath
	if hostPath == "" {
		p, err := DefaultHostKeyPath()
		if err != nil {
			return nil, err
		}
		hostPath = p
	}
	signer, err := LoadOrCreateHostKey(hostPath)
	if err != nil {
		return nil, err
	}
	s.cfg.HostKeyPath = hostPath
	s.hostKey = signer.PublicKey()

	// Innermost first: wish runs the last middleware outermost.
	handler := func(ssh.Session) {}
	handler = bm.MiddlewareWithProgramHandler(s.programHandler, termenv.ANSI256)(handler)
	handler = activeterm.Middleware()(handler)
	handler = s.sessionMiddleware(handler)
	handler = s.verifyKeyMiddleware(handler)
	handler = s.recoverMiddleware(handler)

	s.srv = &ssh.Server{
		Addr:    cfg.Addr,
		Handler: handler,
		Version: "briefing",
		// Only public keys: with no password or keyboard-interactive
		// handler x/crypto/ssh refuses those methods, and with a public-key
		// handler set it never falls back to no authentication.
		PublicKeyHandler: s.publicKeyHandler,
		ConnCallback:     s.acceptConn,
		ConnectionFailedCallback: func(conn net.Conn, err error) {
			s.log.Debug("connection failed", "remote", conn.RemoteAddr().String(), "err", err)
		},
		ServerConfigCallback: func(ssh.Context) *gossh.ServerConfig {
			return &gossh.ServerConfig{
				MaxAuthTries: 6,
				AuthLogCallback: func(conn gossh.ConnMetadata, method string, err error) {
					if err != nil && method != "none" && method != "publickey" {
						s.log.Debug("refused auth method", "method", method, "remote", conn.RemoteAddr().String())
					}
				},
			}
		},
		// Local and reverse port forwarding stay denied (nil callbacks); no
		// subsystems are registered.
		SubsystemHandlers: map[string]ssh.SubsystemHandler{},
	}
	if cfg.IdleTimeout > 0 {
		// The connection's own deadline comes later than the session's: an
		// idle session is ended by watchIdle, which tells the user why and
		// sends an exit status; a connection deadline at the same instant
		// could cut the connection first, mid-goodbye. It still closes
		// connections that hold no session.
		s.srv.IdleTimeout = cfg.IdleTimeout + connIdleGrace
	}
	s.srv.AddHostKey(signer)
	return s, nil
}

// connIdleGrace is how much longer a connection may stay silent than a
// session may go without input: time for the session to quit (killGrace)
// and say goodbye.
const connIdleGrace = 2*killGrace + time.Second

// HostKeyFingerprint returns the SHA256 fingerprint of the host key, for
// users to check on first connect.
func (s *Server) HostKeyFingerprint() string { return gossh.FingerprintSHA256(s.hostKey) }

// HostKeyPath returns the path of the host key in use.
func (s *Server) HostKeyPath() string { return s.cfg.HostKeyPath }

// AuthorizedKeysPath returns the authorized keys file in use, "" when any
// key is allowed.
func (s *Server) AuthorizedKeysPath() string {
	if s.keys == nil {
		return ""
	}
	return s.cfg.AuthorizedKeysPath
}

// Addr returns the address the server listens on, nil before Serve.
func (s *Server) Addr() net.Addr {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addr
}

// ErrServerClosed is returned by Serve and ListenAndServe after Shutdown.
var ErrServerClosed = ssh.ErrServerClosed

// ListenAndServe listens on Config.Addr and serves until Shutdown.
func (s *Server) ListenAndServe() error {
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	return s.Serve(ln)
}

// Serve serves connections from ln until Shutdown or Close; it closes ln.
func (s *Server) Serve(ln net.Listener) error {
	s.mu.Lock()
	if s.closing {
		s.mu.Unlock()
		ln.Close()
		return ErrServerClosed
	}
	s.addr = ln.Addr()
	s.listeners[ln] = struct{}{}
	s.mu.Unlock()
	err := s.srv.Serve(ln)
	s.mu.Lock()
	delete(s.listeners, ln)
	closing := s.closing
	s.mu.Unlock()
	if closing {
		return ErrServerClosed
	}
	return err
}

// Shutdown stops accepting connections, asks every session's program to
// quit (which restores the client's terminal and tells the user why), waits
// for the sessions to end and then, after a moment for clients to hang up,
// closes the remaining connections. If ctx ends first, it closes everything
// at once and returns ctx's error.
//
// It does not use ssh.Server.Shutdown, whose wait races with connections
// still completing their handshake (a WaitGroup Add after Wait).
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	s.closing = true
	lns := make([]net.Listener, 0, len(s.listeners))
	for ln := range s.listeners {
		lns = append(lns, ln)
	}
	live := make([]*liveSession, 0, len(s.live))
	for _, ls := range s.live {
		live = append(live, ls)
	}
	s.mu.Unlock()

	for _, ln := range lns {
		ln.Close()
	}
	for _, ls := range live {
		ls.stop("the server is shutting down", 0)
	}
	sessionsDone := make(chan struct{})
	go func() { s.sessWG.Wait(); close(sessionsDone) }()
	select {
	case <-sessionsDone:
	case <-ctx.Done():
		s.srv.Close()
		return ctx.Err()
	}
	// Clients hang up once their session has ended; give them a moment
	// to, then close the rest (idle or session-less connections).
	grace := time.Now().Add(time.Second)
	for s.conns.Load() > 0 && time.Now().Before(grace) && ctx.Err() == nil {
		time.Sleep(10 * time.Millisecond)
	}
	s.srv.Close()
	return ctx.Err()
}

// Close closes the listeners and every connection at once.
func (s *Server) Close() error {
	s.mu.Lock()
	s.closing = true
	s.mu.Unlock()
	return s.srv.Close()
}

// Sessions returns the number of sessions running.
func (s *Server) Sessions() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.live)
}

// acceptConn runs before the SSH handshake: it applies the per-address rate
// limit and the connection cap, and arms the handshake deadline. Returning
// nil drops the connection.
func (s *Server) acceptConn(ctx ssh.Context, conn net.Conn) net.Conn {
	remote := conn.RemoteAddr()
	if !s.limiter.allow(remote) {
		s.log.Warn("refused connection: rate limit", "remote", remote.String())
		return nil
	}
	if n := s.conns.Add(1); n > int64(s.cfg.MaxConns) {
		s.conns.Add(-1)
		s.log.Warn("refused connection: too many connections", "remote", remote.String(), "max", s.cfg.MaxConns)
		return nil
	}
	cc := &countedConn{Conn: conn, count: &s.conns}
	time.AfterFunc(s.cfg.HandshakeTimeout, func() {
		// The server stores the connection in the context once the
		// handshake (authentication included) has succeeded.
		if ctx.Value(ssh.ContextKeyConn) == nil {
			s.log.Debug("dropped connection: handshake timeout", "remote", remote.String())
			cc.Close()
		}
	})
	return cc
}

// recoverMiddleware turns a panic in a session's handler into the end of that
// session; the server and the other sessions carry on.
func (s *Server) recoverMiddleware(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		defer func() {
			if r := recover(); r != nil {
				s.log.Error("panic in session handler", "remote", sess.RemoteAddr().String(),
					"user", userOf(sess), "panic", r, "stack", string(debug.Stack()))
				wish.Fatalln(sess, "briefing: internal error; the session was closed")
			}
		}()
		next(sess)
	}
}

// sessionMiddleware admits a session (no command, a free slot, not shutting
// down), tracks it while it runs, logs its connect and disconnect, and tells
// the user why it ended when the server ended it.
func (s *Server) sessionMiddleware(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		user := userOf(sess)
		ls := &liveSession{user: user, remote: sess.RemoteAddr().String(), started: time.Now()}
		if s.keys != nil {
			if ak, ok := s.keys.lookup(sess.PublicKey()); ok {
				ls.comment = ak.comment
			}
		}
		logger := s.log.With("user", user, "remote", ls.remote)
		if ls.comment != "" {
			logger = logger.With("key", ls.comment)
		}
		if len(sess.Command()) > 0 || sess.Subsystem() != "" {
			logger.Warn("refused session: command given", "command", sess.RawCommand(), "subsystem", sess.Subsystem())
			wish.Fatalln(sess, "briefing: this server only runs the interactive briefing; connect without a command")
			return
		}
		select {
		case s.slots <- struct{}{}:
			defer func() { <-s.slots }()
		default:
			logger.Warn("refused session: server full", "max", s.cfg.MaxSessions)
			wish.Fatalf(sess, "briefing: the server is full (%d sessions); try again later\r\n", s.cfg.MaxSessions)
			return
		}
		n, ok := s.register(sess, ls)
		if !ok {
			wish.Fatalln(sess, "briefing: the server is shutting down")
			return
		}
		defer s.unregister(sess)

		pty, _, _ := sess.Pty()
		logger.Info("connect", "term", pty.Term, "width", pty.Window.Width, "height", pty.Window.Height,
			"client", sess.Context().ClientVersion(), "sessions", n)
		defer func() {
			reason, _ := ls.finish()
			if reason == "" {
				reason = "closed by client"
			}
			logger.Info("disconnect", "duration", time.Since(ls.started).Round(time.Millisecond),
				"input_bytes", ls.received(), "reason", reason)
		}()

		next(sess)

		// wish stops reading window changes when the program ends; the
		// server would block on the next one, for good. Drain them until
		// the channel's requests end.
		if _, winch, ok := sess.Pty(); ok {
			go func() {
				for range winch {
				}
			}()
		}
		if reason, code := ls.finish(); reason != "" {
			wish.Errorf(sess, "briefing: %s\r\n", reason)
			_ = sess.Exit(code)
		}
	}
}

// userOf returns the fingerprint of the key the session authenticated with.
func userOf(sess ssh.Session) string {
	if perms := sess.Permissions(); perms.Permissions != nil {
		return perms.Extensions[fingerprintExt]
	}
	return ""
}

// register records a session. Sessions are keyed by themselves, not stored
// in their context: the context is the connection's, shared by all the
// sessions a client multiplexes over it.
func (s *Server) register(sess ssh.Session, ls *liveSession) (int, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closing {
		return 0, false
	}
	s.live[sess] = ls
	s.sessWG.Add(1)
	return len(s.live), true
}

func (s *Server) unregister(sess ssh.Session) {
	s.mu.Lock()
	delete(s.live, sess)
	s.mu.Unlock()
	s.sessWG.Done()
}

// programHandler builds the session's program; wish runs it, feeding it
// window changes, and quits it when the connection drops.
func (s *Server) programHandler(sess ssh.Session) *tea.Program {
	s.mu.Lock()
	ls := s.live[sess]
	s.mu.Unlock()
	if ls == nil {
		return nil // not admitted by sessionMiddleware; cannot happen
	}
	in := newSessionInput(sess, func() { ls.stop("", 0) })
	if !ls.attachInput(in) {
		return nil
	}
	r := bm.MakeRenderer(querySession{Session: sess, r: in.until(time.Now().Add(queryTimeout))})
	m := s.cfg.NewModel(sess, r, ls.user)
	if m == nil {
		return nil
	}
	guarded := &guardModel{inner: m, onPanic: func(v any, st []byte) {
		s.log.Error("panic in session", "user", ls.user, "remote", ls.remote, "panic", v, "stack", string(st))
		ls.stop("internal error; the session was closed", 1)
	}}
	opts := append([]tea.ProgramOption{
		tea.WithInput(in),
		tea.WithOutput(sess),
		tea.WithAltScreen(),
		// Signals are the server's: a SIGINT must not reach every session.
		tea.WithoutSignalHandler(),
	}, s.cfg.ProgramOptions...)
	p := tea.NewProgram(guarded, opts...)
	if !ls.attachProgram(p) {
		return nil
	}
	ls.watchIdle(s.cfg.IdleTimeout)
	return p
}
