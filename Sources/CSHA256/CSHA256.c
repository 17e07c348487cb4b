#include "CSHA256.h"

#include <string.h>

// swift-crypto links BoringSSL with its symbols prefixed `CCryptoBoringSSL_`; these are its
// SHA256_Init/Update/Final (BoringSSL's public API, unchanged since 2014). The context type is
// left incomplete: this file never looks inside it.
struct sha256_state_st;
int CCryptoBoringSSL_SHA256_Init(struct sha256_state_st *sha);
int CCryptoBoringSSL_SHA256_Update(struct sha256_state_st *sha, const void *data, size_t len);
int CCryptoBoringSSL_SHA256_Final(uint8_t out[32], struct sha256_state_st *sha);

// Room for BoringSSL's SHA256_CTX (112 bytes: eight state words, two length words, a 64-byte
// block, two counters) with a wide margin, so no change of its layout could overrun it.
typedef struct {
    _Alignas(16) unsigned char bytes[256];
} context_space;

void ledger_sha256_three(const void *a, size_t a_len, const void *b, size_t b_len, const void *c, size_t c_len,
                         uint8_t out[32]) {
    context_space space;
    struct sha256_state_st *sha = (struct sha256_state_st *)space.bytes;
    CCryptoBoringSSL_SHA256_Init(sha);
    CCryptoBoringSSL_SHA256_Update(sha, a, a_len);
    if (b_len > 0) CCryptoBoringSSL_SHA256_Update(sha, b, b_len);
    if (c_len > 0) CCryptoBoringSSL_SHA256_Update(sha, c, c_len);
    CCryptoBoringSSL_SHA256_Final(out, sha);
}

void ledger_sha256_prefixed(uint8_t prefix, const void *data, size_t len, uint8_t out[32]) {
    ledger_sha256_three(&prefix, 1, data, len, NULL, 0, out);
}

void ledger_sha256_node(const uint8_t left[32], const uint8_t right[32], uint8_t out[32]) {
    // One contiguous 65-byte message: two compressions, one update.
    uint8_t message[65];
    message[0] = 0x01;
    memcpy(message + 1, left, 32);
    memcpy(message + 33, right, 32);
    ledger_sha256_three(message, sizeof message, NULL, 0, NULL, 0, out);
}
