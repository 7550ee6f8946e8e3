package ui

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/octo-cashier/octo-cashier/flows"
	"github.com/octo-cashier/octo-cashier/ui/common"
)

// historyQuery is the history's search text read as the journal's filter:
// words in any order, each narrowing the list. Dates are the console's
// local days.
//
//	today, yesterday, 2026-11-23, 23.11.2026   one day
//	2026-11-01..2026-11-23, 2026-11-01..today  a range of days, both included
//	paid, held, declined, canceled, not-sent, unknown, refunding   a status
//	*5000, •5000, card 5000, 0015              the card's last 4 digits
//	150000, 150 000, 1 500.50, 5000 so'm       an exact amount
//	5000 (4 digits, no leading 0)              the amount 5 000 or the card •5000
//	refunded, возврат, qaytarilgan             money refunded (in part or in full)
//	paid held                                  either status
//	oc-…, a word of 6+ with a digit            a shop transaction id
//
// A bare 4-digit number is either an amount or a card's last 4 digits, so
// it looks for both, unless the search already names a card (it is then
// the amount) or an amount (it is then the card).
type historyQuery struct {
	filter  flows.Filter
	parts   []string // what narrows the list, in the console's language
	problem string   // a word that was not understood, said so
}

// historyLimit is the first page: what the list reads from the journal.
const historyLimit = 200

var (
	last4RE  = common.CompileLater(`^[•*]?(\d{4})$`)
	markedRE = common.CompileLater(`^[•*]\d{4}$`)  // "*5000": a card for sure
	bareRE   = common.CompileLater(`^[1-9]\d{3}$`) // "5000": an amount or a card
	isoDayRE = common.CompileLater(`^\d{4}-\d{2}-\d{2}$`)
	dotDayRE = common.CompileLater(`^\d{1,2}\.\d{1,2}\.\d{4}$`)
	groupRE  = common.CompileLater(`^\d{3}([.,]\d{1,2})?$`) // "000" or "000,50" after "150"
	leadRE   = common.CompileLater(`^\d{1,3}$`)
	// idRE is a shop transaction id: oc-… or a word of 6 or more with a
	// digit in it; a word of letters only ("refund") is not taken for one.
	idRE = common.CompileLater(`^[a-z0-9_-]*[0-9][a-z0-9_-]*$`)
	// refundWord finds payments with money refunded, in the three languages.
	refundWord = map[string]bool{
		"refunded": true, "refund": true, "refunds": true,
		"возврат": true, "возвраты": true, "возвращено": true, "возвращен": true, "возвращён": true,
		"qaytarilgan": true, "qaytarildi": true, "qaytarish": true,
	}
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
	// cardWord before 4 digits makes them a card's ("card 5000"), and
	// currencyWord after a number makes it an amount ("5000 so'm"), in the
	// three languages.
	cardWord     = map[string]bool{"card": true, "карта": true, "карты": true, "karta": true}
	currencyWord = []string{"uzs", "so'm", "som", "sum", "сум", "сумов", "so‘m", "soʻm"}
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
	// A bare 4-digit number waits for the end: another word may say
	// whether it is the card or the amount. Statuses too: two of them
	// mean either, said in one part.
	either, eitherAt := "", -1
	var states []flows.State
	statesAt := -1
	for _, w := range queryWords(strings.Fields(strings.ToLower(q))) {
		if w.amount {
			if d, err := ParseAmount(w.text); err == nil {
				hq.filter.Amount = d
				hq.parts = append(hq.parts, lang.Money(d, currency))
				continue
			}
		}
		if w.card || markedRE().MatchString(w.text) {
			if m := last4RE().FindStringSubmatch(w.text); m != nil {
				hq.filter.Last4 = m[1]
				hq.parts = append(hq.parts, lang.Tf("card •%s", m[1]))
				continue
			}
			if hq.problem == "" {
				hq.problem = lang.Tf("%q is not a card's last 4 digits", w.text)
			}
			continue
		}
		if bareRE().MatchString(w.text) {
			if eitherAt >= 0 { // the later number wins, as for any word
				hq.parts = append(hq.parts[:eitherAt], hq.parts[eitherAt+1:]...)
			}
			either, eitherAt = w.text, len(hq.parts)
			hq.parts = append(hq.parts, "") // said below, once the rest is read
			continue
		}
		if from, to, ok := parseDays(w.text, now); ok {
			hq.filter.From, hq.filter.To = from, to
			hq.parts = append(hq.parts, describeDays(from, to, now, lang))
			continue
		}
		if st, ok := stateWord[w.text]; ok {
			if !slices.Contains(states, st) {
				states = append(states, st)
			}
			if statesAt < 0 {
				statesAt = len(hq.parts)
				hq.parts = append(hq.parts, "") // said below, once every status is read
			}
			continue
		}
		if refundWord[w.text] {
			if !hq.filter.Refunded {
				hq.filter.Refunded = true
				hq.parts = append(hq.parts, lang.T("refunded"))
			}
			continue
		}
		if m := last4RE().FindStringSubmatch(w.text); m != nil {
			hq.filter.Last4 = m[1]
			hq.parts = append(hq.parts, lang.Tf("card •%s", m[1]))
			continue
		}
		if d, err := ParseAmount(w.text); err == nil {
			hq.filter.Amount = d
			hq.parts = append(hq.parts, lang.Money(d, currency))
			continue
		}
		if isoDayRE().MatchString(w.text) || dotDayRE().MatchString(w.text) || strings.Contains(w.text, "..") {
			if hq.problem == "" {
				hq.problem = lang.Tf("%q is not a day: write it like 2026-11-23, 23.11.2026 or 2026-11-01..today", w.text)
			}
			continue
		}
		if strings.HasPrefix(w.text, "oc-") || len(w.text) >= 6 && idRE().MatchString(w.text) {
			hq.filter.ShopTransactionID = w.text
			hq.parts = append(hq.parts, lang.Tf("id %s", w.text))
			continue
		}
		if hq.problem == "" {
			hq.problem = lang.Tf("%q is not a date, status, last 4 digits, amount or id", w.text)
		}
	}
	if eitherAt >= 0 {
		hq.parts[eitherAt] = hq.either(either, lang, currency)
	}
	if statesAt >= 0 {
		names := make([]string, len(states))
		for i, st := range states {
			names[i] = lang.T(stateName(st))
		}
		hq.parts[statesAt] = strings.Join(names, " "+lang.T("or")+" ")
		if len(states) == 1 {
			hq.filter.State = states[0]
		} else {
			hq.filter.States = states
		}
	}
	return hq
}

