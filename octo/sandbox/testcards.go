package sandbox

// TestCard is the number of the sandbox test card (README.md's table) with
// these first 6 and last 4 digits and this length, and whether there is
// one. The numbers are public test data; this lets a recorded walk keep
// only a card's 6+4 and still type the same test card on replay.
func TestCard(first6, last4 string, length int) (string, bool) {
	for pan := range testCards {
		if len(pan) == length && pan[:6] == first6 && pan[len(pan)-4:] == last4 {
			return pan, true
		}
	}
	return "", false
}
