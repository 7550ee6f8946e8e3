package record

import (
	"fmt"
	"strings"
)

// Compare tells how a replay's exchanges and outcome differ from the
// recording's: a short diff, "-" for the recording and "+" for the replay,
// or nothing when they are the same.
//
// What is compared is what does not depend on timing or chance: the
// sequence of calls that change something at the gateway (method, HTTP
// status, OCTO code, status in the answer), with retries of the same call
// folded, the journaled payments (kind, method, state, amounts as decimal
// strings, masked card) and the screen at the end. Status reads are left
// out: how many the console makes depends on when answers and
// notifications arrive. Ids are left out: they are random.
func Compare(recorded, replayed *Recording) []string {
	want, got := comparable(recorded), comparable(replayed)
	return diffLines(want, got)
}

// comparable is a recording as the lines Compare compares.
func comparable(r *Recording) []string {
	var lines []string
	last := ""
	for _, x := range r.Exchanges {
		if x.Method == statusRead {
			continue
		}
		l := x.line()
		if l == last {
			continue // a retry of the same call with the same answer
		}
		lines = append(lines, l)
		last = l
	}
	for i, p := range r.Outcome.Payments {
		lines = append(lines, p.line(i+1))
	}
	return append(lines, "ended on "+r.Outcome.Screen)
}

func (x RecordedExchange) line() string {
	s := fmt.Sprintf("%s → HTTP %d, code %d", x.Method, x.HTTPStatus, x.Code)
	if x.Status != "" {
		s += ", " + x.Status
	}
	if x.NoAnswer {
		s += ", no answer"
	}
	return s
}

func (p RecordedPayment) line(n int) string {
	s := fmt.Sprintf("payment %d: %s %s %s, %s %s; captured %s, released %s, refunded %s",
		n, p.Kind, p.Method, p.State, p.Amount, p.Currency, p.Captured, p.Released, p.Refunded)
	if p.Status != "" {
		s += "; OCTO " + p.Status
	}
	if p.Card != "" {
		s += "; card " + p.Card
	}
	if p.Held {
		s += "; held"
	}
	if !p.Test {
		s += "; NOT A TEST PAYMENT"
	}
	return s
}

// diffLines is a line diff (longest common subsequence) that shows only
// the lines that differ, each with its place in the recording.
func diffLines(a, b []string) []string {
	n, m := len(a), len(b)
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []string
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && a[i] == b[j]:
			i, j = i+1, j+1
		case i < n && (j == m || lcs[i+1][j] >= lcs[i][j+1]):
			out = append(out, "- "+a[i])
			i++
		default:
			out = append(out, "+ "+b[j])
			j++
		}
	}
	return out
}

// FormatDiff is Compare's result for a person: a heading and the lines.
func FormatDiff(diff []string) string {
	if len(diff) == 0 {
		return "the replay matches the recording\n"
	}
	return "the replay differs from the recording (- recorded, + replayed):\n  " + strings.Join(diff, "\n  ") + "\n"
}
