-- Repeat callers and repeat addresses are now counted in the writer connection's in-memory copy of recent calls
-- (RecentCallIndex in the service), filled from `calls` at start and kept in step by the intake in the same
-- transaction. Only the writer ever looked these indexes up, and each took every new call on a random page: two 4 KiB
-- WAL frames to write and fdatasync per intake. The columns stay in `calls`; the copy is rebuilt from them.
DROP INDEX calls_by_phone;
DROP INDEX calls_by_address;
