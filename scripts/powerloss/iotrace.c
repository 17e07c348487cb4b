/*
 * iotrace.so: an LD_PRELOAD shim that records, for files inside $IOTRACE_DIR, every write
 * (with its offset and bytes), every sync, every size change and every O_DSYNC/O_SYNC open,
 * plus every write to standard output (fd 1, the acknowledgements of `ledgerd append`), to
 * the append-only binary trace $IOTRACE_LOG. run.py replays the trace to build the file
 * states a power cut could leave behind.
 *
 *   gcc -O2 -shared -fPIC -o iotrace.so iotrace.c -ldl
 *   IOTRACE_DIR=/path/to/data IOTRACE_LOG=/tmp/trace.bin LD_PRELOAD=./iotrace.so ledgerd ...
 *
 * Every record is written to the log with one writev(2) (never stdio) while a process-wide
 * mutex is held, so records are totally ordered and a SIGKILL loses nothing already
 * recorded: at worst the record being written when the process is killed is cut short, and
 * since a write's record is complete before the write is passed through, a cut-short record
 * is always of an operation that had not started (run.py drops it).
 * A write is recorded *before* it is passed through (WRITE_BEGIN, with the bytes) and again
 * when it returns (WRITE_END, with the result), so a write in flight at a crash point is
 * known and can be torn. Syncs likewise have a BEGIN and an END: a sync guarantees only the
 * writes that completed before it began, and only once it has returned.
 *
 * Record layout (little-endian, packed, 56 bytes) followed by `plen` payload bytes:
 *   u32 magic 'IOTR' | u16 type | u16 flags | i32 fid | i32 tid | u64 id |
 *   i64 off | i64 len | i64 res | u32 plen | i32 err
 *
 * Not interposed (documented in README.md): stdio's internal opens (fopen), io_uring, AIO,
 * close_range, raw syscall(2), writes through writable shared mappings (an MMAP record
 * flags them so run.py can refuse the trace), rename/unlink.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

enum {
    R_START = 1,       /* payload: "pid=N exe=PATH"                                      */
    R_OPEN = 2,        /* fid, res=fd, off=open flags, payload=canonical path             */
    R_CLOSE = 3,       /* fid, res=fd                                                     */
    R_WRITE_BEGIN = 4, /* fid, id, off, len, payload=bytes; flags: F_SYNCWRITE            */
    R_WRITE_END = 5,   /* fid, id, res=bytes written (or -1), err                         */
    R_SYNC_BEGIN = 6,  /* fid (-1: all files), id, flags=kind, off/len for ranges         */
    R_SYNC_END = 7,    /* fid, id, res, err                                               */
    R_TRUNC_BEGIN = 8, /* fid, id, off=new size                                           */
    R_TRUNC_END = 9,   /* fid, id, res                                                    */
    R_FALLOC_BEGIN = 10, /* fid, id, off, len, flags=mode                                 */
    R_FALLOC_END = 11, /* fid, id, res                                                    */
    R_ACK = 12,        /* payload: the bytes about to be written to fd 1                  */
    R_MMAP = 13,       /* fid, off=file offset, len, flags=prot, res=MAP_SHARED?1:0       */
};

enum { F_SYNCWRITE = 1 }; /* the write is synchronous (O_DSYNC/O_SYNC fd, RWF_[D]SYNC)   */

enum { K_FSYNC = 1, K_FDATASYNC = 2, K_MSYNC = 3, K_SYNC_FILE_RANGE = 4, K_SYNCFS = 5, K_SYNC = 6 };

#pragma pack(push, 1)
struct rec {
    uint32_t magic;
    uint16_t type;
    uint16_t flags;
    int32_t fid;
    int32_t tid;
    uint64_t id;
    int64_t off;
    int64_t len;
    int64_t res;
    uint32_t plen;
    int32_t err;
};
#pragma pack(pop)

