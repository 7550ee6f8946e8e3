package run

import (
	"context"
	"encoding/json"
	"errors"
	"sync"
	"time"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/octo"
)

// Clock gives the runner the time and its waits. Now must carry Go's
// monotonic reading (time.Now does) so the OTP countdown does not jump with
// the wall clock. Tests pass a fake that moves the sandbox's clock.
type Clock interface {
	Now() time.Time
	// Sleep waits d or until ctx ends.
	Sleep(ctx context.Context, d time.Duration) error
}

// SystemClock is the real clock.
type SystemClock struct{}

// Now is time.Now.
func (SystemClock) Now() time.Time { return time.Now() }

// Sleep waits d or until ctx ends.
func (SystemClock) Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// MinStatusGap is how far apart the runner keeps two status reads of one
// payment: OCTO refuses a read within a second of the previous one
// ("Requests too often. Minimum delay is 1 second"), and a flow may ask for
// one right after another (a 3-D Secure page answered between two polls, a
// Check key pressed during a poll).
const MinStatusGap = time.Second + 50*time.Millisecond

// Runner executes effects: requests through the Gateway, writes to the
// journal, waits on the Clock. It holds no workflow state; it only
// remembers when it last read each payment's status, to keep OCTO's pace.
type Runner struct {
	Gateway flows.Gateway
	Journal flows.Store // nil: nothing is journaled (tests of pure flows only)
	Clock   Clock       // nil: SystemClock
	// PaymentTTL is an unpaid payment's lifetime at OCTO ([octo]
	// ttl_minutes): Reconcile says when OCTO cancels a restored payment
	// that cannot be finished from here. Zero: not said.
	PaymentTTL time.Duration

	mu       sync.Mutex
	nextRead map[string]time.Time // shop_transaction_id → earliest next status read
}

func (r *Runner) clock() Clock {
	if r.Clock == nil {
		return SystemClock{}
	}
	return r.Clock
}

// Run executes one effect and returns the event it produced: the answer of
// a request, JournalFailed, or nil when a journal write succeeded.
func (r *Runner) Run(ctx context.Context, eff flows.Effect) flows.Event {
	c := r.clock()
	switch e := eff.(type) {
	case flows.Journal:
		if r.Journal == nil {
			return nil
		}
		if err := r.Journal.Write(ctx, e, c.Now()); err != nil {
			return flows.JournalFailed{Err: err}
		}
		return nil
	case flows.JournalToken:
		if r.Journal == nil {
			return nil
		}
		if err := r.Journal.SaveToken(ctx, e.Token, c.Now()); err != nil {
			return flows.JournalFailed{Err: err}
		}
		return nil
	case flows.JournalBinding:
		if r.Journal == nil {
			return nil
		}
		if err := r.Journal.WriteBinding(ctx, e.Record, c.Now()); err != nil {
			return flows.JournalFailed{Err: err}
		}
		return nil
	case flows.CallPrepare:
		info, err := r.Gateway.PreparePayment(ctx, e.Params)
		return flows.Prepared{Info: info, At: c.Now(), Err: err}
	case flows.CallPay:
		pm, err := r.Gateway.Pay(ctx, e.Params)
		return flows.PayAnswered{Payment: pm, At: c.Now(), Err: err}
	case flows.CallVerificationInfo:
		v, err := r.Gateway.VerificationInfo(ctx, e.PaymentUUID)
		return flows.VerificationAnswered{Verification: v, At: c.Now(), Err: err}
	case flows.CallCheckSMSKey:
		pm, err := r.Gateway.CheckSMSKey(ctx, e.Params)
		return flows.CodeChecked{Payment: pm, At: c.Now(), Err: err}
	case flows.CallResendOTP:
		v, err := r.Gateway.ResendOTP(ctx, e.Params)
		return flows.CodeResent{Verification: v, At: c.Now(), Err: err}
	case flows.CallCapture:
		info, err := r.Gateway.Capture(ctx, e.PaymentUUID, e.Amount)
		return flows.CaptureAnswered{Info: info, Err: err}
	case flows.CallCancel:
		info, err := r.Gateway.Cancel(ctx, e.PaymentUUID)
		return flows.CancelAnswered{Info: info, Err: err}
	case flows.CallRefund:
		rf, err := r.Gateway.Refund(ctx, e.Params)
		return flows.RefundAnswered{Refund: rf, Err: err}
	case flows.ReadStatus:
		if err := c.Sleep(ctx, r.readSlot(e.ShopTransactionID, c.Now(), e.After)); err != nil {
			return flows.StatusAnswered{Seq: e.Seq, At: c.Now(), Err: err}
		}
		info, err := r.Gateway.Status(ctx, e.ShopTransactionID)
		ans := flows.StatusAnswered{Info: info, Seq: e.Seq, At: c.Now(), Err: err}
		if e.WithCard {
			ans.Card = r.notifiedCard(ctx, e.ShopTransactionID)
		}
		return ans
	case flows.CallBindCard:
		b, err := r.Gateway.BindCard(ctx, e.Params)
		return flows.BindAnswered{Binding: b, Err: err}
	case flows.CallConfirmBinding:
		b, err := r.Gateway.ConfirmBinding(ctx, e.Params)
		return flows.BindingConfirmed{Binding: b, Err: err}
	case flows.CallBlockToken:
		st, err := r.Gateway.BlockCardToken(ctx, e.Token)
		return flows.TokenBlocked{Status: st, Err: err}
	}
	return flows.JournalFailed{Err: errors.New("flows: unknown effect " + eff.EffectName())}
}

