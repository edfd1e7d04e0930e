package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/log"
	"github.com/charmbracelet/ssh"
	"github.com/spf13/cobra"

	"github.com/briefing/briefing/serve"
	"github.com/briefing/briefing/store"
)

// shutdownBudget bounds the graceful part of a shutdown; with the store's
// close after it, the process exits well within 10 seconds of the signal.
const shutdownBudget = 7 * time.Second

func newServeCmd(stdin io.Reader, stdout, stderr io.Writer) *cobra.Command {
	var (
		lf          loadFlags
		addr        string
		hostKey     string
		authKeys    string
		allowAny    bool
		maxSessions int
		idle        time.Duration
	)
	cmd := &cobra.Command{
		Use:   "serve [flags] [SOURCES...]",
		Short: "Serve the briefing to a team over SSH",
		Long: `serve loads the sources once and serves the briefing TUI over SSH: every
analyst runs "ssh -p PORT HOST" and gets their own session on the same
index. Each analyst's triage is stored under the fingerprint of their SSH
key, in one database.

Only public-key authentication is accepted. The keys allowed in are read
from --authorized-keys (default $XDG_CONFIG_HOME/briefing/authorized_keys,
OpenSSH format, re-read when it changes); without that file serve refuses
to start, unless --allow-any-key says that any key will do. The host key is
created on first start (ed25519) and its fingerprint printed. The server
listens on loopback unless --addr says otherwise. SIGINT or SIGTERM ends
every session cleanly and stops the server.`,
		Args:          cobra.ArbitraryArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			logger := log.NewWithOptions(stderr, log.Options{ReportTimestamp: true, Prefix: "serve"})
			ctx, stopSignals := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stopSignals()

			// wish logs a few things through the default logger.
			log.SetDefault(logger)
			// The index and the database are loaded once the configuration
			// is known to be valid; sessions start only after that.
			var sessionModel serve.ModelFunc
			srv, err := serve.New(serve.Config{
				Addr:               addr,
				HostKeyPath:        hostKey,
				AuthorizedKeysPath: authKeys,
				AllowAnyKey:        allowAny,
				MaxSessions:        maxSessions,
				IdleTimeout:        idleTimeout(idle),
				Logger:             logger,
				ProgramOptions:     []tea.ProgramOption{tea.WithMouseCellMotion()},
				NewModel: func(sess ssh.Session, r *lipgloss.Renderer, user string) tea.Model {
					return sessionModel(sess, r, user)
				},
			})
			if err != nil {
				return err
			}
			if allowAny {
				logger.Warn("--allow-any-key: anyone holding any SSH key can connect")
			}

			ix, err := loadIndex(args, lf, stdin, stderr)
			if err != nil {
				return err
			}
			dbPath, err := lf.dbPath()
			if err != nil {
				return err
			}
			db, err := store.Open(dbPath)
			if err != nil {
				return err
			}
			defer db.Close()
			sessionModel = serve.Briefing(ix, db, logger)

			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return err
			}
			logger.Info("listening", "addr", ln.Addr().String(), "articles", len(ix.Articles), "db", db.Path())
			logger.Info("host key", "fingerprint", srv.HostKeyFingerprint(), "path", srv.HostKeyPath())
			if p := srv.AuthorizedKeysPath(); p != "" {
				logger.Info("authorized keys", "path", p)
			}
			fmt.Fprintf(stderr, "connect with: ssh -p %s %s\n", portOf(ln.Addr()), hostOf(ln.Addr()))

			served := make(chan error, 1)
			go func() { served <- srv.Serve(ln) }()
			select {
			case err := <-served:
				return err
			case <-ctx.Done():
			}
			// From here a second signal kills the process at once.
			stopSignals()
			logger.Info("shutting down", "sessions", srv.Sessions())
			sctx, cancel := context.WithTimeout(context.Background(), shutdownBudget)
			defer cancel()
			if err := srv.Shutdown(sctx); err != nil {
				logger.Warn("sessions did not end in time; connections closed", "err", err)
			}
			select {
			case err := <-served:
				if err != nil && !errors.Is(err, serve.ErrServerClosed) {
					logger.Warn("server", "err", err)
				}
			case <-time.After(time.Second):
			}
			if err := db.Close(); err != nil {
				return fmt.Errorf("closing the triage database: %w", err)
			}
			logger.Info("stopped")
			return nil
		},
	}
	lf.register(cmd)
	f := cmd.Flags()
	f.StringVar(&addr, "addr", serve.DefaultAddr, "address to listen on (host:port); loopback unless told otherwise")
	f.StringVar(&hostKey, "host-key", "", "SSH host key, created if missing (default $XDG_DATA_HOME/briefing/ssh_host_ed25519_key)")
	f.StringVar(&authKeys, "authorized-keys", "", "public keys allowed in, OpenSSH format (default $XDG_CONFIG_HOME/briefing/authorized_keys)")
	f.BoolVar(&allowAny, "allow-any-key", false, "let in anyone who has any SSH key (each key still gets its own triage)")
	f.IntVar(&maxSessions, "max-sessions", 64, "most concurrent sessions")
	f.DurationVar(&idle, "idle-timeout", 30*time.Minute, "end a session after this long without input (0: never)")
	return cmd
}

// idleTimeout maps the flag's 0 ("never") to serve's "disabled".
func idleTimeout(d time.Duration) time.Duration {
	if d <= 0 {
		return -1
	}
	return d
}

func hostOf(a net.Addr) string {
	host, _, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		return "<this host>"
	}
	return host
}

func portOf(a net.Addr) string {
	_, port, err := net.SplitHostPort(a.String())
	if err != nil {
		return "?"
	}
	return port
}
