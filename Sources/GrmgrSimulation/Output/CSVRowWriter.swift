public import Grmgr

/// Writes the fields of one row straight into a ``CSVWriter``'s buffer; see
/// ``CSVWriter/writeRow(reserving:_:)``.
///
/// The writer has already made room for the row, so a field is only digit arithmetic and a pointer bump:
/// no call back into the writer, no capacity check against the file, no separator bookkeeping (each field
/// ends with `,`, and the row's last one becomes the newline). Writing past the reserved bytes traps.
public struct CSVRowWriter {
    @usableFromInline var pointer: UnsafeMutablePointer<UInt8>
    @usableFromInline let start: UnsafeMutablePointer<UInt8>
    @usableFromInline let end: UnsafeMutablePointer<UInt8>
    /// How many fields were written, for the writer's header check.
    @usableFromInline var fieldCount = 0

    @inlinable
    init(start: UnsafeMutablePointer<UInt8>, end: UnsafeMutablePointer<UInt8>) {
        self.pointer = start
        self.start = start
        self.end = end
    }

    /// Writes an empty field: a missing value.
    @inlinable
    @inline(__always)
    public mutating func writeEmpty() {
        reserve(0)
        finishField(pointer)
    }

    /// Writes an integer in decimal.
    @inlinable
    @inline(__always)
    public mutating func write(integer: Int64) {
        reserve(DigitFormatting.maximumNumberLength)
        finishField(DigitFormatting.writeInteger(integer, at: pointer))
    }

    /// Writes an integer in decimal.
    @inlinable
    @inline(__always)
    public mutating func write(integer: Int) {
        write(integer: Int64(integer))
    }

    /// Writes a nanosecond count as seconds with exactly nine decimals.
    @inlinable
    @inline(__always)
    public mutating func writeSeconds(nanoseconds: Int64) {
        reserve(DigitFormatting.maximumNumberLength)
        finishField(DigitFormatting.writeSeconds(nanoseconds: nanoseconds, at: pointer))
    }

    /// Writes an instant as seconds since the epoch with exactly nine decimals.
    @inlinable
    @inline(__always)
    public mutating func write(seconds point: TimePoint) {
        writeSeconds(nanoseconds: point.nanoseconds)
    }

    /// Writes a span as seconds with exactly nine decimals.
    @inlinable
    @inline(__always)
    public mutating func write(seconds amount: TimeAmount) {
        writeSeconds(nanoseconds: amount.nanoseconds)
    }

    /// Writes an instant as seconds with nine decimals, or an empty field for `nil`.
    @inlinable
    @inline(__always)
    public mutating func write(seconds point: TimePoint?) {
        if let point { writeSeconds(nanoseconds: point.nanoseconds) } else { writeEmpty() }
    }

    /// Writes a span as seconds with nine decimals, or an empty field for `nil`.
    @inlinable
    @inline(__always)
    public mutating func write(seconds amount: TimeAmount?) {
        if let amount { writeSeconds(nanoseconds: amount.nanoseconds) } else { writeEmpty() }
    }

    /// Writes a field encoded in advance (already quoted if need be).
    @inlinable
    @inline(__always)
    public mutating func write(_ field: CSVField) {
        field.bytes.withUnsafeBufferPointer { bytes in
            reserve(bytes.count)
            if let base = bytes.baseAddress { DigitFormatting.copy(base, count: bytes.count, to: pointer) }
            finishField(pointer + bytes.count)
        }
    }

    /// Writes a field encoded in advance, from raw bytes that outlive the call.
    @inline(__always)
    mutating func write(bytes: UnsafePointer<UInt8>, count: Int) {
        reserve(count)
        DigitFormatting.copy(bytes, count: count, to: pointer)
        finishField(pointer + count)
    }

    /// Traps unless `bytes` and a separator fit in what is left of the reservation.
    @inlinable
    @inline(__always)
    func reserve(_ bytes: Int) {
        precondition(end - pointer > bytes, "CSV row longer than the bytes reserved for it")
    }

    /// Ends a field at `fieldEnd` with its separator.
    @inlinable
    @inline(__always)
    mutating func finishField(_ fieldEnd: UnsafeMutablePointer<UInt8>) {
        fieldEnd.pointee = 44
        pointer = fieldEnd + 1
        fieldCount &+= 1
    }

    /// Turns the last separator into the row's newline (or writes one for a row without fields) and returns
    /// the end of the row.
    @inlinable
    mutating func finish() -> UnsafeMutablePointer<UInt8> {
        if pointer == start {
            pointer.pointee = 10
            return pointer + 1
        }
        pointer[-1] = 10
        return pointer
    }
}
