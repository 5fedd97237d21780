/// A first-in, first-out buffer with O(1) append and removal at the front, for the tasks waiting on a
/// throttle in the simulator (the core keeps only their tickets).
struct FIFOBuffer<Element> {
    private var storage: ContiguousArray<Element> = []
    private var head = 0

    var count: Int { storage.count - head }
    var isEmpty: Bool { head == storage.count }

    @inline(__always)
    mutating func append(_ element: Element) {
        storage.append(element)
    }

    @inline(__always)
    mutating func removeFirst() -> Element {
        precondition(head < storage.count, "removeFirst() on an empty FIFOBuffer")
        let element = storage[head]
        head += 1
        // Reclaim the consumed prefix once it is the larger part, keeping removal amortised O(1).
        if head >= 1_024, head * 2 >= storage.count {
            storage.removeFirst(head)
            head = 0
        }
        return element
    }

    /// The elements in order, for writing out what is left at the end of a run.
    var elements: ArraySlice<Element> { storage[head...] }
}
