/// What an `Identifier` names: a caseless enum per kind of thing, so that each kind of ID is
/// its own type and an action's ID cannot be passed where a practitioner's is expected.
public protocol IdentifierKind: Sendable {}

/// An ID of the contract, typed by what it names (`PractitionerID`, `ActionID`, …).
///
/// Only a `String`, so it costs what the string costs: it is carried as recorded, neither
/// validated nor copied again (`IdentifierRule` is checked where requests are validated, and
/// replay carries what was recorded). Equal and hashed as its string; ordered by its UTF-8
/// bytes, the order of LMDB's keys and of the views that list by ID. The contract's IDs are
/// ASCII (`IdentifierRule`), where that order and the string's own agree.
public struct Identifier<Kind: IdentifierKind>: RawRepresentable, Hashable, Comparable, Sendable,
    CustomStringConvertible, ExpressibleByStringLiteral
{
    /// The ID as the contract spells it.
    public let rawValue: String

    /// The ID spelt `rawValue`, as recorded (not checked against `IdentifierRule`).
    @inlinable
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// The ID spelt `value`: what the tests and the demo write.
    @inlinable
    public init(stringLiteral value: String) {
        self.rawValue = value
    }

    /// The ID as the contract spells it, as messages and views quote it.
    public var description: String { rawValue }

    // Spelt out, and inlinable, so that sets and dictionaries keyed by IDs in other modules
    // hash and compare the string directly, as they did when they were keyed by strings.

    /// Whether the two spell the same ID.
    @inlinable
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.rawValue == rhs.rawValue }

    /// Hashes the string, as a string key would be.
    @inlinable
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }

    /// Byte order of the UTF-8 spelling.
    @inlinable
    public static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.rawValue.utf8.lexicographicallyPrecedes(rhs.rawValue.utf8)
    }
}

/// The kinds of ID the contract's events carry.
public enum IdentifierKinds {
    /// A local authority (`authorityId`).
    public enum Authority: IdentifierKind {}
    /// An agency (`agencyId`).
    public enum Agency: IdentifierKind {}
    /// A practitioner (`practitionerId`, `assessor`, `chair`, `lineManagerId`, …).
    public enum Practitioner: IdentifierKind {}
    /// A case (`caseId`).
    public enum Case: IdentifierKind {}
    /// A child, shared by the child's cases (`childId`).
    public enum Child: IdentifierKind {}
    /// A Common Assessment within its case (`cafId`).
    public enum CAF: IdentifierKind {}
    /// A TAC meeting within its case (`meetingId`).
    public enum Meeting: IdentifierKind {}
    /// An action within its case (`actionId`).
    public enum Action: IdentifierKind {}
    /// A need identified by a CAF of the case (`needId`).
    public enum Need: IdentifierKind {}
    /// A dispute within its case (`disputeId`).
    public enum Dispute: IdentifierKind {}
}

/// A local authority's ID.
public typealias AuthorityID = Identifier<IdentifierKinds.Authority>
/// An agency's ID.
public typealias AgencyID = Identifier<IdentifierKinds.Agency>
/// A practitioner's ID.
public typealias PractitionerID = Identifier<IdentifierKinds.Practitioner>
/// A case's ID (its stream is `case-` + this).
public typealias CaseID = Identifier<IdentifierKinds.Case>
/// A child's ID.
public typealias ChildID = Identifier<IdentifierKinds.Child>
/// A CAF's ID within its case.
public typealias CAFID = Identifier<IdentifierKinds.CAF>
/// A TAC meeting's ID within its case.
public typealias MeetingID = Identifier<IdentifierKinds.Meeting>
/// An action's ID within its case.
public typealias ActionID = Identifier<IdentifierKinds.Action>
/// A need's ID within its case.
public typealias NeedID = Identifier<IdentifierKinds.Need>
/// A dispute's ID within its case.
public typealias DisputeID = Identifier<IdentifierKinds.Dispute>
