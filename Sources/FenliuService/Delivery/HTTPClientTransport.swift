import FenliuHTTP

/// Deliveries over our own HTTP/1.1 client (no FoundationNetworking).
public struct HTTPClientTransport: DeliveryTransport {
    let connectTimeoutMilliseconds: Int

    public init(connectTimeoutMilliseconds: Int) {
        self.connectTimeoutMilliseconds = connectTimeoutMilliseconds
    }

    public func post(url: String, headers: [(String, String)], body: [UInt8], timeoutMilliseconds: Int) throws -> Int {
        throw TransportUnavailable()
    }

    struct TransportUnavailable: Error {}
}