#define MAGIC 0x52544f49u /* "IOTR" */
#define MAXFD 65536

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static int logfd = -1;
static char dir[PATH_MAX];
static size_t dirlen;
static int32_t next_fid = 1;
static uint64_t next_id = 1;
/* fd -> open instance (0: not traced) and whether writes through it are synchronous. */
static int32_t fd_fid[MAXFD];
static uint8_t fd_sync[MAXFD];
static __thread int inside; /* re-entrancy guard: the shim's own calls pass straight through */

static int (*real_open)(const char *, int, ...);
static int (*real_open64)(const char *, int, ...);
static int (*real_openat)(int, const char *, int, ...);
static int (*real_openat64)(int, const char *, int, ...);
static int (*real___open_2)(const char *, int);
static int (*real___open64_2)(const char *, int);
static int (*real___openat_2)(int, const char *, int);
static int (*real___openat64_2)(int, const char *, int);
static int (*real_creat)(const char *, mode_t);
static int (*real_creat64)(const char *, mode_t);
static int (*real_close)(int);
static int (*real_dup)(int);
static int (*real_dup2)(int, int);
static int (*real_dup3)(int, int, int);
static int (*real_fcntl)(int, int, ...);
static int (*real_fcntl64)(int, int, ...);
static ssize_t (*real_write)(int, const void *, size_t);
static ssize_t (*real_pwrite)(int, const void *, size_t, off_t);
static ssize_t (*real_pwrite64)(int, const void *, size_t, off64_t);
static ssize_t (*real_writev)(int, const struct iovec *, int);
static ssize_t (*real_pwritev)(int, const struct iovec *, int, off_t);
static ssize_t (*real_pwritev64)(int, const struct iovec *, int, off64_t);
static ssize_t (*real_pwritev2)(int, const struct iovec *, int, off_t, int);
static ssize_t (*real_pwritev64v2)(int, const struct iovec *, int, off64_t, int);
static int (*real_fsync)(int);
static int (*real_fdatasync)(int);
static int (*real_msync)(void *, size_t, int);
static int (*real_sync_file_range)(int, off64_t, off64_t, unsigned int);
static int (*real_syncfs)(int);
static void (*real_sync)(void);
static int (*real_ftruncate)(int, off_t);
static int (*real_ftruncate64)(int, off64_t);
static int (*real_fallocate)(int, int, off_t, off_t);
static int (*real_fallocate64)(int, int, off64_t, off64_t);
static int (*real_posix_fallocate)(int, off_t, off_t);
static int (*real_posix_fallocate64)(int, off64_t, off64_t);
static void *(*real_mmap)(void *, size_t, int, int, int, off_t);
static void *(*real_mmap64)(void *, size_t, int, int, int, off64_t);

#define RESOLVE(name) real_##name = dlsym(RTLD_NEXT, #name)

static void emit(uint16_t, uint16_t, int32_t, uint64_t, int64_t, int64_t, int64_t, int32_t, const void *, size_t);

