package nn2crn.cli;

import nn2crn.crn.CrnException;
import nn2crn.datasets.DataException;
import nn2crn.network.NetworkFormatException;
import nn2crn.train.ConfigException;

import java.io.UncheckedIOException;
import java.util.List;

/** The exceptions whose message is meant for the user as it is. */
final class UserErrors {

    private static final List<Class<? extends Exception>> USER_ERRORS = List.of(
            DataException.class, ConfigException.class, NetworkFormatException.class, CrnException.class,
            UncheckedIOException.class);

    private UserErrors() {
    }

    static boolean isUserError(Exception e) {
        return USER_ERRORS.stream().anyMatch(type -> type.isInstance(e));
    }
}
