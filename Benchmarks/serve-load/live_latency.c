// Append -> Server-Sent Events delivery latency with many subscribers, measured from a
// separate process with as little client overhead as possible (epoll, no parsing beyond
// finding each frame's eventId), so the figure is the daemon's and not the client's.
//
// usage: live_latency PORT PRACTITIONER_TOKEN INTEGRATION_TOKEN SUBSCRIBERS EVENTS RATE CASES
//
// Opens SUBSCRIBERS connections to GET /events/live (from the next event), then one thread
// appends EVENTS single events at RATE per second over a keep-alive connection, each to
// case-c(i*7 % CASES), with eventIds that encode i. Every subscriber's every delivery is
// timed against the append's send and its acknowledgement. Prints `LIVE measure value`
// lines; `deliveries` must equal SUBSCRIBERS x EVENTS (nothing lost).
//
// build: gcc -O2 -pthread -o live_latency live_latency.c
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static int port, subscribers, events, cases;
static double rate;
static const char *practitioner, *integration;
static double *sent, *acked;  // per event index, seconds (monotonic)
static volatile int appended;
static char salt[9];  // eventIds differ from run to run: a rerun on the same ledger is not a retry

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static int dial(void) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
    a.sin_addr.s_addr = inet_addr("127.0.0.1");
    if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0) { perror("connect"); exit(2); }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

static void send_all(int fd, const char *p, size_t n) {
    while (n > 0) {
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
        if (w <= 0) { perror("send"); exit(2); }
        p += w; n -= (size_t)w;
    }
}

// Reads one response head and its Content-Length body; returns the status.
static int read_response(int fd) {
    char buf[8192];
    size_t have = 0;
    for (;;) {
        ssize_t r = recv(fd, buf + have, sizeof buf - 1 - have, 0);
        if (r <= 0) { perror("recv"); exit(2); }
        have += (size_t)r;
        buf[have] = 0;
        char *end = strstr(buf, "\r\n\r\n");
        if (!end) continue;
        char *cl = strcasestr(buf, "content-length:");
        size_t body = cl ? (size_t)atol(cl + 15) : 0;
        size_t need = (size_t)(end + 4 - buf) + body;
        while (have < need) {
            r = recv(fd, buf + have, sizeof buf - 1 - have, 0);
            if (r <= 0) { perror("recv"); exit(2); }
            have += (size_t)r;
        }
        return atoi(buf + 9);
    }
}

static void *appender(void *unused) {
    (void)unused;
    int fd = dial();
    double start = now();
    char body[512], request[1024];
    for (int i = 0; i < events; i++) {
        double target = start + i / rate;
        double wait = target - now();
        if (wait > 0) usleep((useconds_t)(wait * 1e6));
        int n = snprintf(body, sizeof body,
            "{\"eventId\":\"%s-0000-4000-8000-%012x\",\"type\":\"ConsentRecorded\",\"occurredAt\":\"2025-03-04T10:20:00Z\","
            "\"actor\":\"sw1\",\"data\":{\"scope\":\"assessment\",\"givenBy\":\"parent\",\"givenOn\":\"2025-03-04\"}}", salt, i);
        int m = snprintf(request, sizeof request,
            "POST /streams/case-c%d HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\n"
            "Content-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", (i * 7) % cases, practitioner, n, body);
        sent[i] = now();
        send_all(fd, request, (size_t)m);
        int status = read_response(fd);
        acked[i] = now();
        if (status != 201) { fprintf(stderr, "append %d: status %d\n", i, status); exit(1); }
        appended = i + 1;
    }
    close(fd);
    return NULL;
}

