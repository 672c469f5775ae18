import CSocket
import Glibc
import Synchronization

/// Random bytes from the kernel's CSPRNG, fetched 4 KiB per getrandom(2) and handed out from a buffer: request ids
/// and row ids need a few random bytes each, and `SystemRandomNumberGenerator` makes one syscall per 8 bytes.
public enum RandomBytes {
    private static let pool = Mutex(Pool())

    private struct Pool {
        var buffer = [UInt8](repeating: 0, count: 4096)
        var position = 4096

        mutating func take(_ count: Int, into out: inout [UInt8]) {
            var needed = count
            while needed > 0 {
                if position == buffer.count { refill() }
                let n = min(needed, buffer.count - position)
                out.append(contentsOf: buffer[position..<(position + n)])
                // Handed-out bytes are not kept around in the buffer.
                for i in position..<(position + n) { buffer[i] = 0 }
                position += n
                needed -= n
            }
        }

        mutating func refill() {
            var filled = 0
            buffer.withUnsafeMutableBytes { raw in
                while filled < raw.count {
                    let n = fenliu_getrandom(raw.baseAddress! + filled, UInt(raw.count - filled))
                    if n > 0 { filled += n } else if errno != EINTR { break }
                }
            }
            if filled < buffer.count {
                // getrandom cannot fail once the kernel's pool is initialised; fall back rather than hand out zeros.
                var generator = SystemRandomNumberGenerator()
                for i in filled..<buffer.count { buffer[i] = UInt8.random(in: .min ... .max, using: &generator) }
            }
            position = 0
        }
    }

    /// `count` random bytes.
    public static func take(_ count: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(count)
        pool.withLock { $0.take(count, into: &out) }
        return out
    }
}