// either reads a bare 4-digit number: the amount when the search names a
// card already, the card when it names an amount, else both.
func (hq *historyQuery) either(digits string, lang Lang, currency string) string {
	amount, _ := ParseAmount(digits)
	switch {
	case hq.filter.Last4 != "" && hq.filter.Amount.IsZero():
		hq.filter.Amount = amount
		return lang.Money(amount, currency)
	case hq.filter.Last4 == "" && !hq.filter.Amount.IsZero():
		hq.filter.Last4 = digits
		return lang.Tf("card •%s", digits)
	case hq.filter.Last4 == "" && hq.filter.Amount.IsZero():
		hq.filter.Amount, hq.filter.Last4, hq.filter.Last4OrAmount = amount, digits, true
		return lang.Tf("amount %s or card •%s", lang.Money(amount, currency), digits)
	}
	if hq.problem == "" {
		hq.problem = lang.Tf("%q: the search names a card and an amount already — write *%s for a card", digits, digits)
	}
	return digits
}

// queryWord is one word of the search, with what the words around it said
// it is.
type queryWord struct {
	text   string
	amount bool // typed with groups ("5 000") or a currency ("5000 so'm")
	card   bool // after "card" ("card 5000")
}

// queryWords joins an amount typed with spaces ("150 000,50") back into one
// word, so it is not read as three, takes a currency after a number as
// saying it is an amount, and "card" before 4 digits as saying they are a
// card's.
func queryWords(words []string) []queryWord {
	var out []queryWord
	for i := 0; i < len(words); i++ {
		w := queryWord{text: words[i]}
		if cardWord[w.text] && i+1 < len(words) {
			i++
			out = append(out, queryWord{text: words[i], card: true})
			continue
		}
		if num, ok := cutCurrency(w.text); ok {
			w.text, w.amount = num, true
		}
		if leadRE().MatchString(w.text) {
			for i+1 < len(words) && groupRE().MatchString(words[i+1]) && !strings.ContainsAny(w.text, ".,") {
				i++
				w.text += words[i]
				w.amount = true
			}
		}
		if i+1 < len(words) && isCurrency(words[i+1]) {
			if _, err := ParseAmount(w.text); err == nil {
				i++
				w.amount = true
			}
		}
		out = append(out, w)
	}
	return out
}

// isCurrency says w is a currency's name.
func isCurrency(w string) bool {
	for _, c := range currencyWord {
		if w == c {
			return true
		}
	}
	return false
}

// cutCurrency reads "5000so'm" as "5000".
func cutCurrency(w string) (string, bool) {
	for _, c := range currencyWord {
		if num, ok := strings.CutSuffix(w, c); ok && num != "" {
			if _, err := ParseAmount(num); err == nil {
				return num, true
			}
		}
	}
	return w, false
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
	case isoDayRE().MatchString(w):
		layout = "2006-01-02"
	case dotDayRE().MatchString(w):
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
		flows.ResendingOTP, flows.OTPExpired, flows.Awaiting3DS, flows.AwaitingPage, flows.Capturing, flows.Canceling:
	}
	return string(s)
}
