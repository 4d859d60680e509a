-- Progress of each channel API connector, shared by every node.
-- since_mark: the "since" the next poll sends (UTC); it moves only when a poll was imported.
-- claimed_by/claimed_until: the node polling the connector right now. A node claims the row with a
-- conditional UPDATE before it fetches and gives it back when done, so no two nodes poll one
-- connector at the same moment; a claim of a node that died runs out at claimed_until.

CREATE TABLE recon_channel_api_progress (
    connector_id    VARCHAR(60)   NOT NULL PRIMARY KEY,
    since_mark      DATETIME(3),
    last_import_id  BIGINT,
    last_success_at DATETIME(3),
    last_attempt_at DATETIME(3),
    last_error      VARCHAR(1000),
    claimed_by      VARCHAR(100),
    claimed_until   DATETIME(3),
    CONSTRAINT fk_channel_api_import FOREIGN KEY (last_import_id) REFERENCES recon_import (id)
);
