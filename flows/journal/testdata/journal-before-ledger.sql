-- The journal's schema as the version before the shift ledger wrote it
-- (running totals per creation shift in totals and channel_totals).
CREATE TABLE shifts(
	no INTEGER PRIMARY KEY,
	opened INTEGER NOT NULL,
	closed INTEGER
);
CREATE TABLE payments(
	shop_transaction_id TEXT PRIMARY KEY,
	kind TEXT NOT NULL, method TEXT NOT NULL, state TEXT NOT NULL, currency TEXT NOT NULL,
	amount INTEGER NOT NULL, captured INTEGER NOT NULL, released INTEGER NOT NULL,
	refunded INTEGER NOT NULL, fee INTEGER NOT NULL, transfer INTEGER NOT NULL,
	card TEXT NOT NULL, last4 TEXT NOT NULL, card_token TEXT NOT NULL, customer TEXT NOT NULL,
	operator TEXT NOT NULL, description TEXT NOT NULL,
	payment_uuid TEXT NOT NULL, payment_id INTEGER NOT NULL, octo_status TEXT NOT NULL,
	test INTEGER NOT NULL, held INTEGER NOT NULL, hold_expires INTEGER NOT NULL,
	pending_refund_id TEXT NOT NULL, pending_refund INTEGER NOT NULL, problem TEXT NOT NULL,
	created INTEGER NOT NULL, updated INTEGER NOT NULL, shift INTEGER NOT NULL,
	bucket TEXT NOT NULL, bucket_amount INTEGER NOT NULL
);
CREATE TABLE transitions(
	id INTEGER PRIMARY KEY,
	shop_transaction_id TEXT NOT NULL,
	at INTEGER NOT NULL, from_state TEXT NOT NULL, to_state TEXT NOT NULL,
	event TEXT NOT NULL, note TEXT NOT NULL
);
CREATE TABLE tokens(
	token TEXT PRIMARY KEY, customer TEXT NOT NULL, card TEXT NOT NULL, method TEXT NOT NULL,
	status TEXT NOT NULL, updated INTEGER NOT NULL
);
CREATE TABLE notifications(
	id INTEGER PRIMARY KEY, at INTEGER NOT NULL, kind TEXT NOT NULL,
	shop_transaction_id TEXT NOT NULL, payment_uuid TEXT NOT NULL, status TEXT NOT NULL,
	signature TEXT NOT NULL, body TEXT NOT NULL
);
CREATE TABLE totals(
	shift INTEGER NOT NULL, method TEXT NOT NULL, bucket TEXT NOT NULL,
	count INTEGER NOT NULL, amount INTEGER NOT NULL, released INTEGER NOT NULL,
	refunded INTEGER NOT NULL, refunds INTEGER NOT NULL,
	PRIMARY KEY(shift, method, bucket)
);
CREATE TABLE zreports(
	no INTEGER PRIMARY KEY, shift INTEGER NOT NULL, opened INTEGER NOT NULL, closed INTEGER NOT NULL,
	body TEXT NOT NULL
);
CREATE TABLE shift_openings(
	shift INTEGER PRIMARY KEY, operator TEXT NOT NULL, at INTEGER NOT NULL,
	pin_salt BLOB, pin_hash BLOB
);
CREATE TABLE channel_totals(
	shift INTEGER NOT NULL, channel TEXT NOT NULL, bucket TEXT NOT NULL,
	count INTEGER NOT NULL, amount INTEGER NOT NULL, released INTEGER NOT NULL, releases INTEGER NOT NULL,
	refunded INTEGER NOT NULL, refunds INTEGER NOT NULL,
	PRIMARY KEY(shift, channel, bucket)
);
CREATE INDEX payments_created ON payments(created);
CREATE INDEX payments_state_created ON payments(state, created);
CREATE INDEX payments_last4_created ON payments(last4, created);
CREATE INDEX payments_amount_created ON payments(amount, created);
CREATE INDEX transitions_tx ON transitions(shop_transaction_id, id);
CREATE INDEX tokens_customer ON tokens(customer);
CREATE TRIGGER transitions_no_update BEFORE UPDATE ON transitions
	BEGIN SELECT RAISE(ABORT, 'transitions are append-only'); END;
CREATE TRIGGER transitions_no_delete BEFORE DELETE ON transitions
	BEGIN SELECT RAISE(ABORT, 'transitions are append-only'); END;
