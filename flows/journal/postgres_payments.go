package journal

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/shopspring/decimal"
)

// channelOfRecord is the report channel of a payment, as channelOf says it in SQL.
func channelOfRecord(r flows.Record) string {
	switch {
	case r.Hosted:
		return flows.ChannelPhone
	case r.CardToken != "":
		return flows.ChannelToken
	case r.Method == octo.MethodBankCard && strings.HasPrefix(r.Card, "4"):
		return flows.ChannelVisa
	case r.Method == octo.MethodBankCard && (strings.HasPrefix(r.Card, "2") || strings.HasPrefix(r.Card, "5")):
		return flows.ChannelMastercard
	}
	return string(r.Method)
}

// requestStates are the states a payment is journaled in just before a
// request that acts on an existing payment (capture, cancel, refund): a
// write into one of them must start from the state the journal holds, or
// another counter has acted first.
func requestState(s flows.State) bool {
	return s == flows.Capturing || s == flows.Canceling || s == flows.Refunding
}

// ledgerRow is what Write reads of a payment already journaled, under its lock.
type ledgerRow struct {
	state, acting, channel, bucket, shiftCounter, pendingRefundID string
	bucketAmount, released, refunded, fee                         decimal.Decimal
	shift                                                         int64
}

// Write stores the payment's record and appends its transition in one
// transaction, and books the movement in the shift ledger of this
// counter's open shift (the rules of sqlite_ledger.go, kept here in Go instead of
// triggers). The payment is locked first (pg_advisory_xact_lock on its id,
// then its row FOR UPDATE), so a notification being applied or another
// counter writing waits for this write. A write into a request state
// (capture, cancel, refund) that does not start from the journal's state
// is refused with a *PaymentBusyError: another counter acted first, and
// nothing is sent.
func (j *Postgres) Write(ctx context.Context, e flows.Journal, at time.Time) error {
	r := e.Record
	if r.ShopTransactionID == "" {
		return errors.New("flows: journal: record without shop_transaction_id")
	}
	t := e.Transition
	sending := requestState(t.To) && t.From != t.To
	if sending {
		ok, err := j.inflight.take(ctx, r.ShopTransactionID)
		if err != nil {
			return fmt.Errorf("flows: journal: %w", err)
		}
		if !ok {
			return j.busy(ctx, r.ShopTransactionID)
		}
	}
	err := j.inTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, r.ShopTransactionID); err != nil {
			return fmt.Errorf("payment lock: %w", err)
		}
		old, found, err := readLedgerRow(ctx, tx, r.ShopTransactionID)
		if err != nil {
			return err
		}
		if found && requestState(t.To) && t.From != "" && flows.State(old.state) != t.From {
			return &PaymentBusyError{ShopTransactionID: r.ShopTransactionID, Counter: old.acting, State: flows.State(old.state)}
		}
		if found && requestState(flows.State(old.state)) && old.acting != j.counter {
			// Another counter's request is out: only if that counter died
			// (its lock went with its connection) may this one write over
			// it (recover it, apply a notification to it).
			free, err := j.inflight.free(ctx, r.ShopTransactionID)
			if err != nil {
				return err
			}
			if !free {
				return &PaymentBusyError{ShopTransactionID: r.ShopTransactionID, Counter: old.acting, State: flows.State(old.state)}
			}
		}
		open, err := openShiftNo(ctx, tx, j.counter)
		if err != nil {
			return err
		}
		if err := j.upsertPayment(ctx, tx, r, at, old, found, open); err != nil {
			return err
		}
		if err := j.journalMovements(ctx, tx, r, at, old, found, open); err != nil {
			return err
		}
		if t.ShopTransactionID == "" {
			t.ShopTransactionID = r.ShopTransactionID
		}
		if t.At.IsZero() {
			t.At = at
		}
		_, err = tx.Exec(ctx, `INSERT INTO transitions(shop_transaction_id, counter, at, from_state, to_state, event, note)
			VALUES($1,$2,$3,$4,$5,$6,$7)`, t.ShopTransactionID, j.counter, t.At, string(t.From), string(t.To), t.Event, t.Note)
		return err
	})
	switch {
	case sending && err != nil: // never journaled, so never sent
		j.inflight.release(r.ShopTransactionID)
	case err == nil && requestState(t.From) && !requestState(t.To): // the request's answer
		j.inflight.release(r.ShopTransactionID)
	}
	if err != nil {
		var busy *PaymentBusyError
		if errors.As(err, &busy) {
			return busy
		}
		return fmt.Errorf("flows: journal: %w", err)
	}
	return nil
}

