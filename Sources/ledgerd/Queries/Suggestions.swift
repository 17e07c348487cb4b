/// "Did you mean …": the known IDs nearest to one that is not known, so a mistyped filter
/// is an error that points at the fix, not an empty answer.
enum Suggestions {
    /// At most `limit` of `known`, nearest first by edit distance, none further than about
    /// a third of the typed ID's length (beyond that a suggestion is noise).
    static func closest(to typed: String, among known: some Sequence<String>, limit: Int = 3) -> [String] {
        let target = Array(typed.utf8.prefix(128))
        let cutoff = max(2, target.count / 3)
        var scored: [(distance: Int, id: String)] = []
        for id in known {
            let distance = editDistance(target, Array(id.utf8.prefix(128)), cutoff: cutoff)
            if distance <= cutoff { scored.append((distance, id)) }
        }
        scored.sort { ($0.distance, $0.id) < ($1.distance, $1.id) }
        return scored.prefix(limit).map(\.id)
    }

    /// `; did you mean a, b or c?`, or nothing when there is no near ID.
    static func phrase(_ suggestions: [String]) -> String {
        guard let last = suggestions.last else { return "" }
        let list = suggestions.count == 1 ? last : suggestions.dropLast().joined(separator: ", ") + " or " + last
        return "; did you mean \(list)?"
    }

    /// Levenshtein distance of byte strings; stops early (returning cutoff + 1) once every
    /// path is past `cutoff`. Inputs are at most 128 bytes, so the table is small.
    static func editDistance(_ a: [UInt8], _ b: [UInt8], cutoff: Int) -> Int {
        if abs(a.count - b.count) > cutoff { return cutoff + 1 }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            current[0] = i
            var rowMinimum = current[0]
            for j in stride(from: 1, through: b.count, by: 1) {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
                rowMinimum = min(rowMinimum, current[j])
            }
            if rowMinimum > cutoff { return cutoff + 1 }
            swap(&previous, &current)
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}
