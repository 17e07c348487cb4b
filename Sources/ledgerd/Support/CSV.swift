import Foundation
import Projections

/// RFC 4180: CRLF line ends; a field with a comma, quote or line break is quoted, quotes doubled.
enum CSV {
    static func render(header: [String], rows: [[String]]) -> String {
        ([header] + rows).map { row in row.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r"
    }

    /// A view for a spreadsheet: its readable headers, one value per cell (a person's name and
    /// ID in two columns). The CLI's `--format csv` and the daemon's `format=csv` alike.
    static func render(_ view: some ViewOutput) -> String {
        render(header: view.csvHeader, rows: view.csvRows)
    }

    static func field(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
