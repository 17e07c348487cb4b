/// The few SGR styles tables use; each `apply` resets what it set, so styles never leak
/// into the next cell, the footer or the user's prompt.
enum ANSIStyle: String {
    case bold = "1"
    case dim = "2"

    func apply(_ text: String, when enabled: Bool) -> String {
        guard enabled, !text.isEmpty else { return text }
        return "\u{1B}[\(rawValue)m\(text)\u{1B}[0m"
    }

    /// `text` without SGR sequences (`ESC [ … m`): what its width is measured on.
    static func strip(_ text: String) -> String {
        var out = ""
        var inEscape = false
        var sawBracket = false
        for scalar in text.unicodeScalars {
            if inEscape {
                if !sawBracket {
                    sawBracket = scalar == "["
                    if !sawBracket { inEscape = false }
                } else if (0x40...0x7E).contains(scalar.value) {
                    inEscape = false
                }
                continue
            }
            if scalar == "\u{1B}" {
                inEscape = true
                sawBracket = false
                continue
            }
            out.unicodeScalars.append(scalar)
        }
        return out
    }
}
