#ifndef OUTBOUND_SQLITE_TUNING_H
#define OUTBOUND_SQLITE_TUNING_H

/// Turns on SQLite's query planner stability guarantee for the connection `db` (a `sqlite3 *` of the SQLite that
/// sqlite-nio builds). Returns SQLite's result code.
int outbound_sqlite_enable_qpsg(void *db);

#endif
