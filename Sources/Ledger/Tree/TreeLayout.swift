/// Where the tree's hashes live and which of them a question needs, after Go's
/// `golang.org/x/mod/sumdb/tlog`.
///
/// Every complete subtree's hash is stored once, in the order appends complete them: leaf
/// `n`'s hash, then the hashes of the subtrees leaf `n` completes. So each append writes at
/// the end of one key range (one page, not one per level), and any root, inclusion proof or
/// consistency proof for any tree size needs at most a few dozen stored hashes, found by
/// arithmetic: O(log n) reads, never a scan.
public enum TreeLayout {
    /// The most leaves a tree may have here: 2^62, so no index arithmetic below can overflow.
    public static let maximumSize: Int64 = 1 << 62

    /// The storage index of the hash of the complete subtree at `level` whose leaves are
    /// `n·2^level ..< (n+1)·2^level`.
    public static func storedIndex(level: Int, _ n: Int64) -> Int64 {
        assert(level >= 0 && level < 63 && n >= 0 && n < maximumSize >> level, "a stored hash within the tree's bounds")
        var n = n
        // Level L's n'th hash is written right after level L+1's 2n+1'th hash.
        for _ in 0..<level { n = 2 * n + 1 }
        // Level 0's n'th hash is written at n + n/2 + n/4 + ….
        var index: Int64 = 0
        while n > 0 {
            index += n
            n >>= 1
        }
        return index + Int64(level)
    }

    /// How many hashes a tree of `size` leaves stores.
    public static func storedCount(_ size: Int64) -> Int64 {
        assert(size >= 0 && size <= maximumSize)
        guard size > 0 else { return 0 }
        // The hashes of leaf size-1 end just before this count.
        let last = size - 1
        return storedIndex(level: 0, last) + 1 + Int64((last + 1).trailingZeroBitCount)
    }

    /// The largest power of two at most `n` (n ≥ 1), and its log₂.
    static func largestPowerOfTwo(atMost n: Int64) -> (k: Int64, level: Int) {
        assert(n >= 1)
        let level = 63 - n.leadingZeroBitCount
        return (1 << level, level)
    }

    /// The largest power of two below `n` (n ≥ 2): where RFC 6962 splits a tree of n leaves.
    static func split(_ n: Int64) -> Int64 {
        assert(n >= 2)
        return largestPowerOfTwo(atMost: n - 1).k
    }

    /// The stored hashes whose combination is the hash of leaves `lo ..< hi`: its complete
    /// subtrees, largest first.
    static func subtreeIndexes(_ lo: Int64, _ hi: Int64, into need: inout [Int64]) {
        var lo = lo
        while lo < hi {
            let (k, level) = largestPowerOfTwo(atMost: hi - lo)
            assert(lo & (k - 1) == 0, "complete subtrees are aligned")
            need.append(storedIndex(level: level, lo >> level))
            lo += k
        }
    }

    /// How many stored hashes `subtreeIndexes(lo, hi)` lists.
    static func subtreeCount(_ lo: Int64, _ hi: Int64) -> Int {
        var lo = lo
        var count = 0
        while lo < hi {
            lo += largestPowerOfTwo(atMost: hi - lo).k
            count += 1
        }
        return count
    }
}
