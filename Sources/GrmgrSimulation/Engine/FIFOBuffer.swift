/// A first-in, first-out buffer with O(1) append and removal at the front, for the tasks waiting on a
/// throttle in the simulator (the core keeps only their tickets).
///
/// A ring over storage whose every slot is initialised (slots outside the live range hold stale copies),
/// so that neither end ever moves the other elements; it doubles when full.
struct FIFOBuffer<Element> {
    private var storage: ContiguousArray<Element> = []
    /// Where the oldest element is.
    private var head = 0
    /// How many elements are live, from `head` on (wrapping).
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }

    @inline(__always)
    mutating func append(_ element: Element) {
        guard count < storage.count else { return grow(appending: element) }
        var tail = head &+ count
        if tail >= storage.count { tail &-= storage.count }
        storage[tail] = element
        count &+= 1
    }

    @inline(__always)
    mutating func removeFirst() -> Element {
        precondition(count > 0, "removeFirst() on an empty FIFOBuffer")
        let element = storage[head]
        head &+= 1
        if head == storage.count { head = 0 }
        count &-= 1
        return element
    }

    /// Lays the live elements out from slot 0 in twice the room, and appends `element`.
    private mutating func grow(appending element: Element) {
        var larger = ContiguousArray<Element>()
        larger.reserveCapacity(Swift.max(16, 2 * storage.count))
        larger.append(contentsOf: elements)
        larger.append(element)
        // Every slot must hold a value; copies of the newest element fill the spare room.
        while larger.count < larger.capacity { larger.append(element) }
        storage = larger
        head = 0
        count &+= 1
    }

    /// The elements in order, for writing out what is left at the end of a run.
    var elements: [Element] {
        (0..<count).map { offset in storage[(head + offset) % storage.count] }
    }
}