static void init(void) {
    int saved = errno;
    inside++;
    RESOLVE(open); RESOLVE(open64); RESOLVE(openat); RESOLVE(openat64);
    RESOLVE(__open_2); RESOLVE(__open64_2); RESOLVE(__openat_2); RESOLVE(__openat64_2);
    RESOLVE(creat); RESOLVE(creat64); RESOLVE(close); RESOLVE(dup); RESOLVE(dup2); RESOLVE(dup3); RESOLVE(fcntl); RESOLVE(fcntl64);
    RESOLVE(write); RESOLVE(pwrite); RESOLVE(pwrite64); RESOLVE(writev); RESOLVE(pwritev);
    RESOLVE(pwritev64); RESOLVE(pwritev2); RESOLVE(pwritev64v2);
    RESOLVE(fsync); RESOLVE(fdatasync); RESOLVE(msync); RESOLVE(sync_file_range); RESOLVE(syncfs);
    RESOLVE(sync); RESOLVE(ftruncate); RESOLVE(ftruncate64); RESOLVE(fallocate); RESOLVE(fallocate64);
    RESOLVE(posix_fallocate); RESOLVE(posix_fallocate64); RESOLVE(mmap); RESOLVE(mmap64);
    const char *d = getenv("IOTRACE_DIR");
    const char *l = getenv("IOTRACE_LOG");
    if (d && l && realpath(d, dir)) {
        dirlen = strlen(dir);
        logfd = (int)syscall(SYS_openat, AT_FDCWD, l, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
        if (logfd >= 0) {
            char note[PATH_MAX + 64];
            char exe[PATH_MAX];
            ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
            exe[n > 0 ? n : 0] = 0;
            int len = snprintf(note, sizeof note, "pid=%d exe=%s", (int)getpid(), exe);
            pthread_mutex_lock(&lock);
            emit(R_START, 0, -1, 0, 0, 0, 0, 0, note, (size_t)len);
            pthread_mutex_unlock(&lock);
        }
    }
    inside--;
    errno = saved;
}

static inline int active(void) {
    pthread_once(&once, init);
    return logfd >= 0 && !inside;
}

/* Writes iov[0..cnt) to the log with as few writev(2) calls as the kernel allows (one, unless
 * it writes short), so a record is normally one system call. */
static void write_allv(struct iovec *iov, int cnt) {
    while (cnt > 0) {
        ssize_t w = syscall(SYS_writev, logfd, iov, cnt);
        if (w < 0) {
            if (errno == EINTR) continue;
            return;
        }
        while (cnt > 0 && (size_t)w >= iov->iov_len) {
            w -= (ssize_t)iov->iov_len;
            iov++;
            cnt--;
        }
        if (cnt > 0) {
            iov->iov_base = (char *)iov->iov_base + w;
            iov->iov_len -= (size_t)w;
        }
    }
}

/* Writes one record; the caller holds `lock`. */
static void emit(uint16_t type, uint16_t flags, int32_t fid, uint64_t id, int64_t off, int64_t len,
                 int64_t res, int32_t err, const void *payload, size_t plen) {
    struct rec r = {MAGIC, type, flags, fid, (int32_t)syscall(SYS_gettid), id, off, len, res, (uint32_t)plen, err};
    struct iovec v[2] = {{&r, sizeof r}, {(void *)payload, plen}};
    write_allv(v, plen ? 2 : 1);
}

#define MAXIOV 1024
static void emit_iov(uint16_t type, uint16_t flags, int32_t fid, uint64_t id, int64_t off,
                     const struct iovec *iov, int iovcnt) {
    size_t total = 0;
    for (int i = 0; i < iovcnt; i++) total += iov[i].iov_len;
    struct rec r = {MAGIC, type, flags, fid, (int32_t)syscall(SYS_gettid), id, off, (int64_t)total, 0, (uint32_t)total, 0};
    struct iovec v[MAXIOV];
    int n = 0;
    v[n++] = (struct iovec){&r, sizeof r};
    for (int i = 0; i < iovcnt; i++) {
        if (!iov[i].iov_len) continue;
        if (n == MAXIOV) {
            write_allv(v, n);
            n = 0;
        }
        v[n++] = iov[i];
    }
    write_allv(v, n);
}

static inline int32_t traced(int fd) { return (fd >= 0 && fd < MAXFD) ? fd_fid[fd] : 0; }

/* After a successful open: trace the fd if its file is inside IOTRACE_DIR. */
static void opened(int fd, int flags) {
    if (fd < 0 || fd >= MAXFD || logfd < 0) return;
    char link[64], path[PATH_MAX];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, path, sizeof path - 1);
    if (n <= 0) return;
    path[n] = 0;
    if (strncmp(path, dir, dirlen) != 0 || (path[dirlen] != '/' && path[dirlen] != 0)) {
        fd_fid[fd] = 0;
        return;
    }
    pthread_mutex_lock(&lock);
    int32_t fid = next_fid++;
    fd_fid[fd] = fid;
    fd_sync[fd] = (flags & (O_DSYNC | O_SYNC)) ? 1 : 0;
    emit(R_OPEN, fd_sync[fd] ? F_SYNCWRITE : 0, fid, 0, flags, 0, fd, 0, path, (size_t)n);
    pthread_mutex_unlock(&lock);
}

