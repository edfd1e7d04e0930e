package model

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"net"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Defaults for LoadOptions.
const (
	DefaultMaxBytes    = 10 << 20
	DefaultHTTPTimeout = 15 * time.Second
)

// LoadOptions tune Load. The zero value is usable.
type LoadOptions struct {
	// MaxBytes caps every source; 0 means DefaultMaxBytes.
	MaxBytes int64
	// HTTPTimeout bounds a whole URL fetch, body included; 0 means
	// DefaultHTTPTimeout.
	HTTPTimeout time.Duration
	// Stdin is read for the source "-".
	Stdin io.Reader
	// HTTPClient fetches URLs; nil means a default client.
	HTTPClient *http.Client
}

// Load reads the given sources: files, folders (walked recursively in name
// order, hidden entries skipped, symlinks followed but never in a loop),
// globs, "-" for standard input and http(s) URLs. A source that cannot be
// read, or a file that is empty, binary or over the size cap, becomes a
// Warning naming it and the others load. Only when nothing at all loads is
// the error non-nil; it lists why.
func Load(sources []string, opts LoadOptions) ([]Document, []Warning, error) {
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	opts.MaxBytes = min(opts.MaxBytes, math.MaxInt64-1) // room for the +1 probe byte
	if opts.HTTPTimeout <= 0 {
		opts.HTTPTimeout = DefaultHTTPTimeout
	}
	l := &loader{opts: opts, seen: map[string]string{}, dirs: map[string]bool{}}
	for _, s := range sources {
		l.source(s)
	}
	disambiguateFiles(l.docs)
	if len(l.docs) == 0 {
		if len(l.warns) == 0 {
			return nil, nil, errors.New("no articles loaded: no sources given")
		}
		msgs := make([]string, len(l.warns))
		for i, w := range l.warns {
			msgs[i] = w.String()
		}
		return nil, l.warns, errors.New("no articles loaded: " + strings.Join(msgs, "; "))
	}
	return l.docs, l.warns, nil
}

type loader struct {
	opts  LoadOptions
	docs  []Document
	warns []Warning
	seen  map[string]string // real path or URL -> the name it loaded as
	dirs  map[string]bool   // real paths of the folders walked
}

func (l *loader) warn(name, msg string) { l.warns = append(l.warns, newWarning(name, msg)) }

// newWarning makes a warning safe to print: a file name, or a parser's
// message quoting the input, may hold escape sequences, and warnings go to
// stderr and into reports.
func newWarning(name, msg string) Warning {
	return Warning{Name: visibleControls(name), Msg: visibleControls(msg)}
}

// visibleControls writes control characters (C0 but tab, DEL, C1, bidi
// overrides) and bytes that are not UTF-8 as Go escapes (\x1b, \u009b), so
// that a hostile name stays recognisable and inert.
func visibleControls(s string) string {
	clean := true
	for _, r := range s {
		if r == utf8.RuneError || r != '\t' && (r < 0x20 || r == 0x7f || isC1(r) || isBidiControl(r)) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, "\\x%02x", s[i])
		case r != '\t' && (r < 0x20 || r == 0x7f):
			fmt.Fprintf(&b, "\\x%02x", r)
		case isC1(r) || isBidiControl(r):
			fmt.Fprintf(&b, "\\u%04x", r)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

func (l *loader) source(s string) {
	switch {
	case s == "-":
		l.stdin()
		return
	case isURL(s):
		l.fetch(s)
		return
	}
	fi, err := os.Stat(s)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) && strings.ContainsAny(s, "*?[") {
			l.glob(s)
			return
		}
		l.warn(s, errText(err))
		return
	}
	if fi.IsDir() {
		before := len(l.docs) + len(l.warns)
		l.dir(s, nil)
		if len(l.docs)+len(l.warns) == before {
			l.warn(s, "no files found")
		}
		return
	}
	l.file(s, fi, true)
}

