import Foundation

// libFuzzer's driver, called from this program's own main: SwiftPM links an executable's entry
// point under its own name, so libFuzzer's `main` cannot be the program's.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

// `LEDGER_FUZZ=list`: the targets, one a line (what `Fuzz/run all` runs).
if ProcessInfo.processInfo.environment["LEDGER_FUZZ"] == "list" {
    print(FuzzTarget.allCases.map(\.rawValue).joined(separator: "\n"))
    exit(0)
}

let target: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["LEDGER_FUZZ"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
        FileHandle.standardError.write(Data("LEDGER_FUZZ must name a target: \(names)\n".utf8))
        exit(64)
    }
    return target
}()

var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv
exit(
    runFuzzerDriver(&argc, &argv) { data, size in
        target.run(UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : size))
        return 0
    })
