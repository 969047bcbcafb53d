package moecl.shell;

import java.nio.file.Path;

/**
 * The moecl home folder, which holds {@code plugins/} and the REPL's {@code history}: the {@code moecl.home}
 * property, else {@code MOECL_HOME}, else {@code ~/.moecl}. Java takes {@code ~} from the password database, not
 * from {@code HOME}, so {@code MOECL_HOME} (or {@code --no-home-plugins}) is how a run is kept from the user's
 * plugins.
 */
public final class MoeclHome {

    private MoeclHome() {
    }

    /** The folder (it may not exist), or {@code null} when neither a setting nor {@code user.home} names one. */
    public static Path folder() {
        String home = System.getProperty("moecl.home", System.getenv("MOECL_HOME"));
        if (home != null && !home.isBlank()) {
            return Path.of(home);
        }
        String user = System.getProperty("user.home");
        return user == null || user.isBlank() ? null : Path.of(user, ".moecl");
    }
}
