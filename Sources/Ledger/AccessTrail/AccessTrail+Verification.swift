/// Verifying the trail: the chain recomputed from seq 1, and both indexes cross-checked, so
/// an entry altered, removed or added behind the recorder's back is found and named.
extension AccessTrail {
    /// What a successful verification of the trail proved.
    public struct VerificationReport: Sendable, Equatable {
        /// Entries verified: the whole trail, from entry 1.
        public var entries: UInt64
        /// The last entry's hash (64 zeros for an empty trail).
        public var headHash: String
    }

    /// Recomputes every entry's hash from its predecessor's, checks each is stored exactly in
    /// its canonical form under its own seq, in non-decreasing time, and that the indexes hold
    /// exactly one key per (case, entry) and per entry's principal. Throws
    /// `VerificationFailure` naming the first bad seq (0 when the fault is no one entry's).
    /// The journal's entries after the last stored one are checked too (their hashes, and
    /// that they continue the stored chain).
    public func verify() throws -> VerificationReport {
        let journal: [AccessEntry]
        do {
            journal = try journalEntries()
        } catch {
            throw VerificationFailure(seq: 0, reason: "\(error)")
        }
        return try environment.read { txn in
            var previous = AccessTrail.Head.empty
            var caseKeys = 0
            let indexed = try indexed(txn)
            try txn.forEach(entries) { key, value in
                let seq = previous.seq + 1
                guard key.count == 8, (try? Keys.decodeSeq(key)) == seq else {
                    throw VerificationFailure(seq: seq, reason: "entry \(seq) is missing (the next key is \(Hex.encode(key)))")
                }
                let entry: AccessEntry
                do {
                    entry = try AccessEntry(decoding: value, seq: seq)
                } catch {
                    throw VerificationFailure(seq: seq, reason: "\(error)")
                }
                guard entry.prevHash == Hex.encode(previous.hash) else {
                    throw VerificationFailure(seq: seq, reason: "prevHash \(entry.prevHash) is not entry \(previous.seq)'s hash \(Hex.encode(previous.hash))")
                }
                let computed = AccessEntry.chainHash(previous.hash, CanonicalJSON.bytes(entry.json(includingHash: false)))
                guard entry.hash == Hex.encode(computed) else {
                    throw VerificationFailure(seq: seq, reason: "hash \(entry.hash) does not match its content (\(Hex.encode(computed)))")
                }
                guard value.elementsEqual(entry.canonicalBytes) else {
                    throw VerificationFailure(seq: seq, reason: "the stored bytes are not the entry's canonical form")
                }
                guard entry.at >= previous.at else {
                    throw VerificationFailure(seq: seq, reason: "at \(entry.at) is earlier than entry \(previous.seq)'s \(previous.at)")
                }
                // Entries after `indexed` are not in the indexes yet (see `index(_:)`).
                if seq <= indexed {
                    for id in entry.cases where try txn.get(cases, Self.indexKey(id, seq)) == nil {
                        throw VerificationFailure(seq: seq, reason: "the case index lacks \(id)")
                    }
                    guard try txn.get(principals, Self.indexKey(entry.principal, seq)) != nil else {
                        throw VerificationFailure(seq: seq, reason: "the principal index lacks \(entry.principal)")
                    }
                    caseKeys += entry.cases.count
                }
                previous = Head(seq: seq, hash: computed, at: entry.at)
            }
            let head = try head(txn)
            guard head == previous else {
                throw VerificationFailure(seq: 0, reason: "the stored head (entry \(head.seq)) is not the last entry (\(previous.seq))")
            }
            guard indexed <= previous.seq else {
                throw VerificationFailure(seq: 0, reason: "the indexes claim entries up to \(indexed); the trail ends at \(previous.seq)")
            }
            let indexedCases = try environment.count(cases, in: txn)
            let indexedPrincipals = try environment.count(principals, in: txn)
            guard indexedCases == caseKeys, UInt64(indexedPrincipals) == indexed else {
                throw VerificationFailure(
                    seq: 0,
                    reason: "the indexes hold \(indexedCases) case and \(indexedPrincipals) principal keys; "
                        + "the \(indexed) entries indexed need \(caseKeys) and \(indexed)")
            }
            let journaled: ArraySlice<AccessEntry>
            do {
                journaled = try tail(of: journal, after: previous)
            } catch {
                throw VerificationFailure(seq: previous.seq + 1, reason: "\(error)")
            }
            return VerificationReport(
                entries: journaled.last?.seq ?? previous.seq, headHash: journaled.last?.hash ?? Hex.encode(previous.hash))
        }
    }
}
