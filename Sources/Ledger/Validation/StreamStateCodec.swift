/// A compact, deterministic binary form of `StreamState` for the `streams` database, in the
/// stores' one byte coding (`ByteWriter`, `ByteReader`).
///
/// Read and written once per appended event: sets and maps are written sorted so equal
/// states encode to equal bytes. The form is on disk; `StreamStateCodecTests` pins it.
enum StreamStateCodec {
    /// The first byte: which kind of stream the state is of.
    private enum Tag: UInt8 {
        case authority = 0, agency, practitioner, `case`
    }

    static func encode(_ state: StreamState, into out: inout [UInt8]) {
        var w = ByteWriter(capacity: 0)
        swap(&w.bytes, &out)
        defer { swap(&w.bytes, &out) }
        let start = w.bytes.count
        switch state {
        case .authority:
            w.byte(Tag.authority.rawValue)
        case .agency(let agency):
            w.byte(Tag.agency.rawValue)
            w.identifier(agency.authorityId)
        case .practitioner(let p):
            w.byte(Tag.practitioner.rawValue)
            w.identifier(p.agencyId)
            w.bool(p.hasLeft)
        case .case(let c):
            w.byte(Tag.case.rawValue)
            w.bool(c.isClosed)
            w.string(c.leadProfessional?.rawValue ?? "")
            w.count(c.actions.count)
            // Keys in the string's order, as when they were strings (`sortedIdentifiers`).
            for (key, status) in c.actions.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                w.identifier(key)
                w.byte(status.rawValue)
            }
            w.sortedIdentifiers(c.meetings)
            w.count(c.cafs.count)
            for (key, open) in c.cafs.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                w.identifier(key)
                w.bool(open)
            }
            w.sortedIdentifiers(c.needs)
            w.count(c.disputes.count)
            for (key, open) in c.disputes.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                w.identifier(key)
                w.bool(open)
            }
            w.sortedIdentifiers(c.members)
            w.sortedStrings(c.activeStatuses)
        }
        assert(w.bytes.count > start && Tag(rawValue: w.bytes[start]) != nil, "a state is its tag, then its fields")
        // The pair of `decode`'s checks: what is put reads back as the same state.
        assert(w.bytes[start...].withUnsafeBytes { (try? decode($0)) == state }, "a stream state reads back as written")
    }

    static func decode(_ bytes: UnsafeRawBufferPointer) throws(LedgerError) -> StreamState {
        var r = ByteReader(bytes, what: "stream state record")
        let state: StreamState
        guard let tag = Tag(rawValue: try r.byte()) else { throw r.corrupt("unknown kind of stream") }
        switch tag {
        case .authority: state = .authority
        case .agency: state = .agency(AgencyState(authorityId: try r.identifier()))
        case .practitioner: state = .practitioner(PractitionerState(agencyId: try r.identifier(), hasLeft: try r.bool()))
        case .case:
            var c = CaseState()
            c.isClosed = try r.bool()
            let lp = try r.string()
            c.leadProfessional = lp.isEmpty ? nil : PractitionerID(rawValue: lp)
            // Each map was written with its keys once (sorted): a repeated key would silently
            // drop an entry, so it is corruption.
            for _ in 0..<(try r.elementCount()) {
                let key: ActionID = try r.identifier()
                guard let status = ActionStatus(rawValue: try r.byte()) else { throw r.corrupt("unknown action status") }
                guard c.actions.updateValue(status, forKey: key) == nil else { throw r.corrupt("action \(key) repeated") }
            }
            c.meetings = try r.identifierSet()
            for _ in 0..<(try r.elementCount()) {
                let key: CAFID = try r.identifier()
                guard c.cafs.updateValue(try r.bool(), forKey: key) == nil else { throw r.corrupt("CAF \(key) repeated") }
            }
            c.needs = try r.identifierSet()
            for _ in 0..<(try r.elementCount()) {
                let key: DisputeID = try r.identifier()
                guard c.disputes.updateValue(try r.bool(), forKey: key) == nil else { throw r.corrupt("dispute \(key) repeated") }
            }
            c.members = try r.identifierSet()
            c.activeStatuses = try r.stringSet()
            state = .case(c)
        }
        guard r.isAtEnd else { throw r.corrupt("trailing bytes") }
        return state
    }
}
