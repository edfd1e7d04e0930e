package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefing/briefing/model"
)

// run executes the CLI in-process and returns stdout, stderr and the error.
func run(t *testing.T, stdin string, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	cmd := newRootCmd(strings.NewReader(stdin), &out, &errb)
	cmd.SetArgs(args)
	err := cmd.Execute()
	return out.String(), errb.String(), err
}

func TestReportJSONOnSeeds(t *testing.T) {
	dbDir := t.TempDir()
	out, stderr, err := run(t, "", "report", "--json", "--db", filepath.Join(dbDir, "b.db"), "seeds/")
	if err != nil {
		t.Fatalf("report: %v\n%s", err, stderr)
	}
	var rep model.Report
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if len(rep.Articles) != 5 {
		t.Fatalf("%d articles, want 5", len(rep.Articles))
	}
	byFile := map[string]model.ReportArticle{}
	for _, a := range rep.Articles {
		byFile[a.File[:3]] = a
	}
	if a := byFile["000"]; a.Outlet != "MediaBites" || a.Byline != "Imran Malik" || a.Dateline != "WASHINGTON" || a.Kind != "preview" {
		t.Errorf("000: %+v", a)
	}
	if a := byFile["002"]; a.Title != "Trump and Putin meeting concludes without agreement on a Ukrainian truce" || a.Kind != "report" {
		t.Errorf("002: %+v", a)
	}
	if a := byFile["003"]; a.Byline != "Syed Sadat Hussain Shah" {
		t.Errorf("003: %+v", a)
	}
	if a := byFile["004"]; a.Outlet != "Safarti Tarjuman" || !strings.HasPrefix(a.Dateline, "ANCHORAGE") {
		t.Errorf("004: %+v", a)
	}
	if a := byFile["001"]; !strings.HasPrefix(a.Title, "Russian President Vladimir Putin and former U.S. President Donald Trump scheduled to confer") {
		t.Errorf("001: %+v", a)
	}
	for _, key := range []string{`"actors"`, `"topics"`, `"conflicts"`, `"agreements"`} {
		if !strings.Contains(out, key) {
			t.Errorf("report lacks %s", key)
		}
	}
}

func TestReportMarkdownOnEmbeddedSeeds(t *testing.T) {
	out, _, err := run(t, "", "report", "--markdown", "--db", filepath.Join(t.TempDir(), "b.db"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"## Sources", "MediaBites", "Imran Malik", "Safarti Tarjuman", "| preview |"} {
		if !strings.Contains(out, want) {
			t.Errorf("markdown lacks %q:\n%s", want, out)
		}
	}
}

func TestNothingLoadedExitsWithStatus2(t *testing.T) {
	_, _, err := run(t, "", "report", "--json", "no/such/file.txt")
	var ee *exitError
	if !errors.As(err, &ee) || ee.code != 2 {
		t.Fatalf("err = %v, want exit status 2", err)
	}
	if !strings.Contains(err.Error(), "no/such/file.txt") {
		t.Errorf("error does not name the file: %v", err)
	}
}

func TestBadFilesInFolderAreSkippedWithWarnings(t *testing.T) {
	dir := t.TempDir()
	good := "A headline about the vote\nThe council voted on Monday to approve the new budget after a long debate.\n"
	os.WriteFile(filepath.Join(dir, "good.txt"), []byte(good), 0o644)
	os.WriteFile(filepath.Join(dir, "empty.txt"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, "blob.bin"), []byte{0, 1, 2, 3, 0, 0, 7}, 0o644)
	os.WriteFile(filepath.Join(dir, "furniture.txt"), []byte("Skip to content\nShare\nLeave a Reply\n"), 0o644)
	out, stderr, err := run(t, "", "report", "--json", "--db", filepath.Join(t.TempDir(), "b.db"), dir)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	var rep model.Report
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Articles) != 1 {
		t.Errorf("%d articles, want 1", len(rep.Articles))
	}
	for _, name := range []string{"empty.txt", "blob.bin", "furniture.txt"} {
		if !strings.Contains(stderr, name) {
			t.Errorf("no warning naming %s in:\n%s", name, stderr)
		}
	}
}

func TestStdinAndControlSequencesNeverReachTheReport(t *testing.T) {
	in := "Evil \x1b]52;c;cm0gLXJmIH4=\x07headline\nThe minister said \x1b[2J\x1b[31mred\x1b[0m things on Friday about the plan.\n"
	out, _, err := run(t, in, "report", "--json", "--db", filepath.Join(t.TempDir(), "b.db"), "-")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out, "\x1b") || strings.Contains(out, `\u001b`) || strings.Contains(out, "52;c;") {
		t.Fatalf("control sequence reached the report:\n%s", out)
	}
	if !strings.Contains(out, "Evil headline") {
		t.Fatalf("text lost:\n%s", out)
	}
}

func TestVersionAndHelp(t *testing.T) {
	out, _, err := run(t, "", "--version")
	if err != nil || !strings.Contains(out, version) {
		t.Fatalf("--version: %q %v", out, err)
	}
	for _, args := range [][]string{{"--help"}, {"report", "--help"}} {
		out, _, err := run(t, "", args...)
		if err != nil || !strings.Contains(out, "Usage:") {
			t.Errorf("%v: %q %v", args, out, err)
		}
	}
}
