package nn2crn.crn;

/** A CRN or CRN file that is malformed or cannot be compiled; the message is one line for the user. */
public class CrnException extends RuntimeException {

    public CrnException(String message) {
        super(message);
    }
}
