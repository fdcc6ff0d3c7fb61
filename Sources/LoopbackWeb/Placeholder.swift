public enum LoopbackWebPlaceholder {}
