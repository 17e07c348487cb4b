import Foundation
import Testing

/// What an operator's tools expect of the daemon: Prometheus metrics that `promtool` finds
/// clean, counting appends by any process and refusals by reason; a Grafana dashboard that
/// queries only metrics that exist; `/livez` and `/readyz` without a token.
@Suite struct OperationsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Scrapes until `ready` holds of the scrape (the daemon sees another process's append
    /// within milliseconds, but the test does not depend on how many).
    static func scrape(_ daemon: ServingDaemon, until ready: (MetricsScrape) -> Bool = { _ in true }) throws -> MetricsScrape {
        let deadline = Date().addingTimeInterval(60)
        while true {
            let reply = try daemon.request("GET", "/metrics", role: "integration")
            #expect(reply.status == 200 && reply.headers["content-type"]?.hasPrefix("text/plain; version=0.0.4") == true)
            let scrape = MetricsScrape(reply.text)
            if ready(scrape) || Date() > deadline { return scrape }
            usleep(20_000)
        }
    }

    /// The problem type's slug of a refused request.
    static func slug(_ reply: HTTPReply) -> String? {
        ((try? reply.json()) as? [String: Any])?["type"].flatMap { $0 as? String }.map { String($0.dropFirst("urn:ledgerd:problem:".count)) }
    }

    @Test func metricsFollowPrometheusConventionsAndCountWhatOperatorsWatch() throws {
        var r = Requests()
        let daemon = try ServingDaemon(lines: r.directory() + [r.caseOpened("c1")])
        let post = { (body: String) in try daemon.request("POST", "/streams/case-c1", role: "practitioner", body: body) }

        // Appends: one new (201), its retry (200: nothing appended, nothing refused).
        let consent = Requests.withoutStream(r.consent("c1"))
        #expect(try post(consent).status == 201)
        #expect(try post(consent).status == 200)
        // Refusals of several kinds, each answered with the problem type it is counted under.
        var refusals: [String: Int] = [:]
        for body in [
            "not json", "{}", Requests.withoutStream(r.consent("c1", expectedVersion: 0)),
            Requests.withoutStream(r.consent("c1")).replacingOccurrences(of: #""actor":"sw1""#, with: #""actor":"sw9""#),
            Requests.withoutStream(r.consent("c1", expectedVersion: 0)),
        ] {
            let reply = try post(body)
            #expect((400..<500).contains(reply.status), "\(body): \(reply.status) \(reply.text)")
            refusals[try #require(Self.slug(reply)), default: 0] += 1
        }
        #expect(refusals.count >= 3, "\(refusals)")
        // Another process appends: counted too, and the head gauge follows.
        let file = try daemon.directory.write("more.ndjson", [r.consent("c1"), r.consent("c1")])
        #expect(try LedgerdProcess.run(["append", "--data", daemon.data, file]).status == 0)
        // A live subscriber, and a path no route serves.
        var live = try LiveTailTests.subscribe(daemon, "?from=1")
        #expect(try LiveTailTests.ids(&live, count: 1) == [1])
        #expect(try daemon.request("GET", "/no-such-route", role: "integration").status == 404)

        let head = 4 + 1 + 2  // the seed, the HTTP append, the CLI's two
        let scrape = try Self.scrape(daemon) { $0.value("ledgerd_log_head_seq") == Double(head) }
        #expect(scrape.value("ledgerd_log_head_seq") == Double(head), "\(scrape.text)")
        #expect(scrape.value("ledgerd_appended_events_total") == 3, "appends by this daemon and by the CLI: \(scrape.text)")
        for (reason, count) in refusals {
            #expect(scrape.value(#"ledgerd_refused_appends_total{reason="\#(reason)"}"#) == Double(count), "\(reason): \(scrape.text)")
        }
        #expect(scrape.value(#"ledgerd_refused_appends_total{reason="overloaded"}"#) == 0, "every reason has a series from the start")
        #expect(scrape.value("ledgerd_live_subscribers") == 1)
        #expect(scrape.value("ledgerd_projection_lag_events") != nil && scrape.value("ledgerd_projection_checkpoint_seq") != nil)
        // Requests by route pattern and the status actually sent: a refusal is never a 200.
        #expect(scrape.value(#"http_requests_total{method="POST",route="/streams/{stream}",status="201"}"#) == 1, "\(scrape.text)")
        let conflicts = Double(refusals["version-conflict"] ?? 0)
        #expect(scrape.value(#"http_requests_total{method="POST",route="/streams/{stream}",status="409"}"#) == conflicts)
        #expect(scrape.value(#"http_requests_total{method="GET",route="NotFound",status="404"}"#) == 1, "\(scrape.text)")
        #expect(scrape.value(#"http_request_duration_seconds_count{method="POST",route="/streams/{stream}"}"#) == 7)

        // Conventions: every family has HELP, no Hummingbird metric without it, and promtool agrees.
        #expect(!scrape.text.contains("hb_"), "\(scrape.text)")
        #expect(Set(scrape.types.keys) == scrape.helped, "families without HELP: \(Set(scrape.types.keys).subtracting(scrape.helped))")
        let promtool = try scrape.promtool()
        #expect(promtool.status == 0 && promtool.output.isEmpty, "promtool check metrics:\n\(promtool.output)\n\(scrape.text)")

        // The dashboard queries only metrics the daemon serves (the witness gauge exists once
        // witnesses do: WitnessTests scrapes it).
        let dashboard = Self.root.appendingPathComponent("docs/grafana-dashboard.json")
        let queried = try MetricsScrape.dashboardMetrics(dashboard)
        #expect(queried.count >= 10, "\(queried)")
        let missing = queried.subtracting(scrape.types.keys).subtracting(["ledgerd_witness_lag_events"])
        #expect(missing.isEmpty, "the dashboard queries metrics the daemon does not serve: \(missing.sorted())")
        let queries = try MetricsScrape.promtoolCheckQueries(try MetricsScrape.dashboardExpressions(dashboard))
        #expect(queries.status == 0, "the dashboard's queries are not valid PromQL:\n\(queries.output)")
        live.connection.close()
    }

    @Test func probesNeedNoTokenAndReadinessWaitsForTheProjections() throws {
        var r = Requests()
        // The projections rest 3 s after each catch-up: long enough to see them behind.
        let pause = 3.0
        let daemon = try ServingDaemon(
            lines: r.directory() + [r.caseOpened("c1")], extraArguments: ["--ready-lag", "0", "--projection-pause", "\(Int(pause * 1000))"])
        let started = Date()
        let live = try daemon.request("GET", "/livez")
        #expect(live.status == 200 && live.text.contains(#""status":"live""#), "\(live.text)")
        #expect(try daemon.request("GET", "/readyz?x=1").status == 400, "probes take no parameters")

        // Another process appends while the follower rests: not ready until it has caught up.
        let file = try daemon.directory.write("more.ndjson", [r.consent("c1"), r.consent("c1")])
        #expect(try LedgerdProcess.run(["append", "--data", daemon.data, file]).status == 0)
        let early = try daemon.request("GET", "/readyz")
        if Date().timeIntervalSince(started) < pause * 0.8 {
            #expect(early.status == 503, "\(early.text)")
            #expect(early.contentType == "application/problem+json" && early.headers["retry-after"] == "1")
            let problem = try #require(try early.json() as? [String: Any])
            #expect(problem["type"] as? String == "urn:ledgerd:problem:not-ready")
            #expect(problem["headSeq"] as? Int == 6 && (problem["projectionSeq"] as? Int ?? 99) < 6, "\(problem)")
        }
        var ready = early
        let deadline = Date().addingTimeInterval(60)
        while ready.status != 200, Date() < deadline {
            usleep(50_000)
            ready = try daemon.request("GET", "/readyz")
        }
        #expect(ready.status == 200, "\(ready.text)")
        #expect(ready.text.trimmingCharacters(in: .newlines) == #"{"status":"ready","headSeq":6,"projectionSeq":6}"#, "\(ready.text)")
        #expect(try daemon.request("GET", "/livez").status == 200)
    }
}
