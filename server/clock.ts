// The one place the code reads the time. Operations take `now` as a parameter
// that defaults to `clock.now()`, so a test can pass any instant; a whole
// process tree (the tests' PostgreSQL included) can be moved with faketime.
// ESLint refuses `new Date()` and `Date.now()` everywhere else.

export const clock = {
  /** The current instant. */
  // eslint-disable-next-line no-restricted-syntax -- the one place the clock is read
  now: (): Date => new Date(),
  /** The current instant in milliseconds since the epoch. */
  // eslint-disable-next-line no-restricted-syntax -- the one place the clock is read
  nowMs: (): number => Date.now(),
};
