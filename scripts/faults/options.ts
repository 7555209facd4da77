/**
 * Reads `--name value` from the command line as a positive number.
 *
 * @throws {RangeError} naming the option when its value is not a positive number.
 */
export function numberOption(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  if (index === -1) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isFinite(value) || value <= 0) {
    throw new RangeError(
      `--${name} must be a positive number, got "${process.argv[index + 1]}".`,
    );
  }
  return value;
}
