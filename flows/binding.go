package flows

import (
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/octo-cashier/octo-cashier/octo"
)

// BindState is where a card binding is.
type BindState string

// The binding states. BindBound, BindFailed and BindBlocked are final.
const (
	BindDraft       BindState = "draft"          // nothing sent
	BindSending     BindState = "sending"        // bind_card in flight
	BindVerifying   BindState = "verifying"      // verificationInfo in flight
	BindAwaitingOTP BindState = "awaiting_otp"   // the customer's code is needed
	BindConfirming  BindState = "confirming"     // bind_card/check_sms_key in flight
	BindWaiting     BindState = "awaiting_token" // waiting for the bind notification (or the status) to activate the token
	BindBound       BindState = "bound"          // the token is active and saved
	BindBlocking    BindState = "blocking"       // block_card_token in flight
	BindBlocked     BindState = "blocked"        // the token is blocked
	BindFailed      BindState = "failed"         // binding did not complete; nothing saved
)

// Block blocks a bound token.
type Block struct{}

// EventName names the event.
func (Block) EventName() string { return "block" }

// BindOrder is what a binding needs besides the card.
type BindOrder struct {
	ShopTransactionID string // the authorization payment's key; empty: NewShopTransactionID
	Customer          string
	Operator          string
	Phone             string // 12 digits, no "+"; required for Uzcard and Humo
	ReturnURL         string
	NotifyURL         string
	BindNotifyURL     string
}

// Binding tokenizes a card (bind_card, OTP, the token activated by the bind
// notification) and blocks saved tokens. Like Payment it is a value with a
// pure Handle; the card lives only in memory.
type Binding struct {
	State             BindState
	ShopTransactionID string
	Customer          string
	Operator          string
	Method            octo.Method
	Card              string // masked
	PaymentUUID       string
	PayURL            string // the 3-D Secure page for bank cards
	VerifyID          int64
	OTPPhone          string
	OTPDeadline       time.Time
	Token             string
	TokenStatus       octo.TokenStatus
	Problem           Problem

	card    *octo.Card
	order   BindOrder
	pollSeq int
	polls   int
	back    BindState // where a failed journal write returns to (the request was not sent)
	lost    BindState // the request whose answer was lost (BindSending, BindConfirming): its outcome is read, never re-sent
	// restored: rebuilt from the journal after a restart (RestoreBinding);
	// one status read (or a journaled bind notification) decides it.
	restored bool
}

// RestoreBinding rebuilds a binding from its journal record after a
// restart. An unfinished one (bind_card or its code sent, the token
// awaited) comes back restored: feed it Check and one status read of its
// authorization, by its shop_transaction_id, decides where it stands —
// nothing is sent again. Feed it TokenNotified first when a bind
// notification was journaled meanwhile. The card and the code session are
// not in the journal, so a code that was never taken cannot be entered
// any more: such a binding ends failed.
func RestoreBinding(r BindingRecord) Binding {
	b := Binding{State: r.State, ShopTransactionID: r.ShopTransactionID, Customer: r.Customer, Operator: r.Operator,
		Method: r.Method, Card: r.Card, PaymentUUID: r.PaymentUUID, Token: r.Token, Problem: ParseProblem(r.Problem)}
	if b.Token != "" {
		b.TokenStatus = octo.TokenInit
	}
	switch b.State {
	case BindBound:
		b.TokenStatus = octo.TokenActive
	case BindBlocked:
		b.TokenStatus = octo.TokenBlocked
	case BindFailed:
	case BindDraft, BindSending, BindVerifying, BindAwaitingOTP, BindConfirming, BindWaiting, BindBlocking:
		b.restored = true
	}
	return b
}

// NewBinding starts binding card for a customer.
func NewBinding(o BindOrder, card octo.Card) (Binding, error) {
	if card.PAN == "" || card.Exp == "" {
		return Binding{}, errors.New("flows: card number and expiry are required")
	}
	if o.ShopTransactionID == "" {
		o.ShopTransactionID = NewShopTransactionID()
	}
	c := card
	return Binding{State: BindDraft, ShopTransactionID: o.ShopTransactionID, Customer: o.Customer,
		Operator: o.Operator, Method: MethodOf(card.PAN), Card: MaskPAN(card.PAN), card: &c, order: o}, nil
}

// SavedBinding is a saved token as a Binding, to block it.
func SavedBinding(t SavedToken) Binding {
	s := BindBound
	if t.Status == octo.TokenBlocked {
		s = BindBlocked
	}
	return Binding{State: s, Customer: t.Customer, Method: t.Method, Card: t.Card, Token: t.Token, TokenStatus: t.Status}
}

// SavedToken is the binding's token as the journal keeps it.
func (b Binding) SavedToken() SavedToken {
	return SavedToken{Token: b.Token, Customer: b.Customer, Card: b.Card, Method: b.Method, Status: b.TokenStatus}
}

