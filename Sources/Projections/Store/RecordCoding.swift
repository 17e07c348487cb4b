import Ledger

// The stored forms of the projection's records. A change here that old records cannot be
// read with must bump `ProjectionStore.formatVersion`, which rebuilds the projections.

extension ActionOwner {
    func encode(_ w: inout ByteWriter) {
        switch self {
        case .practitioner(let id):
            w.byte(0)
            w.identifier(id)
        case .family(let member):
            w.byte(1)
            w.string(member.rawValue)
        }
    }

    init(_ r: inout ByteReader) throws(LedgerError) {
        switch try r.byte() {
        case 0: self = .practitioner(try r.identifier())
        case 1: self = .family(FamilyMember(rawValue: try r.string()))
        default: throw r.corrupt("unknown owner kind")
        }
    }
}

extension ActionRecord {
    func encode(_ w: inout ByteWriter) {
        w.identifier(actionId)
        w.string(description)
        owner.encode(&w)
        w.optionalIdentifier(needId)
        w.date(agreedOn)
        w.date(dueOn)
        w.date(originalDueOn)
        w.count(dueDateRevisions)
        w.optionalIdentifier(meetingId)
        w.byte(state.rawValue)
        w.optionalDate(closedOn)
        w.optionalString(closingNote)
        w.array(escalations) { w, e in
            w.date(e.on)
            w.string(e.to.rawValue)
            w.string(e.reason)
        }
        w.count(progressNotes)
        w.optionalDate(lastProgressOn)
    }

    init(_ r: inout ByteReader) throws(LedgerError) {
        actionId = try r.identifier()
        description = try r.string()
        owner = try ActionOwner(&r)
        needId = try r.optionalIdentifier()
        agreedOn = try r.date()
        dueOn = try r.date()
        originalDueOn = try r.date()
        dueDateRevisions = try r.count()
        meetingId = try r.optionalIdentifier()
        guard let state = State(rawValue: try r.byte()) else { throw r.corrupt("unknown action state") }
        self.state = state
        closedOn = try r.optionalDate()
        closingNote = try r.optionalString()
        escalations = try r.array { (r: inout ByteReader) throws(LedgerError) in
            Escalation(on: try r.date(), to: EscalationTarget(rawValue: try r.string()), reason: try r.string())
        }
        progressNotes = try r.count()
        lastProgressOn = try r.optionalDate()
    }
}

/// Whether `ids` are in strictly increasing byte order: `CaseRecord.involved`'s form.
private func isSortedAndUnique(_ ids: [PractitionerID]) -> Bool {
    zip(ids, ids.dropFirst()).allSatisfy { $0 < $1 }
}

extension CaseRecord {
    func encode(_ w: inout ByteWriter) {
        // The pair of the checks `init(decoding:)` makes: a record is put only once an event
        // (its CaseOpened at least) has been applied, its involvement sorted and each once.
        assert(lastSeq >= 1 && eventCount >= 1, "case \(caseId): a stored record has applied an event")
        assert(isSortedAndUnique(involved), "case \(caseId): involved is in byte order, each once")
        w.identifier(caseId)
        w.identifier(childId)
        w.optionalDate(dateOfBirth)
        w.string(gender)
        w.string(ethnicity)
        w.date(openedOn)
        w.identifier(openedBy)
        w.array(closures) { w, c in
            w.date(c.closedOn)
            w.string(c.reason)
            w.optionalDate(c.reopenedOn)
            w.optionalString(c.reopenReason)
        }
        w.array(consents) { w, c in
            w.string(c.scope)
            w.string(c.givenBy)
            w.date(c.givenOn)
            w.optionalDate(c.withdrawnOn)
        }
        w.array(cafs) { w, c in
            w.identifier(c.cafId)
            w.identifier(c.assessor)
            w.optionalIdentifier(c.assessorAgencyId)
            w.date(c.startedOn)
            w.bool(c.consentInForce)
            w.optionalDate(c.completedOn)
            w.array(c.needs) { w, n in
                w.identifier(n.needId)
                w.string(n.domain.rawValue)
                w.string(n.outcome.rawValue)
                w.string(n.summary)
            }
            w.strings(c.strengths)
            w.byte(c.multiAgency.map { $0 ? 1 : 0 } ?? 2)
        }
        w.array(members) { w, m in
            w.identifier(m.practitionerId)
            w.date(m.joinedOn)
            w.optionalDate(m.leftOn)
            w.optionalString(m.leftReason)
        }
        w.array(meetings) { w, m in
            w.identifier(m.meetingId)
            w.string(m.kind.rawValue)
            w.date(m.heldOn)
            w.identifier(m.chair)
            w.identifiers(m.attendees)
            w.bool(m.familyPresent)
            w.optionalDate(m.nextReviewDue)
        }
        w.array(leadPeriods) { w, p in
            w.identifier(p.practitionerId)
            w.date(p.from)
            w.optionalDate(p.until)
            w.string(p.startedBy)
            w.optionalString(p.endedBy)
            w.optionalString(p.endReason)
        }
        w.array(covers) { w, c in
            w.identifier(c.practitionerId)
            w.date(c.fromDate)
            w.date(c.untilDate)
            w.string(c.reason)
        }
        w.array(actions) { w, a in a.encode(&w) }
        w.array(statuses) { w, s in
            w.string(s.status)
            w.date(s.startedOn)
            w.optionalDate(s.endedOn)
        }
        w.array(disputes) { w, d in
            w.identifier(d.disputeId)
            w.string(d.about)
            w.identifier(d.raisedBy)
            w.date(d.raisedOn)
            w.optionalIdentifier(d.actionId)
            w.string(d.summary)
            w.optionalDate(d.resolvedOn)
            w.optionalIdentifier(d.resolvedBy)
            w.optionalString(d.resolution)
        }
        w.identifiers(involved)
        w.u64(lastSeq)
        w.count(eventCount)
    }

