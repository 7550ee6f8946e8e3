package octo

import (
	"context"
	"strings"
	"testing"
)

// OCTO requires user_id, phone and email whenever user_data is sent
// (REFERENCE §2.1): a half-filled one never leaves the client.
func TestPreparePaymentRefusesHalfFilledUserData(t *testing.T) {
	tests := []struct {
		name string
		u    UserData
		want string
	}{
		{"no user_id", UserData{Phone: "998901234567", Email: "qa@example.uz"}, "user_id missing"},
		{"no phone", UserData{UserID: "u", Email: "qa@example.uz"}, "phone missing"},
		{"no email, no phone", UserData{UserID: "u"}, "phone, email missing"},
		{"phone with +", UserData{UserID: "u", Phone: "+998901234567", Email: "qa@example.uz"}, "12 digits"},
		{"bad email", UserData{UserID: "u", Phone: "998901234567", Email: "qa"}, "user_data.email"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t, answer(200, `{"error":0,"data":{"status":"created"}}`))
			c, _ := f.client()
			u := tt.u
			_, err := c.PreparePayment(context.Background(), PrepareParams{ShopTransactionID: "t", TotalSum: dec("1000"), User: &u})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want an error with %q", err, tt.want)
			}
			if n := f.count(); n != 0 {
				t.Errorf("%d requests sent", n)
			}
		})
	}
	f := newFake(t, answer(200, `{"error":0,"data":{"status":"created"}}`))
	c, _ := f.client()
	_, err := c.PreparePayment(context.Background(), PrepareParams{ShopTransactionID: "t", TotalSum: dec("1000"),
		User: &UserData{UserID: "998901234567", Phone: "998901234567", Email: "qa@example.uz"}})
	if err != nil {
		t.Fatal(err)
	}
	if body := string(f.last(t).Body); !strings.Contains(body, `"user_data":{"user_id":"998901234567","phone":"998901234567","email":"qa@example.uz"}`) {
		t.Errorf("body %s", body)
	}
}
