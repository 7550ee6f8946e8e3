package flows

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
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

// The table is created by whoever first writes or reads it, not by
// OpenJournal: CREATE … IF NOT EXISTS is a schema lookup, cheap next to a
// batch of inserts or a detail view's reads.
const exchangesSchema = `
CREATE TABLE IF NOT EXISTS exchanges(
	id INTEGER PRIMARY KEY,
	at INTEGER NOT NULL,
	shop_transaction_id TEXT NOT NULL,
	payment_uuid TEXT NOT NULL, payment_id INTEGER NOT NULL,
	method TEXT NOT NULL, http_method TEXT NOT NULL, path TEXT NOT NULL,
	http_status INTEGER NOT NULL, code INTEGER NOT NULL, err TEXT NOT NULL,
	duration_us INTEGER NOT NULL, attempt INTEGER NOT NULL,
	request TEXT NOT NULL, response TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS exchanges_tx ON exchanges(shop_transaction_id, at);
CREATE INDEX IF NOT EXISTS exchanges_uuid ON exchanges(payment_uuid) WHERE payment_uuid <> '' AND shop_transaction_id <> '';
CREATE INDEX IF NOT EXISTS exchanges_id ON exchanges(payment_id) WHERE payment_id <> 0 AND shop_transaction_id <> '';
`

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

// SaveExchanges journals exchanges in one transaction. Each is keyed by its
// payment's shop_transaction_id: named in the body, else found through the
// payment's UUID or numeric id in an earlier exchange that linked them
// (indexed), else in the payments table (the runner journals a payment
// before each call; that read scans, so it comes last: only when the
// linking exchange was not journaled).
func (j *JournalStore) SaveExchanges(ctx context.Context, xs []ExchangeRecord) error {
	if len(xs) == 0 {
		return nil
	}
	tx, err := j.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("flows: journal exchanges: %w", err)
	}
	defer func() { _ = tx.Rollback() }()
	if _, err := tx.ExecContext(ctx, exchangesSchema); err != nil {
		return fmt.Errorf("flows: exchanges table: %w", err)
	}
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO exchanges(at, shop_transaction_id, payment_uuid, payment_id,
		method, http_method, path, http_status, code, err, duration_us, attempt, request, response)
		VALUES(?1, COALESCE(NULLIF(?2, ''),
			(SELECT shop_transaction_id FROM exchanges WHERE ?3 <> '' AND payment_uuid = ?3 AND payment_uuid <> '' AND shop_transaction_id <> '' LIMIT 1),
			(SELECT shop_transaction_id FROM exchanges WHERE ?4 <> 0 AND payment_id = ?4 AND payment_id <> 0 AND shop_transaction_id <> '' LIMIT 1),
			(SELECT shop_transaction_id FROM payments WHERE ?3 <> '' AND payment_uuid = ?3 LIMIT 1),
			(SELECT shop_transaction_id FROM payments WHERE ?4 <> 0 AND payment_id = ?4 LIMIT 1), ''),
		?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)`)
	if err != nil {
		return fmt.Errorf("flows: journal exchanges: %w", err)
	}
	defer func() { _ = stmt.Close() }()
	for _, x := range xs {
		shopTx, uuid, id := x.ShopTransactionID, x.PaymentUUID, x.PaymentID
		if shopTx == "" && uuid == "" && id == 0 {
			shopTx, uuid, id = exchangeKeys(x)
		}
		if _, err := stmt.ExecContext(ctx, x.At.UnixMilli(), shopTx, uuid, id, x.Method, x.HTTPMethod, x.Path,
			x.HTTPStatus, x.Code, x.Err, x.Duration.Microseconds(), x.Attempt,
			capBody([]byte(x.Request)), capBody([]byte(x.Response))); err != nil {
			return fmt.Errorf("flows: journal exchange: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("flows: journal exchanges: %w", err)
	}
	return nil
}

// Exchanges lists the journaled exchanges about one payment, oldest first.
func (j *JournalStore) Exchanges(ctx context.Context, shopTransactionID string) ([]ExchangeRecord, error) {
	if _, err := j.db.ExecContext(ctx, exchangesSchema); err != nil {
		return nil, fmt.Errorf("flows: exchanges table: %w", err)
	}
	rows, err := j.db.QueryContext(ctx, `SELECT at, shop_transaction_id, method, http_method, path, http_status, code,
		err, duration_us, attempt, request, response FROM exchanges WHERE shop_transaction_id = ? ORDER BY at, id`,
		shopTransactionID)
	if err != nil {
		return nil, fmt.Errorf("flows: exchanges: %w", err)
	}
	defer func() { _ = rows.Close() }()
	var out []ExchangeRecord
	for rows.Next() {
		var x ExchangeRecord
		var at, us int64
		if err := rows.Scan(&at, &x.ShopTransactionID, &x.Method, &x.HTTPMethod, &x.Path, &x.HTTPStatus, &x.Code,
			&x.Err, &us, &x.Attempt, &x.Request, &x.Response); err != nil {
			return nil, fmt.Errorf("flows: exchanges scan: %w", err)
		}
		x.At, x.Duration = time.UnixMilli(at), time.Duration(us)*time.Microsecond
		out = append(out, x)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("flows: exchanges: %w", err)
	}
	return out, nil
}
