package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"text/tabwriter"
	"time"

	"github.com/octo-cashier/octo-cashier/flows/journal"
)

const storeZHelp = `
Usage: octo-cashier store-z [--day YYYY-MM-DD] [--config FILE] [--json]

Prints the store's Z of a day: the Z reports every counter of the store
journal ([console] journal, a postgres:// URL) closed that day (local
time), their lines summed by channel and bucket. It reads the stored Z
reports only, which never change; a counter whose shift is still open is
not in it yet.

Examples:
  octo-cashier store-z --config /etc/octo-cashier/store.toml
  octo-cashier store-z --day 2026-12-07 --json
`

// storeZCommand is `octo-cashier store-z`.
func storeZCommand(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("octo-cashier store-z", stderr)
	dayFlag := fs.String("day", "", "the day, YYYY-MM-DD (default today)")
	asJSON := fs.Bool("json", false, "print the report as one JSON object")
	configPath := fs.String("config", "", "the store's configuration (default "+DefaultConfigPath()+")")
	fs.Usage = commandUsage(fs, storeZHelp)
	if err := parseFlags(fs, interleaved(fs, args)); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError("store-z takes no arguments, got %q (see 'octo-cashier store-z --help')", fs.Arg(0))
	}
	now := time.Now()
	day := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.Local)
	if *dayFlag != "" {
		d, err := time.ParseInLocation(time.DateOnly, *dayFlag, time.Local)
		if err != nil {
			return usageError("--day %q is not a day like 2026-12-07", *dayFlag)
		}
		day = d
	}
	path, explicit := *configPath, *configPath != ""
	if !explicit {
		path = DefaultConfigPath()
	}
	cfg, err := LoadConfig(path, explicit, os.Getenv)
	if err != nil {
		return withStatus(exitError, err)
	}
	if !journal.IsPostgresURL(cfg.Console.Journal) {
		return withStatus(exitError, errors.New("store-z reads the store journal: [console] journal (or OCTO_CASHIER_JOURNAL) = \"postgres://…\"; a single till's Z reports are on its shift screen"))
	}
	j, err := journal.OpenPostgresTool(ctx, cfg.Console.Journal, "store-z")
	if err != nil {
		return withStatus(exitError, err)
	}
	defer j.Close()
	z, err := j.StoreZ(ctx, day, day.AddDate(0, 0, 1))
	if err != nil {
		return withStatus(exitError, err)
	}
	if *asJSON {
		return json.NewEncoder(stdout).Encode(z)
	}
	printStoreZ(stdout, day, z)
	return nil
}

// printStoreZ writes the store's Z as a table: the counters' reports, then
// a line per channel and bucket, amounts with two decimals, and the
// store's net figures when every Z report has OCTO's fees.
func printStoreZ(w io.Writer, day time.Time, z journal.StoreReport) {
	fmt.Fprintf(w, "Store Z of %s: %d counter Z report(s)\n", day.Format(time.DateOnly), len(z.Zs))
	for _, c := range z.Zs {
		fmt.Fprintf(w, "  counter %s  Z %d  closed %s  %s\n", c.Counter, c.No, c.Closed.Local().Format("15:04"), c.Operator)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "channel\tbucket\tcount\tamount\treleased\trefunded\t")
	for _, l := range z.Lines {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%s\t\n", l.Channel, l.Bucket, l.Count, l.Amount.StringFixed(2),
			l.Released.StringFixed(2), l.Refunded.StringFixed(2))
	}
	_ = tw.Flush()
	if r := z.Report(); z.WithFees && len(z.Zs) > 0 {
		fmt.Fprintf(w, "gross %s  refunded %s  net %s  fees %s  to shop %s\n", r.Gross().StringFixed(2),
			r.Refunded().StringFixed(2), r.Net().StringFixed(2), r.Fees().StringFixed(2), r.ToShop().StringFixed(2))
	}
}
