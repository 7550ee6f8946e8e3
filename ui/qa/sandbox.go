package qa

import (
	"time"

	"github.com/octo-cashier/octo-cashier/ui/common"
)

// SandboxControls is what the QA tools need from the embedded sandbox. It
// is nil when the console talks to OCTO: the inspector still works, the
// other tools say they exist only on the sandbox. main implements it over
// *sandbox.Sandbox.
type SandboxControls interface {
	// Now is the sandbox's virtual clock.
	Now() time.Time
	// Advance moves the clock and returns the deadlines the move passed.
	Advance(d time.Duration) []Expiry
	// Deadlines are the expiries still ahead, soonest first.
	Deadlines() []Expiry
	// Faults are the armed faults; Inject arms one; ClearFaults disarms all.
	Faults() []Fault
	Inject(f Fault)
	ClearFaults()
	// Notifications are the notifications the sandbox sent (or lost on
	// purpose), oldest first, with the answers they got.
	Notifications() []SentNotification
	// Replay sends a notification again as it was and returns the new one.
	Replay(seq int64) (SentNotification, error)
}

// Fault kinds, as the sandbox names them.
const (
	FaultLatency               = "latency"
	FaultError                 = "error"
	FaultDrop                  = "drop"
	FaultLoseNotification      = "lose_notification"
	FaultDuplicateNotification = "duplicate_notification"
)

// Fault is an armed failure of the sandbox: for the next Count calls of
// Method ("" any; the notified status for notification faults), or for a
// share Rate of them until cleared.
type Fault struct {
	Method  string
	Kind    string
	Count   int
	Rate    float64 // a probability in [0,1], not money
	Latency time.Duration
}

// What an Expiry ends.
const (
	ExpiryCode    = "code"
	ExpiryPayment = "payment"
	ExpiryHold    = "hold"
)

// Expiry is a deadline on the sandbox's clock.
type Expiry struct {
	What              string // ExpiryCode, ExpiryPayment or ExpiryHold
	PaymentUUID       string
	ShopTransactionID string
	At                time.Time
}

// SentNotification is one notification the sandbox posted (or lost), with
// the merchant's answer.
type SentNotification struct {
	Seq               int64
	Time              time.Time // the sandbox's clock
	Bind              bool      // to bind_notify_url
	Status            string
	PaymentUUID       string
	ShopTransactionID string
	URL               string
	Body              []byte
	HTTPStatus        int // 0 when nothing came back
	Answer            string
	Attempt           int
	Note              string
}

// sandboxOnly is what a sandbox tool shows on OCTO.
func sandboxOnly(st common.Styles) string {
	return st.Muted.Render(st.T("This tool exists only on the sandbox: OCTO's clock, outcomes and notifications cannot be controlled from here.")) +
		"\n\n" + st.Muted.Render(st.T("The inspector (f3) works on OCTO too."))
}
