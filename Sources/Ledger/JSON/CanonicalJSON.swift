/// RFC 8785 (JSON Canonicalization Scheme) serialisation.
///
/// The hash chain is defined over these bytes, so they must be exactly what any other JCS
/// implementation produces: members sorted by the UTF-16 code units of their names, no
/// whitespace, strings with only the mandatory escapes, numbers in ECMAScript form.
public enum CanonicalJSON {
    /// Appends the canonical form of `value` to `output`.
    public static func write(_ value: JSONValue, into output: inout [UInt8]) {
        switch value {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let b): output.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let n): writeNumber(n, into: &output)
        case .string(let s): writeString(s, into: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (i, element) in elements.enumerated() {
                if i > 0 { output.append(UInt8(ascii: ",")) }
                write(element, into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            output.append(UInt8(ascii: "{"))
            let members = object.members
            // Sorted as positions on the stack rather than as a copy of the members: every
            // request's data is canonicalised, and the copy was an allocation per object.
            withUnsafeTemporaryAllocation(of: Int.self, capacity: members.count) { order in
                for i in order.indices {
                    // Insertion sort: objects here have a handful of members, often already in order.
                    var j = i
                    while j > 0, keyPrecedes(members[i].key, members[order[j - 1]].key) {
                        order[j] = order[j - 1]
                        j -= 1
                    }
                    order[j] = i
                }
                for (n, i) in order.enumerated() {
                    if n > 0 { output.append(UInt8(ascii: ",")) }
                    writeString(members[i].key, into: &output)
                    output.append(UInt8(ascii: ":"))
                    write(members[i].value, into: &output)
                }
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    /// The canonical bytes of `value`.
    public static func bytes(_ value: JSONValue) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        write(value, into: &output)
        return output
    }

    /// Members in RFC 8785 order: by UTF-16 code units, not by Unicode scalars or UTF-8.
    public static func sortedMembers(_ object: JSONObject) -> [(key: String, value: JSONValue)] {
        var members = object.members
        // Insertion sort: objects here have a handful of members, often already in order.
        for i in members.indices.dropFirst() {
            var j = i
            while j > 0, keyPrecedes(members[j].key, members[j - 1].key) {
                members.swapAt(j, j - 1)
                j -= 1
            }
        }
        return members
    }

    /// RFC 8785 order: by UTF-16 code units.
    ///
    /// UTF-8 byte order is code point order, which agrees with UTF-16 order except between
    /// U+E000–U+FFFF and supplementary characters (UTF-8 lead bytes ≥ 0xEE on both sides); only
    /// there does it fall back to transcoding.
    public static func keyPrecedes(_ a: String, _ b: String) -> Bool {
        var a = a
        var b = b
        let fast: Bool? = a.withUTF8 { x in
            b.withUTF8 { y -> Bool? in
                let n = min(x.count, y.count)
                var i = 0
                while i < n, x[i] == y[i] { i += 1 }
                if i == n { return x.count < y.count }
                if x[i] >= 0xEE && y[i] >= 0xEE { return nil }
                return x[i] < y[i]
            }
        }
        return fast ?? a.utf16.lexicographicallyPrecedes(b.utf16)
    }

    /// Integers are the only numbers the contract records; ECMAScript prints them without
    /// exponent up to 10^21, and the contract bounds them far below that.
    ///
    /// Any other number (never in a recorded event: validation refuses them first, but a
    /// `JSONValue` can hold one) is written in Swift's shortest round-trip form, which is
    /// valid JSON though not RFC 8785's spelling; a non-finite one (JSON cannot parse
    /// one) as `null`. Writing must not trap on a value the parser produced.
    static func writeNumber(_ n: Double, into output: inout [UInt8]) {
        guard n.isFinite else {
            output.append(contentsOf: "null".utf8)
            return
        }
        guard n == n.rounded(.towardZero), abs(n) < 1e18 else {
            output.append(contentsOf: n.description.utf8)
            return
        }
        if n == 0 {
            output.append(UInt8(ascii: "0"))
            return
        }
        output.append(contentsOf: String(Int64(n)).utf8)
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends `s` as an RFC 8785 JSON string: quotes, backslashes and control characters
    /// escaped (`\n`-style where JSON has one, `\u00XX` otherwise), everything else as UTF-8.
    public static func writeString(_ s: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        // Most strings need no escape: copy them whole.
        let copied: Bool? = s.utf8.withContiguousStorageIfAvailable { bytes in
            for byte in bytes where byte < 0x20 || byte == 0x22 || byte == 0x5C { return false }
            output.append(contentsOf: bytes)
            return true
        }
        if copied == true {
            output.append(UInt8(ascii: "\""))
            return
        }
        for byte in s.utf8 {
            switch byte {
            case 0x22: output.append(contentsOf: [0x5C, 0x22])
            case 0x5C: output.append(contentsOf: [0x5C, 0x5C])
            case 0x08: output.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case 0x0C: output.append(contentsOf: [0x5C, UInt8(ascii: "f")])
            case 0x0A: output.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: output.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: output.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x00..<0x20:
                output.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30])
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0x0F)])
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}
