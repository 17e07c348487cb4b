import Testing

@testable import ledgerd

/// `ResponseMemory`'s accounting: small answers are never counted or refused, a large one is
/// refused only when what is held would pass the budget, a lone answer larger than the whole
/// budget still goes, and a reservation is given back once, whether released or dropped.
@Suite struct ResponseMemoryUnitTests {
    @Test func reservesUpToTheBudgetAndGivesBackOnce() throws {
        let large = ResponseMemory.smallest
        let memory = ResponseMemory(budget: 3 * large)
        #expect(memory.reserve(large - 1) != nil)
        #expect(memory.heldBytes == 0, "small answers are not counted")

        let first = try #require(memory.reserve(2 * large))
        #expect(memory.reserve(2 * large) == nil, "would pass the budget")
        var second = memory.reserve(large)
        #expect(second != nil)
        #expect(memory.heldBytes == 3 * large)
        #expect(memory.reserve(large) == nil)
        #expect(memory.reserve(large - 1) != nil, "small answers are never refused")

        first.release()
        first.release()  // once only
        #expect(memory.heldBytes == large)
        second = nil  // dropped unsent: given back
        #expect(memory.heldBytes == 0)

        let lone = try #require(memory.reserve(10 * large), "nothing held: a lone answer over the budget still goes")
        #expect(memory.reserve(large) == nil)
        memory.queued(large)  // a connection's queue counts too
        lone.release()
        #expect(memory.heldBytes == large)
        #expect(memory.reserve(3 * large) == nil)
        memory.written(large)
        #expect(memory.heldBytes == 0)
        _ = second
    }
}
