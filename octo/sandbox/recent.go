package sandbox

// recent holds the last value of each field that a till repeats from one
// payment to the next — its notify_url and return_url, the description of
// a fixed item, the customer, the test card the cashier types — so that a
// payment equal in one to the payment before shares that value instead of
// keeping its own copy. A sandbox keeps thousands of finished payments,
// and these copies were a fifth of each. Only immutable values are shared: a
// payment's strings, and its user and card, which nothing changes once
// read. Caller holds s.mu for every method.
type recent struct {
	notifyURL, returnURL, description string
	user                              *userData
	card                              *cardRef
}

// share makes p's repeated fields the previous payment's where equal.
func (r *recent) share(p *payment) {
	p.notifyURL = same(&r.notifyURL, p.notifyURL)
	p.returnURL = same(&r.returnURL, p.returnURL)
	p.description = same(&r.description, p.description)
	if p.user != nil {
		if r.user != nil && *r.user == *p.user {
			p.user = r.user
		}
		r.user = p.user
	}
}

// shareCard returns the previous card when c is the same card (number,
// expiry, holder), else c, which becomes the previous.
func (r *recent) shareCard(c *cardRef) *cardRef {
	if c != nil && r.card != nil && *r.card == *c {
		return r.card
	}
	if c != nil {
		r.card = c
	}
	return c
}

// same returns *last when v equals it, else v, which becomes the last.
func same(last *string, v string) string {
	if v == *last {
		return *last
	}
	*last = v
	return v
}
