#ifndef FENLIU_CSQLITE_SHIM_H
#define FENLIU_CSQLITE_SHIM_H
#include <sqlite3.h>

// SQLITE_TRANSIENT is a cast macro Swift cannot import (used for the empty string, which has no arena bytes).
static inline int fenliu_sqlite3_bind_text_transient(sqlite3_stmt *stmt, int index, const char *text, int length) {
    return sqlite3_bind_text(stmt, index, text, length, SQLITE_TRANSIENT);
}

// SQLITE_STATIC likewise: the caller keeps the bytes alive and unchanged until the statement is reset or rebound.
static inline int fenliu_sqlite3_bind_text_static(sqlite3_stmt *stmt, int index, const char *text, int length) {
    return sqlite3_bind_text(stmt, index, text, length, SQLITE_STATIC);
}
static inline int fenliu_sqlite3_bind_blob_static(sqlite3_stmt *stmt, int index, const void *bytes, int length) {
    return sqlite3_bind_blob(stmt, index, bytes, length, SQLITE_STATIC);
}

// Records the WAL's size in frames after every commit into *frames (owned by the caller, which must keep it alive
// as long as the connection is open). A C callback because Swift closures cannot be passed as C function pointers
// with state.
static int fenliu_record_wal_frames(void *frames, sqlite3 *db, const char *schema, int n) {
    (void)db; (void)schema;
    *(int *)frames = n;
    return SQLITE_OK;
}
static inline void fenliu_sqlite3_track_wal_frames(sqlite3 *db, int *frames) {
    sqlite3_wal_hook(db, fenliu_record_wal_frames, frames);
}

// sqlite3_config is variadic, which Swift cannot call. Must run before SQLite is first used in the process.
static inline int fenliu_sqlite3_disable_memstatus(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
#endif
