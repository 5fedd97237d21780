public import Grmgr

/// The simulator's agenda: a binary min-heap of payloads ordered by instant, then by the order in which
/// they were scheduled.
///
/// The sequence number only grows, so events scheduled for the same instant come out first-in,
/// first-out; that tie-break is what makes a run reproducible byte for byte.
public struct EventQueue<Payload> {
    @usableFromInline
    struct Entry {
        @usableFromInline var time: Int64
        @usableFromInline var sequence: UInt64
        @usableFromInline var payload: Payload

        @inlinable
        init(time: Int64, sequence: UInt64, payload: Payload) {
            self.time = time
            self.sequence = sequence
            self.payload = payload
        }

        @inlinable
        func precedes(_ other: Entry) -> Bool {
            time < other.time || (time == other.time && sequence < other.sequence)
        }
    }

    @usableFromInline var storage: ContiguousArray<Entry> = []
    @usableFromInline var nextSequence: UInt64 = 0

    /// Creates an empty queue.
    public init() {}

    /// The number of scheduled events.
    public var count: Int { storage.count }

    /// Whether nothing is scheduled.
    public var isEmpty: Bool { storage.isEmpty }

    /// The instant of the earliest event, if any.
    ///
    /// - Complexity: O(1).
    @inlinable
    public var nextInstant: TimePoint? {
        storage.first.map { TimePoint(nanoseconds: $0.time) }
    }

    /// Schedules `payload` at `instant`, after everything already scheduled for that instant.
    ///
    /// - Complexity: O(log *n*).
    @inlinable
    public mutating func schedule(_ payload: Payload, at instant: TimePoint) {
        let entry = Entry(time: instant.nanoseconds, sequence: nextSequence, payload: payload)
        nextSequence &+= 1
        storage.append(entry)
        siftUp(from: storage.count - 1)
    }

    /// The instant and sequence number of the earliest event, if any: the key it is ordered by.
    ///
    /// - Complexity: O(1).
    @inlinable
    var nextKey: (time: Int64, sequence: UInt64)? {
        storage.first.map { ($0.time, $0.sequence) }
    }

    /// Takes `count` sequence numbers for events that will be scheduled later, with
    /// ``schedule(_:at:sequence:)``: among same-instant events they keep the place they would have had if
    /// scheduled now. Lets a driver keep far-future events out of the heap, where each would add depth to
    /// every push and pop.
    ///
    /// - Returns: The first of the `count` consecutive numbers.
    mutating func reserveSequenceNumbers(_ count: Int) -> UInt64 {
        defer { nextSequence &+= UInt64(count) }
        return nextSequence
    }

    /// Schedules `payload` at `instant` with a sequence number taken by ``reserveSequenceNumbers(_:)``.
    ///
    /// - Complexity: O(log *n*).
    mutating func schedule(_ payload: Payload, at instant: TimePoint, sequence: UInt64) {
        storage.append(Entry(time: instant.nanoseconds, sequence: sequence, payload: payload))
        siftUp(from: storage.count - 1)
    }

    /// Removes and returns the earliest event (the first scheduled among equals).
    ///
    /// - Complexity: O(log *n*).
    @inlinable
    public mutating func popNext() -> (instant: TimePoint, payload: Payload)? {
        guard !storage.isEmpty else { return nil }
        let last = storage.removeLast()
        guard !storage.isEmpty else { return (TimePoint(nanoseconds: last.time), last.payload) }
        let first = storage[0]
        storage[0] = last
        siftDown(from: 0)
        return (TimePoint(nanoseconds: first.time), first.payload)
    }

    @inlinable
    mutating func siftUp(from start: Int) {
        storage.withUnsafeMutableBufferPointer { heap in
            let moving = heap[start]
            var child = start
            while child > 0 {
                let parent = (child - 1) / 2
                guard moving.precedes(heap[parent]) else { break }
                heap[child] = heap[parent]
                child = parent
            }
            heap[child] = moving
        }
    }

    @inlinable
    mutating func siftDown(from start: Int) {
        storage.withUnsafeMutableBufferPointer { heap in
            let count = heap.count
            let moving = heap[start]
            var parent = start
            while true {
                var child = 2 * parent + 1
                guard child < count else { break }
                if child + 1 < count, heap[child + 1].precedes(heap[child]) { child += 1 }
                guard heap[child].precedes(moving) else { break }
                heap[parent] = heap[child]
                parent = child
            }
            heap[parent] = moving
        }
    }
}

extension EventQueue {
    /// Checks the heap property; for tests.
    public var isValidHeap: Bool {
        for index in 1..<Swift.max(storage.count, 1) where storage[index].precedes(storage[(index - 1) / 2]) {
            return false
        }
        return true
    }
}
