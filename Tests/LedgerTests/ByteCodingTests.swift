import Foundation
import LedgerTestSupport
import Testing

@testable import Ledger

/// The one byte coding (`ByteWriter`, `ByteReader`) writes exactly the bytes the two codecs
/// it replaced wrote: both forms are on disk (the ledger's stream states, the projections'
/// records). The old encoders are kept below, verbatim in substance, as the reference; a
/// few byte vectors are pinned besides. And no input makes a reader trap: random and mutated
/// bytes only ever decode or throw `LedgerError.corrupt`.
@Suite struct ByteCodingTests {
    // MARK: The reference: the encoders as they were before the codecs were merged.

    /// `Validation/StreamStateCodec.swift` before: LEB128 counts of at most `UInt32.max`.
    enum OldStreamStateCodec {
        static func encode(_ state: StreamState, into out: inout [UInt8]) {
            switch state {
            case .authority:
                out.append(0)
            case .agency(let agency):
                out.append(1)
                writeString(agency.authorityId.rawValue, &out)
            case .practitioner(let p):
                out.append(2)
                writeString(p.agencyId.rawValue, &out)
                out.append(p.hasLeft ? 1 : 0)
            case .case(let c):
                out.append(3)
                out.append(c.isClosed ? 1 : 0)
                writeString(c.leadProfessional?.rawValue ?? "", &out)
                writeCount(c.actions.count, &out)
                // Keyed by strings then: the typed IDs' strings, sorted as strings.
                for key in c.actions.keys.map(\.rawValue).sorted() {
                    writeString(key, &out)
                    out.append(c.actions[ActionID(rawValue: key)]?.rawValue ?? 0xFF)
                }
                writeSet(Set(c.meetings.map(\.rawValue)), &out)
                writeCount(c.cafs.count, &out)
                for key in c.cafs.keys.map(\.rawValue).sorted() {
                    writeString(key, &out)
                    out.append(c.cafs[CAFID(rawValue: key)] == true ? 1 : 0)
                }
                writeSet(Set(c.needs.map(\.rawValue)), &out)
                writeCount(c.disputes.count, &out)
                for key in c.disputes.keys.map(\.rawValue).sorted() {
                    writeString(key, &out)
                    out.append(c.disputes[DisputeID(rawValue: key)] == true ? 1 : 0)
                }
                writeSet(Set(c.members.map(\.rawValue)), &out)
                writeSet(c.activeStatuses, &out)
            }
        }

        static func writeCount(_ n: Int, _ out: inout [UInt8]) {
            var value = UInt32(n)
            repeat {
                var byte = UInt8(value & 0x7F)
                value >>= 7
                if value != 0 { byte |= 0x80 }
                out.append(byte)
            } while value != 0
        }

        static func writeString(_ s: String, _ out: inout [UInt8]) {
            writeCount(s.utf8.count, &out)
            out.append(contentsOf: s.utf8)
        }

        static func writeSet(_ set: Set<String>, _ out: inout [UInt8]) {
            writeCount(set.count, &out)
            for s in set.sorted() { writeString(s, &out) }
        }
    }

    /// `Projections/Store/ByteCoding.swift`'s `ByteWriter` before: LEB128 over `UInt64`.
    struct OldByteWriter {
        var bytes: [UInt8] = []
        mutating func byte(_ b: UInt8) { bytes.append(b) }
        mutating func bool(_ b: Bool) { bytes.append(b ? 1 : 0) }
        mutating func count(_ n: Int) {
            var value = UInt64(n)
            repeat {
                var b = UInt8(value & 0x7F)
                value >>= 7
                if value != 0 { b |= 0x80 }
                bytes.append(b)
            } while value != 0
        }
        mutating func int(_ n: Int) { count(Int(bitPattern: UInt((n << 1) ^ (n >> 63)))) }
        mutating func u64(_ n: UInt64) { withUnsafeBytes(of: n.bigEndian) { bytes.append(contentsOf: $0) } }
        mutating func string(_ s: String) {
            count(s.utf8.count)
            bytes.append(contentsOf: s.utf8)
        }
        mutating func optionalString(_ s: String?) {
            bool(s != nil)
            if let s { string(s) }
        }
        mutating func date(_ d: CalendarDate) { int(d.dayNumber) }
        mutating func optionalDate(_ d: CalendarDate?) {
            bool(d != nil)
            if let d { date(d) }
        }
        mutating func strings(_ list: [String]) {
            count(list.count)
            for s in list { string(s) }
        }
    }

    typealias Random = DecoderFuzzTests.Random

    static func string(_ random: inout Random) -> String {
        let alphabet = Array("abcdefghij-0123456789é☃")
        // Mostly short; sometimes past 127 and 16,383 bytes, where a length takes 2 and 3 bytes.
        let roll = random.below(100)
        let length = roll == 0 ? 16_380 + random.below(10) : roll < 6 ? 120 + random.below(20) : random.below(12)
        return String((0..<length).map { _ in alphabet[random.below(alphabet.count)] })
    }

