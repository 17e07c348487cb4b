import Foundation
import LedgerTestSupport
import PropertyBased
import Testing

@testable import Ledger

/// "Any batch is all-or-nothing": random batches drawn from a pool of case events, many of
/// which the rules refuse in some states. After each batch either every event is in the log
/// at the position returned, or the log is byte-for-byte what it was.
@Suite struct BatchAtomicityPropertyTests {
    static let pool: [DomainEvent] = [
        .tacMemberJoined(practitionerId: "t1", joinedOn: "2025-03-05"),
        .tacMemberLeft(practitionerId: "t1", leftOn: "2025-03-06", reason: "moved school"),
        .actionAgreed(
            actionId: "a1", description: "Housing referral", owner: .practitioner("sw1"), needId: nil, agreedOn: "2025-03-05",
            dueOn: "2025-04-01", meetingId: nil),
        .actionCompleted(actionId: "a1", completedOn: "2025-03-20", note: nil),
        .actionAgreed(
            actionId: "a2", description: "Debt advice", owner: .family("parent"), needId: nil, agreedOn: "2025-03-05",
            dueOn: "2025-04-01", meetingId: nil),
        .actionCancelled(actionId: "a2", cancelledOn: "2025-03-21", reason: "Not needed"),
        .leadProfessionalAppointed(practitionerId: "t1", appointedOn: "2025-03-06", meetingId: nil, criteria: [], agreedWithFamily: true),
        .leadProfessionalHandedOver(from: "t1", to: "sw1", handedOverOn: "2025-04-01", reason: "stepped-up", meetingId: nil),
        .leadProfessionalStoodDown(practitionerId: "sw1", stoodDownOn: "2025-05-01", reason: "Case stepping down"),
        .statutoryStatusStarted(status: "child-protection-plan", startedOn: "2025-04-01"),
        .statutoryStatusEnded(status: "child-protection-plan", endedOn: "2025-06-01"),
        .caseClosed(closedOn: "2025-07-01", reason: "needs-met"),
        .caseReopened(reopenedOn: "2025-08-01", reason: "New concerns"),
    ]

    private func snapshot(_ ledger: Ledger) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try ledger.scan { _, event in
            bytes.append(contentsOf: event)
            return true
        }
        return bytes
    }

    @Test func anyBatchIsAllOrNothing() async throws {
        let choices = Gen.int(in: 0..<(Self.pool.count + 2)).array(of: 1...6).array(of: 1...8)
        await propertyCheck(count: 60, input: choices) { batches in
            do {
                let t = try TestLedger()
                try t.append(try t.fixture.caseOpened("c1"))
                for batch in batches {
                    var requests: [AppendRequest] = []
                    for choice in batch {
                        if choice >= Self.pool.count {
                            // Out-of-pool choices: a second case, and a stream that is not open.
                            let id = choice == Self.pool.count ? "c2" : "c3"
                            requests.append(
                                choice == Self.pool.count
                                    ? try t.fixture.caseOpened(id)
                                    : try t.fixture.request(.caseClosed(closedOn: "2025-07-01", reason: "other"), "case-\(id)"))
                        } else {
                            requests.append(try t.fixture.request(Self.pool[choice], "case-c1"))
                        }
                    }
                    let before = try snapshot(t.ledger)
                    let headBefore = try t.ledger.head()
                    do {
                        let outcomes = try t.ledger.append(requests)
                        #expect(try t.ledger.head().seq == headBefore.seq + UInt64(requests.count))
                        for (request, outcome) in zip(requests, outcomes) {
                            let event = try RecordedEvent(decoding: try #require(try t.ledger.event(seq: outcome.seq)))
                            #expect(event.eventId == request.eventIdText && event.version == outcome.version)
                        }
                    } catch let failure as AppendFailure {
                        #expect(failure.index < requests.count)
                        #expect(try t.ledger.head() == headBefore)
                        #expect(try snapshot(t.ledger) == before)
                    }
                }
                #expect(try t.ledger.verify().events == t.ledger.head().seq)
            } catch {
                Issue.record("unexpected error: \(error)")
            }
        }
    }
}
