package org.kojinext.protocol;

/**
 * Bounds a decoder enforces so that hostile input costs a bounded amount of memory and time.
 *
 * @param maxDepth deepest nesting of arrays and structs
 * @param maxStringLength longest string, name or base64 text, in characters
 * @param maxValues most values (scalars and containers) in one document
 */
public record DecodeLimits(int maxDepth, int maxStringLength, int maxValues) {
    /**
     * The hub's defaults: generous for real Koji traffic (a multicall of nested build options is
     * about ten deep), small enough to stop abuse. The depth stays under 31 so that it, and not
     * the JDK XML parser's own element-depth limit (100 elements, three per container), decides.
     */
    public static final DecodeLimits DEFAULT = new DecodeLimits(30, 4 * 1024 * 1024, 1_000_000);
}
