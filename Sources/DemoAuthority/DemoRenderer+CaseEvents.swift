import Ledger

// Case events: the envelope as for directory events, data members in DOMAIN.md's order.

extension DemoRenderer {
    mutating func render(_ event: DemoCaseEvent, version: Int, of c: DemoRenderedCase) -> String {
        w.reset()
        eventId(DemoMix.mix(c.idSeed, UInt64(version)))
        w.raw(",\"stream\":\"case-")
        w.raw(c.caseId)
        let on = DemoTimeline.dayOf(event.time)
        let directory = self.directory
        func id(_ p: Int32) -> [UInt8] { directory.ids[Int(p)] }
        switch event.change {
        case .opened(let dateOfBirth, let gender, let ethnicity, let openedBy):
            caseHead("CaseOpened", event, first: version == 0)
            w.raw("\"caseId\":")
            w.quoted(c.caseId)
            w.raw(",\"childId\":")
            w.quoted(c.childId)
            w.raw(",\"dateOfBirth\":")
            w.date(dateOfBirth)
            w.raw(",\"gender\":")
            w.quoted(gender)
            w.raw(",\"ethnicity\":")
            w.quoted(ethnicity)
            w.raw(",\"openedOn\":")
            w.date(on)
            w.raw(",\"openedBy\":")
            w.quoted(id(openedBy))
        case .consentRecorded(let scope, let givenBy):
            caseHead("ConsentRecorded", event, first: version == 0)
            w.raw("\"scope\":")
            w.quoted(scope.wire)
            w.raw(",\"givenBy\":")
            w.quoted(givenBy.wire)
            w.raw(",\"givenOn\":")
            w.date(on)
        case .consentWithdrawn(let scope, let givenBy):
            caseHead("ConsentWithdrawn", event, first: version == 0)
            w.raw("\"scope\":")
            w.quoted(scope.wire)
            w.raw(",\"givenBy\":")
            w.quoted(givenBy.wire)
            w.raw(",\"withdrawnOn\":")
            w.date(on)
        case .cafStarted(let caf, let assessor):
            caseHead("CAFStarted", event, first: version == 0)
            w.raw("\"cafId\":\"caf-")
            w.int(caf)
            w.raw("\",\"assessor\":")
            w.quoted(id(assessor))
            w.raw(",\"startedOn\":")
            w.date(on)
        case .cafCompleted(let caf, let needs, let strengths, let multiAgency):
            caseHead("CAFCompleted", event, first: version == 0)
            w.raw("\"cafId\":\"caf-")
            w.int(caf)
            w.raw("\",\"completedOn\":")
            w.date(on)
            w.raw(",\"needs\":[")
            for (i, need) in needs.enumerated() {
                let template = DemoVocabulary.needs[need.template]
                if i > 0 { w.byte(UInt8(ascii: ",")) }
                w.raw("{\"needId\":\"need-")
                w.int(need.number)
                w.raw("\",\"domain\":")
                w.quoted(template.domain)
                w.raw(",\"outcome\":")
                w.quoted(template.outcome)
                w.raw(",\"summary\":")
                w.string(template.summary)
                w.byte(UInt8(ascii: "}"))
            }
            w.raw("],\"strengths\":[")
            for (i, s) in strengths.enumerated() {
                if i > 0 { w.byte(UInt8(ascii: ",")) }
                w.string(DemoVocabulary.strengths[s])
            }
            w.raw("],\"multiAgency\":")
            w.bool(multiAgency)
        case .memberJoined(let p):
            caseHead("TACMemberJoined", event, first: version == 0)
            w.raw("\"practitionerId\":")
            w.quoted(id(p))
            w.raw(",\"joinedOn\":")
            w.date(on)
        case .memberLeft(let p, let reason):
            caseHead("TACMemberLeft", event, first: version == 0)
            w.raw("\"practitionerId\":")
            w.quoted(id(p))
            w.raw(",\"leftOn\":")
            w.date(on)
            w.raw(",\"reason\":")
            w.string(reason)
        case .meetingHeld(let meeting, let kind, let chair, let attendees, let familyPresent, let nextReviewDue):
            caseHead("TACMeetingHeld", event, first: version == 0)
            w.raw("\"meetingId\":")
            meetingId(meeting)
            w.raw(",\"kind\":")
            w.quoted(kind.wire)
            w.raw(",\"heldOn\":")
            w.date(on)
            w.raw(",\"chair\":")
            w.quoted(id(chair))
            w.raw(",\"attendees\":[")
            for (i, a) in attendees.enumerated() {
                if i > 0 { w.byte(UInt8(ascii: ",")) }
                w.quoted(id(a))
            }
            w.raw("],\"familyPresent\":")
            w.bool(familyPresent)
            w.raw(",\"nextReviewDue\":")
            w.date(nextReviewDue)
        case .leadAppointed(let p, let meeting, let criteria, let agreedWithFamily):
            caseHead("LeadProfessionalAppointed", event, first: version == 0)
            w.raw("\"practitionerId\":")
            w.quoted(id(p))
            w.raw(",\"appointedOn\":")
            w.date(on)
            w.raw(",\"meetingId\":")
            meetingIdOrNull(meeting)
            w.raw(",\"criteria\":[")
            var first = true
            for (bit, name) in DemoCriteria.all.enumerated() where criteria & (1 << UInt8(bit)) != 0 {
                if !first { w.byte(UInt8(ascii: ",")) }
                first = false
                w.quoted(name)
            }
            w.raw("],\"agreedWithFamily\":")
            w.bool(agreedWithFamily)
        case .leadHandedOver(let from, let to, let reason, let meeting):
            caseHead("LeadProfessionalHandedOver", event, first: version == 0)
            w.raw("\"from\":")
            w.quoted(id(from))
            w.raw(",\"to\":")
            w.quoted(id(to))
            w.raw(",\"handedOverOn\":")
            w.date(on)
            w.raw(",\"reason\":")
            w.quoted(reason.wire)
            w.raw(",\"meetingId\":")
            meetingIdOrNull(meeting)
        case .leadCoverArranged(let cover, let fromDate, let untilDate, let reason):
            caseHead("LeadProfessionalCoverArranged", event, first: version == 0)
            w.raw("\"coverPractitionerId\":")
            w.quoted(id(cover))
            w.raw(",\"fromDate\":")
            w.date(fromDate)
            w.raw(",\"untilDate\":")
            w.date(untilDate)
            w.raw(",\"reason\":")
            w.string(reason)
        case .leadStoodDown(let p, let reason):
            caseHead("LeadProfessionalStoodDown", event, first: version == 0)
            w.raw("\"practitionerId\":")
            w.quoted(id(p))
            w.raw(",\"stoodDownOn\":")
            w.date(on)
            w.raw(",\"reason\":")
            w.string(reason)
        case .actionAgreed(let action, let description, let owner, let need, let dueOn, let meeting):
            caseHead("ActionAgreed", event, first: version == 0)
            actionId(action)
            w.raw(",\"description\":")
            w.string(description)
            w.raw(",\"owner\":")
            ownerObject(owner)
            w.raw(",\"needId\":")
            if let need {
                w.raw("\"need-")
                w.int(need)
                w.byte(0x22)
            } else {
                w.raw("null")
            }
            w.raw(",\"agreedOn\":")
            w.date(on)
            w.raw(",\"dueOn\":")
            w.date(dueOn)
            w.raw(",\"meetingId\":")
            meetingIdOrNull(meeting)
        case .actionProgress(let action, let note):
            caseHead("ActionProgressRecorded", event, first: version == 0)
            actionId(action)
            w.raw(",\"note\":")
            w.string(note)
            w.raw(",\"recordedOn\":")
            w.date(on)
        case .actionDueDateRevised(let action, let dueOn, let reason):
            caseHead("ActionDueDateRevised", event, first: version == 0)
            actionId(action)
            w.raw(",\"dueOn\":")
            w.date(dueOn)
            w.raw(",\"reason\":")
            w.string(reason)
        case .actionReassigned(let action, let owner, let reason):
            caseHead("ActionReassigned", event, first: version == 0)
            actionId(action)
            w.raw(",\"owner\":")
            ownerObject(owner)
            w.raw(",\"reason\":")
            w.string(reason)
        case .actionCompleted(let action, let note):
            caseHead("ActionCompleted", event, first: version == 0)
            actionId(action)
            w.raw(",\"completedOn\":")
            w.date(on)
            w.raw(",\"note\":")
            if let note { w.string(note) } else { w.raw("null") }
        case .actionCancelled(let action, let reason):
            caseHead("ActionCancelled", event, first: version == 0)
            actionId(action)
            w.raw(",\"cancelledOn\":")
            w.date(on)
            w.raw(",\"reason\":")
            w.string(reason)
        case .actionEscalated(let action, let to, let reason):
            caseHead("ActionEscalated", event, first: version == 0)
            actionId(action)
            w.raw(",\"escalatedOn\":")
            w.date(on)
            w.raw(",\"escalatedTo\":")
            w.quoted(to.wire)
            w.raw(",\"reason\":")
            w.string(reason)
        case .statusStarted(let status):
            caseHead("StatutoryStatusStarted", event, first: version == 0)
            w.raw("\"status\":")
            w.quoted(status.wire)
            w.raw(",\"startedOn\":")
            w.date(on)
        case .statusEnded(let status):
            caseHead("StatutoryStatusEnded", event, first: version == 0)
            w.raw("\"status\":")
            w.quoted(status.wire)
            w.raw(",\"endedOn\":")
            w.date(on)
        case .disputeRaised(let dispute, let about, let raisedBy, let action, let summary):
            caseHead("DisputeRaised", event, first: version == 0)
            w.raw("\"disputeId\":\"dispute-")
            w.int(dispute)
            w.raw("\",\"about\":")
            w.quoted(about.wire)
            w.raw(",\"raisedBy\":")
            w.quoted(id(raisedBy))
            w.raw(",\"raisedOn\":")
            w.date(on)
            w.raw(",\"actionId\":")
            if let action {
                w.raw("\"act-")
                w.int(action)
                w.byte(0x22)
            } else {
                w.raw("null")
            }
            w.raw(",\"summary\":")
            w.string(summary)
        case .disputeResolved(let dispute, let resolvedBy, let resolution):
            caseHead("DisputeResolved", event, first: version == 0)
            w.raw("\"disputeId\":\"dispute-")
            w.int(dispute)
            w.raw("\",\"resolvedOn\":")
            w.date(on)
            w.raw(",\"resolvedBy\":")
            w.quoted(id(resolvedBy))
            w.raw(",\"resolution\":")
            w.string(resolution)
        case .closed(let reason):
            caseHead("CaseClosed", event, first: version == 0)
            w.raw("\"closedOn\":")
            w.date(on)
            w.raw(",\"reason\":")
            w.quoted(reason.wire)
        case .reopened(let reason):
            caseHead("CaseReopened", event, first: version == 0)
            w.raw("\"reopenedOn\":")
            w.date(on)
            w.raw(",\"reason\":")
            w.string(reason)
        }
        w.byte(UInt8(ascii: "}"))
        if event.meeting > 0 {
            // Everything agreed at one meeting shares a correlation ID.
            w.raw(",\"metadata\":{\"source\":\"demo\",\"correlationId\":\"")
            w.raw(c.caseId)
            w.raw("/meeting-")
            w.int(event.meeting)
            w.raw("\"}")
        }
        w.byte(UInt8(ascii: "}"))
        return w.line()
    }
}

