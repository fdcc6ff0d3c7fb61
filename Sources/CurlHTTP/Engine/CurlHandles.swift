import CCurl

/// A libcurl easy handle (`CURL *`); a distinct type so easy and multi handles cannot be mixed.
struct EasyHandle: Hashable {
    let raw: UnsafeMutableRawPointer

    static func make() -> EasyHandle? { curl_easy_init().map(EasyHandle.init) }

    func set(_ option: CURLoption, _ value: Int) { _ = endorse_easy_setopt_long(raw, option, value) }
    func set(_ option: CURLoption, _ value: String) { _ = endorse_easy_setopt_string(raw, option, value) }
    func set(_ option: CURLoption, pointer: UnsafeMutableRawPointer?) { _ = endorse_easy_setopt_pointer(raw, option, pointer) }
    func set(_ option: CURLoption, offset: Int) { _ = endorse_easy_setopt_off_t(raw, option, curl_off_t(offset)) }

    func long(_ info: CURLINFO) -> Int {
        var value = 0
        _ = endorse_easy_getinfo_long(raw, info, &value)
        return value
    }

    func string(_ info: CURLINFO) -> String? {
        var value: UnsafeMutablePointer<CChar>?
        guard endorse_easy_getinfo_string(raw, info, &value) == CURLE_OK, let value else { return nil }
        return String(cString: value)
    }

    func duration(_ info: CURLINFO) -> Duration {
        var value: curl_off_t = 0
        _ = endorse_easy_getinfo_off_t(raw, info, &value)
        return .microseconds(value)
    }
}

/// A libcurl multi handle (`CURLM *`).
struct MultiHandle {
    let raw: UnsafeMutableRawPointer
}

/// A `curl_slist` built from Swift strings; free it after the transfer that uses it.
struct StringList {
    private(set) var raw: UnsafeMutablePointer<curl_slist>?

    init(_ strings: [String]) {
        for string in strings { raw = curl_slist_append(raw, string) }
    }

    func free() { curl_slist_free_all(raw) }
}
