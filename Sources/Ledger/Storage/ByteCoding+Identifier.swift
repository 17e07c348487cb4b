// IDs are stored as their strings, byte for byte: the typed IDs came after the stored forms
// (stream states, projection records), which they leave as they were.

extension ByteWriter {
    /// The ID's spelling, as `string` writes it.
    @inlinable
    public mutating func identifier<Kind>(_ id: Identifier<Kind>) { string(id.rawValue) }

    /// A presence byte, then the ID if present.
    @inlinable
    public mutating func optionalIdentifier<Kind>(_ id: Identifier<Kind>?) { optionalString(id?.rawValue) }

    /// A count, then each ID: order kept, repeats allowed.
    @inlinable
    public mutating func identifiers<Kind>(_ list: [Identifier<Kind>]) {
        count(list.count)
        for id in list { string(id.rawValue) }
    }

    /// A set, sorted as `sortedStrings` sorts a set of strings (by the string's own order, which
    /// is `Identifier`'s byte order for the contract's ASCII IDs), so it writes what they wrote.
    @inlinable
    public mutating func sortedIdentifiers<Kind>(_ set: Set<Identifier<Kind>>) {
        identifiers(set.sorted { $0.rawValue < $1.rawValue })
    }
}

extension ByteReader {
    /// What `ByteWriter.identifier` wrote.
    @inlinable
    public mutating func identifier<Kind>() throws(LedgerError) -> Identifier<Kind> { Identifier(rawValue: try string()) }

    /// What `ByteWriter.optionalIdentifier` wrote.
    @inlinable
    public mutating func optionalIdentifier<Kind>() throws(LedgerError) -> Identifier<Kind>? {
        try bool() ? try identifier() : nil
    }

    /// What `ByteWriter.identifiers` wrote, in order.
    @inlinable
    public mutating func identifiers<Kind>() throws(LedgerError) -> [Identifier<Kind>] {
        try array { (r: inout ByteReader) throws(LedgerError) in try r.identifier() }
    }

    /// What `ByteWriter.sortedIdentifiers` wrote.
    @inlinable
    public mutating func identifierSet<Kind>() throws(LedgerError) -> Set<Identifier<Kind>> {
        let n = try elementCount()
        var result = Set<Identifier<Kind>>(minimumCapacity: n)
        for _ in 0..<n {
            // Written once each: a repeat would shrink the set unnoticed.
            guard result.insert(try identifier()).inserted else { throw corrupt("an element of a set repeated") }
        }
        return result
    }
}
