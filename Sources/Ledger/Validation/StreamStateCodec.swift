/// A compact, deterministic binary form of `StreamState` for the `streams` database.
///
/// Hand-rolled because it is read and written once per appended event: sets are written
/// sorted so equal states encode to equal bytes.
enum StreamStateCodec {
    static func encode(_ state: StreamState, into out: inout [UInt8]) {
        switch state {
        case .authority:
            out.append(0)
        case .agency(let agency):
            out.append(1)
            writeString(agency.authorityId, &out)
        case .practitioner(let p):
            out.append(2)
            writeString(p.agencyId, &out)
            out.append(p.hasLeft ? 1 : 0)
        case .case(let c):
            out.append(3)
            out.append(c.isClosed ? 1 : 0)
            writeString(c.leadProfessional ?? "", &out)
            writeCount(c.actions.count, &out)
            for key in c.actions.keys.sorted() {
                writeString(key, &out)
                out.append(c.actions[key]!.rawValue)
            }
            writeSet(c.meetings, &out)
            writeCount(c.cafs.count, &out)
            for key in c.cafs.keys.sorted() {
                writeString(key, &out)
                out.append(c.cafs[key]! ? 1 : 0)
            }
            writeSet(c.needs, &out)
            writeCount(c.disputes.count, &out)
            for key in c.disputes.keys.sorted() {
                writeString(key, &out)
                out.append(c.disputes[key]! ? 1 : 0)
            }
            writeSet(c.members, &out)
            writeSet(c.activeStatuses, &out)
        }
    }

    static func decode(_ bytes: UnsafeRawBufferPointer) throws(LedgerError) -> StreamState {
        var reader = Reader(bytes: bytes)
        let state: StreamState
        switch try reader.byte() {
        case 0: state = .authority
        case 1: state = .agency(AgencyState(authorityId: try reader.string()))
        case 2: state = .practitioner(PractitionerState(agencyId: try reader.string(), hasLeft: try reader.byte() == 1))
        case 3:
            var c = CaseState()
            c.isClosed = try reader.byte() == 1
            let lp = try reader.string()
            c.leadProfessional = lp.isEmpty ? nil : lp
            for _ in 0..<(try reader.count()) {
                let key = try reader.string()
                guard let status = ActionStatus(rawValue: try reader.byte()) else { throw reader.corrupt() }
                c.actions[key] = status
            }
            c.meetings = try reader.set()
            for _ in 0..<(try reader.count()) { c.cafs[try reader.string()] = try reader.byte() == 1 }
            c.needs = try reader.set()
            for _ in 0..<(try reader.count()) { c.disputes[try reader.string()] = try reader.byte() == 1 }
            c.members = try reader.set()
            c.activeStatuses = try reader.set()
            state = .case(c)
        default: throw reader.corrupt()
        }
        guard reader.offset == bytes.count else { throw reader.corrupt() }
        return state
    }

    private static func writeCount(_ n: Int, _ out: inout [UInt8]) {
        precondition(n >= 0 && n <= Int(UInt32.max))
        var value = UInt32(n)
        // LEB128: most counts and lengths fit one byte.
        repeat {
            var byte = UInt8(value & 0x7F)
            value >>= 7
            if value != 0 { byte |= 0x80 }
            out.append(byte)
        } while value != 0
    }

    private static func writeString(_ s: String, _ out: inout [UInt8]) {
        writeCount(s.utf8.count, &out)
        out.append(contentsOf: s.utf8)
    }

    private static func writeSet(_ set: Set<String>, _ out: inout [UInt8]) {
        writeCount(set.count, &out)
        for s in set.sorted() { writeString(s, &out) }
    }

    private struct Reader {
        let bytes: UnsafeRawBufferPointer
        var offset = 0

        func corrupt() -> LedgerError {
            .corrupt("stream state record is malformed at byte \(offset)")
        }

        mutating func byte() throws(LedgerError) -> UInt8 {
            guard offset < bytes.count else { throw corrupt() }
            defer { offset += 1 }
            return bytes[offset]
        }

        mutating func count() throws(LedgerError) -> Int {
            var value: UInt32 = 0
            var shift: UInt32 = 0
            while true {
                let b = try byte()
                value |= UInt32(b & 0x7F) << shift
                if b & 0x80 == 0 { return Int(value) }
                shift += 7
                guard shift < 35 else { throw corrupt() }
            }
        }

        mutating func string() throws(LedgerError) -> String {
            let n = try count()
            guard offset + n <= bytes.count else { throw corrupt() }
            defer { offset += n }
            return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + n)]), as: UTF8.self)
        }

        mutating func set() throws(LedgerError) -> Set<String> {
            var result = Set<String>()
            for _ in 0..<(try count()) { result.insert(try string()) }
            return result
        }
    }
}
