// Swift cannot call C's variadic functions, and sqlite3_db_config() is one; this file is the one call to it.
//
// Why the query planner stability guarantee: without it SQLite marks a prepared statement for recompilation
// whenever a bound value that the planner looked at changes (a `campaign_id = ?` bound to 0 or 1 is one), so a
// cached statement is parsed again on nearly every run. Outbound's statements carry their plan-relevant
// constants as literals, so planning without looking at bound values loses nothing.
#include "SQLiteTuning.h"

// Declared here rather than included: sqlite-nio does not export its C module as a product.
extern int sqlite_nio_sqlite3_db_config(void *db, int op, ...);

enum { sqlite_dbconfig_enable_qpsg = 1007 };

int outbound_sqlite_enable_qpsg(void *db) {
    int enabled = 0;
    return sqlite_nio_sqlite3_db_config(db, sqlite_dbconfig_enable_qpsg, 1, &enabled);
}