// glob loads the matches of a pattern, in name order; hidden names only
// when the pattern itself asks for them.
func (l *loader) glob(pattern string) {
	matches, err := filepath.Glob(pattern)
	if err != nil {
		l.warn(pattern, "bad pattern: "+err.Error())
		return
	}
	wantHidden := strings.HasPrefix(filepath.Base(pattern), ".")
	n := 0
	for _, m := range matches {
		if !wantHidden && strings.HasPrefix(filepath.Base(m), ".") {
			continue
		}
		n++
		fi, err := os.Stat(m)
		if err != nil {
			l.warn(m, errText(err))
			continue
		}
		if fi.IsDir() {
			l.dir(m, nil)
			continue
		}
		l.file(m, fi, false)
	}
	if n == 0 {
		l.warn(pattern, "no files match")
	}
}

// dir walks a folder in name order. stack holds the real paths of the
// folders above, to recognise a symlink leading back up. A symlink to a
// folder inside the walk's root is not followed (that folder is walked by
// its own name), and a folder reached twice by other routes is walked once.
func (l *loader) dir(p string, stack []string) {
	real, err := filepath.EvalSymlinks(p)
	if err != nil {
		l.warn(p, errText(err))
		return
	}
	if l.dirs[real] {
		l.warn(p, "skipped: folder already walked")
		return
	}
	l.dirs[real] = true
	entries, err := os.ReadDir(p)
	if err != nil {
		l.warn(p, errText(err))
		return
	}
	stack = append(stack, real)
	root := stack[0]
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		child := filepath.Join(p, name)
		fi, err := os.Stat(child) // follows symlinks
		if err != nil {
			l.warn(child, errText(err))
			continue
		}
		if !fi.IsDir() {
			l.file(child, fi, false)
			continue
		}
		if e.Type()&fs.ModeSymlink != 0 {
			target, err := filepath.EvalSymlinks(child)
			if err != nil {
				l.warn(child, errText(err))
				continue
			}
			if slices.Contains(stack, target) {
				l.warn(child, "skipped: symlink loop")
				continue
			}
			if target == root || strings.HasPrefix(target, root+string(filepath.Separator)) {
				l.warn(child, "skipped: symlink to a folder inside the walk")
				continue
			}
		}
		l.dir(child, stack)
	}
}

// file reads one file. Files met inside a folder or through a glob must be
// regular; one named explicitly may be a pipe or device (a process
// substitution such as /dev/fd/63), read up to the cap.
func (l *loader) file(name string, fi fs.FileInfo, explicit bool) {
	key := name
	if real, err := filepath.EvalSymlinks(name); err == nil {
		key = real
	} else if abs, err := filepath.Abs(name); err == nil {
		key = abs
	}
	if first, ok := l.seen[key]; ok {
		l.warn(name, "skipped: same file as "+first)
		return
	}
	regular := fi.Mode().IsRegular()
	if !regular && !explicit {
		l.warn(name, "skipped: not a regular file")
		return
	}
	if regular && fi.Size() > l.opts.MaxBytes {
		l.warn(name, l.overCap(fi.Size()))
		return
	}
	f, err := os.Open(name)
	if err != nil {
		l.warn(name, errText(err))
		return
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, l.opts.MaxBytes+1))
	if err != nil {
		l.warn(name, errText(err))
		return
	}
	if int64(len(data)) > l.opts.MaxBytes {
		l.warn(name, l.overCap(-1))
		return
	}
	if l.add(Document{Name: name, File: filepath.Base(name), Data: data}, "skipped: empty file") {
		l.seen[key] = name
	}
}

func (l *loader) stdin() {
	if l.opts.Stdin == nil {
		l.warn("-", "no standard input")
		return
	}
	data, err := io.ReadAll(io.LimitReader(l.opts.Stdin, l.opts.MaxBytes+1))
	if err != nil {
		l.warn("-", errText(err))
		return
	}
	if int64(len(data)) > l.opts.MaxBytes {
		l.warn("-", l.overCap(-1))
		return
	}
	l.add(Document{Name: "-", File: "stdin", Data: data}, "skipped: empty input")
}

