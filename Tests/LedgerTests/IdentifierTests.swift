import Testing

@testable import Ledger

/// `Identifier`: equal as spelt, ordered by UTF-8 bytes (the order of LMDB's keys and of the
/// views that list by ID), shown as spelt, and stored as the string it wraps.
@Suite struct IdentifierTests {
    @Test func equalAndHashedAsSpelt() {
        let id = PractitionerID(rawValue: "prac-000160")
        #expect(id == "prac-000160")
        #expect(id != "prac-000161")
        #expect(id != "PRAC-000160")
        let set: Set<PractitionerID> = [id, "prac-000160", "prac-000161"]
        #expect(set.count == 2)
        let names: [PractitionerID: String] = [id: "Ann"]
        #expect(names["prac-000160"] == "Ann")
        #expect(names["prac-000161"] == nil)
    }

    /// Every byte an ID may hold sorts by its value: `-` `.` digits, upper case, `_`, lower case;
    /// a prefix first; digits as text, not as numbers.
    @Test func orderedByBytes() {
        let ids: [ActionID] = ["a_1", "ab", "a1", "B", "a", "a.1", "A", "a-1", "act-10", "act-9"]
        #expect(ids.sorted().map(\.rawValue) == ["A", "B", "a", "a-1", "a.1", "a1", "a_1", "ab", "act-10", "act-9"])
        #expect(!(ActionID(rawValue: "a") < ActionID(rawValue: "a")))
    }

    /// Beyond ASCII (which the contract's rule excludes, but replay carries what was stored)
    /// the order is still the bytes', not the string's: a decomposed `e\u{301}` sorts by its
    /// `e` (before `f`), where the string's own order would put it with `é`.
    @Test func orderAgreesWithUTF8Bytes() {
        let spellings = ["z", "é", "e\u{301}", "f", "ö", "Ω", "日本", "\u{FF61}", "\u{1F600}", "", "a", "a\u{0}", "~"]
        for a in spellings {
            for b in spellings {
                let expected = Array(a.utf8).lexicographicallyPrecedes(Array(b.utf8))
                #expect((CaseID(rawValue: a) < CaseID(rawValue: b)) == expected, "\(a) < \(b)")
            }
        }
    }

    @Test func describedAsSpelt() {
        let id: MeetingID = "mtg-3"
        #expect(id.description == "mtg-3")
        #expect("meeting \(id) held" == "meeting mtg-3 held")
        #expect(String(describing: AgencyID(rawValue: "nm-yot")) == "nm-yot")
    }

    @Test func aStringLiteralIsItsSpelling() {
        let literal: NeedID = "need-2"
        #expect(literal.rawValue == "need-2")
        #expect(literal == NeedID(rawValue: "need-2"))
    }

    /// The stored forms are those of the strings: typed IDs changed no byte on disk.
    @Test func storedAsTheirStrings() throws {
        let ids: [CAFID] = ["caf-2", "caf-10", "caf-1"]
        var typed = ByteWriter()
        var plain = ByteWriter()
        typed.identifier(ids[0])
        plain.string("caf-2")
        typed.optionalIdentifier(nil as CAFID?)
        plain.optionalString(nil)
        typed.optionalIdentifier(ids[1])
        plain.optionalString("caf-10")
        typed.identifiers(ids)
        plain.strings(ids.map(\.rawValue))
        typed.sortedIdentifiers(Set(ids))
        plain.sortedStrings(Set(ids.map(\.rawValue)))
        #expect(typed.bytes == plain.bytes)

        var read: (one: CAFID, none: CAFID?, some: CAFID?, list: [CAFID], set: Set<CAFID>, atEnd: Bool)?
        typed.bytes.withUnsafeBytes { bytes in
            var r = ByteReader(bytes, what: "identifiers")
            do throws(LedgerError) {
                read = (
                    try r.identifier(), try r.optionalIdentifier(), try r.optionalIdentifier(), try r.identifiers(),
                    try r.identifierSet(), r.isAtEnd
                )
            } catch {
                Issue.record("\(error)")
            }
        }
        let decoded = try #require(read)
        #expect(decoded.one == ids[0])
        #expect(decoded.none == nil)
        #expect(decoded.some == ids[1])
        #expect(decoded.list == ids)
        #expect(decoded.set == Set(ids))
        #expect(decoded.atEnd)
    }

    @Test func aRepeatedSetElementIsCorruption() {
        var w = ByteWriter()
        w.strings(["mtg-1", "mtg-1"])
        var failure: LedgerError?
        w.bytes.withUnsafeBytes { bytes in
            var r = ByteReader(bytes, what: "identifiers")
            do throws(LedgerError) {
                let _: Set<MeetingID> = try r.identifierSet()
            } catch {
                failure = error
            }
        }
        #expect(failure != nil)
    }
}
