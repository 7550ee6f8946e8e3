package run

import (
	"context"
	"log/slog"
	"sync"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/octo"
)

// ExchangeWriter journals the client's exchanges off the caller's path:
// Add (the client's observer) only queues; one goroutine writes batches.
// The queue is bounded: when the journal falls behind by Limit exchanges,
// the oldest queued are dropped and counted, and the count is logged, so
// that a slow disk never holds up a payment nor grows without end.
type ExchangeWriter struct {
	save  func(ctx context.Context, xs []flows.ExchangeRecord) error
	limit int
	log   *slog.Logger

	mu      sync.Mutex
	queue   []flows.ExchangeRecord
	dropped int64 // since the last log line
	lost    int64 // in all
	closed  bool
	wake    chan struct{} // one pending signal
	done    chan struct{} // closed when the goroutine has written everything
}

// NewExchangeWriter starts the writer; save journals a batch (usually
// (*journal.SQLite).SaveExchanges, once the journal is open). Close stops it.
func NewExchangeWriter(save func(ctx context.Context, xs []flows.ExchangeRecord) error, limit int, log *slog.Logger) *ExchangeWriter {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	w := &ExchangeWriter{save: save, limit: max(limit, 1), log: log,
		wake: make(chan struct{}, 1), done: make(chan struct{})}
	go w.run()
	return w
}

// Add queues an exchange; it never blocks on the journal.
func (w *ExchangeWriter) Add(x octo.Exchange) {
	r := flows.ExchangeRecordOf(x)
	w.mu.Lock()
	if w.closed {
		w.mu.Unlock()
		return
	}
	if len(w.queue) >= w.limit {
		w.queue = w.queue[1:]
		w.dropped++
		w.lost++
	}
	w.queue = append(w.queue, r)
	w.mu.Unlock()
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

// Lost is how many exchanges were dropped unjournaled.
func (w *ExchangeWriter) Lost() int64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.lost
}

// Close writes what is queued and stops the writer.
func (w *ExchangeWriter) Close() {
	w.mu.Lock()
	w.closed = true
	w.mu.Unlock()
	select {
	case w.wake <- struct{}{}:
	default:
	}
	<-w.done
}

func (w *ExchangeWriter) run() {
	defer close(w.done)
	for range w.wake {
		w.mu.Lock()
		batch, dropped, closed := w.queue, w.dropped, w.closed
		w.queue, w.dropped = nil, 0
		w.mu.Unlock()
		if dropped > 0 {
			w.log.Warn("exchange journal behind: oldest exchanges dropped unjournaled", "dropped", dropped)
		}
		if err := w.save(context.Background(), batch); err != nil {
			w.log.Error("journal exchanges", "err", err, "exchanges", len(batch))
		}
		if closed {
			return
		}
	}
}
