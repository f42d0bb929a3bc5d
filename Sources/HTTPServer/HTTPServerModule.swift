/// HTTP/1.1 over POSIX sockets. No domain knowledge lives here.
public enum HTTPServerModule {
    public static let name = "HTTPServer"
}
