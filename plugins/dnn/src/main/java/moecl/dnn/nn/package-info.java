/**
 * A small deterministic neural-network library for the paper's MNIST experts: {@link moecl.dnn.nn.Network} (a chain
 * of {@link moecl.dnn.nn.Layer}s with one flat parameter vector, full-batch SGD, in float64 or float32:
 * {@link moecl.dnn.nn.Precision}), the layers ({@link moecl.dnn.nn.Conv2d}, {@link moecl.dnn.nn.Linear},
 * {@link moecl.dnn.nn.MaxPool2d}, {@link moecl.dnn.nn.ReLU}, {@link moecl.dnn.nn.Sigmoid}), the losses and the
 * two architectures ({@link moecl.dnn.nn.LeNet}, {@link moecl.dnn.nn.Mlp}). Every product runs on
 * {@code LayerKernels} (Vector API or scalar, the same bits: chains of fused multiply-adds in a fixed order), so
 * results do not depend on the machine or the thread count.
 *
 * <p>Deliberate repetitions: every layer's float64 and float32 paths are twins (the same loops over
 * {@code double[]} and {@code float[]}: Java has no generics over primitives, and a shared boxed path would cost
 * the speed the float32 networks are for), and {@code MicroKernels} is generated, one kernel per block shape.
 */
package moecl.dnn.nn;
