/**
 * The file sandbox of scripts: {@link moecl.script.sandbox.SandboxFileSystem} is the file system a script sees,
 * limited to its working directory, the run folders and the {@code --allow-io} folders (the host's own writes for
 * {@code plot} and {@code writeCsv} pass the same checks); {@link moecl.script.sandbox.WriteGuard} keeps every
 * write under the writable folders and the languages' internal resources read-only;
 * {@link moecl.script.sandbox.ForwardingFileSystem} is the delegating base both extend.
 */
package moecl.script.sandbox;
