/// The application layer: use cases, storage, file formats, API routes.
public enum AllotModule {
    public static let version = "0.1.0"
}
