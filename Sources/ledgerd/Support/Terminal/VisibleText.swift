/// Text from the ledger made safe to print in a table: control characters shown, not obeyed.
///
/// An event's free text (an action's description, a reason) is whatever its author typed,
/// and JSON lets it carry any control character. Printed raw, an escape sequence in it would
/// drive the reader's terminal (clear the screen, retitle the window, hide what follows) and a
/// line break would split a table's row in two, and a bidirectional override would show a
/// row's cells in another order than they are. So each C0 control and DEL is shown as its
/// Unicode control picture (ESC as ␛, a line feed as ␊), the line and paragraph separators as
/// ␤, and each C1 control and bidirectional embedding, override or isolate as �. JSON and CSV
/// still carry the text exactly.
enum VisibleText {
    static func of(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var shown = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x00..<0x20: shown.append(Unicode.Scalar(0x2400 + scalar.value) ?? "\u{FFFD}")
            case 0x7F: shown.append("\u{2421}")
            case 0x80..<0xA0, 0x202A...0x202E, 0x2066...0x2069: shown.append("\u{FFFD}")
            case 0x2028, 0x2029: shown.append("\u{2424}")
            default: shown.append(scalar)
            }
        }
        return String(shown)
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x20, 0x7F..<0xA0, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
