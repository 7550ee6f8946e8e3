package sandbox

import (
	"bytes"
	"encoding/json"
	"strconv"
	"sync"

	"github.com/shopspring/decimal"
)

// The payment object is the bulk of pay's and check_sms_key's answers, and
// encoding/json walked its sixty fields by reflection for each: the largest
// cost left in the sandbox's own code under load. okPayment writes the
// answer by hand, byte for byte what marshal(okEnvelope{Data: o}) gives;
// TestOKPaymentMatchesMarshal fills every field (a field added to the
// struct but not here fails it) and holds the two to the same bytes.

// okPayment is OCTO's success envelope around a payment object. It is
// written into a pooled buffer and copied out at its size: the event log
// keeps the answer, and a buffer grown to fit would keep its slack.
func okPayment(o *paymentObject) []byte {
	scratch := answerBufs.Get().(*[]byte)
	w := objWriter{b: (*scratch)[:0]}
	w.b = append(w.b, `{"error":0,"errMessage":"","data":`...)
	w.payment(o)
	w.b = append(w.b, '}')
	out := bytes.Clone(w.b)
	if w.err != nil {
		out = internalErrorAnswer() // as marshal answers: never null inside a success
	}
	if cap(w.b) <= 64<<10 { // a basket of a megabyte is not kept for the next answer
		*scratch = w.b
		answerBufs.Put(scratch)
	}
	return out
}

var answerBufs = sync.Pool{New: func() any { b := make([]byte, 0, 4096); return &b }}

// objWriter appends a JSON object's members.
type objWriter struct {
	err   error // the first value encoding/json refused
	b     []byte
	first bool
}

func (w *objWriter) open()  { w.b, w.first = append(w.b, '{'), true }
func (w *objWriter) close() { w.b, w.first = append(w.b, '}'), false }

func (w *objWriter) key(k string) {
	if !w.first {
		w.b = append(w.b, ',')
	}
	w.first = false
	w.b = append(append(append(w.b, '"'), k...), `":`...)
}

// str writes s as encoding/json would, escaping for HTML included.
func (w *objWriter) str(k, s string) {
	w.key(k)
	w.b = appendString(w.b, s)
}

func appendString(b []byte, s string) []byte {
	if plain(s) {
		return append(append(append(b, '"'), s...), '"')
	}
	q, _ := json.Marshal(s) // a string always marshals
	return append(b, q...)
}

func (w *objWriter) strp(k string, s *string) {
	if s == nil {
		w.null(k)
		return
	}
	w.str(k, *s)
}

func (w *objWriter) num(k string, n int64) {
	w.key(k)
	w.b = strconv.AppendInt(w.b, n, 10)
}

func (w *objWriter) nump(k string, n *int64) {
	if n == nil {
		w.null(k)
		return
	}
	w.num(k, *n)
}

func (w *objWriter) flag(k string, v bool) {
	w.key(k)
	w.b = strconv.AppendBool(w.b, v)
}

func (w *objWriter) null(k string) {
	w.key(k)
	w.b = append(w.b, "null"...)
}

func (w *objWriter) amount(k string, a amount2) {
	w.key(k)
	w.b = appendFixed(w.b, decimal.Decimal(a), 2)
}

func (w *objWriter) amount4p(k string, a *amount4) {
	if a == nil {
		w.null(k)
		return
	}
	w.key(k)
	w.b = appendFixed(w.b, decimal.Decimal(*a), 4)
}

// value writes what is rare in the load (the basket, the customer, the
// fiscal details, the payment methods) through encoding/json; a nil v is
// null. A value it refuses turns the whole answer into OCTO's internal
// error (okPayment), never a null inside a success.
func value[T any](w *objWriter, k string, v T, isNil bool) {
	if isNil {
		w.null(k)
		return
	}
	b, err := json.Marshal(v)
	if err != nil && w.err == nil {
		w.err = err
	}
	w.key(k)
	w.b = append(w.b, b...)
}