CREATE TRIGGER payments_totals_insert AFTER INSERT ON payments BEGIN
	INSERT INTO totals(shift, method, bucket, count, amount, released, refunded, refunds)
	VALUES(NEW.shift, NEW.method, NEW.bucket, 1, NEW.bucket_amount, NEW.released, NEW.refunded, NEW.refunded > 0)
	ON CONFLICT(shift, method, bucket) DO UPDATE SET count = count + 1,
		amount = amount + excluded.amount, released = released + excluded.released,
		refunded = refunded + excluded.refunded, refunds = refunds + excluded.refunds;
END;
CREATE TRIGGER payments_totals_update AFTER UPDATE ON payments BEGIN
	UPDATE totals SET count = count - 1, amount = amount - OLD.bucket_amount,
		released = released - OLD.released, refunded = refunded - OLD.refunded,
		refunds = refunds - (OLD.refunded > 0)
	WHERE shift = OLD.shift AND method = OLD.method AND bucket = OLD.bucket;
	INSERT INTO totals(shift, method, bucket, count, amount, released, refunded, refunds)
	VALUES(NEW.shift, NEW.method, NEW.bucket, 1, NEW.bucket_amount, NEW.released, NEW.refunded, NEW.refunded > 0)
	ON CONFLICT(shift, method, bucket) DO UPDATE SET count = count + 1,
		amount = amount + excluded.amount, released = released + excluded.released,
		refunded = refunded + excluded.refunded, refunds = refunds + excluded.refunds;
END;
CREATE TRIGGER zreports_no_update BEFORE UPDATE ON zreports
	BEGIN SELECT RAISE(ABORT, 'Z reports are immutable'); END;
CREATE TRIGGER zreports_no_delete BEFORE DELETE ON zreports
	BEGIN SELECT RAISE(ABORT, 'Z reports are immutable'); END;
CREATE TRIGGER payments_channels_insert AFTER INSERT ON payments BEGIN
	INSERT INTO channel_totals(shift, channel, bucket, count, amount, released, releases, refunded, refunds)
	VALUES(NEW.shift, CASE
		WHEN NEW.card_token != '' THEN 'token'
		WHEN NEW.method = 'bank_card' AND substr(NEW.card, 1, 1) = '4' THEN 'visa'
		WHEN NEW.method = 'bank_card' AND substr(NEW.card, 1, 1) IN ('2', '5') THEN 'mastercard'
		ELSE NEW.method END, NEW.bucket, 1, NEW.bucket_amount, NEW.released,
		(NEW.released > 0), NEW.refunded, (NEW.refunded > 0))
	ON CONFLICT(shift, channel, bucket) DO UPDATE SET count = count + excluded.count,
		amount = amount + excluded.amount, released = released + excluded.released,
		releases = releases + excluded.releases, refunded = refunded + excluded.refunded,
		refunds = refunds + excluded.refunds;
END;
CREATE TRIGGER payments_channels_update AFTER UPDATE ON payments BEGIN
	INSERT INTO channel_totals(shift, channel, bucket, count, amount, released, releases, refunded, refunds)
	VALUES(OLD.shift, CASE
		WHEN OLD.card_token != '' THEN 'token'
		WHEN OLD.method = 'bank_card' AND substr(OLD.card, 1, 1) = '4' THEN 'visa'
		WHEN OLD.method = 'bank_card' AND substr(OLD.card, 1, 1) IN ('2', '5') THEN 'mastercard'
		ELSE OLD.method END, OLD.bucket, -1, -OLD.bucket_amount, -OLD.released,
		-(OLD.released > 0), -OLD.refunded, -(OLD.refunded > 0))
	ON CONFLICT(shift, channel, bucket) DO UPDATE SET count = count + excluded.count,
		amount = amount + excluded.amount, released = released + excluded.released,
		releases = releases + excluded.releases, refunded = refunded + excluded.refunded,
		refunds = refunds + excluded.refunds;
	INSERT INTO channel_totals(shift, channel, bucket, count, amount, released, releases, refunded, refunds)
	VALUES(NEW.shift, CASE
		WHEN NEW.card_token != '' THEN 'token'
		WHEN NEW.method = 'bank_card' AND substr(NEW.card, 1, 1) = '4' THEN 'visa'
		WHEN NEW.method = 'bank_card' AND substr(NEW.card, 1, 1) IN ('2', '5') THEN 'mastercard'
		ELSE NEW.method END, NEW.bucket, 1, NEW.bucket_amount, NEW.released,
		(NEW.released > 0), NEW.refunded, (NEW.refunded > 0))
	ON CONFLICT(shift, channel, bucket) DO UPDATE SET count = count + excluded.count,
		amount = amount + excluded.amount, released = released + excluded.released,
		releases = releases + excluded.releases, refunded = refunded + excluded.refunded,
		refunds = refunds + excluded.refunds;
END;
