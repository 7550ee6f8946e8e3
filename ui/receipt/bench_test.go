package receipt

import "testing"

func BenchmarkText(b *testing.B) {
	r := mustReceipt(b, paidSale(), opts(Russian))
	b.ReportAllocs()
	for b.Loop() {
		_ = r.Text(42)
	}
}

func BenchmarkESCPOS(b *testing.B) {
	r := mustReceipt(b, paidSale(), opts(Russian))
	b.ReportAllocs()
	for b.Loop() {
		_ = r.ESCPOS(42)
	}
}

func BenchmarkFromPayment(b *testing.B) {
	p := paidSale()
	o := opts(Uzbek)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := FromPayment(p, o); err != nil {
			b.Fatal(err)
		}
	}
}