#define OPEN_BODY(call)                         \
    mode_t mode = 0;                            \
    if (flags & (O_CREAT | __O_TMPFILE)) {      \
        va_list ap;                             \
        va_start(ap, flags);                    \
        mode = va_arg(ap, mode_t);              \
        va_end(ap);                             \
    }                                           \
    int on = active();                          \
    int fd = call;                              \
    if (on && fd >= 0) {                        \
        int saved = errno;                      \
        inside++;                               \
        opened(fd, flags);                      \
        inside--;                               \
        errno = saved;                          \
    }                                           \
    return fd;

int open(const char *p, int flags, ...) { pthread_once(&once, init); OPEN_BODY(real_open(p, flags, mode)) }
int open64(const char *p, int flags, ...) { pthread_once(&once, init); OPEN_BODY(real_open64(p, flags, mode)) }
int openat(int d, const char *p, int flags, ...) { pthread_once(&once, init); OPEN_BODY(real_openat(d, p, flags, mode)) }
int openat64(int d, const char *p, int flags, ...) { pthread_once(&once, init); OPEN_BODY(real_openat64(d, p, flags, mode)) }

#define OPEN2_BODY(call)                                                              \
    int on = active();                                                                \
    int fd = call;                                                                    \
    if (on && fd >= 0) { int saved = errno; inside++; opened(fd, flags); inside--; errno = saved; } \
    return fd;

int __open_2(const char *p, int flags) { pthread_once(&once, init); OPEN2_BODY(real___open_2(p, flags)) }
int __open64_2(const char *p, int flags) { pthread_once(&once, init); OPEN2_BODY(real___open64_2(p, flags)) }
int __openat_2(int d, const char *p, int flags) { pthread_once(&once, init); OPEN2_BODY(real___openat_2(d, p, flags)) }
int __openat64_2(int d, const char *p, int flags) { pthread_once(&once, init); OPEN2_BODY(real___openat64_2(d, p, flags)) }

int creat(const char *p, mode_t mode) {
    int flags = O_CREAT | O_WRONLY | O_TRUNC;
    int on = active();
    int fd = real_creat(p, mode);
    if (on && fd >= 0) { int saved = errno; inside++; opened(fd, flags); inside--; errno = saved; }
    return fd;
}
int creat64(const char *p, mode_t mode) {
    int flags = O_CREAT | O_WRONLY | O_TRUNC;
    int on = active();
    int fd = real_creat64(p, mode);
    if (on && fd >= 0) { int saved = errno; inside++; opened(fd, flags); inside--; errno = saved; }
    return fd;
}

int close(int fd) {
    int on = active();
    int32_t fid = traced(fd);
    if (on && fid) {
        pthread_mutex_lock(&lock);
        emit(R_CLOSE, 0, fid, 0, 0, 0, fd, 0, NULL, 0);
        fd_fid[fd] = 0;
        fd_sync[fd] = 0;
        pthread_mutex_unlock(&lock);
    } else if (fd >= 0 && fd < MAXFD) {
        fd_fid[fd] = 0;
    }
    return real_close(fd);
}

