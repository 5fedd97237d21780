import Synchronization

/// A lock-protected list that tasks append to, for checking the order in which things happened.
final class Recorded<Element: Sendable>: Sendable {
    private let elements = Mutex<[Element]>([])

    func append(_ element: Element) {
        elements.withLock { $0.append(element) }
    }

    var all: [Element] { elements.withLock { $0 } }
}
