public import Foundation
public import Grmgr

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A buffered CSV writer that formats numbers by hand, straight into a large byte buffer.
///
/// The simulator writes several rows per task at millions of tasks per second, so nothing on the hot path
/// allocates, interpolates a `String` or calls a formatter: integers and times are written as digit words
/// into the buffer, which goes to the file in one `write(2)` when it is full.
///
/// Two ways to write a row:
/// - field by field: `write(…)` calls, then ``endRow()``; any kind of field, including text and decimals;
/// - ``writeRow(reserving:_:)``: room for the whole row is made once and its numeric and pre-encoded fields
///   are written through a ``CSVRowWriter``, the fastest way for the per-task trace rows.
///
/// Format:
/// - Fields are separated by `,` and rows end with `\n` (LF, not RFC 4180's CRLF, as Unix tools expect).
/// - Text fields are quoted as RFC 4180 says when they contain `,`, `"`, CR or LF; quotes are doubled.
/// - Times are seconds with exactly nine decimals, the exact nanosecond count: `12.000000001`,
///   `-0.500000000`, `0.000000000`.
/// - Decimals are fixed-point, correctly rounded (ties to even) from the `Double`'s exact binary value,
///   so the bytes are the same on every run and machine. Not-a-number is written as an empty field (a
///   missing value); infinities as `inf` and `-inf`. A negative value that rounds to zero is written
///   without a sign.
///
/// Errors: field writes do not throw, so that the hot path stays a few instructions. The first I/O error
/// is kept (later output is dropped) and thrown by ``flush()`` and ``close()``; always call ``close()``.
///
/// A writer is not thread-safe; use one per file and per thread.
public final class CSVWriter {
    /// The default buffer size, 256 KiB: large enough that system calls cost little per row.
    public static let defaultBufferCapacity = 256 * 1024

    /// The path in messages: the file's path, `<fd N>`, or `<memory>`.
    public let path: String

    /// The state every field write changes. It lives behind a pointer because a class's stored `var`s pay
    /// for a dynamic exclusivity check on every access, which would cost more than writing the digits.
    @usableFromInline
    struct Cursor {
        /// Bytes in the buffer.
        @usableFromInline var count = 0
        /// The buffer's capacity while open, 0 once closed, so that the one comparison that makes room also
        /// catches a write after ``CSVWriter/close()``.
        @usableFromInline var limit: Int
        /// Fields written in the current row by the field-by-field methods.
        @usableFromInline var fieldsInRow = 0
        /// Columns in the header, or 0 without one.
        @usableFromInline var headerColumns = 0

        @usableFromInline
        init(limit: Int) {
            self.limit = limit
        }
    }

    @usableFromInline let buffer: UnsafeMutablePointer<UInt8>
    @usableFromInline let capacity: Int
    @usableFromInline let cursor: UnsafeMutablePointer<Cursor>
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private let fileHandle: FileHandle?
    private var memory: [UInt8] = []
    private var firstError: OutputError?
    private var isClosed = false

    private init(
        path: String,
        descriptor: Int32,
        ownsDescriptor: Bool,
        fileHandle: FileHandle?,
        bufferCapacity: Int
    ) {
        precondition(bufferCapacity >= 1024, "a CSV buffer needs at least 1024 bytes, got \(bufferCapacity)")
        self.path = path
        self.descriptor = descriptor
        self.ownsDescriptor = ownsDescriptor
        self.fileHandle = fileHandle
        self.capacity = bufferCapacity
        self.buffer = .allocate(capacity: bufferCapacity)
        self.cursor = .allocate(capacity: 1)
        cursor.initialize(to: Cursor(limit: bufferCapacity))
    }

