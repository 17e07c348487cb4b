#ifndef LEDGER_CSHA256_H
#define LEDGER_CSHA256_H

#include <stddef.h>
#include <stdint.h>

// SHA-256 without swift-crypto's per-hash allocation: the same BoringSSL code swift-crypto
// runs (SHA-NI where the CPU has it), called directly. See Sources/Ledger/Hashing/DirectSHA256.swift.

/// SHA-256 of `a` (`a_len` bytes) followed by `b` and `c`; either of the last two may be empty.
void ledger_sha256_three(const void *a, size_t a_len, const void *b, size_t b_len, const void *c, size_t c_len,
                         uint8_t out[32]);

/// SHA-256 of the byte `prefix` followed by `data`: an RFC 6962 leaf (prefix 0).
void ledger_sha256_prefixed(uint8_t prefix, const void *data, size_t len, uint8_t out[32]);

/// SHA-256(0x01 || left || right): an RFC 6962 interior node.
void ledger_sha256_node(const uint8_t left[32], const uint8_t right[32], uint8_t out[32]);

#endif
