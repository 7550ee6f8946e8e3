package octo

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// One row per documented quirk of OCTO's answers (REFERENCE §6, §8).
func TestDecodeQuirks(t *testing.T) {
	tests := []struct {
		name string
		body string
		dec  func(body []byte) (any, error)
		want any
	}{
		{"data wins over the duplicated top level",
			`{"error":0,"data":{"status":"succeeded","total_sum":1000.0},"status":"created","total_sum":5,"octo_payment_UUID":"u-top"}`,
			asAny(decodePaymentInfo), &PaymentInfo{Status: StatusSucceeded, TotalSum: dec("1000"), PaymentUUID: "u-top", TotalSumGiven: true}},
		{"flat old-style envelope without data",
			`{"error":0,"status":"waiting_for_capture","shop_transaction_id":"s","octo_payment_UUID":"u","total_sum":"250.5"}`,
			asAny(decodePaymentInfo), &PaymentInfo{Status: StatusWaitingForCapture, ShopTransactionID: "s", PaymentUUID: "u", TotalSum: dec("250.5"), TotalSumGiven: true}},
		{"data null with error 0 reads the top level",
			`{"error":0,"errMessage":null,"data":null,"status":"canceled","octo_payment_UUID":"u"}`,
			asAny(decodePaymentInfo), &PaymentInfo{Status: StatusCanceled, PaymentUUID: "u"}},
		{"error 0 as a string", `{"error":"0","data":{"status":"created"}}`,
			asAny(decodePaymentInfo), &PaymentInfo{Status: StatusCreated}},
		{"amount as an integer", `{"error":0,"data":{"total_sum":1803971}}`,
			asAny(decodePaymentInfo), &PaymentInfo{TotalSum: dec("1803971"), TotalSumGiven: true}},
		{"amount with 2 decimals", `{"error":0,"data":{"total_sum":1000.00,"transfer_sum":980.01}}`,
			asAny(decodePaymentInfo), &PaymentInfo{TotalSum: dec("1000"), TransferSum: dec("980.01"), TotalSumGiven: true, TransferSumGiven: true}},
		{"amount with 4 decimals", `{"error":0,"data":{"fee":20.0000,"transferSum":980.0000}}`,
			asAny(decodePayment), &Payment{Fee: dec("20"), TransferSum: dec("980"), FeeGiven: true, TransferSumGiven: true}},
		{"amount as a string", `{"error":0,"data":{"total_sum":"1000.50","refunded_sum":""}}`,
			asAny(decodePaymentInfo), &PaymentInfo{TotalSum: dec("1000.5"), TotalSumGiven: true}},
		{"amount beyond float64 precision stays exact", `{"error":0,"data":{"total_sum":90071992547409.93}}`,
			asAny(decodePaymentInfo), &PaymentInfo{TotalSum: dec("90071992547409.93"), TotalSumGiven: true}},
		{"amount in exponent form", `{"error":0,"data":{"total_sum":1.5e3}}`,
			asAny(decodePaymentInfo), &PaymentInfo{TotalSum: dec("1500"), TotalSumGiven: true}},
		{"zero money is given money, null and absent are not", `{"error":0,"data":{"status":"canceled","total_sum":40000.00,"transfer_sum":0.00,"refunded_sum":null}}`,
			asAny(decodePaymentInfo), &PaymentInfo{Status: StatusCanceled, TotalSum: dec("40000"), TotalSumGiven: true, TransferSumGiven: true}},
		{"zero fee given, transferSum null", `{"error":0,"data":{"fee":0,"transferSum":null}}`,
			asAny(decodePayment), &Payment{FeeGiven: true}},
		{"id and verifyId as strings", `{"error":0,"data":{"id":"5520","status":"created"}}`,
			asAny(decodePayment), &Payment{ID: 5520, Status: StatusCreated}},
		{"id as a float-looking integer", `{"error":0,"data":{"id":5520.0}}`,
			asAny(decodePayment), &Payment{ID: 5520}},
		{"verifyId and secondsLeft as strings", `{"error":0,"data":{"verifyId":"819","phone":"+998** *****33","secondsLeft":"221"}}`,
			asAny(decodeVerification), &Verification{VerifyID: 819, Phone: "+998** *****33", SecondsLeft: 221}},
		{"status in capitals", `{"error":0,"data":{"status":"SUCCEEDED"}}`,
			asAny(decodePaymentInfo), &PaymentInfo{Status: StatusSucceeded}},
		{"cancelled with two Ls", `{"error":0,"data":{"status":"cancelled"}}`,
			asAny(decodePaymentInfo), &PaymentInfo{Status: StatusCanceled}},
		{"waiting_user_action typo", `{"error":0,"data":{"status":"waiting_user_action"}}`,
			asAny(decodePaymentInfo), &PaymentInfo{Status: StatusWaitUserAction}},
		{"accept_status echoed as status", `{"error":0,"data":{"status":"capture"}}`,
			asAny(decodePaymentInfo), &PaymentInfo{Status: StatusSucceeded}},
		{"unknown status kept", `{"error":0,"data":{"status":"Payment_In_Process"}}`,
			asAny(decodePaymentInfo), &PaymentInfo{Status: Status("payment_in_process")}},
		{"peyedTime (sic) in ms", `{"error":0,"data":{"peyedTime":1732700437809}}`,
			asAny(decodePayment), &Payment{PayedTime: time.UnixMilli(1732700437809)}},
		{"payedTime spelled right", `{"error":0,"data":{"payedTime":"1732700437809"}}`,
			asAny(decodePayment), &Payment{PayedTime: time.UnixMilli(1732700437809)}},
		{"ms timestamps as strings", `{"error":0,"data":{"createTime":"1732700367802","expireTime":1732701267781}}`,
			asAny(decodePayment), &Payment{CreateTime: time.UnixMilli(1732700367802), ExpireTime: time.UnixMilli(1732701267781)}},
		{"payed_time in Tashkent wall time", `{"error":0,"data":{"payed_time":"2024-12-18 16:15:34"}}`,
			asAny(decodePaymentInfo), &PaymentInfo{PayedTime: time.Date(2024, 12, 18, 11, 15, 34, 0, time.UTC)}},
		{"secondsLeft 0 is expired", `{"error":0,"errMessage":"","data":{"verifyId":819,"secondsLeft":0}}`,
			asAny(decodeVerification), &Verification{VerifyID: 819}},
		{"negative secondsLeft is expired", `{"error":0,"data":{"verifyId":819,"secondsLeft":-5}}`,
			asAny(decodeVerification), &Verification{VerifyID: 819}},
		{"old refund envelope status ok", `{"error":0,"status":"ok","octo_payment_UUID":"u","refund_id":"r","refund_time":"2018-03-30 13:22:33"}`,
			asAny(decodeRefund), &Refund{PaymentUUID: "u", RefundID: "r", Status: RefundOK, RefundTime: time.Date(2018, 3, 30, 13, 22, 33, 0, Tashkent)}},
		{"refund status in capitals", `{"error":0,"data":{"status":"Pending"}}`,
			asAny(decodeRefund), &Refund{Status: RefundPending}},
		{"token status in data", `{"error":0,"data":{"status":"BLOCKED"}}`,
			func(b []byte) (any, error) { return decodeTokenStatus("t", 200, b) }, TokenBlocked},
		{"isTest or test", `{"error":0,"data":{"isTest":true,"test":false,"autoCapture":"true"}}`,
			asAny(decodePayment), &Payment{Test: true, AutoCapture: true}},
		{"card info absent", `{"error":0,"data":{"details":null}}`,
			asAny(decodePayment), &Payment{}},
		{"fiscal createTime string and numbers as strings", `{"error":0,"data":{"code":"0","receiptId":"2121","phone":998781290011}}`,
			asAny(decodeFiscal), &FiscalData{ReceiptID: 2121, Phone: "998781290011"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.dec([]byte(tt.body))
			if err != nil {
				t.Fatalf("got error %v", err)
			}
			for _, d := range diff(got, tt.want) {
				t.Error(d)
			}
		})
	}
}

