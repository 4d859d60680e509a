-- The push routes look for one channel's due rows: by channel, then by when they are due.
CREATE INDEX ix_stock_channel_sync_channel_due ON stock_channel_sync (channel, next_attempt_at);
