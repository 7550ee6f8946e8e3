package flows

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/octo-cashier/octo-cashier/octo"
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

func scripts() []script {
	prepared := Prepared{Info: info(octo.StatusCreated, "1000")}
	created := PayAnswered{Payment: payment(octo.StatusCreated)}
	verif := VerificationAnswered{Verification: verification(180), At: t0}
	code := SubmitCode{Code: testCode, At: t0.Add(20 * time.Second)}
	wrong := CodeChecked{Err: &octo.Error{Method: "check_sms_key", Code: 10, Message: "Wrong confirmation code"}}
	succeeded := func(seq int) StatusAnswered {
		return StatusAnswered{Info: info(octo.StatusSucceeded, "1000"), Seq: seq}
	}
	pending := func(seq int) StatusAnswered {
		return StatusAnswered{Info: info(octo.StatusWaitUserAction, "1000"), Seq: seq}
	}
	return []script{
		{"sale_otp", Sale, testPAN, []Event{Start{}, prepared, created, verif, code, CodeChecked{Payment: payment(octo.StatusSucceeded)},
			Refund{Amount: dec("300"), Min: testMin}, RefundAnswered{Refund: &octo.Refund{Status: octo.RefundSucceeded}}}},
		{"hold_partial_capture", Hold, testPAN, []Event{Start{}, prepared, created, verif, code,
			CodeChecked{Payment: payment(octo.StatusWaitingForCapture)}, Capture{Amount: dec("750.50")},
			CaptureAnswered{Info: info(octo.StatusSucceeded, "750.50")}}},
		{"hold_expires", Hold, testPAN, []Event{Start{}, prepared, created, verif, code,
			CodeChecked{Payment: payment(octo.StatusWaitingForCapture)}, Tick{Now: t0.Add(30 * time.Minute)},
			StatusAnswered{Info: info(octo.StatusCanceled, "1000"), Seq: 1}}},
		{"otp_expiry_resend", Sale, testPAN, []Event{Start{}, prepared, created, verif, Tick{Now: t0.Add(3 * time.Minute)},
			ResendCode{}, CodeResent{Verification: verification(120), At: t0.Add(4 * time.Minute)},
			SubmitCode{Code: testCode, At: t0.Add(5 * time.Minute)}, CodeChecked{Payment: payment(octo.StatusSucceeded)}}},
		{"three_wrong_codes", Sale, testPAN, []Event{Start{}, prepared, created, verif,
			code, wrong, pending(1), code, wrong, pending(2), code, wrong, StatusAnswered{Info: info(octo.StatusCanceled, "1000"), Seq: 3}}},
		{"check_answer_lost", Sale, testPAN, []Event{Start{}, prepared, created, verif, code, CodeChecked{Err: errLost},
			pending(1), StatusAnswered{Info: info(octo.StatusSucceeded, "1000"), Seq: 2}}},
		{"three_ds", Sale, visaPAN, []Event{Start{}, prepared, created, pending(1), Notified{Status: octo.StatusSucceeded},
			StatusAnswered{Info: info(octo.StatusSucceeded, "1000"), Seq: 3}, StatusAnswered{Info: info(octo.StatusSucceeded, "1000"), Seq: 2}}},
		{"capture_answer_lost", Hold, testPAN, []Event{Start{}, prepared, created, verif, code,
			CodeChecked{Payment: payment(octo.StatusWaitingForCapture)}, Capture{}, CaptureAnswered{Err: errLost},
			StatusAnswered{Err: errNotSent, Seq: 1}, StatusAnswered{Info: info(octo.StatusSucceeded, "1000"), Seq: 2}}},
		{"illegal_events", Sale, testPAN, []Event{Capture{}, Start{}, Start{}, Refund{Min: testMin}, prepared}},
		{"refund_unknown", Sale, testPAN, []Event{Start{}, prepared, created, verif, code, CodeChecked{Payment: payment(octo.StatusSucceeded)},
			Refund{Amount: dec("300"), Min: testMin}, RefundAnswered{Err: errLost}, succeeded(1), succeeded(2), succeeded(3), succeeded(4), succeeded(5),
			Refund{Amount: dec("200"), Min: testMin}, Refund{Amount: dec("300"), Min: testMin}, RefundAnswered{Refund: &octo.Refund{Status: octo.RefundSucceeded}},
			Refund{Amount: dec("200"), Min: testMin}}},
	}
}

func TestTranscripts(t *testing.T) {
	for _, sc := range scripts() {
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
