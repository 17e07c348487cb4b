import Logging
import Synchronization
import Testing

@testable import ledgerd

/// `LogLineHandler`: one line per event, with the logger's, the provider's and the call's
/// metadata (the call's winning), keys sorted, values quoted where they would split a line.
@Suite struct LogLineHandlerTests {
    final class Lines: Sendable {
        let lines = Mutex<[String]>([])
        var all: [String] { lines.withLock { $0 } }
    }

    @Test func writesOneLinePerEventWithItsMetadata() throws {
        let sink = Lines()
        let provider = Logger.MetadataProvider { ["trace": "t-1"] }
        var handler = LogLineHandler(label: "ledgerd", level: .info) { line in sink.lines.withLock { $0.append(line) } }
        handler.metadataProvider = provider
        var logger = Logger(label: "ledgerd") { _ in handler }
        logger[metadataKey: "hb.request.id"] = "42"
        logger[metadataKey: "path"] = "/views/overdue"
        logger.debug("below the level: not written")
        logger.error("request failed", metadata: ["error": "disk full\nretry", "path": "/streams/case-c1"])

        let lines = sink.all
        try #require(lines.count == 1, "\(lines)")
        let line = lines[0]
        #expect(line.hasSuffix("\n") && line.dropLast().allSatisfy { !$0.isNewline }, "\(line)")
        let fields = line.dropLast().split(separator: " ", maxSplits: 3)
        #expect(fields.count == 4 && fields[0].hasSuffix("Z") && fields[1] == "error" && fields[2] == "ledgerd:", "\(line)")
        #expect(
            fields[3] == #"request failed error="disk full\nretry" hb.request.id=42 path=/streams/case-c1 trace=t-1"#,
            "\(line)")
    }

    @Test func quotesOnlyWhatWouldSplitALine() {
        #expect(LogLineHandler.quoted("plain") == "plain")
        #expect(LogLineHandler.quoted("") == #""""#)
        #expect(LogLineHandler.quoted("a b") == #""a b""#)
        #expect(LogLineHandler.quoted(#"say "hi""#) == #""say \"hi\"""#)
        #expect(LogLineHandler.quoted("k=v") == #""k=v""#)
    }
}
