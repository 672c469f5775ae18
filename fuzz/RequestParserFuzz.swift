// libFuzzer entry point for the HTTP request parser. Built by scripts/fuzz straight from the parser's
// sources with swiftc (no package), because SwiftPM cannot link a fuzzer executable target.
// The property: any byte sequence, fed whole or split at any point, yields requests or a typed
// failure — never a crash, a hang or an out-of-bounds read (ASan).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRequestParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // The first byte picks where to split the input, so resumption at every boundary is exercised.
    let split = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
    var parser = HTTPRequestParser(maxHeaderBytes: 2048, maxBodyBytes: 4096)
    var events = 0
    for part in [Array(bytes[..<split]), Array(bytes[split...])] {
        parser.append(part)
        while events < 64 {
            events += 1
            switch parser.next() {
            case .needMore: break
            case .continueExpected: continue
            case .request(let request, _):
                precondition(request.body.count <= 4096, "body over the limit was accepted")
                continue
            case .failure: return 0
            }
            break
        }
    }
    return 0
}
