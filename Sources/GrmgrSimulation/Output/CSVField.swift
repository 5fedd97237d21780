/// A CSV field encoded (and quoted if need be) once, for text written on many rows.
///
/// The simulator writes the same throttle name on every task row; encoding it once turns each write into a
/// single copy.
public struct CSVField: Hashable, Sendable {
    /// The field's bytes as they appear in the file, quotes included.
    public let bytes: [UInt8]

    /// Encodes `text` as a field, quoting it as RFC 4180 requires when it contains `,`, `"`, CR or LF.
    public init(_ text: String) {
        let utf8 = Array(text.utf8)
        guard utf8.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }) else {
            bytes = utf8
            return
        }
        var quoted: [UInt8] = [34]
        quoted.reserveCapacity(utf8.count + 2)
        for byte in utf8 {
            quoted.append(byte)
            if byte == 34 { quoted.append(34) }
        }
        quoted.append(34)
        bytes = quoted
    }
}
