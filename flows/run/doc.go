// Package run carries out what the flows decide: the Runner executes a
// flow's effects (requests through the Gateway, journal writes, waits on
// the Clock) and hands back the outcome as the next event; Drive loops a
// flow until it needs the cashier. Reconcile and ReconcileBindings settle
// on start what a crash left unfinished, by status reads only;
// ApplyNotification and the Listener take OCTO's notifications as hints
// to read a payment's status; ReconcileShift checks a shift against OCTO
// before its Z report; the ExchangeWriter journals the client's exchanges
// off the payment's path.
//
// The rules stay in flows, which does no I/O; the journals are in
// flows/journal.
package run
