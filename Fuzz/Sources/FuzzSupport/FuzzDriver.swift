#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The entry point of every fuzz executable. Built with `-DFUZZING` (and
/// `-sanitize=fuzzer`), it hands `body` to libFuzzer; otherwise it replays the files named on
/// the command line through `body` — the crash reproducer (`swift run <Target> crash-<sha>`).
/// (SwiftPM's `--defsym main=…` rules out `-parse-as-library`, so each target's main.swift
/// calls this; see TOOLCHAIN.md.)
public func fuzzMain(_ name: String, _ body: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> Never {
    #if FUZZING
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, body))
    #else
    var replayed = 0
    for path in CommandLine.arguments.dropFirst() {
        guard let f = fopen(path, "rb") else {
            print("\(name): cannot open \(path)")
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
            body(buf.baseAddress ?? UnsafePointer(bitPattern: 1)!, buf.count)
        }
        replayed += 1
    }
    print("\(name): replayed \(replayed) input(s) without a crash")
    exit(0)
    #endif
}

#if FUZZING
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt
#endif
