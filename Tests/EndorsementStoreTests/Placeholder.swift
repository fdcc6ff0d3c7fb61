import Testing
@testable import EndorsementStore
