/// Pure selection math for Allot: pools, types, quotas, algorithms, lottery, draw protocol.
/// This module performs no I/O.
public enum SortitionModule {
    public static let name = "Sortition"
}
