package receipt

import (
	"sync"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/ui/i18n"
)

// labels is every word a receipt prints, in one language. Uzbek uses the
// ASCII apostrophe for oʻ and gʻ, as most tills do: it prints everywhere.
// The words are the catalogue's (ui/i18n), in its Receipt context.
type labels struct {
	title    map[Kind]string // the receipt's heading
	headline map[Kind]string // the label of the big amount line
	test     string
	copy     string // a reprint
	// merchantCopy heads the merchant's copy (with OCTO's fee).
	merchantCopy string
	shopID       string
	date         string
	dateLayout   string
	operator     string
	purpose      string
	card         string
	scheme       string
	channel      string // how the customer paid, when on their phone
	phone        string // the customer's phone, on OCTO's page
	amount       string
	charged      string
	released     string
	refunded     string
	fee          string
	transfer     string
	status       string
	holdUntil    string
	shopTxn      string
	octoID       string
	rrn          string
	fiscal       string
	thanks       string
	// A refund receipt: when the payment was paid, what it charged, what
	// earlier refunds gave back, what stays charged (and goes to the shop)
	// after the refund, and the refund's own reference.
	paidOn, paid, refundedBefore, staysCharged, toShopAfter, refundRef string
	// The status of a payment refunded in full or in part.
	refundedFull, partRefunded string
	states                     map[flows.State]string
	inProgress                 string // any state not listed in states
}

// english is every word a receipt prints, in English: the keys of the
// catalogue's receipt words (ui/i18n/receipts.go), which say them in
// Russian and Uzbek.
var english = labels{
	title: map[Kind]string{KindSale: "PAYMENT", KindHold: "HOLD", KindCapture: "CAPTURE",
		KindCancel: "HOLD CANCELED", KindRefund: "REFUND"},
	headline: map[Kind]string{KindSale: "TOTAL", KindHold: "HELD", KindCapture: "CHARGED",
		KindCancel: "RELEASED", KindRefund: "REFUNDED"},
	test:           "TEST - no real money",
	copy:           "COPY",
	merchantCopy:   "MERCHANT COPY",
	paidOn:         "Paid on",
	paid:           "Paid",
	refundedBefore: "Refunded before",
	staysCharged:   "Stays charged",
	toShopAfter:    "To the shop after refunds",
	refundRef:      "Refund reference",
	refundedFull:   "REFUNDED IN FULL",
	partRefunded:   "PART REFUNDED",
	shopID:         "Shop ID",
	date:           "Date",
	dateLayout:     "2006-01-02 15:04",
	operator:       "Cashier",
	purpose:        "For",
	card:           "Card",
	scheme:         "Scheme",
	channel:        "Paid on",
	phone:          "customer's phone (OCTO page)",
	amount:         "Amount",
	charged:        "Charged",
	released:       "Released",
	refunded:       "Refunded in all",
	fee:            "OCTO fee",
	transfer:       "To the shop",
	status:         "Status",
	holdUntil:      "Held until",
	shopTxn:        "Shop transaction",
	octoID:         "OCTO payment",
	rrn:            "RRN",
	fiscal:         "Fiscal receipt",
	thanks:         "Thank you!",
	states: map[flows.State]string{
		flows.Succeeded: "PAID", flows.Declined: "DECLINED", flows.Canceled: "CANCELED",
		flows.Failed: "NOT SENT", flows.Held: "HELD", flows.Resolving: "CHECKING WITH OCTO",
		flows.Refunding: "REFUNDING", flows.Capturing: "CAPTURING", flows.Canceling: "CANCELING",
	},
	inProgress: "IN PROGRESS",
}

// dateLayouts is how a receipt writes a date in each language: day first
// in Russian and Uzbek, as the country's tills do.
var dateLayouts = map[Lang]string{English: "2006-01-02 15:04", Russian: "02.01.2006 15:04", Uzbek: "02.01.2006 15:04"}

// translations holds the labels in Russian and Uzbek, read from the
// catalogue once: its words are all added at init.
var (
	translationsOnce sync.Once
	translations     map[Lang]labels
)

// labelsIn is every word a receipt prints, in l.
func labelsIn(l Lang) labels {
	translationsOnce.Do(func() {
		translations = map[Lang]labels{Russian: translatedLabels(Russian), Uzbek: translatedLabels(Uzbek)}
	})
	if ls, ok := translations[l]; ok {
		return ls
	}
	return english
}

// translatedLabels is english with every word said in l.
func translatedLabels(l Lang) labels {
	t := func(en string) string { return l.TIn(i18n.Receipt, en) }
	e := english
	return labels{
		title:          translated(e.title, t),
		headline:       translated(e.headline, t),
		test:           t(e.test),
		copy:           t(e.copy),
		merchantCopy:   t(e.merchantCopy),
		paidOn:         t(e.paidOn),
		paid:           t(e.paid),
		refundedBefore: t(e.refundedBefore),
		staysCharged:   t(e.staysCharged),
		toShopAfter:    t(e.toShopAfter),
		refundRef:      t(e.refundRef),
		refundedFull:   t(e.refundedFull),
		partRefunded:   t(e.partRefunded),
		shopID:         t(e.shopID),
		date:           t(e.date),
		dateLayout:     dateLayouts[l],
		operator:       t(e.operator),
		purpose:        t(e.purpose),
		card:           t(e.card),
		scheme:         t(e.scheme),
		channel:        l.TIn(i18n.ReceiptChannel, e.channel),
		phone:          t(e.phone),
		amount:         t(e.amount),
		charged:        t(e.charged),
		released:       t(e.released),
		refunded:       t(e.refunded),
		fee:            t(e.fee),
		transfer:       t(e.transfer),
		status:         t(e.status),
		holdUntil:      t(e.holdUntil),
		shopTxn:        t(e.shopTxn),
		octoID:         t(e.octoID),
		rrn:            t(e.rrn),
		fiscal:         t(e.fiscal),
		thanks:         t(e.thanks),
		states:         translated(e.states, t),
		inProgress:     t(e.inProgress),
	}
}

// translated is m with every word put through t.
func translated[K comparable](m map[K]string, t func(string) string) map[K]string {
	out := make(map[K]string, len(m))
	for k, v := range m {
		out[k] = t(v)
	}
	return out
}

// statusText is the payment state in the receipt's language: a captured
// hold says charged, not paid.
func (l labels) statusText(k Kind, s flows.State) string {
	if s == flows.Succeeded && (k == KindCapture || k == KindHold) {
		return l.headline[KindCapture]
	}
	if t, ok := l.states[s]; ok {
		return t
	}
	return l.inProgress
}

// statusText is what the receipt says the payment now is. A refund
// receipt says whether its refund gave everything back; a sale or capture
// refunded since says so, so a payment refunded in full never reads PAID.
func (r Receipt) statusText(l labels) string {
	switch r.Kind {
	case KindRefund:
		if r.staysCharged().IsZero() {
			return l.refundedFull
		}
		return l.partRefunded
	case KindSale, KindCapture:
		if r.Status == flows.Succeeded && r.Refunded.IsPositive() {
			if r.staysCharged().IsZero() {
				return l.refundedFull
			}
			return l.partRefunded
		}
	case KindHold, KindCancel:
	}
	return l.statusText(r.Kind, r.Status)
}
