package octo

import (
	"context"
	"errors"
	"net/http"
	"regexp"
	"testing"
	"time"
)

func TestFixturesRepairIntoJSON(t *testing.T) {
	fx := allFixtures(t)
	if len(fx) < 28 {
		t.Fatalf("got %d fixtures, want at least the 28 examples of the three pages", len(fx))
	}
}

func TestNormalizeJSONC(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"comment", "{\n\"a\": 1, // x\n\"b\": \"//not a comment\"\n}", "{\n\"a\": 1,\n\"b\": \"//not a comment\"\n}"},
		{"swallowed comma", "{\n\"a\": \"x\" // y,\n\"b\": 2\n}", "{\n\"a\": \"x\",\n\"b\": 2\n}"},
		{"curly quotes", "{“a” : 1}", `{"a" : 1}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(normalizeJSONC([]byte(tt.in))); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// Every documented answer, decoded by the decoder of its method.
func TestDecodeDocumentedAnswers(t *testing.T) {
	payCreated := &Payment{
		ID: 5520, UUID: "04b7f6dd-4693-4afa-96e9-f42790413de7", ShopTransactionID: "638421f6-dbc0-4875-8ff9-c6ffe3766087",
		Status: StatusCreated, Currency: "UZS", Description: "TEST_PAYMENT",
		InitialSum: dec("1000"), TotalSum: dec("1000"), AutoCapture: true,
		CreateTime: time.UnixMilli(1732700367802), ExpireTime: time.UnixMilli(1732701267781),
		RedirectURL: "https://pay2.octo.uz/uzcard/sms/04b7f6dd-4693-4afa-96e9-f42790413de7",
		TransType:   "SMS", First6: "860031", Last4: "1293", CardHolder: "CardHolder Name", IssuerCountry: "UZ",
	}
	payTokenCreated := *payCreated
	payTokenCreated.RiskLevel = -1
	paySucceeded := &Payment{
		ID: 5520, UUID: "04b7f6dd-4693-4afa-96e9-f42790413de7", ShopTransactionID: "638421f6-dbc0-4875-8ff9-c6ffe3766087",
		Status: StatusSucceeded, Method: MethodUzcard, Currency: "UZS", Description: "TEST_PAYMENT",
		InitialSum: dec("1000"), TotalSum: dec("1000"), Fee: dec("20"), TransferSum: dec("980"), FeeGiven: true, TransferSumGiven: true, AutoCapture: true,
		CreateTime: time.UnixMilli(1732700367802), ExpireTime: time.UnixMilli(1732701267781), PayedTime: time.UnixMilli(1732700437809),
		RedirectURL: "https://dev-pay.octo.uz/status/04b7f6dd-4693-4afa-96e9-f42790413de7",
		TransType:   "SMS", CardType: "uzcard", Commission: dec("2.00"), ProvCode: "uzcard",
		ProcessingRef: "1732700437604_5520",
	}
	wrongSecret := &Error{Code: CodeAuth, Message: "Wrong secret", HTTPStatus: 200}
	tests := []struct {
		fixture string
		decode  func(body []byte) (any, error)
		want    any
		wantErr *Error
	}{
		{"s0_pay_token_response", asAny(decodePayment), &payTokenCreated, nil},
		{"s0_pay_token_error", asAny(decodePayment), nil, wrongSecret},
		{"s1_prepare_payment_response", asAny(decodePaymentInfo), &PaymentInfo{
			ShopTransactionID: "c9211e0f-c6ba-4d97-b8be-fb230ef3985b", PaymentUUID: "e3f40dc3-4955-412a-853a-2ddd28d3201f",
			Status: StatusCreated, PayURL: "https://pay2.octo.uz/pay/e3f40dc3-4955-412a-853a-2ddd28d3201f?language=uz",
			TotalSum: dec("1000"), TotalSumGiven: true,
		}, nil},
		{"s1_prepare_payment_error", asAny(decodePaymentInfo), nil, wrongSecret},
		{"s1_pay_response", asAny(decodePayment), payCreated, nil},
		{"s1_pay_error", asAny(decodePayment), nil, wrongSecret},
		{"s1_verification_info_response", asAny(decodeVerification), &Verification{VerifyID: 819, Phone: "+998** *****33", SecondsLeft: 221}, nil},
		{"s1_verification_info_expired", asAny(decodeVerification), &Verification{VerifyID: 819, Phone: "+998** *****33", SecondsLeft: 0}, nil},
		{"s1_check_sms_key_response", asAny(decodePayment), paySucceeded, nil},
		{"s1_check_sms_key_error", asAny(decodePayment), nil, wrongSecret},
		{"s1_set_accept_response", asAny(decodePaymentInfo), &PaymentInfo{
			ShopTransactionID: "6354c573-040a-490f-8d1f-2bb5c89b6d9d", PaymentUUID: "6b6b4477-ab8b-49dc-97eb-638b15b9b3e9",
			Status: StatusSucceeded, PayURL: "https://dev-pay.octo.uz/pay/6b6b4477-ab8b-49dc-97eb-638b15b9b3e9?language=uz",
			TotalSum: dec("1000"), TransferSum: dec("980"), PayedTime: time.Date(2024, 12, 18, 16, 15, 34, 0, Tashkent),
			TotalSumGiven: true, TransferSumGiven: true,
		}, nil},
		{"s1_set_accept_error", asAny(decodePaymentInfo), nil, wrongSecret},
		{"s2_bind_card_response", asAny(decodeBinding), &Binding{
			Status: StatusCreated, ShopTransactionID: "d87f4hd8d76f4h58d", PaymentUUID: "1145df74-bb95-47cf-a616-8d6dcee2e222",
			PayURL: "https://pay.octo.uz/pay_wisard/1145df74-bb95-47cf-a616-8d6dcee2e222", CardToken: "sdf9g87sd6f9g876sdf9g876sdf98g",
		}, nil},
		{"s2_verification_info_response", asAny(decodeVerification), &Verification{VerifyID: 9437386, Phone: "+998** *****04", SecondsLeft: 231}, nil},
		{"s2_bind_check_sms_key_response", asAny(decodeBinding), &Binding{
			Status: StatusCreated, ShopTransactionID: "d87f4hd8d76f4h58d", PaymentUUID: "1145df74-bb95-47cf-a616-8d6dcee2e222",
			PayURL: "https://pay.octo.uz/pay_wisard/1145df74-bb95-47cf-a616-8d6dcee2e222", CardToken: "sdf9g87sd6f9g876sdf9g876sdf98g",
		}, nil},
		{"s2_block_card_token_response", func(b []byte) (any, error) {
			s, err := decodeTokenStatus("block_card_token", 200, b)
			return s, err
		}, TokenBlocked, nil},
		// Reconstructed from REFERENCE.md's quotes of other pages.
		{"ref_status_response", asAny(decodePaymentInfo), &PaymentInfo{
			ShopTransactionID: "c9211e0f-c6ba-4d97-b8be-fb230ef3985b", PaymentUUID: "e3f40dc3-4955-412a-853a-2ddd28d3201f", Status: StatusCreated,
		}, nil},
		{"ref_status_error", asAny(decodePaymentInfo), nil, wrongSecret},
		{"ref_set_accept_old_response", asAny(decodePaymentInfo), &PaymentInfo{
			ShopTransactionID: "6354c573-040a-490f-8d1f-2bb5c89b6d9d", PaymentUUID: "6b6b4477-ab8b-49dc-97eb-638b15b9b3e9",
			Status: StatusSucceeded, PayURL: "https://pay.octo.uz/6b6b4477-ab8b-49dc-97eb-638b15b9b3e9",
		}, nil},
		{"ref_refund_response", asAny(decodeRefund), &Refund{
			PaymentUUID: "6b6b4477-ab8b-49dc-97eb-638b15b9b3e9", RefundID: "9ddd3b8e-2f6a-4c61-9a55-0c7d1e2f3a4b",
			RefundTime: time.Date(2024, 12, 18, 16, 59, 39, 0, Tashkent), Status: RefundSucceeded,
		}, nil},
		{"ref_refund_old_response", asAny(decodeRefund), &Refund{
			PaymentUUID: "6b6b4477-ab8b-49dc-97eb-638b15b9b3e9", RefundID: "72b7ab2e-9f0c-4d6e-8a51-3c2d1e0f9a8b",
			RefundTime: time.Date(2018, 3, 30, 13, 22, 33, 0, Tashkent), Status: RefundOK,
		}, nil},
		{"ref_check_pan_response", asAny(decodeVerification), &Verification{VerifyID: 856, Phone: "+998** *****33", SecondsLeft: 120}, nil},
		{"ref_check_pan_error", asAny(decodeVerification), nil, &Error{Code: CodeResendLimit, Message: "Maximum number of SMS resend attempts", HTTPStatus: 200}},
		{"ref_fiscal_response", asAny(decodeFiscal), &FiscalData{
			Phone: "998781290011", Code: 0, Message: "accepted", TerminalID: "EZ000000000102", ReceiptID: 2121,
			DateTime: "20220929013159", FiscalSign: "420808230750",
			QRCodeURL: "https://ofd.soliq.uz/epi?t=EZ000000000102&r=2121&c=20220929013159&s=420808230750",
		}, nil},
		{"ref_fiscal_error", asAny(decodeFiscal), nil, &Error{Code: 403, HTTPStatus: 200,
			Message: "Fiscal object with merchant ID 242 spic : 00305001001000000 package code : 1425207 nds : 1 inn : 123456 pinfl : null not contains in system"}},
		{"ref_too_often", asAny(decodePaymentInfo), nil, &Error{Code: 11, Message: "Requests too often. Minimum delay is 1 second", HTTPStatus: 200}},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			got, err := tt.decode(fixture(t, tt.fixture))
			if tt.wantErr != nil {
				var oe *Error
				if !errors.As(err, &oe) {
					t.Fatalf("got error %v, want *Error %v", err, tt.wantErr)
				}
				oe.Method = ""
				for _, d := range diff(oe, tt.wantErr) {
					t.Error(d)
				}
				return
			}
			if err != nil {
				t.Fatalf("got error %v", err)
			}
			for _, d := range diff(got, tt.want) {
				t.Error(d)
			}
		})
	}
}

func asAny[T any](f func(string, int, []byte) (T, error)) func([]byte) (any, error) {
	return func(b []byte) (any, error) {
		v, err := f("test", 200, b)
		if err != nil {
			return nil, err
		}
		return v, nil
	}
}

func TestDecodeDocumentedNotifications(t *testing.T) {
	n, err := ParseNotification(fixture(t, "ref_notification"))
	if err != nil {
		t.Fatal(err)
	}
	phys := true
	for _, d := range diff(n, &Notification{
		ShopTransactionID: "0000_0000_0000_0000_0010", PaymentUUID: "e3f40dc3-4955-412a-853a-2ddd28d3201f",
		Status: StatusSucceeded, RawStatus: "succeeded", Signature: "64F35398F22FE63FE780583F8BEEDE170094CE5D",
		HashKey: "e27d3f79-3189-44e9-8a66-566a141025df", TotalSum: dec("1"), TransferSum: dec("0.97"),
		MaskedPAN: "427831******3011", CardType: "internationalVisa", CardCountry: "UZ", RRN: "433712345678",
		PayedTime: time.Date(2024, 12, 2, 14, 5, 9, 0, Tashkent), IsPhysicalCard: &phys,
	}) {
		t.Error(d)
	}

	p, err := ParseNotification(fixture(t, "ref_notification_production"))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range diff(p, &Notification{
		ShopTransactionID: "booking_163_a1b2c3", PaymentUUID: "5d1c0e9a-7b2f-4c3d-9e8f-0a1b2c3d4e5f",
		Status: StatusSucceeded, RawStatus: "succeeded", Signature: "3C0A4A43D1E2F5B6A7980C1D2E3F4A5B6C7D8E9F",
		HashKey: "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", TotalSum: dec("1803971"), TransferSum: dec("1740832.02"),
		MaskedPAN: "552102******9488", CardType: "internationalMC", CardCountry: "AE", CardVendor: "Master Card",
		RRN: "616612345678", Currency: "UZS", RiskLevel: -1, PayedTime: time.Date(2026, 6, 13, 11, 42, 7, 0, Tashkent),
	}) {
		t.Error(d)
	}

	b, err := ParseBindNotification(fixture(t, "s2_bind_notification"))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range diff(b, &BindNotification{
		ShopTransactionID: "d87f4hd8d76f4h58d", CardToken: "sdf9g87sd6f9g876sdf9g876sdf98g", Status: TokenActive,
		MaskedPAN: "427638******1025", First6: "427638", Last4: "1025", Exp: "2006", CardHolderName: "BOB MARLEY",
	}) {
		t.Error(d)
	}

	cb, err := ParseAcceptAnswer(fixture(t, "s1_callback_request"))
	if err != nil {
		t.Fatal(err)
	}
	if !cb.Capture || cb.FinalAmount == nil || !cb.FinalAmount.Equal(dec("437278.66")) || cb.PaymentUUID != "0800a75f-1f50-4da8-9225-ae43028cbad1" {
		t.Errorf("callback request: got %+v", cb)
	}
	ans, err := ParseAcceptAnswer(fixture(t, "s1_callback_answer"))
	if err != nil {
		t.Fatal(err)
	}
	if !ans.Capture || ans.FinalAmount == nil || !ans.FinalAmount.Equal(dec("1000")) {
		t.Errorf("callback answer: got %+v", ans)
	}
}

func TestAcceptAnswerMatchesTheDocumentedAnswer(t *testing.T) {
	amt := dec("1000")
	got := decodeGeneric(t, AcceptAnswer(true, &amt))
	want := decodeGeneric(t, fixture(t, "s1_callback_answer"))
	for _, d := range compareJSON("", got, want, false) {
		t.Error(d)
	}
	if s := string(AcceptAnswer(true, &amt)); s != `{"accept_status":"capture","final_amount":1000.00}` {
		t.Errorf("got %s", s)
	}
	if s := string(AcceptAnswer(false, nil)); s != `{"accept_status":"cancel"}` {
		t.Errorf("got %s", s)
	}
}

// The requests the client encodes, compared field by field with the
// documentation's examples.
func TestEncodedRequestsMatchTheDocumentedExamples(t *testing.T) {
	tashkent0917 := time.Date(2024, 5, 2, 9, 17, 0, 0, Tashkent)
	tests := []struct {
		name     string
		fixture  string
		shopID   int64
		secret   string
		reply    string
		call     func(ctx context.Context, c *Client) error
		wantPath string
		subset   bool
	}{
		{
			name: "prepare_payment", fixture: "s1_prepare_payment_request", shopID: 123, secret: testSecret,
			reply: `{"error":0,"data":{"status":"created"}}`, wantPath: "/prepare_payment",
			call: func(ctx context.Context, c *Client) error {
				_, err := c.PreparePayment(ctx, PrepareParams{
					ShopTransactionID: "0000_0000_0000_0000_0010", AutoCapture: true, Test: false,
					InitTime: tashkent0917.UTC(), // given in UTC, sent in Tashkent time
					User:     &UserData{UserID: "Johnny Depp", Phone: "998901234567", Email: "octo@mail.com"},
					TotalSum: dec("1000.0"), Currency: "UZS", Description: "TEST_PAYMENT",
					Basket: []BasketItem{
						{PositionDesc: "Йогурт MANON клубничный", Count: 2, Price: dec("10"), SPIC: "special_information_for_position"},
						{PositionDesc: "Йогурт MANON банановый", Count: 1, Price: dec("20.0"), SPIC: "special_information_for_position"},
					},
					PaymentMethods: []Method{MethodBankCard, MethodUzcard, MethodHumo},
					TSPID:          18, ReturnURL: "https://octo.uz", NotifyURL: "https://notify-url.uz", Language: "uz", TTLMinutes: 15,
				})
				return err
			},
		},
		{
			name: "prepare_payment test flags", fixture: "s1_test_flags_request", shopID: 123, secret: testSecret, subset: true,
			reply: `{"error":0,"data":{"status":"created"}}`, wantPath: "/prepare_payment",
			call: func(ctx context.Context, c *Client) error {
				_, err := c.PreparePayment(ctx, PrepareParams{ShopTransactionID: "t1", AutoCapture: true, Test: true,
					InitTime: tashkent0917, TotalSum: dec("1000"), Description: "x", Language: "uz"})
				return err
			},
		},
		{
			name: "pay with a card", fixture: "s1_pay_request", shopID: 123, secret: testSecret,
			reply: `{"error":0,"data":{"id":5520,"status":"created"}}`, wantPath: "/pay/04b7f6dd-4693-4afa-96e9-f42790413de7",
			call: func(ctx context.Context, c *Client) error {
				_, err := c.Pay(ctx, PayParams{PaymentUUID: "04b7f6dd-4693-4afa-96e9-f42790413de7", Method: MethodUzcard,
					Card:  &Card{PAN: "8600 3132 6086 1293", Exp: "2602", CVC: "", HolderName: "CardHolder Name"},
					Email: "client@mail.com"})
				return err
			},
		},
		{
			name: "pay with a token", fixture: "s0_pay_token_request", shopID: 123, secret: testSecret,
			reply: `{"error":0,"data":{"id":5520,"status":"created"}}`, wantPath: "/pay/04b7f6dd-4693-4afa-96e9-f42790413de7",
			call: func(ctx context.Context, c *Client) error {
				_, err := c.Pay(ctx, PayParams{PaymentUUID: "04b7f6dd-4693-4afa-96e9-f42790413de7", Method: MethodUzcard,
					CardToken: "TOKEN", Email: "client@mail.com"})
				return err
			},
		},
		{
			name: "check_sms_key", fixture: "s1_check_sms_key_request", shopID: 123, secret: testSecret,
			reply: `{"error":0,"data":{"id":822,"status":"succeeded"}}`, wantPath: "/check_sms_key",
			call: func(ctx context.Context, c *Client) error {
				_, err := c.CheckSMSKey(ctx, CheckSMSKeyParams{PaymentID: 822, VerifyID: 819, Code: "317168"})
				return err
			},
		},
		{
			name: "set_accept capture", fixture: "s1_set_accept_request", shopID: 123, secret: testSecret,
			reply: `{"error":0,"data":{"status":"succeeded"}}`, wantPath: "/set_accept",
			call: func(ctx context.Context, c *Client) error {
				_, err := c.Capture(ctx, "6b6b4477-ab8b-49dc-97eb-638b15b9b3e9", dec("10"))
				return err
			},
		},
		{
			name: "bind_card", fixture: "s2_bind_card_request", shopID: 242, secret: "1d45df74-bb95-47cf-a616-8d6dcee2e10d",
			reply: `{"error":0,"data":{"status":"created"}}`, wantPath: "/bind_card",
			call: func(ctx context.Context, c *Client) error {
				_, err := c.BindCard(ctx, BindCardParams{ShopTransactionID: "d87f4hd8d76f4h58d",
					Card:   Card{PAN: "4276380012341025", Exp: "2006", CVC: "123", HolderName: "BOB MARLEY"},
					Method: MethodBankCard, Phone: "99812341212", ReturnURL: "http://merchant.site.uz/return_URL",
					NotifyURL: "http://merchant.site.uz/send_me_status_URL", BindNotifyURL: "http://merchant.site.uz/send_me_status_URL"})
				return err
			},
		},
		{
			name: "bind_card/check_sms_key", fixture: "s2_bind_check_sms_key_request", shopID: 242, secret: "7236fef0-5589-487a-a228-f0756011ed1c",
			reply: `{"error":0,"data":{"status":"created"}}`, wantPath: "/bind_card/check_sms_key",
			call: func(ctx context.Context, c *Client) error {
				_, err := c.ConfirmBinding(ctx, ConfirmBindingParams{PaymentUUID: "a77e12cc-6f12-4b76-a32c-1b7c71993b56", VerifyID: 9437386, Code: "963015"})
				return err
			},
		},
		{
			name: "block_card_token", fixture: "s2_block_card_token_request", shopID: 242, secret: "1d45df74-bb95-47cf-a616-8d6dcee2e10d",
			reply: `{"error":0,"errMessage":null,"status":"blocked"}`, wantPath: "/block_card_token",
			call: func(ctx context.Context, c *Client) error {
				_, err := c.BlockCardToken(ctx, "sdf9g87sd6f9g876sdf9g876sdf98g")
				return err
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t, answer(200, tt.reply))
			c, _ := newTestClient(f.srv.URL, tt.shopID, tt.secret)
			if err := tt.call(context.Background(), c); err != nil {
				t.Fatal(err)
			}
			h := f.last(t)
			if h.Method != http.MethodPost || h.Path != tt.wantPath {
				t.Errorf("got %s %s, want POST %s", h.Method, h.Path, tt.wantPath)
			}
			for _, d := range compareJSON("", decodeGeneric(t, h.Body), decodeGeneric(t, fixture(t, tt.fixture)), tt.subset) {
				t.Error(d)
			}
		})
	}
}

// Money goes out as JSON numbers with exactly two decimals.
func TestMoneyGoesOutWithTwoDecimals(t *testing.T) {
	f := newFake(t, answer(200, `{"error":0,"data":{"status":"created"}}`))
	c, _ := f.client()
	_, err := c.PreparePayment(context.Background(), PrepareParams{ShopTransactionID: "m1", TotalSum: dec("1000"),
		Basket: []BasketItem{{PositionDesc: "a", Count: 1, Price: dec("999.5")}}})
	if err != nil {
		t.Fatal(err)
	}
	body := string(f.last(t).Body)
	for _, want := range []string{`"total_sum":1000.00`, `"price":999.50`, `"auto_capture":false`, `"test":false`, `"currency":"UZS"`} {
		if !regexp.MustCompile(regexp.QuoteMeta(want)).MatchString(body) {
			t.Errorf("body %s lacks %s", body, want)
		}
	}
	_, err = c.Capture(context.Background(), "u", dec("12.3"))
	if err != nil {
		t.Fatal(err)
	}
	if body := string(f.last(t).Body); !regexp.MustCompile(`"final_amount":12\.30\b`).MatchString(body) {
		t.Errorf("capture body %s, want final_amount 12.30", body)
	}
	_, err = c.Refund(context.Background(), RefundParams{PaymentUUID: "u", ShopRefundID: "r1", Amount: dec("7")})
	if err != nil {
		t.Fatal(err)
	}
	if body := string(f.last(t).Body); !regexp.MustCompile(`"amount":7\.00\b`).MatchString(body) {
		t.Errorf("refund body %s, want amount 7.00", body)
	}
}
