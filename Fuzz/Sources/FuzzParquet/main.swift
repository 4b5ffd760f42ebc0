#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

#if FUZZING
// libFuzzer drives fuzzOne (TOOLCHAIN.md: SwiftPM's --defsym main=... rules out
// -parse-as-library, so main.swift calls the driver itself).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt
var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzOne(data, size) })
#else
// Without -DFUZZING: replay the files named on the command line (a crash reproducer:
// `swift run FuzzParquet crash-<sha>`), one fuzzOne call each.
var replayed = 0
for path in CommandLine.arguments.dropFirst() {
    guard let f = fopen(path, "rb") else {
        print("FuzzParquet: cannot open \(path)")
        exit(2)
    }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let n = fread(&chunk, 1, chunk.count, f)
        if n <= 0 { break }
        bytes.append(contentsOf: chunk[0..<n])
    }
    fclose(f)
    _ = bytes.withUnsafeBufferPointer { buf in
        fuzzOne(buf.baseAddress ?? UnsafePointer(bitPattern: 1)!, buf.count)
    }
    replayed += 1
}
print("FuzzParquet: replayed \(replayed) input(s) without a crash")
#endif
