/// The fixed phrases of the demo world. Plain data; kept apart from the lifecycle code so
/// that reads as a story rather than a phrase book (needs and names are in their own files).
enum DemoVocabulary {
    /// Coordination actions a TAC agrees whatever the needs (not linked to a need).
    static let generalActions: [DemoActionTemplate] = [
        .init(description: "Visit the family every month and update the TAC", owner: .lead),
        .init(description: "Gather the child's views and wishes before the next review", owner: .lead),
        .init(description: "Share the delivery plan with the family's GP", owner: .lead),
        .init(description: "Refer to the holiday activities and food programme", owner: .role(.familySupportWorker)),
        .init(description: "Weekly check-in with the child at school", owner: .role(.teacher)),
        .init(description: "Check the family's benefit entitlement", owner: .role(.familySupportWorker)),
        .init(
            description: "Update the health record and share relevant information with the TAC",
            owner: .role(.healthVisitor)
        ),
    ]

    static let strengths: [String] = [
        "Mother is committed to making changes",
        "Strong, loving relationship with grandparents who live nearby",
        "Child enjoys school and has a good group of friends",
        "Attends football club every week",
        "Family engaged well with the assessment",
        "Father is working and provides stability",
        "Young person is clear about what they want for the future",
        "Good relationship with the class teacher",
        "Older sibling is a positive role model",
        "Family has the support of their faith community",
        "Health appointments are kept",
        "Child is healthy and meeting developmental milestones",
        "Parents understand the concerns and want help",
        "Child is creative and loves drawing",
        "Young person has a part-time job and is reliable",
        "Warm and affectionate care observed at home visits",
    ]

    static let progressNotes: [String] = [
        "Home visit completed; family engaging well",
        "Referral made; awaiting a first appointment",
        "Attended three of the four sessions offered",
        "Good progress reported this half-term",
        "Appointment missed; rearranged for next week",
        "Telephone review with parent; things are more settled",
        "Joint visit with the lead professional",
        "Waiting list update: about six weeks",
        "Some improvement, but not yet consistent",
        "Letter sent to the family offering a new date",
        "Update shared with the TAC by email",
        "First session completed; plan agreed with the family",
    ]

    static let noResponseNotes: [String] = [
        "No contact from the service despite two reminders",
        "Referral not acknowledged; chased by email",
        "Sessions not yet started; no date offered",
    ]

    static let revisionReasons: [String] = [
        "Waiting list longer than expected",
        "Family on holiday during the planned sessions",
        "Practitioner absence; sessions rescheduled",
        "Appointment moved by the hospital",
        "Agreed at review to allow more time",
        "Delayed until the new school term",
    ]

    static let reassignReasons: [String] = [
        "Better placed with the school now the child has changed class",
        "Workload rebalanced within the team",
        "Family asked for a different worker",
        "Specialist input now needed",
    ]

    static let departedOwnerReason = "Previous owner has left their agency"
    static let leavingOwnerReason = "Handed over before the owner leaves their agency"

    static let escalationReasons: [String] = [
        "Action overdue with no progress reported",
        "Referral not actioned after repeated reminders",
        "Service has not started; family waiting for support",
        "Overdue at two consecutive reviews",
    ]

    static let cancelReasons: [String] = [
        "No longer needed: circumstances changed",
        "Family declined the service",
        "Duplicates support already in place",
        "Service withdrawn locally; alternative agreed at review",
    ]

    static let completionNotes: [String] = [
        "Completed as agreed",
        "Sessions finished; good outcome reported by the family",
        "Assessment completed and report shared with the TAC",
        "Done; no further input needed",
        "Completed; follow-up offered if needed",
    ]

    static let disputeSummaries: [String] = [
        "Disagreement about who should take the lead professional role",
        "Agreed action not delivered and no explanation given",
        "Unclear which agency is accountable for the school transport arrangements",
        "No capacity in the service to deliver the agreed sessions",
        "Family and school disagree with the approach proposed by health",
    ]

    static let resolutions: [String] = [
        "Resolved by the line managers concerned; roles confirmed in writing",
        "Integrated services manager agreed the lead professional",
        "Service confirmed a start date; action back on track",
        "Multi-agency panel agreed funding for the sessions",
        "Approach agreed at a joint meeting with the family",
    ]

    static let memberLeftReasons: [String] = [
        "Involvement complete",
        "Service no longer needed",
        "Agreed at review that this agency's input has ended",
    ]

    static let reopenReasons: [String] = [
        "New concerns raised by school",
        "Family asked for support again",
        "Referral from health visitor after a change in circumstances",
        "Step-down from children's social care",
        "Police notification of a domestic incident",
    ]

    static let leadProfessionalLeftReason = "Lead professional has left their agency"
}
