/// Tiles of the tree as c2sp.org/tlog-tiles addresses them (VERIFIABLE_LOG.md §7): tiles of
/// height 8, so a full tile holds 256 hashes; level 0 holds leaf hashes, and a hash at tile
/// level L ≥ 1 is the root of a full tile at level L − 1.
public enum TileCoordinates {
    /// Levels of the tree one tile spans (tlog-tiles fixes 8).
    public static let height = 8
    /// Hashes in a full tile: 2^height = 256.
    public static let width = 1 << height

    /// The index and partial width in `<N>[.p/<W>]`, N written as zero-padded 3-digit path
    /// elements, all but the last prefixed `x` (1234067 → `x001/x234/067`). Nil if malformed,
    /// and nil for any spelling but that one (`x000/067` is not tile 67): an immutable,
    /// cached resource has one address, as Go's `tlog.ParseTilePath` insists.
    public static func parse(_ segments: [Substring]) -> (index: Int64, width: Int?)? {
        guard !segments.isEmpty else { return nil }
        var elements = segments[...]
        var width: Int?
        if let last = elements.last, let previous = elements.dropLast().last, previous.hasSuffix(".p") {
            guard let w = Int(last), w >= 1, w < Self.width, String(w) == last else { return nil }
            width = w
            elements = elements.dropLast()
            elements[elements.endIndex - 1] = previous.dropLast(2)
        }
        if elements.count > 1, elements.first == "x000" { return nil }
        var index: Int64 = 0
        for (i, element) in elements.enumerated() {
            let isLast = i == elements.count - 1
            let digits = isLast ? element : (element.hasPrefix("x") ? element.dropFirst() : "")
            guard digits.count == 3, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int64(digits) else { return nil }
            guard index <= (Int64.max - value) / 1000 else { return nil }
            index = index * 1000 + value
        }
        return (index, width)
    }

    /// The path form of `index` (and `width`), as `parse` reads it.
    public static func path(_ index: Int64, width: Int? = nil) -> String {
        var elements: [String] = []
        var n = index
        repeat {
            let part = String(n % 1000)
            elements.insert(String(repeating: "0", count: 3 - part.count) + part, at: 0)
            n /= 1000
        } while n > 0
        let joined = elements.enumerated().map { $0.offset < elements.count - 1 ? "x" + $0.element : $0.element }.joined(separator: "/")
        return width.map { joined + ".p/\($0)" } ?? joined
    }

    /// How many hashes tile `index` at `level` holds in a tree of `size` leaves (0 to 256).
    public static func width(level: Int, index: Int64, size: Int64) -> Int {
        let shift = level * height
        guard shift < 62 else { return 0 }
        let complete = size >> shift  // complete subtrees at tree level `shift`
        let start = index.multipliedReportingOverflow(by: Int64(width))
        guard !start.overflow, complete > start.partialValue else { return 0 }
        return Int(min(Int64(width), complete - start.partialValue))
    }
}