// flagp writes a flag the object may not have.
func (w *objWriter) flagp(k string, v *bool) {
	if v == nil {
		w.null(k)
		return
	}
	w.flag(k, *v)
}

func (w *objWriter) payment(o *paymentObject) {
	w.open()
	w.num("id", o.ID)
	w.str("uuid", o.UUID)
	w.strp("processorKey", o.ProcessorKey)
	w.num("merchantId", o.MerchantID)
	w.strp("merchant", o.Merchant)
	w.str("merchantTransId", o.MerchantTransID)
	w.amount("initialSum", o.InitialSum)
	w.amount("totalSum", o.TotalSum)
	w.amount("splittedSum", o.SplittedSum)
	w.str("currency", o.Currency)
	w.strp("convertSum", o.ConvertSum)
	w.strp("convertRate", o.ConvertRate)
	w.strp("convertCurrency", o.ConvertCurrency)
	w.strp("selectedMethod", o.SelectedMethod)
	w.num("createTime", o.CreateTime)
	w.num("expireTime", o.ExpireTime)
	w.nump("peyedTime", o.PeyedTime)
	w.nump("expiredHoldTime", o.ExpiredHoldTime)
	w.num("merCreateTime", o.MerCreateTime)
	w.str("description", o.Description)
	w.flag("autoCapture", o.AutoCapture)
	w.flag("withoutSite", o.WithoutSite)
	w.flag("isTest", o.IsTest)
	w.flag("refundLocked", o.RefundLocked)
	w.str("returnUrl", o.ReturnURL)
	w.str("redirectUrl", o.RedirectURL)
	w.details(o.Details)
	w.strp("hold", o.Hold)
	value(w, "payMethods", o.PayMethods, o.PayMethods == nil)
	w.str("status", o.Status)
	value(w, "basket", o.Basket, o.Basket == nil)
	value(w, "user", o.User, o.User == nil)
	w.strp("airline", o.Airline)
	w.str("language", o.Language)
	w.num("tariffId", int64(o.TariffID))
	w.amount4p("fee", o.Fee)
	w.amount4p("transferSum", o.TransferSum)
	w.amount("refundedSum", o.RefundedSum)
	w.strp("provCode", o.ProvCode)
	w.strp("optionalData", o.OptionalData)
	w.flag("forConsideration", o.ForConsideration)
	w.num("riskLevel", int64(o.RiskLevel))
	w.nump("auditedAt", o.AuditedAt)
	w.nump("auditorId", o.AuditorID)
	w.str("bankCode", o.BankCode)
	w.strp("merchantCardId", o.MerchantCardID)
	w.strp("processingReference", o.ProcessingReference)
	w.strp("requestProcessingStatus", o.RequestProcessingStatus)
	w.num("requestProcessingTryCount", int64(o.RequestProcessingTryCount))
	w.strp("currentStep", o.CurrentStep)
	w.str("tag", o.Tag)
	w.nump("tspId", o.TSPID)
	w.str("cardInputType", o.CardInputType)
	w.nump("redirectTimeout", o.RedirectTimeout)
	w.strp("merchantStatus", o.MerchantStatus)
	value(w, "fiscalDetails", o.FiscalDetails, o.FiscalDetails == nil)
	w.flagp("showButtonSaveCard", o.ShowButtonSaveCard)
	w.flag("test", o.Test)
	w.close()
}

func (w *objWriter) details(d *paymentDetails) {
	if d == nil {
		w.null("details")
		return
	}
	w.key("details")
	w.open()
	if c := d.CardInfo; c != nil {
		w.key("cardInfo")
		w.open()
		w.str("first6", c.First6)
		w.str("last4", c.Last4)
		w.str("issuerCountryCode", c.IssuerCountryCode)
		w.str("cardHolder", c.CardHolder)
		w.strp("saveToken", c.SaveToken)
		w.close()
	}
	w.str("transType", d.TransType)
	if d.Commission != "" {
		w.str("commission", d.Commission)
	}
	if d.CardType != "" {
		w.str("cardType", d.CardType)
	}
	w.close()
}
