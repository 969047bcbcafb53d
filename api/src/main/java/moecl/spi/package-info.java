/**
 * Markers for the plugin SPI's stability: {@link moecl.spi.Stable} types change only compatibly within a major
 * version; {@link moecl.spi.Experimental} ones may still change. This package depends on nothing.
 */
package moecl.spi;
