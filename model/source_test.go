package model

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func writeFile(t *testing.T, p, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func docNames(docs []Document) string {
	var s []string
	for _, d := range docs {
		s = append(s, d.Name+"="+d.File)
	}
	return strings.Join(s, " ")
}

func warnText(ws []Warning) string {
	var s []string
	for _, w := range ws {
		s = append(s, w.String())
	}
	return strings.Join(s, "\n")
}

func TestLoadFolder(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "b_good.txt"), "A good article.\n")
	writeFile(t, filepath.Join(dir, "a_binary.bin"), "GIF89a\x00\x01\x02")
	writeFile(t, filepath.Join(dir, "c_empty.txt"), " \n")
	writeFile(t, filepath.Join(dir, "d_big.txt"), strings.Repeat("x", 200))
	writeFile(t, filepath.Join(dir, ".hidden.txt"), "hidden")
	writeFile(t, filepath.Join(dir, ".git", "HEAD"), "ref: refs/heads/main")
	writeFile(t, filepath.Join(dir, "sub", "inner.md"), "# Inner\n\nText.")
	if err := os.Symlink(filepath.Join(dir, "nowhere"), filepath.Join(dir, "e_dangling.txt")); err != nil {
		t.Fatal(err)
	}

	docs, warns, err := Load([]string{dir}, LoadOptions{MaxBytes: 100})
	if err != nil {
		t.Fatal(err)
	}
	j := func(s ...string) string { return filepath.Join(append([]string{dir}, s...)...) }
	if got, want := docNames(docs), j("b_good.txt")+"=b_good.txt "+j("sub", "inner.md")+"=inner.md"; got != want {
		t.Errorf("docs:\n got %s\nwant %s", got, want)
	}
	want := strings.Join([]string{
		j("a_binary.bin") + ": skipped: binary content",
		j("c_empty.txt") + ": skipped: empty file",
		j("d_big.txt") + ": refused: 200 bytes is over the 100-byte cap (--max-bytes)",
		j("e_dangling.txt") + ": no such file or directory",
	}, "\n")
	if got := warnText(warns); got != want {
		t.Errorf("warnings:\n got %s\nwant %s", got, want)
	}
	if string(docs[0].Data) != "A good article.\n" {
		t.Errorf("data %q", docs[0].Data)
	}
}

func TestLoadMissingAndNothing(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.txt")
	writeFile(t, good, "Text.")
	missing := filepath.Join(dir, "x.txt")

	docs, warns, err := Load([]string{missing, good}, LoadOptions{})
	if err != nil || len(docs) != 1 || docs[0].File != "good.txt" {
		t.Fatalf("%v %+v", err, docs)
	}
	if got := warnText(warns); got != missing+": no such file or directory" {
		t.Errorf("warnings %q", got)
	}

	// Nothing loads: the error lists every reason, in order.
	bin := filepath.Join(dir, "only.bin")
	writeFile(t, bin, "\x00\x01\x02\x03")
	_, warns, err = Load([]string{missing, bin}, LoadOptions{})
	want := "no articles loaded: " + missing + ": no such file or directory; " + bin + ": skipped: binary content"
	if err == nil || err.Error() != want {
		t.Errorf("error %v\nwant %s", err, want)
	}
	if len(warns) != 2 {
		t.Errorf("warnings %v", warns)
	}

	// A single explicit file over the cap is an error too.
	_, _, err = Load([]string{good}, LoadOptions{MaxBytes: 3})
	if err == nil || !strings.Contains(err.Error(), "refused: 5 bytes is over the 3-byte cap (--max-bytes)") {
		t.Errorf("over cap: %v", err)
	}
	_, _, err = Load(nil, LoadOptions{})
	if err == nil || err.Error() != "no articles loaded: no sources given" {
		t.Errorf("no sources: %v", err)
	}
	empty := t.TempDir()
	_, _, err = Load([]string{empty}, LoadOptions{})
	if err == nil || err.Error() != "no articles loaded: "+empty+": no files found" {
		t.Errorf("empty folder: %v", err)
	}
}

func TestLoadUnreadable(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "secret.txt")
	writeFile(t, p, "Secret text.")
	writeFile(t, filepath.Join(dir, "ok.txt"), "Open text.")
	if os.Geteuid() == 0 {
		// root reads a chmod 000 file; an entry that cannot be opened is a
		// dangling symlink instead.
		if err := os.Remove(p); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(filepath.Join(dir, "gone"), p); err != nil {
			t.Fatal(err)
		}
	} else if err := os.Chmod(p, 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(p, 0o644) })

	wantMsg := "permission denied"
	if os.Geteuid() == 0 {
		wantMsg = "no such file or directory"
	}
	for _, src := range [][]string{{dir}, {p, filepath.Join(dir, "ok.txt")}} {
		docs, warns, err := Load(src, LoadOptions{})
		if err != nil || len(docs) != 1 || docs[0].File != "ok.txt" {
			t.Fatalf("%v: %v %+v", src, err, docs)
		}
		if got := warnText(warns); got != p+": "+wantMsg {
			t.Errorf("%v: warnings %q", src, got)
		}
	}
}