// tokenNotified applies the bind notification: the token is active, or
// it failed.
func (n Binding) tokenNotified(e TokenNotified) (Binding, []Effect, error) {
	if e.Token != "" {
		n.Token = e.Token
	}
	n.TokenStatus = e.Status
	switch e.Status {
	case octo.TokenActive:
		n.State, n.Problem, n.lost, n.restored = BindBound, Problem{}, "", false
		return n, n.journaled(JournalToken{Token: n.SavedToken()}), nil
	case octo.TokenFailed, octo.TokenBlocked:
		n.State, n.Problem, n.lost, n.restored = BindFailed, problem(ProblemBindNotActivated), "", false
		return n, n.journaled(), nil
	case octo.TokenInit:
	}
	return n, nil, nil
}

// reconciled applies the one status read of a binding restored after a
// restart, and journals where it stands. A read that fails leaves the
// journal as it was: the next start reads again.
func (n Binding) reconciled(e StatusAnswered) (Binding, []Effect, error) {
	if e.Seq != n.pollSeq {
		return n, nil, nil
	}
	n.restored = false
	var oe *octo.Error
	if e.Err != nil || e.Info == nil {
		if n.State == BindSending && errors.As(e.Err, &oe) && !errors.Is(e.Err, octo.ErrAuth) &&
			!errors.Is(e.Err, octo.ErrInternal) && !errors.Is(e.Err, octo.ErrTooOften) {
			// OCTO knows no payment by this id: bind_card never arrived.
			n.State, n.Problem = BindFailed, problem(ProblemBindNeverReceived)
			return n, n.journaled(), nil
		}
		n.Problem = problem(ProblemCheckFailed, refusal(e.Err, "saved"))
		return n, nil, nil
	}
	in := e.Info
	if n.PaymentUUID == "" {
		n.PaymentUUID = in.PaymentUUID
	}
	switch in.Status {
	case octo.StatusFailed:
		n.State, n.Problem = BindFailed, problem(ProblemBindDeclined)
		return n, n.journaled(), nil
	case octo.StatusSucceeded, octo.StatusCanceled:
		// The authorization is over (debited and reversed), as for a lost
		// answer during the binding: bound if the token is known, else
		// its bind notification is awaited — once. Restored already
		// waiting for it (an earlier start found the same, or the answer
		// lost during the binding was read so), the
		// notification is not coming (the console was down when OCTO sent
		// it, or the authorization expired unused): said, and no read at
		// every start for good.
		if n.Token != "" {
			n.State, n.TokenStatus, n.Problem = BindBound, octo.TokenActive, Problem{}
			return n, n.journaled(JournalToken{Token: n.SavedToken()}), nil
		}
		if n.State == BindWaiting && n.Problem.Is(ProblemBindAwaitingToken) {
			n.State, n.Problem = BindFailed, problem(ProblemBindNeverSaid)
			return n, n.journaled(), nil
		}
		n.State, n.Problem = BindWaiting, problem(ProblemBindAwaitingToken)
		return n, n.journaled(), nil
	case octo.StatusWaitingForCapture, octo.StatusPending:
		// The code may have been taken: OCTO is still at work on the card.
		// Binding again would put a second authorization on it.
		n.State, n.Problem = BindWaiting, problem(ProblemBindStillWorking, Words(string(in.Status)))
		return n, n.journaled(), nil
	case octo.StatusCreated, octo.StatusWaitUserAction:
	}
	if n.Method.NeedsOTP() {
		// The authorization waits for a code this console can no longer
		// take (the code session and the card were never stored): it is
		// never completed, and OCTO expires it.
		n.State, n.Problem = BindFailed, problem(ProblemBindRestarted)
		return n, n.journaled(), nil
	}
	// A bank card: the customer may still finish 3-D Secure on OCTO's page.
	n.State, n.Problem = BindWaiting, problem(ProblemBindWaitingPayment, Words(string(in.Status)))
	return n, n.journaled(), nil
}

// msgAwaitingToken is a binding whose authorization is over, its token not
// yet known: the bind notification is awaited.
const msgAwaitingToken = "OCTO took the card — waiting for it to be activated"

// wait moves to BindWaiting, journals it, and reads the authorization's
// status after a pause.
func (b Binding) wait(after time.Duration) (Binding, []Effect, error) {
	b.State = BindWaiting
	b, effs, _ := b.poll(after)
	return b, b.journaled(effs...), nil
}

// poll reads the authorization's status again, without a journal write.
func (b Binding) poll(after time.Duration) (Binding, []Effect, error) {
	b.pollSeq++
	return b, []Effect{ReadStatus{ShopTransactionID: b.ShopTransactionID, After: after, Seq: b.pollSeq}}, nil
}

// journaled puts the binding's journal write before effs. A saved token
// being blocked has no binding attempt of its own: its tokens row is its record.
func (b Binding) journaled(effs ...Effect) []Effect {
	if b.ShopTransactionID == "" {
		return effs
	}
	return append([]Effect{JournalBinding{Record: b.Record()}}, effs...)
}

