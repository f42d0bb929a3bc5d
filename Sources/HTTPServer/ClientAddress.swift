import CSystem
import Glibc

/// Works out who the client is when a reverse proxy sits in front: `X-Forwarded-For` is believed
/// only from the proxies named in the configuration, so nobody else can pick the address that rate
/// limits and logs see.
struct TrustedProxies: Sendable {
    /// Normalized addresses (`ClientAddress.normalize`).
    let addresses: Set<String>

    init(_ list: [String]) {
        addresses = Set(list.compactMap(ClientAddress.normalize))
    }

    var isEmpty: Bool { addresses.isEmpty }

    /// The client's address: the peer's own, unless the peer is a trusted proxy; then the
    /// `X-Forwarded-For` hops are walked from the right past trusted proxies, and the first
    /// address not trusted is the client. A malformed hop stops the walk at the last good one.
    func client(peer: String, forwardedFor: String?) -> String {
        guard addresses.contains(peer), let forwardedFor else { return peer }
        var client = peer
        for hop in forwardedFor.split(separator: ",").reversed() {
            guard let address = ClientAddress.normalize(hop.trimmingASCIISpaces()) else { break }
            client = address
            if !addresses.contains(address) { break }
        }
        return client
    }
}

/// Textual IP addresses in one canonical form, so `::ffff:10.0.0.1` and `10.0.0.1` are one client.
enum ClientAddress {
    /// Longest text accepted as an address (an IPv6 address is at most 45 characters).
    static let maxLength = 64

    /// The canonical text of an IPv4 or IPv6 address (IPv4-mapped IPv6 as plain IPv4), or nil.
    static func normalize<S: StringProtocol>(_ input: S) -> String? {
        guard !input.isEmpty, input.utf8.count <= maxLength else { return nil }
        var trimmed = String(input)
        if trimmed.hasPrefix("["), trimmed.hasSuffix("]") { trimmed = String(trimmed.dropFirst().dropLast()) }
        var v4 = in_addr()
        if inet_pton(AF_INET, trimmed, &v4) == 1 { return text(v4) }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, trimmed, &v6) == 1 { return text(v6) }
        return nil
    }

    static func text(_ address: in_addr) -> String {
        var address = address
        var buffer = [CChar](repeating: 0, count: Int(INET_ADDRSTRLEN))
        guard inet_ntop(AF_INET, &address, &buffer, socklen_t(buffer.count)) != nil else { return "?" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func text(_ address: in6_addr) -> String {
        var address = address
        // ::ffff:a.b.c.d, as a dual-stack socket reports IPv4 peers.
        let bytes = withUnsafeBytes(of: &address) { Array($0) }
        if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF {
            var v4 = in_addr()
            withUnsafeMutableBytes(of: &v4) { $0.copyBytes(from: bytes[12..<16]) }
            return text(v4)
        }
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        guard inet_ntop(AF_INET6, &address, &buffer, socklen_t(buffer.count)) != nil else { return "?" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The text of an accepted peer's address.
    static func text(_ storage: sockaddr_storage) -> String {
        var storage = storage
        switch Int32(storage.ss_family) {
        case AF_INET:
            return withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { text($0.pointee.sin_addr) }
            }
        case AF_INET6:
            return withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { text($0.pointee.sin6_addr) }
            }
        default:
            return "?"
        }
    }
}
