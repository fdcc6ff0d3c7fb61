import Testing
@testable import CurlHTTP
