package moecl.shell.repl;

/**
 * One line of a chart: a label and the value at rounds 1..n ({@code NaN} where there is none).
 */
record Series(String label, double[] values) {
}
