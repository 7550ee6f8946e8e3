package flows

import (
	"context"
	"io"
	"time"

	"github.com/octo-cashier/octo-cashier/octo"
)

// Store is the journal as the rest of the program uses it: the runner,
// the notification listener, the console's screens and the commands. The
// SQLite journal (journal.SQLite, one till) is one implementation; the
// PostgreSQL journal of a store of many counters (journal.Postgres) is the
// other, both in flows/journal. Both keep the same rules: a payment's
// record and its transition are written in one transaction before any
// request about it is sent.
type Store interface {
	// Write stores the payment's record and appends its transition.
	Write(ctx context.Context, e Journal, at time.Time) error
	Get(ctx context.Context, shopTransactionID string) (Record, error)
	History(ctx context.Context, f Filter) ([]Record, error)
	Timeline(ctx context.Context, shopTransactionID string) ([]Transition, error)
	OpenHolds(ctx context.Context) ([]Record, error)
	Unfinished(ctx context.Context) ([]Record, error)
	// ExportCSV writes the money movements of [from, to) as CSV
	// (CSVWriter's rows; journal/sqlite_export.go).
	ExportCSV(ctx context.Context, w io.Writer, from, to time.Time, f CSVFormat) error

	// Movements lists a payment's money movements (movements.go), oldest
	// first, each with the number of prints of its receipt.
	Movements(ctx context.Context, shopTransactionID string) ([]Movement, error)
	// RecordPrint journals one more print of a movement's receipt and
	// returns its number (1: the original).
	RecordPrint(ctx context.Context, movement int64, copies string, at time.Time) (int, error)

	SaveToken(ctx context.Context, t SavedToken, at time.Time) error
	SetTokenStatus(ctx context.Context, token string, st octo.TokenStatus, at time.Time) error
	Tokens(ctx context.Context, customer string) ([]SavedToken, error)

	WriteBinding(ctx context.Context, r BindingRecord, at time.Time) error
	Bindings(ctx context.Context, unfinished bool) ([]BindingRecord, error)

	LogNotification(ctx context.Context, n NotificationRecord) error
	Notifications(ctx context.Context, shopTransactionID string) ([]NotificationRecord, error)

	SaveExchanges(ctx context.Context, xs []ExchangeRecord) error
	Exchanges(ctx context.Context, shopTransactionID string) ([]ExchangeRecord, error)
	ExchangesAfter(ctx context.Context, seq int64, limit int) ([]LoggedExchange, error)

	CurrentShift(ctx context.Context) (Shift, error)
	OpenShift(ctx context.Context, operator, pin string, at time.Time) (Shift, error)
	RecordPINTries(ctx context.Context, shift int64, wrong int, notBefore time.Time) error
	// XReportAt totals the open shift so far, with the holds open at at.
	XReportAt(ctx context.Context, at time.Time) (Report, error)
	ZReport(ctx context.Context, at time.Time) (Report, error)
	ZReports(ctx context.Context) ([]Report, error)

	// Path names the journal for messages: a file, or a URL without its password.
	Path() string
	Close() error
}

// Wakeup is a notification as the store's receiver passes it to the
// counters through the store journal (journal.Postgres.Wake and Listen).
type Wakeup struct {
	Kind              string `json:"kind"` // "payment" or "bind"
	ShopTransactionID string `json:"shop_transaction_id"`
	Status            string `json:"status"`
	Token             string `json:"card_token,omitempty"` // bind only
}
