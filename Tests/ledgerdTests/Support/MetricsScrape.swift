import Foundation
import Testing

/// A `/metrics` scrape, parsed: the metric families with their TYPE and HELP, and each
/// series' value keyed by its line's name and labels as written.
struct MetricsScrape {
    let text: String
    /// Family name → TYPE (counter, gauge, histogram).
    private(set) var types: [String: String] = [:]
    /// Family names that have a HELP line.
    private(set) var helped: Set<String> = []
    /// `name{labels}` (as written) → value.
    private(set) var values: [String: Double] = [:]

    init(_ text: String) {
        self.text = text
        for line in text.split(separator: "\n") {
            let words = line.split(separator: " ", maxSplits: 3)
            if line.hasPrefix("# TYPE "), words.count >= 4 {
                types[String(words[2])] = String(words[3])
            } else if line.hasPrefix("# HELP "), words.count >= 4 {
                helped.insert(String(words[2]))
            } else if !line.hasPrefix("#"), let space = line.lastIndex(of: " ") {
                values[String(line[..<space])] = Double(line[line.index(after: space)...])
            }
        }
    }

    func value(_ series: String) -> Double? { values[series] }

    /// `promtool check metrics` on this scrape: its complaints (empty when clean) and exit status.
    func promtool() throws -> (status: Int32, output: String) {
        let path = try #require(Self.promtoolPath, "promtool is not installed: scripts/bootstrap installs Debian's prometheus package")
        let file = NSTemporaryDirectory() + "ledgerd-scrape-" + UUID().uuidString + ".txt"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        return try LedgerdProcess.shellOutput("sh", ["-c", "\"$0\" check metrics < \"$1\"", path, file])
    }

    static let promtoolPath: String? = ["/usr/bin/promtool", "/usr/local/bin/promtool"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// A Grafana dashboard's PromQL queries (every `expr`), in no particular order.
    static func dashboardExpressions(_ dashboard: URL) throws -> [String] {
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: dashboard))
        var expressions: [String] = []
        func collect(_ value: Any) {
            if let object = value as? [String: Any] {
                for (key, member) in object {
                    if key == "expr", let text = member as? String { expressions.append(text) } else { collect(member) }
                }
            } else if let array = value as? [Any] {
                array.forEach(collect)
            }
        }
        collect(json)
        return expressions
    }

    /// `promtool check rules` on `expressions` as recording rules: PromQL that parses, with
    /// Grafana's variables given values first.
    static func promtoolCheckQueries(_ expressions: [String]) throws -> (status: Int32, output: String) {
        let path = try #require(promtoolPath, "promtool is not installed: scripts/bootstrap installs Debian's prometheus package")
        var rules = "groups:\n- name: dashboard\n  rules:\n"
        for (index, expression) in expressions.enumerated() {
            let concrete = expression.replacingOccurrences(of: "$__rate_interval", with: "5m").replacingOccurrences(of: "$instance", with: ".*")
            let encoded = try JSONSerialization.data(withJSONObject: concrete, options: [.fragmentsAllowed, .withoutEscapingSlashes])
            let quoted = String(decoding: encoded, as: UTF8.self)
            rules += "  - record: dashboard:query\(index)\n    expr: \(quoted)\n"
        }
        let file = NSTemporaryDirectory() + "ledgerd-rules-" + UUID().uuidString + ".yml"
        try rules.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        return try LedgerdProcess.shellOutput(path, ["check", "rules", file])
    }

    /// The metric names a Grafana dashboard's queries use (`ledgerd_…`, `http_…`), with a
    /// histogram's `_bucket`, `_sum` and `_count` series named by their family.
    static func dashboardMetrics(_ dashboard: URL) throws -> Set<String> {
        let expressions = try dashboardExpressions(dashboard)
        let pattern = try NSRegularExpression(pattern: #"\b(ledgerd_|http_)[a-z0-9_]+"#)
        var names: Set<String> = []
        for expression in expressions {
            for match in pattern.matches(in: expression, range: NSRange(expression.startIndex..., in: expression)) {
                guard let range = Range(match.range, in: expression) else { continue }
                var name = String(expression[range])
                for suffix in ["_bucket", "_sum", "_count"] where name.hasSuffix(suffix) { name = String(name.dropLast(suffix.count)) }
                names.insert(name)
            }
        }
        return names
    }
}
