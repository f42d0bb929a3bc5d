/// Hard limits on what a client may send; each one is answered with its own status.
public struct HTTPLimits: Sendable, Equatable {
    /// Longest request line accepted (414 beyond). 8 KiB is what common servers allow for URLs.
    public var maxRequestLineLength = 8 * 1024
    /// Largest header section accepted (431 beyond). 32 KiB holds any legitimate cookie jar.
    public var maxHeaderBytes = 32 * 1024
    /// Most header fields accepted (431 beyond). Browsers send about 20.
    public var maxHeaderCount = 100
    /// Default largest request body (413 beyond); routes may set their own.
    public var maxBodySize = 1 << 20

    public init() {}
}