    /// Creates (or truncates) the file at `path` and writes to it; ``close()`` closes it.
    ///
    /// - Throws: ``OutputError`` when the file cannot be created.
    public convenience init(path: String, bufferCapacity: Int = CSVWriter.defaultBufferCapacity) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw OutputError(operation: "cannot create file", path: path, code: errno)
        }
        self.init(
            path: path,
            descriptor: descriptor,
            ownsDescriptor: true,
            fileHandle: nil,
            bufferCapacity: bufferCapacity
        )
    }

    /// Creates (or truncates) the file at `url` and writes to it; ``close()`` closes it.
    ///
    /// - Throws: ``OutputError`` when the file cannot be created.
    public convenience init(url: URL, bufferCapacity: Int = CSVWriter.defaultBufferCapacity) throws {
        try self.init(path: url.path, bufferCapacity: bufferCapacity)
    }

    /// Writes to an open file descriptor, closing it on ``close()`` only when `closesDescriptor` is true.
    public convenience init(
        fileDescriptor: Int32,
        closesDescriptor: Bool = false,
        bufferCapacity: Int = CSVWriter.defaultBufferCapacity
    ) {
        self.init(
            path: "<fd \(fileDescriptor)>",
            descriptor: fileDescriptor,
            ownsDescriptor: closesDescriptor,
            fileHandle: nil,
            bufferCapacity: bufferCapacity
        )
    }

    /// Writes to a `FileHandle`, which stays open: its owner closes it.
    public convenience init(fileHandle: FileHandle, bufferCapacity: Int = CSVWriter.defaultBufferCapacity) {
        self.init(
            path: "<fd \(fileHandle.fileDescriptor)>",
            descriptor: fileHandle.fileDescriptor,
            ownsDescriptor: false,
            fileHandle: fileHandle,
            bufferCapacity: bufferCapacity
        )
    }

    /// A writer that collects its output in memory; read it with ``memoryContents()``.
    public static func inMemory(bufferCapacity: Int = 4096) -> CSVWriter {
        CSVWriter(
            path: "<memory>",
            descriptor: -1,
            ownsDescriptor: false,
            fileHandle: nil,
            bufferCapacity: bufferCapacity
        )
    }

    deinit {
        if !isClosed {
            // Best effort: a writer dropped without close() still leaves its rows behind.
            drain()
            if ownsDescriptor { _ = closeDescriptor(descriptor) }
        }
        buffer.deallocate()
        cursor.deinitialize(count: 1)
        cursor.deallocate()
    }

    // MARK: - Rows

    /// Writes a header row; later rows are checked (in debug builds) to have as many fields.
    ///
    /// - Precondition: no field of the current row has been written.
    public func writeHeader(_ columns: [String]) {
        precondition(cursor.pointee.fieldsInRow == 0, "writeHeader called in the middle of a row")
        for column in columns { write(field: column) }
        endRow()
        cursor.pointee.headerColumns = columns.count
    }

    /// Ends the current row with `\n`.
    ///
    /// - Complexity: O(1).
    public func endRow() {
        assert(
            cursor.pointee.headerColumns == 0 || cursor.pointee.fieldsInRow == cursor.pointee.headerColumns,
            "\(path): row has \(cursor.pointee.fieldsInRow) fields, the header has \(cursor.pointee.headerColumns)"
        )
        if cursor.pointee.count >= cursor.pointee.limit { makeRoom() }
        buffer[cursor.pointee.count] = 10
        cursor.pointee.count &+= 1
        cursor.pointee.fieldsInRow = 0
    }

    /// Writes one whole row through `body`, making room for `bytes` bytes once instead of once per field.
    ///
    /// The row writer's fields (times, integers, pre-encoded text, empty fields) need at most 22 bytes each,
    /// a ``CSVField`` its length plus one; writing more than `bytes` traps. If `body` throws, nothing of the
    /// row is written.
    ///
    /// ```swift
    /// tasks.writeRow { row in
    ///     row.write(integer: task)
    ///     row.write(throttleName)
    ///     row.write(seconds: arrival)
    /// }
    /// ```
    ///
    /// - Precondition: no field of the current row has been written with the field-by-field methods, and
    ///   `bytes` is smaller than the buffer.
    /// - Complexity: O(1) per field.
    @inlinable
    public func writeRow(reserving bytes: Int = 512, _ body: (inout CSVRowWriter) throws -> Void) rethrows {
        precondition(cursor.pointee.fieldsInRow == 0, "writeRow called in the middle of a row")
        precondition(bytes > 0 && bytes < capacity, "a row may reserve 1 to \(capacity - 1) bytes, got \(bytes)")
        if cursor.pointee.limit &- cursor.pointee.count <= bytes { makeRoom() }
        let start = buffer + cursor.pointee.count
        var row = CSVRowWriter(start: start, end: start + bytes)
        try body(&row)
        assert(
            cursor.pointee.headerColumns == 0 || row.fieldCount == cursor.pointee.headerColumns,
            "\(path): row has \(row.fieldCount) fields, the header has \(cursor.pointee.headerColumns)"
        )
        cursor.pointee.count = row.finish() - buffer
    }

    // MARK: - Fields

    /// Writes an empty field: a missing value.
    public func writeEmpty() {
        cursor.pointee.count = beginField(reserving: 0) - buffer
    }

    /// Writes a text field, quoted as RFC 4180 requires when it contains `,`, `"`, CR or LF.
    ///
    /// - Complexity: O(*n*) in the UTF-8 length of `field`.
    public func write(field: String) {
        var field = field
        field.withUTF8 { writeText($0) }
    }

    /// Writes a field encoded once in advance, such as a throttle name repeated on every row.
    ///
    /// - Complexity: O(*n*) in the encoded length, a single copy.
    public func write(_ field: CSVField) {
        field.bytes.withUnsafeBufferPointer { bytes in
            if bytes.count + 1 < capacity {
                let pointer = beginField(reserving: bytes.count)
                if let base = bytes.baseAddress { DigitFormatting.copy(base, count: bytes.count, to: pointer) }
                cursor.pointee.count = pointer + bytes.count - buffer
            } else {
                cursor.pointee.count = beginField(reserving: 0) - buffer
                for byte in bytes { appendByte(byte) }
            }
        }
    }

    /// Writes an integer in decimal.
    ///
    /// - Complexity: O(1): at most 20 digits.
    public func write(integer: Int64) {
        let pointer = beginField(reserving: DigitFormatting.maximumNumberLength)
        cursor.pointee.count = DigitFormatting.writeInteger(integer, at: pointer) - buffer
    }

    /// Writes an integer in decimal.
    public func write(integer: Int) {
        write(integer: Int64(integer))
    }

    /// Writes an instant as seconds since the epoch with exactly nine decimals.
    public func write(seconds point: TimePoint) {
        writeSeconds(nanoseconds: point.nanoseconds)
    }

    /// Writes a span as seconds with exactly nine decimals.
    public func write(seconds amount: TimeAmount) {
        writeSeconds(nanoseconds: amount.nanoseconds)
    }

    /// Writes an instant as seconds with nine decimals, or an empty field for `nil` (say, a task not yet done).
    public func write(seconds point: TimePoint?) {
        if let point { writeSeconds(nanoseconds: point.nanoseconds) } else { writeEmpty() }
    }

    /// Writes a span as seconds with nine decimals, or an empty field for `nil`.
    public func write(seconds amount: TimeAmount?) {
        if let amount { writeSeconds(nanoseconds: amount.nanoseconds) } else { writeEmpty() }
    }

    /// Writes a nanosecond count as seconds with exactly nine decimals: `1500000000` is `1.500000000`.
    ///
    /// - Complexity: O(1): at most 21 bytes, the decimals as one 8-byte word.
    public func writeSeconds(nanoseconds: Int64) {
        let pointer = beginField(reserving: DigitFormatting.maximumNumberLength)
        cursor.pointee.count = DigitFormatting.writeSeconds(nanoseconds: nanoseconds, at: pointer) - buffer
    }

    /// Writes `decimal` in fixed-point notation with `fractionDigits` decimals (0 to 9), correctly rounded.
    ///
    /// Rounding is to the nearest, ties to even, from the exact binary value (like C's `%.6f` under the
    /// default rounding mode), so `0.0078125` gives `0.007812`. Not-a-number writes an empty field,
    /// infinities `inf` and `-inf`; a negative value that rounds to zero is written as zero without a sign.
    ///
    /// - Complexity: O(1) for magnitudes below 2⁶³; larger values take a slower exact path.
    public func write(decimal: Double, fractionDigits: Int = 6) {
        precondition((0...9).contains(fractionDigits), "fractionDigits must be 0...9, got \(fractionDigits)")
        if decimal.isNaN {
            writeEmpty()
            return
        }
        if decimal.isInfinite {
            write(field: decimal < 0 ? "-inf" : "inf")
            return
        }
        let magnitude = decimal.magnitude
        guard magnitude < 9.223_372_036_854_775_808e18 else {
            writeLargeDecimal(decimal, fractionDigits: fractionDigits)
            return
        }
        var (whole, fraction) = FixedDecimal.split(magnitude, fractionDigits: fractionDigits)
        if fraction == FixedDecimal.powersOfTen[fractionDigits] {
            whole += 1
            fraction = 0
        }
        var pointer = beginField(reserving: DigitFormatting.maximumNumberLength + 10)
        if decimal < 0 && (whole != 0 || fraction != 0) {
            pointer.pointee = 45
            pointer += 1
        }
        pointer = DigitFormatting.writeDigits(whole, at: pointer)
        if fractionDigits > 0 {
            pointer.pointee = 46
            pointer += 1
            var remaining = fraction
            var index = fractionDigits
            while index > 0 {
                index -= 1
                pointer[index] = UInt8(truncatingIfNeeded: 48 + remaining % 10)
                remaining /= 10
            }
            pointer += fractionDigits
        }
        cursor.pointee.count = pointer - buffer
    }

    // MARK: - Flushing

    /// Writes the buffered bytes to the file.
    ///
    /// - Throws: ``OutputError`` with the first write error since the writer was created.
    public func flush() throws {
        precondition(!isClosed, "flush() on a closed CSVWriter (\(path))")
        drain()
        if let firstError { throw firstError }
    }

    /// Flushes, then closes the file descriptor if the writer opened or owns it. Calling it twice is harmless.
    ///
    /// - Throws: ``OutputError`` with the first write or close error.
    public func close() throws {
        guard !isClosed else { return }
        drain()
        isClosed = true
        cursor.pointee.limit = 0
        if ownsDescriptor && closeDescriptor(descriptor) != 0 && firstError == nil {
            firstError = OutputError(operation: "cannot write", path: path, code: errno)
        }
        if let firstError { throw firstError }
    }

    /// Everything an ``inMemory(bufferCapacity:)`` writer has written so far.
    ///
    /// - Precondition: the writer was made by ``inMemory(bufferCapacity:)``.
    public func memoryContents() -> [UInt8] {
        precondition(descriptor < 0, "memoryContents() on a file writer (\(path))")
        drain()
        return memory
    }

    // MARK: - Buffer

    /// Makes room for a separator and `reserving` bytes, writes the separator, and counts the field.
    @inline(__always)
    private func beginField(reserving bytes: Int) -> UnsafeMutablePointer<UInt8> {
        if cursor.pointee.limit &- cursor.pointee.count <= bytes { makeRoom() }
        var pointer = buffer + cursor.pointee.count
        if cursor.pointee.fieldsInRow != 0 {
            pointer.pointee = 44
            pointer += 1
        }
        cursor.pointee.fieldsInRow &+= 1
        return pointer
    }

    /// Empties the buffer, or traps on a write after ``close()`` (when the limit is 0).
    @usableFromInline
    func makeRoom() {
        precondition(!isClosed, "write to a closed CSVWriter (\(path))")
        drain()
    }

    private func appendByte(_ byte: UInt8) {
        if cursor.pointee.count >= cursor.pointee.limit { makeRoom() }
        buffer[cursor.pointee.count] = byte
        cursor.pointee.count &+= 1
    }

    /// Sends the buffer to the sink; after an error, output is dropped so the error is reported once.
    private func drain() {
        let count = cursor.pointee.count
        guard count > 0 else { return }
        defer { cursor.pointee.count = 0 }
        if descriptor < 0 {
            memory.append(contentsOf: UnsafeBufferPointer(start: buffer, count: count))
            return
        }
        guard firstError == nil else { return }
        var offset = 0
        while offset < count {
            let written = writeDescriptor(descriptor, buffer + offset, count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                firstError = OutputError(operation: "cannot write", path: path, code: errno)
                return
            }
            offset += written
        }
    }

    private func writeText(_ bytes: UnsafeBufferPointer<UInt8>) {
        var needsQuotes = false
        for byte in bytes where byte == 44 || byte == 34 || byte == 10 || byte == 13 {
            needsQuotes = true
            break
        }
        let worstCase = needsQuotes ? 2 * bytes.count + 2 : bytes.count
        guard worstCase + 1 < capacity else {
            cursor.pointee.count = beginField(reserving: 0) - buffer
            if needsQuotes { appendByte(34) }
            for byte in bytes {
                appendByte(byte)
                if byte == 34 { appendByte(34) }
            }
            if needsQuotes { appendByte(34) }
            return
        }
        var pointer = beginField(reserving: worstCase)
        if needsQuotes {
            pointer.pointee = 34
            pointer += 1
            for byte in bytes {
                pointer.pointee = byte
                pointer += 1
                if byte == 34 {
                    pointer.pointee = 34
                    pointer += 1
                }
            }
            pointer.pointee = 34
            pointer += 1
        } else if let base = bytes.baseAddress {
            pointer.update(from: base, count: bytes.count)
            pointer += bytes.count
        }
        cursor.pointee.count = pointer - buffer
    }

    /// Magnitudes of 2⁶³ and more are integers in binary; their digits come from exact big-integer arithmetic.
    private func writeLargeDecimal(_ decimal: Double, fractionDigits: Int) {
        var text: [UInt8] = decimal < 0 ? [45] : []
        text += FixedDecimal.integerDigits(ofLarge: decimal.magnitude)
        if fractionDigits > 0 {
            text.append(46)
            text += repeatElement(48, count: fractionDigits)
        }
        cursor.pointee.count = beginField(reserving: 0) - buffer
        for byte in text { appendByte(byte) }
    }
}

/// `close(2)`, named apart from ``CSVWriter/close()``.
private func closeDescriptor(_ descriptor: Int32) -> Int32 {
    close(descriptor)
}

/// `write(2)`, named apart from the writer's `write` methods.
private func writeDescriptor(_ descriptor: Int32, _ bytes: UnsafeMutablePointer<UInt8>, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
