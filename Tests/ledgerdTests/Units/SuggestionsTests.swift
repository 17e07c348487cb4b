import LedgerTestSupport
import Testing

@testable import ledgerd

/// "Did you mean": the bounded, allocation-free edit distance agrees with the textbook one,
/// and the nearest IDs are the ones offered.
@Suite struct SuggestionsTests {
    /// Levenshtein distance by the full table: the reference.
    static func reference(_ a: [UInt8], _ b: [UInt8]) -> Int {
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in stride(from: 1, through: a.count, by: 1) {
            for j in stride(from: 1, through: b.count, by: 1) {
                table[i][j] = min(table[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1), table[i - 1][j] + 1, table[i][j - 1] + 1)
            }
        }
        return table[a.count][b.count]
    }

    @Test func theBoundedDistanceIsTheReferenceUpToItsCutoff() {
        var random = SeededRandom(seed: 0x5E6_6E57)
        var rows = Suggestions.Rows(columns: Suggestions.maximumLength + 1)
        let alphabet = Array("EH-20230ab".utf8)
        for _ in 0..<5_000 {
            let a = (0..<random.below(20)).map { _ in alphabet[random.below(alphabet.count)] }
            let b = (0..<random.below(20)).map { _ in alphabet[random.below(alphabet.count)] }
            let cutoff = random.below(8)
            let bounded = b.withUnsafeBufferPointer { Suggestions.editDistance(a, $0, cutoff: cutoff, rows: &rows) }
            let exact = Self.reference(a, b)
            #expect(exact <= cutoff ? bounded == exact : bounded > cutoff, "\(a) \(b) cutoff \(cutoff): \(bounded) vs \(exact)")
        }
    }

    /// The pruned walk offers exactly what scoring every ID and sorting would, in any order.
    @Test func thePrunedWalkOffersWhatAFullSortWould() {
        var random = SeededRandom(seed: 0xC1_05E5)
        let alphabet = Array("EH-2031ab".utf8)
        func word(_ length: Int) -> String { String(decoding: (0..<length).map { _ in alphabet[random.below(alphabet.count)] }, as: UTF8.self) }
        for _ in 0..<300 {
            let typed = word(random.below(12))
            let known = (0..<random.below(200)).map { _ in word(random.below(14)) }
            let limit = random.below(5)
            let target = Array(typed.utf8)
            let cutoff = max(2, target.count / 3)
            let expected = known.map { (distance: Self.reference(target, Array($0.utf8)), id: $0) }.filter { $0.distance <= cutoff }
                .sorted { ($0.distance, $0.id) < ($1.distance, $1.id) }.prefix(limit).map(\.id)
            #expect(Suggestions.closest(to: typed, among: known, limit: limit) == Array(expected), "\(typed) among \(known.count), limit \(limit)")
        }
    }

    @Test func theNearestIdsAreOfferedNearestFirst() {
        let known = (1...30_000).map { "EH-2023-" + String(repeating: "0", count: 6 - String($0).count) + String($0) } + ["x", ""]
        #expect(Suggestions.closest(to: "EH-2023-00001", among: known) == ["EH-2023-000001", "EH-2023-000010", "EH-2023-000011"])
        #expect(Suggestions.closest(to: "EH-2023-029999", among: known) == ["EH-2023-029999", "EH-2023-009999", "EH-2023-019999"])
        #expect(Suggestions.closest(to: "nothing-like-it-at-all", among: known).isEmpty)
        #expect(Suggestions.closest(to: "", among: known) == ["", "x"])
        #expect(Suggestions.phrase(["a", "b", "c"]) == "; did you mean a, b or c?" && Suggestions.phrase([]) == "")
        // IDs past the compared length are cut, not trapped on.
        let long = String(repeating: "y", count: 500)
        #expect(Suggestions.closest(to: long, among: [long + "z", "y"]) == [long + "z"])
    }
}