// resolved applies a status read made because the answer to bind_card or
// to its code was lost. Until the read says what happened the binding
// waits: it never sends the card or the code again, and never tells the
// cashier to bind again while an authorization may be under way.
func (n Binding) resolved(e StatusAnswered) (Binding, []Effect, error) {
	var oe *octo.Error
	if e.Err != nil || e.Info == nil {
		if n.lost == BindSending && errors.As(e.Err, &oe) && !errors.Is(e.Err, octo.ErrAuth) &&
			!errors.Is(e.Err, octo.ErrInternal) && !errors.Is(e.Err, octo.ErrTooOften) {
			// OCTO knows no payment by this id: bind_card never arrived.
			n.State, n.lost, n.Problem = BindFailed, "", problem(ProblemBindNeverReceived)
			return n, n.journaled(), nil
		}
		return n.poll(backoff(n.polls))
	}
	in := e.Info
	if n.PaymentUUID == "" {
		n.PaymentUUID = in.PaymentUUID
	}
	switch in.Status {
	case octo.StatusFailed:
		n.State, n.lost, n.Problem = BindFailed, "", problem(ProblemBindDeclined)
		return n, n.journaled(), nil
	case octo.StatusSucceeded, octo.StatusCanceled:
		// The authorization is over (debited and reversed): the token
		// arrives with the bind notification.
		n.lost, n.Problem = "", problem(ProblemBindAwaitingToken)
		if n.Token != "" {
			n.State, n.TokenStatus, n.Problem = BindBound, octo.TokenActive, Problem{}
			return n, n.journaled(JournalToken{Token: n.SavedToken()}), nil
		}
		return n.wait(backoff(n.polls))
	case octo.StatusCreated, octo.StatusWaitUserAction, octo.StatusWaitingForCapture, octo.StatusPending:
	}
	if n.Method.NeedsOTP() && n.PaymentUUID != "" && (n.lost == BindSending || n.polls >= checkGrace) {
		// The authorization waits for the customer's code: bind_card
		// arrived (and OCTO sent the code), or the code was not taken.
		// Ask for the code session; nothing is sent again.
		if n.lost == BindConfirming {
			n.Problem = problem(ProblemCodeNotTaken)
		} else {
			n.Problem = Problem{}
		}
		n.State, n.lost = BindVerifying, ""
		return n, []Effect{CallVerificationInfo{PaymentUUID: n.PaymentUUID}}, nil
	}
	return n.poll(backoff(n.polls))
}

func (b *Binding) absorb(x *octo.Binding) {
	if x.PaymentUUID != "" {
		b.PaymentUUID = x.PaymentUUID
	}
	if x.PayURL != "" {
		b.PayURL = x.PayURL
	}
	if x.CardToken != "" {
		b.Token = x.CardToken
		if b.TokenStatus == "" {
			b.TokenStatus = octo.TokenInit
		}
	}
	if m := mask64(x.First6, x.Last4); m != "" {
		b.Card = m
	}
}

// Can reports whether Handle would accept ev now.
func (b Binding) Can(ev Event) bool {
	_, _, err := b.Handle(ev)
	return err == nil
}

// Needs says what the binding waits for.
func (b Binding) Needs() Input {
	switch b.State {
	case BindDraft:
		return NeedStart
	case BindAwaitingOTP:
		return NeedOTP
	case BindWaiting:
		if b.PayURL != "" && !b.Method.NeedsOTP() {
			return NeedCustomer
		}
	case BindSending, BindVerifying, BindConfirming, BindBound, BindBlocking, BindBlocked, BindFailed:
	}
	return NeedNothing
}

// Allowed lists the cashier's actions that make sense now.
func (b Binding) Allowed() []Action {
	switch b.State {
	case BindDraft:
		return []Action{ActStart}
	case BindAwaitingOTP:
		return []Action{ActSubmitCode, ActNew}
	case BindWaiting:
		if b.Needs() == NeedCustomer {
			return []Action{ActOpen3DS, ActCheck}
		}
		return []Action{ActCheck}
	case BindBound:
		return []Action{ActBlock, ActNew}
	case BindBlocked, BindFailed:
		return []Action{ActNew}
	case BindSending, BindVerifying, BindConfirming, BindBlocking:
	}
	return nil
}

// Final reports whether the binding is over.
func (b Binding) Final() bool {
	return b.State == BindBound || b.State == BindBlocked || b.State == BindFailed
}

// OTPSecondsLeft is the binding code's remaining lifetime at now, rounded up.
func (b Binding) OTPSecondsLeft(now time.Time) int {
	if b.OTPDeadline.IsZero() || !now.Before(b.OTPDeadline) {
		return 0
	}
	return int(math.Ceil(b.OTPDeadline.Sub(now).Seconds()))
}

// String shows the binding without card data.
func (b Binding) String() string {
	return fmt.Sprintf("binding %s %s %s", b.ShopTransactionID, b.State, b.Card)
}

// GoString is String.
func (b Binding) GoString() string { return b.String() }
