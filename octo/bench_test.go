package octo

import (
	"encoding/json"
	"testing"
	"time"
)

// The payment object (check_sms_key's answer) is OCTO's biggest payload.
func BenchmarkDecodePayment(b *testing.B) {
	body := fixture(b, "s1_check_sms_key_response")
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := decodePayment("check_sms_key", 200, body); err != nil {
			b.Fatal(err)
		}
	}
}

// The prepare_payment request is the biggest body the client encodes.
func BenchmarkEncodePrepareRequest(b *testing.B) {
	req := prepareRequest{
		ShopID: 123, Secret: testSecret, ShopTransactionID: "0000_0000_0000_0000_0010", AutoCapture: true,
		InitTime: octoTime(time.Date(2024, 5, 2, 9, 17, 0, 0, Tashkent)),
		UserData: &userDataWire{UserID: "Johnny Depp", Phone: "998901234567", Email: "octo@mail.com"},
		TotalSum: money(dec("1000")), Currency: "UZS", Description: "TEST_PAYMENT",
		Basket: []basketWire{
			{PositionDesc: "Йогурт MANON клубничный", Count: 2, Price: money(dec("10")), SPIC: "special_information_for_position"},
			{PositionDesc: "Йогурт MANON банановый", Count: 1, Price: money(dec("20")), SPIC: "special_information_for_position"},
		},
		PaymentMethods: []methodWire{{MethodBankCard}, {MethodUzcard}, {MethodHumo}},
		TSPID:          18, ReturnURL: "https://octo.uz", NotifyURL: "https://notify-url.uz", Language: "uz", TTL: 15,
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := json.Marshal(req); err != nil {
			b.Fatal(err)
		}
	}
}

// The Observer's redacted copy of the payment object.
func BenchmarkRedactPayment(b *testing.B) {
	body := fixture(b, "s1_check_sms_key_response")
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		_ = redactJSON(body, []string{testSecret, "8600313260861293"})
	}
}

func BenchmarkParseNotification(b *testing.B) {
	body := fixture(b, "ref_notification_production")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseNotification(body); err != nil {
			b.Fatal(err)
		}
	}
}
