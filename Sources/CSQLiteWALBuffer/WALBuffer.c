// A SQLite VFS that gathers the writes to a WAL file between two syncs into one pwrite (see WALBuffer.h for why).
//
// Every other file, and every other method of a WAL file, is passed straight to the wrapped VFS. Before anything
// that could observe the file's content or size (read, sync, truncate, size, file control, close) the buffer is
// written out first, so SQLite never sees a difference except in the number of system calls.

#include "WALBuffer.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

typedef struct BufferedFile {
    sqlite3_file base;          // must be first: SQLite sees this
    sqlite3_file *real;         // the wrapped VFS's file, allocated right after this struct
    int isWAL;
    unsigned char *bytes;       // pending bytes, written at `offset`
    int length;
    int allocated;
    int capacity;               // of this file's VFS (its pAppData)
    sqlite3_int64 offset;
    long long sqliteWrites;     // writes SQLite made to this WAL file
    long long underlyingWrites; // writes passed on to the wrapped VFS for it
} BufferedFile;

// The unix VFS writes at most 0x1ffff bytes per call (it masks the length: a write of 128 KiB would write nothing
// and fail as "disk full"), so the buffer goes out in pieces of at most 31 pages.
enum { maxUnderlyingWrite = 31 * 4096 };

static sqlite3_vfs *wrapped;

// Writes the pending bytes. On failure they are dropped: SQLite treats the error as a failed write of the
// transaction and rolls it back, and a later transaction rewrites those frames from its own pages.
static int flush(BufferedFile *f) {
    int length = f->length;
    f->length = 0;
    for (int done = 0; done < length;) {
        int chunk = length - done < maxUnderlyingWrite ? length - done : maxUnderlyingWrite;
        f->underlyingWrites += 1;
        int rc = f->real->pMethods->xWrite(f->real, f->bytes + done, chunk, f->offset + done);
        if (rc != SQLITE_OK) return rc;
        done += chunk;
    }
    return SQLITE_OK;
}

// Writes the buffer out, then passes the call on: for every method whose result depends on the file's content or size.
#define FLUSHED_THEN(file, call) do { \
        BufferedFile *f = (BufferedFile *)(file); \
        int rc = flush(f); \
        if (rc != SQLITE_OK) return rc; \
        return f->real->pMethods->call; \
    } while (0)

// Passes the call on unchanged.
#define FORWARD(file, call) do { BufferedFile *f = (BufferedFile *)(file); return f->real->pMethods->call; } while (0)

static int bufferedClose(sqlite3_file *file) {
    BufferedFile *f = (BufferedFile *)file;
    int rc = flush(f);
    int closed = f->real->pMethods ? f->real->pMethods->xClose(f->real) : SQLITE_OK;
    free(f->bytes);
    f->bytes = NULL;
    f->allocated = 0;
    return rc != SQLITE_OK ? rc : closed;
}

static int bufferedRead(sqlite3_file *file, void *out, int amount, sqlite3_int64 offset) {
    FLUSHED_THEN(file, xRead(f->real, out, amount, offset));
}

// Makes room for `needed` bytes; 0 when the buffer cannot hold them (the write then goes straight through).
static int reserve(BufferedFile *f, int needed) {
    if (needed > f->capacity) return 0;
    if (needed <= f->allocated) return 1;
    int size = f->allocated > 0 ? f->allocated : 64 * 1024;
    while (size < needed) size *= 2;
    if (size > f->capacity) size = f->capacity;
    unsigned char *grown = realloc(f->bytes, (size_t)size);
    if (!grown) return 0;
    f->bytes = grown;
    f->allocated = size;
    return 1;
}

static int bufferedWrite(sqlite3_file *file, const void *data, int amount, sqlite3_int64 offset) {
    BufferedFile *f = (BufferedFile *)file;
    if (!f->isWAL) return f->real->pMethods->xWrite(f->real, data, amount, offset);
    f->sqliteWrites += 1;
    if (f->length > 0 && offset == f->offset + f->length && reserve(f, f->length + amount)) {
        memcpy(f->bytes + f->length, data, (size_t)amount);
        f->length += amount;
        return SQLITE_OK;
    }
    int rc = flush(f);
    if (rc != SQLITE_OK) return rc;
    if (reserve(f, amount)) {
        memcpy(f->bytes, data, (size_t)amount);
        f->length = amount;
        f->offset = offset;
        return SQLITE_OK;
    }
    f->length = amount;   // too large for the buffer: written through it in pieces, from the caller's memory
    f->offset = offset;
    unsigned char *own = f->bytes;
    f->bytes = (unsigned char *)data;
    rc = flush(f);
    f->bytes = own;
    return rc;
}

static int bufferedTruncate(sqlite3_file *file, sqlite3_int64 size) { FLUSHED_THEN(file, xTruncate(f->real, size)); }

static int bufferedSync(sqlite3_file *file, int flags) { FLUSHED_THEN(file, xSync(f->real, flags)); }

