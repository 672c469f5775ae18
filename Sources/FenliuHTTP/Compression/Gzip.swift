import CZlib

public enum GzipError: Error, Equatable, Sendable {
    /// The decompressed data would exceed the limit; inflation stopped there.
    case tooLarge
    /// Not valid gzip data (or truncated).
    case corrupt
    /// zlib could not be initialised.
    case zlib(Int32)
}

/// gzip (RFC 1952) through zlib.
public enum Gzip {
    /// Compresses `input` as one gzip member.
    public static func compress(_ input: [UInt8], level: Int32 = 1) -> [UInt8] {
        var stream = z_stream()
        guard fenliu_deflate_init_gzip(&stream, level) == Z_OK else { return [] }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, uLong(input.count))) + 32
        var output = [UInt8](repeating: 0, count: bound)
        var input = input
        let produced: Int = input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                stream.next_in = inBuf.baseAddress
                stream.avail_in = uInt(inBuf.count)
                stream.next_out = outBuf.baseAddress
                stream.avail_out = uInt(outBuf.count)
                let rc = deflate(&stream, Z_FINISH)
                return rc == Z_STREAM_END ? Int(stream.total_out) : -1
            }
        }
        guard produced >= 0 else { return [] }
        output.removeSubrange(produced...)
        return output
    }

    /// Inflates gzip data, never producing more than `limit` bytes: a zip bomb costs at most
    /// `limit` bytes of output and the work to produce them.
    public static func decompress(_ input: [UInt8], limit: Int) -> Result<[UInt8], GzipError> {
        var stream = z_stream()
        let initRC = fenliu_inflate_init_gzip(&stream)
        guard initRC == Z_OK else { return .failure(.zlib(initRC)) }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var input = input
        return input.withUnsafeMutableBufferPointer { inBuf -> Result<[UInt8], GzipError> in
            stream.next_in = inBuf.baseAddress
            stream.avail_in = uInt(inBuf.count)
            while true {
                let (rc, produced) = chunk.withUnsafeMutableBufferPointer { outBuf -> (Int32, Int) in
                    // Never ask for more than one byte past the limit.
                    let room = min(outBuf.count, limit - output.count + 1)
                    stream.next_out = outBuf.baseAddress
                    stream.avail_out = uInt(room)
                    let rc = inflate(&stream, Z_NO_FLUSH)
                    return (rc, room - Int(stream.avail_out))
                }
                output.append(contentsOf: chunk[0..<produced])
                if output.count > limit { return .failure(.tooLarge) }
                switch rc {
                case Z_STREAM_END:
                    // Trailing bytes after the member (or a second member) are not accepted.
                    return stream.avail_in == 0 ? .success(output) : .failure(.corrupt)
                case Z_OK:
                    continue
                case Z_BUF_ERROR:
                    // No progress possible: input exhausted before the end of the stream.
                    if stream.avail_in == 0 || produced == 0 { return .failure(.corrupt) }
                    continue
                default:
                    return .failure(.corrupt)
                }
            }
        }
    }

    /// Whether an Accept-Encoding value allows gzip (q=0 refuses; `*` counts when gzip is not named).
    public static func accepts(_ acceptEncoding: String?) -> Bool {
        guard let acceptEncoding else { return false }
        var gzipQ: Double?
        var starQ: Double?
        for element in acceptEncoding.split(separator: ",") {
            let parts = element.split(separator: ";")
            guard let first = parts.first else { continue }
            let coding = first.trimmingASCIIWhitespace().lowercased()
            var q = 1.0
            for param in parts.dropFirst() {
                let p = param.trimmingASCIIWhitespace().lowercased()
                if p.hasPrefix("q=") { q = Double(p.dropFirst(2)) ?? 0 }
            }
            if coding == "gzip" || coding == "x-gzip" { gzipQ = max(gzipQ ?? 0, q) }
            else if coding == "*" { starQ = q }
        }
        if let gzipQ { return gzipQ > 0 }
        if let starQ { return starQ > 0 }
        return false
    }
}

extension Substring {
    func trimmingASCIIWhitespace() -> String {
        var s = self
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
