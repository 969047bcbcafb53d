/**
 * What a router plugin implements: {@link moecl.router.Router} (choose the expert of each task, learn from the
 * outcome, possibly freeze) and the {@link moecl.router.Decision} it returns.
 */
package moecl.router;