// busy is the refusal for a payment whose request lock another session
// holds: the holder is the counter named in that session's
// application_name (see OpenPostgres), else the payment's last writer.
func (j *Postgres) busy(ctx context.Context, id string) error {
	e := &PaymentBusyError{ShopTransactionID: id}
	var state string
	var holder *string
	if err := j.pool.QueryRow(ctx, `SELECT p.acting_counter, p.state,
		(SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
			WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
			AND ((l.classid::bigint << 32) | l.objid::bigint) = hashtextextended($1, 1) LIMIT 1)
		FROM payments p WHERE p.shop_transaction_id = $1`, id).Scan(&e.Counter, &state, &holder); err != nil {
		return fmt.Errorf("flows: journal: payment %s has a request out elsewhere: %w", id, err)
	}
	if holder != nil && strings.HasPrefix(*holder, appNamePrefix) {
		e.Counter = strings.TrimPrefix(*holder, appNamePrefix)
	}
	e.State = flows.State(state)
	return e
}

func readLedgerRow(ctx context.Context, tx pgx.Tx, id string) (ledgerRow, bool, error) {
	var o ledgerRow
	var bamt, rel, ref, fee string
	err := tx.QueryRow(ctx, `SELECT state, acting_counter, channel, bucket, shift_counter, shift,
		bucket_amount::text, released::text, refunded::text, fee::text, pending_refund_id
		FROM payments WHERE shop_transaction_id = $1 FOR UPDATE`, id).
		Scan(&o.state, &o.acting, &o.channel, &o.bucket, &o.shiftCounter, &o.shift, &bamt, &rel, &ref, &fee, &o.pendingRefundID)
	if errors.Is(err, pgx.ErrNoRows) {
		return ledgerRow{}, false, nil
	}
	if err != nil {
		return ledgerRow{}, false, fmt.Errorf("payment row: %w", err)
	}
	var errs [4]error
	o.bucketAmount, errs[0] = numOf(bamt)
	o.released, errs[1] = numOf(rel)
	o.refunded, errs[2] = numOf(ref)
	o.fee, errs[3] = numOf(fee)
	if err := errors.Join(errs[:]...); err != nil {
		return ledgerRow{}, false, fmt.Errorf("payment row amount: %w", err)
	}
	return o, true, nil
}

// openShiftNo is the counter's open shift, locked FOR SHARE so that a Z
// report closing it waits for this write (and this write for it). A shift
// closed while the statement waited is not returned; the new one is read
// again.
func openShiftNo(ctx context.Context, tx pgx.Tx, counter string) (int64, error) {
	for range 3 {
		var no int64
		err := tx.QueryRow(ctx, `SELECT no FROM shifts WHERE counter = $1 AND closed IS NULL ORDER BY no DESC LIMIT 1 FOR SHARE`,
			counter).Scan(&no)
		if err == nil {
			return no, nil
		}
		if !errors.Is(err, pgx.ErrNoRows) {
			return 0, fmt.Errorf("open shift: %w", err)
		}
	}
	return 0, fmt.Errorf("open shift: counter %s has none", counter)
}

// releasedOf is the money a payment gave back by a partial capture (a
// canceled hold's release is its canceled bucket, not counted twice).
func releasedOf(bucket string, released decimal.Decimal) decimal.Decimal {
	if bucket == flows.BucketCanceled {
		return decimal.Zero
	}
	return released
}

func sign(d decimal.Decimal) int64 { return int64(d.Sign()) }

