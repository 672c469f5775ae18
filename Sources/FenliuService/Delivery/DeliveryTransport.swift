/// Sends one HTTP POST and reports the status code. The production transport is our own HTTP client;
/// the protocol keeps the delivery logic testable and free of sockets.
public protocol DeliveryTransport: Sendable {
    func post(url: String, headers: [(String, String)], body: [UInt8], timeoutMilliseconds: Int) throws -> Int
}
