package octo

import (
	"errors"
	"fmt"
	"strings"
)

// Error is OCTO's answer with a non-zero `error` code: a business refusal.
// The request reached OCTO and was answered; nothing is in doubt.
type Error struct {
	Method     string // the API method, e.g. "set_accept"
	Code       int    // OCTO's `error` value
	Message    string // errMessage, else the deprecated errorMessage
	HTTPStatus int    // usually 200: OCTO answers business errors with 200
}

// Codes callers branch on (REFERENCE §6.2). The same number can mean other
// things in other methods (3 is an invalid amount only for refunds), so the
// raw code is always kept on the Error.
const (
	CodeFormat         = 1   // data format error
	CodeAuth           = 2   // authorization error, "Wrong secret"
	CodeRefundAmount   = 3   // invalid refund amount (refund only)
	CodeInternal       = 4   // internal service error
	CodeTokenNotFound  = 5   // card token not found
	CodeTokenNotActive = 6   // card token is not active
	CodeTooOften       = 11  // a guess (pay-uz); the message is what identifies it
	CodeResendLimit    = 17  // maximum number of SMS resend attempts
	CodeFiscal         = 403 // the basket's fiscal object is not registered for the shop (prepare_payment)
)

// Sentinel errors for errors.Is; an *Error matches the sentinel of its code.
var (
	ErrFormat         = errors.New("octo: data format error")
	ErrAuth           = errors.New("octo: wrong shop id or secret")
	ErrRefundAmount   = errors.New("octo: invalid refund amount")
	ErrInternal       = errors.New("octo: internal service error")
	ErrTokenNotFound  = errors.New("octo: card token not found")
	ErrTokenNotActive = errors.New("octo: card token is not active")
	ErrResendLimit    = errors.New("octo: one-time code resend limit reached")
	ErrTooOften       = errors.New("octo: requests too often")
	// ErrFiscalNotRegistered: OCTO does not know the basket's combination
	// of spic, package_code, nds and inn/pinfl for this shop (P-fiscal).
	ErrFiscalNotRegistered = errors.New("octo: the fiscal codes are not registered with OCTO for this shop")
)

// Error reads like "set_accept: error 2: Wrong secret".
func (e *Error) Error() string {
	msg := e.Message
	if msg == "" {
		msg = "no message"
	}
	return fmt.Sprintf("%s: error %d: %s", e.Method, e.Code, msg)
}

// TooOften reports whether OCTO refused a status read for coming less than a
// second after the previous one. OCTO's numeric code for it is not
// documented, so the message decides.
func (e *Error) TooOften() bool {
	return e.Code == CodeTooOften || strings.Contains(strings.ToLower(e.Message), "too often")
}

// Is lets errors.Is(err, octo.ErrAuth) and the like match by code.
func (e *Error) Is(target error) bool {
	switch target {
	case ErrFormat:
		return e.Code == CodeFormat
	case ErrAuth:
		return e.Code == CodeAuth
	case ErrRefundAmount:
		return e.Code == CodeRefundAmount && e.Method == "refund"
	case ErrInternal:
		return e.Code == CodeInternal
	case ErrTokenNotFound:
		return e.Code == CodeTokenNotFound
	case ErrTokenNotActive:
		return e.Code == CodeTokenNotActive
	case ErrResendLimit:
		return e.Code == CodeResendLimit
	case ErrTooOften:
		return e.TooOften()
	case ErrFiscalNotRegistered:
		return e.Code == CodeFiscal
	}
	return false
}

// TransportError is a failure to get an answer from OCTO: no connection, a
// timeout, a dropped connection, an HTTP status OCTO does not use for
// business errors, or a body that is not OCTO's JSON.
//
// Sent says whether the request may have reached OCTO. When Sent is false
// the request certainly did not leave (dial failed, context canceled before
// sending) and may be sent again. When Sent is true the outcome is unknown:
// a charge, capture or refund may have happened, and the caller must read
// the status instead of sending it again.
type TransportError struct {
	Method     string
	Sent       bool
	HTTPStatus int // 0 when no HTTP answer arrived
	Err        error
}

func (e *TransportError) Error() string {
	what := "not sent"
	if e.Sent {
		what = "sent, answer lost"
	}
	if e.HTTPStatus != 0 {
		what = fmt.Sprintf("HTTP %d", e.HTTPStatus)
	}
	return fmt.Sprintf("%s: %s: %v", e.Method, what, e.Err)
}

func (e *TransportError) Unwrap() error { return e.Err }

// MayHaveReached reports whether err leaves the outcome of a request unknown:
// it is a TransportError with Sent set. An *Error (OCTO answered) and a
// request that never left both return false.
func MayHaveReached(err error) bool {
	var te *TransportError
	return errors.As(err, &te) && te.Sent
}