static int compare(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double pct(double *v, long n, double p) { return v[(long)(p / 100 * (n - 1))]; }

int main(int argc, char **argv) {
    if (argc != 8) { fprintf(stderr, "usage: live_latency PORT PRACTITIONER INTEGRATION SUBSCRIBERS EVENTS RATE CASES\n"); return 2; }
    port = atoi(argv[1]); practitioner = argv[2]; integration = argv[3];
    subscribers = atoi(argv[4]); events = atoi(argv[5]); rate = atof(argv[6]); cases = atoi(argv[7]);
    snprintf(salt, sizeof salt, "%08x", (unsigned)(getpid() * 2654435761u ^ (unsigned)time(NULL)));
    sent = calloc((size_t)events, sizeof *sent);
    acked = calloc((size_t)events, sizeof *acked);
    long expected = (long)subscribers * events, delivered = 0;
    double *arrival = malloc(sizeof(double) * (size_t)expected);
    int *which = malloc(sizeof(int) * (size_t)expected);

    int ep = epoll_create1(0);
    char **pending = calloc((size_t)subscribers, sizeof *pending);
    size_t *have = calloc((size_t)subscribers, sizeof *have);
    for (int s = 0; s < subscribers; s++) {
        int fd = dial();
        char request[512];
        int m = snprintf(request, sizeof request, "GET /events/live HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\n\r\n", integration);
        send_all(fd, request, (size_t)m);
        pending[s] = malloc(1 << 16);
        struct epoll_event e = {.events = EPOLLIN, .data.u64 = ((uint64_t)s << 32) | (uint32_t)fd};
        epoll_ctl(ep, EPOLL_CTL_ADD, fd, &e);
    }
    usleep(500000);  // every subscriber's stream is open before the first append

    pthread_t thread;
    pthread_create(&thread, NULL, appender, NULL);
    char marker[64];
    snprintf(marker, sizeof marker, "\"eventId\":\"%s-0000-4000-8000-", salt);
    size_t marker_length = strlen(marker);
    double deadline = 0;
    struct epoll_event ready[64];
    while (delivered < expected) {
        if (appended == events && deadline == 0) deadline = now() + 10;
        if (deadline != 0 && now() > deadline) break;
        int n = epoll_wait(ep, ready, 64, 100);
        double t = now();
        for (int k = 0; k < n; k++) {
            int s = (int)(ready[k].data.u64 >> 32), fd = (int)(uint32_t)ready[k].data.u64;
            ssize_t r = recv(fd, pending[s] + have[s], (1 << 16) - 1 - have[s], 0);
            if (r <= 0) { fprintf(stderr, "subscriber %d closed\n", s); return 1; }
            have[s] += (size_t)r;
            pending[s][have[s]] = 0;
            char *p = pending[s], *hit;
            while ((hit = memmem(p, have[s] - (size_t)(p - pending[s]), marker, marker_length)) != NULL) {
                if ((size_t)(hit - pending[s]) + marker_length + 12 > have[s]) break;  // id not all here yet
                int i = (int)strtol(hit + marker_length, NULL, 16);
                if (i >= 0 && i < events && delivered < expected) {
                    arrival[delivered] = t;
                    which[delivered] = i;
                    delivered++;
                }
                p = hit + marker_length + 12;
            }
            // Keep only what may hold the start of an id split across reads.
            size_t keep = have[s] - (size_t)(p - pending[s]);
            if (keep > marker_length + 12) { p = pending[s] + have[s] - (marker_length + 12); keep = marker_length + 12; }
            memmove(pending[s], p, keep);
            have[s] = keep;
        }
    }
    pthread_join(thread, NULL);
    // Latencies once every send and acknowledgement time is known. A delivery may beat the
    // acknowledgement to the client (both leave the daemon at once): that counts as 0.
    double *from_send = malloc(sizeof(double) * (size_t)(delivered + 1)), *from_ack = malloc(sizeof(double) * (size_t)(delivered + 1));
    for (long d = 0; d < delivered; d++) {
        from_send[d] = (arrival[d] - sent[which[d]]) * 1000;
        double after_ack = (arrival[d] - acked[which[d]]) * 1000;
        from_ack[d] = after_ack > 0 ? after_ack : 0;
    }
    qsort(from_send, (size_t)delivered, sizeof(double), compare);
    qsort(from_ack, (size_t)delivered, sizeof(double), compare);
    printf("LIVE deliveries %ld of %ld\n", delivered, expected);
    if (delivered == 0) return 1;
    printf("LIVE send_to_delivery_p50_ms %.3f\n", pct(from_send, delivered, 50));
    printf("LIVE send_to_delivery_p99_ms %.3f\n", pct(from_send, delivered, 99));
    printf("LIVE send_to_delivery_max_ms %.3f\n", from_send[delivered - 1]);
    printf("LIVE ack_to_delivery_p50_ms %.3f\n", pct(from_ack, delivered, 50));
    printf("LIVE ack_to_delivery_p99_ms %.3f\n", pct(from_ack, delivered, 99));
    return delivered == expected ? 0 : 1;
}
