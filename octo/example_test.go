package octo_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"

	"github.com/shopspring/decimal"

	"github.com/octo-cashier/octo-cashier/octo"
)

// A one-stage payment on OCTO's page, then a status read. The server here
// stands in for OCTO (or the sandbox) and answers like S1's example.
func Example() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = io.WriteString(w, `{"error":0,"data":{"shop_transaction_id":"order-42","octo_payment_UUID":"e3f40dc3",`+
			`"status":"created","octo_pay_url":"https://pay2.octo.uz/pay/e3f40dc3?language=uz","total_sum":1000.0}}`)
	}))
	defer srv.Close()

	c := octo.NewClient(123, "shop-secret", octo.WithBaseURL(srv.URL))
	info, err := c.PreparePayment(context.Background(), octo.PrepareParams{
		ShopTransactionID: "order-42", AutoCapture: true, Test: true,
		TotalSum: decimal.RequireFromString("1000"), Description: "Coffee", Language: "uz",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(info.Status, info.TotalSum.StringFixed(2), info.PayURL)
	// Output: created 1000.00 https://pay2.octo.uz/pay/e3f40dc3?language=uz
}

func ExampleMaskPAN() {
	fmt.Println(octo.MaskPAN("8600 3132 6086 1293"))
	fmt.Println(octo.MaskPAN("427831** **** 3011"))
	// Output:
	// 860031******1293
	// 427831******3011
}

func ExampleAcceptAnswer() {
	final := decimal.RequireFromString("950")
	fmt.Println(string(octo.AcceptAnswer(true, &final)))
	fmt.Println(string(octo.AcceptAnswer(false, nil)))
	// Output:
	// {"accept_status":"capture","final_amount":950.00}
	// {"accept_status":"cancel"}
}

func ExampleVerifyNotification() {
	n, err := octo.ParseNotification([]byte(`{"octo_payment_UUID":"e3f40dc3-4955-412a-853a-2ddd28d3201f","status":"succeeded",` +
		`"signature":"a9d6b5148811e8df682d1ba2ac81a42e87d01df8","total_sum":1000}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(octo.VerifyNotification(octo.RecipeUniqueKey, "uk-7f3a", n), n.Status, n.TotalSum)
	// Output: true succeeded 1000
}

// After a timeout on an unsafe call the outcome is unknown: read the
// status instead of paying again.
func ExampleMayHaveReached() {
	err := error(&octo.TransportError{Method: "pay", Sent: true, Err: context.DeadlineExceeded})
	if octo.MayHaveReached(err) {
		fmt.Println("outcome unknown: read the status, do not pay again")
	}
	// Output: outcome unknown: read the status, do not pay again
}
