package nn2crn.network;

/** A {@code network.json} that cannot be used; the message names the file and the field. */
public class NetworkFormatException extends RuntimeException {
    public NetworkFormatException(String message) {
        super(message);
    }
}
