import Testing
@testable import Crawler
