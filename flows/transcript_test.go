package flows

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the transcripts under testdata/")

// describe renders an effect for a transcript: what a reviewer needs, no
// card data, no random ids.
func describe(e Effect) string {
	switch x := e.(type) {
	case Journal:
		return fmt.Sprintf("journal(%s→%s on %s)", x.Transition.From, x.Transition.To, x.Transition.Event)
	case CallPrepare:
		return fmt.Sprintf("prepare_payment(auto_capture=%v total=%s)", x.Params.AutoCapture, x.Params.TotalSum.StringFixed(2))
	case CallPay:
		if x.Params.CardToken != "" {
			return fmt.Sprintf("pay(%s token)", x.Params.Method)
		}
		return fmt.Sprintf("pay(%s card %s)", x.Params.Method, MaskPAN(x.Params.Card.PAN))
	case CallCheckSMSKey:
		return fmt.Sprintf("check_sms_key(paymentId=%d verifyId=%d)", x.Params.PaymentID, x.Params.VerifyID)
	case CallCapture:
		return fmt.Sprintf("capture(%s)", x.Amount.StringFixed(2))
	case CallRefund:
		return fmt.Sprintf("refund(%s)", x.Params.Amount.StringFixed(2))
	case ReadStatus:
		return fmt.Sprintf("read_status(after %v)", x.After)
	}
	return e.EffectName()
}

type script struct {
	name   string
	kind   Kind
	pan    string
	events []Event
}

// TestTranscripts feeds each testdata/<name>.events to a new payment and
// compares what it did with testdata/<name>.txt.
func TestTranscripts(t *testing.T) {
	scripts, err := loadScripts()
	if err != nil {
		t.Fatal(err)
	}
	outputs, err := filepath.Glob(filepath.Join("testdata", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(scripts) < 10 || len(scripts) != len(outputs) {
		t.Fatalf("%d scripts for %d transcripts under testdata: each .txt needs its .events", len(scripts), len(outputs))
	}
	for _, sc := range scripts {
		t.Run(sc.name, func(t *testing.T) {
			p := newCard(t, sc.kind, sc.pan)
			var b strings.Builder
			fmt.Fprintf(&b, "# %s %s, card %s, amount %s\n", sc.kind, sc.name, p.Card, p.Amount.StringFixed(2))
			for _, ev := range sc.events {
				next, effs, err := p.Handle(ev)
				if err != nil {
					fmt.Fprintf(&b, "%-22s ! %v\n", ev.EventName(), err)
					continue
				}
				var ds []string
				for _, e := range effs {
					ds = append(ds, describe(e))
				}
				fmt.Fprintln(&b, strings.TrimRight(fmt.Sprintf("%-22s → %-13s %s", ev.EventName(), next.State, strings.Join(ds, " ; ")), " "))
				if !next.Problem.IsZero() && next.Problem.English() != p.Problem.English() {
					fmt.Fprintf(&b, "%22s   problem: %s\n", "", next.Problem.English())
				}
				p = next
			}
			fmt.Fprintf(&b, "= %s captured %s released %s refunded %s\n", p.State,
				p.Captured.StringFixed(2), p.Released.StringFixed(2), p.Refunded.StringFixed(2))
			path := filepath.Join("testdata", sc.name+".txt")
			if *update {
				if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got := b.String(); got != string(want) {
				t.Errorf("transcript %s changed; run with -update and review the diff.\ngot:\n%s\nwant:\n%s", path, got, want)
			}
		})
	}
}
