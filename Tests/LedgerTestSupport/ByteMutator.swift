/// Seeded mutations of byte strings, for the fuzz tests of everything that reads bytes from
/// outside (append requests, token records, witness policies, request targets): a few edits
/// per input (a flipped bit, an inserted or deleted run, an edge token, a splice from another
/// input), so most results stay near the grammar and reach past its first check.
public struct ByteMutator: Sendable {
    /// Inputs to splice from.
    public var corpus: [[UInt8]]
    /// Values on the edges the parsers draw, inserted or put in place of a quoted string.
    public var tokens: [[UInt8]]
    /// The byte that delimits a string whose contents an edge token may replace (`"` in JSON).
    public var quote: UInt8

    public init(corpus: [[UInt8]], tokens: [String], quote: UInt8 = UInt8(ascii: "\"")) {
        precondition(!corpus.isEmpty && !tokens.isEmpty, "a mutator needs inputs and tokens")
        self.corpus = corpus
        self.tokens = tokens.map { Array($0.utf8) }
        self.quote = quote
    }

    /// One to five edits of `input`.
    public func mutate(_ input: [UInt8], random: inout SeededRandom) -> [UInt8] {
        var bytes = input
        for _ in 0...random.below(4) {
            let at = random.below(bytes.count + 1)
            switch random.below(7) {
            case 0 where !bytes.isEmpty:  // flip a bit
                let i = min(at, bytes.count - 1)
                bytes[i] ^= UInt8(1 << random.below(8))
            case 1:  // insert a random byte
                bytes.insert(UInt8(truncatingIfNeeded: random.next()), at: at)
            case 2 where !bytes.isEmpty:  // delete a run
                let end = min(bytes.count, at + 1 + random.below(16))
                bytes.removeSubrange(min(at, end)..<end)
            case 3:  // an edge token
                bytes.insert(contentsOf: tokens[random.below(tokens.count)], at: at)
            case 4 where !bytes.isEmpty:  // replace a string's contents with an edge token
                if let open = bytes[min(at, bytes.count - 1)...].firstIndex(of: quote),
                    let close = bytes[(open + 1)...].firstIndex(of: quote)
                {
                    bytes.replaceSubrange(open...close, with: tokens[random.below(tokens.count)])
                }
            case 5:  // splice in part of another input
                let other = corpus[random.below(corpus.count)]
                let start = random.below(other.count)
                bytes.insert(contentsOf: other[start..<min(other.count, start + 1 + random.below(64))], at: at)
            default:  // duplicate a run
                guard !bytes.isEmpty else { break }
                let start = min(at, bytes.count - 1)
                bytes.insert(contentsOf: bytes[start..<min(bytes.count, start + 1 + random.below(32))], at: start)
            }
        }
        return bytes
    }
}
