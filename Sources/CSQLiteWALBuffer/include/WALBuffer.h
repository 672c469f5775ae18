#ifndef FENLIU_WAL_BUFFER_H
#define FENLIU_WAL_BUFFER_H

#ifdef __cplusplus
extern "C" {
#endif

/// Registers (once per capacity; later calls find the first) a SQLite VFS named "<name>-<capacity_bytes>" that wraps
/// the default VFS and gathers the writes SQLite makes to a WAL file between two syncs into one buffer of at most
/// `capacity_bytes`, written out when SQLite syncs, reads, truncates, asks the size of, controls or closes the file,
/// when a write is not contiguous with the buffer, or when the buffer is full. The name is written to
/// `registered_name`.
///
/// SQLite writes each WAL frame as two writes (its 24-byte header, then the page), so a group commit of 40 pages
/// is 80 pwrite calls; the kernel's cost per call (entering it, taking the inode lock, finding and dirtying the
/// page-cache pages a frame straddles) was about a fifth of the writer thread's time. The bytes, their order and
/// the moment they are made durable (the sync) are the same. Not the default VFS: only connections opened with it
/// by name use it, and those must run with synchronous=FULL so every commit syncs (and so writes) its frames before
/// SQLite publishes them in the WAL index.
///
/// Returns SQLITE_OK or an SQLite error code.
int fenliu_wal_buffer_register(const char *name, int capacity_bytes, char *registered_name, int registered_name_size);

/// For tests: when `file` is a WAL file opened through one of these VFSes (SQLITE_FCNTL_JOURNAL_POINTER finds a
/// connection's), stores the writes SQLite made to it and the writes passed on for it, and returns 1; else 0.
int fenliu_wal_buffer_file_counts(void *file, long long *sqlite_writes, long long *underlying_writes);

#ifdef __cplusplus
}
#endif
#endif
