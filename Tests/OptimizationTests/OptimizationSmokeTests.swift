import Testing
@testable import Optimization

@Test func OptimizationModuleLinks() {
    #expect(LinearModel().variables.isEmpty)
}