static int bufferedFileSize(sqlite3_file *file, sqlite3_int64 *size) { FLUSHED_THEN(file, xFileSize(f->real, size)); }

static int bufferedLock(sqlite3_file *file, int level) { FORWARD(file, xLock(f->real, level)); }

static int bufferedUnlock(sqlite3_file *file, int level) { FORWARD(file, xUnlock(f->real, level)); }

static int bufferedCheckReservedLock(sqlite3_file *file, int *out) {
    FORWARD(file, xCheckReservedLock(f->real, out));
}

static int bufferedFileControl(sqlite3_file *file, int op, void *arg) {
    FLUSHED_THEN(file, xFileControl(f->real, op, arg));
}

static int bufferedSectorSize(sqlite3_file *file) { FORWARD(file, xSectorSize(f->real)); }

static int bufferedDeviceCharacteristics(sqlite3_file *file) { FORWARD(file, xDeviceCharacteristics(f->real)); }

static int bufferedShmMap(sqlite3_file *file, int region, int size, int extend, void volatile **out) {
    FORWARD(file, xShmMap(f->real, region, size, extend, out));
}

static int bufferedShmLock(sqlite3_file *file, int offset, int n, int flags) {
    FORWARD(file, xShmLock(f->real, offset, n, flags));
}

static void bufferedShmBarrier(sqlite3_file *file) {
    BufferedFile *f = (BufferedFile *)file; f->real->pMethods->xShmBarrier(f->real);
}

static int bufferedShmUnmap(sqlite3_file *file, int deleteFlag) { FORWARD(file, xShmUnmap(f->real, deleteFlag)); }

static int bufferedFetch(sqlite3_file *file, sqlite3_int64 offset, int amount, void **out) {
    FLUSHED_THEN(file, xFetch(f->real, offset, amount, out));
}

static int bufferedUnfetch(sqlite3_file *file, sqlite3_int64 offset, void *page) {
    FORWARD(file, xUnfetch(f->real, offset, page));
}

// One table per version the wrapped file may have, so SQLite asks for shared memory or memory mapping only when
// the wrapped file can provide it.
static const sqlite3_io_methods methodsV1 = {
    1, bufferedClose, bufferedRead, bufferedWrite, bufferedTruncate, bufferedSync, bufferedFileSize,
    bufferedLock, bufferedUnlock, bufferedCheckReservedLock, bufferedFileControl, bufferedSectorSize,
    bufferedDeviceCharacteristics, 0, 0, 0, 0, 0, 0,
};
static const sqlite3_io_methods methodsV2 = {
    2, bufferedClose, bufferedRead, bufferedWrite, bufferedTruncate, bufferedSync, bufferedFileSize,
    bufferedLock, bufferedUnlock, bufferedCheckReservedLock, bufferedFileControl, bufferedSectorSize,
    bufferedDeviceCharacteristics, bufferedShmMap, bufferedShmLock, bufferedShmBarrier, bufferedShmUnmap, 0, 0,
};
static const sqlite3_io_methods methodsV3 = {
    3, bufferedClose, bufferedRead, bufferedWrite, bufferedTruncate, bufferedSync, bufferedFileSize,
    bufferedLock, bufferedUnlock, bufferedCheckReservedLock, bufferedFileControl, bufferedSectorSize,
    bufferedDeviceCharacteristics, bufferedShmMap, bufferedShmLock, bufferedShmBarrier, bufferedShmUnmap,
    bufferedFetch, bufferedUnfetch,
};

static int bufferedOpen(sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *file, int flags, int *outFlags) {
    BufferedFile *f = (BufferedFile *)file;
    memset(f, 0, sizeof(*f));
    f->capacity = (int)(intptr_t)vfs->pAppData;
    f->real = (sqlite3_file *)&f[1];
    int rc = wrapped->xOpen(wrapped, name, f->real, flags, outFlags);
    if (rc != SQLITE_OK || f->real->pMethods == 0) {
        // SQLite calls xClose after a failed xOpen only when pMethods is set: close the wrapped file here instead.
        if (f->real->pMethods) f->real->pMethods->xClose(f->real);
        f->base.pMethods = 0;
        return rc != SQLITE_OK ? rc : SQLITE_CANTOPEN;
    }
    f->isWAL = (flags & SQLITE_OPEN_WAL) != 0;
    int version = f->real->pMethods->iVersion;
    f->base.pMethods = version >= 3 ? &methodsV3 : version == 2 ? &methodsV2 : &methodsV1;
    return SQLITE_OK;
}

