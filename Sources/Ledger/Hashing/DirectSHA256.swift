import CSHA256

/// SHA-256 for the ledger's hot paths: each event's chain hash, each tree leaf and node, and
/// the checks of `verify` and `export` — millions of hashes per load or pass.
///
/// swift-crypto's `SHA256` allocates a context object per hash, looks up its generic
/// metadata, and copies and wipes the state at `finalize`: measured here, 770 ns for an
/// 800-byte event against 616 ns for the same BoringSSL code called directly, and 280 ns
/// against 135 ns for a tree node (the whole difference is per hash, not per byte). So these
/// call the BoringSSL that swift-crypto links (`Sources/CSHA256`), with the context on the
/// stack. Secrets are never hashed here (those stay with swift-crypto, which wipes its state);
/// `DirectSHA256Tests` holds every function to swift-crypto's digest on random inputs.
enum DirectSHA256 {
    /// SHA-256 of `a ‖ b ‖ c`.
    static func hash(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer = .empty, _ c: UnsafeRawBufferPointer = .empty) -> MerkleHash {
        var out = MerkleHash.zero
        out.withUnsafeMutableBytes { digest in
            ledger_sha256_three(
                a.baseAddress, a.count, b.baseAddress, b.count, c.baseAddress, c.count,
                digest.baseAddress?.assumingMemoryBound(to: UInt8.self))
        }
        return out
    }

    /// SHA-256 of the byte `prefix` followed by `data`.
    static func hash(prefix: UInt8, _ data: UnsafeRawBufferPointer) -> MerkleHash {
        var out = MerkleHash.zero
        out.withUnsafeMutableBytes { digest in
            ledger_sha256_prefixed(prefix, data.baseAddress, data.count, digest.baseAddress?.assumingMemoryBound(to: UInt8.self))
        }
        return out
    }

    /// SHA-256(0x01 ‖ left ‖ right).
    static func node(_ left: MerkleHash, _ right: MerkleHash) -> MerkleHash {
        var out = MerkleHash.zero
        left.withUnsafeBytes { l in
            right.withUnsafeBytes { r in
                out.withUnsafeMutableBytes { digest in
                    ledger_sha256_node(
                        l.baseAddress?.assumingMemoryBound(to: UInt8.self), r.baseAddress?.assumingMemoryBound(to: UInt8.self),
                        digest.baseAddress?.assumingMemoryBound(to: UInt8.self))
                }
            }
        }
        return out
    }
}

extension UnsafeRawBufferPointer {
    /// No bytes.
    static var empty: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: nil, count: 0) }
}