func TestLoadSymlinkLoop(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.txt"), "Article A.")
	writeFile(t, filepath.Join(dir, "sub", "b.txt"), "Article B.")
	if err := os.Symlink(dir, filepath.Join(dir, "sub", "up")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "sub"), filepath.Join(dir, "again")); err != nil {
		t.Fatal(err)
	}
	// A folder outside the walk is followed, once; its loop back is caught.
	out := t.TempDir()
	writeFile(t, filepath.Join(out, "c.txt"), "Article C.")
	if err := os.Symlink(out, filepath.Join(dir, "out")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(out, filepath.Join(dir, "out2")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(dir, filepath.Join(out, "back")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("self", filepath.Join(dir, "self")); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	var docs []Document
	var warns []Warning
	var err error
	go func() {
		docs, warns, err = Load([]string{dir}, LoadOptions{})
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Load hangs on a symlink loop")
	}
	if err != nil {
		t.Fatal(err)
	}
	if got := docNames(docs); got != filepath.Join(dir, "a.txt")+"=a.txt "+filepath.Join(dir, "out", "c.txt")+"=c.txt "+filepath.Join(dir, "sub", "b.txt")+"=b.txt" {
		t.Errorf("docs %s", got)
	}
	want := strings.Join([]string{
		filepath.Join(dir, "again") + ": skipped: symlink to a folder inside the walk",
		filepath.Join(dir, "out", "back") + ": skipped: symlink loop",
		filepath.Join(dir, "out2") + ": skipped: folder already walked",
		filepath.Join(dir, "self") + ": too many levels of symbolic links",
		filepath.Join(dir, "sub", "up") + ": skipped: symlink loop",
	}, "\n")
	if got := warnText(warns); got != want {
		t.Errorf("warnings:\n got %s\nwant %s", got, want)
	}
}

func TestLoadGlobAndDuplicates(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "2.txt"), "Two.")
	writeFile(t, filepath.Join(dir, "1.txt"), "One.")
	writeFile(t, filepath.Join(dir, "3.md"), "Three.")
	writeFile(t, filepath.Join(dir, ".4.txt"), "Hidden.")
	writeFile(t, filepath.Join(dir, "x", "1.txt"), "Other one.")

	pat := filepath.Join(dir, "*.txt")
	docs, warns, err := Load([]string{pat, filepath.Join(dir, "1.txt"), filepath.Join(dir, "x", "1.txt"), filepath.Join(dir, "*.none")}, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// Same base name twice: File becomes the path.
	want := fmt.Sprintf("%[1]s/1.txt=%[1]s/1.txt %[1]s/2.txt=2.txt %[1]s/x/1.txt=%[1]s/x/1.txt", filepath.ToSlash(dir))
	if got := docNames(docs); got != want {
		t.Errorf("docs:\n got %s\nwant %s", got, want)
	}
	wantW := filepath.Join(dir, "1.txt") + ": skipped: same file as " + filepath.Join(dir, "1.txt") + "\n" +
		filepath.Join(dir, "*.none") + ": no files match"
	if got := warnText(warns); got != wantW {
		t.Errorf("warnings:\n got %s\nwant %s", got, wantW)
	}

	// A name with glob characters that exists is a file, not a pattern.
	odd := filepath.Join(dir, "odd[1].txt")
	writeFile(t, odd, "Odd.")
	docs, _, err = Load([]string{odd}, LoadOptions{})
	if err != nil || len(docs) != 1 || docs[0].File != "odd[1].txt" {
		t.Errorf("%v %+v", err, docs)
	}
	_, warns, _ = Load([]string{filepath.Join(dir, "[")}, LoadOptions{})
	if len(warns) != 1 || !strings.HasPrefix(warns[0].Msg, "bad pattern") {
		t.Errorf("bad pattern: %v", warns)
	}
}

func TestLoadStdin(t *testing.T) {
	docs, warns, err := Load([]string{"-"}, LoadOptions{Stdin: strings.NewReader("Piped article.")})
	if err != nil || len(warns) != 0 || len(docs) != 1 {
		t.Fatalf("%v %v %+v", err, warns, docs)
	}
	if d := docs[0]; d.Name != "-" || d.File != "stdin" || string(d.Data) != "Piped article." {
		t.Errorf("%+v", d)
	}
	_, _, err = Load([]string{"-"}, LoadOptions{})
	if err == nil || err.Error() != "no articles loaded: -: no standard input" {
		t.Errorf("nil stdin: %v", err)
	}
	_, _, err = Load([]string{"-"}, LoadOptions{Stdin: strings.NewReader(strings.Repeat("y", 11)), MaxBytes: 10})
	if err == nil || !strings.Contains(err.Error(), "-: refused: more than 10 bytes, over the 10-byte cap (--max-bytes)") {
		t.Errorf("stdin over cap: %v", err)
	}
	_, _, err = Load([]string{"-"}, LoadOptions{Stdin: strings.NewReader("")})
	if err == nil || !strings.Contains(err.Error(), "-: skipped: empty input") {
		t.Errorf("empty stdin: %v", err)
	}
}

func TestLoadURL(t *testing.T) {
	release := make(chan struct{})
	mux := http.NewServeMux()
	mux.HandleFunc("/story", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, "<html><body><p>Fetched story.</p></body></html>")
	})
	mux.HandleFunc("/missing", func(w http.ResponseWriter, r *http.Request) {
		http.NotFound(w, r)
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
		fmt.Fprint(w, "late")
	})
	mux.HandleFunc("/slowbody", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "first part ")
		w.(http.Flusher).Flush()
		select {
		case <-release:
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
		fmt.Fprint(w, "late part")
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "500")
		fmt.Fprint(w, strings.Repeat("z", 500))
	})
	mux.HandleFunc("/bigchunked", func(w http.ResponseWriter, r *http.Request) {
		for range 5 {
			fmt.Fprint(w, strings.Repeat("z", 100))
			w.(http.Flusher).Flush()
		}
	})
	mux.HandleFunc("/empty", func(w http.ResponseWriter, r *http.Request) {})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	defer close(release)

	u := func(p string) string { return srv.URL + p }
	opts := LoadOptions{HTTPTimeout: 300 * time.Millisecond, MaxBytes: 200}
	start := time.Now()
	docs, warns, err := Load([]string{u("/story"), u("/missing"), u("/slow"), u("/slowbody"), u("/big"), u("/bigchunked"), u("/empty"), u("/story")}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 4*time.Second {
		t.Errorf("timeouts not honoured: %s", d)
	}
	if len(docs) != 1 {
		t.Fatalf("docs %+v", docs)
	}
	if d := docs[0]; d.Name != u("/story") || d.File != u("/story") || d.ContentType != "text/html; charset=utf-8" || !strings.Contains(string(d.Data), "Fetched story.") {
		t.Errorf("%+v", d)
	}
	want := strings.Join([]string{
		u("/missing") + ": HTTP 404 Not Found",
		u("/slow") + ": timed out after 300ms",
		u("/slowbody") + ": timed out after 300ms",
		u("/big") + ": refused: 500 bytes is over the 200-byte cap (--max-bytes)",
		u("/bigchunked") + ": refused: more than 200 bytes, over the 200-byte cap (--max-bytes)",
		u("/empty") + ": skipped: empty response",
		u("/story") + ": skipped: same URL as " + u("/story"),
	}, "\n")
	if got := warnText(warns); got != want {
		t.Errorf("warnings:\n got %s\nwant %s", got, want)
	}

	// A custom client is used, and the timeout still holds.
	_, warns, err = Load([]string{u("/slow")}, LoadOptions{HTTPTimeout: 200 * time.Millisecond, HTTPClient: &http.Client{}})
	if err == nil || len(warns) != 1 || warns[0].Msg != "timed out after 200ms" {
		t.Errorf("custom client: %v %v", err, warns)
	}
	// The fetched page extracts.
	exs, err := extract(docs[0])
	if err != nil || exs[0].Body != "Fetched story." {
		t.Errorf("extract fetched: %v %+v", err, exs)
	}
}

func TestLoadEmbedded(t *testing.T) {
	fsys := fstest.MapFS{
		"seeds/b.txt":      {Data: []byte("Bee.")},
		"seeds/a.md":       {Data: []byte("# Ay")},
		"seeds/.keep":      {Data: []byte("")},
		"seeds/empty.txt":  {Data: []byte("")},
		"seeds/sub/c.txt":  {Data: []byte("Sea.")},
		"seeds/d.bin":      {Data: []byte{0, 1, 2}},
		"other/ignore.txt": {Data: []byte("No.")},
	}
	docs, err := LoadEmbedded(fsys, "seeds")
	if err != nil {
		t.Fatal(err)
	}
	if got := docNames(docs); got != "a.md=a.md b.txt=b.txt" {
		t.Errorf("docs %s", got)
	}
	if _, err := LoadEmbedded(fsys, "nope"); err == nil {
		t.Error("missing folder: no error")
	}
	if _, err := LoadEmbedded(fstest.MapFS{"e/x.txt": {Data: nil}}, "e"); err == nil {
		t.Error("no articles: no error")
	}
}