static void duped(int from, int to) {
    if (to < 0 || to >= MAXFD) return;
    fd_fid[to] = traced(from);
    fd_sync[to] = (from >= 0 && from < MAXFD) ? fd_sync[from] : 0;
}
int dup(int fd) { int on = active(); int r = real_dup(fd); if (on && r >= 0) duped(fd, r); return r; }
int dup2(int fd, int to) { int on = active(); int r = real_dup2(fd, to); if (on && r >= 0) duped(fd, r); return r; }
int dup3(int fd, int to, int fl) { int on = active(); int r = real_dup3(fd, to, fl); if (on && r >= 0) duped(fd, r); return r; }
/* fcntl: only F_DUPFD[_CLOEXEC] matters (Linux's F_SETFL cannot change O_DSYNC/O_SYNC). The
 * argument is an int or a pointer; like glibc, pass it on as a pointer-sized value. */
int fcntl(int fd, int cmd, ...) {
    va_list ap;
    va_start(ap, cmd);
    void *arg = va_arg(ap, void *);
    va_end(ap);
    int on = active();
    int r = real_fcntl(fd, cmd, arg);
    if (on && r >= 0 && (cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC)) duped(fd, r);
    return r;
}
int fcntl64(int fd, int cmd, ...) {
    va_list ap;
    va_start(ap, cmd);
    void *arg = va_arg(ap, void *);
    va_end(ap);
    int on = active();
    int r = (real_fcntl64 ? real_fcntl64 : real_fcntl)(fd, cmd, arg);
    if (on && r >= 0 && (cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC)) duped(fd, r);
    return r;
}

/* The current offset of a write without one (write, writev); O_APPEND writes go to the end. */
static int64_t current_offset(int fd) {
    int fl = (int)syscall(SYS_fcntl, fd, F_GETFL, 0);
    if (fl >= 0 && (fl & O_APPEND)) {
        struct stat st;
        if (fstat(fd, &st) == 0) return st.st_size;
    }
    return lseek(fd, 0, SEEK_CUR);
}

/* A traced write: BEGIN (with the bytes) before, END (with the result) after. The mutex is
 * not held across the real call, so other threads' records may interleave. */
#define TRACED_WRITE(fd, extra_sync, off_expr, emit_begin, call)              \
    int on = active();                                                        \
    if (on && fd == 1) {                                                      \
        pthread_mutex_lock(&lock);                                            \
        emit_begin_ack;                                                       \
        pthread_mutex_unlock(&lock);                                          \
        return call;                                                          \
    }                                                                         \
    int32_t fid = on ? traced(fd) : 0;                                        \
    if (!fid) return call;                                                    \
    int saved = errno;                                                        \
    inside++;                                                                 \
    pthread_mutex_lock(&lock);                                                \
    uint64_t id = next_id++;                                                  \
    int64_t off = (off_expr);                                                 \
    uint16_t fl = (fd_sync[fd] || (extra_sync)) ? F_SYNCWRITE : 0;            \
    emit_begin;                                                               \
    pthread_mutex_unlock(&lock);                                              \
    inside--;                                                                 \
    errno = saved;                                                            \
    ssize_t r = call;                                                         \
    saved = errno;                                                            \
    pthread_mutex_lock(&lock);                                                \
    emit(R_WRITE_END, fl, fid, id, off, 0, r, r < 0 ? saved : 0, NULL, 0);    \
    pthread_mutex_unlock(&lock);                                              \
    errno = saved;                                                            \
    return r;

ssize_t write(int fd, const void *buf, size_t n) {
#define emit_begin_ack emit(R_ACK, 0, -1, 0, 0, (int64_t)n, 0, 0, buf, n)
    TRACED_WRITE(fd, 0, current_offset(fd), emit(R_WRITE_BEGIN, fl, fid, id, off, (int64_t)n, 0, 0, buf, n),
                 real_write(fd, buf, n))
#undef emit_begin_ack
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t o) {
#define emit_begin_ack emit(R_ACK, 0, -1, 0, 0, (int64_t)n, 0, 0, buf, n)
    TRACED_WRITE(fd, 0, o, emit(R_WRITE_BEGIN, fl, fid, id, off, (int64_t)n, 0, 0, buf, n),
                 real_pwrite(fd, buf, n, o))
#undef emit_begin_ack
}

