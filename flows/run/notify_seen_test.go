package run

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/internal/octotest"
	"github.com/octo-cashier/octo-cashier/octo"
)

// TestListenerShowsForgedNotifications: a notification with a bad
// signature is passed to Seen (for the inspector), marked bad and
// redacted, and still refused and never hinted.
func TestListenerShowsForgedNotifications(t *testing.T) {
	var seen []flows.NotificationRecord
	hints := 0
	l := &Listener{SignatureKey: "the-key", Recipe: octo.RecipeUniqueKey,
		Hint: func(string, octo.Status) { hints++ },
		Seen: func(n flows.NotificationRecord) { seen = append(seen, n) }}
	body := `{"shop_transaction_id":"tx-forged","octo_payment_UUID":"uuid-f","status":"succeeded",` +
		`"signature":"00","hash_key":"x","maskedPan":"` + octotest.PAN + `"}`
	rec := httptest.NewRecorder()
	l.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, NotifyPath, strings.NewReader(body)))
	if rec.Code != http.StatusForbidden || hints != 0 {
		t.Fatalf("HTTP %d, %d hints: a forged notification was acted on", rec.Code, hints)
	}
	if len(seen) != 1 {
		t.Fatalf("Seen told %d times, want 1", len(seen))
	}
	n := seen[0]
	if n.Signature != "bad" || n.ShopTransactionID != "tx-forged" || n.Status != "succeeded" {
		t.Errorf("seen %+v", n)
	}
	if strings.Contains(n.Body, octotest.PAN) || !strings.Contains(n.Body, octo.MaskPAN(octotest.PAN)) {
		t.Errorf("body not redacted: %s", n.Body)
	}

	// A bind notification is shown too (its token is the inspector's to shorten).
	bind := `{"shop_transaction_id":"b-1","card_token":"tok-0123456789abcdef","status":"active","maskedPan":"` + octotest.PAN + `"}`
	rec = httptest.NewRecorder()
	l.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, BindPath, strings.NewReader(bind)))
	if len(seen) != 2 || seen[1].Kind != "bind" || strings.Contains(seen[1].Body, octotest.PAN) {
		t.Errorf("bind notification seen as %+v", seen[len(seen)-1])
	}
}
