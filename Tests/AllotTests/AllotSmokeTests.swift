import Testing
@testable import Allot

@Test func AllotModuleLinks() {
    #expect(!AllotModule.version.isEmpty)
}
