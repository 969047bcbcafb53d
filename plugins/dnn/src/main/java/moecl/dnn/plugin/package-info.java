/**
 * The dnn plugin's components (paper.md §7, Fig. 3): the {@code mnist} task generator
 * ({@link moecl.dnn.plugin.MnistFactory}: binary one-vs-rest image tasks of a fixed
 * {@link moecl.dnn.plugin.MnistWorld}), the neural experts {@code lenet} and {@code mlp}
 * ({@link moecl.dnn.plugin.NeuralExpertFactory} and its two subclasses, training a
 * {@link moecl.dnn.plugin.NeuralExpert}) and their forgetting and generalization metrics
 * ({@link moecl.dnn.plugin.NeuralMetrics}).
 */
package moecl.dnn.plugin;