static int forwardDelete(sqlite3_vfs *vfs, const char *name, int syncDir) {
    (void)vfs;
    return wrapped->xDelete(wrapped, name, syncDir);
}
static int forwardAccess(sqlite3_vfs *vfs, const char *name, int flags, int *out) {
    (void)vfs;
    return wrapped->xAccess(wrapped, name, flags, out);
}
static int forwardFullPathname(sqlite3_vfs *vfs, const char *name, int n, char *out) {
    (void)vfs;
    return wrapped->xFullPathname(wrapped, name, n, out);
}
static void *forwardDlOpen(sqlite3_vfs *vfs, const char *name) {
    (void)vfs;
    return wrapped->xDlOpen(wrapped, name);
}
static void forwardDlError(sqlite3_vfs *vfs, int n, char *out) {
    (void)vfs;
    wrapped->xDlError(wrapped, n, out);
}
static void (*forwardDlSym(sqlite3_vfs *vfs, void *handle, const char *symbol))(void) {
    (void)vfs;
    return wrapped->xDlSym(wrapped, handle, symbol);
}
static void forwardDlClose(sqlite3_vfs *vfs, void *handle) {
    (void)vfs;
    wrapped->xDlClose(wrapped, handle);
}
static int forwardRandomness(sqlite3_vfs *vfs, int n, char *out) {
    (void)vfs;
    return wrapped->xRandomness(wrapped, n, out);
}
static int forwardSleep(sqlite3_vfs *vfs, int microseconds) {
    (void)vfs;
    return wrapped->xSleep(wrapped, microseconds);
}
static int forwardCurrentTime(sqlite3_vfs *vfs, double *out) {
    (void)vfs;
    return wrapped->xCurrentTime(wrapped, out);
}
static int forwardGetLastError(sqlite3_vfs *vfs, int n, char *out) {
    (void)vfs;
    return wrapped->xGetLastError ? wrapped->xGetLastError(wrapped, n, out) : 0;
}
static int forwardCurrentTimeInt64(sqlite3_vfs *vfs, sqlite3_int64 *out) {
    (void)vfs;
    if (wrapped->iVersion >= 2 && wrapped->xCurrentTimeInt64) return wrapped->xCurrentTimeInt64(wrapped, out);
    double days = 0;
    int rc = wrapped->xCurrentTime(wrapped, &days);
    *out = (sqlite3_int64)(days * 86400000.0);
    return rc;
}

static pthread_mutex_t registerLock = PTHREAD_MUTEX_INITIALIZER;

// One VFS per capacity, named "<name>-<capacity>", so connections that want different sizes never share one. Each is
// registered once and lives as long as the process (SQLite keeps a pointer to it).
int fenliu_wal_buffer_register(const char *name, int capacity_bytes, char *registered_name, int registered_name_size) {
    if (!name || capacity_bytes <= 0 || !registered_name || registered_name_size <= 0) return SQLITE_MISUSE;
    int rc = sqlite3_initialize();
    if (rc != SQLITE_OK) return rc;
    int written = snprintf(registered_name, (size_t)registered_name_size, "%s-%d", name, capacity_bytes);
    if (written < 0 || written >= registered_name_size) return SQLITE_RANGE;
    pthread_mutex_lock(&registerLock);
    if (sqlite3_vfs_find(registered_name)) {
        pthread_mutex_unlock(&registerLock);
        return SQLITE_OK;
    }
    if (!wrapped) wrapped = sqlite3_vfs_find(0);
    sqlite3_vfs *vfs = wrapped ? calloc(1, sizeof(sqlite3_vfs)) : NULL;
    char *ownName = vfs ? strdup(registered_name) : NULL;
    if (!ownName) {
        free(vfs);
        pthread_mutex_unlock(&registerLock);
        return wrapped ? SQLITE_NOMEM : SQLITE_ERROR;
    }
    vfs->iVersion = 2;
    vfs->szOsFile = (int)sizeof(BufferedFile) + wrapped->szOsFile;
    vfs->mxPathname = wrapped->mxPathname;
    vfs->zName = ownName;
    vfs->pAppData = (void *)(intptr_t)capacity_bytes;
    vfs->xOpen = bufferedOpen;
    vfs->xDelete = forwardDelete;
    vfs->xAccess = forwardAccess;
    vfs->xFullPathname = forwardFullPathname;
    vfs->xDlOpen = forwardDlOpen;
    vfs->xDlError = forwardDlError;
    vfs->xDlSym = forwardDlSym;
    vfs->xDlClose = forwardDlClose;
    vfs->xRandomness = forwardRandomness;
    vfs->xSleep = forwardSleep;
    vfs->xCurrentTime = forwardCurrentTime;
    vfs->xGetLastError = forwardGetLastError;
    vfs->xCurrentTimeInt64 = forwardCurrentTimeInt64;
    rc = sqlite3_vfs_register(vfs, 0);
    if (rc != SQLITE_OK) {
        free(ownName);
        free(vfs);
    }
    pthread_mutex_unlock(&registerLock);
    return rc;
}

int fenliu_wal_buffer_file_counts(void *opaque, long long *sqlite_writes, long long *underlying_writes) {
    sqlite3_file *file = opaque;
    if (!file || !file->pMethods) return 0;
    if (file->pMethods != &methodsV1 && file->pMethods != &methodsV2 && file->pMethods != &methodsV3) return 0;
    BufferedFile *f = (BufferedFile *)file;
    if (!f->isWAL) return 0;
    *sqlite_writes = f->sqliteWrites;
    *underlying_writes = f->underlyingWrites;
    return 1;
}
