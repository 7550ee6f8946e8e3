package ui

import "strconv"

// HeaderShop is what the header says of the shop: main gives the facts and
// the header words them in the screen's language when it draws ("shop 27 —
// counter B", "магазин 27 — касса B"). The zero value names no shop.
type HeaderShop struct {
	ID int64 // OCTO's shop id (the sandbox's own in sandbox mode)
	// Counter is this till on a store journal; empty on a single till,
	// whose header names no counter.
	Counter string
	// Sandbox says the shop is the embedded sandbox's, at BaseURL.
	Sandbox bool
	BaseURL string
	// Replay says the sandbox replays a recording: it has no address to
	// show, and its id is the recording's.
	Replay bool
}

// IsZero reports whether no shop is named.
func (h HeaderShop) IsZero() bool { return h == HeaderShop{} }

// words is the shop as the header says it in l.
func (h HeaderShop) words(l Lang) string {
	id := strconv.FormatInt(h.ID, 10)
	switch {
	case h.Replay:
		return l.T("sandbox shop (replay)")
	case h.Sandbox && h.BaseURL != "":
		return l.Tf("sandbox shop %s", id) + " · " + h.BaseURL
	case h.Sandbox:
		return l.Tf("sandbox shop %s", id)
	case h.Counter != "":
		return l.Tf("shop %s", id) + " — " + l.Tf("counter %s", h.Counter)
	}
	return l.Tf("shop %s", id)
}
