/// Path arithmetic on the byte level, for paths that come from users (`--data x`).
///
/// Foundation's `NSString.deletingLastPathComponent` trapped on a bare relative name here
/// (`ledgerd import --data x` crashed); this is the small part of it the ledger needs.
public enum PathParent {
    /// The directory that holds `path`: everything before its last `/` (trailing slashes
    /// aside), `/` for a child of the root, and "" for a bare name (the current directory).
    public static func of(_ path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        var parent = trimmed[..<slash]
        while parent.count > 1, parent.hasSuffix("/") { parent = parent.dropLast() }
        return parent.isEmpty ? "/" : String(parent)
    }
}