func (j *Postgres) upsertPayment(ctx context.Context, tx pgx.Tx, r flows.Record, at time.Time, old ledgerRow, found bool, open int64) error {
	bucket, bminor := bucketOf(r)
	bamt := major(bminor)
	channel := channelOfRecord(r)
	shiftCounter, shift := j.counter, open
	moved := !found || old.bucket != bucket || !old.bucketAmount.Equal(bamt) || old.channel != channel
	if !moved {
		shiftCounter, shift = old.shiftCounter, old.shift
	}
	_, err := tx.Exec(ctx, `INSERT INTO payments(shop_transaction_id, counter, acting_counter, kind, method, state, currency,
		amount, captured, released, refunded, fee, transfer, card, last4, card_token, customer, operator, description,
		payment_uuid, payment_id, octo_status, test, held, hold_expires, pending_refund_id, pending_refund, capturing,
		problem, created, updated, shift_counter, shift, channel, bucket, bucket_amount, hosted,
		pay_url, pay_expires)
		VALUES($1,$2,$2,$3,$4,$5,$6, $7,$8,$9,$10,$11,$12, $13,$14,$15,$16,$17,$18, $19,$20,$21,$22,$23,$24,$25,$26,$27,
			$28,$29,$29,$30,$31,$32,$33,$34,$35,$36,$37)
		ON CONFLICT(shop_transaction_id) DO UPDATE SET acting_counter=excluded.acting_counter, kind=excluded.kind,
		method=excluded.method, state=excluded.state, currency=excluded.currency, amount=excluded.amount,
		captured=excluded.captured, released=excluded.released, refunded=excluded.refunded, fee=excluded.fee,
		transfer=excluded.transfer, card=excluded.card, last4=excluded.last4, card_token=excluded.card_token,
		customer=excluded.customer, operator=excluded.operator, description=excluded.description,
		payment_uuid=excluded.payment_uuid, payment_id=excluded.payment_id, octo_status=excluded.octo_status,
		test=excluded.test, held=excluded.held, hold_expires=excluded.hold_expires,
		pending_refund_id=excluded.pending_refund_id, pending_refund=excluded.pending_refund,
		capturing=excluded.capturing, problem=excluded.problem, updated=excluded.updated,
		shift_counter=excluded.shift_counter, shift=excluded.shift, channel=excluded.channel,
		bucket=excluded.bucket, bucket_amount=excluded.bucket_amount, hosted=excluded.hosted,
		pay_url=excluded.pay_url, pay_expires=excluded.pay_expires`,
		r.ShopTransactionID, j.counter, string(r.Kind), string(r.Method), string(r.State), r.Currency,
		numText(r.Amount), numText(r.Captured), numText(r.Released), numText(r.Refunded), numText(r.Fee), numText(r.Transfer),
		r.Card, r.Last4(), r.CardToken, r.Customer, r.Operator, r.Description,
		r.PaymentUUID, r.PaymentID, string(r.OCTOStatus), r.Test, r.Held, tsOrNil(r.HoldExpires),
		r.PendingRefundID, numText(r.PendingRefund), numText(r.Capturing), r.Problem, at,
		shiftCounter, shift, channel, bucket, numText(bamt), r.Hosted, r.PayURL, tsOrNil(r.PayExpires))
	if err != nil {
		return fmt.Errorf("payment: %w", err)
	}
	relNew := releasedOf(bucket, major(minor(r.Released)))
	refNew := major(minor(r.Refunded))
	if !found {
		return book(ctx, tx, j.counter, open, channel, bucket, 1, bamt, relNew, sign(relNew), refNew, sign(refNew))
	}
	if moved {
		// The bucket it leaves is taken back from the shift it was booked
		// in while that shift is open, whichever counter's it is (a hold
		// placed at A and captured at B is no longer held in A's report);
		// a closed shift keeps what its Z said.
		stillOpen, err := shiftOpen(ctx, tx, old.shiftCounter, old.shift)
		if err != nil {
			return err
		}
		if stillOpen {
			if err := book(ctx, tx, old.shiftCounter, old.shift, old.channel, old.bucket, -1, old.bucketAmount.Neg(),
				decimal.Zero, 0, decimal.Zero, 0); err != nil {
				return err
			}
		}
		if err := book(ctx, tx, j.counter, open, channel, bucket, 1, bamt, decimal.Zero, 0, decimal.Zero, 0); err != nil {
			return err
		}
	}
	relOld := releasedOf(old.bucket, old.released)
	if !relOld.Equal(relNew) || !old.refunded.Equal(refNew) {
		dRel, dRef := relNew.Sub(relOld), refNew.Sub(old.refunded)
		return book(ctx, tx, j.counter, open, channel, bucket, 0, decimal.Zero, dRel, sign(dRel), dRef, sign(dRef))
	}
	return nil
}

