// Package octo is a client for the OCTO payment gateway's HTTP API
// (secure.octo.uz): creating and reading payments, paying with card data or
// a saved card token, one-time codes, capture and cancel of holds, refunds,
// card binding, fiscal receipts, and the notifications OCTO posts back.
//
// It follows OCTO's documentation and tolerates every documented quirk (see
// ../shared/octo-api/REFERENCE.md §8). Money is decimal.Decimal throughout;
// card numbers are masked, and CVC, one-time codes and the shop secret never
// reach an error, a log line or an Observer.
//
// # Answers
//
// Every answer is read from the top level and then from `data`, so the new
// envelope, the old flat one and prepare_payment's duplicated fields all
// decode. Amounts are read from the JSON text (integers, 2 or 4 decimals,
// strings), never through float64; ids may be numbers or strings;
// timestamps may be milliseconds (number or string) or Tashkent wall time.
// A non-zero `error` is an *Error (message from errMessage, else the
// deprecated errorMessage, else apiMessageForDevelopers). Anything that is
// not OCTO's JSON, and any HTTP status other than 2xx, is a TransportError
// with Sent set.
//
// # Retries
//
// Only Status, VerificationInfo and PreparePayment (idempotent by
// shop_transaction_id) are retried, by the pure decision function
// shouldRetry. Reads of one shop_transaction_id are spaced
// RetryPolicy.MinReadInterval apart (OCTO allows about one a second) and
// "Requests too often" is waited out. Pay, CheckSMSKey, ResendOTP, Capture,
// Cancel, Refund, BindCard, ConfirmBinding, BlockCardToken and FiscalData
// are sent once: after MayHaveReached(err), read the Status.
//
// # Choices where the documentation disagrees
//
//   - verificationInfo: GET /verificationInfo/{uuid} (S2) first; on 403, 404
//     or 405 POST /verificationInfo/ with {"octo_payment_UUID"} (S1), and
//     the client keeps using POST.
//   - Expiry dates are YYMM (Q5). Money goes out with exactly two decimals;
//     more decimals are refused rather than rounded.
//   - init_time is Tashkent time (fixed UTC+5; no tzdata needed).
//   - Cancel sends no final_amount (P-accept-old); Capture always does (S1).
//   - Notification signatures: three published recipes, chosen by
//     SignatureRecipe; Client.VerifyNotification tries the unique key,
//     then the secret-based ones. The signature covers the UUID and status
//     only: confirm amounts with Status.
package octo
