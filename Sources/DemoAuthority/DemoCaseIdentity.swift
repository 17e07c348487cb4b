import Ledger

/// A case's identifiers, decided from its number, its opening day and the seed.
struct DemoCaseIdentity {
    /// `EH-2024-000123`: the year the case was first opened and its number.
    let caseId: CaseID
    /// The child's unique ID in the council's system: a scrambled but unique number.
    let childId: ChildID
    /// Seed for this case's event IDs.
    let idSeed: UInt64

    init(caseIndex: Int, openDay: Int, seed: UInt64) {
        let number = String(caseIndex + 1)
        let year = CalendarDate(dayNumber: openDay).components.year
        caseId = CaseID(rawValue: "EH-\(year)-" + String(repeating: "0", count: max(0, 6 - number.count)) + number)
        // Multiplying by an odd number not divisible by 5 permutes 0..<10^7.
        let modulus = 10_000_000
        if caseIndex + 1 < modulus {
            let digits = String(((caseIndex + 1) * 2_654_435_761) % modulus)
            childId = ChildID(rawValue: "NM" + String(repeating: "0", count: 7 - digits.count) + digits)
        } else {
            childId = ChildID(rawValue: "NMX" + number)
        }
        idSeed = DemoMix.mix(seed ^ 0xCA5E_1D5E_ED00, UInt64(caseIndex))
    }
}
