import Foundation

/// Reads the date forms Open Badges documents use: ISO 8601 / RFC 3339 date-times with or without seconds,
/// fractional seconds and offsets (`Z`, `+01:00`, `+0100`), date-only values (OB 1.0), and Unix
/// timestamps as numbers or digit strings (OB 1.0). A value without an offset is taken as UTC.
public enum DateParsing {
    /// The date a JSON value holds (a date string, or a Unix time as a number), or nil when it holds none.
    public static func date(from value: JSONValue) -> Date? {
        switch value {
        case .number(let seconds): return unix(seconds)
        case .string(let text): return date(from: text)
        default: return nil
        }
    }

    /// The date `text` spells, or nil when it spells none of the accepted forms.
    public static func date(from text: String) -> Date? {
        let chars = Array(text.trimmedWhitespace.utf8)
        guard !chars.isEmpty else { return nil }
        if chars.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            return chars.count >= 9 ? Double(String(decoding: chars, as: UTF8.self)).flatMap(unix) : nil
        }
        var reader = DigitReader(chars: chars)
        guard let year = reader.number(4), reader.skip("-"), let month = reader.number(2), reader.skip("-"),
            let day = reader.number(2), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var seconds = Double(daysFromCivil(year: year, month: month, day: day)) * 86_400
        guard !reader.atEnd else { return Date(timeIntervalSince1970: seconds) }
        guard reader.skip("T") || reader.skip("t") || reader.skip(" "), let hour = reader.number(2), reader.skip(":"),
            let minute = reader.number(2), hour < 24, minute < 60
        else { return nil }
        seconds += Double(hour * 3600 + minute * 60)
        if reader.skip(":") {
            guard let second = reader.number(2), second <= 60 else { return nil }
            seconds += Double(second)
            if reader.skip(".") || reader.skip(",") {
                var scale = 0.1
                while let digit = reader.number(1) {
                    seconds += Double(digit) * scale
                    scale /= 10
                }
            }
        }
        if reader.atEnd || reader.skip("Z") || reader.skip("z") {
            return reader.atEnd ? Date(timeIntervalSince1970: seconds) : nil
        }
        let sign: Double
        if reader.skip("+") {
            sign = 1
        } else if reader.skip("-") {
            sign = -1
        } else {
            return nil
        }
        guard let offsetHours = reader.number(2) else { return nil }
        _ = reader.skip(":")
        let offsetMinutes = reader.number(2) ?? 0
        guard reader.atEnd else { return nil }
        return Date(timeIntervalSince1970: seconds - sign * Double(offsetHours * 3600 + offsetMinutes * 60))
    }

    /// Seconds since 1970; values too large to be seconds are read as milliseconds (JavaScript `Date.now()`).
    private static func unix(_ value: Double) -> Date? {
        guard value.isFinite, value >= 0 else { return nil }
        return Date(timeIntervalSince1970: value > 100_000_000_000 ? value / 1000 : value)
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's `days_from_civil`).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private struct DigitReader {
        let chars: [UInt8]
        var pos = 0
        var atEnd: Bool { pos == chars.count }

        mutating func number(_ count: Int) -> Int? {
            guard pos + count <= chars.count else { return nil }
            var value = 0
            for byte in chars[pos..<pos + count] {
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            pos += count
            return value
        }

        mutating func skip(_ character: Unicode.Scalar) -> Bool {
            guard pos < chars.count, chars[pos] == UInt8(character.value) else { return false }
            pos += 1
            return true
        }
    }
}
