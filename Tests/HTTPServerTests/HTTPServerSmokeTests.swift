import Testing
@testable import HTTPServer

@Test func HTTPServerModuleLinks() {
    #expect(HTTPServerModule.name == "HTTPServer")
}
