package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// Exit statuses of the commands scripts run (trigger, replay, events,
// faults): 0 the expected outcome, 1 a different one, 2 an error that
// kept the command from telling (bad flags, a missing file, no gateway).
const (
	exitDiffers = 1
	exitError   = 2
)

// exitErr carries the process's exit status with the error main prints.
type exitErr struct {
	status int
	err    error
}

func (e *exitErr) Error() string { return e.err.Error() }
func (e *exitErr) Unwrap() error { return e.err }

// withStatus makes err exit the process with status.
func withStatus(status int, err error) error {
	if err == nil {
		return nil
	}
	return &exitErr{status: status, err: err}
}

// usageError is a command-line mistake: exit 2.
func usageError(format string, args ...any) error {
	return withStatus(exitError, fmt.Errorf(format, args...))
}

// exitStatus is the process's exit status for an error run returned: the
// one it carries, else 1.
func exitStatus(err error) int {
	var e *exitErr
	if errors.As(err, &e) {
		return e.status
	}
	return 1
}

// parseFlags parses a command's flags; a mistake exits 2 (the flag package
// has already printed the usage), --help exits 0.
func parseFlags(fs *flag.FlagSet, args []string) error {
	err := fs.Parse(args)
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return err
	}
	return withStatus(exitError, err)
}

// commandUsage prints a command's help: what it does, its examples, its flags.
func commandUsage(fs *flag.FlagSet, text string) func() {
	return func() {
		w := fs.Output()
		fmt.Fprint(w, strings.TrimLeft(text, "\n"))
		fmt.Fprintln(w, "\nFlags:")
		fs.PrintDefaults()
	}
}

// interleaved moves the flags before the other arguments, so that
// `trigger sale --json` reads --json as a flag (the flag package stops at
// the first argument that is not one). "--" ends the flags.
func interleaved(fs *flag.FlagSet, args []string) []string {
	var flags, rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			return append(append(flags, "--"), append(rest, args[i+1:]...)...)
		case len(a) < 2 || a[0] != '-':
			rest = append(rest, a)
			continue
		}
		flags = append(flags, a)
		name := strings.TrimLeft(a, "-")
		if strings.Contains(name, "=") {
			continue
		}
		f := fs.Lookup(name)
		if f == nil {
			continue // the parser names it
		}
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
			continue
		}
		if i+1 < len(args) {
			i++
			flags = append(flags, args[i])
		}
	}
	if len(rest) > 0 {
		flags = append(flags, "--")
	}
	return append(flags, rest...)
}

// newFlagSet is a command's FlagSet: errors returned, usage on stderr.
func newFlagSet(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// flagGiven reports whether the flag was set on the command line.
func flagGiven(fs *flag.FlagSet, name string) bool {
	given := false
	fs.Visit(func(f *flag.Flag) { given = given || f.Name == name })
	return given
}
