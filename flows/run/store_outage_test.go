package run

import (
	"context"
	"io"
	"net"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/internal/flowstest"
	"github.com/octo-cashier/octo-cashier/flows/internal/octotest"
	"github.com/octo-cashier/octo-cashier/octo/sandbox"
)

// cutProxy stands between a counter and PostgreSQL: cut drops every
// connection and refuses new ones (the server went away), mend lets
// them through again.
type cutProxy struct {
	ln     net.Listener
	target string
	mu     sync.Mutex
	down   bool
	conns  []net.Conn
}

func newCutProxy(t *testing.T, target string) *cutProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &cutProxy{ln: ln, target: target}
	t.Cleanup(func() { _ = ln.Close(); p.cut() })
	go p.serve()
	return p
}

func (p *cutProxy) serve() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		p.mu.Lock()
		down := p.down
		p.mu.Unlock()
		if down {
			_ = c.Close()
			continue
		}
		s, err := net.Dial("tcp", p.target)
		if err != nil {
			_ = c.Close()
			continue
		}
		p.mu.Lock()
		p.conns = append(p.conns, c, s)
		p.mu.Unlock()
		go func() { _, _ = io.Copy(s, c); _ = s.Close() }()
		go func() { _, _ = io.Copy(c, s); _ = c.Close() }()
	}
}

func (p *cutProxy) cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.down = true
	for _, c := range p.conns {
		_ = c.Close()
	}
	p.conns = nil
}

func (p *cutProxy) mend() {
	p.mu.Lock()
	p.down = false
	p.mu.Unlock()
}

// The PostgreSQL server goes away while a hold waits for its capture: the
// capture cannot be journaled, so it is not sent (the cashier is told, the
// hold stays held); when the server is back the same counter carries on
// and captures it, once.
func TestStoreServerAwayMidFlow(t *testing.T) {
	direct := flowstest.PostgresSchema(t)
	u, err := url.Parse(direct)
	if err != nil {
		t.Fatal(err)
	}
	proxy := newCutProxy(t, u.Host)
	u.Host = proxy.ln.Addr().String()
	j := openTestPostgres(t, u.String(), "A")
	e := newE2E(t, sandbox.Options{})
	e.runner = &Runner{Gateway: e.client, Journal: j, Clock: e.clock}
	e.listener.Journal = j
	ctx := context.Background()
	held := e.code(e.pay(flows.Hold, octotest.PAN, "1000"))
	if held.State != flows.Held {
		t.Fatalf("hold %s (%s)", held.State, held.Problem)
	}

	proxy.cut()
	p, err := Drive(ctx, e.runner, held, flows.Capture{})
	if err != nil || p.State != flows.Held || !strings.Contains(p.Problem.English(), "nothing was sent") {
		t.Fatalf("capture with the server away: %s %q, %v", p.State, p.Problem, err)
	}
	if n := countCalls(e.sb, "set_accept"); n != 0 {
		t.Fatalf("set_accept sent %d times without a journal", n)
	}

	proxy.mend()
	for try := 0; p.State == flows.Held && try < 3; try++ { // a connection the pool still held may fail once more
		if p, err = Drive(ctx, e.runner, p, flows.Capture{}); err != nil {
			t.Fatal(err)
		}
	}
	if p.State != flows.Succeeded {
		t.Fatalf("capture with the server back: %s (%s)", p.State, p.Problem)
	}
	if n := countCalls(e.sb, "set_accept"); n != 1 {
		t.Errorf("set_accept sent %d times", n)
	}
	if rec, err := j.Get(ctx, held.ShopTransactionID); err != nil || rec.State != flows.Succeeded {
		t.Errorf("journal: %s, %v", rec.State, err)
	}
}