    static func names<Name: Hashable>(_ random: inout Random, upTo n: Int, as name: (String) -> Name) -> Set<Name> {
        Set((0..<random.below(n + 1)).map { _ in name("x" + string(&random)) })
    }

    static func state(_ random: inout Random) -> StreamState {
        switch random.below(4) {
        case 0: return .authority
        case 1: return .agency(AgencyState(authorityId: AuthorityID(rawValue: string(&random))))
        case 2: return .practitioner(PractitionerState(agencyId: AgencyID(rawValue: string(&random)), hasLeft: random.below(2) == 1))
        default:
            var c = CaseState()
            c.isClosed = random.below(2) == 1
            c.leadProfessional = random.below(3) == 0 ? nil : PractitionerID(rawValue: "p" + string(&random))
            for key in names(&random, upTo: 6, as: ActionID.init(rawValue:)) { c.actions[key] = ActionStatus(rawValue: UInt8(random.below(3))) }
            c.meetings = names(&random, upTo: 5, as: MeetingID.init(rawValue:))
            for key in names(&random, upTo: 4, as: CAFID.init(rawValue:)) { c.cafs[key] = random.below(2) == 1 }
            c.needs = names(&random, upTo: 5, as: NeedID.init(rawValue:))
            for key in names(&random, upTo: 4, as: DisputeID.init(rawValue:)) { c.disputes[key] = random.below(2) == 1 }
            // Sometimes more than 127 members: a count of two bytes.
            c.members =
                random.below(10) == 0
                ? Set((0..<(128 + random.below(100))).map { PractitionerID(rawValue: "m\($0)") })
                : names(&random, upTo: 5, as: PractitionerID.init(rawValue:))
            c.activeStatuses = names(&random, upTo: 3) { $0 }
            return .case(c)
        }
    }

    static func decode(_ bytes: [UInt8]) throws(LedgerError) -> StreamState {
        var result: Result<StreamState, LedgerError> = .failure(.corrupt("not decoded"))
        bytes.withUnsafeBytes { raw in
            do throws(LedgerError) { result = .success(try StreamStateCodec.decode(raw)) } catch { result = .failure(error) }
        }
        return try result.get()
    }

    // MARK: Byte-identical

    @Test func streamStatesEncodeToTheOldBytesAndBack() throws {
        var random = Random(seed: 14)
        for _ in 0..<2_000 {
            let state = Self.state(&random)
            var old: [UInt8] = [9, 9]  // a prefix, as the version is in the stored record
            OldStreamStateCodec.encode(state, into: &old)
            var new: [UInt8] = [9, 9]
            StreamStateCodec.encode(state, into: &new)
            #expect(new == old)
            #expect(try Self.decode(Array(old.dropFirst(2))) == state)
        }
    }

