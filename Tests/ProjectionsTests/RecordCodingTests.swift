import Foundation
import Ledger
import Testing

@testable import Projections

/// The checks a stored case record and directory get after a decode, the pairs of what the
/// encoders assert before a put: what the projection relies on (scoped reads binary-search
/// `involved`) is corruption when it does not hold, named, never a wrong answer.
@Suite struct RecordCodingTests {
    static func record() -> CaseRecord {
        var record = CaseRecord(
            opened: DomainEvent.CaseOpened(
                caseId: "c1", childId: "ch1", dateOfBirth: nil, gender: "female", ethnicity: "WBRI",
                openedOn: CalendarDate(dayNumber: 20_000), openedBy: "a"))
        record.involved = ["a", "b"]
        record.lastSeq = 7
        record.eventCount = 3
        return record
    }

    static func decode(_ bytes: [UInt8]) -> Result<CaseRecord, LedgerError> {
        bytes.withUnsafeBytes { raw in
            do throws(LedgerError) { return .success(try CaseRecord(decoding: raw)) } catch { return .failure(error) }
        }
    }

    static func failure(_ bytes: [UInt8]) -> String {
        switch decode(bytes) {
        case .success: "decoded"
        case .failure(let error): "\(error)"
        }
    }

    @Test func aRecordReadsBackAsWritten() throws {
        #expect(try Self.decode(Self.record().encoded).get() == Self.record())
    }

    @Test func involvedOutOfOrderOrRepeatedIsCorruption() {
        // The record ends: involved (2, "a", "b"), lastSeq (8 bytes), eventCount (1 byte).
        let bytes = Self.record().encoded
        let b = bytes.count - 10
        let a = b - 2
        #expect(bytes[a] == UInt8(ascii: "a") && bytes[b] == UInt8(ascii: "b"))
        var swapped = bytes
        swapped.swapAt(a, b)
        #expect(Self.failure(swapped).contains("involved practitioners out of order or repeated"))
        var repeated = bytes
        repeated[b] = UInt8(ascii: "a")
        #expect(Self.failure(repeated).contains("involved practitioners out of order or repeated"))
    }

    @Test func aRecordOfNoEventIsCorruption() {
        var bytes = Self.record().encoded
        bytes.replaceSubrange((bytes.count - 9)..<(bytes.count - 1), with: repeatElement(0, count: 8))
        #expect(Self.failure(bytes).contains("a record of no event"))
    }

    @Test func aRepeatedDirectoryEntryIsCorruption() {
        var directory = Directory()
        directory.authorities["la1"] = AuthorityRecord(authorityId: "la1", name: "North", director: "D")
        let one = directory.encoded
        // Two authorities, the same one twice; no agencies, no practitioners.
        let authority = Array(one[1..<(one.count - 2)])
        let bytes = [2] + authority + authority + [0, 0]
        let failure: String = bytes.withUnsafeBytes { raw in
            do throws(LedgerError) {
                _ = try Directory(decoding: raw)
                return "decoded"
            } catch {
                return "\(error)"
            }
        }
        #expect(failure.contains("authority la1 repeated"))
    }
}
