package ui

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/octo-cashier/octo-cashier/flows"
)

// reportRow is one line of a shift report: a bucket's total, then the
// same per channel.
type reportRow struct {
	label   string
	channel bool // a channel's line under its bucket
	count   int64
	amount  decimal.Decimal
	noCount bool   // a sum without a count (net takings, fees)
	missing string // shown instead of the amount (a fee a Z report did not record)
	strong  bool   // what the manager reads first
}

// holdsLabel names the holds a report counts: open now (X), or at closing (Z).
func holdsLabel(r flows.Report) string {
	if r.No > 0 {
		return "Holds open at closing"
	}
	return "Holds open now"
}

// summaryRows are what the shift took, before the detail: gross sales
// (sales and captures), refunds, net takings (what stays charged), OCTO's
// fees and what goes to the shop; then the holds waiting now and those
// of them past their expiry.
func summaryRows(l Lang, r flows.Report) []reportRow {
	nSold, _ := r.Total(flows.BucketSold)
	nCaptured, _ := r.Total(flows.BucketCaptured)
	nRefunds, refunded := r.Refunds()
	rows := []reportRow{
		{label: l.T("Gross: sales and captures"), count: nSold + nCaptured, amount: r.Gross()},
		{label: l.T("Refunds"), count: nRefunds, amount: refunded.Neg()},
		{label: l.T("Net takings"), amount: r.Net(), noCount: true, strong: true},
		{label: l.T("OCTO fees"), amount: r.Fees().Neg(), noCount: true},
		{label: l.T("To the shop"), amount: r.ToShop(), noCount: true, strong: true},
	}
	if !r.WithFees {
		// A Z report stored before the money journal did not record them.
		rows[3].missing, rows[4].missing = l.T("not recorded"), l.T("not recorded")
	}
	rows = append(rows,
		reportRow{label: l.T(holdsLabel(r)), count: r.Holds.Count, amount: r.Holds.Amount},
		reportRow{label: l.T("of them expired"), channel: true, count: r.Expired.Count, amount: r.Expired.Amount})
	return rows
}

// reportBuckets are the report's buckets in the order they are listed;
// the ones marked always show even when empty, so every report has the
// same shape (declined and unfinished payments show only when there are).
var reportBuckets = []struct {
	bucket, label string
	always        bool
}{
	{flows.BucketSold, "Sales", true},
	{flows.BucketHeld, "Held, open", true},
	{flows.BucketCaptured, "Captured holds", true},
	{"released", "Released (part captures)", true},
	{flows.BucketCanceled, "Canceled holds", true},
	{"refunded", "Refunds", true},
	{flows.BucketUnknown, "Unknown outcome", true},
	{flows.BucketDeclined, "Declined payments", false},
	{flows.BucketOpen, "Not finished", false},
}

// channelLabels name the report's channels.
var channelLabels = map[string]string{
	flows.ChannelUzcard: "Uzcard", flows.ChannelHumo: "Humo", flows.ChannelVisa: "Visa",
	flows.ChannelMastercard: "Mastercard", flows.ChannelCard: "other card", flows.ChannelToken: "saved card (token)",
	flows.ChannelPhone: "customer's phone",
}

// reportRows lays out a report: each bucket, then its channels. Released
// and refunded money are not buckets of their own in the journal (a
// partial capture is captured and released at once): they are summed
// from every line.
func reportRows(l Lang, r flows.Report) []reportRow {
	type cell struct {
		count  int64
		amount decimal.Decimal
	}
	per := map[string]map[string]cell{}
	add := func(bucket, ch string, n int64, amt decimal.Decimal) {
		if n == 0 && amt.IsZero() {
			return
		}
		if per[bucket] == nil {
			per[bucket] = map[string]cell{}
		}
		c := per[bucket][ch]
		c.count += n
		c.amount = c.amount.Add(amt)
		per[bucket][ch] = c
	}
	for _, line := range r.Lines {
		ch := line.Of()
		add(line.Bucket, ch, line.Count, line.Amount)
		add("released", ch, line.Releases, line.Released)
		add("refunded", ch, line.Refunds, line.Refunded)
	}
	var rows []reportRow
	for _, b := range reportBuckets {
		cells := per[b.bucket]
		if len(cells) == 0 && !b.always {
			continue
		}
		total := reportRow{label: l.T(b.label), amount: decimal.Zero}
		chans := make([]string, 0, len(cells))
		for ch, c := range cells {
			total.count += c.count
			total.amount = total.amount.Add(c.amount)
			chans = append(chans, ch)
		}
		slices.SortFunc(chans, func(a, b string) int { return channelRank(a) - channelRank(b) })
		rows = append(rows, total)
		for _, ch := range chans {
			name := ch
			if lb, ok := channelLabels[ch]; ok {
				name = l.T(lb)
			}
			rows = append(rows, reportRow{label: name, channel: true, count: cells[ch].count, amount: cells[ch].amount})
		}
	}
	return rows
}

func channelRank(ch string) int {
	if i := slices.Index(flows.Channels, ch); i >= 0 {
		return i
	}
	return len(flows.Channels)
}

// reportHeading says which report it is, whose shift (and, in a store,
// which counter's) and when.
func reportHeading(st styles, r flows.Report, loc *time.Location, counter string) string {
	var b strings.Builder
	const stamp = "02.01.2006 15:04"
	if r.No > 0 {
		b.WriteString(st.OK.Render(st.Tf("Z report No %d — shift %d closed %s", r.No, r.Shift, r.Closed.In(loc).Format(stamp))))
	} else {
		b.WriteString(st.Subtitle.Render(st.Tf("X report — shift %d", r.Shift)))
	}
	if counter != "" {
		b.WriteString(st.Muted.Render(" · " + st.Tf("counter %s", counter)))
	}
	b.WriteString("\n")
	// "Opened" only when someone opened it: a shift nobody has opened yet
	// counts from the last Z report (or the first start), and saying
	// "Opened 13:36" above "Nobody has opened this shift" read as both.
	opened := st.Tf("Counting since %s", r.Opened.In(loc).Format(stamp))
	if r.Operator != "" {
		opened = st.Tf("Opened %s", r.Opened.In(loc).Format(stamp)) + " · " + st.Tf("operator %s", r.Operator)
	}
	b.WriteString(st.Muted.Render(opened))
	return b.String()
}

// reportTable writes the rows as aligned columns: label, count, sum.
func reportTable(st styles, rows []reportRow, currency string) []string {
	out := []string{st.Muted.Render(fmt.Sprintf("%-26s %6s %20s", "", st.T("count"), st.T("sum")))}
	for _, r := range rows {
		money, count := r.money(currency), r.countText()
		if r.channel {
			out = append(out, st.Muted.Render(fmt.Sprintf("  %-24s %6s %20s", truncate(r.label, 24), count, money)))
			continue
		}
		line := fmt.Sprintf("%-26s %6s %20s", truncate(r.label, 26), count, money)
		switch {
		case r.strong:
			line = st.Amount.Render(line)
		case r.count == 0 && !r.noCount:
			line = st.Muted.Render(line)
		}
		out = append(out, line)
	}
	return out
}

// money is the row's sum as shown, or why there is none.
func (r reportRow) money(currency string) string {
	if r.missing != "" {
		return r.missing
	}
	return FormatMoney(r.amount, currency)
}

// countText is the row's count, or nothing for a sum without one.
func (r reportRow) countText() string {
	if r.noCount {
		return ""
	}
	return fmt.Sprint(r.count)
}
