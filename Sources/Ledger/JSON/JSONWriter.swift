/// Writes compact JSON straight into bytes, members in the order written: for large
/// documents (a view with thousands of items) where building a `JSONValue` tree first would
/// cost more than the writing.
public struct JSONWriter {
    /// The JSON written so far.
    public private(set) var bytes: [UInt8] = []
    /// Whether the next value in the current container needs a comma before it.
    private var needsComma = false

    /// A writer whose buffer has room for `capacity` bytes before it grows.
    public init(capacity: Int = 4096) {
        bytes.reserveCapacity(capacity)
    }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        needsComma = true
    }

    /// Opens an object (a comma first if it is not the container's first value).
    public mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    /// Closes the object opened last.
    public mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    /// Opens an array (a comma first if it is not the container's first value).
    public mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    /// Closes the array opened last.
    public mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// A member name; the member's value follows.
    public mutating func key(_ name: String) {
        separate()
        CanonicalJSON.writeString(name, into: &bytes)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    /// A string value, escaped as RFC 8785 does; `nil` writes `null`.
    public mutating func string(_ s: String?) {
        separate()
        if let s { CanonicalJSON.writeString(s, into: &bytes) } else { bytes.append(contentsOf: "null".utf8) }
    }

    /// An integer value, in decimal.
    public mutating func int(_ n: Int) {
        separate()
        bytes.append(contentsOf: String(n).utf8)
    }

    /// `true` or `false`.
    public mutating func bool(_ b: Bool) {
        separate()
        bytes.append(contentsOf: (b ? "true" : "false").utf8)
    }

    /// `null`.
    public mutating func null() {
        separate()
        bytes.append(contentsOf: "null".utf8)
    }

    /// A value already built as a tree.
    public mutating func value(_ v: JSONValue) {
        separate()
        CompactJSON.write(v, into: &bytes)
    }

    /// Bytes already written as compact JSON (e.g. a shared fragment).
    public mutating func raw(_ fragment: [UInt8]) {
        separate()
        bytes.append(contentsOf: fragment)
    }
}
