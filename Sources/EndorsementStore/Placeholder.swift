public enum EndorsementStorePlaceholder {}