    var encoded: [UInt8] {
        var w = ByteWriter(capacity: 1024)
        encode(&w)
        return w.bytes
    }

    init(decoding bytes: UnsafeRawBufferPointer) throws(LedgerError) {
        var r = ByteReader(bytes, what: "case record")
        let opened = DomainEvent.CaseOpened(
            caseId: try r.identifier(), childId: try r.identifier(), dateOfBirth: try r.optionalDate(),
            gender: Gender(rawValue: try r.string()), ethnicity: Ethnicity(rawValue: try r.string()), openedOn: try r.date(), openedBy: try r.identifier())
        self.init(opened: opened)
        closures = try r.array { (r: inout ByteReader) throws(LedgerError) in
            ClosureRecord(closedOn: try r.date(), reason: try r.string(), reopenedOn: try r.optionalDate(), reopenReason: try r.optionalString())
        }
        consents = try r.array { (r: inout ByteReader) throws(LedgerError) in
            ConsentRecord(scope: try r.string(), givenBy: try r.string(), givenOn: try r.date(), withdrawnOn: try r.optionalDate())
        }
        cafs = try r.array { (r: inout ByteReader) throws(LedgerError) in
            let cafId: CAFID = try r.identifier()
            let assessor: PractitionerID = try r.identifier()
            let agency: AgencyID? = try r.optionalIdentifier()
            let startedOn = try r.date()
            let consent = try r.bool()
            let completedOn = try r.optionalDate()
            let needs = try r.array { (r: inout ByteReader) throws(LedgerError) in
                DomainEvent.Need(needId: try r.identifier(), domain: NeedDomain(rawValue: try r.string()),
                    outcome: Outcome(rawValue: try r.string()), summary: try r.string())
            }
            let strengths = try r.strings()
            let multi: Bool? =
                switch try r.byte() {
                case 0: false
                case 1: true
                case 2: nil
                default: throw r.corrupt("bad multiAgency")
                }
            return CAFRecord(
                cafId: cafId, assessor: assessor, assessorAgencyId: agency, startedOn: startedOn, consentInForce: consent,
                completedOn: completedOn, needs: needs, strengths: strengths, multiAgency: multi)
        }
        members = try r.array { (r: inout ByteReader) throws(LedgerError) in
            TACMembership(practitionerId: try r.identifier(), joinedOn: try r.date(), leftOn: try r.optionalDate(), leftReason: try r.optionalString())
        }
        meetings = try r.array { (r: inout ByteReader) throws(LedgerError) in
            MeetingRecord(
                meetingId: try r.identifier(), kind: MeetingKind(rawValue: try r.string()), heldOn: try r.date(),
                chair: try r.identifier(), attendees: try r.identifiers(), familyPresent: try r.bool(), nextReviewDue: try r.optionalDate())
        }
        leadPeriods = try r.array { (r: inout ByteReader) throws(LedgerError) in
            LeadProfessionalPeriod(
                practitionerId: try r.identifier(), from: try r.date(), until: try r.optionalDate(), startedBy: try r.string(),
                endedBy: try r.optionalString(), endReason: try r.optionalString())
        }
        covers = try r.array { (r: inout ByteReader) throws(LedgerError) in
            CoverRecord(practitionerId: try r.identifier(), fromDate: try r.date(), untilDate: try r.date(), reason: try r.string())
        }
        actions = try r.array { (r: inout ByteReader) throws(LedgerError) in try ActionRecord(&r) }
        statuses = try r.array { (r: inout ByteReader) throws(LedgerError) in
            StatutoryPeriod(status: try r.string(), startedOn: try r.date(), endedOn: try r.optionalDate())
        }
        disputes = try r.array { (r: inout ByteReader) throws(LedgerError) in
            DisputeRecord(
                disputeId: try r.identifier(), about: try r.string(), raisedBy: try r.identifier(), raisedOn: try r.date(),
                actionId: try r.optionalIdentifier(), summary: try r.string(), resolvedOn: try r.optionalDate(),
                resolvedBy: try r.optionalIdentifier(), resolution: try r.optionalString())
        }
        involved = try r.identifiers()
        // Scoped reads binary-search `involved`: out of order, they would miss a practitioner.
        guard isSortedAndUnique(involved) else { throw r.corrupt("involved practitioners out of order or repeated") }
        lastSeq = try r.u64()
        eventCount = try r.count()
        guard lastSeq >= 1, eventCount >= 1 else { throw r.corrupt("a record of no event (seq \(lastSeq), \(eventCount) events)") }
        guard r.isAtEnd else { throw r.corrupt("trailing bytes") }
    }
}

