import CZlib

/// zlib (RFC 1950) decompression through zlib's `inflate`, bounded: a compressed text chunk may inflate a
/// thousandfold (a zlib bomb), so output stops one byte past the limit and never grows beyond it.
enum ZlibInflater {
    /// What inflating produced.
    enum Outcome {
        /// The whole stream, at most `limit` bytes.
        case inflated([UInt8])
        /// The stream decodes to more than `limit` bytes; decoding stopped there.
        case tooLarge
        /// Not a complete zlib stream (bad header, corrupt data, preset dictionary, truncated); the reason is zlib's.
        case corrupt(String)
    }

    /// Inflates the zlib stream `input` (zlib header, deflate data, Adler-32), producing at most `limit` bytes.
    /// Bytes after the end of the stream are ignored. Costs O(output) time, and memory bounded by `limit`.
    static func inflate(_ input: ArraySlice<UInt8>, limit: Int) -> Outcome {
        guard !input.isEmpty else { return .corrupt("the compressed data is empty") }
        var stream = z_stream()
        // 15: a 32 KiB window with zlib framing (RFC 1950), what PNG text chunks use (PNG section 10.1).
        guard endorse_inflate_init2(&stream, 15) == Z_OK else { return .corrupt("zlib could not start inflating") }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var window = [UInt8](repeating: 0, count: 16_384)
        return input.withUnsafeBufferPointer { source -> Outcome in
            // zlib never writes through next_in; the pointer is only mutable in its C declaration.
            stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
            stream.avail_in = UInt32(source.count)
            while true {
                // One byte of room past the limit tells "exactly the limit" from "more than the limit".
                let room = min(window.count, limit + 1 - output.count)
                let status: Int32 = window.withUnsafeMutableBufferPointer { target in
                    stream.next_out = target.baseAddress
                    stream.avail_out = UInt32(room)
                    return CZlib.inflate(&stream, Z_NO_FLUSH)
                }
                let produced = room - Int(stream.avail_out)
                output.append(contentsOf: window[0..<produced])
                if output.count > limit { return .tooLarge }
                switch status {
                case Z_STREAM_END:
                    return .inflated(output)
                case Z_OK:
                    continue
                case Z_BUF_ERROR where stream.avail_in == 0:
                    return .corrupt("the compressed data ends before the end of its zlib stream")
                case Z_BUF_ERROR:
                    continue
                case Z_NEED_DICT:
                    return .corrupt("the zlib stream needs a preset dictionary, which PNG does not allow")
                default:
                    let message = stream.msg.map { String(cString: $0) } ?? "status \(status)"
                    return .corrupt("zlib: \(message)")
                }
            }
        }
    }
}