// shiftOpen says whether a counter's shift is open, locking it FOR SHARE
// so that its Z report waits for this write.
func shiftOpen(ctx context.Context, tx pgx.Tx, counter string, no int64) (bool, error) {
	var open bool
	if err := tx.QueryRow(ctx, `SELECT closed IS NULL FROM shifts WHERE counter = $1 AND no = $2 FOR SHARE`, counter, no).
		Scan(&open); err != nil {
		return false, fmt.Errorf("shift %s/%d: %w", counter, no, err)
	}
	return open, nil
}

// book adds a movement to a counter's ledger line of shift, channel and bucket.
func book(ctx context.Context, tx pgx.Tx, counter string, shift int64, channel, bucket string, count int64,
	amount, released decimal.Decimal, releases int64, refunded decimal.Decimal, refunds int64) error {
	_, err := tx.Exec(ctx, `INSERT INTO shift_ledger(counter, shift, channel, bucket, count, amount, released, releases, refunded, refunds)
		VALUES($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)
		ON CONFLICT(counter, shift, channel, bucket) DO UPDATE SET count = shift_ledger.count + excluded.count,
			amount = shift_ledger.amount + excluded.amount, released = shift_ledger.released + excluded.released,
			releases = shift_ledger.releases + excluded.releases, refunded = shift_ledger.refunded + excluded.refunded,
			refunds = shift_ledger.refunds + excluded.refunds`,
		counter, shift, channel, bucket, count, numText(amount), numText(released), releases, numText(refunded), refunds)
	if err != nil {
		return fmt.Errorf("shift ledger: %w", err)
	}
	return nil
}

const pgRecordCols = `shop_transaction_id, kind, method, state, currency, amount::text, captured::text, released::text,
	refunded::text, fee::text, transfer::text, card, card_token, customer, operator, description, payment_uuid, payment_id,
	octo_status, test, held, hold_expires, pending_refund_id, pending_refund::text, problem, created, updated, shift,
	capturing::text, counter, hosted, pay_url, pay_expires`

func scanPgRecord(row pgx.Row) (flows.Record, error) {
	var r flows.Record
	var kind, method, state, status string
	var amount, captured, released, refunded, fee, transfer, pend, capturing string
	var holdExp, payExp *time.Time
	if err := row.Scan(&r.ShopTransactionID, &kind, &method, &state, &r.Currency, &amount, &captured,
		&released, &refunded, &fee, &transfer, &r.Card, &r.CardToken, &r.Customer, &r.Operator,
		&r.Description, &r.PaymentUUID, &r.PaymentID, &status, &r.Test, &r.Held, &holdExp,
		&r.PendingRefundID, &pend, &r.Problem, &r.Created, &r.Updated, &r.Shift, &capturing, &r.Counter, &r.Hosted,
		&r.PayURL, &payExp); err != nil {
		return flows.Record{}, fmt.Errorf("flows: journal scan: %w", err)
	}
	r.Kind, r.Method, r.State, r.OCTOStatus = flows.Kind(kind), octo.Method(method), flows.State(state), octo.Status(status)
	var errs [9]error
	r.Amount, errs[0] = numOf(amount)
	r.Captured, errs[1] = numOf(captured)
	r.Released, errs[2] = numOf(released)
	r.Refunded, errs[3] = numOf(refunded)
	r.Fee, errs[4] = numOf(fee)
	r.Transfer, errs[5] = numOf(transfer)
	r.PendingRefund, errs[6] = numOf(pend)
	r.Capturing, errs[7] = numOf(capturing)
	if err := errors.Join(errs[:]...); err != nil {
		return flows.Record{}, fmt.Errorf("flows: journal amount: %w", err)
	}
	r.HoldExpires, r.PayExpires = timeOf(holdExp), timeOf(payExp)
	return r, nil
}

