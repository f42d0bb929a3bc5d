import Testing
@testable import Sortition

@Test func SortitionModuleLinks() {
    #expect(SortitionModule.name == "Sortition")
}
