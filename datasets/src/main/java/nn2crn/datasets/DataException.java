package nn2crn.datasets;

/**
 * A problem with input data that the user can fix (a missing, corrupt or malformed file).
 * Its message is one line meant to be shown as it is, without a stack trace.
 */
public class DataException extends RuntimeException {
    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
