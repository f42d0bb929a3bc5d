import Foundation

/// Census shares per attribute value (`config/targets/*.json`), each with its status and source.
/// A value counts as having a figure only when it has a share and its status does not mark it as a
/// placeholder: Allot never derives seats from an invented share.
public struct TargetsFile: Sendable, Equatable {
    /// One value's figure: a share, or bounds on it where the census allows no exact one (the adult age
    /// bands: `share` is the lower bound in the file and `shareUpper` the upper).
    public struct Figure: Sendable, Equatable {
        /// The share to compare with: the figure, or the middle of its bounds.
        public var share: Double { (range.lowerBound + range.upperBound) / 2 }
        /// The bounds known of the share (one point when the figure is exact).
        public var range: ClosedRange<Double>
        public var status: String?
        public var source: String?
    }

    public var path: String
    /// attribute → value → figure (only values with a usable figure).
    public var figures: [String: [String: Figure]]
    /// attribute → why its values have no usable figure (the file's note, or "placeholder").
    public var gaps: [String: String]

    /// Status text that marks a share as not a real figure.
    static let placeholderMarker = "PLACEHOLDER"

    /// Reads the file at `path`; the shipped targets' path, when no such file is here (the binary run
    /// outside the repository), reads the compiled-in copy and says so in `path`.
    public static func load(path given: String) throws(EventError) -> TargetsFile {
        // An event made with the compiled-in copy names it so; reading it again takes the same copy.
        let path = given.hasPrefix(builtInPrefix) ? String(given.dropFirst(builtInPrefix.count)) : given
        if !FileManager.default.fileExists(atPath: path), path == builtInPath {
            return try parse(Data(builtInJSON.utf8), path: builtInPrefix + path)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .targets(path: path, reason: "cannot read the file")
        }
        return try parse(data, path: path)
    }

    /// Reads a targets document; `path` names it in errors and in the result.
    static func parse(_ data: Data, path: String) throws(EventError) -> TargetsFile {
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let attributes = root["attributes"] as? [String: Any]
        else { throw .targets(path: path, reason: "not a targets document (no 'attributes' object)") }
        var figures: [String: [String: Figure]] = [:]
        var gaps: [String: String] = [:]
        for (name, entry) in attributes {
            guard let entry = entry as? [String: Any] else { continue }
            let values = entry["values"] as? [String: Any] ?? [:]
            var placeholders = 0
            for (code, value) in values {
                guard let value = value as? [String: Any], let share = (value["share"] as? NSNumber)?.doubleValue else {
                    continue
                }
                let status = value["status"] as? String
                if status?.uppercased().hasPrefix(placeholderMarker) == true {
                    placeholders += 1
                    continue
                }
                let upper = (value["shareUpper"] as? NSNumber)?.doubleValue ?? share
                guard share.isFinite, upper.isFinite, share <= upper else {
                    throw .targets(path: path, reason: "\(name)=\(code): share \(share) above its shareUpper \(upper)")
                }
                figures[name, default: [:]][code] = Figure(
                    range: share...upper, status: status, source: value["source"] as? String)
            }
            if placeholders > 0 {
                gaps[name] = "placeholder shares only, not census figures"
            } else if figures[name] == nil {
                gaps[name] = (entry["note"] as? String).map { String($0.prefix(200)) } ?? "no figure per value"
            }
        }
        return TargetsFile(path: path, figures: figures, gaps: gaps)
    }
}
