import Foundation
import Testing

/// `serve --max-response-memory`: large answers that slow clients have not read hold memory
/// only up to a budget. Past it a large answer is refused with 503 `answers-busy` before its
/// disclosure is recorded; small answers go on; reading (or dropping) the slow answer gives
/// its memory back.
@Suite struct ResponseMemoryTests {
    @Test func slowClientsHoldAnswersOnlyUpToTheBudget() throws {
        let demo = try LedgerdProcess.run(["demo", "--cases", "800", "--seed", "7"])
        try #require(demo.status == 0, "\(demo.stderr)")
        let lines = demo.stdout.split(separator: "\n").map(String.init)
        // A page of 10,000 events is ~6 MB: more than loopback's socket buffers take, so most
        // of it stays in the daemon while its client does not read.
        let daemon = try ServingDaemon(lines: lines, extraArguments: ["--max-response-bytes", "4000000"])
        let page = "/events?limit=10000"
        let auditor = daemon.token("auditor")
        func held() throws -> Double {
            let scrape = MetricsScrape(try daemon.request("GET", "/metrics", role: "integration").text)
            return try #require(scrape.value("ledgerd_http_response_bytes_held"))
        }

        let slow = try HTTPConnection(port: daemon.port, receiveBuffer: 4096)
        try slow.send("GET", page, headers: [("Authorization", "Bearer \(auditor)")])
        #expect(try slow.readHead(deadline: Date().addingTimeInterval(20)).status == 200)
        let deadline = Date().addingTimeInterval(20)
        while try held() == 0, Date() < deadline { usleep(50_000) }
        #expect(try held() > 1_000_000, "the slow answer's bytes are counted while its client does not read")

        let trailBefore = try daemon.trail().count
        let refused = try daemon.request("GET", page, role: "auditor")
        #expect(refused.status == 503, "\(refused.text)")
        #expect(refused.headers["retry-after"] == "5")
        #expect(refused.text.contains("urn:ledgerd:problem:answers-busy"), "\(refused.text)")
        #expect(refused.text.contains("--max-response-memory"), "\(refused.text)")
        #expect(try daemon.trail().count == trailBefore, "a refused answer was recorded as disclosed")
        #expect(try daemon.request("GET", "/events?limit=10", role: "auditor").status == 200, "small answers go on")

        slow.close()
        let released = Date().addingTimeInterval(20)
        while try held() > 0, Date() < released { usleep(50_000) }
        #expect(try held() == 0, "a dropped connection gives its answer's memory back")
        let answered = try daemon.request("GET", page, role: "auditor")
        #expect(answered.status == 200)
        #expect(answered.text.hasPrefix("[{"), "\(answered.text.prefix(80))")
    }
}
