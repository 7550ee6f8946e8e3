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

// reportHeading says which report it is, whose shift and when.
func reportHeading(st styles, r flows.Report, loc *time.Location) string {
	var b strings.Builder
	const stamp = "02.01.2006 15:04"
	if r.No > 0 {
		b.WriteString(st.ok.Render(st.Tf("Z report No %d — shift %d closed %s", r.No, r.Shift, r.Closed.In(loc).Format(stamp))))
	} else {
		b.WriteString(st.subtitle.Render(st.Tf("X report — shift %d", r.Shift)))
	}
	b.WriteString("\n")
	// "Opened" only when someone opened it: a shift nobody has opened yet
	// counts from the last Z report (or the first start), and saying
	// "Opened 13:36" above "Nobody has opened this shift" read as both.
	opened := st.Tf("Counting since %s", r.Opened.In(loc).Format(stamp))
	if r.Operator != "" {
		opened = st.Tf("Opened %s", r.Opened.In(loc).Format(stamp)) + " · " + st.Tf("operator %s", r.Operator)
	}
	b.WriteString(st.muted.Render(opened))
	return b.String()
}

// reportTable writes the rows as aligned columns: label, count, sum.
func reportTable(st styles, rows []reportRow, currency string) []string {
	out := []string{st.muted.Render(fmt.Sprintf("%-26s %6s %20s", "", st.T("count"), st.T("sum")))}
	for _, r := range rows {
		money := FormatMoney(r.amount, currency)
		if r.channel {
			out = append(out, st.muted.Render(fmt.Sprintf("  %-24s %6d %20s", truncate(r.label, 24), r.count, money)))
			continue
		}
		line := fmt.Sprintf("%-26s %6d %20s", truncate(r.label, 26), r.count, money)
		if r.count == 0 {
			line = st.muted.Render(line)
		}
		out = append(out, line)
	}
	return out
}
