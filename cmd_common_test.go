package main

import (
	"errors"
	"flag"
	"io"
	"slices"
	"testing"
)

func TestInterleavedFlags(t *testing.T) {
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Bool("json", false, "")
	fs.String("base-url", "", "")
	for _, tt := range []struct{ in, want []string }{
		{[]string{"sale", "--json"}, []string{"--json", "--", "sale"}},
		{[]string{"sale", "--base-url", "http://x", "refund"}, []string{"--base-url", "http://x", "--", "sale", "refund"}},
		{[]string{"--base-url=http://x", "sale"}, []string{"--base-url=http://x", "--", "sale"}},
		{[]string{"sale", "--", "--json"}, []string{"--", "sale", "--json"}},
		{[]string{"--json"}, []string{"--json"}},
	} {
		if got := interleaved(fs, tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("interleaved(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestExitStatus(t *testing.T) {
	base := errors.New("x")
	for _, tt := range []struct {
		err  error
		want int
	}{
		{base, 1},
		{withStatus(exitDiffers, base), 1},
		{withStatus(exitError, base), 2},
		{usageError("bad %s", "flag"), 2},
		{errors.Join(base, withStatus(exitError, base)), 2},
	} {
		if got := exitStatus(tt.err); got != tt.want {
			t.Errorf("exitStatus(%v) = %d, want %d", tt.err, got, tt.want)
		}
	}
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	if err := parseFlags(fs, []string{"--nope"}); exitStatus(err) != exitError {
		t.Errorf("a bad flag: %v", err)
	}
	if err := parseFlags(fs, []string{"--help"}); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("--help: %v", err)
	}
}

func TestPaymentFilterLearnsNames(t *testing.T) {
	f := newPaymentFilter("oc-1")
	steps := []struct {
		keys []string
		want bool
	}{
		{[]string{"oc-2"}, false},
		{[]string{"oc-1"}, true},                         // prepare_payment: the shop's id
		{[]string{"oc-1", "u-1"}, true},                  // its answer: the UUID too
		{[]string{"u-1", "5001", "u-1"}, true},           // pay's answer: the numeric id
		{[]string{"5001"}, true},                         // check_sms_key names it by id only
		{[]string{"u-2", "5002", "oc-2"}, false},         // another payment
		{nil, false},                                     // a control call about nothing
		{[]string{"octo-other", "5003"}, false},          // never seen
		{[]string{"u-1"}, true},                          // a notification by UUID
		{[]string{"oc-3", "u-3"}, false},                 // still not ours
		{bodyKeys([]byte(`{"data":{"id":5001}}`)), true}, // keys read from a body's data
	}
	for i, s := range steps {
		if got := f.match(s.keys); got != s.want {
			t.Errorf("step %d %q: %v, want %v", i, s.keys, got, s.want)
		}
	}
	if !newPaymentFilter("").match(nil) {
		t.Error("no filter keeps everything")
	}
}