/// A case's identifiers in wire form, computed once per case.
struct DemoRenderedCase {
    /// `EH-2024-000123`: the year the case was first opened and its number.
    let caseId: [UInt8]
    /// The child's unique ID in the council's system: a scrambled but unique number.
    let childId: [UInt8]
    /// Seed for this case's event IDs.
    let idSeed: UInt64

    init(caseIndex: Int, openDay: Int, seed: UInt64) {
        var id = Array("EH-".utf8)
        id.append(contentsOf: String(CalendarDate(dayNumber: openDay).components.year).utf8)
        id.append(UInt8(ascii: "-"))
        let number = String(caseIndex + 1)
        id.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: max(0, 6 - number.utf8.count)))
        id.append(contentsOf: number.utf8)
        caseId = id
        // Multiplying by an odd number not divisible by 5 permutes 0..<10^7.
        let modulus = 10_000_000
        let child: String
        if caseIndex + 1 < modulus {
            let scrambled = ((caseIndex + 1) * 2_654_435_761) % modulus
            let digits = String(scrambled)
            child = "NM" + String(repeating: "0", count: 7 - digits.count) + digits
        } else {
            child = "NMX" + String(caseIndex + 1)
        }
        childId = Array(child.utf8)
        idSeed = DemoMix.mix(seed ^ 0xCA5E_1D5E_ED00, UInt64(caseIndex))
    }
}
