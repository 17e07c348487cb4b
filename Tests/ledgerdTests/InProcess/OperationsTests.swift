import Foundation
import Testing

@testable import ledgerd

/// What an operator's tools expect of the daemon: Prometheus metrics that `promtool` finds
/// clean, counting appends by any process and refusals by reason; a Grafana dashboard that
/// queries only metrics that exist; `/livez` and `/readyz` without a token.
@Suite struct OperationsTests {
    /// Scrapes until `ready` holds of the scrape (the daemon sees another process's append
    /// within milliseconds, but the test does not depend on how many).
    static func scrape(_ api: LedgerClient, until ready: (MetricsScrape) -> Bool = { _ in true }) async throws -> MetricsScrape {
        let deadline = Date().addingTimeInterval(60)
        while true {
            let reply = try await api.get("/metrics", as: .integration)
            #expect(reply.status == 200 && reply.headers["content-type"]?.hasPrefix("text/plain; version=0.0.4") == true)
            let scrape = MetricsScrape(reply.text)
            if ready(scrape) || Date() > deadline { return scrape }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    @Test func metricsFollowPrometheusConventionsAndCountWhatOperatorsWatch() async throws {
        var r = Requests()
        let ledger = try InProcessLedger(lines: r.directory() + [r.caseOpened("c1")])
        let file = ledger.directory + "/more.ndjson"
        let data = ledger.data
        try await ledger.serve { [r] api in
            var r = r
            // Appends: one new (201), its retry (200: nothing appended, nothing refused).
            let consent = Requests.withoutStream(r.consent("c1"))
            #expect(try await api.post("/streams/case-c1", as: .practitioner, body: consent).status == 201)
            #expect(try await api.post("/streams/case-c1", as: .practitioner, body: consent).status == 200)
            // Refusals of several kinds, each answered with the problem type it is counted under.
            var refusals: [String: Int] = [:]
            for body in [
                "not json", "{}", Requests.withoutStream(r.consent("c1", expectedVersion: 0)),
                Requests.withoutStream(r.consent("c1", actor: "sw9")),
                Requests.withoutStream(r.consent("c1", expectedVersion: 0)),
            ] {
                let reply = try await api.post("/streams/case-c1", as: .practitioner, body: body)
                #expect((400..<500).contains(reply.status), "\(body): \(reply.status) \(reply.text)")
                refusals[try #require(try ProblemDetails.of(reply).slug), default: 0] += 1
            }
            #expect(refusals.count >= 3, "\(refusals)")
            // Another process appends: counted too, and the head gauge follows.
            try ([r.consent("c1"), r.consent("c1")].joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
            #expect(try LedgerdProcess.run(["append", "--data", data, file]).status == 0)
            #expect(try await api.get("/no-such-route", as: .integration).status == 404)

            let head = 4 + 1 + 2  // the seed, the HTTP append, the CLI's two
            let scrape = try await Self.scrape(api) { $0.value("ledgerd_log_head_seq") == Double(head) }
            #expect(scrape.value("ledgerd_log_head_seq") == Double(head), "\(scrape.text)")
            #expect(scrape.value("ledgerd_appended_events_total") == 3, "appends by this daemon and by the CLI: \(scrape.text)")
            for (reason, count) in refusals {
                #expect(scrape.value(#"ledgerd_refused_appends_total{reason="\#(reason)"}"#) == Double(count), "\(reason): \(scrape.text)")
            }
            #expect(scrape.value(#"ledgerd_refused_appends_total{reason="overloaded"}"#) == 0, "every reason has a series from the start")
            #expect(scrape.value("ledgerd_live_subscribers") == 0)
            #expect(scrape.value("ledgerd_projection_lag_events") != nil && scrape.value("ledgerd_projection_checkpoint_seq") != nil)
            // The heap is jemalloc's (this process's, here): its counters see real allocations.
            #expect((scrape.value("ledgerd_heap_allocated_bytes") ?? 0) > 1_000_000, "\(scrape.text)")
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
            let dashboard = ViewSchemaTests.root.appendingPathComponent("docs/grafana-dashboard.json")
            let queried = try MetricsScrape.dashboardMetrics(dashboard)
            #expect(queried.count >= 10, "\(queried)")
            let missing = queried.subtracting(scrape.types.keys).subtracting(["ledgerd_witness_lag_events"])
            #expect(missing.isEmpty, "the dashboard queries metrics the daemon does not serve: \(missing.sorted())")
            let queries = try MetricsScrape.promtoolCheckQueries(try MetricsScrape.dashboardExpressions(dashboard))
            #expect(queries.status == 0, "the dashboard's queries are not valid PromQL:\n\(queries.output)")
        }
    }

    @Test func probesNeedNoTokenAndReadinessWaitsForTheProjections() async throws {
        var r = Requests()
        // The projections rest 3 s after each catch-up: long enough to see them behind.
        let pause = 3.0
        var configuration = LedgerServer.Configuration()
        configuration.readyLag = 0
        configuration.projectionPause = .seconds(pause)
        let ledger = try InProcessLedger(lines: r.directory() + [r.caseOpened("c1")], configuration: configuration)
        let file = ledger.directory + "/more.ndjson"
        try ([r.consent("c1"), r.consent("c1")].joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let data = ledger.data
        try await ledger.serve { api in
            let started = Date()
            let live = try await api.get("/livez")
            #expect(live.status == 200 && live.text.contains(#""status":"live""#), "\(live.text)")
            #expect(try await api.get("/readyz?x=1").status == 400, "probes take no parameters")

            // Another process appends while the follower rests: not ready until it has caught up.
            #expect(try LedgerdProcess.run(["append", "--data", data, file]).status == 0)
            let early = try await api.get("/readyz")
            if Date().timeIntervalSince(started) < pause * 0.8 {
                #expect(early.status == 503 && early.headers["retry-after"] == "1", "\(early.text)")
                let problem = try ProblemDetails.of(early)
                #expect(problem.slug == "not-ready")
                #expect(problem["headSeq"] as? Int == 6 && (problem["projectionSeq"] as? Int ?? 99) < 6, "\(problem.object)")
            }
            var ready = early
            let deadline = Date().addingTimeInterval(60)
            while ready.status != 200, Date() < deadline {
                try await Task.sleep(for: .milliseconds(50))
                ready = try await api.get("/readyz")
            }
            #expect(ready.text.trimmingCharacters(in: .newlines) == #"{"status":"ready","headSeq":6,"projectionSeq":6}"#, "\(ready.text)")
            #expect(try await api.get("/livez").status == 200)
        }
    }
}
