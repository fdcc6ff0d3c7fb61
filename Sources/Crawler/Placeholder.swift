public enum CrawlerPlaceholder {}
