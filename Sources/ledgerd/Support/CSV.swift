import Foundation
import Projections

/// RFC 4180: CRLF line ends; a field with a comma, quote or line break is quoted, quotes doubled.
///
/// And safe to open in a spreadsheet: a cell that Excel or LibreOffice would run as a formula
/// (text starting with `=`, `+`, `-`, `@`, a tab or a carriage return) is written with a
/// leading apostrophe, as OWASP's CSV-injection guidance says. Its text comes from whoever
/// appended the event (an action's description, a reason), and the file is opened by a
/// manager: `=HYPERLINK(…)` in a description must not become a link that sends the sheet away.
/// Numbers (`-3`, `12.5`) are left as they are.
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
        let cell = runsAsFormula(value) ? "'" + value : value
        guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Whether a spreadsheet would take `value` as a formula (or a command) rather than text.
    static func runsAsFormula(_ value: String) -> Bool {
        guard let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return false }
        return Double(value) == nil || value.contains(where: { !($0.isASCII && ($0.isNumber || $0 == "." || $0 == "-" || $0 == "+")) })
    }
}