extension OpenActionEntry {
    var encodedValue: [UInt8] {
        var w = ByteWriter(capacity: 128)
        action.encode(&w)
        w.optionalIdentifier(leadProfessional)
        return w.bytes
    }

    init(caseId: CaseID, decoding bytes: UnsafeRawBufferPointer) throws(LedgerError) {
        var r = ByteReader(bytes, what: "open action entry of case", caseId.rawValue)
        action = try ActionRecord(&r)
        leadProfessional = try r.optionalIdentifier()
        self.caseId = caseId
        guard r.isAtEnd else { throw r.corrupt("trailing bytes") }
    }
}

extension Directory {
    /// The whole directory as one record: it is small (hundreds to a few thousand entries) and
    /// every view needs all of it.
    var encoded: [UInt8] {
        var w = ByteWriter(capacity: 64 * 1024)
        // Keys in the string's order, as when they were strings (`ByteWriter.sortedIdentifiers`).
        w.array(authorities.sorted { $0.key.rawValue < $1.key.rawValue }) { w, entry in
            let a = entry.value
            w.identifier(a.authorityId)
            w.string(a.name)
            w.string(a.director)
        }
        w.array(agencies.sorted { $0.key.rawValue < $1.key.rawValue }) { w, entry in
            let a = entry.value
            w.identifier(a.agencyId)
            w.string(a.name)
            w.identifier(a.authorityId)
            w.string(a.sector)
            w.string(a.service)
        }
        w.array(practitioners.sorted { $0.key.rawValue < $1.key.rawValue }) { w, entry in
            let p = entry.value
            w.identifier(p.practitionerId)
            w.string(p.name)
            w.identifier(p.agencyId)
            w.string(p.role)
            w.optionalIdentifier(p.lineManagerId)
            w.optionalDate(p.leftOn)
        }
        return w.bytes
    }

    init(decoding bytes: UnsafeRawBufferPointer) throws(LedgerError) {
        self.init()
        var r = ByteReader(bytes, what: "directory record")
        for a in try r.array({ (r: inout ByteReader) throws(LedgerError) in
            AuthorityRecord(authorityId: try r.identifier(), name: try r.string(), director: try r.string())
        }) {
            guard authorities.updateValue(a, forKey: a.authorityId) == nil else { throw r.corrupt("authority \(a.authorityId) repeated") }
        }
        for a in try r.array({ (r: inout ByteReader) throws(LedgerError) in
            AgencyRecord(
                agencyId: try r.identifier(), name: try r.string(), authorityId: try r.identifier(), sector: try r.string(),
                service: try r.string())
        }) {
            guard agencies.updateValue(a, forKey: a.agencyId) == nil else { throw r.corrupt("agency \(a.agencyId) repeated") }
        }
        for p in try r.array({ (r: inout ByteReader) throws(LedgerError) in
            PractitionerRecord(
                practitionerId: try r.identifier(), name: try r.string(), agencyId: try r.identifier(), role: try r.string(),
                lineManagerId: try r.optionalIdentifier(), leftOn: try r.optionalDate())
        }) {
            guard practitioners.updateValue(p, forKey: p.practitionerId) == nil else {
                throw r.corrupt("practitioner \(p.practitionerId) repeated")
            }
        }
        guard r.isAtEnd else { throw r.corrupt("trailing bytes") }
    }
}
