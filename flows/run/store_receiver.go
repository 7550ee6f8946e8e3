package run

import (
	"context"
	"log/slog"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/octo"
)

// StoreJournal is the store journal as the receiver uses it: a Store
// that also wakes the counters (journal.Postgres).
type StoreJournal interface {
	flows.Store
	Wake(ctx context.Context, w flows.Wakeup) error
}

// NewStoreReceiver is the listener of the store's notification receiver:
// signatures checked with the recipe's key, notifications journaled in the
// store journal, counters woken for the verified ones.
func NewStoreReceiver(j StoreJournal, recipe octo.SignatureRecipe, key string, log *slog.Logger) *Listener {
	l := &Listener{Journal: j, SignatureKey: key, Recipe: recipe, Log: log}
	l.Hint = func(id string, st octo.Status) {
		if err := j.Wake(context.Background(), flows.Wakeup{Kind: "payment", ShopTransactionID: id, Status: string(st)}); err != nil {
			l.log().Error("wake the counters", "shop_transaction_id", id, "err", err)
		}
	}
	l.Bound = func(id, token string, st octo.TokenStatus) {
		if err := j.Wake(context.Background(), flows.Wakeup{Kind: "bind", ShopTransactionID: id, Status: string(st), Token: token}); err != nil {
			l.log().Error("wake the counters", "shop_transaction_id", id, "err", err)
		}
	}
	return l
}