func TestUnknownStatusIsNeverSuccess(t *testing.T) {
	for _, s := range []string{"process_action", "refunded", "waiting_pay", "", "succeeded_maybe", "paid"} {
		st := ParseStatus(s)
		if st == StatusSucceeded || st.IsFinal() || st.Known() {
			t.Errorf("ParseStatus(%q) = %q: known=%v final=%v; an unknown status must stay unknown", s, st, st.Known(), st.IsFinal())
		}
	}
}

// Where the message of an error comes from.
func TestErrorMessageSources(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"errMessage first", `{"error":2,"errMessage":"Wrong secret","errorMessage":"old","apiMessageForDevelopers":"dev"}`, "Wrong secret"},
		{"errorMessage when errMessage is null", `{"error":2,"errMessage":null,"errorMessage":"Wrong secret"}`, "Wrong secret"},
		{"errorMessage when errMessage is empty", `{"error":2,"errMessage":"  ","errorMessage":"Wrong secret"}`, "Wrong secret"},
		{"apiMessageForDevelopers last", `{"error":4,"apiMessageForDevelopers":"Внутренняя ошибка"}`, "Внутренняя ошибка"},
		{"no message at all", `{"error":1}`, ""},
		{"code as a string", `{"error":"6","errMessage":"token is not active"}`, "token is not active"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := decodePaymentInfo("set_accept", 200, []byte(tt.body))
			var oe *Error
			if !errors.As(err, &oe) {
				t.Fatalf("got %v, want *Error", err)
			}
			if oe.Message != tt.want || oe.Method != "set_accept" {
				t.Errorf("got method %q message %q, want %q", oe.Method, oe.Message, tt.want)
			}
			if !strings.HasPrefix(oe.Error(), "set_accept: error ") {
				t.Errorf("Error() = %q", oe.Error())
			}
		})
	}
}

// Answers that are not OCTO's JSON are transport errors that may have
// reached OCTO, never business errors and never success.
func TestDecodeRejectsWhatIsNotAnEnvelope(t *testing.T) {
	for _, body := range []string{
		``, `<html>Forbidden</html>`, `null`, `[1,2]`, `"ok"`,
		`{"timestamp":"2024-01-01","status":403,"error":"Forbidden","path":"/check_status"}`,
		`{"error":0,"data":{"total_sum":"12abc"}}`,
		`{"error":0,"data":{"total_sum":{"a":1}}}`,
		`{"error":0,"data":{"id":"five"}}`,
		`{"error":0,"data":{"createTime":"yesterday"}}`,
		`{"error":0,"data":{"total_sum":1e999999}}`,
	} {
		_, err := decodePaymentInfo("prepare_payment", 200, []byte(body))
		if _, err2 := decodePayment("pay", 200, []byte(body)); err == nil {
			err = err2
		}
		var te *TransportError
		if !errors.As(err, &te) || !te.Sent {
			t.Errorf("%s: got %v, want a TransportError with Sent", body, err)
		}
	}
}
