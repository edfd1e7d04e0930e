package serve

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	gossh "golang.org/x/crypto/ssh"
)

// DefaultHostKeyPath returns $XDG_DATA_HOME/briefing/ssh_host_ed25519_key, or
// ~/.local/share/briefing/ssh_host_ed25519_key when XDG_DATA_HOME is unset or
// not absolute (as the XDG spec requires). It sits beside the triage database.
func DefaultHostKeyPath() (string, error) {
	dir, err := xdgDir("XDG_DATA_HOME", ".local", "share")
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "briefing", "ssh_host_ed25519_key"), nil
}

// DefaultAuthorizedKeysPath returns $XDG_CONFIG_HOME/briefing/authorized_keys,
// or ~/.config/briefing/authorized_keys.
func DefaultAuthorizedKeysPath() (string, error) {
	dir, err := xdgDir("XDG_CONFIG_HOME", ".config")
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "briefing", "authorized_keys"), nil
}

func xdgDir(env string, fallback ...string) (string, error) {
	if d := os.Getenv(env); d != "" && filepath.IsAbs(d) {
		return d, nil
	}
	home, err := os.UserHomeDir()
	if err != nil || home == "" {
		return "", fmt.Errorf("serve: locating home directory for %s: %v", env, err)
	}
	return filepath.Join(append([]string{home}, fallback...)...), nil
}

// LoadOrCreateHostKey reads the host key at path, generating an ed25519 key
// there (mode 0600, directory 0700, public half in path+".pub") the first
// time. A key readable by group or others is refused, as sshd refuses it: a
// leaked host key lets anyone impersonate the server.
func LoadOrCreateHostKey(path string) (gossh.Signer, error) {
	if path == "" {
		return nil, errors.New("serve: empty host key path")
	}
	signer, err := loadHostKey(path)
	if err == nil || !errors.Is(err, fs.ErrNotExist) {
		return signer, err
	}
	if err := createHostKey(path); err != nil && !errors.Is(err, fs.ErrExist) {
		return nil, err
	}
	// Load what is on disk, which is another process's key if one won the race.
	return loadHostKey(path)
}

func loadHostKey(path string) (gossh.Signer, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("serve: host key: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("serve: host key: %w", err)
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("serve: host key %s is not a regular file", path)
	}
	if perm := fi.Mode().Perm(); perm&0o077 != 0 {
		return nil, fmt.Errorf("serve: host key %s is accessible by others (mode %#o); run: chmod 600 %s", path, perm, path)
	}
	data, err := io.ReadAll(io.LimitReader(f, 64<<10))
	if err != nil {
		return nil, fmt.Errorf("serve: reading host key %s: %w", path, err)
	}
	signer, err := gossh.ParsePrivateKey(data)
	if err != nil {
		return nil, fmt.Errorf("serve: host key %s: %w", path, err)
	}
	return signer, nil
}

// createHostKey writes a new key to a temporary file and links it into
// place, so a crash never leaves a half-written key and a concurrent start
// never overwrites one (fs.ErrExist).
func createHostKey(path string) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("serve: creating host key directory: %w", err)
	}
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return fmt.Errorf("serve: generating host key: %w", err)
	}
	block, err := gossh.MarshalPrivateKey(priv, "briefing host key")
	if err != nil {
		return fmt.Errorf("serve: encoding host key: %w", err)
	}
	tmp, err := os.CreateTemp(dir, ".hostkey-*")
	if err != nil {
		return fmt.Errorf("serve: writing host key: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return fmt.Errorf("serve: writing host key: %w", err)
	}
	if _, err := tmp.Write(pem.EncodeToMemory(block)); err != nil {
		tmp.Close()
		return fmt.Errorf("serve: writing host key: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("serve: writing host key: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("serve: writing host key: %w", err)
	}
	if err := os.Link(tmp.Name(), path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return err
		}
		return fmt.Errorf("serve: writing host key: %w", err)
	}
	sshPub, err := gossh.NewPublicKey(pub)
	if err != nil {
		return fmt.Errorf("serve: encoding host public key: %w", err)
	}
	// The .pub file is a convenience for known_hosts; the server never reads it.
	if err := os.WriteFile(path+".pub", gossh.MarshalAuthorizedKey(sshPub), 0o644); err != nil {
		return fmt.Errorf("serve: writing host public key: %w", err)
	}
	return nil
}
