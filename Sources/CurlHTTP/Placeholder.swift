public enum CurlHTTPPlaceholder {}
