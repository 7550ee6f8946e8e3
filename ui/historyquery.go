package ui

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/octo-cashier/octo-cashier/flows"
)

// historyQuery is the history's search text read as the journal's filter:
// words in any order, each narrowing the list. Dates are the console's
// local days.
//
//	today, yesterday, 2026-11-23, 23.11.2026   one day
//	2026-11-01..2026-11-23, 2026-11-01..today  a range of days, both included
//	paid, held, declined, canceled, not-sent, unknown, refunding   a status
//	0015 (4 digits)                            the card's last 4 digits
//	150000, 150 000, 1 500.50                  an exact amount
//	oc-…                                       a shop transaction id
type historyQuery struct {
	filter  flows.Filter
	parts   []string // what narrows the list, in the console's language
	problem string   // a word that was not understood, said so
}

// historyLimit is the first page: what the list reads from the journal.
const historyLimit = 200

var (
	last4RE   = regexp.MustCompile(`^[•*]?(\d{4})$`)
	isoDayRE  = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	dotDayRE  = regexp.MustCompile(`^\d{1,2}\.\d{1,2}\.\d{4}$`)
	groupRE   = regexp.MustCompile(`^\d{3}([.,]\d{1,2})?$`) // "000" or "000,50" after "150"
	leadRE    = regexp.MustCompile(`^\d{1,3}$`)
	idRE      = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{5,}$`)
	stateWord = map[string]flows.State{
		"paid": flows.Succeeded, "captured": flows.Succeeded, "succeeded": flows.Succeeded,
		"held": flows.Held, "hold": flows.Held,
		"declined": flows.Declined,
		"canceled": flows.Canceled, "cancelled": flows.Canceled,
		"failed": flows.Failed, "not-sent": flows.Failed,
		"unknown": flows.Resolving, "resolving": flows.Resolving,
		"refunding": flows.Refunding,
		// The same in Russian and Uzbek, as the placeholder shows them: the
		// cashier types in the language the screen speaks (the English
		// words work in every language).
		"оплачено": flows.Succeeded, "оплачен": flows.Succeeded, "списано": flows.Succeeded, "списан": flows.Succeeded,
		"холд": flows.Held, "холды": flows.Held,
		"отклонён": flows.Declined, "отклонен": flows.Declined, "отклонено": flows.Declined,
		"отменён": flows.Canceled, "отменен": flows.Canceled, "отменено": flows.Canceled,
		"неизвестно": flows.Resolving, "неизвестен": flows.Resolving,
		"to'langan": flows.Succeeded, "yechilgan": flows.Succeeded,
		"band":     flows.Held,
		"rad":      flows.Declined,
		"bekor":    flows.Canceled,
		"noma'lum": flows.Resolving,
	}
	// dayWord are the relative days in the three languages: the cashier
	// types in the language the screen speaks.
	dayWord = map[string]int{
		"today": 0, "сегодня": 0, "bugun": 0,
		"yesterday": -1, "вчера": -1, "kecha": -1,
	}
)

// parseHistoryQuery reads q; now's location is the local day.
func parseHistoryQuery(q string, now time.Time, lang Lang, currency string) historyQuery {
	hq := historyQuery{filter: flows.Filter{Limit: historyLimit}}
	words := mergeAmountGroups(strings.Fields(strings.ToLower(q)))
	for _, w := range words {
		if from, to, ok := parseDays(w, now); ok {
			hq.filter.From, hq.filter.To = from, to
			hq.parts = append(hq.parts, describeDays(from, to, now, lang))
			continue
		}
		if st, ok := stateWord[w]; ok {
			hq.filter.State = st
			hq.parts = append(hq.parts, lang.T(stateName(st)))
			continue
		}
		if m := last4RE.FindStringSubmatch(w); m != nil {
			hq.filter.Last4 = m[1]
			hq.parts = append(hq.parts, lang.Tf("card •%s", m[1]))
			continue
		}
		if d, err := ParseAmount(w); err == nil {
			hq.filter.Amount = d
			hq.parts = append(hq.parts, FormatMoney(d, currency))
			continue
		}
		if isoDayRE.MatchString(w) || dotDayRE.MatchString(w) || strings.Contains(w, "..") {
			if hq.problem == "" {
				hq.problem = lang.Tf("%q is not a day: write it like 2026-11-23, 23.11.2026 or 2026-11-01..today", w)
			}
			continue
		}
		if strings.HasPrefix(w, "oc-") || idRE.MatchString(w) {
			hq.filter.ShopTransactionID = w
			hq.parts = append(hq.parts, w)
			continue
		}
		if hq.problem == "" {
			hq.problem = lang.Tf("%q is not a date, status, last 4 digits, amount or id", w)
		}
	}
	return hq
}

// mergeAmountGroups joins an amount typed with spaces ("150 000,50") back
// into one word, so it is not read as three.
func mergeAmountGroups(words []string) []string {
	var out []string
	for i := 0; i < len(words); i++ {
		w := words[i]
		if leadRE.MatchString(w) {
			for i+1 < len(words) && groupRE.MatchString(words[i+1]) && !strings.ContainsAny(w, ".,") {
				i++
				w += words[i]
			}
		}
		out = append(out, w)
	}
	return out
}

// parseDays reads a day or a range of days as [from, to).
func parseDays(w string, now time.Time) (from, to time.Time, ok bool) {
	if a, b, isRange := strings.Cut(w, ".."); isRange {
		da, okA := parseDay(a, now)
		db, okB := parseDay(b, now)
		if !okA || !okB {
			return time.Time{}, time.Time{}, false
		}
		if db.Before(da) {
			da, db = db, da
		}
		return da, db.AddDate(0, 0, 1), true
	}
	d, ok := parseDay(w, now)
	if !ok {
		return time.Time{}, time.Time{}, false
	}
	return d, d.AddDate(0, 0, 1), true
}

// parseDay reads one day as its local midnight.
func parseDay(w string, now time.Time) (time.Time, bool) {
	loc := now.Location()
	if off, ok := dayWord[w]; ok {
		y, m, d := now.Date()
		return time.Date(y, m, d+off, 0, 0, 0, 0, loc), true
	}
	var layout string
	switch {
	case isoDayRE.MatchString(w):
		layout = "2006-01-02"
	case dotDayRE.MatchString(w):
		layout = "2.1.2006"
	default:
		return time.Time{}, false
	}
	t, err := time.ParseInLocation(layout, w, loc)
	return t, err == nil
}

// describeDays says which days the list shows.
func describeDays(from, to, now time.Time, lang Lang) string {
	y, m, d := now.Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, now.Location())
	last := to.AddDate(0, 0, -1)
	switch {
	case from.Equal(today) && last.Equal(today):
		return lang.T("today")
	case from.Equal(today.AddDate(0, 0, -1)) && last.Equal(from):
		return lang.T("yesterday")
	case last.Equal(from):
		return from.Format("02.01.2006")
	}
	return fmt.Sprintf("%s – %s", from.Format("02.01.2006"), last.Format("02.01.2006"))
}

// stateName is a status as the search and the list call it.
func stateName(s flows.State) string {
	switch s {
	case flows.Succeeded:
		return "paid"
	case flows.Held:
		return "held"
	case flows.Declined:
		return "declined"
	case flows.Canceled:
		return "canceled"
	case flows.Failed:
		return "not sent"
	case flows.Resolving:
		return "unknown"
	case flows.Refunding:
		return "refunding"
	case flows.Draft, flows.Preparing, flows.Paying, flows.Verifying, flows.AwaitingOTP, flows.CheckingOTP,
		flows.ResendingOTP, flows.OTPExpired, flows.Awaiting3DS, flows.Capturing, flows.Canceling:
	}
	return string(s)
}