    @Test func pinnedStreamStateBytes() throws {
        func encoded(_ state: StreamState) -> [UInt8] {
            var out: [UInt8] = []
            StreamStateCodec.encode(state, into: &out)
            return out
        }
        #expect(encoded(.authority) == [0])
        #expect(encoded(.agency(AgencyState(authorityId: "la1"))) == [1, 3, 0x6C, 0x61, 0x31])
        #expect(encoded(.practitioner(PractitionerState(agencyId: "sc", hasLeft: true))) == [2, 2, 0x73, 0x63, 1])
        var c = CaseState()
        c.isClosed = true
        c.leadProfessional = "sw1"
        c.actions = ["b": .completed, "a": .open]
        c.meetings = ["m"]
        c.cafs = ["f": true]
        c.members = ["t2", "t1"]
        #expect(
            encoded(.case(c)) == [
                3, 1, 3, 0x73, 0x77, 0x31,  // closed, lead "sw1"
                2, 1, 0x61, 0, 1, 0x62, 1,  // actions a: open, b: completed (sorted)
                1, 1, 0x6D,  // meetings
                1, 1, 0x66, 1,  // cafs
                0,  // needs
                0,  // disputes
                2, 2, 0x74, 0x31, 2, 0x74, 0x32,  // members, sorted
                0,  // active statuses
            ])
        let long = String(repeating: "z", count: 300)
        #expect(encoded(.agency(AgencyState(authorityId: AuthorityID(rawValue: long)))).prefix(3) == [1, 0xAC, 0x02])
    }

    @Test func writerOperationsWriteTheOldBytes() throws {
        var random = Random(seed: 15)
        let edges: [Int] = [0, 1, -1, 63, -64, 64, 127, 128, 16_383, 16_384, Int(UInt32.max), 1 << 61, -(1 << 61)]
        for round in 0..<500 {
            var old = OldByteWriter()
            var new = ByteWriter()
            for _ in 0..<20 {
                let n = round == 0 ? edges[random.below(edges.count)] : Int(bitPattern: UInt(random.next() >> UInt64(random.below(64))))
                switch random.below(9) {
                case 0: old.byte(UInt8(truncatingIfNeeded: n)); new.byte(UInt8(truncatingIfNeeded: n))
                case 1: old.bool(n & 1 == 1); new.bool(n & 1 == 1)
                case 2: old.count(n & Int.max); new.count(n & Int.max)
                case 3: old.int(n >> 2); new.int(n >> 2)  // the old writer trapped past ±2^62
                case 4: old.u64(UInt64(bitPattern: Int64(n))); new.u64(UInt64(bitPattern: Int64(n)))
                case 5:
                    let s = Self.string(&random)
                    old.string(s); new.string(s)
                case 6:
                    let s = n & 1 == 0 ? nil : Self.string(&random)
                    old.optionalString(s); new.optionalString(s)
                case 7:
                    let d = n & 1 == 0 ? nil : CalendarDate(dayNumber: n % 1_000_000)
                    old.optionalDate(d); new.optionalDate(d)
                default:
                    let list = Array(Self.names(&random, upTo: 4) { $0 })
                    old.strings(list); new.strings(list)
                }
            }
            #expect(new.bytes == old.bytes)
        }
        for n in edges + [Int.max, Int.min, Int.max - 1, Int.min + 1, 1 << 62, -(1 << 62) - 1] {
            var w = ByteWriter()
            w.int(n)
            let decoded: Int? = w.bytes.withUnsafeBytes { raw in
                var r = ByteReader(raw, what: "test")
                guard let value = try? r.int(), r.isAtEnd else { return nil }
                return value
            }
            #expect(decoded == n, "\(w.bytes)")
        }
    }

    // MARK: No input traps

    @Test func randomAndMutatedBytesDecodeOrThrowNeverTrap() throws {
        var random = Random(seed: UInt64(ProcessInfo.processInfo.environment["LEDGERD_FUZZ_SEED"] ?? "") ?? 16)
        var corpus: [[UInt8]] = []
        for _ in 0..<200 {
            var out: [UInt8] = []
            StreamStateCodec.encode(Self.state(&random), into: &out)
            corpus.append(out)
        }
        for round in 0..<20_000 {
            var bytes: [UInt8]
            if round % 2 == 0 {
                bytes = (0..<random.below(40)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            } else {
                bytes = corpus[random.below(corpus.count)]
                for _ in 0...random.below(3) where !bytes.isEmpty {
                    switch random.below(3) {
                    case 0: bytes[random.below(bytes.count)] ^= UInt8(1 << random.below(8))
                    case 1: bytes.removeLast(random.below(bytes.count) + 1)
                    default: bytes.insert(UInt8(truncatingIfNeeded: random.next()), at: random.below(bytes.count + 1))
                    }
                }
            }
            do throws(LedgerError) {
                let state = try Self.decode(bytes)
                // What decodes re-encodes to a state that decodes the same (bytes may differ:
                // a mutated record may list its keys out of order).
                var again: [UInt8] = []
                StreamStateCodec.encode(state, into: &again)
                let decodedAgain = try Self.decode(again)
                #expect(decodedAgain == state)
            } catch {
                if case .corrupt = error {} else { Issue.record("not corruption: \(error)") }
            }
            // Every reader operation, in a random order, over the same bytes.
            bytes.withUnsafeBytes { raw in
                var r = ByteReader(raw, what: "fuzz")
                for _ in 0..<8 {
                    do throws(LedgerError) {
                        switch random.below(10) {
                        case 0: _ = try r.byte()
                        case 1: _ = try r.bool()
                        case 2: _ = try r.count()
                        case 3: _ = try r.int()
                        case 4: _ = try r.u64()
                        case 5: _ = try r.string()
                        case 6: _ = try r.optionalDate()
                        case 7: _ = try r.strings()
                        case 8: _ = try r.stringSet()
                        default: _ = try r.elementCount()
                        }
                    } catch {
                        #expect("\(error)".contains("fuzz is malformed at byte"), "\(error)")
                        break
                    }
                    #expect(r.offset <= raw.count)
                }
            }
        }
    }

    @Test func corruptionNamesWhatWasWrong() throws {
        func failure(_ bytes: [UInt8]) -> String {
            do {
                _ = try Self.decode(bytes)
                return "decoded"
            } catch {
                return "\(error)"
            }
        }
        #expect(failure([]).contains("stream state record is malformed at byte 0: truncated"))
        #expect(failure([7]).contains("unknown kind of stream"))
        #expect(failure([1, 5, 0x61]).contains("a string of 5 bytes, 1 left"))
        #expect(failure([1, 0x80]).contains("truncated number"))
        #expect(failure([1] + Array(repeating: 0xFF, count: 10) + [1]).contains("overlong number"))
        #expect(failure([2, 0, 2]).contains("not a boolean"))
        #expect(failure([0, 0]).contains("trailing bytes"))
        #expect(failure([3, 0, 0, 0x7F]).contains("count 127 exceeds the 0 bytes left"))
        // Written once each (sorted): a repeat would silently drop an entry.
        #expect(failure([3, 0, 0, 2, 1, 0x61, 0, 1, 0x61, 0]).contains("action a repeated"))
        #expect(failure([3, 0, 0, 0, 2, 1, 0x6D, 1, 0x6D]).contains("an element of a set repeated"))
    }
}