ssize_t pwrite64(int fd, const void *buf, size_t n, off64_t o) {
#define emit_begin_ack emit(R_ACK, 0, -1, 0, 0, (int64_t)n, 0, 0, buf, n)
    TRACED_WRITE(fd, 0, o, emit(R_WRITE_BEGIN, fl, fid, id, off, (int64_t)n, 0, 0, buf, n),
                 real_pwrite64(fd, buf, n, o))
#undef emit_begin_ack
}

#define emit_begin_ack emit_iov(R_ACK, 0, -1, 0, 0, iov, cnt)
ssize_t writev(int fd, const struct iovec *iov, int cnt) {
    TRACED_WRITE(fd, 0, current_offset(fd), emit_iov(R_WRITE_BEGIN, fl, fid, id, off, iov, cnt),
                 real_writev(fd, iov, cnt))
}
ssize_t pwritev(int fd, const struct iovec *iov, int cnt, off_t o) {
    TRACED_WRITE(fd, 0, o, emit_iov(R_WRITE_BEGIN, fl, fid, id, off, iov, cnt), real_pwritev(fd, iov, cnt, o))
}
ssize_t pwritev64(int fd, const struct iovec *iov, int cnt, off64_t o) {
    TRACED_WRITE(fd, 0, o, emit_iov(R_WRITE_BEGIN, fl, fid, id, off, iov, cnt), real_pwritev64(fd, iov, cnt, o))
}
/* pwritev2: offset -1 means the current offset; RWF_DSYNC/RWF_SYNC make the write synchronous. */
ssize_t pwritev2(int fd, const struct iovec *iov, int cnt, off_t o, int f) {
    TRACED_WRITE(fd, (f & (RWF_DSYNC | RWF_SYNC)), (o == -1 ? current_offset(fd) : o),
                 emit_iov(R_WRITE_BEGIN, fl, fid, id, off, iov, cnt), real_pwritev2(fd, iov, cnt, o, f))
}
ssize_t pwritev64v2(int fd, const struct iovec *iov, int cnt, off64_t o, int f) {
    TRACED_WRITE(fd, (f & (RWF_DSYNC | RWF_SYNC)), (o == -1 ? current_offset(fd) : o),
                 emit_iov(R_WRITE_BEGIN, fl, fid, id, off, iov, cnt), real_pwritev64v2(fd, iov, cnt, o, f))
}
#undef emit_begin_ack

/* A traced sync-like call on one file (fid) or on all files (fid -1). */
static uint64_t op_begin(uint16_t type, uint16_t flags, int32_t fid, int64_t off, int64_t len) {
    pthread_mutex_lock(&lock);
    uint64_t id = next_id++;
    emit(type, flags, fid, id, off, len, 0, 0, NULL, 0);
    pthread_mutex_unlock(&lock);
    return id;
}
static void op_end(uint16_t type, uint16_t flags, int32_t fid, uint64_t id, int64_t off, int64_t len, int64_t res, int err) {
    pthread_mutex_lock(&lock);
    emit(type, flags, fid, id, off, len, res, err, NULL, 0);
    pthread_mutex_unlock(&lock);
}

#define TRACED_OP(fidexpr, begin, end, kind, off, len, call)                      \
    int on = active();                                                             \
    int32_t fid = on ? (fidexpr) : 0;                                              \
    if (!fid) return call;                                                         \
    int saved = errno;                                                             \
    uint64_t id = op_begin(begin, kind, fid, off, len);                            \
    errno = saved;                                                                 \
    int r = call;                                                                  \
    saved = errno;                                                                 \
    op_end(end, kind, fid, id, off, len, r, r < 0 ? saved : 0);                    \
    errno = saved;                                                                 \
    return r;

