/// How many terminal columns text takes, and cutting or folding text to a number of columns.
///
/// Counted per grapheme (what a terminal draws as one glyph): East Asian wide and emoji
/// glyphs take two columns, combining marks and control characters none, everything else
/// one (so `…`, `→` and `⚠` take one, as terminals draw them).
enum DisplayWidth {
    static func of(_ text: String) -> Int {
        var width = 0
        for character in text { width += of(character) }
        return width
    }

    static func of(_ character: Character) -> Int {
        if character.isASCII {
            // A fast path for the common case; controls (tabs, escapes) take no column of their own.
            return character.asciiValue.map { $0 >= 0x20 && $0 != 0x7F ? 1 : 0 } ?? 1
        }
        guard let first = character.unicodeScalars.first else { return 0 }
        let properties = first.properties
        if properties.generalCategory == .control || properties.generalCategory == .format
            || properties.generalCategory == .nonspacingMark || properties.generalCategory == .enclosingMark
        {
            return 0
        }
        if character.unicodeScalars.contains(where: { $0.value == 0xFE0F }) { return 2 }  // emoji presentation
        return isWide(first.value) ? 2 : 1
    }

    /// East Asian Wide and Fullwidth blocks, and the emoji that terminals draw two columns wide.
    private static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0, 0x23F3, 0x25FD...0x25FE,
            0x2614...0x2615, 0x2648...0x2653, 0x267F, 0x2693, 0x26A1, 0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5,
            0x26CE, 0x26D4, 0x26EA, 0x26F2...0x26F3, 0x26F5, 0x26FA, 0x26FD, 0x2705, 0x270A...0x270B, 0x2728, 0x274C,
            0x274E, 0x2753...0x2755, 0x2757, 0x2795...0x2797, 0x27B0, 0x27BF, 0x2B1B...0x2B1C, 0x2B50, 0x2B55,
            0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F,
            0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
            0x16FE0...0x16FE4, 0x17000...0x18AFF, 0x1B000...0x1B2FF, 0x1F004, 0x1F0CF, 0x1F18E, 0x1F191...0x1F19A,
            0x1F200...0x1F251, 0x1F300...0x1F64F, 0x1F680...0x1F6FF, 0x1F7E0...0x1F7EB, 0x1F90C...0x1F9FF,
            0x1FA70...0x1FAFF, 0x20000...0x3FFFD:
            true
        default:
            false
        }
    }

    /// `text` if it fits in `width` columns, else its longest prefix that fits with `…` after it.
    static func truncate(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        var used = 0
        var end = text.startIndex
        // Where the text must be cut if it turns out not to fit: leaving a column for `…`.
        var cut: String.Index?
        for index in text.indices {
            let w = of(text[index])
            if cut == nil, used + w > width - 1 { cut = index }
            if used + w > width { return String(text[..<(cut ?? index)]) + "…" }
            used += w
            end = text.index(after: index)
        }
        return String(text[..<end])
    }

    /// `text` folded into lines of at most `width` columns: at spaces where it can be, mid-word
    /// only where one word is longer than a line.
    static func fold(_ text: String, to width: Int) -> [String] {
        guard width > 0 else { return [""] }
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        for piece in text.split(separator: " ", omittingEmptySubsequences: false) {
            var word = String(piece)
            var wordWidth = of(word)
            if lineWidth > 0, lineWidth + 1 + wordWidth <= width {
                line += " " + word
                lineWidth += 1 + wordWidth
                continue
            }
            if lineWidth > 0 || !line.isEmpty {
                lines.append(line)
                line = ""
                lineWidth = 0
            }
            while wordWidth > width {
                let (head, rest) = split(word, at: width)
                lines.append(head)
                word = rest
                wordWidth = of(word)
            }
            line = word
            lineWidth = wordWidth
        }
        lines.append(line)
        return lines
    }

    /// The longest prefix of `text` at most `width` columns (at least one glyph, so folding
    /// always progresses), and the rest.
    private static func split(_ text: String, at width: Int) -> (String, String) {
        var used = 0
        var index = text.startIndex
        while index < text.endIndex {
            let w = of(text[index])
            if used + w > width, index > text.startIndex { break }
            used += w
            index = text.index(after: index)
        }
        return (String(text[..<index]), String(text[index...]))
    }
}
