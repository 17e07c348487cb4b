import CJemalloc

/// The process's memory allocator: jemalloc, linked into the executable so that its `malloc`
/// and `free` stand in for glibc's everywhere (the Swift runtime, Foundation, NIO, LMDB).
///
/// Why: an import makes and frees about ten small blocks per event on its parsing thread
/// while the writer thread grows LMDB's dirty pages, and a daemon does the same per request
/// across NIO's threads. glibc's arenas spent about a sixth of an import's CPU in `malloc`,
/// `free`, consolidation and growing the heap with `mprotect`; with jemalloc linked the same
/// import took about 15 % less time (tcmalloc and mimalloc measured alike). See BENCHMARKS.md.
///
/// Linking is what installs it: the library is a direct dependency of the executable, so the
/// dynamic linker binds every `malloc` in the process to it. `statistics()` reads jemalloc's
/// own counters, which also shows whether it is the allocator in charge (they stay near zero
/// if glibc's `malloc` were serving the process instead).
enum Allocator {
    /// The allocator's name and version, as the daemon logs it when it starts.
    static var version: String {
        var pointer: UnsafePointer<CChar>?
        var size = MemoryLayout<UnsafePointer<CChar>?>.size
        guard mallctl("version", &pointer, &size, nil, 0) == 0, let pointer else { return "jemalloc (unknown version)" }
        return "jemalloc " + String(cString: pointer)
    }

    /// Bytes the process has allocated and not freed, and bytes of physical memory the
    /// allocator holds (allocated, plus its metadata and pages it keeps for reuse).
    struct Statistics: Sendable, Equatable {
        var allocated: Int
        var resident: Int
    }

    /// The allocator's current counters; nil if it cannot report them.
    static func statistics() -> Statistics? {
        // jemalloc caches its statistics; advancing the epoch refreshes them.
        var epoch: UInt64 = 1
        guard mallctl("epoch", nil, nil, &epoch, MemoryLayout<UInt64>.size) == 0,
            let allocated = sizeValue("stats.allocated"), let resident = sizeValue("stats.resident")
        else { return nil }
        return Statistics(allocated: allocated, resident: resident)
    }

    private static func sizeValue(_ name: String) -> Int? {
        var value = 0
        var size = MemoryLayout<Int>.size
        guard mallctl(name, &value, &size, nil, 0) == 0 else { return nil }
        return value
    }
}
