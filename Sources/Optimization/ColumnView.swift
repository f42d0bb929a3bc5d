/// The constraint matrix by columns: for each variable, the rows it appears in and its
/// coefficients there (duplicates within a row summed, zeros dropped).
struct ColumnView: Sendable {
    let rows: [[Int]]
    let coefficients: [[Double]]

    init(model: LinearModel) {
        var rows = Array(repeating: [Int](), count: model.variables.count)
        var coefficients = Array(repeating: [Double](), count: model.variables.count)
        for (i, row) in model.constraints.enumerated() {
            for (j, a) in zip(row.indices, row.coefficients) {
                if rows[j].last == i {
                    coefficients[j][coefficients[j].count - 1] += a
                } else {
                    rows[j].append(i)
                    coefficients[j].append(a)
                }
            }
        }
        self.rows = rows
        self.coefficients = coefficients
    }
}
