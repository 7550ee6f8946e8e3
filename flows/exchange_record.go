package flows

import (
	"bytes"
	"encoding/json"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/octo-cashier/octo-cashier/octo"
)

// MaxExchangeBody caps each journaled body: OCTO's biggest answer, the
// payment object, is about 3 KB; an error page or a proxy's HTML is not
// worth more of the journal than that.
const MaxExchangeBody = 8 << 10

// ExchangeRecord is one request to the gateway and its answer as
// journaled: the client's redacted copy (octo.Exchange), bodies capped.
type ExchangeRecord struct {
	At                time.Time // when the request started
	ShopTransactionID string    // the payment (or binding) it was about; "" when none
	PaymentUUID       string    // as the exchange names its payment, when it does
	PaymentID         int64
	Method            string // API method, e.g. "pay"
	HTTPMethod        string
	Path              string // the URL's path
	HTTPStatus        int    // 0: no answer
	Code              int    // OCTO's error code, 0 on success
	Err               string
	Duration          time.Duration
	Attempt           int
	Request           string // redacted JSON, at most MaxExchangeBody
	Response          string // redacted JSON, at most MaxExchangeBody
}

// ExchangeRecordOf is the journal's copy of an exchange: the bodies
// (already redacted by the client) capped at MaxExchangeBody.
func ExchangeRecordOf(x octo.Exchange) ExchangeRecord {
	path := x.URL
	if u, err := url.Parse(x.URL); err == nil {
		path = u.Path
	}
	r := ExchangeRecord{At: x.Started, Method: x.Method, HTTPMethod: x.HTTPMethod, Path: path,
		HTTPStatus: x.HTTPStatus, Code: x.Code, Err: x.Err, Duration: x.Duration, Attempt: x.Attempt,
		Request: string(x.Request), Response: string(x.Response)}
	// The keys come from the whole bodies: a cut one is no longer JSON.
	r.ShopTransactionID, r.PaymentUUID, r.PaymentID = exchangeKeys(r)
	r.Request, r.Response = capBody(x.Request), capBody(x.Response)
	return r
}

// capBody cuts a body to MaxExchangeBody on a character boundary and says
// so; a cut JSON is shown as text (the UI redacts it again by key).
func capBody(b []byte) string {
	const mark = "…(cut)"
	if len(b) <= MaxExchangeBody {
		return string(b)
	}
	n := MaxExchangeBody - len(mark)
	for n > 0 && !utf8.RuneStart(b[n]) {
		n--
	}
	return string(b[:n]) + mark
}

// Journaled is the record as a journal stores it: keyed by its payment
// (found in its bodies when no key is set) and its bodies capped at
// MaxExchangeBody.
func (r ExchangeRecord) Journaled() ExchangeRecord {
	if r.ShopTransactionID == "" && r.PaymentUUID == "" && r.PaymentID == 0 {
		r.ShopTransactionID, r.PaymentUUID, r.PaymentID = exchangeKeys(r)
	}
	r.Request, r.Response = capBody([]byte(r.Request)), capBody([]byte(r.Response))
	return r
}

// exchangeKeys finds what an exchange names its payment by: the
// shop_transaction_id (prepare_payment, its status read, bind_card), the
// payment's UUID (pay/… and verificationInfo/… in the path, set_accept,
// refund, confirm binding) or its numeric id (check_sms_key, check_pan),
// in the request first, then in the answer. prepare_payment's answer links
// the shop_transaction_id to the UUID, pay's answer the UUID to the id.
func exchangeKeys(r ExchangeRecord) (shopTx, uuid string, id int64) {
	for _, p := range []string{"/pay/", "/verificationInfo/"} {
		if i := strings.Index(r.Path, p); i >= 0 {
			if s, err := url.PathUnescape(r.Path[i+len(p):]); err == nil {
				uuid = s
			}
		}
	}
	for _, body := range []string{r.Request, r.Response} {
		m := jsonObject(body)
		if d, ok := m["data"].(map[string]any); ok {
			for k, v := range d {
				if _, seen := m[k]; !seen {
					m[k] = v
				}
			}
		}
		if shopTx == "" {
			shopTx = jsonString(m, "shop_transaction_id")
		}
		if uuid == "" {
			uuid = jsonString(m, "octo_payment_UUID", "paymentUUID", "payment_uuid")
		}
		if id == 0 {
			id, _ = strconv.ParseInt(jsonString(m, "paymentId"), 10, 64)
		}
		if r.Method == "pay" || r.Method == "check_sms_key" { // the answer is the payment: its id and uuid
			if uuid == "" {
				uuid = jsonString(m, "uuid")
			}
			if id == 0 {
				id, _ = strconv.ParseInt(jsonString(m, "id"), 10, 64)
			}
		}
	}
	return shopTx, uuid, id
}

func jsonObject(body string) map[string]any {
	dec := json.NewDecoder(bytes.NewReader([]byte(body)))
	dec.UseNumber()
	var m map[string]any
	if dec.Decode(&m) != nil || m == nil {
		return map[string]any{}
	}
	return m
}

func jsonString(m map[string]any, keys ...string) string {
	for _, k := range keys {
		switch v := m[k].(type) {
		case string:
			if v != "" {
				return v
			}
		case json.Number:
			return v.String()
		}
	}
	return ""
}

// LoggedExchange is a journaled exchange with its place in the journal.
type LoggedExchange struct {
	Seq int64 // the journal's row id: increasing, to read on from where the last read stopped
	ExchangeRecord
}
