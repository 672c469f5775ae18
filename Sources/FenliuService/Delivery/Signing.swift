import Crypto
import Foundation

/// HMAC-SHA256 signatures for what we send and what the 12345 hotline sends us.
public enum Signing {
    /// `sha256=<hex HMAC-SHA256 of timestamp + "." + body>`.
    public static func signature(secret: String, timestamp: String, body: [UInt8]) -> String {
        var message = Array(timestamp.utf8)
        message.append(UInt8(ascii: "."))
        message.append(contentsOf: body)
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Array(secret.utf8)))
        return "sha256=" + Hex.encode(mac)
    }

    /// Constant-time comparison of a presented signature with the expected one.
    public static func verify(secret: String, timestamp: String, body: [UInt8], presented: String) -> Bool {
        let expected = Array(signature(secret: secret, timestamp: timestamp, body: body).utf8)
        let given = Array(presented.trimmingCharacters(in: .whitespaces).lowercased().utf8)
        guard expected.count == given.count else { return false }
        var difference: UInt8 = 0
        for (a, b) in zip(expected, given) { difference |= a ^ b }
        return difference == 0
    }

    /// DingTalk robot signing: base64(HMAC-SHA256(secret, "<ms timestamp>\n<secret>")), URL-encoded,
    /// appended as `&timestamp=…&sign=…`.
    public static func dingTalkURL(_ url: String, secret: String, timestampMilliseconds: Int64) -> String {
        let message = Array("\(timestampMilliseconds)\n\(secret)".utf8)
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Array(secret.utf8)))
        let sign = Data(mac).base64EncodedString()
            .addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        let separator = url.contains("?") ? "&" : "?"
        return "\(url)\(separator)timestamp=\(timestampMilliseconds)&sign=\(sign)"
    }
}