int fsync(int fd) { TRACED_OP(traced(fd), R_SYNC_BEGIN, R_SYNC_END, K_FSYNC, 0, 0, real_fsync(fd)) }
int fdatasync(int fd) { TRACED_OP(traced(fd), R_SYNC_BEGIN, R_SYNC_END, K_FDATASYNC, 0, 0, real_fdatasync(fd)) }
int sync_file_range(int fd, off64_t o, off64_t n, unsigned int f) {
    TRACED_OP(traced(fd), R_SYNC_BEGIN, R_SYNC_END, K_SYNC_FILE_RANGE, o, n, real_sync_file_range(fd, o, n, f))
}
int syncfs(int fd) { TRACED_OP(-1, R_SYNC_BEGIN, R_SYNC_END, K_SYNCFS, 0, 0, real_syncfs(fd)) }
/* msync names memory, not a file: recorded against all files (run.py refuses traces with
 * writable shared mappings of traced files, so it never matters for LMDB without WRITEMAP). */
int msync(void *a, size_t n, int f) {
    TRACED_OP(((f & MS_SYNC) ? -1 : 0), R_SYNC_BEGIN, R_SYNC_END, K_MSYNC, (int64_t)(uintptr_t)a, (int64_t)n,
              real_msync(a, n, f))
}
void sync(void) {
    if (!active()) { real_sync(); return; }
    uint64_t id = op_begin(R_SYNC_BEGIN, K_SYNC, -1, 0, 0);
    real_sync();
    op_end(R_SYNC_END, K_SYNC, -1, id, 0, 0, 0, 0);
}

int ftruncate(int fd, off_t n) { TRACED_OP(traced(fd), R_TRUNC_BEGIN, R_TRUNC_END, 0, n, 0, real_ftruncate(fd, n)) }
int ftruncate64(int fd, off64_t n) { TRACED_OP(traced(fd), R_TRUNC_BEGIN, R_TRUNC_END, 0, n, 0, real_ftruncate64(fd, n)) }
int fallocate(int fd, int mode, off_t o, off_t n) {
    TRACED_OP(traced(fd), R_FALLOC_BEGIN, R_FALLOC_END, (uint16_t)mode, o, n, real_fallocate(fd, mode, o, n))
}
int fallocate64(int fd, int mode, off64_t o, off64_t n) {
    TRACED_OP(traced(fd), R_FALLOC_BEGIN, R_FALLOC_END, (uint16_t)mode, o, n, real_fallocate64(fd, mode, o, n))
}
/* posix_fallocate returns an error number rather than setting errno. */
int posix_fallocate(int fd, off_t o, off_t n) {
    TRACED_OP(traced(fd), R_FALLOC_BEGIN, R_FALLOC_END, 0, o, n, real_posix_fallocate(fd, o, n))
}
int posix_fallocate64(int fd, off64_t o, off64_t n) {
    TRACED_OP(traced(fd), R_FALLOC_BEGIN, R_FALLOC_END, 0, o, n, real_posix_fallocate64(fd, o, n))
}

static void mapped(int fd, size_t n, int prot, int flags, int64_t o) {
    int32_t fid = traced(fd);
    if (!fid) return;
    pthread_mutex_lock(&lock);
    emit(R_MMAP, (uint16_t)prot, fid, 0, o, (int64_t)n, (flags & MAP_SHARED) ? 1 : 0, 0, NULL, 0);
    pthread_mutex_unlock(&lock);
}
void *mmap(void *a, size_t n, int prot, int flags, int fd, off_t o) {
    int on = active();
    void *r = real_mmap(a, n, prot, flags, fd, o);
    if (on && r != MAP_FAILED && fd >= 0) { int saved = errno; mapped(fd, n, prot, flags, o); errno = saved; }
    return r;
}
void *mmap64(void *a, size_t n, int prot, int flags, int fd, off64_t o) {
    int on = active();
    void *r = real_mmap64(a, n, prot, flags, fd, o);
    if (on && r != MAP_FAILED && fd >= 0) { int saved = errno; mapped(fd, n, prot, flags, o); errno = saved; }
    return r;
}
