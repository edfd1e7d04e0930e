package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/charmbracelet/glamour"
	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"

	"github.com/briefing/briefing/model"
)

func newReportCmd(stdin io.Reader, stdout, stderr io.Writer) *cobra.Command {
	var lf loadFlags
	var asJSON, asMarkdown bool
	cmd := &cobra.Command{
		Use:   "report [--json|--markdown] [SOURCES...]",
		Short: "Print the briefing as JSON (for scripts) or Markdown (for people)",
		Long: `report prints the same analysis the TUI shows. --json follows the schema in
README.md; --markdown (the default) prints a readable briefing, rendered with
glamour when stdout is a terminal.`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if asJSON && asMarkdown {
				return fmt.Errorf("choose one of --json and --markdown")
			}
			ix, err := loadIndex(args, lf, stdin, stderr)
			if err != nil {
				return err
			}
			// Triage comes from the database when there is one; a report
			// never creates a database just to say everything is open.
			lookup := func(string) (model.Triage, bool) { return model.Triage{}, false }
			if path, err := lf.dbPath(); err == nil {
				if _, statErr := os.Stat(path); statErr == nil {
					s, u, err := openUserStore(lf, currentUser())
					if err != nil {
						return err
					}
					defer s.Close()
					lookup = u.Lookup
				}
			}
			rep := model.NewReport(ix, lookup)
			if asJSON {
				enc := json.NewEncoder(stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(rep)
			}
			md := model.Markdown(rep)
			if f, ok := stdout.(*os.File); ok && isatty.IsTerminal(f.Fd()) {
				out, err := glamour.Render(md, "auto")
				if err == nil {
					md = out
				}
			}
			_, err = io.WriteString(stdout, md)
			return err
		},
	}
	lf.register(cmd)
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the report as JSON")
	cmd.Flags().BoolVar(&asMarkdown, "markdown", false, "print the report as Markdown (default)")
	return cmd
}
