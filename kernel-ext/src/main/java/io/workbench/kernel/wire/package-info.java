/**
 * The Jupyter messaging protocol (5.3) on ZeroMQ, as the kernel side speaks it, independent of what the kernel
 * evaluates: the connection file ({@link io.workbench.kernel.wire.ConnectionFile}), signing and replay protection
 * ({@link io.workbench.kernel.wire.Signer}, {@link io.workbench.kernel.wire.SeenSignatures}), whole multipart
 * frames to messages and back ({@link io.workbench.kernel.wire.MessageCodec}), and the five sockets with their
 * threads ({@link io.workbench.kernel.wire.KernelSockets}): request loops that answer every request, an IOPub
 * publisher that never drops a message, the heartbeat and the stdin channel.
 */
package io.workbench.kernel.wire;