// fetch GETs a URL. The timeout covers the whole exchange, body included;
// the body is read up to the cap plus one byte, to tell a body at the cap
// from one over it.
func (l *loader) fetch(u string) {
	if first, ok := l.seen[u]; ok {
		l.warn(u, "skipped: same URL as "+first)
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), l.opts.HTTPTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		l.warn(u, "bad URL: "+errText(err))
		return
	}
	req.Header.Set("User-Agent", "briefing/1 (terminal briefing reader)")
	req.Header.Set("Accept", "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, text/markdown, text/plain;q=0.9, */*;q=0.5")
	client := l.opts.HTTPClient
	if client == nil {
		client = &http.Client{Timeout: l.opts.HTTPTimeout}
	}
	resp, err := client.Do(req)
	if err != nil {
		l.warn(u, l.netErr(ctx, err))
		return
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		l.warn(u, "HTTP "+resp.Status)
		return
	}
	if resp.ContentLength > l.opts.MaxBytes {
		l.warn(u, l.overCap(resp.ContentLength))
		return
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, l.opts.MaxBytes+1))
	if err != nil {
		l.warn(u, l.netErr(ctx, err))
		return
	}
	if int64(len(data)) > l.opts.MaxBytes {
		l.warn(u, l.overCap(-1))
		return
	}
	doc := Document{Name: u, File: u, Data: data, ContentType: resp.Header.Get("Content-Type")}
	if l.add(doc, "skipped: empty response") {
		l.seen[u] = u
	}
}

// netErr words a failed fetch: a timeout says how long was waited.
func (l *loader) netErr(ctx context.Context, err error) string {
	var ne net.Error
	if errors.Is(ctx.Err(), context.DeadlineExceeded) || errors.Is(err, context.DeadlineExceeded) ||
		errors.As(err, &ne) && ne.Timeout() {
		return fmt.Sprintf("timed out after %s", l.opts.HTTPTimeout)
	}
	return errText(err)
}

// add keeps a document unless it is empty or binary.
func (l *loader) add(doc Document, emptyMsg string) bool {
	if len(bytes.TrimSpace(doc.Data)) == 0 {
		l.warn(doc.Name, emptyMsg)
		return false
	}
	if isBinary(doc.Data) {
		l.warn(doc.Name, "skipped: binary content")
		return false
	}
	l.docs = append(l.docs, doc)
	return true
}

func (l *loader) overCap(size int64) string {
	if size < 0 {
		return fmt.Sprintf("refused: more than %d bytes, over the %d-byte cap (--max-bytes)", l.opts.MaxBytes, l.opts.MaxBytes)
	}
	return fmt.Sprintf("refused: %d bytes is over the %d-byte cap (--max-bytes)", size, l.opts.MaxBytes)
}

// errText is an error without the operation and path that the warning's
// name already gives: "no such file or directory", "permission denied".
func errText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err.Error()
	}
	return err.Error()
}

// disambiguateFiles gives documents from files that share a base name
// (a/index.html, b/index.html) their path as File, so citations stay
// unambiguous.
func disambiguateFiles(docs []Document) {
	count := map[string]int{}
	for _, d := range docs {
		count[d.File]++
	}
	for i := range docs {
		d := &docs[i]
		if count[d.File] > 1 && d.Name != "-" && !isURL(d.Name) {
			d.File = filepath.ToSlash(filepath.Clean(d.Name))
		}
	}
}

// LoadEmbedded reads the files of one folder of an embedded file system
// (the default corpus), in name order; File and Name are the base names.
// Sub-folders, hidden, empty and binary files are left out.
func LoadEmbedded(fsys fs.FS, dir string) ([]Document, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	var docs []Document
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, ".") {
			continue
		}
		data, err := fs.ReadFile(fsys, path.Join(dir, name))
		if err != nil {
			return nil, err
		}
		if len(bytes.TrimSpace(data)) == 0 || isBinary(data) {
			continue
		}
		docs = append(docs, Document{Name: name, File: name, Data: data})
	}
	if len(docs) == 0 {
		return nil, fmt.Errorf("no articles in embedded folder %q", dir)
	}
	return docs, nil
}
