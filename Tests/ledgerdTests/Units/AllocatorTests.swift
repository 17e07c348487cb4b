import Testing

@testable import ledgerd

/// `Allocator`: jemalloc serves the process's allocations (Swift's included), and its counters
/// follow them.
@Suite struct AllocatorTests {
    @Test func swiftAllocationsAreJemallocs() throws {
        let size = 64 << 20
        let before = try #require(Allocator.statistics())
        let block = [UInt8](repeating: 1, count: size)
        let during = try #require(Allocator.statistics())
        // If glibc's malloc were in charge, jemalloc would not see the 64 MiB at all.
        #expect(during.allocated - before.allocated >= size, "\(before) → \(during)")
        #expect(during.resident >= during.allocated)
        #expect(block.count == size)
        #expect(Allocator.version.hasPrefix("jemalloc 5."), "\(Allocator.version)")
    }
}
