package main

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// throwawayPG is a PostgreSQL server of one test's own, from .ci/pg.sh:
// a test that takes the server away (halt) and brings it back (resume)
// must not take away the server every other package's tests share
// (OCTO_CASHIER_TEST_PG). Without PostgreSQL the test skips, except in CI
// (CI=true), where .ci/run installs it and a skip would hide a failure.
type throwawayPG struct {
	URL, dir string
}

func startThrowawayPG(t *testing.T) *throwawayPG {
	t.Helper()
	out, err := exec.Command(".ci/pg.sh", "start").Output()
	if err != nil {
		msg := err.Error()
		if ee, ok := err.(*exec.ExitError); ok {
			msg += ": " + string(ee.Stderr)
		}
		if os.Getenv("CI") == "true" {
			t.Fatalf("a PostgreSQL of the test's own (.ci/pg.sh start): %s", msg)
		}
		t.Skipf("no PostgreSQL for the test (.ci/pg.sh start: %s)", strings.TrimSpace(msg))
	}
	pg := &throwawayPG{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		k, v, _ := strings.Cut(strings.TrimPrefix(sc.Text(), "export "), "=")
		v = strings.Trim(v, "'")
		switch k {
		case "OCTO_CASHIER_TEST_PG":
			pg.URL = v
		case "PG_THROWAWAY_DIR":
			pg.dir = v
		}
	}
	if pg.URL == "" || pg.dir == "" {
		t.Fatalf(".ci/pg.sh start said %q", out)
	}
	t.Cleanup(func() { _ = exec.Command(".ci/pg.sh", "stop", pg.dir).Run() })
	return pg
}

// halt stops the server as a crash would; resume starts it again.
func (pg *throwawayPG) halt(t *testing.T)   { pg.ctl(t, "halt") }
func (pg *throwawayPG) resume(t *testing.T) { pg.ctl(t, "resume") }

func (pg *throwawayPG) ctl(t *testing.T, verb string) {
	t.Helper()
	if out, err := exec.Command(".ci/pg.sh", verb, pg.dir).CombinedOutput(); err != nil {
		t.Fatalf(".ci/pg.sh %s: %v\n%s", verb, err, out)
	}
}
