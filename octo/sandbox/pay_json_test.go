package sandbox

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strconv"
	"testing"

	"github.com/shopspring/decimal"
)

// fillValue sets every field under v, recursively, to a value of its own
// (text for strings), so that a field okPayment forgets shows in the
// comparison. With pointers false, pointers stay nil.
func fillValue(v reflect.Value, n *int, text func(int) string, pointers bool) {
	*n++
	switch v.Interface().(type) {
	case amount2:
		v.Set(reflect.ValueOf(amount2(decimal.New(int64(*n)*125, -2))))
		return
	case amount4:
		v.Set(reflect.ValueOf(amount4(decimal.New(int64(*n)*3, -1))))
		return
	case json.RawMessage:
		v.SetBytes([]byte(`[{"name": "` + strconv.Itoa(*n) + ` <x> & y", "price": 1000.5}]`))
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(text(*n))
	case reflect.Int, reflect.Int64:
		v.SetInt(int64(*n) * 1000003)
	case reflect.Bool:
		v.SetBool(*n%2 == 1)
	case reflect.Pointer:
		if pointers {
			v.Set(reflect.New(v.Type().Elem()))
			fillValue(v.Elem(), n, text, pointers)
		}
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		fillValue(v.Index(0), n, text, pointers)
		fillValue(v.Index(1), n, text, pointers)
	case reflect.Struct:
		for i := range v.NumField() {
			fillValue(v.Field(i), n, text, pointers)
		}
	default:
		panic("fillValue: add " + v.Type().String())
	}
}

func TestOKPaymentMatchesMarshal(t *testing.T) {
	texts := map[string]func(int) string{
		"plain":   func(n int) string { return "v" + strconv.Itoa(n) },
		"escaped": func(n int) string { return `<a href="x">&` + strconv.Itoa(n) + "\\ \u2028 \u2029 \t é \xff" },
		"empty":   func(int) string { return "" },
	}
	var objects []*paymentObject
	objects = append(objects, &paymentObject{}, &paymentObject{Details: &paymentDetails{}})
	for _, text := range texts {
		for _, pointers := range []bool{true, false} {
			o := &paymentObject{}
			n := 0
			fillValue(reflect.ValueOf(o).Elem(), &n, text, pointers)
			objects = append(objects, o)
		}
	}
	for i, o := range objects {
		want := marshal(okEnvelope{Data: o})
		if got := okPayment(o); !bytes.Equal(got, want) {
			t.Errorf("object %d:\n got %s\nwant %s", i, got, want)
		}
	}
}

// A value encoding/json refuses (a basket that is not JSON) makes the
// answer OCTO's internal error, as marshal does — never a success with a
// null where the basket was.
func TestOKPaymentRefusedValueIsInternalError(t *testing.T) {
	got := okPayment(&paymentObject{Basket: json.RawMessage(`[{"name":`)})
	if !bytes.Equal(got, internalErrorAnswer()) {
		t.Fatalf("answer: %s", got)
	}
}