func (j *Postgres) records(ctx context.Context, q string, args ...any) ([]flows.Record, error) {
	rows, err := j.pool.Query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []flows.Record
	for rows.Next() {
		r, err := scanPgRecord(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// History lists the store's payments (every counter's), newest first.
func (j *Postgres) History(ctx context.Context, f flows.Filter) ([]flows.Record, error) {
	var where []string
	var args []any
	arg := func(v any) string { args = append(args, v); return fmt.Sprintf("$%d", len(args)) }
	if !f.From.IsZero() {
		where = append(where, "created >= "+arg(f.From))
	}
	if !f.To.IsZero() {
		where = append(where, "created < "+arg(f.To))
	}
	states := f.States
	if f.State != "" {
		states = append([]flows.State{f.State}, states...)
	}
	if len(states) > 0 {
		names := make([]string, len(states))
		for i, st := range states {
			names[i] = string(st)
		}
		where = append(where, "state = ANY("+arg(names)+"::text[])")
	}
	if f.Refunded {
		where = append(where, "refunded > 0")
	}
	switch {
	case f.Last4OrAmount && !f.Amount.IsZero() && f.Last4 != "":
		a := arg(numText(f.Amount))
		where = append(where, "(amount = "+a+"::numeric OR captured = "+a+"::numeric OR last4 = "+arg(f.Last4)+")")
	default:
		if !f.Amount.IsZero() {
			a := arg(numText(f.Amount))
			where = append(where, "(amount = "+a+"::numeric OR captured = "+a+"::numeric)")
		}
		if f.Last4 != "" {
			where = append(where, "last4 = "+arg(f.Last4))
		}
	}
	if f.ShopTransactionID != "" {
		where = append(where, "shop_transaction_id = "+arg(f.ShopTransactionID))
	}
	q := "SELECT " + pgRecordCols + " FROM payments"
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 500
	}
	q += " ORDER BY created DESC, seq DESC LIMIT " + arg(limit)
	rs, err := j.records(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("flows: history: %w", err)
	}
	return rs, nil
}

// Get returns one payment's record.
func (j *Postgres) Get(ctx context.Context, shopTransactionID string) (flows.Record, error) {
	rs, err := j.records(ctx, "SELECT "+pgRecordCols+" FROM payments WHERE shop_transaction_id = $1", shopTransactionID)
	if err != nil {
		return flows.Record{}, fmt.Errorf("flows: journal get: %w", err)
	}
	if len(rs) == 0 {
		return flows.Record{}, fmt.Errorf("flows: journal: no payment %q: %w", shopTransactionID, flows.ErrNotJournaled)
	}
	return rs[0], nil
}

// Timeline is a payment's transitions, oldest first.
func (j *Postgres) Timeline(ctx context.Context, shopTransactionID string) ([]flows.Transition, error) {
	rows, err := j.pool.Query(ctx, `SELECT id, shop_transaction_id, at, from_state, to_state, event, note
		FROM transitions WHERE shop_transaction_id = $1 ORDER BY id`, shopTransactionID)
	if err != nil {
		return nil, fmt.Errorf("flows: timeline: %w", err)
	}
	defer rows.Close()
	var out []flows.Transition
	for rows.Next() {
		var t flows.Transition
		var from, to string
		if err := rows.Scan(&t.ID, &t.ShopTransactionID, &t.At, &from, &to, &t.Event, &t.Note); err != nil {
			return nil, fmt.Errorf("flows: timeline scan: %w", err)
		}
		t.From, t.To = flows.State(from), flows.State(to)
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("flows: timeline: %w", err)
	}
	return out, nil
}

// OpenHolds lists the store's holds waiting for capture or cancel, soonest expiry first.
func (j *Postgres) OpenHolds(ctx context.Context) ([]flows.Record, error) {
	rs, err := j.records(ctx, "SELECT "+pgRecordCols+` FROM payments WHERE state = $1
		ORDER BY hold_expires NULLS LAST, created`, string(flows.Held))
	if err != nil {
		return nil, fmt.Errorf("flows: open holds: %w", err)
	}
	return rs, nil
}

// Unfinished lists the store's payments whose workflow did not end, and
// paid payments with a refund not confirmed, that are this counter's to
// settle: what run.Reconcile reads from OCTO on start. Those this counter
// wrote last, and those of a counter not running (postgres_presence.go);
// a payment another running till wrote last is left to it.
func (j *Postgres) Unfinished(ctx context.Context) ([]flows.Record, error) {
	return j.unfinished(ctx, `(acting_counter = $1 OR NOT `+tillRunning("acting_counter")+`)`)
}

// unfinished is Unfinished of the payments whose, a condition in SQL on
// this counter ($1), takes.
func (j *Postgres) unfinished(ctx context.Context, whose string) ([]flows.Record, error) {
	rs, err := j.records(ctx, "SELECT "+pgRecordCols+` FROM payments
		WHERE (state NOT IN ('succeeded', 'declined', 'canceled', 'failed') OR pending_refund_id <> '')
		AND `+whose+` ORDER BY created`, j.counter)
	if err != nil {
		return nil, fmt.Errorf("flows: unfinished: %w", err)
	}
	return rs, nil
}
