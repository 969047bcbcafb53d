/**
 * MNIST on disk: {@link moecl.dnn.data.IdxReader} reads IDX files (gzip-compressed or raw) into
 * {@link moecl.dnn.data.IdxImages} and {@link moecl.dnn.data.IdxLabels}; {@link moecl.dnn.data.MnistData} finds the
 * four standard files on the search path and gives the two {@link moecl.dnn.data.MnistSplit}s. A bad file is an
 * {@link moecl.dnn.data.IdxFormatException}, missing files a {@link moecl.dnn.data.MnistNotFoundException}, each
 * with a one-line message.
 */
package moecl.dnn.data;
