package moecl.dnn.data;

import java.io.Serial;

/**
 * No directory on the MNIST search path holds the four files. The message is one line listing every place looked
 * at and what was missing there, so the user can fix it without reading code.
 */
public final class MnistNotFoundException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    public MnistNotFoundException(String message) {
        super(message);
    }
}
