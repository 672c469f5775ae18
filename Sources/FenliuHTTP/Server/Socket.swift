#if canImport(Glibc)
import Glibc
#endif
import CSocket

/// A failed system call, with errno and its text captured at the failing call.
public struct SocketError: Error, CustomStringConvertible, Sendable, Equatable {
    public let call: String
    public let errno: Int32
    public let message: String

    public init(call: String, errno: Int32) {
        self.call = call
        self.errno = errno
        self.message = String(cString: strerror(errno))
    }

    /// Captures the current errno for `call`.
    static func last(_ call: String) -> SocketError { SocketError(call: call, errno: fenliu_errno()) }

    public var description: String { "\(call) failed: \(message) (errno \(errno))" }
}

enum Sockets {
    /// Fills a sockaddr for `host:port` (IPv4 or IPv6 literal, or "localhost").
    static func address(host: String, port: Int) throws -> (sockaddr_storage, socklen_t) {
        var storage = sockaddr_storage()
        let h = host == "localhost" ? "127.0.0.1" : host
        var v4 = in_addr()
        if inet_pton(AF_INET, h, &v4) == 1 {
            let len = withUnsafeMutablePointer(to: &storage) { p -> socklen_t in
                p.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { sin in
                    sin.pointee.sin_family = sa_family_t(AF_INET)
                    sin.pointee.sin_port = in_port_t(UInt16(truncatingIfNeeded: port).bigEndian)
                    sin.pointee.sin_addr = v4
                }
                return socklen_t(MemoryLayout<sockaddr_in>.size)
            }
            return (storage, len)
        }
        var v6 = in6_addr()
        let h6 = h.hasPrefix("[") && h.hasSuffix("]") ? String(h.dropFirst().dropLast()) : h
        if inet_pton(AF_INET6, h6, &v6) == 1 {
            let len = withUnsafeMutablePointer(to: &storage) { p -> socklen_t in
                p.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { sin in
                    sin.pointee.sin6_family = sa_family_t(AF_INET6)
                    sin.pointee.sin6_port = in_port_t(UInt16(truncatingIfNeeded: port).bigEndian)
                    sin.pointee.sin6_addr = v6
                }
                return socklen_t(MemoryLayout<sockaddr_in6>.size)
            }
            return (storage, len)
        }
        throw SocketError(call: "inet_pton(\(host))", errno: EINVAL)
    }

    /// Resolves a host name (or literal) to its first IPv4/IPv6 address.
    static func resolve(host: String, port: Int) throws -> (sockaddr_storage, socklen_t) {
        if let literal = try? address(host: host, port: port) { return literal }
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var result: UnsafeMutablePointer<addrinfo>?
        let rc = getaddrinfo(host, String(port), &hints, &result)
        guard rc == 0, let first = result else {
            throw SocketError(call: "getaddrinfo(\(host))", errno: rc == EAI_SYSTEM ? fenliu_errno() : ENOENT)
        }
        defer { freeaddrinfo(result) }
        var storage = sockaddr_storage()
        let len = first.pointee.ai_addrlen
        withUnsafeMutableBytes(of: &storage) { dst in
            dst.copyMemory(from: UnsafeRawBufferPointer(start: first.pointee.ai_addr, count: Int(len)))
        }
        return (storage, len)
    }

    /// A non-blocking listening socket; returns the fd and the bound port.
    static func listen(host: String, port: Int, backlog: Int32 = 1024) throws -> (Int32, Int) {
        var (storage, len) = try address(host: host, port: port)
        let fd = fenliu_socket_tcp_nonblocking(Int32(storage.ss_family))
        guard fd >= 0 else { throw SocketError.last("socket") }
        guard fenliu_set_reuseaddr(fd) == 0 else { let e = SocketError.last("setsockopt(SO_REUSEADDR)"); close(fd); throw e }
        let bound = withUnsafePointer(to: &storage) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) }
        }
        guard bound == 0 else { let e = SocketError.last("bind(\(host):\(port))"); close(fd); throw e }
        guard Glibc.listen(fd, backlog) == 0 else { let e = SocketError.last("listen"); close(fd); throw e }
        var actual = sockaddr_storage()
        var actualLen = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let got = withUnsafeMutablePointer(to: &actual) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &actualLen) }
        }
        guard got == 0 else { let e = SocketError.last("getsockname"); close(fd); throw e }
        return (fd, portOf(actual))
    }

    static func portOf(_ s: sockaddr_storage) -> Int {
        var s = s
        let family = Int32(s.ss_family)
        return withUnsafePointer(to: &s) { p in
            if family == AF_INET6 {
                return p.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin6_port)) }
            }
            return p.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin_port)) }
        }
    }

    /// "ip:port" ("[ip]:port" for IPv6).
    static func describe(_ s: sockaddr_storage) -> String {
        var s = s
        var text = [CChar](repeating: 0, count: 64)
        let port = portOf(s)
        let family = Int32(s.ss_family)
        return withUnsafePointer(to: &s) { p -> String in
            if family == AF_INET6 {
                return p.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { sin -> String in
                    var a = sin.pointee.sin6_addr
                    inet_ntop(AF_INET6, &a, &text, socklen_t(text.count))
                    return "[" + String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) + "]:\(port)"
                }
            }
            if family == AF_INET {
                return p.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { sin -> String in
                    var a = sin.pointee.sin_addr
                    inet_ntop(AF_INET, &a, &text, socklen_t(text.count))
                    return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) + ":\(port)"
                }
            }
            return "unknown"
        }
    }
}

/// IMF-fixdate for the Date header.
enum HTTPDate {
    static func format(_ t: time_t) -> [UInt8] {
        var t = t
        var tm = Glibc.tm()
        gmtime_r(&t, &tm)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let s = "\(days[Int(tm.tm_wday)]), \(two(tm.tm_mday)) \(months[Int(tm.tm_mon)]) \(tm.tm_year + 1900) "
            + "\(two(tm.tm_hour)):\(two(tm.tm_min)):\(two(tm.tm_sec)) GMT"
        return Array(s.utf8)
    }
}

/// Request ids: echo a sane client id, otherwise generate one.
enum RequestID {
    static func isSane(_ id: String) -> Bool {
        let u = id.utf8
        guard u.count >= 1 && u.count <= 128 else { return false }
        return u.allSatisfy { c in
            (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 46 || c == 95 || c == 58 || c == 45
        }
    }

    static func generate() -> String {
        let hex = Array("0123456789abcdef".utf8)
        let random = RandomBytes.take(10)
        var out = [UInt8](repeating: 0, count: 20)
        for (i, b) in random.enumerated() {
            out[2 * i] = hex[Int(b >> 4)]
            out[2 * i + 1] = hex[Int(b & 15)]
        }
        return String(decoding: out, as: UTF8.self)
    }
}
