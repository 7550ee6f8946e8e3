package flows

// PollSeq is the number of the status read the payment waits for (the Seq
// of its latest ReadStatus): a StatusAnswered with another Seq is stale.
// Whoever feeds answers by hand (tests, tools) takes it from here.
func (p Payment) PollSeq() int { return p.pollSeq }

// PollSeq is the number of the status read the binding waits for, as
// Payment.PollSeq.
func (b Binding) PollSeq() int { return b.pollSeq }
