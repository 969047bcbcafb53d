package moecl.spi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A plugin SPI type plugin authors can rely on: it changes only in ways that keep compiled plugins working (new
 * default methods, new optional capabilities) within a major version of moecl.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Stable {
}
