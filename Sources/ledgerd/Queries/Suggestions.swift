import Projections

/// "Did you mean …": the known IDs nearest to one that is not known, so a mistyped filter
/// is an error that points at the fix, not an empty answer.
enum Suggestions {
    /// At most `limit` of `known`, nearest first by edit distance (ties by ID), none further
    /// than about a third of the typed ID's length (beyond that a suggestion is noise).
    ///
    /// One mistyped ID makes this walk every known one (a 404 for a case), so a candidate
    /// costs no allocation and as little of the table as can change the answer: its length is
    /// judged first, the rows are reused, and once `limit` are held a candidate's distance is
    /// worked out only as far as the furthest of them.
    static func closest(to typed: String, among known: some Sequence<String>, limit: Int = 3) -> [String] {
        guard limit > 0 else { return [] }
        let target = Array(typed.utf8.prefix(maximumLength))
        var cutoff = max(2, target.count / 3)
        var rows = Rows(columns: maximumLength + 1)
        var best: [(distance: Int, id: String)] = []
        for id in known {
            guard abs(min(id.utf8.count, maximumLength) - target.count) <= cutoff else { continue }
            var id = id
            let distance = id.withUTF8 { editDistance(target, UnsafeBufferPointer(rebasing: $0.prefix(maximumLength)), cutoff: cutoff, rows: &rows) }
            guard distance <= cutoff else { continue }
            let entry = (distance: distance, id: id)
            if best.count == limit {
                guard let last = best.last, entry < last else { continue }
                best.removeLast()
            }
            best.insert(entry, at: best.firstIndex { entry < $0 } ?? best.count)
            if best.count == limit, let last = best.last { cutoff = last.distance }
        }
        return best.map(\.id)
    }

    /// `phrase` of the case IDs nearest `caseId` among those `source` shows its reader (their
    /// IDs alone: no record is read). What a 404 for an unknown case says.
    static func nearestCases(to caseId: String, in source: any ViewSource) throws -> String {
        var ids: [String] = []
        try source.forEachCaseId { ids.append($0.rawValue) }
        return phrase(closest(to: caseId, among: ids))
    }

    /// IDs are compared on their first this many bytes (the contract's are at most 64).
    static let maximumLength = 128

    /// `; did you mean a, b or c?`, or nothing when there is no near ID.
    static func phrase(_ suggestions: [String]) -> String {
        guard let last = suggestions.last else { return "" }
        let list = suggestions.count == 1 ? last : suggestions.dropLast().joined(separator: ", ") + " or " + last
        return "; did you mean \(list)?"
    }

    /// Two rows of the edit-distance table, kept across candidates.
    struct Rows {
        var previous: [Int]
        var current: [Int]

        init(columns: Int) {
            previous = [Int](repeating: 0, count: columns)
            current = [Int](repeating: 0, count: columns)
        }
    }

    /// Levenshtein distance of byte strings, exact up to `cutoff`; past it, only some number
    /// past `cutoff`. Only the diagonal band `|i - j| <= cutoff` is worked out (a path that
    /// leaves it costs more than `cutoff`), with `cutoff + 1` standing for the cells beside it,
    /// and the walk stops once a whole row is past `cutoff`. Inputs are at most
    /// `maximumLength` bytes, the rows' width.
    static func editDistance(_ a: [UInt8], _ b: UnsafeBufferPointer<UInt8>, cutoff: Int, rows: inout Rows) -> Int {
        if abs(a.count - b.count) > cutoff { return cutoff + 1 }
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        precondition(a.count < rows.previous.count && b.count < rows.previous.count, "IDs are cut to maximumLength")
        let beyond = cutoff + 1
        return a.withUnsafeBufferPointer { a in
            rows.previous.withUnsafeMutableBufferPointer { first in
                rows.current.withUnsafeMutableBufferPointer { second in
                    guard var previous = first.baseAddress, var current = second.baseAddress else { return beyond }
                    for j in 0...b.count { previous[j] = j }
                    for i in 1...a.count {
                        let low = max(1, i - cutoff)
                        let high = min(b.count, i + cutoff)
                        current[0] = i
                        current[low - 1] = low == 1 ? i : beyond
                        var rowMinimum = i
                        let byte = a[i - 1]
                        for j in stride(from: low, through: high, by: 1) {
                            let substitution = previous[j - 1] + (byte == b[j - 1] ? 0 : 1)
                            let value = min(substitution, previous[j] + 1, current[j - 1] + 1)
                            current[j] = value
                            rowMinimum = min(rowMinimum, value)
                        }
                        // The next row reads one cell past this one's band.
                        if high < b.count { current[high + 1] = beyond }
                        if rowMinimum > cutoff { return beyond }
                        swap(&previous, &current)
                    }
                    return previous[b.count]
                }
            }
        }
    }
}
