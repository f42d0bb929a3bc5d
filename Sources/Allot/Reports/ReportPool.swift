import Sortition

/// A draw's frozen pool read for reports: one row per person, value codes as small integers, so a
/// pool of 100,000 people is counted without a dictionary per person.
struct ReportPool {
    /// Attribute names in report order (schema attributes, then age).
    let attributes: [String]
    /// Value codes per attribute; values found in the pool but not in the schema are appended.
    private(set) var codes: [[String]]
    private(set) var pids: [String] = []
    /// Row-major value indices: `cells[row * attributes.count + attribute]`, −1 when absent.
    private(set) var cells: [Int32] = []

    init(attributes: [(String, [String])]) {
        self.attributes = attributes.map(\.0)
        codes = attributes.map(\.1)
    }

    /// Reads the `allot-pool-v1` text: `pid<TAB>name=value<TAB>…` per line after the header, pids in
    /// byte order. Works on the UTF-8 bytes: a 100,000-line pool parses in tens of milliseconds.
    init(text: String, attributes: [(String, [String])]) throws {
        self.init(attributes: attributes)
        let bytes = Array(text.utf8)
        let header = Array((DrawProtocol.poolHeader + "\n").utf8)
        guard bytes.starts(with: header) else { throw StoredDrawError.corrupt("pool text header") }
        let names = self.attributes.map { Array($0.utf8) }
        var known = codes.map { $0.map { Array($0.utf8) } }
        let width = self.attributes.count
        let newline = UInt8(ascii: "\n")
        let tab = UInt8(ascii: "\t")
        let equals = UInt8(ascii: "=")
        var position = header.count
        while position < bytes.count {
            var end = position
            while end < bytes.count, bytes[end] != newline { end += 1 }
            defer { position = end + 1 }
            guard end > position else { continue }
            var fieldStart = position
            var fieldEnd = position
            while fieldEnd < end, bytes[fieldEnd] != tab { fieldEnd += 1 }
            let row = pids.count
            pids.append(String(decoding: bytes[fieldStart..<fieldEnd], as: UTF8.self))
            cells.append(contentsOf: repeatElement(-1, count: width))
            while fieldEnd < end {
                fieldStart = fieldEnd + 1
                fieldEnd = fieldStart
                while fieldEnd < end, bytes[fieldEnd] != tab { fieldEnd += 1 }
                guard let split = bytes[fieldStart..<fieldEnd].firstIndex(of: equals) else {
                    throw StoredDrawError.corrupt("pool line \(row + 1)")
                }
                let name = bytes[fieldStart..<split]
                guard let attribute = names.firstIndex(where: { $0.elementsEqual(name) }) else { continue }
                let value = bytes[(split + 1)..<fieldEnd]
                var index = known[attribute].firstIndex { $0.elementsEqual(value) }
                if index == nil {
                    index = known[attribute].count
                    known[attribute].append(Array(value))
                    codes[attribute].append(String(decoding: value, as: UTF8.self))
                }
                cells[row * width + attribute] = Int32(index ?? 0)
            }
        }
    }

    /// The row of `pid`: binary search, the pool being sorted by pid in byte order (ASCII pids
    /// compare the same as Swift strings).
    func row(of pid: String) -> Int? {
        var low = 0
        var high = pids.count
        while low < high {
            let middle = (low + high) / 2
            if pids[middle] < pid { low = middle + 1 } else { high = middle }
        }
        if low < pids.count, pids[low] == pid { return low }
        return pids.firstIndex(of: pid)
    }

    var count: Int { pids.count }

    /// The person's values as `attribute → code`.
    func values(row: Int) -> [String: String] {
        var values: [String: String] = [:]
        for (attribute, name) in attributes.enumerated() {
            let index = Int(cells[row * attributes.count + attribute])
            if index >= 0 { values[name] = codes[attribute][index] }
        }
        return values
    }

    /// "attribute=value" → people, over `rows` (all rows when nil).
    func counts(rows selected: [Int]? = nil) -> [String: Int] {
        let width = attributes.count
        var tallies = codes.map { [Int](repeating: 0, count: $0.count) }
        func add(_ row: Int) {
            for attribute in 0..<width {
                let index = Int(cells[row * width + attribute])
                if index >= 0 { tallies[attribute][index] += 1 }
            }
        }
        if let selected { selected.forEach(add) } else { (0..<count).forEach(add) }
        var result: [String: Int] = [:]
        for (attribute, name) in attributes.enumerated() {
            for (index, code) in codes[attribute].enumerated() where tallies[attribute][index] > 0 {
                result["\(name)=\(code)"] = tallies[attribute][index]
            }
        }
        return result
    }
}
