/// SplitMix64: small, seedable, the same sequence on every machine, so a randomised test's
/// failure can be replayed from its seed. The one seeded generator the test targets share.
public struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    /// The sequence that starts from `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<n` (0 when `n` is at most 1).
    public mutating func below(_ n: Int) -> Int {
        n <= 1 ? 0 : Int(next() % UInt64(n))
    }
}