// readSlot books the next status read of a payment: at least after from
// now, and at least MinStatusGap after the read booked before it. It
// returns how long to wait.
func (r *Runner) readSlot(id string, now time.Time, after time.Duration) time.Duration {
	r.mu.Lock()
	defer r.mu.Unlock()
	at := now.Add(after)
	if next, ok := r.nextRead[id]; ok && next.After(at) {
		at = next
	}
	if r.nextRead == nil {
		r.nextRead = map[string]time.Time{}
	}
	for k, next := range r.nextRead { // forget payments read long ago
		if now.Sub(next) > time.Minute {
			delete(r.nextRead, k)
		}
	}
	r.nextRead[id] = at.Add(MinStatusGap)
	return at.Sub(now)
}

// RunAll executes effects in order, one after the other, and returns the
// first event one of them produced (later effects are not run), or nil
// when all were journal writes. This is what a UI runs inside one tea.Cmd.
func (r *Runner) RunAll(ctx context.Context, effs []flows.Effect) flows.Event {
	for _, e := range effs {
		if ev := r.Run(ctx, e); ev != nil {
			return ev
		}
	}
	return nil
}

// Machine is a flow value: Payment or Binding.
type Machine[F any] interface {
	Handle(flows.Event) (F, []flows.Effect, error)
}

// Drive handles ev, runs the effects, feeds their outcome back, and repeats
// until the flow needs input from the cashier or the customer, or is over.
// Status polls (3-D Secure, unknown outcomes) wait on the runner's Clock; a
// ctx deadline stops them. It returns the last value and the first error.
func Drive[F Machine[F]](ctx context.Context, r *Runner, f F, ev flows.Event) (F, error) {
	for ev != nil {
		next, effs, err := f.Handle(ev)
		if err != nil {
			return f, err
		}
		f = next
		if err := ctx.Err(); err != nil {
			return f, err
		}
		ev = r.RunAll(ctx, effs)
	}
	return f, nil
}

// notifiedCard is the masked card of the latest notification about the
// payment the listener journaled with a good signature: OCTO's status
// read gives no card, its notification does. An unsigned or forged
// notification is never believed, so nothing is taken from one.
func (r *Runner) notifiedCard(ctx context.Context, shopTransactionID string) string {
	if r.Journal == nil {
		return ""
	}
	ns, err := r.Journal.Notifications(ctx, shopTransactionID)
	if err != nil {
		return ""
	}
	for i := len(ns) - 1; i >= 0; i-- {
		if ns[i].Kind != "payment" || ns[i].Signature != "ok" {
			continue
		}
		var body struct {
			MaskedPAN string `json:"maskedPan"`
		}
		if json.Unmarshal([]byte(ns[i].Body), &body) == nil && body.MaskedPAN != "" {
			return octo.MaskPAN(body.MaskedPAN)
		}
	}
	return ""
}
