/// Whether the objective is to be made as small or as large as possible.
public enum ObjectiveSense: Sendable, Equatable {
    case minimize
    case maximize
}

/// A decision variable: bounds (either may be infinite), objective coefficient, integrality.
public struct Variable: Sendable, Equatable {
    public var lower: Double
    public var upper: Double
    public var cost: Double
    public var isInteger: Bool
    public var name: String

    public init(lower: Double = 0, upper: Double = .infinity, cost: Double = 0, isInteger: Bool = false, name: String = "") {
        self.lower = lower
        self.upper = upper
        self.cost = cost
        self.isInteger = isInteger
        self.name = name
    }
}

/// A ranged linear constraint `lower ≤ Σ coefficients[k]·x[indices[k]] ≤ upper`, stored sparsely.
/// An equality has `lower == upper`; a one-sided row has the other side infinite.
public struct Constraint: Sendable, Equatable {
    public var indices: [Int]
    public var coefficients: [Double]
    public var lower: Double
    public var upper: Double
    public var name: String

    public init(indices: [Int], coefficients: [Double], lower: Double = -.infinity, upper: Double = .infinity, name: String = "") {
        self.indices = indices
        self.coefficients = coefficients
        self.lower = lower
        self.upper = upper
        self.name = name
    }
}

/// A linear or mixed-integer program in sparse row form: `optimize cᵀx + objectiveOffset`
/// subject to ranged rows and variable bounds. The solvers read it; it knows nothing of them.
public struct LinearModel: Sendable, Equatable {
    public var sense: ObjectiveSense
    public var variables: [Variable]
    public var constraints: [Constraint]
    /// A constant added to the objective (MPS files may carry one in the RHS of the objective row).
    public var objectiveOffset: Double

    public init(sense: ObjectiveSense = .minimize, variables: [Variable] = [], constraints: [Constraint] = [], objectiveOffset: Double = 0) {
        self.sense = sense
        self.variables = variables
        self.constraints = constraints
        self.objectiveOffset = objectiveOffset
    }

    /// Appends a variable and returns its index.
    @discardableResult
    public mutating func addVariable(_ variable: Variable) -> Int {
        variables.append(variable)
        return variables.count - 1
    }

    /// Appends a constraint and returns its index.
    @discardableResult
    public mutating func addConstraint(_ constraint: Constraint) -> Int {
        constraints.append(constraint)
        return constraints.count - 1
    }

    /// True when some variable must take an integer value.
    public var hasIntegerVariables: Bool { variables.contains { $0.isInteger } }
}
