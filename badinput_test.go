//go:build unix

package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/briefing/briefing/model"
)

// goodArticle is the one source every bad-input folder also holds: it must
// load whatever its neighbours are.
const goodArticle = "Council approves new budget\nThe city council voted on Monday to approve the new budget after a long debate, officials said.\nThe mayor said the plan would fund 40 new teachers.\n"

// badInput is one hostile corpus: a folder with good.txt and whatever
// setup writes next to it.
type badInput struct {
	name  string
	setup func(t *testing.T, dir string)
	args  []string // extra flags
	// warn are the messages stderr must show, each as "file: message";
	// the file is relative to the folder.
	warn []struct{ file, msg string }
	// loaded are files that must be among the report's articles besides
	// good.txt; articles is the exact count when not 0.
	loaded   []string
	articles int
	// check looks further at the JSON report and the Markdown one.
	check func(t *testing.T, rep model.Report, md string)
	// within bounds the time of both reports together.
	within time.Duration
	// jsonOnly skips the Markdown report, when building the index twice
	// would only double a long run.
	jsonOnly bool
}

func warns(pairs ...string) []struct{ file, msg string } {
	var out []struct{ file, msg string }
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, struct{ file, msg string }{pairs[i], pairs[i+1]})
	}
	return out
}

func write(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// longLine is one line of n bytes of varied news sentences, no newline.
func longLine(n int) []byte {
	r := rand.New(rand.NewPCG(1, 2))
	places := []string{"Lyon", "Porto", "Durban", "Osaka", "Denver", "Cork", "Basra", "Perth"}
	days := []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"}
	var b bytes.Buffer
	b.Grow(n + 200)
	for b.Len() < n {
		fmt.Fprintf(&b, "The council of %s said on %s that %d people had met for %d hours and agreed on %d points. ",
			places[r.IntN(len(places))], days[r.IntN(len(days))], 10+r.IntN(5000), 1+r.IntN(12), 2+r.IntN(30))
	}
	b.Truncate(n)
	return b.Bytes()
}

// hostile is text that tries to drive the reader's terminal: colours,
// screen clears, OSC 52 clipboard writes (BEL and ST terminated), a window
// title, DCS and APC strings, C1 controls and a bidi override.
const hostile = "\x1b]0;pwned\x07Breaking: \x1b[31mflood\x1b[0m hits the valley\n" +
	"By \x1b]52;c;cm0gLXJmIH4=\x07Jane \x1b[1mDoe\x1b[0m\n" +
	"Rescuers said on Tuesday that \x1b]52;c;ZXZpbA==\x1b\\300 homes were flooded \x1b[2J\x1b[H after the river rose.\n" +
	"The \u009b31mregional\u009b0m governor \u009d52;c;AAAA\u0007said \x1bP1$r\x1b\\the \x1b_Gf=1;AA\x1b\\dam held, \u202eegats\u202c officials added.\n" +
	"Police reported 12 injuries.\x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\ \a\b\x7f\n"

func badInputs() []badInput {
	return []badInput{
		{
			name:  "empty file",
			setup: func(t *testing.T, dir string) { write(t, filepath.Join(dir, "empty.txt"), nil) },
			warn:  warns("empty.txt", "skipped: empty file"),
		},
		{
			name: "only boilerplate",
			setup: func(t *testing.T, dir string) {
				write(t, filepath.Join(dir, "furniture.txt"), []byte("Skip to content\nMenu\nShare this article\nAdvertisement\nSign up for our newsletter\n© 2024 All rights reserved\n"))
			},
			warn: warns("furniture.txt", "skipped: only page furniture"),
		},
		{
			name: "binary data",
			setup: func(t *testing.T, dir string) {
				r := rand.New(rand.NewPCG(3, 4))
				data := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
				for range 64 << 10 {
					data = append(data, byte(r.IntN(256)))
				}
				write(t, filepath.Join(dir, "photo.txt"), data)
			},
			warn: warns("photo.txt", "skipped: binary content"),
		},
		{
			name: "invalid UTF-8",
			setup: func(t *testing.T, dir string) {
				// Windows-1252 as saved by an old CMS: é, curly quotes, an
				// en dash, plus bytes no encoding explains.
				write(t, filepath.Join(dir, "latin1.txt"), []byte("Caf\xe9 owners protest \x93new rules\x94\n"+
					"Caf\xe9 owners in the old town said on Tuesday that the \x93new rules\x94 \x96 due in May \x96 would hurt trade \xff\xfe.\n"))
			},
			loaded: []string{"latin1.txt"},
			check: func(t *testing.T, rep model.Report, md string) {
				a := articleByFile(rep, "latin1.txt")
				if a == nil || a.Title != "Café owners protest “new rules”" {
					t.Errorf("latin1.txt title not repaired: %+v", a)
				}
			},
		},
		{
			name: "50 MB single line processed",
			setup: func(t *testing.T, dir string) {
				write(t, filepath.Join(dir, "huge.txt"), longLine(50<<20))
			},
			args:     []string{"--max-bytes", fmt.Sprint(64 << 20)},
			loaded:   []string{"huge.txt"},
			within:   3 * time.Minute,
			jsonOnly: true,
		},
		{
			name: "50 MB single line over the default cap",
			setup: func(t *testing.T, dir string) {
				write(t, filepath.Join(dir, "huge.txt"), longLine(50<<20))
			},
			warn:   warns("huge.txt", fmt.Sprintf("refused: %d bytes is over the %d-byte cap (--max-bytes)", 50<<20, model.DefaultMaxBytes)),
			within: 30 * time.Second,
		},
		{
			name: "deeply nested HTML",
			setup: func(t *testing.T, dir string) {
				var b bytes.Buffer
				b.WriteString("<!DOCTYPE html><html><head><title>Deep page</title></head><body>")
				for i := range 100000 {
					fmt.Fprintf(&b, "<div class=\"d%d\"><span>", i%7)
				}
				b.WriteString("<p>The nested page says the bridge reopened on Friday after repairs.</p>")
				for range 100000 {
					b.WriteString("</span></div>")
				}
				b.WriteString("</body></html>")
				write(t, filepath.Join(dir, "deep.html"), b.Bytes())
			},
			loaded: []string{"deep.html"},
			within: time.Minute,
		},
		{
			name: "malformed feed",
			setup: func(t *testing.T, dir string) {
				write(t, filepath.Join(dir, "broken.rss"), []byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>`+
					`<item><title>Half an item</title><description>&lt;p&gt;Cut off in the middle of &bogus; an`))
				write(t, filepath.Join(dir, "noitems.xml"), []byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title></channel></rss>`))
			},
			warn: warns("broken.rss", "skipped: ", "noitems.xml", "skipped: empty feed: no items"),
		},
		{
			name: "symlink loop in a folder",
			setup: func(t *testing.T, dir string) {
				write(t, filepath.Join(dir, "sub", "inner.txt"), []byte("Bridge reopens\nThe bridge reopened on Friday after two years of repairs, engineers said.\n"))
				symlink(t, "..", filepath.Join(dir, "sub", "up"))
				symlink(t, "self.txt", filepath.Join(dir, "self.txt"))
			},
			warn:   warns("sub/up", "skipped: symlink", "self.txt", "too many levels of symbolic links"),
			loaded: []string{"inner.txt"},
		},
		{
			name: "unreadable files",
			setup: func(t *testing.T, dir string) {
				p := filepath.Join(dir, "secret.txt")
				write(t, p, []byte(goodArticle))
				if err := os.Chmod(p, 0); err != nil {
					t.Fatal(err)
				}
				symlink(t, "nowhere.txt", filepath.Join(dir, "dangling.txt"))
				if err := syscall.Mkfifo(filepath.Join(dir, "pipe.txt"), 0o644); err != nil {
					t.Fatal(err)
				}
			},
			warn: warns("secret.txt", "permission denied", "dangling.txt", "no such file or directory", "pipe.txt", "skipped: not a regular file"),
		},
		{
			name: "ANSI and OSC 52 sequences",
			setup: func(t *testing.T, dir string) {
				write(t, filepath.Join(dir, "evil.txt"), []byte(hostile))
			},
			loaded: []string{"evil.txt"},
			check: func(t *testing.T, rep model.Report, md string) {
				a := articleByFile(rep, "evil.txt")
				if a == nil || a.Title != "Breaking: flood hits the valley" || a.Byline != "Jane Doe" {
					t.Errorf("evil.txt: text lost with the escapes: %+v", a)
				}
			},
		},
		{
			name: "control sequences in a file name",
			setup: func(t *testing.T, dir string) {
				write(t, filepath.Join(dir, "x\x1b]52;c;cm0=\x07\x1b[2J.txt"), []byte(goodArticle))
				write(t, filepath.Join(dir, "y\x1b[31m.txt"), nil)
			},
			warn:     warns(`y\x1b[31m.txt`, "skipped: empty file"),
			loaded:   []string{`x\x1b]52;c;cm0=\x07\x1b[2J.txt`},
			articles: 2,
		},
		{
			name: "ten thousand tiny files",
			setup: func(t *testing.T, dir string) {
				towns := []string{"Ashby", "Brill", "Corfe", "Deal", "Eye", "Frome", "Goole", "Hythe"}
				for i := range 10000 {
					write(t, filepath.Join(dir, "many", fmt.Sprintf("%05d.txt", i)), []byte(fmt.Sprintf(
						"Note %d\nThe committee in %s met on Monday and approved item %d by %d votes.\n", i, towns[i%len(towns)], i, 3+i%9)))
				}
			},
			articles: 10001,
			within:   3 * time.Minute,
		},
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

func articleByFile(rep model.Report, file string) *model.ReportArticle {
	for i := range rep.Articles {
		if rep.Articles[i].File == file {
			return &rep.Articles[i]
		}
	}
	return nil
}

// TestBadInputs feeds the CLI one hostile folder at a time: each bad file
// gets a warning naming it, nothing panics, good.txt (and whatever else is
// readable) still loads, and neither report carries a control sequence.
func TestBadInputs(t *testing.T) {
	for _, c := range badInputs() {
		t.Run(c.name, func(t *testing.T) {
			if testing.Short() && c.within > 30*time.Second {
				t.Skip("slow case; not with -short")
			}
			dir := t.TempDir()
			write(t, filepath.Join(dir, "good.txt"), []byte(goodArticle))
			c.setup(t, dir)
			if c.name == "unreadable files" && os.Geteuid() == 0 {
				// root reads a mode 000 file; the other two cases remain.
				c.warn = c.warn[1:]
				c.loaded = append(c.loaded, "secret.txt")
			}
			db := filepath.Join(t.TempDir(), "b.db")
			args := append([]string{"report", "--db", db}, c.args...)

			within := c.within
			if within == 0 {
				within = 20 * time.Second
			}
			// Both reports run in a goroutine so that a case that never
			// ends fails at its bound, not at the test binary's timeout.
			var out, stderr, md, mdErr string
			var err, errMD error
			done := make(chan struct{})
			go func() {
				defer close(done)
				out, stderr, err = run(t, "", append(append(args, "--json"), dir)...)
				if err == nil && !c.jsonOnly {
					md, mdErr, errMD = run(t, "", append(append(args, "--markdown"), dir)...)
				}
			}()
			select {
			case <-done:
			case <-time.After(within):
				t.Fatalf("still running after %v", within)
			}
			if err != nil {
				t.Fatalf("report --json: %v\n%s", err, clip(stderr))
			}
			if errMD != nil {
				t.Fatalf("report --markdown: %v\n%s", errMD, clip(mdErr))
			}

			for _, w := range c.warn {
				want := filepath.Join(dir, w.file) + ": " + w.msg
				if !strings.Contains(stderr, want) {
					t.Errorf("stderr lacks %q:\n%s", want, clip(stderr))
				}
			}
			checkClean(t, "JSON report", out)
			checkClean(t, "Markdown report", md)
			checkClean(t, "stderr", stderr)

			var rep model.Report
			if err := json.Unmarshal([]byte(out), &rep); err != nil {
				t.Fatalf("report is not JSON: %v", err)
			}
			for _, f := range append([]string{"good.txt"}, c.loaded...) {
				if articleByFile(rep, f) == nil {
					t.Errorf("%s did not load; articles: %d; stderr:\n%s", f, len(rep.Articles), clip(stderr))
				}
			}
			if c.articles > 0 && len(rep.Articles) != c.articles {
				t.Errorf("%d articles, want %d", len(rep.Articles), c.articles)
			}
			if want := 1 + len(c.loaded); c.articles == 0 && len(rep.Articles) != want {
				t.Errorf("%d articles, want %d", len(rep.Articles), want)
			}
			if !c.jsonOnly && !strings.Contains(md, "Council approves new budget") {
				t.Errorf("Markdown report lacks the good article")
			}
			if c.check != nil {
				c.check(t, rep, md)
			}
		})
	}
}

// checkClean fails on anything a terminal would act on: ESC, BEL and the
// other C0 controls but tab and newline, DEL, C1 controls, bidi overrides,
// and their JSON escapes.
func checkClean(t *testing.T, what, s string) {
	t.Helper()
	for i, r := range s {
		if r == '\t' || r == '\n' {
			continue
		}
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) {
			t.Errorf("%s: control %U at byte %d: %q", what, r, i, s[max(0, i-40):min(len(s), i+40)])
			return
		}
	}
	for _, esc := range []string{`\u001b`, `\u0007`, `\u009b`, `\u009d`, `\u202e`} {
		if i := strings.Index(s, esc); i >= 0 {
			t.Errorf("%s: %s at byte %d: %q", what, esc, i, s[max(0, i-40):min(len(s), i+40)])
		}
	}
}

func clip(s string) string {
	if len(s) > 2000 {
		return s[:1000] + "\n...\n" + s[len(s)-1000:]
	}
	return s
}
