package octo

import (
	"errors"
	"strings"
	"testing"
)

// Known answers computed outside Go (Python hashlib) for each recipe of
// REFERENCE §5.3.
func TestSignRecipes(t *testing.T) {
	n := &Notification{
		PaymentUUID: "e3f40dc3-4955-412a-853a-2ddd28d3201f", Status: StatusSucceeded, RawStatus: "succeeded",
		HashKey: "e27d3f79-3189-44e9-8a66-566a141025df",
	}
	tests := []struct {
		recipe SignatureRecipe
		key    string
		want   string
	}{
		{RecipeUniqueKey, "uk-7f3a", "A9D6B5148811E8DF682D1BA2AC81A42E87D01DF8"},
		{RecipeSecretHash, testSecret, "3926B83A94049DE73FED6750A57463F2C3E3FAA6"},
		{RecipeYahont, testSecret, "DEB8D6F7040E3640C07B3F709C63889B10A2276B"},
		{SignatureRecipe("md5"), testSecret, ""},
	}
	for _, tt := range tests {
		t.Run(string(tt.recipe), func(t *testing.T) {
			if got := Sign(tt.recipe, tt.key, n); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
	if Sign(RecipeUniqueKey, "k", nil) != "" {
		t.Error("Sign(nil) must be empty")
	}
}

func TestVerifyNotification(t *testing.T) {
	base := func(sig string) *Notification {
		return &Notification{PaymentUUID: "e3f40dc3-4955-412a-853a-2ddd28d3201f", Status: StatusSucceeded, RawStatus: "succeeded", Signature: sig}
	}
	const good = "A9D6B5148811E8DF682D1BA2AC81A42E87D01DF8"
	tests := []struct {
		name string
		n    *Notification
		key  string
		want bool
	}{
		{"uppercase", base(good), "uk-7f3a", true},
		{"lowercase", base(strings.ToLower(good)), "uk-7f3a", true},
		{"surrounding space", base(" " + good + "\n"), "uk-7f3a", true},
		{"wrong key", base(good), "uk-7f3b", false},
		{"empty key", base(good), "", false},
		{"empty signature", base(""), "uk-7f3a", false},
		{"truncated signature", base(good[:39]), "uk-7f3a", false},
		{"status changed", &Notification{PaymentUUID: "e3f40dc3-4955-412a-853a-2ddd28d3201f", Status: StatusCanceled, RawStatus: "canceled", Signature: good}, "uk-7f3a", false},
		{"raw spelling is what is signed", &Notification{PaymentUUID: "e3f40dc3-4955-412a-853a-2ddd28d3201f", Status: StatusCanceled,
			RawStatus: "cancelled", Signature: "E8C0D14814EB38CB50E77130EDC8386E142D87E4"}, "uk-7f3a", true},
		{"nil", nil, "uk-7f3a", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := VerifyNotification(RecipeUniqueKey, tt.key, tt.n); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestClientVerifyNotificationTriesItsKeys(t *testing.T) {
	n := &Notification{PaymentUUID: "e3f40dc3-4955-412a-853a-2ddd28d3201f", RawStatus: "succeeded", Status: StatusSucceeded,
		HashKey: "e27d3f79-3189-44e9-8a66-566a141025df"}
	tests := []struct {
		name   string
		opts   []Option
		sig    string
		recipe SignatureRecipe
		ok     bool
	}{
		{"unique key", []Option{WithUniqueKey("uk-7f3a")}, "A9D6B5148811E8DF682D1BA2AC81A42E87D01DF8", RecipeUniqueKey, true},
		{"unique key not configured", nil, "A9D6B5148811E8DF682D1BA2AC81A42E87D01DF8", "", false},
		{"secret hash", nil, "3926B83A94049DE73FED6750A57463F2C3E3FAA6", RecipeSecretHash, true},
		{"yahont", []Option{WithUniqueKey("other")}, "DEB8D6F7040E3640C07B3F709C63889B10A2276B", RecipeYahont, true},
		{"forged", []Option{WithUniqueKey("uk-7f3a")}, "0000000000000000000000000000000000000000", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := NewClient(testShopID, testSecret, tt.opts...)
			m := *n
			m.Signature = tt.sig
			r, ok := c.VerifyNotification(&m)
			if r != tt.recipe || ok != tt.ok {
				t.Errorf("got (%q, %v), want (%q, %v)", r, ok, tt.recipe, tt.ok)
			}
		})
	}
}

// A notification signed with Sign verifies after a round trip through
// ParseNotification.
func TestSignedNotificationRoundTrip(t *testing.T) {
	n, err := ParseNotification([]byte(`{"octo_payment_UUID":"u-1","status":"waiting_for_capture","hash_key":"h","total_sum":"1000.00"}`))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range Recipes {
		n.Signature = strings.ToLower(Sign(r, "key-1", n))
		if !VerifyNotification(r, "key-1", n) {
			t.Errorf("%s: own signature does not verify", r)
		}
	}
	if n.Status != StatusWaitingForCapture || !n.TotalSum.Equal(dec("1000")) {
		t.Errorf("got %+v", n)
	}
}

func TestParseNotificationErrors(t *testing.T) {
	for _, body := range []string{
		``, `[]`, `{"status":"succeeded"}`, `{"octo_payment_UUID":"u"}`,
		`{"octo_payment_UUID":"u","status":"succeeded","total_sum":"lots"}`,
		`{"octo_payment_UUID":"u","status":"succeeded","is_physical_card":"maybe"}`,
	} {
		if _, err := ParseNotification([]byte(body)); !errors.Is(err, ErrNotification) {
			t.Errorf("%s: got %v, want ErrNotification", body, err)
		}
	}
}

func TestParseNotificationMasksAFullPAN(t *testing.T) {
	n, err := ParseNotification([]byte(`{"octo_payment_UUID":"u","status":"succeeded","maskedPan":"8600313260861293","is_physical_card":"false"}`))
	if err != nil {
		t.Fatal(err)
	}
	if n.MaskedPAN != "860031******1293" {
		t.Errorf("got %q", n.MaskedPAN)
	}
	if n.IsPhysicalCard == nil || *n.IsPhysicalCard {
		t.Errorf("is_physical_card: got %v, want false", n.IsPhysicalCard)
	}
}

func TestParseBindNotification(t *testing.T) {
	tests := []struct {
		name, body string
		want       *BindNotification
		wantErr    bool
	}{
		{"failed", `{"shop_transaction_id":"s","pan":"8600 3132 6086 1293","exp":"2602","card_token":"tok","status":"FAILED"}`,
			&BindNotification{ShopTransactionID: "s", CardToken: "tok", Status: TokenFailed, MaskedPAN: "860031******1293",
				First6: "860031", Last4: "1293", Exp: "2602"}, false},
		{"no token", `{"status":"active","pan":"8600313260861293"}`, nil, true},
		{"no status", `{"card_token":"t"}`, nil, true},
		{"not JSON with a PAN", `{"pan":"8600313260861293",`, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseBindNotification([]byte(tt.body))
			if tt.wantErr {
				if !errors.Is(err, ErrNotification) {
					t.Fatalf("got %v, want ErrNotification", err)
				}
				if strings.Contains(err.Error(), "8600313260861293") {
					t.Errorf("error %q shows the PAN", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range diff(got, tt.want) {
				t.Error(d)
			}
		})
	}
}

func TestParseAcceptAnswer(t *testing.T) {
	tests := []struct {
		body    string
		capture bool
		final   string
		wantErr bool
	}{
		{`{"accept_status":"capture","final_amount":1000.00}`, true, "1000", false},
		{`{"accept_status":"CANCEL"}`, false, "", false},
		{`{"accept_status":"capture","final_amount":"999.5"}`, true, "999.5", false},
		{`{"accept_status":"ok"}`, false, "", true},
		{`{}`, false, "", true},
		{`OK`, false, "", true},
	}
	for _, tt := range tests {
		got, err := ParseAcceptAnswer([]byte(tt.body))
		if tt.wantErr {
			if err == nil {
				t.Errorf("%s: got %+v, want an error", tt.body, got)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tt.body, err)
			continue
		}
		if got.Capture != tt.capture || (tt.final == "") != (got.FinalAmount == nil) ||
			(got.FinalAmount != nil && !got.FinalAmount.Equal(dec(tt.final))) {
			t.Errorf("%s: got %+v", tt.body, got)
		}
	}
}
