import Ledger
import Projections
import Testing

/// Every view's answer over one source, to hold a scoped answer against the unscoped one.
struct ScopedAnswers {
    var caseIds: [String]
    /// The same walk by IDs alone (`forEachCaseId`, what "did you mean" reads).
    var caseIdsAlone: [String]
    var overdue: [OverdueActionsView.Item]
    var reviews: [OverdueReviewsView.Item]
    var unled: [UnledCasesView.Item]
    var flags: [FlagsView.Item]
    var annexA: [AnnexAList.Row]
    var caseload: [CaseloadView.PractitionerLoad]
    /// Whether `caseRecord` finds each of `probedCases`, and an accountability question
    /// about `probedPractitioner` is answered.
    var found: [String: Bool] = [:]
    var practitionerAnswered: Bool

    init(_ source: any ViewSource, on date: CalendarDate, probing probedCases: [String], practitioner: String) throws {
        var ids: [String] = []
        try source.forEachCase { ids.append($0.caseId.rawValue) }
        caseIds = ids
        var alone: [String] = []
        try source.forEachCaseId { alone.append($0.rawValue) }
        caseIdsAlone = alone
        overdue = try OverdueActionsView(source: source, on: date).items
        reviews = try OverdueReviewsView(source: source, on: date).items
        unled = try UnledCasesView(source: source, on: date).items
        flags = try FlagsView(source: source, on: date).items
        annexA = try AnnexAList(source: source, inspectionDate: date).entries
        caseload = try CaseloadView(source: source, on: date).practitioners
        for id in probedCases { found[id] = try source.caseRecord(CaseID(rawValue: id)) != nil }
        do {
            _ = try AccountabilityView(source: source, subject: .practitioner(PractitionerID(rawValue: practitioner)), on: date)
            practitionerAnswered = true
        } catch AccountabilityView.Failure.unknownPractitioner {
            practitionerAnswered = false
        }
    }

    /// Holds `self` (answered within `scope`) to `oracle`'s independent reckoning and to
    /// `all` (the unscoped answer) filtered to what the oracle says the scope may see.
    func expect(
        within scope: CaseScope, matches all: ScopedAnswers, _ oracle: ScopeOracle, practitioner: String,
        _ context: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let visible = oracle.visible(scope)
        let note = Comment(rawValue: "\(context), scope \(scope)")
        #expect(caseIdsAlone == caseIds && all.caseIdsAlone == all.caseIds, "the IDs alone are the cases' IDs", sourceLocation: sourceLocation)
        #expect(Set(all.caseIds) == Set(oracle.involved.keys), note, sourceLocation: sourceLocation)
        #expect(caseIds == visible.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }, note, sourceLocation: sourceLocation)
        #expect(overdue.allSatisfy { visible.contains($0.caseId.rawValue) }, note, sourceLocation: sourceLocation)
        #expect(overdue == all.overdue.filter { visible.contains($0.caseId.rawValue) }, note, sourceLocation: sourceLocation)
        #expect(reviews == all.reviews.filter { visible.contains($0.caseId.rawValue) }, note, sourceLocation: sourceLocation)
        #expect(unled == all.unled.filter { visible.contains($0.caseId.rawValue) }, note, sourceLocation: sourceLocation)
        #expect(flags == all.flags.filter { visible.contains($0.caseId.rawValue) }, note, sourceLocation: sourceLocation)
        #expect(annexA == all.annexA.filter { visible.contains($0.caseId.rawValue) }, note, sourceLocation: sourceLocation)
        #expect(caseload.allSatisfy { oracle.includes($0.practitionerId.rawValue, in: scope) }, note, sourceLocation: sourceLocation)
        #expect(
            caseload == all.caseload.filter { oracle.includes($0.practitionerId.rawValue, in: scope) }, note,
            sourceLocation: sourceLocation)
        for (id, found) in found {
            #expect(found == visible.contains(id), "\(note): case \(id)", sourceLocation: sourceLocation)
        }
        #expect(
            practitionerAnswered == oracle.includes(practitioner, in: scope), "\(note): accountability of \(practitioner)",
            sourceLocation: sourceLocation)
    }
}
