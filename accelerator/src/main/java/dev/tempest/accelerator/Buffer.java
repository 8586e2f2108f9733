package dev.tempest.accelerator;

/**
 * Floats that live on one backend's device. A slice is a view that shares the storage, so a
 * parameter is a slice of its model's arena and a head of q is a slice of a packed QKV.
 */
public interface Buffer {

    /** How many floats this buffer (or slice) holds. */
    int length();

    /** The floats [offset, offset + length) of this buffer, sharing its storage. */
    Buffer slice(int offset, int length);
}
