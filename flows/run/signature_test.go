package run

import (
	"context"
	"testing"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/flows/internal/octotest"
	"github.com/octo-cashier/octo-cashier/octo"
	"github.com/octo-cashier/octo-cashier/octo/sandbox"
)

// Each of the three published recipes (REFERENCE §5.3) is checked with its
// own key: the unique key for unique_key, the shop secret for secret_hash
// and yahont — also when no unique key is configured. Checking the
// secret recipes with the unique key (as the console did) marked every
// genuine notification bad, or left them unchecked with no unique key.
func TestListenerChecksEachRecipeWithItsKey(t *testing.T) {
	const secret, uniqueKey = "shop-secret-7f3a", "support-unique-key-19"
	for _, tt := range []struct {
		recipe     octo.SignatureRecipe
		configured string // [octo] unique_key
	}{
		{octo.RecipeUniqueKey, uniqueKey},
		{octo.RecipeSecretHash, ""},
		{octo.RecipeYahont, ""},
		{octo.RecipeSecretHash, uniqueKey}, // a unique key set beside it changes nothing
	} {
		t.Run(string(tt.recipe)+"/unique_key="+tt.configured, func(t *testing.T) {
			e := newE2E(t, sandbox.Options{Secret: secret, UniqueKey: uniqueKey, SignatureRecipe: string(tt.recipe)})
			e.client = octo.NewClient(e.sb.ShopID(), secret, octo.WithBaseURL("http://sandbox.test"), octo.WithHTTPClient(e.sb.Client()))
			e.runner.Gateway = e.client
			e.listener.Recipe = tt.recipe
			e.listener.SignatureKey = SignatureKeyFor(tt.recipe, tt.configured, secret)
			if !e.listener.Verifies() {
				t.Fatal("the listener does not check signatures")
			}
			p := e.code(e.pay(flows.Sale, octotest.PAN, "12000"))
			if p.State != flows.Succeeded {
				t.Fatalf("got %s (%s)", p.State, p.Problem)
			}
			ns := e.waitNotifications(p.ShopTransactionID, 1)
			for _, n := range ns {
				if n.Signature != "ok" {
					t.Errorf("%s notification: signature %s, want ok", n.Status, n.Signature)
				}
			}
		})
	}
	// The old wiring: the secret recipe checked with the unique key.
	e := newE2E(t, sandbox.Options{Secret: secret, UniqueKey: uniqueKey, SignatureRecipe: sandbox.RecipeYahont})
	e.client = octo.NewClient(e.sb.ShopID(), secret, octo.WithBaseURL("http://sandbox.test"), octo.WithHTTPClient(e.sb.Client()))
	e.runner.Gateway = e.client
	e.listener.Recipe, e.listener.SignatureKey = octo.RecipeYahont, uniqueKey
	p := e.code(e.pay(flows.Sale, octotest.PAN, "12000"))
	for _, n := range e.waitNotifications(p.ShopTransactionID, 1) {
		if n.Signature != "bad" {
			t.Errorf("checked with the wrong key: signature %s, want bad", n.Signature)
		}
	}
}

func TestSignatureKeyFor(t *testing.T) {
	for _, tt := range []struct {
		recipe                  octo.SignatureRecipe
		uniqueKey, secret, want string
	}{
		{octo.RecipeUniqueKey, "uk", "s", "uk"},
		{octo.RecipeUniqueKey, "", "s", ""},
		{octo.RecipeSecretHash, "uk", "s", "s"},
		{octo.RecipeSecretHash, "", "s", "s"},
		{octo.RecipeYahont, "", "s", "s"},
		{"md5", "uk", "s", ""},
	} {
		if got := SignatureKeyFor(tt.recipe, tt.uniqueKey, tt.secret); got != tt.want {
			t.Errorf("%s with unique key %q: got %q, want %q", tt.recipe, tt.uniqueKey, got, tt.want)
		}
	}
}

// waitNotifications waits until the journal holds at least n
// notifications about the payment (the sandbox delivers them on its own
// goroutine) and returns them.
func (e *e2e) waitNotifications(id string, n int) []flows.NotificationRecord {
	e.t.Helper()
	var ns []flows.NotificationRecord
	waitFor(e.t, "the notifications", func() bool {
		var err error
		ns, err = e.journal.Notifications(context.Background(), id)
		return err == nil && len(ns) >= n
	})
	return ns
}
