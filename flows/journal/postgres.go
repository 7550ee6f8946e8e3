package journal

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/shopspring/decimal"
)

// Postgres is the store journal: one PostgreSQL database shared by
// every counter of a shop. It keeps what the SQLite journal keeps, with
// the same rules (a payment's record and its transition in one
// transaction, written before any request about it), and adds what many
// counters need: each payment, shift, binding and notification names the
// counter that made it; shifts, their ledgers and Z reports are per
// counter; and a payment is locked while a counter journals a request
// about it (see Write), so two counters never send one request twice.
// Money is numeric(20,2), never a float.
type Postgres struct {
	pool     *pgxpool.Pool
	inflight *inflightLocks
	counter  string
	name     string // the URL without its password, for messages
}

// IsPostgresURL says whether a journal setting names a PostgreSQL
// database (postgres:// or postgresql://) rather than a file.
func IsPostgresURL(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// Open opens the journal a setting names: a PostgreSQL URL (the store
// journal, as counter) or a file path (the SQLite journal of one till).
func Open(ctx context.Context, target, counter string) (flows.Store, error) {
	if IsPostgresURL(target) {
		return OpenPostgres(ctx, target, counter)
	}
	return OpenSQLite(target)
}

// appNamePrefix starts the application_name of a counter's connections:
// pg_stat_activity (and a refusal, see busy) then says which till holds
// what. A tool's connections are named toolNamePrefix and its name.
const (
	appNamePrefix  = "octo-cashier counter "
	toolNamePrefix = "octo-cashier "
)

// DefaultCounter names a till that was given no name.
const DefaultCounter = "A"

// OpenPostgres connects to the store journal at url as counter, a till:
// it runs the schema migrations it lacks (under an advisory lock, so
// counters that start together migrate once), makes sure the counter has
// an open shift and holds the till's presence (postgres_presence.go)
// until Close.
func OpenPostgres(ctx context.Context, rawURL, counter string) (*Postgres, error) {
	counter = strings.TrimSpace(counter)
	if counter == "" {
		counter = DefaultCounter
	}
	j, err := openPostgres(ctx, rawURL, counter, appNamePrefix+counter)
	if err != nil {
		return nil, err
	}
	if _, err := j.pool.Exec(ctx, `INSERT INTO shifts(counter, no, opened) VALUES($1, 1, now()) ON CONFLICT DO NOTHING`,
		counter); err != nil {
		j.pool.Close()
		return nil, fmt.Errorf("flows: store journal %s: first shift: %w", j.name, err)
	}
	j.inflight.till = counter
	if err := j.inflight.check(ctx); err != nil {
		j.pool.Close()
		return nil, fmt.Errorf("flows: store journal %s: %w", j.name, err)
	}
	return j, nil
}

// OpenPostgresTool connects to the store journal for a tool that is not a
// till (the notification receiver, events, store-z), named tool in what
// it writes and in pg_stat_activity: no shift is opened for it, and it
// holds no presence, so a till it shares a name with does not look running.
func OpenPostgresTool(ctx context.Context, rawURL, tool string) (*Postgres, error) {
	return openPostgres(ctx, rawURL, tool, toolNamePrefix+tool)
}

func openPostgres(ctx context.Context, rawURL, counter, appName string) (*Postgres, error) {
	name := redactURL(rawURL)
	cfg, err := pgxpool.ParseConfig(rawURL)
	if err != nil {
		return nil, fmt.Errorf("flows: store journal %s: %w", name, err)
	}
	if cfg.MaxConns < 4 {
		cfg.MaxConns = 4
	}
	cfg.ConnConfig.RuntimeParams["application_name"] = appName
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("flows: store journal %s: %w", name, err)
	}
	j := &Postgres{pool: pool, inflight: &inflightLocks{pool: pool}, counter: counter, name: name}
	if err := j.migrate(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("flows: store journal %s: %w", name, err)
	}
	return j, nil
}

// redactURL is a URL without its password.
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "postgres://(unreadable URL)"
	}
	if u.User != nil {
		u.User = url.User(u.User.Username())
	}
	return u.String()
}

// Path is the journal's URL without its password.
func (j *Postgres) Path() string { return j.name }

// Counter is the till this journal writes as.
func (j *Postgres) Counter() string { return j.counter }

// Close closes the connections.
func (j *Postgres) Close() error {
	j.inflight.close()
	j.pool.Close()
	return nil
}

// numText is an amount as exact decimal text for a numeric parameter.
func numText(d decimal.Decimal) string { return d.Round(2).StringFixed(2) }

// numOf reads an amount selected as text.
func numOf(s string) (decimal.Decimal, error) {
	if s == "" {
		return decimal.Zero, nil
	}
	return decimal.NewFromString(s)
}

// tsOrNil is a time for a nullable timestamptz: NULL when zero.
func tsOrNil(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t
}

// timeOf is a nullable timestamptz read back: zero when NULL.
func timeOf(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return *t
}

// inTx runs f in one transaction, committed when f returns nil.
func (j *Postgres) inTx(ctx context.Context, f func(tx pgx.Tx) error) error {
	tx, err := j.pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback(ctx) }()
	if err := f(tx); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// PaymentBusyError is Write's refusal to journal a request about a payment
// another counter (or this one, in another flow) has just journaled one
// about: the payment is no longer in the state the request starts from.
// Nothing is sent; the cashier is told which counter acts on it.
type PaymentBusyError struct {
	ShopTransactionID string
	Counter           string      // the counter whose write the payment carries
	State             flows.State // the payment's state in the journal
}

func (e *PaymentBusyError) Error() string {
	if requestState(e.State) {
		return fmt.Sprintf("payment %s is %s at counter %s", e.ShopTransactionID, e.State, e.Counter)
	}
	return fmt.Sprintf("payment %s is being handled at counter %s", e.ShopTransactionID, e.Counter)
}

// Problem is the refusal as the screens word it, inside the journal's
// problem: the counter's name and the payment stay as they are.
func (e *PaymentBusyError) Problem() flows.Problem {
	if requestState(e.State) {
		return flows.NewProblem(flows.ProblemBusyState, flows.Words(e.ShopTransactionID), flows.Words(string(e.State)), flows.Words(e.Counter))
	}
	return flows.NewProblem(flows.ProblemBusy, flows.Words(e.ShopTransactionID), flows.Words(e.Counter))
}

// ErrPaymentBusy matches a *PaymentBusyError with errors.Is.
var ErrPaymentBusy = errors.New("payment being handled at another counter")

// Is makes errors.Is(err, ErrPaymentBusy) true.
func (e *PaymentBusyError) Is(target error) bool { return target == ErrPaymentBusy }
