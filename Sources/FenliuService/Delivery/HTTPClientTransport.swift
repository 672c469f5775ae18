import FenliuHTTP

/// Deliveries over our own HTTP/1.1 client (no FoundationNetworking), keeping connections alive per destination.
public struct HTTPClientTransport: DeliveryTransport {
    let client: HTTPClient

    public init(connectTimeoutMilliseconds: Int) {
        client = HTTPClient(connectTimeout: .milliseconds(connectTimeoutMilliseconds), maxIdleConnectionsPerHost: 4,
                            maxResponseBodyBytes: 64 * 1024)
    }

    public func post(url: String, headers: [(String, String)], body: [UInt8], timeoutMilliseconds: Int) throws -> Int {
        try client.send(method: .post, url: url, headers: HTTPHeaders(headers), body: body,
                        timeout: .milliseconds(timeoutMilliseconds)).status
    }
}
