package octo

import "strings"

// Status is a payment status as OCTO reports it, with the documented
// spellings and aliases folded into one value each (REFERENCE §4.1). An
// unknown status is kept verbatim (lower-cased) and is never final or a
// success: the caller must read the status again to resolve it.
type Status string

// The payment statuses OCTO documents.
const (
	StatusCreated           Status = "created"
	StatusWaitUserAction    Status = "wait_user_action"
	StatusWaitingForCapture Status = "waiting_for_capture"
	StatusSucceeded         Status = "succeeded"
	StatusCanceled          Status = "canceled"
	StatusFailed            Status = "failed"
	StatusPending           Status = "pending"
)

// statusAliases maps every spelling seen in OCTO's pages and in public
// integrations to the one this package uses.
var statusAliases = map[string]Status{
	"created":             StatusCreated,
	"wait_user_action":    StatusWaitUserAction,
	"waiting_user_action": StatusWaitUserAction, // typo in S1 and P-2web
	"waiting_for_capture": StatusWaitingForCapture,
	"succeeded":           StatusSucceeded,
	"success":             StatusSucceeded, // libraries' spelling; production says succeeded
	"capture":             StatusSucceeded, // accept_status echoed as a status (pay-uz fixtures)
	"canceled":            StatusCanceled,
	"cancelled":           StatusCanceled, // iota-uz constants, pay-uz before 4.1
	"cancel":              StatusCanceled, // accept_status echoed as a status
	"failed":              StatusFailed,
	"pending":             StatusPending,
}

// ParseStatus folds s (any case, surrounding space ignored) into a Status.
// Unknown values are returned lower-cased, unchanged otherwise.
func ParseStatus(s string) Status {
	k := strings.ToLower(strings.TrimSpace(s))
	if st, ok := statusAliases[k]; ok {
		return st
	}
	return Status(k)
}

// Known reports whether s is one of the documented statuses.
func (s Status) Known() bool {
	switch s {
	case StatusCreated, StatusWaitUserAction, StatusWaitingForCapture,
		StatusSucceeded, StatusCanceled, StatusFailed, StatusPending:
		return true
	}
	return false
}

// IsFinal reports whether no more money can move on the payment by itself:
// succeeded, canceled or failed. A succeeded payment can still be refunded.
// waiting_for_capture is not final: the hold waits for set_accept.
func (s Status) IsFinal() bool {
	return s == StatusSucceeded || s == StatusCanceled || s == StatusFailed
}

// String returns the status as OCTO spells it.
func (s Status) String() string { return string(s) }

// Method is a payment method: the card scheme family OCTO routes by.
type Method string

// The payment methods OCTO documents.
const (
	MethodUzcard   Method = "uzcard"
	MethodHumo     Method = "humo"
	MethodBankCard Method = "bank_card" // Visa, Mastercard and other international cards
)

// NeedsOTP reports whether payments with this method are confirmed by a
// one-time code through verificationInfo and check_sms_key (Uzcard, Humo);
// bank_card payments go through a 3-D Secure page instead.
func (m Method) NeedsOTP() bool { return m == MethodUzcard || m == MethodHumo }

// TokenStatus is the status of a saved card token (REFERENCE §4.3).
type TokenStatus string

// The card token statuses OCTO documents.
const (
	TokenInit    TokenStatus = "init" // authorizing
	TokenActive  TokenStatus = "active"
	TokenBlocked TokenStatus = "blocked"
	TokenFailed  TokenStatus = "failed"
)

// RefundStatus is the status of one refund (REFERENCE §4.3). Only
// RefundSucceeded means the money went back; "ok" from the old envelope is
// an acknowledgement, not an outcome.
type RefundStatus string

// The refund statuses OCTO documents, and the old envelope's "ok".
const (
	RefundNew       RefundStatus = "new"
	RefundSucceeded RefundStatus = "succeeded"
	RefundPending   RefundStatus = "pending"
	RefundCanceled  RefundStatus = "canceled"
	RefundUnknown   RefundStatus = "unknown"
	RefundError     RefundStatus = "error"
	RefundFailed    RefundStatus = "failed"
	RefundOK        RefundStatus = "ok"
)
