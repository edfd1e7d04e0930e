package serve

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/charmbracelet/log"
	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
	gossh "golang.org/x/crypto/ssh"
)

// fingerprintExt is the permissions extension where the public-key callback
// records the fingerprint of the key it accepted. x/crypto/ssh calls the
// callback for every key a client offers, including ones it then never
// proves it holds, so the session re-checks its key against this record.
const fingerprintExt = "briefing-pubkey-fp"

// harmlessOptions are authorized_keys options that only take away what this
// server never offers anyway (forwarding, user rc files). A key line with any
// other option (from=, command=, expiry-time=, no-pty, cert-authority, ...) is
// skipped with a warning: ignoring such an option would grant more than the
// line says.
var harmlessOptions = map[string]bool{
	"restrict":            true,
	"no-port-forwarding":  true,
	"no-agent-forwarding": true,
	"no-x11-forwarding":   true,
	"no-user-rc":          true,
	"pty":                 true,
}

// authorizedKey is one usable line of the authorized_keys file.
type authorizedKey struct {
	comment string
}

// keyring is the set of authorized keys, read from a file in OpenSSH
// authorized_keys format and re-read whenever the file changes, so keys can
// be added or revoked without restarting the server.
type keyring struct {
	path string
	log  *log.Logger

	mu      sync.Mutex
	stamp   fileStamp
	keys    map[string]authorizedKey // by SHA256 fingerprint
	checked time.Time
}

// fileStamp identifies a version of a file cheaply.
type fileStamp struct {
	size    int64
	modTime time.Time
	exists  bool
}

// statInterval bounds how often the file is stat'ed under a flood of
// authentication attempts.
const statInterval = time.Second

// howToAllow ends the refusals to start.
const howToAllow = "put the public keys of your team there (one per line, as in ~/.ssh/authorized_keys), " +
	"pick another file with --authorized-keys, or pass --allow-any-key to let in anyone who holds any key"

func newKeyring(path string, logger *log.Logger) (*keyring, error) {
	k := &keyring{path: path, log: logger}
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("serve: refusing to start: %s does not exist; %s", path, howToAllow)
	}
	if err != nil {
		return nil, fmt.Errorf("serve: refusing to start: %w", err)
	}
	if err := k.load(stampOf(fi)); err != nil {
		return nil, fmt.Errorf("serve: refusing to start: %w", err)
	}
	if len(k.keys) == 0 {
		return nil, fmt.Errorf("serve: refusing to start: %s holds no usable key; %s", path, howToAllow)
	}
	return k, nil
}

func stampOf(fi os.FileInfo) fileStamp {
	return fileStamp{size: fi.Size(), modTime: fi.ModTime(), exists: true}
}

// lookup reports whether key is authorized, re-reading the file first if it
// has changed.
func (k *keyring) lookup(key gossh.PublicKey) (authorizedKey, bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.refreshLocked()
	ak, ok := k.keys[gossh.FingerprintSHA256(key)]
	return ak, ok
}

func (k *keyring) refreshLocked() {
	now := time.Now()
	if now.Sub(k.checked) < statInterval {
		return
	}
	k.checked = now
	fi, err := os.Stat(k.path)
	if err != nil {
		if k.stamp.exists {
			// A deleted file revokes every key: fail closed.
			k.log.Warn("authorized keys file is gone; refusing every key until it is back", "path", k.path, "err", err)
			k.keys, k.stamp = nil, fileStamp{}
		}
		return
	}
	st := stampOf(fi)
	if st == k.stamp {
		return
	}
	if err := k.load(st); err != nil {
		k.log.Warn("authorized keys file unreadable; keeping the previous keys", "path", k.path, "err", err)
		return
	}
	k.log.Info("authorized keys reloaded", "path", k.path, "keys", len(k.keys))
}

// load parses the file. A malformed or unsupported line is skipped with a
// warning; it must not lock out every other key.
func (k *keyring) load(st fileStamp) error {
	data, err := os.ReadFile(k.path)
	if err != nil {
		return fmt.Errorf("serve: authorized keys: %w", err)
	}
	keys, problems := parseAuthorizedKeys(data)
	for _, p := range problems {
		k.log.Warn("authorized keys: line skipped", "path", k.path, "line", p.line, "reason", p.reason)
	}
	k.keys, k.stamp = keys, st
	return nil
}

type keyProblem struct {
	line   int
	reason string
}

func parseAuthorizedKeys(data []byte) (map[string]authorizedKey, []keyProblem) {
	keys := make(map[string]authorizedKey)
	var problems []keyProblem
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		pk, comment, options, _, err := gossh.ParseAuthorizedKey(line)
		if err != nil {
			problems = append(problems, keyProblem{n, "not a public key: " + err.Error()})
			continue
		}
		if bad := unsupportedOptions(options); len(bad) > 0 {
			problems = append(problems, keyProblem{n, "unsupported options " + strings.Join(bad, ",")})
			continue
		}
		if _, isCert := pk.(*gossh.Certificate); isCert {
			problems = append(problems, keyProblem{n, "certificates are not supported"})
			continue
		}
		keys[gossh.FingerprintSHA256(pk)] = authorizedKey{comment: comment}
	}
	if err := sc.Err(); err != nil {
		problems = append(problems, keyProblem{0, err.Error()})
	}
	return keys, problems
}

func unsupportedOptions(options []string) []string {
	var bad []string
	for _, o := range options {
		name, _, _ := strings.Cut(o, "=")
		if !harmlessOptions[strings.ToLower(name)] {
			bad = append(bad, name)
		}
	}
	return bad
}

// publicKeyHandler decides authentication. It records the fingerprint of the
// accepted key for verifyKeyMiddleware.
func (s *Server) publicKeyHandler(ctx ssh.Context, key ssh.PublicKey) bool {
	if key == nil {
		return false
	}
	fp := gossh.FingerprintSHA256(key)
	if s.keys != nil {
		if _, ok := s.keys.lookup(key); !ok {
			s.log.Warn("refused key", "fingerprint", fp, "type", key.Type(),
				"remote", ctx.RemoteAddr().String(), "login", ctx.User())
			return false
		}
	}
	perms := ctx.Permissions()
	if perms.Permissions == nil {
		perms.Permissions = &gossh.Permissions{}
	}
	if perms.Extensions == nil {
		perms.Extensions = make(map[string]string)
	}
	perms.Extensions[fingerprintExt] = fp
	return true
}

var errPermissionDenied = errors.New("permission denied")

// verifyKeyMiddleware re-checks, before anything else runs, that the
// session's key is the one the public-key callback accepted, and that it is
// still authorized (the file may have changed since the handshake).
func (s *Server) verifyKeyMiddleware(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		pk := sess.PublicKey()
		perms := sess.Permissions()
		if pk == nil || perms.Permissions == nil || perms.Extensions[fingerprintExt] == "" ||
			perms.Extensions[fingerprintExt] != gossh.FingerprintSHA256(pk) {
			s.log.Warn("refused session: key does not match the authenticated one",
				"remote", sess.RemoteAddr().String())
			wish.Fatalln(sess, "briefing:", errPermissionDenied)
			return
		}
		if s.keys != nil {
			if _, ok := s.keys.lookup(pk); !ok {
				s.log.Warn("refused session: key no longer authorized",
					"fingerprint", gossh.FingerprintSHA256(pk), "remote", sess.RemoteAddr().String())
				wish.Fatalln(sess, "briefing:", errPermissionDenied)
				return
			}
		}
		next(sess)
	}
}
