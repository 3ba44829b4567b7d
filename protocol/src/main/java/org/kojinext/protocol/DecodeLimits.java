package org.kojinext.protocol;

/**
 * Bounds a decoder enforces so that hostile input costs a bounded amount of memory and time.
 *
 * @param maxDepth deepest nesting of arrays and structs
 * @param maxStringLength longest string, name or base64 text, in characters
 * @param maxValues most values (scalars and containers) in one document
 */
public record DecodeLimits(int maxDepth, int maxStringLength, int maxValues) {
    /** The hub's defaults: generous for real Koji traffic, small enough to stop abuse. */
    public static final DecodeLimits DEFAULT = new DecodeLimits(64, 4 * 1024 * 1024, 1_000_000);
}
