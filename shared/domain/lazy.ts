/**
 * A value built on its first use and kept. Schemas are declared this way: building one runs
 * many constructors (and formats the limits in its messages), so a function's cold start should
 * pay only for the schemas its requests use, when they first use them, not for every schema in
 * the modules it imports.
 */
export function lazy<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  return () => {
    built ??= { value: build() };
    return built.value;
  };
}
