import Ledger

extension CaseRecord {
    /// Records that practitioner `id` is involved: inserted in byte order, once.
    ///
    /// A binary search over a handful of IDs, in place: this runs on the replay's hot path.
    mutating func involve(_ id: PractitionerID) {
        let position = involvedPosition(id)
        if position < involved.count && involved[position] == id { return }
        involved.insert(id, at: position)
        assert(position == 0 || involved[position - 1] < id, "involved stays sorted below")
        assert(position + 1 == involved.count || id < involved[position + 1], "and above")
    }

    /// `involve` for an action's owner, when it is a practitioner.
    mutating func involve(_ owner: ActionOwner) {
        if let id = owner.practitionerId { involve(id) }
    }

    /// Whether practitioner `id` is or was involved in the case.
    public func isInvolved(_ id: PractitionerID) -> Bool {
        let position = involvedPosition(id)
        return position < involved.count && involved[position] == id
    }

    /// The first position in `involved` whose ID does not precede `id`.
    private func involvedPosition(_ id: PractitionerID) -> Int {
        var low = 0
        var high = involved.count
        while low < high {
            let middle = (low + high) / 2
            if involved[middle] < id { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
