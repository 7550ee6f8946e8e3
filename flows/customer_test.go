package flows

import (
	"errors"
	"testing"

	"github.com/octo-cashier/octo-cashier/flows/internal/octotest"
	"github.com/octo-cashier/octo-cashier/octo"
)

func TestCustomerDataAllOrNothing(t *testing.T) {
	tests := []struct {
		name                   string
		customer, phone, email string
		want                   *octo.UserData
		err                    error
	}{
		{name: "neither: no user_data"},
		{name: "both, no customer: the phone is the user_id", phone: "998901234567", email: "qa@example.uz",
			want: &octo.UserData{UserID: "998901234567", Phone: "998901234567", Email: "qa@example.uz"}},
		{name: "both with a customer id", customer: "cust-7", phone: "998901234567", email: " qa@example.uz ",
			want: &octo.UserData{UserID: "cust-7", Phone: "998901234567", Email: "qa@example.uz"}},
		{name: "e-mail alone", email: "qa@example.uz", err: ErrPhoneNeeded},
		{name: "phone alone", phone: "998901234567", err: ErrEmailNeeded},
		{name: "phone with a plus", phone: "+998901234567", email: "qa@example.uz", err: ErrPhoneFormat},
		{name: "phone too short", phone: "901234567", email: "qa@example.uz", err: ErrPhoneFormat},
		{name: "not an e-mail", phone: "998901234567", email: "qa.example.uz", err: ErrEmailFormat},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := order()
			o.Customer, o.Phone, o.Email = tt.customer, tt.phone, tt.email
			p, err := NewCardPayment(Sale, o, octo.Card{PAN: octotest.PAN, Exp: octotest.Exp})
			if !errors.Is(err, tt.err) {
				t.Fatalf("got error %v, want %v", err, tt.err)
			}
			if err != nil {
				return
			}
			_, effs, err := p.Handle(Start{})
			if err != nil {
				t.Fatal(err)
			}
			got := effs[len(effs)-1].(CallPrepare).Params.User
			switch {
			case got == nil && tt.want == nil:
			case got == nil || tt.want == nil || *got != *tt.want:
				t.Errorf("user_data: got %+v, want %+v", got, tt.want)
			}
		})
	}
}

// The e-mail goes with pay exactly when user_data went with prepare_payment.
func TestPayCarriesTheEmailOfUserData(t *testing.T) {
	for _, withUser := range []bool{false, true} {
		o := order()
		if withUser {
			o.Phone, o.Email = "998901234567", "qa@example.uz"
		}
		p, err := NewCardPayment(Sale, o, octo.Card{PAN: octotest.PAN, Exp: octotest.Exp})
		if err != nil {
			t.Fatal(err)
		}
		p = step(t, p, Start{})
		_, effs, err := p.Handle(Prepared{Info: octotest.Info(octo.StatusCreated, "1000")})
		if err != nil {
			t.Fatal(err)
		}
		pay := effs[len(effs)-1].(CallPay).Params
		if want := o.Email; pay.Email != want {
			t.Errorf("with user_data %v: pay's email %q, want %q", withUser, pay.Email, want)
		}
	}
}

// A token payment's user_id is the card owner's customer id.
func TestTokenPaymentUserIDIsTheCustomer(t *testing.T) {
	o := order()
	o.Phone, o.Email = "998901234567", "qa@example.uz"
	p, err := NewTokenPayment(Sale, o, SavedToken{Token: "tok-1", Customer: "998907654321", Method: octo.MethodUzcard})
	if err != nil {
		t.Fatal(err)
	}
	_, effs, _ := p.Handle(Start{})
	if u := effs[len(effs)-1].(CallPrepare).Params.User; u == nil || u.UserID != "998907654321" {
		t.Errorf("user_data: got %+v, want user_id 998907654321", u)
	}
}
