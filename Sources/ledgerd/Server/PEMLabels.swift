import Foundation

/// The labels of a file's PEM blocks (`-----BEGIN <label>-----`), to say what a wrong file
/// holds without showing any of it.
struct PEMLabels {
    let labels: [String]
    /// A traditional encrypted key: a `Proc-Type: 4,ENCRYPTED` header inside its block.
    let hasEncryptedHeader: Bool

    init(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        var labels: [String] = []
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("-----BEGIN "), trimmed.hasSuffix("-----"), trimmed.count > 16 else { continue }
            labels.append(String(trimmed.dropFirst(11).dropLast(5)))
        }
        self.labels = labels
        hasEncryptedHeader = text.contains("Proc-Type: 4,ENCRYPTED")
    }

    func contains(_ label: String) -> Bool { labels.contains(label) }
    var containsPrivateKey: Bool { labels.contains { $0.hasSuffix("PRIVATE KEY") } }
    var isEncrypted: Bool { hasEncryptedHeader || labels.contains("ENCRYPTED PRIVATE KEY") }

    /// "it holds CERTIFICATE, PRIVATE KEY" or "it holds no PEM block".
    var found: String {
        labels.isEmpty ? "it holds no PEM block" : "it holds \(labels.joined(separator: ", "))"
    }
}
