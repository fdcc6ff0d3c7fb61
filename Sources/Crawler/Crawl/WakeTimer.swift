import Foundation

/// The next wake-up a crawl loop has asked for: a child task that sleeps until then and returns the loop's wake
/// event. One timer at a time; asking again for about the same time or later adds nothing.
package struct WakeTimer: Sendable {
    package private(set) var next: Date?

    package init() {}

    /// Forgets the timer that fired.
    package mutating func fired() { next = nil }

    /// Adds a child task to `group` that returns `event` at `date`, unless a timer already fires at about that time or
    /// earlier. Returns true when it added one (the caller counts its child tasks).
    package mutating func schedule<Event: Sendable>(at date: Date, in group: inout TaskGroup<Event>, event: Event) -> Bool {
        if let current = next, current <= date.addingTimeInterval(0.005), current > Date() { return false }
        next = date
        let seconds = max(0, date.timeIntervalSinceNow)
        group.addTask {
            try? await Task.sleep(for: .seconds(seconds))
            return event
        }
        return true
    }
}
