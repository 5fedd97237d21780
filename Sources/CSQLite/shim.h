#ifndef GRMGR_CSQLITE_SHIM_H
#define GRMGR_CSQLITE_SHIM_H

#include <sqlite3.h>

/// `SQLITE_TRANSIENT` is a macro that casts -1 to a function pointer, which Swift cannot import:
/// a function returns it instead (SQLite then copies bound text before the call returns).
static inline sqlite3_destructor_type grmgr_sqlite_transient(void) { return SQLITE_TRANSIENT; }

#endif
