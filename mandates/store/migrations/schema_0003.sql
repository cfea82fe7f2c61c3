-- The schema of a new SQLite database at Alembic revision 0003 (mandates/store/migrations/versions),
-- exactly as `alembic upgrade head` leaves it (tests/store/test_fresh.py compares the two);
-- store.fresh runs these statements, then records the revision in alembic_version.
-- A new migration needs a new file, schema_NNNN.sql: without one, new databases go through Alembic.
CREATE TABLE alembic_version (
	version_num VARCHAR(32) NOT NULL, 
	CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);
CREATE TABLE feed_event (
	process VARCHAR(100) NOT NULL, 
	feed VARCHAR(200) NOT NULL, 
	uid VARCHAR(300) NOT NULL, 
	digest VARCHAR(64) NOT NULL, 
	sequence INTEGER NOT NULL, 
	changed_at DATETIME NOT NULL, 
	PRIMARY KEY (process, feed, uid)
);
CREATE TABLE sent_alert (
	id INTEGER NOT NULL, 
	process VARCHAR(100) NOT NULL, 
	alert_key VARCHAR(500) NOT NULL, 
	channel VARCHAR(500) NOT NULL, 
	as_of DATE NOT NULL, 
	sent_at DATETIME NOT NULL, 
	status VARCHAR(20) NOT NULL, 
	attempts INTEGER NOT NULL, 
	error TEXT, 
	PRIMARY KEY (id), 
	CONSTRAINT uq_sent_alert UNIQUE (process, alert_key, channel)
);
CREATE TABLE briefing_snapshot (
	id INTEGER NOT NULL, 
	process VARCHAR(100) NOT NULL, 
	as_of DATE NOT NULL, 
	created_at DATETIME NOT NULL, 
	payload TEXT NOT NULL, 
	PRIMARY KEY (id)
);
CREATE INDEX ix_briefing_process_as_of ON briefing_snapshot (process, as_of);
CREATE TABLE "fact" (
	id INTEGER NOT NULL, 
	process VARCHAR(100) NOT NULL, 
	kind VARCHAR(20) NOT NULL, 
	subject VARCHAR(200) NOT NULL, 
	effective_on DATE NOT NULL, 
	recorded_at DATETIME NOT NULL, 
	opens_on DATE, 
	closes_on DATE, 
	venue VARCHAR(500), 
	timezone VARCHAR(100), 
	ref VARCHAR(200), 
	text TEXT, 
	written_in VARCHAR(8), 
	venue_zh VARCHAR(500), 
	"key" VARCHAR(200), 
	part INTEGER, 
	mode VARCHAR(20), 
	precision VARCHAR(10), 
	tentative BOOLEAN DEFAULT 0 NOT NULL, 
	voids VARCHAR(200), 
	source VARCHAR(500), 
	approximate BOOLEAN DEFAULT 0 NOT NULL, 
	payload TEXT, 
	text_zh TEXT, 
	PRIMARY KEY (id)
);
CREATE INDEX ix_fact_subject ON fact (subject);
CREATE INDEX ix_fact_process_effective ON fact (process, effective_on);
CREATE UNIQUE INDEX uq_fact_process_key ON fact (process, "key");
