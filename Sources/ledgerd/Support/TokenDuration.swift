import ArgumentParser

/// A token's lifetime as `token add --expires-in` takes it: a whole number and a unit, `s`,
/// `m` (minutes), `h`, `d` or `w`, e.g. `90m`, `12h`, `30d`; at most ten years.
struct TokenDuration: ExpressibleByArgument, Sendable {
    let microseconds: Int64

    static let maximumSeconds: Int64 = 3_653 * 86_400

    init?(argument: String) {
        guard let unit = argument.last, let number = Int64(argument.dropLast()), number > 0, number <= Self.maximumSeconds else {
            return nil
        }
        let seconds: Int64
        switch unit {
        case "s": seconds = number
        case "m": seconds = number * 60
        case "h": seconds = number * 3_600
        case "d": seconds = number * 86_400
        case "w": seconds = number * 604_800
        default: return nil
        }
        guard seconds <= Self.maximumSeconds else { return nil }
        microseconds = seconds * 1_000_000
    }

    static var defaultValueDescription: String { "never" }
}
