// Package octo is a client for the OCTO payment gateway's HTTP API
// (secure.octo.uz): creating and reading payments, paying with card data or
// a saved card token, one-time codes, capture and cancel of holds, refunds,
// card binding, fiscal receipts, and the notifications OCTO posts back.
//
// It follows OCTO's documentation and tolerates every documented quirk (see
// ../shared/octo-api/REFERENCE.md §8). Money is decimal.Decimal throughout;
// card numbers are masked, and CVC, one-time codes and the shop secret never
// reach an error, a log line or an Observer.
package octo
