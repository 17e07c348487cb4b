import Ledger

/// A principal the access trail is asked about, checked against the directory: a typo
/// (`practitioner:prac-00016`) would otherwise answer "nobody under that name saw anything",
/// which reads as a finding. Systems are not in the directory, so any name is taken.
enum KnownPrincipal {
    /// Throws `ViewRequest.NotFound` ("no practitioner X in the directory; did you mean …")
    /// unless `principal` is a system or a registered practitioner, agency or authority
    /// (one that has left is still registered: what they saw stays answerable).
    static func require(_ principal: Principal, ledger: Ledger) throws {
        guard let stream = principal.directoryStream, try ledger.version(of: stream) < 0 else { return }
        let near = try ledger.environment.read { txn in try principal.suggestion(in: ledger, txn) }
        throw ViewRequest.NotFound(description: "no \(principal.kind.rawValue) \(principal.id) in the directory\(near)")
    }
}
